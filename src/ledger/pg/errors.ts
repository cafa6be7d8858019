/**
 * node-postgres errors -> `LedgerError`. Server errors carry a SQLSTATE (shared table in `../errors.ts`);
 * connection trouble shows as a Node socket error or as one of pg's own plain `Error`s, recognised by text
 * because pg gives them no code.
 */
import pg from 'pg';
import { LedgerError, fromSqlState, isLedgerError } from '../errors.js';

const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

const CONNECTION_TEXTS =
  /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|connection error and is not queryable|Client was closed|Query read timeout/i;

export function fromPgError(error: unknown): LedgerError {
  if (isLedgerError(error)) return error;
  if (error instanceof pg.DatabaseError && error.code) {
    return fromSqlState(error.code, error, error.constraint);
  }
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if ((typeof code === 'string' && SOCKET_ERRORS.has(code)) || CONNECTION_TEXTS.test(message)) {
    return new LedgerError('UNAVAILABLE', 'PostgreSQL is unreachable.', { cause: error });
  }
  // AggregateError: pg tried every address of a host name and all failed.
  if (error instanceof AggregateError && error.errors.some((e) => fromPgError(e).code === 'UNAVAILABLE')) {
    return new LedgerError('UNAVAILABLE', 'PostgreSQL is unreachable.', { cause: error });
  }
  return new LedgerError('INTERNAL', 'Unexpected error from the PostgreSQL driver.', { cause: error });
}

/** Whether the connection that produced `error` must be discarded instead of returned to the pool. */
export function connectionBroken(error: LedgerError): boolean {
  return error.code === 'UNAVAILABLE';
}
