import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runArchiveContract } from '../../src/archive/contract.js';
import { createFsStore } from '../../src/archive/fs/index.js';

runArchiveContract(
  'filesystem',
  async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berichtenpoort-archive-'));
    const blocker = path.join(dir, 'not-a-directory');
    await writeFile(blocker, 'x');
    const root = path.join(dir, 'archive');
    const file = (key: string) => path.join(root, ...key.split('/'));
    return {
      open: () => createFsStore({ dir: root }),
      // A path beneath a regular file: no directory can ever be created there.
      openBroken: () => createFsStore({ dir: path.join(blocker, 'archive') }),
      async overwrite(key, bytes) {
        // Objects are created read-only; an attacker with write access to the directory just changes that.
        await chmod(file(key), 0o644).catch(() => undefined);
        await rm(file(key), { force: true });
        await writeFile(file(key), bytes);
      },
      remove: (key) => rm(file(key), { force: true }),
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  },
  { atomicPutIfAbsent: true },
);
