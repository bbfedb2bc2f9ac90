import { isDeepStrictEqual } from 'node:util';
import type { AgentConfig } from './config/schema.js';

/** A source's or sink's name (logs, metrics) and state id (WAL, cursor). */
export interface Identity {
  name: string;
  id: string;
}

export function identities(config: AgentConfig): { sources: Identity[]; sinks: Identity[] } {
  const of = (kind: string) => (c: { name?: string; id?: string }, index: number) => {
    const name = c.name ?? `${kind}-${index + 1}`;
    return { name, id: c.id ?? name };
  };
  return { sources: config.sources.map(of('source')), sinks: config.sinks.map(of('sink')) };
}

/** What a reload changes: by index into the new configuration's sources and sinks. */
export interface ReloadPlan {
  /** Changes that need a restart; when there is any, nothing is applied. */
  refused: string[];
  replaceSources: number[];
  replaceSinks: number[];
  addSinks: number[];
  log: boolean;
  metrics: boolean;
}

/**
 * Which changes apply while running and which need a restart. Sources and sinks are matched by
 * state id. Live: log settings, the metrics address, a changed source or sink (restarted
 * between batches), a new sink. Not live: the state directory and buffer (the WALs stay
 * open), a new source, and a removed or renamed source or sink — its state must be renamed
 * or dropped on purpose (`auditrelay state`), which needs the agent stopped.
 */
export function planReload(current: AgentConfig, next: AgentConfig): ReloadPlan {
  const refused: string[] = [];
  if (current.state !== next.state) refused.push('state: the state directory changes at the next start');
  if (!isDeepStrictEqual(current.buffer, next.buffer))
    refused.push('buffer: the write-ahead logs change at the next start');
  const was = identities(current);
  const now = identities(next);
  const matching = (kind: 'sources' | 'sinks') => {
    const changed: number[] = [];
    const added: number[] = [];
    now[kind].forEach((identity, index) => {
      const before = was[kind].findIndex((w) => w.id === identity.id);
      if (before < 0) added.push(index);
      else if (!isDeepStrictEqual(current[kind][before], next[kind][index])) changed.push(index);
    });
    for (const gone of was[kind].filter((w) => !now[kind].some((n) => n.id === w.id))) {
      const singular = kind.slice(0, -1);
      refused.push(
        `${singular} ${gone.id} is gone. Renamed? Give it \`id: ${gone.id}\` and reload. Removed? Its state stays until you stop the agent and run auditrelay state drop ${singular} ${gone.id}`,
      );
    }
    return { changed, added };
  };
  const sources = matching('sources');
  const sinks = matching('sinks');
  for (const index of sources.added)
    refused.push(`source ${now.sources[index]!.id} is new: sources are added at a start`);
  return {
    refused,
    replaceSources: sources.changed,
    replaceSinks: sinks.changed,
    addSinks: sinks.added,
    log: !isDeepStrictEqual(current.log, next.log),
    metrics: !isDeepStrictEqual(current.metrics, next.metrics),
  };
}
