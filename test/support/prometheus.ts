/**
 * Prometheus' own tools as the oracle for the metrics endpoint: the text parser of the Python
 * prometheus_client (apt python3-prometheus-client) and `promtool check metrics` (from the
 * prometheus package, unpacked under .test-peers by scripts/test-peers/install.sh).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './peers.js';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: string;
  help: string;
  samples: Sample[];
}

const PARSE = `
import json, math, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(sys.stdin.read()):
    out.append({"name": family.name, "type": family.type, "help": family.documentation,
                "samples": [{"name": s.name, "labels": s.labels, "value": s.value if math.isfinite(s.value) else None}
                            for s in family.samples]})
print(json.dumps(out))
`;

/** Parses the exposition text with prometheus_client; throws what the parser says about bad text. */
export function parseExposition(text: string): Family[] {
  const result = spawnSync('/usr/bin/python3', ['-c', PARSE], { input: text, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`prometheus_client cannot parse the metrics: ${result.stderr}`);
  return JSON.parse(result.stdout) as Family[];
}

/** What `promtool check metrics` finds wrong (names, units, help, types); [] when nothing. */
export function lintExposition(text: string): string[] {
  const result = spawnSync(join(ROOT, '.test-peers/prometheus/usr/bin/promtool'), ['check', 'metrics'], {
    input: text,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
}

/** The value of one sample, by metric name and labels; undefined when there is none. */
export function sampleValue(
  families: Family[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const family of families) {
    for (const sample of family.samples) {
      if (sample.name !== name) continue;
      if (Object.entries(labels).every(([k, v]) => sample.labels[k] === v)) return sample.value;
    }
  }
  return undefined;
}
