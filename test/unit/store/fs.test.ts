import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeFileSystem, readFully, replaceFile, type StoreFile, writeFully } from '../../../src/store/fs.js';
import { tempDir } from '../../support/peers.js';

/** A file in memory whose writes and reads move at most `step` bytes at a time. */
function chunkyFile(step: number, data: Buffer = Buffer.alloc(0)): StoreFile & { data: Buffer } {
  const file = {
    data,
    async read(buffer: Buffer, offset: number, length: number, position: number) {
      const n = Math.max(0, Math.min(step, length, file.data.length - position));
      file.data.copy(buffer, offset, position, position + n);
      return n;
    },
    async write(buffer: Buffer, offset: number, length: number, position: number) {
      const n = Math.min(step, length);
      const grown = Buffer.alloc(Math.max(file.data.length, position + n));
      file.data.copy(grown);
      buffer.copy(grown, position, offset, offset + n);
      file.data = grown;
      return n;
    },
    datasync: async () => {},
    truncate: async () => {},
    size: async () => file.data.length,
    close: async () => {},
  };
  return file;
}

test('writeFully loops over short writes', async () => {
  const file = chunkyFile(3);
  await writeFully(file, Buffer.from('audit journal'), 2);
  assert.deepEqual(file.data, Buffer.concat([Buffer.alloc(2), Buffer.from('audit journal')]));
});

test('writeFully fails instead of spinning when nothing is written', async () => {
  await assert.rejects(writeFully(chunkyFile(0), Buffer.from('x'), 0), /write returned 0/);
});

test('readFully loops over short reads and stops at the end of the file', async () => {
  const file = chunkyFile(4, Buffer.from('0123456789'));
  assert.equal((await readFully(file, 8, 1)).toString(), '12345678');
  assert.equal((await readFully(file, 8, 6)).toString(), '6789');
});

test('replaceFile replaces the content on the real filesystem and leaves no temp file', async () => {
  const directory = tempDir('fs');
  const path = join(directory, 'state.json');
  writeFileSync(path, 'old content that is longer');
  await replaceFile(nodeFileSystem, path, Buffer.from('new'));
  assert.equal(readFileSync(path, 'utf8'), 'new');
  assert.deepEqual(readdirSync(directory), ['state.json']);
  await replaceFile(nodeFileSystem, join(directory, 'other'), Buffer.from('x'), { sync: false });
  assert.ok(existsSync(join(directory, 'other')));
});

test('nodeFileSystem: positional reads and writes, truncate, size, directory listing', async () => {
  const directory = tempDir('fs');
  await nodeFileSystem.mkdir(join(directory, 'a/b'));
  const path = join(directory, 'a/b/file');
  const file = await nodeFileSystem.open(path, 'w+');
  await writeFully(file, Buffer.from('hello world'), 0);
  await file.datasync();
  assert.equal((await readFully(file, 5, 6)).toString(), 'world');
  await file.truncate(5);
  assert.equal(await file.size(), 5);
  await file.close();
  await nodeFileSystem.syncDirectory(join(directory, 'a/b'));
  assert.deepEqual(await nodeFileSystem.readdir(join(directory, 'a/b')), ['file']);
  await nodeFileSystem.rename(path, `${path}2`);
  assert.equal((await nodeFileSystem.readFile(`${path}2`)).toString(), 'hello');
  await nodeFileSystem.unlink(`${path}2`);
  assert.deepEqual(await nodeFileSystem.readdir(join(directory, 'a/b')), []);
});
