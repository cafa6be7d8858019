/** The pure parts of the ledger: ids, cursors, keys, the transition table, error mapping. */
import { describe, expect, it } from 'vitest';
import { fromSqlState } from '../../src/ledger/errors.js';
import { decodeCursor, encodeCursor, isId, newId } from '../../src/ledger/ids.js';
import { fromPgError } from '../../src/ledger/pg/errors.js';
import { fromPgliteError } from '../../src/ledger/pglite/errors.js';
import {
  INITIAL_STATES,
  MESSAGE_STATES,
  TRANSITIONS,
  canTransition,
  idempotencyKeyOf,
} from '../../src/ledger/port.js';

describe('ids', () => {
  it('are UUIDv7 and strictly increasing within a process, even within one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => newId(1_700_000_000_000));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keep increasing when the clock goes back', () => {
    const a = newId(Date.now() + 60_000);
    const b = newId(Date.now());
    expect(b > a).toBe(true);
  });

  it('round-trip through opaque cursors; garbage decodes to nothing', () => {
    const id = newId();
    expect(isId(id)).toBe(true);
    expect(decodeCursor(encodeCursor(id))).toBe(id);
    expect(decodeCursor('garbage')).toBeUndefined();
    expect(decodeCursor(Buffer.from('v1:not-a-uuid').toString('base64url'))).toBeUndefined();
  });
});

describe('idempotency keys', () => {
  const header = {
    afzender: '12345678',
    ontvanger: '0363',
    berichtCode: '446',
    berichtIdentificatie: { identificatie: 'ID1', dagtekening: '2024-03-01' },
  };

  it('take the Afzender and Identificatie of a heen message', () => {
    expect(idempotencyKeyOf(header)).toEqual({
      sender: '12345678',
      berichtCode: '446',
      identificatie: 'ID1',
    });
  });

  it('take the Ontvanger and IdentificatieRetour of a retour, whose header copies the heen', () => {
    const retour = {
      ...header,
      berichtCode: '447',
      identificatieRetour: { identificatie: 'R1', dagtekening: '2024-03-02' },
    };
    expect(idempotencyKeyOf(retour)).toEqual({ sender: '0363', berichtCode: '447', identificatie: 'R1' });
  });

  it('do not exist for a message identified only in part', () => {
    expect(idempotencyKeyOf({ ...header, berichtIdentificatie: null })).toBeUndefined();
    expect(idempotencyKeyOf({ ...header, afzender: null })).toBeUndefined();
  });
});

describe('transition table', () => {
  it('names only known states and never leads back to an initial-only state', () => {
    for (const [from, tos] of Object.entries(TRANSITIONS)) {
      expect(MESSAGE_STATES).toContain(from);
      for (const to of tos) expect(MESSAGE_STATES).toContain(to);
    }
    expect(canTransition('received', 'duplicate')).toBe(false);
    expect(INITIAL_STATES).not.toContain('delivered');
    expect(canTransition('failed', 'routed')).toBe(true);
  });
});

describe('error mapping', () => {
  it('maps SQLSTATEs onto the closed vocabulary', () => {
    const cause = new Error('native');
    expect(fromSqlState('23505', cause, 'k')).toMatchObject({ code: 'DUPLICATE', constraint: 'k', cause });
    expect(fromSqlState('23503', cause).code).toBe('NOT_FOUND');
    expect(fromSqlState('23514', cause).code).toBe('INVALID');
    expect(fromSqlState('22P02', cause).code).toBe('INVALID');
    expect(fromSqlState('08006', cause)).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(fromSqlState('40P01', cause).code).toBe('UNAVAILABLE');
    expect(fromSqlState('57P01', cause).code).toBe('UNAVAILABLE');
    expect(fromSqlState('42P01', cause)).toMatchObject({ code: 'INTERNAL', retryable: false });
  });

  it('maps connection failures of either driver onto UNAVAILABLE and keeps the cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(fromPgError(refused)).toMatchObject({ code: 'UNAVAILABLE', cause: refused });
    expect(fromPgError(new Error('Connection terminated unexpectedly')).code).toBe('UNAVAILABLE');
    expect(fromPgError(new AggregateError([refused])).code).toBe('UNAVAILABLE');
    expect(fromPgError(new TypeError('bug')).code).toBe('INTERNAL');
    expect(fromPgliteError(new Error('PGlite is closed')).code).toBe('UNAVAILABLE');
    expect(fromPgliteError(Object.assign(new Error('dup'), { code: '23505' })).code).toBe('DUPLICATE');
  });

  it('never puts a database value in the message', () => {
    const native = Object.assign(new Error('invalid input syntax for type uuid: "secret-value"'), {
      code: '22P02',
    });
    expect(fromPgliteError(native).message).not.toContain('secret-value');
  });
});
