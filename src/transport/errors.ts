/**
 * The transport's closed error vocabulary. Adapters map every native failure (an AMQP reply code, a closed
 * socket, a missed confirm) onto one of these codes and keep the original as `cause`, so the outbox relay
 * decides on the code alone (keep the row and retry, or alert an operator) while an operator still sees
 * what the broker said.
 */
export const TRANSPORT_ERRORS = {
  /** No queue is bound for the destination: the broker returned the message (mandatory) or the memory
   * adapter has no such destination. A routing or topology mistake: retrying will not help. */
  UNROUTABLE: { retryable: false, message: 'No queue takes messages for this destination.' },
  /** The transport refused the message, e.g. a destination queue at its length limit (reject-publish). */
  NACKED: { retryable: true, message: 'The transport refused the message.' },
  /** No confirm arrived in time, or no room in the confirm window: the message may or may not be stored. */
  TIMEOUT: { retryable: true, message: 'The transport did not confirm the message in time.' },
  /** The broker cannot be reached, or the connection dropped before the confirm. */
  UNAVAILABLE: { retryable: true, message: 'The transport is unavailable.' },
  /** `close()` was called: this instance accepts nothing more. */
  CLOSED: { retryable: false, message: 'The transport is closed.' },
  /** The caller broke the contract: a bad destination name, message id, header name or header value. */
  INVALID_MESSAGE: { retryable: false, message: 'The message breaks the transport contract.' },
} as const;

export type TransportErrorCode = keyof typeof TRANSPORT_ERRORS;

export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly retryable: boolean;

  constructor(
    readonly code: TransportErrorCode,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${TRANSPORT_ERRORS[code].message} ${detail}` : TRANSPORT_ERRORS[code].message, options);
    this.retryable = TRANSPORT_ERRORS[code].retryable;
  }
}

export function isTransportError(error: unknown, code?: TransportErrorCode): error is TransportError {
  return error instanceof TransportError && (code === undefined || error.code === code);
}

/** A native error that escaped an adapter's mapping is still reported in the vocabulary. */
export function asTransportError(
  error: unknown,
  fallback: TransportErrorCode = 'UNAVAILABLE',
): TransportError {
  return error instanceof TransportError ? error : new TransportError(fallback, undefined, { cause: error });
}
