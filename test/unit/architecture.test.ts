import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../support/peers.js';

/**
 * "Arrows point down" (docs/architecture.md): the folders of src/ form layers, and a module
 * may import only from its own folder or from a lower layer. core/ is the floor and imports
 * nothing else from src/; agent/ is the only folder that assembles sources, sinks, formats and
 * the store; cli/ is the roof.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['core'],
  ['telemetry', 'events', 'testkit'],
  ['ibmi', 'formats', 'store'],
  ['sources', 'sinks'],
  ['agent'],
  ['cli'],
];

const SRC = join(ROOT, 'src');

function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const folderOf = (path: string) => relative(SRC, path).split('/')[0]!;
const layerOf = (folder: string) => LAYERS.findIndex((layer) => layer.includes(folder));

/** Folder → folder arrows of src/, each with one module that draws it. */
function arrows(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of modules(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), match[1]!);
      if (!target.startsWith(SRC)) continue;
      const from = folderOf(file);
      const to = folderOf(target);
      if (from !== to && !found.has(`${from} -> ${to}`)) found.set(`${from} -> ${to}`, relative(ROOT, file));
    }
  }
  return found;
}

test('every folder of src/ has a layer', () => {
  const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
  assert.deepEqual(
    folders.filter((folder) => layerOf(folder) < 0),
    [],
    'add new folders to LAYERS here and to docs/architecture.md',
  );
});

test('imports point down: no arrow up or sideways between folders, so no cycles', () => {
  const wrong = [...arrows()]
    .filter(([arrow]) => {
      const [from, to] = arrow.split(' -> ') as [string, string];
      return layerOf(to) >= layerOf(from);
    })
    .map(([arrow, file]) => `${arrow} (${file})`);
  assert.deepEqual(wrong, []);
});

test('core/ imports nothing else from src/', () => {
  const fromCore = [...arrows().keys()].filter((arrow) => arrow.startsWith('core -> '));
  assert.deepEqual(fromCore, []);
});
