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

/** Each example configuration and the files it expects next to it (its comments say where they come from). */
const EXAMPLES: Record<string, string[]> = {
  'agent.yaml': ['../sim/server-cert.pem'],
  'linux/agent.yaml': ['ibmi-ca.pem', 'siem-ca.pem', 'credentials/ibmi-password'],
  'ibmi/agent.yaml': ['ibmi-password', 'mapepire-ca.pem', 'siem-ca.pem'],
};

test('every example configuration is valid and warns of nothing, given the files it names', () => {
  const found = (dir: string): string[] =>
    readdirSync(join(ROOT, 'examples', dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? found(join(dir, entry.name))
        : entry.name === 'agent.yaml'
          ? [join(dir, entry.name)]
          : [],
    );
  assert.deepEqual(found('').sort(), Object.keys(EXAMPLES).sort());
  for (const [name, files] of Object.entries(EXAMPLES)) {
    const dir = join(tempDir('example'), 'examples');
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    copyFileSync(join(ROOT, 'examples', name), join(dir, name));
    for (const file of files) {
      mkdirSync(dirname(join(dir, dirname(name), file)), { recursive: true });
      writeFileSync(join(dir, dirname(name), file), 'content\n');
    }
    const result = loadConfig(join(dir, name), {
      AUDITRELAY_PASSWORD: 'x',
      CREDENTIALS_DIRECTORY: join(dir, dirname(name), 'credentials'),
    });
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
