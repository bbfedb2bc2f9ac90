import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../support/peers.js';

test('the npm package carries the license, the examples and the operations guide', () => {
  const [pack] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }),
  ) as [{ files: { path: string }[] }];
  const files = new Set(pack.files.map((f) => f.path));
  for (const path of [
    'LICENSE',
    'README.md',
    'docs/operations.md',
    'examples/agent.yaml',
    'examples/linux/agent.yaml',
    'examples/linux/auditrelay.service',
    'examples/ibmi/agent.yaml',
    'examples/ibmi/auditrelay.yaml',
    'examples/ibmi/AUDITRELAY.clle',
  ]) {
    assert.ok(files.has(path), `${path} is in the package`);
  }
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string };
  assert.equal(manifest.license, 'Apache-2.0');
  assert.match(
    readFileSync(join(ROOT, 'LICENSE'), 'utf8'),
    /^\s+Apache License\n\s+Version 2\.0, January 2004\n/,
  );
});
