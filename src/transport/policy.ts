/**
 * Retry and dead-letter policy, decided once here for both adapters: which delay follows a failed try,
 * when to give up, and what reason a dead letter carries. Adapters only carry the decision out (a timer
 * in memory, a TTL retry queue in RabbitMQ).
 */
import type { DeadLetterReason } from './port.js';

export interface RetryPolicy {
  /** Tries in total, the first included. 1 means: dead-letter on the first failure. */
  readonly maxAttempts: number;
  /** Delay after failed try n is `delaysMs[min(n-1, last)]`. RabbitMQ declares one TTL queue per value. */
  readonly delaysMs: readonly number[];
}

/** 1 s, 5 s, 30 s, 30 s: a partner's short outage is bridged, a long one reaches an operator in about a minute. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  delaysMs: Object.freeze([1_000, 5_000, 30_000]),
});

/** The longest delay a timer (and a message TTL) takes reliably: 2^31 - 1 ms, about 24.8 days. */
const MAX_DELAY_MS = 2_147_483_647;
const MAX_ATTEMPTS = 1_000;

export function checkRetryPolicy(policy: RetryPolicy): RetryPolicy {
  const { maxAttempts, delaysMs } = policy;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
    throw new RangeError(`retry.maxAttempts must be an integer from 1 to ${MAX_ATTEMPTS}.`);
  }
  if (delaysMs.length === 0 || delaysMs.some((d) => !Number.isInteger(d) || d < 1 || d > MAX_DELAY_MS)) {
    throw new RangeError('retry.delaysMs must be a non-empty list of whole milliseconds from 1 to 2^31 - 1.');
  }
  return Object.freeze({ maxAttempts, delaysMs: Object.freeze([...delaysMs]) });
}

/** The distinct delays of a policy, ascending: one retry queue each. */
export function retryDelays(policy: RetryPolicy): number[] {
  return [...new Set(policy.delaysMs)].sort((a, b) => a - b);
}

export type FailureStep =
  | { readonly action: 'retry'; readonly delayMs: number; readonly nextAttempt: number }
  | { readonly action: 'dead-letter'; readonly reason: DeadLetterReason };

/** What to do after try `attempt` (1-based) failed with `error`. */
export function decideFailure(attempt: number, error: unknown, policy: RetryPolicy): FailureStep {
  const code = failureCode(error);
  if (attempt >= policy.maxAttempts || isPermanent(error)) {
    return { action: 'dead-letter', reason: { code, attempts: attempt } };
  }
  const delayMs = policy.delaysMs[Math.min(attempt - 1, policy.delaysMs.length - 1)] ?? 1_000;
  return { action: 'retry', delayMs, nextAttempt: attempt + 1 };
}

const CODE = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
export const HANDLER_FAILED = 'HANDLER_FAILED';

/**
 * The reason recorded for a failure: the error's `code` when it is a short code. Never the message: error
 * texts quote values (a BSN, a name) and a dead letter is kept and shown to operators.
 */
export function failureCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && CODE.test(code) ? code : HANDLER_FAILED;
}

/** An error that says `retryable: false` (as every port's error vocabulary does) is not worth a retry. */
function isPermanent(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === false
  );
}

/** Returns the code when it is safe to record, `fallback` otherwise; for reasons read back from a broker. */
export function safeCode(code: unknown, fallback: string): string {
  return typeof code === 'string' && CODE.test(code) ? code : fallback;
}
