/**
 * Outbox payload references: archived bytes (`sha256:`) are published as stored; a back-office envelope
 * (`envelope:`) is built from the archived XML when published, and must be exactly the envelope the
 * message's validation produced when it came in.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsStore } from '../../src/archive/fs/index.js';
import { openArchive } from '../../src/archive/archive.js';
import type { ArchivePort } from '../../src/archive/port.js';
import { MessageValidator } from '../../src/validation/validator.js';
import {
  archiveRef,
  backOfficeRows,
  envelopeRef,
  payloadOf,
  shaOfRef,
} from '../../src/pipeline/destinations.js';
import { officialExamples } from '../support/paths.js';

let dir: string;
let archive: ArchivePort;
const validator = new MessageValidator();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bp-destinations-'));
  archive = await openArchive(createFsStore({ dir }));
});
afterAll(async () => {
  await archive.close();
  validator.dispose();
  await rm(dir, { recursive: true, force: true });
});

const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));

describe('payload references', () => {
  for (const name of ['WMO305.xml', 'JW301.xml']) {
    it(`builds the back-office envelope of ${name} from its archived XML`, async () => {
      const xml = readFileSync(officialExamples().find((f) => f.endsWith(`/${name}`))!);
      const { sha256 } = await archive.putRaw(xml);
      const { report, json, message } = validator.inspect(xml, name);
      expect(report.verdict).toBe('accepted');
      const [row] = backOfficeRows(
        '0599',
        [{ destination: { kind: 'queue', name: 'backoffice.0599' }, index: 0 }],
        { message: message!.name, verdict: report.verdict, xmlSha256: sha256 },
        { 'bp-message-type': message!.name },
      );
      expect(row).toEqual({
        destination: 'backoffice.0599',
        payloadRef: `envelope:accepted:${message!.name}:${sha256}`,
        headers: { 'bp-message-type': message!.name },
      });
      expect(decode(await payloadOf(archive, row!.payloadRef))).toEqual({
        kind: 'bericht',
        message: message!.name,
        standard: message!.standard,
        verdict: 'accepted',
        xmlSha256: sha256,
        json,
      });
      expect(shaOfRef(row!.payloadRef)).toBe(sha256);
    });
  }

  it('publishes archived bytes as stored', async () => {
    const bytes = new TextEncoder().encode('<x/>');
    const { sha256 } = await archive.putRaw(bytes);
    expect(await payloadOf(archive, archiveRef(sha256))).toEqual(bytes);
    expect(shaOfRef(archiveRef(sha256))).toBe(sha256);
  });

  it('refuses what is not a payload reference, and an envelope of an unknown message', async () => {
    const sha = 'a'.repeat(64);
    for (const ref of [
      's3://x',
      `sha256:${sha.slice(1)}`,
      `envelope:accepted:WMO305:${sha}x`,
      'envelope::WMO305:',
    ]) {
      expect(() => shaOfRef(ref)).toThrow(/not a payload reference/);
    }
    await expect(
      payloadOf(archive, envelopeRef({ message: 'WMO999', verdict: 'accepted', xmlSha256: sha })),
    ).rejects.toThrow(/unknown message: WMO999/);
  });
});
