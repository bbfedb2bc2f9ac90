import {
  mkdir,
  type FileHandle as NodeFileHandle,
  open,
  readdir,
  readFile,
  rename,
  unlink,
} from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The filesystem as the store sees it. Everything in store/wal touches the disk only through
 * this interface, so tests can inject ENOSPC, failed syncs, torn writes and crashes
 * (Vector's disk buffer does the same with its `Filesystem` trait).
 */
export interface FileSystem {
  /** `r` read, `r+` read and write, `w` create or truncate for writing, `w+` also for reading. */
  open(path: string, flags: 'r' | 'r+' | 'w' | 'w+'): Promise<StoreFile>;
  readFile(path: string): Promise<Buffer>;
  /** Names of the entries in a directory. */
  readdir(path: string): Promise<string[]>;
  /** Creates the directory and its parents; no error when it exists. */
  mkdir(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** fsync of the directory itself, which makes created, renamed and deleted entries durable. */
  syncDirectory(path: string): Promise<void>;
}

export interface StoreFile {
  /** Reads at an absolute position; returns the number of bytes read (0 at end of file). */
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<number>;
  /** Writes at an absolute position; may write fewer bytes than asked (see writeFully). */
  write(buffer: Buffer, offset: number, length: number, position: number): Promise<number>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

class NodeStoreFile implements StoreFile {
  constructor(private readonly handle: NodeFileHandle) {}

  async read(buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
    return (await this.handle.read(buffer, offset, length, position)).bytesRead;
  }

  async write(buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
    return (await this.handle.write(buffer, offset, length, position)).bytesWritten;
  }

  datasync(): Promise<void> {
    return this.handle.datasync();
  }

  truncate(length: number): Promise<void> {
    return this.handle.truncate(length);
  }

  async size(): Promise<number> {
    return (await this.handle.stat()).size;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** The real filesystem (node:fs). */
export const nodeFileSystem: FileSystem = {
  async open(path, flags) {
    return new NodeStoreFile(await open(path, flags, 0o600));
  },
  readFile: (path) => readFile(path),
  readdir: (path) => readdir(path),
  async mkdir(path) {
    await mkdir(path, { recursive: true, mode: 0o700 });
  },
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  async syncDirectory(path) {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

/** Writes all of `buffer` at `position`, looping over short writes. */
export async function writeFully(file: StoreFile, buffer: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const written = await file.write(buffer, done, buffer.length - done, position + done);
    if (written <= 0) throw new Error(`write returned ${written} at position ${position + done}`);
    done += written;
  }
}

/** Reads up to `length` bytes at `position`, looping over short reads; shorter only at end of file. */
export async function readFully(file: StoreFile, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const read = await file.read(buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/**
 * Replaces a file so that a crash leaves either the old or the new content, never a mix:
 * write a temp file, fdatasync it, rename it over the target, fsync the directory;
 * `sync: false` skips both syncs.
 */
export async function replaceFile(
  fs: FileSystem,
  path: string,
  content: Buffer,
  options: { sync?: boolean } = {},
): Promise<void> {
  const sync = options.sync ?? true;
  const temp = `${path}.tmp`;
  const file = await fs.open(temp, 'w');
  try {
    await writeFully(file, content, 0);
    if (sync) await file.datasync();
  } finally {
    await file.close();
  }
  await fs.rename(temp, path);
  if (sync) await fs.syncDirectory(dirname(path));
}
