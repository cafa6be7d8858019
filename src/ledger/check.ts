/**
 * Input checks shared by the operations. The database CHECKs the same closed sets as a backstop; checking
 * here first gives the caller a clear INVALID instead of a constraint name.
 */
import { LedgerError } from './errors.js';
import { isId } from './ids.js';
import { MAX_PAGE_SIZE } from './port.js';

export function invalid(message: string): LedgerError {
  return new LedgerError('INVALID', message);
}

/** An id that is not a UUID cannot exist: for the caller that is NOT_FOUND, not a database error. */
export function requireExisting(id: string, what: string): void {
  if (!isId(id)) throw new LedgerError('NOT_FOUND', `${what} not found.`);
}

export function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw invalid(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
  }
}

export function checkOneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  what: string,
): asserts value is T {
  if (!(allowed as readonly string[]).includes(value)) throw invalid(`Unknown ${what}.`);
}

export function checkNonEmpty(value: string, what: string): void {
  if (typeof value !== 'string' || value.length === 0) throw invalid(`${what} must be a non-empty string.`);
}

/** JSON text for a json/jsonb parameter (null stays SQL NULL). pg would turn a JS array into a SQL array. */
export function jsonParam(value: unknown, what: string): string | null {
  if (value === undefined || value === null) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new LedgerError('INVALID', `${what} is not JSON-serialisable.`, { cause });
  }
  if (text === undefined) throw invalid(`${what} is not JSON-serialisable.`);
  return text;
}

/** Stored errors are for operators; bound them so a chatty endpoint cannot bloat the outbox. */
export function boundedText(text: string, max = 2000): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
