import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../../../src/agent/config/load.js';
import { ROOT, tempDir } from '../../../support/peers.js';

test('docs/configuration.md matches the schemas', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-config-docs.ts', '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
});

/** The files each example expects next to it (its comments say where they come from). */
const EXAMPLE_FILES: Record<string, string[]> = {
  'agent.yaml': ['../sim/server-cert.pem'],
};

test('every example configuration is valid, given the files it names', () => {
  const examples = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.yaml'));
  assert.deepEqual(examples.sort(), Object.keys(EXAMPLE_FILES).sort());
  for (const name of examples) {
    const dir = join(tempDir('example'), 'examples');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(ROOT, 'examples', name), join(dir, name));
    for (const file of EXAMPLE_FILES[name]!) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), 'PEM\n');
    }
    const result = loadConfig(join(dir, name), { AUDITRELAY_PASSWORD: 'x' });
    assert.ok(result.ok, `${name}: ${JSON.stringify(!result.ok && result.problems)}`);
    assert.deepEqual(result.warnings, [], name);
  }
});

test('docs/entry-types.md matches the catalog and the normalization specs', () => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/gen-entry-types-docs.ts', '--check'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
});
