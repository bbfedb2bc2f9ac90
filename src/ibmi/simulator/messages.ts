import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The simulated IBM i's messages: the history log QHST (kept in log versions QHSTyydddn, as
 * IBM's "System history log" page, 7.1 rbam6/systl.htm, describes) and message queues with
 * their message keys. Persisted beside the journal so a restarted simulator keeps them.
 *
 * What IBM documents and we follow (V): QHST has no message key; message timestamps are not
 * unique from 7.2 on (rzaq9osMSGtimestamp.htm); CLRMSGQ removes every message of a queue; a
 * deleted log version takes its messages with it. What we chose where IBM says nothing (K):
 * keys increase by one per message in a queue and are not reused after a clear.
 */
export interface SimulatedMessage {
  /** Null for an impromptu message and for a reply. */
  id: string | null;
  /** COMPLETION, DIAGNOSTIC, ESCAPE, INFORMATIONAL, INQUIRY, NOTIFY, REPLY, REQUEST, SENDER. */
  type: string;
  subtype: string | null;
  severity: number;
  /** As Mapepire renders a TIMESTAMP: `YYYY-MM-DD HH:MM:SS.ffffff`. */
  timestamp: string;
  fromUser: string;
  /** Qualified job name `number/user/name`. */
  fromJob: string;
  fromProgram: string;
  file: string | null;
  fileLibrary: string | null;
  /** First-level text with its tokens filled in; null for a reply. */
  text: string | null;
  secondLevel: string | null;
  /** Queue messages only: the message key and, on a reply, the key of its inquiry. */
  key?: number;
  associatedKey?: number | null;
}

interface HistoryVersion {
  /** QHSTyydddn: the Julian date of its first message and a sequence character. */
  name: string;
  messages: SimulatedMessage[];
}

interface QueueState {
  messages: SimulatedMessage[];
  nextKey: number;
}

interface MessagesState {
  history: HistoryVersion[];
  queues: Record<string, QueueState>;
}

/** Messages per QHST log version before the system starts a new one (QHSTLOGSIZ). */
const VERSION_SIZE = 500;
const VERSION_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export class SimulatedMessages {
  private constructor(
    private readonly path: string,
    private readonly state: MessagesState,
  ) {}

  /** The messages kept in `directory`; QSYSOPR exists from the start, QSYSMSG only if asked. */
  static open(directory: string, options: { qsysmsg: boolean }): SimulatedMessages {
    const path = join(directory, 'messages.json');
    if (existsSync(path)) return new SimulatedMessages(path, JSON.parse(readFileSync(path, 'utf8')));
    const queues: Record<string, QueueState> = { 'QSYS/QSYSOPR': { messages: [], nextKey: 1 } };
    if (options.qsysmsg) queues['QSYS/QSYSMSG'] = { messages: [], nextKey: 1 };
    return new SimulatedMessages(path, { history: [], queues });
  }

  save(): void {
    writeFileSync(`${this.path}.tmp`, JSON.stringify(this.state));
    renameSync(`${this.path}.tmp`, this.path);
  }

  /** The messages of a queue (`LIB/NAME`), or undefined when the queue does not exist. */
  queue(name: string): readonly SimulatedMessage[] | undefined {
    return this.state.queues[name]?.messages;
  }

  /** Every QHST message still in a log version, oldest version first. */
  history(): SimulatedMessage[] {
    return this.state.history.flatMap((version) => version.messages);
  }

  get historyVersions(): readonly string[] {
    return this.state.history.map((version) => version.name);
  }

  /**
   * Sends a message to queues (`LIB/NAME`) and, with `QHST` among them, to the history log.
   * A queue that does not exist does not get it (as QSYSMSG when nobody created it).
   * Returns the key it got in each queue.
   */
  send(targets: readonly string[], message: SimulatedMessage): Map<string, number> {
    const keys = new Map<string, number>();
    for (const target of targets) {
      if (target === 'QHST') {
        this.appendHistory({ ...message, key: undefined, associatedKey: undefined });
        continue;
      }
      const queue = this.state.queues[target];
      if (!queue) continue;
      const key = queue.nextKey++;
      queue.messages.push({ ...message, key });
      keys.set(target, key);
    }
    return keys;
  }

  /** CLRMSGQ: every message of the queue is gone. */
  clearQueue(name: string): void {
    const queue = this.state.queues[name];
    if (queue) queue.messages = [];
  }

  /** CRTMSGQ. */
  createQueue(name: string): void {
    this.state.queues[name] ??= { messages: [], nextKey: 1 };
  }

  /** DLTF of the oldest log versions (what cleanup does): their messages are gone for good. */
  deleteOldestVersions(count: number): void {
    this.state.history.splice(0, count);
  }

  private appendHistory(message: SimulatedMessage): void {
    let current = this.state.history.at(-1);
    if (!current || current.messages.length >= VERSION_SIZE) {
      current = { name: '', messages: [] };
      this.state.history.push(current);
    }
    if (current.name === '') current.name = this.versionName(message.timestamp);
    current.messages.push(message);
  }

  /** QHST + yyddd of the first message + the next free sequence character of that date. */
  private versionName(timestamp: string): string {
    const date = new Date(`${timestamp.slice(0, 10)}T00:00:00Z`);
    const day = Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
    const prefix = `QHST${String(date.getUTCFullYear() % 100).padStart(2, '0')}${String(day).padStart(3, '0')}`;
    const taken = new Set(this.state.history.map((version) => version.name));
    const free = [...VERSION_CHARACTERS].find((c) => !taken.has(prefix + c)) ?? 'Z';
    return prefix + free;
  }
}
