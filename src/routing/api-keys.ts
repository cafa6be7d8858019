/**
 * API keys: generated here, stored in the routing file only as their SHA-256, checked in constant time.
 *
 * Why SHA-256 and not scrypt/argon2: those slow hashes exist to protect low-entropy passwords against
 * guessing. An API key made by `generateApiKey` holds 256 random bits; no hash speed makes guessing it
 * feasible, while a deliberately slow hash would cost every request CPU time an attacker could exploit.
 * The hash only keeps a leaked routing file from leaking usable keys. (GitHub and Stripe-style tokens are
 * stored the same way.)
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from './access.js';
import type { RoutingTable } from './types.js';

/** Recognisable in logs, config and secret scanners; the rest is 32 random bytes, base64url. */
export const API_KEY_PREFIX = 'bp_';
/** Far above any key we issue; bounds the hashing work an unauthenticated caller can ask for. */
const MAX_KEY_LENGTH = 512;

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** What goes into the routing file's `sha256` field: lower-case hex SHA-256 of the key's UTF-8 bytes. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The token of an `Authorization: Bearer <token>` header, or undefined when the header is not that. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer +([^\s]+) *$/i.exec(authorization ?? '');
  return match?.[1];
}

/**
 * The principal the key grants, or undefined. Every stored hash is compared, with timingSafeEqual, even
 * after a match, so the time taken does not tell which entry (or whether an early one) matched.
 */
export function authenticate(table: Pick<RoutingTable, 'apiKeys'>, token: string): Principal | undefined {
  if (token.length === 0 || token.length > MAX_KEY_LENGTH) return undefined;
  const presented = createHash('sha256').update(token, 'utf8').digest();
  let granted: Principal | undefined;
  for (const entry of table.apiKeys) {
    // Both sides are 32-byte digests, so timingSafeEqual never throws on a length mismatch.
    const equal = timingSafeEqual(presented, entry.sha256);
    // Labels and hashes are unique (table.ts), so at most one entry can match; no branch exits early.
    granted = equal ? entry.principal : granted;
  }
  return granted;
}
