import type { Formatter } from '../core/component.js';
import type { SecurityEvent } from '../core/event.js';

/**
 * Formatters shared between sinks whose format and limits are equal, so that an event is
 * formatted once for all of them. The sinks of a source deliver the same event objects while
 * they keep up (the pipeline's recent events), so a formatted message is remembered per event
 * object — weakly, nothing outlives its event. A formatter used by one sink only formats: the
 * memo is taken only once a second sink asks for the same format.
 */
export class SharedFormats {
  private readonly byKey = new Map<
    string,
    { format: Formatter; users: number; memo: WeakMap<SecurityEvent, string> }
  >();

  /** The formatter for `key` (equal keys: equal formats), compiled by `compile` the first time. */
  get(key: string, compile: () => Formatter): Formatter {
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { format: compile(), users: 0, memo: new WeakMap() };
      this.byKey.set(key, entry);
    }
    entry.users++;
    const { format, memo } = entry;
    const shared = entry;
    return (event) => {
      if (shared.users < 2) return format(event);
      let message = memo.get(event);
      if (message === undefined) {
        message = format(event);
        memo.set(event, message);
      }
      return message;
    };
  }
}
