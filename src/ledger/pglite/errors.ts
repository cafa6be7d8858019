/**
 * PGlite errors -> `LedgerError`. PGlite is PostgreSQL, so server errors carry the same SQLSTATEs as on
 * a real server; the only connection-like failure is using an instance that has been closed.
 */
import { LedgerError, fromSqlState, isLedgerError } from '../errors.js';

interface SqlStateError {
  readonly code: string;
  readonly constraint?: string;
}

function hasSqlState(error: unknown): error is SqlStateError {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

export function fromPgliteError(error: unknown): LedgerError {
  if (isLedgerError(error)) return error;
  if (hasSqlState(error)) return fromSqlState(error.code, error, error.constraint);
  if (error instanceof Error && /PGlite is closed|Transaction is closed/.test(error.message)) {
    return new LedgerError('UNAVAILABLE', 'The embedded database is closed.', { cause: error });
  }
  return new LedgerError('INTERNAL', 'Unexpected error from PGlite.', { cause: error });
}
