import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../../../src/agent/config/load.js';
import { ROOT } from '../../../support/peers.js';

test('docs/configuration.md matches the schemas', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-config-docs.ts', '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
});

test('examples/agent.yaml is valid', () => {
  const result = loadConfig(join(ROOT, 'examples/agent.yaml'), { AUDITRELAY_PASSWORD: 'x' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
});

test('docs/entry-types.md matches the catalog and the normalization specs', () => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/gen-entry-types-docs.ts', '--check'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
});
