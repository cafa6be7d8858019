/**
 * Filesystem adapter: the archive as a directory (the embedded default, under DATA_DIR).
 *
 * Write-once without a race: the bytes go to a temp file in `<dir>/.tmp/`, which is fsynced and then
 * hard-linked to its key. link(2) fails with EEXIST when the key exists, so the check and the write are
 * one atomic step (rename(2) would silently replace, and Node has no renameat2 RENAME_NOREPLACE). The
 * parent directories are fsynced so the new name survives a power cut. Objects are created read-only
 * (0444) as a guard against slips, not against an attacker with write access to the directory.
 * The directory must be on a filesystem with hard links (ext4, xfs, btrfs, APFS, NTFS do).
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ArchiveError } from '../errors.js';
import type { ObjectStore } from '../port.js';

export interface FsStoreOptions {
  /** The archive's root directory; created when missing. */
  readonly dir: string;
}

const TMP_DIR = '.tmp';
/** Temp files older than this are leftovers of a crash, not a write in progress. */
const STALE_TMP_MS = 60 * 60 * 1000;

export const createFsStore = (options: FsStoreOptions): ObjectStore => {
  const root = path.resolve(options.dir);
  const tmpDir = path.join(root, TMP_DIR);
  let tmpReady: Promise<void> | undefined;
  const pathOf = (key: string) => path.join(root, ...key.split('/'));

  return {
    async putIfAbsent(key, bytes) {
      const target = pathOf(key);
      const tmp = path.join(tmpDir, `${randomUUID()}.tmp`);
      try {
        // Prepared once per store; a failure is not cached, so the next put tries again.
        tmpReady ??= prepareTmp(tmpDir).catch((error: unknown) => {
          tmpReady = undefined;
          throw error;
        });
        await tmpReady;
        await mkdirDurable(path.dirname(target));
        const file = await open(tmp, 'wx', 0o444);
        try {
          await file.writeFile(bytes);
          await file.sync();
        } finally {
          await file.close();
        }
        try {
          await link(tmp, target);
        } catch (error) {
          if (errno(error) === 'EEXIST') return false;
          throw error;
        }
        await fsyncDir(path.dirname(target));
        return true;
      } catch (error) {
        // A write never means "not found": any failure here is the directory being unusable.
        throw error instanceof ArchiveError ? error : unavailable(error, key);
      } finally {
        await unlink(tmp).catch(() => undefined);
      }
    },

    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        throw toArchiveError(error, key);
      }
    },

    async head(key) {
      try {
        const info = await stat(pathOf(key));
        return info.isFile() ? { size: info.size } : undefined;
      } catch (error) {
        if (isAbsent(error)) return undefined;
        throw toArchiveError(error, key);
      }
    },

    async *list(prefix) {
      // Walk only the directory the prefix names, then sort: keys across subdirectories must come out in
      // byte order, which a depth-first walk does not give ('a-b' sorts before 'a/x').
      const base = prefix.slice(0, prefix.lastIndexOf('/') + 1);
      let keys: string[];
      try {
        keys = await walk(root, base);
      } catch (error) {
        throw toArchiveError(error, prefix);
      }
      yield* keys.filter((key) => key.startsWith(prefix)).sort();
    },

    async close() {},
  };
};

async function walk(root: string, relDir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, ...relDir.split('/').filter(Boolean)), { withFileTypes: true });
  } catch (error) {
    if (isAbsent(error)) return [];
    throw error;
  }
  const keys: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) keys.push(...(await walk(root, `${relDir}${entry.name}/`)));
    else if (entry.isFile()) keys.push(`${relDir}${entry.name}`);
  }
  return keys;
}

/** Creates the directory and fsyncs the parent of every directory it had to create. */
async function mkdirDurable(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  for (let created = dir; ; created = path.dirname(created)) {
    await fsyncDir(path.dirname(created));
    if (created === first || created === path.dirname(created)) break;
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function prepareTmp(tmpDir: string): Promise<void> {
  await mkdir(tmpDir, { recursive: true });
  const now = Date.now();
  for (const name of await readdir(tmpDir)) {
    const file = path.join(tmpDir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && now - info.mtimeMs > STALE_TMP_MS) await unlink(file).catch(() => undefined);
  }
}

function errno(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function isAbsent(error: unknown): boolean {
  const code = errno(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function toArchiveError(error: unknown, key: string): ArchiveError {
  if (error instanceof ArchiveError) return error;
  if (isAbsent(error) || errno(error) === 'EISDIR')
    return new ArchiveError('NOT_FOUND', key, { cause: error });
  return unavailable(error, key);
}

function unavailable(error: unknown, key: string): ArchiveError {
  return new ArchiveError('UNAVAILABLE', `Filesystem error ${errno(error) ?? 'unknown'} on ${key}.`, {
    cause: error,
  });
}
