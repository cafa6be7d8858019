import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive/archive.js';
import { auditVerifyCommand } from '../../src/archive/cli-verify.js';
import { event } from '../../src/archive/contract.js';
import { ArchiveError } from '../../src/archive/errors.js';
import { createFsStore } from '../../src/archive/fs/index.js';
import { segmentKey } from '../../src/archive/keys.js';
import type { ArchivePort } from '../../src/archive/port.js';

describe('audit verify command', () => {
  let dir: string;
  let archive: ArchivePort;
  let lines: string[];
  const write = (line: string) => lines.push(line);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'berichtenpoort-verify-'));
    archive = await openArchive(createFsStore({ dir }), { segmentEvents: 2 });
    await archive.appendAudit([event(1), event(2), event(3)]);
    await archive.flushAudit();
    lines = [];
  });
  afterEach(async () => {
    await archive.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one JSON line and exits 0 on an intact chain', async () => {
    expect(await auditVerifyCommand(archive, { write })).toBe(0);
    expect(lines).toEqual(['{"ok":true,"events":3}']);
  });

  it('names the first break and exits 1 on a broken chain', async () => {
    await rm(path.join(dir, ...segmentKey(1).split('/')), { force: true });
    await writeFile(path.join(dir, ...segmentKey(1).split('/')), '{"seq":1}\n');
    expect(await auditVerifyCommand(archive, { write })).toBe(1);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      ok: false,
      firstBreak: { seq: 1, segment: segmentKey(1), reason: 'malformed' },
    });
  });

  it('exits 3 with the error code when the archive cannot be read', async () => {
    const unreadable: Pick<ArchivePort, 'readAuditSegments'> = {
      // eslint-disable-next-line require-yield
      async *readAuditSegments() {
        throw new ArchiveError('UNAVAILABLE', 'bucket unreachable', { cause: new Error('ECONNREFUSED') });
      },
    };
    expect(await auditVerifyCommand(unreadable, { write })).toBe(3);
    expect(JSON.parse(lines[0]!)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
