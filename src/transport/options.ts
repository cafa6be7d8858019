/** The options every adapter shares, checked once so both adapters accept exactly the same values. */
import { checkDestination } from './message.js';
import { checkRetryPolicy, DEFAULT_RETRY_POLICY, type RetryPolicy } from './policy.js';
import type { ConsumeOptions, TransportOptions } from './port.js';

export interface CommonOptions {
  readonly destinations: readonly string[];
  readonly retry: RetryPolicy;
  readonly maxQueueLength: number | undefined;
  readonly closeTimeoutMs: number;
}

export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

export function resolveCommonOptions(options: TransportOptions): CommonOptions {
  const destinations = [...new Set((options.destinations ?? []).map(checkDestination))];
  const maxQueueLength = options.maxQueueLength;
  if (maxQueueLength !== undefined && (!Number.isInteger(maxQueueLength) || maxQueueLength < 1)) {
    throw new RangeError('maxQueueLength must be a positive integer.');
  }
  return Object.freeze({
    destinations: Object.freeze(destinations),
    retry: checkRetryPolicy(options.retry ?? DEFAULT_RETRY_POLICY),
    maxQueueLength,
    closeTimeoutMs: nonNegativeInt(options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS, 'closeTimeoutMs'),
  });
}

export interface ResolvedConsumeOptions {
  readonly concurrency: number;
  readonly prefetch: number;
}

const MAX_CONCURRENCY = 1_000;
/** AMQP's prefetch count is an unsigned short. */
const MAX_PREFETCH = 65_535;

export function resolveConsumeOptions(options: ConsumeOptions = {}): ResolvedConsumeOptions {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new RangeError(`concurrency must be an integer from 1 to ${MAX_CONCURRENCY}.`);
  }
  const prefetch = options.prefetch ?? Math.max(16, 2 * concurrency);
  if (!Number.isInteger(prefetch) || prefetch < concurrency || prefetch > MAX_PREFETCH) {
    throw new RangeError(`prefetch must be an integer from concurrency to ${MAX_PREFETCH}.`);
  }
  return { concurrency, prefetch };
}

export function nonNegativeInt(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer.`);
  return value;
}

/** Resolves when `promise` settles or `ms` pass, whichever is first; never rejects. */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
