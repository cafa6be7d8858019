/**
 * The plain HTTP channel: one delivery try = one POST of the raw XML to the partner's URL. The transport
 * owns retries and backoff (delivery.ts), so this adapter only sends once and classifies the outcome
 * (errors.ts): 2xx is delivered, anything else throws a ChannelError whose `retryable` says whether a
 * later try can help.
 */
import type { ChannelDeliverer } from '../pipeline/delivery.js';
import type { Partner } from '../routing/types.js';
import { ChannelError, codeForFailure, codeForStatus, parseRetryAfter } from './errors.js';

/** Carries the gateway's message id, so a partner can drop the copy a retry or redelivery brings. */
export const MESSAGE_ID_HEADER = 'idempotency-key';
/** The message name (`WMO301`, `JW306`): lets a partner dispatch without parsing the XML first. */
export const MESSAGE_NAME_HEADER = 'x-bericht-naam';
export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface HttpChannelOptions {
  /** Used when the partner's channel sets no timeoutMs (default 10 s). */
  readonly defaultTimeoutMs?: number;
  readonly userAgent?: string;
  /** The fetch to use (default Node's built-in, undici); injectable for a custom dispatcher or tests. */
  readonly fetch?: typeof fetch;
}

export interface DeliveryPayload {
  readonly xml: Uint8Array;
  readonly messageId: string;
  readonly messageName: string;
}

/** What a successful try returns: enough for a log line, nothing of the content. */
export interface DeliveryReceipt {
  readonly partner: string;
  readonly status: number;
  readonly durationMs: number;
}

export class HttpChannel implements ChannelDeliverer {
  private readonly defaultTimeoutMs: number;
  private readonly userAgent: string;
  private readonly fetch: typeof fetch;

  constructor(options: HttpChannelOptions = {}) {
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.userAgent = options.userAgent ?? 'berichtenpoort';
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async deliver(partner: Partner, payload: DeliveryPayload): Promise<DeliveryReceipt> {
    const channel = partner.channel;
    const url = this.checkedUrl(partner);
    const headers: Record<string, string> = {
      'content-type': XML_CONTENT_TYPE,
      [MESSAGE_ID_HEADER]: payload.messageId,
      [MESSAGE_NAME_HEADER]: payload.messageName,
      'user-agent': this.userAgent,
    };
    if (channel.secret) headers[channel.secret.header.toLowerCase()] = channel.secret.value.reveal();
    const timeoutMs = channel.timeoutMs ?? this.defaultTimeoutMs;
    const started = performance.now();

    let response: Response;
    try {
      response = await this.fetch(url, {
        method: 'POST',
        headers,
        body: payload.xml,
        // A redirect is a configuration matter: following it would re-send the XML (and the secret header)
        // to a host nobody put in the routing table.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new ChannelError(codeForFailure(cause), partner.code, undefined, undefined, { cause });
    }
    // The body is never read: a partner's error page may echo the message back, BSN and all.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) {
      return {
        partner: partner.code,
        status: response.status,
        durationMs: Math.round(performance.now() - started),
      };
    }
    const retryAfterMs =
      response.status === 429 || response.status === 503
        ? parseRetryAfter(response.headers.get('retry-after'))
        : undefined;
    throw new ChannelError(codeForStatus(response.status), partner.code, response.status, retryAfterMs);
  }

  private checkedUrl(partner: Partner): URL {
    // The type admits only `http` today; the routing table reserves `ggk` and `vecozo`, and a table read
    // at run time might carry one before an adapter exists.
    if ((partner.channel as { kind: string }).kind !== 'http') {
      throw new ChannelError('CHANNEL_MISCONFIGURED', partner.code);
    }
    let url: URL;
    try {
      url = new URL(partner.channel.url);
    } catch {
      throw new ChannelError('CHANNEL_MISCONFIGURED', partner.code);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ChannelError('CHANNEL_MISCONFIGURED', partner.code);
    }
    return url;
  }
}

/** The channel adapter the delivery workers use for `kind: 'http'` partners. */
export function createHttpChannel(options: HttpChannelOptions = {}): HttpChannel {
  return new HttpChannel(options);
}
