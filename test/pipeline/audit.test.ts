/**
 * The audit trail across a crash: the archive loses its unsealed events, the ledger keeps them, and the
 * next start puts them back into the chain so it has neither a gap nor a fork.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive/archive.js';
import { verifyAuditChain } from '../../src/archive/audit-verify.js';
import { createFsStore } from '../../src/archive/fs/index.js';
import { createPgliteLedger } from '../../src/ledger/pglite/index.js';
import type { Ledger } from '../../src/ledger/port.js';
import { createLogger } from '../../src/log/logger.js';
import { AuditTrail } from '../../src/pipeline/audit.js';

const logger = createLogger({ level: 'error' });

describe('audit trail', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bp-audit-'));
    ledger = await createPgliteLedger({});
  });
  afterEach(async () => {
    await ledger.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('mirrors every event into the ledger in seq order, also when recorded concurrently', async () => {
    const archive = await openArchive(createFsStore({ dir }));
    const trail = new AuditTrail(archive, ledger, logger);
    await Promise.all(Array.from({ length: 200 }, (_, i) => trail.record('test.event', `m${i}`, 'test')));
    const events = await ledger.listAuditEvents({ limit: 500 });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    await archive.close();
  });

  it('after a crash, puts the events the archive lost back into the chain; new events follow them', async () => {
    const before = await openArchive(createFsStore({ dir }));
    const first = new AuditTrail(before, ledger, logger);
    for (let i = 0; i < 5; i++) await first.record('test.sealed', `m${i}`, 'test');
    await before.flushAudit();
    for (let i = 5; i < 12; i++) await first.record('test.unsealed', `m${i}`, 'test');
    // The process dies here: `before` is never flushed or closed.

    const after = await openArchive(createFsStore({ dir }));
    expect((await after.auditHead())?.seq).toBe(5);
    const second = new AuditTrail(after, ledger, logger);
    expect(await second.resync()).toBe(7);
    expect(await after.auditHead()).toEqual(await ledger.auditHead());
    await second.record('test.after', 'm12', 'test');
    await after.flushAudit();
    const head = await ledger.auditHead();
    expect(head?.seq).toBe(13);
    expect(await verifyAuditChain(after, { expectedHead: head! })).toEqual({ ok: true, events: 13 });
    await after.close();
  });

  it('copies sealed events the ledger missed into the ledger', async () => {
    const archive = await openArchive(createFsStore({ dir }));
    await archive.appendAudit([
      { at: new Date().toISOString(), type: 't', subject: 's', actor: 'a', data: {} },
    ]);
    await archive.flushAudit();
    const trail = new AuditTrail(archive, ledger, logger);
    expect(await trail.resync()).toBe(1);
    expect((await ledger.auditHead())?.seq).toBe(1);
    await archive.close();
  });
});
