import * as crypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { authenticate, bearerToken, generateApiKey, hashApiKey } from '../../src/routing/api-keys.js';
import { GEMEENTE, gemeenteSide, parse } from './tables.js';

// Count the constant-time comparisons authenticate makes; the real function still does the work.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);

const OPERATOR_KEY = generateApiKey();
const PARTY_KEY = generateApiKey();
const PARTNER_KEY = generateApiKey();

const table = parse(
  gemeenteSide({
    apiKeys: [
      { label: 'ops', role: 'operator', sha256: hashApiKey(OPERATOR_KEY) },
      { label: 'regie-0363', party: GEMEENTE, sha256: hashApiKey(PARTY_KEY) },
      { label: 'zorg-bv', partner: '87654321', sha256: hashApiKey(PARTNER_KEY) },
    ],
  }),
);

describe('generateApiKey and hashApiKey', () => {
  it('makes bp_ + 32 random bytes in base64url, different every time', () => {
    expect(OPERATOR_KEY).toMatch(/^bp_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(OPERATOR_KEY.slice(3), 'base64url')).toHaveLength(32);
    expect(new Set([OPERATOR_KEY, PARTY_KEY, PARTNER_KEY, generateApiKey()]).size).toBe(4);
  });

  it('hashes to lower-case hex SHA-256 of the UTF-8 key', () => {
    expect(hashApiKey('bp_demo_operator')).toBe(
      '18d2e0ed9072b220d9b96c6bb6c604a6756f910f0a2f378eadc45166459d9e68',
    );
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('authenticate', () => {
  beforeEach(() => {
    timingSafeEqual.mockClear();
  });

  it('grants each key its principal', () => {
    expect(authenticate(table, OPERATOR_KEY)).toEqual({ kind: 'operator', label: 'ops' });
    expect(authenticate(table, PARTY_KEY)).toEqual({ kind: 'party', code: GEMEENTE, label: 'regie-0363' });
    expect(authenticate(table, PARTNER_KEY)).toEqual({ kind: 'partner', code: '87654321', label: 'zorg-bv' });
  });

  it('grants nothing for a wrong, altered, empty or oversized key', () => {
    expect(authenticate(table, generateApiKey())).toBeUndefined();
    expect(authenticate(table, PARTY_KEY.slice(0, -1))).toBeUndefined();
    expect(authenticate(table, `${PARTY_KEY} `)).toBeUndefined();
    expect(authenticate(table, hashApiKey(PARTY_KEY))).toBeUndefined();
    expect(authenticate(table, '')).toBeUndefined();
    expect(authenticate(table, 'x'.repeat(10_000))).toBeUndefined();
    expect(authenticate({ apiKeys: [] }, PARTY_KEY)).toBeUndefined();
  });

  it('compares against every stored key in constant time, whichever matches', () => {
    for (const key of [OPERATOR_KEY, PARTY_KEY, PARTNER_KEY, generateApiKey()]) {
      timingSafeEqual.mockClear();
      authenticate(table, key);
      // The first key matching must not end the loop: that would tell an attacker which entry matched.
      expect(timingSafeEqual).toHaveBeenCalledTimes(3);
      for (const [a, b] of timingSafeEqual.mock.calls) {
        expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
      }
    }
  });
});

describe('bearerToken', () => {
  it('reads the token of an Authorization: Bearer header', () => {
    expect(bearerToken(`Bearer ${PARTY_KEY}`)).toBe(PARTY_KEY);
    expect(bearerToken(`bearer ${PARTY_KEY}`)).toBe(PARTY_KEY);
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Basic dXNlcjpwdw==')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
  });
});
