/**
 * PGlite does not stop a second instance from opening the same data directory, and two writers would
 * corrupt it. A lock file beside the data (`<dataDir>.lock`, holding the owner's pid) makes the embedded
 * ledger single-writer. A lock left by a process that is gone is taken over; one held by a live process,
 * or by another ledger in this process, is refused.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { LedgerError } from '../errors.js';

/** Locks this process holds: a pid file naming our own pid is only ours if it is in here. */
const held = new Set<string>();

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const path = `${dataDir}.lock`;
  if (held.has(path)) throw busy(dataDir, 'this process');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      held.add(path);
      return {
        release: () => {
          held.delete(path);
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new LedgerError('UNAVAILABLE', `Cannot create the lock file ${path}.`, { cause: error });
      }
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (owner !== process.pid && alive(owner)) throw busy(dataDir, `process ${owner}`);
      // Stale: its process is gone (or it names us after a restart with a recycled pid).
      rmSync(path, { force: true });
    }
  }
  throw busy(dataDir, 'another process');
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busy(dataDir: string, owner: string): LedgerError {
  return new LedgerError('UNAVAILABLE', `The ledger data directory ${dataDir} is in use by ${owner}.`);
}
