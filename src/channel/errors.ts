/**
 * The channel's error vocabulary. The transport decides on two fields only: `retryable` (false sends the
 * message straight to the dead-letter queue) and `code` (what the ledger and the operator see). So every
 * failure of a delivery try is mapped here onto one of a few stable codes, and the error text is built
 * from the code, the partner code and the HTTP status alone: never from the response body or the XML,
 * which may quote a BSN or a name, and never from the partner URL, which may carry credentials.
 */

export const CHANNEL_ERRORS = {
  /** No answer within the timeout: the partner may be overloaded; it may also have stored the message,
   * which the idempotency header makes harmless to send again. */
  CHANNEL_TIMEOUT: { retryable: true, message: 'the partner did not answer in time' },
  /** Nothing listens at the partner's address (ECONNREFUSED): a restart or short outage. */
  CHANNEL_REFUSED: { retryable: true, message: 'the partner refused the connection' },
  /** The host name did not resolve. Often a DNS hiccup; a wrong name reaches an operator after the last try. */
  CHANNEL_DNS: { retryable: true, message: 'the partner host name could not be resolved' },
  /** Any other network failure: reset, unreachable host, TLS handshake, a socket closed mid-answer. */
  CHANNEL_NETWORK: { retryable: true, message: 'the connection to the partner failed' },
  /** 5xx: the partner's side failed; it may well work a moment later. */
  CHANNEL_SERVER_ERROR: { retryable: true, message: 'the partner answered with a server error' },
  /** 429: the partner asks us to slow down; the backoff of the transport does exactly that. */
  CHANNEL_THROTTLED: { retryable: true, message: 'the partner asked to slow down' },
  /** Another 4xx (or a 3xx, which we do not follow): the partner refuses this message; the same bytes will
   * be refused again, so an operator must look. */
  CHANNEL_REJECTED: { retryable: false, message: 'the partner refused the message' },
  /** The routing table's channel cannot be used (not http/https, unsupported kind): retrying cannot help. */
  CHANNEL_MISCONFIGURED: { retryable: false, message: 'the partner channel is not usable' },
} as const;

export type ChannelErrorCode = keyof typeof CHANNEL_ERRORS;

export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  readonly retryable: boolean;

  constructor(
    readonly code: ChannelErrorCode,
    /** The partner's code (AGB or gemeentecode): an organisation, safe to show. */
    readonly partner: string,
    /** The HTTP status when the partner answered, so an operator can tell a 503 from a 500. */
    readonly status?: number,
    /** From a Retry-After header on a 429/503, for callers that want to honour it. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Delivery to partner ${partner} failed: ${CHANNEL_ERRORS[code].message}` +
        (status !== undefined ? ` (HTTP ${status})` : '') +
        '.',
      options,
    );
    this.retryable = CHANNEL_ERRORS[code].retryable;
  }

  /** What JSON.stringify shows (logs, dead letters): the classification, nothing of the message. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      partner: this.partner,
      retryable: this.retryable,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    };
  }
}

export function isChannelError(error: unknown, code?: ChannelErrorCode): error is ChannelError {
  return error instanceof ChannelError && (code === undefined || error.code === code);
}

/** The code for a partner's non-2xx answer. */
export function codeForStatus(status: number): ChannelErrorCode {
  if (status === 429) return 'CHANNEL_THROTTLED';
  if (status >= 500) return 'CHANNEL_SERVER_ERROR';
  // 408 Request Timeout is the partner giving up on a slow upload, not a verdict on the message.
  if (status === 408) return 'CHANNEL_TIMEOUT';
  return 'CHANNEL_REJECTED';
}

/** System error codes of a failed connection, as Node (and undici) put them on `cause`. */
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * The code for an error thrown by fetch before any answer. undici wraps the system error: `TypeError('fetch
 * failed')` with the real one on `cause`, and with several addresses (happy eyeballs) an AggregateError
 * whose `errors` carry the codes; the abort of our timeout signal arrives as a `TimeoutError`.
 */
export function codeForFailure(error: unknown): ChannelErrorCode {
  const codes: string[] = [];
  const names: string[] = [];
  const seen = new Set<unknown>();
  const collect = (node: unknown, depth: number): void => {
    if (typeof node !== 'object' || node === null || seen.has(node) || depth > 5) return;
    seen.add(node);
    const { code, name, cause, errors } = node as {
      code?: unknown;
      name?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') names.push(name);
    collect(cause, depth + 1);
    if (Array.isArray(errors)) for (const e of errors) collect(e, depth + 1);
  };
  collect(error, 0);
  if (names.includes('TimeoutError') || codes.some((c) => TIMEOUT_CODES.has(c))) return 'CHANNEL_TIMEOUT';
  if (codes.includes('ECONNREFUSED')) return 'CHANNEL_REFUSED';
  if (codes.some((c) => DNS_CODES.has(c))) return 'CHANNEL_DNS';
  return 'CHANNEL_NETWORK';
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
