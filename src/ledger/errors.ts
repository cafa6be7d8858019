/**
 * The closed error vocabulary of the ledger port. Callers branch on `code` only; adapters map native
 * errors onto it and keep the original as `cause`. Messages are for operators and logs: they name the
 * table or constraint, never a value from the database (pg's `detail` may quote key values; it stays in
 * `cause`).
 */

export interface LedgerErrorInfo {
  readonly description: string;
  /** Whether the same call may succeed when simply tried again later. */
  readonly retryable: boolean;
}

export const LEDGER_ERRORS = {
  DUPLICATE: {
    description:
      'The idempotency key (or another unique key) is already taken; `existingId` names the holder.',
    retryable: false,
  },
  NOT_FOUND: { description: 'The message or outbox row does not exist.', retryable: false },
  CONFLICT: {
    description:
      'The state does not allow this: a transition outside the table, a state changed since it was read, or an audit event that breaks the chain.',
    retryable: false,
  },
  INVALID: {
    description: 'The input breaks the port contract (bad id, limit, cursor or value).',
    retryable: false,
  },
  UNAVAILABLE: {
    description:
      'The database cannot be reached, is closed, or aborted the transaction (deadlock, shutdown).',
    retryable: true,
  },
  MIGRATION: {
    description:
      'The schema cannot be brought to this code version (edited or unknown migration, newer schema).',
    retryable: false,
  },
  INTERNAL: { description: 'An unexpected database error.', retryable: false },
} as const satisfies Record<string, LedgerErrorInfo>;

export type LedgerErrorCode = keyof typeof LEDGER_ERRORS;

export interface LedgerErrorOptions {
  readonly cause?: unknown;
  /** DUPLICATE: the id of the message that holds the key. */
  readonly existingId?: string;
  /** The database constraint involved, when there is one. */
  readonly constraint?: string;
}

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  readonly code: LedgerErrorCode;
  readonly retryable: boolean;
  readonly existingId?: string;
  readonly constraint?: string;

  constructor(code: LedgerErrorCode, message: string, options: LedgerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = LEDGER_ERRORS[code].retryable;
    if (options.existingId !== undefined) this.existingId = options.existingId;
    if (options.constraint !== undefined) this.constraint = options.constraint;
  }
}

export function isLedgerError(error: unknown, code?: LedgerErrorCode): error is LedgerError {
  return error instanceof LedgerError && (code === undefined || error.code === code);
}

/**
 * SQLSTATE -> code. Both engines are PostgreSQL and report the same SQLSTATEs, so this table is shared;
 * what differs per adapter is how a connection failure shows (see `pg/errors.ts`, `pglite/errors.ts`).
 */
export function fromSqlState(sqlState: string, cause: unknown, constraint?: string): LedgerError {
  const options = { cause, ...(constraint ? { constraint } : {}) };
  const where = constraint ? ` (${constraint})` : '';
  if (sqlState === '23505') return new LedgerError('DUPLICATE', `Unique key already taken${where}.`, options);
  if (sqlState === '23503') {
    return new LedgerError('NOT_FOUND', `Referenced row does not exist${where}.`, options);
  }
  // 23xxx other than the two above (not null, check) and 22xxx (bad value, e.g. an invalid date).
  if (sqlState.startsWith('23') || sqlState.startsWith('22')) {
    return new LedgerError(
      'INVALID',
      `Value refused by the database${where} (SQLSTATE ${sqlState}).`,
      options,
    );
  }
  // 08 connection, 28 authorisation, 3D unknown database, 53 resources, 57 operator intervention
  // (shutdown, statement timeout), 40 rollback (serialization failure, deadlock): the database cannot serve
  // the call now; it may well succeed later.
  if (/^(08|28|3D|53|57|40)/.test(sqlState)) {
    return new LedgerError('UNAVAILABLE', `Database unavailable (SQLSTATE ${sqlState}).`, options);
  }
  return new LedgerError('INTERNAL', `Unexpected database error (SQLSTATE ${sqlState}).`, options);
}
