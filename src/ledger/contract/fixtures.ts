/** Inputs for the contract suite: realistic headers, unique identifiers, nothing personal. */
import { createHash, randomBytes } from 'node:crypto';
import type { RecordMessageInput } from '../port.js';

const run = randomBytes(2).toString('hex');
let counter = 0;

/** Unique per call and at most 12 characters, like a real Identificatie. */
export function unique(): string {
  counter += 1;
  return `${run}${counter.toString(36).padStart(6, '0')}`;
}

export function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const GEMEENTE = '0363';
export const AANBIEDER = '12345678';

/** A JW315 from an aanbieder to a gemeente, just received; override what the test is about. */
export function heen(overrides: Partial<RecordMessageInput> = {}): RecordMessageInput {
  const identificatie = unique();
  return {
    direction: 'inbound',
    standard: 'ijw',
    messageName: 'JW315',
    berichtCode: '446',
    afzender: AANBIEDER,
    ontvanger: GEMEENTE,
    berichtIdentificatie: { identificatie, dagtekening: '2024-03-01' },
    sha256: sha256Of(identificatie),
    size: 2048,
    state: 'received',
    cause: { actor: 'pipeline' },
    ...overrides,
  };
}

/** The retour answering `heenInput`: header copied, own IdentificatieRetour, sent by the heen's Ontvanger. */
export function retourOf(
  heenInput: RecordMessageInput,
  overrides: Partial<RecordMessageInput> = {},
): RecordMessageInput {
  const identificatie = unique();
  return {
    ...heenInput,
    direction: 'outbound',
    messageName: 'JW316',
    berichtCode: '447',
    identificatieRetour: { identificatie, dagtekening: '2024-03-02' },
    sha256: sha256Of(identificatie),
    size: 1024,
    state: 'accepted',
    links: [],
    conversationKeys: [],
    outbox: [],
    ...overrides,
  };
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Outcomes of promises run together: fulfilled values and rejection reasons. */
export async function settle<T>(promises: readonly Promise<T>[]): Promise<{ ok: T[]; failed: unknown[] }> {
  const results = await Promise.allSettled(promises);
  return {
    ok: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    failed: results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : [])),
  };
}
