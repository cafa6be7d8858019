/**
 * The plain HTTP channel against a real local server: what a partner receives, and how every kind of
 * failure is classified for the transport (retry with backoff, or straight to the dead letter). A canary
 * BSN sits in the XML and in every error page the partner answers with; it must never surface in an error.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelError,
  createHttpChannel,
  isChannelError,
  MESSAGE_ID_HEADER,
  MESSAGE_NAME_HEADER,
} from '../../src/channel/index.js';
import { codeForFailure, parseRetryAfter } from '../../src/channel/errors.js';
import { Secret } from '../../src/routing/secret.js';
import type { Partner } from '../../src/routing/types.js';
import { DEFAULT_RETRY_POLICY, decideFailure, failureCode } from '../../src/transport/policy.js';

const CANARY_BSN = '999912343';
const XML = new TextEncoder().encode(
  `<?xml version="1.0" encoding="UTF-8"?><Bericht><Client><Bsn>${CANARY_BSN}</Bsn></Client></Bericht>`,
);
const PAYLOAD = { xml: XML, messageId: 'msg-0001', messageName: 'WMO301' };

interface Seen {
  readonly method: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  seen.length = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function partner(channel: Partial<Partner['channel']> = {}): Partner {
  return {
    code: '87654321',
    kind: 'aanbieder',
    name: 'Test aanbieder',
    standards: ['iwmo'],
    channel: { kind: 'http', url: `${base}/berichten`, ...channel },
  };
}

/** An answer that echoes the message back, as careless error pages do. */
function answer(status: number, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(`error while processing <Bsn>${CANARY_BSN}</Bsn>`);
  };
}

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

/** The canary must appear in no part of the error anyone could log or store. */
function expectNoCanary(error: ChannelError): void {
  for (const text of [error.message, error.code, JSON.stringify(error), String(error), inspect(error)]) {
    expect(text).not.toContain(CANARY_BSN);
  }
}

describe('HTTP channel: delivered', () => {
  it('POSTs the XML with content type, message id, message name and the secret header; 2xx is delivered', async () => {
    handler = (_req, res) => {
      res.writeHead(202);
      res.end('{"ok":true}');
    };
    const channel = createHttpChannel({ userAgent: 'berichtenpoort-test' });
    const receipt = await channel.deliver(
      partner({ secret: { header: 'X-Partner-Secret', value: new Secret('s3cr3t', 'PARTNER_SECRET') } }),
      PAYLOAD,
    );
    expect(receipt).toMatchObject({ partner: '87654321', status: 202 });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(request!.headers[MESSAGE_ID_HEADER]).toBe('msg-0001');
    expect(request!.headers[MESSAGE_NAME_HEADER]).toBe('WMO301');
    expect(request!.headers['x-partner-secret']).toBe('s3cr3t');
    expect(request!.headers['user-agent']).toBe('berichtenpoort-test');
    expect(new Uint8Array(request!.body)).toEqual(XML);
  });

  it('sends no secret header when the channel has none', async () => {
    handler = answer(200);
    await createHttpChannel().deliver(partner(), PAYLOAD);
    expect(seen[0]!.headers['x-partner-secret']).toBeUndefined();
  });
});

describe('HTTP channel: retryable failures', () => {
  it.each([500, 502, 503])('HTTP %i is CHANNEL_SERVER_ERROR, retryable, status kept', async (status) => {
    handler = answer(status);
    const error = await failure(createHttpChannel().deliver(partner(), PAYLOAD));
    expect(error).toMatchObject({
      code: 'CHANNEL_SERVER_ERROR',
      retryable: true,
      status,
      partner: '87654321',
    });
    expect(error.message).toContain(String(status));
    expectNoCanary(error);
    expect(decideFailure(1, error, DEFAULT_RETRY_POLICY).action).toBe('retry');
    expect(failureCode(error)).toBe('CHANNEL_SERVER_ERROR');
  });

  it('HTTP 429 is CHANNEL_THROTTLED, retryable, with Retry-After read', async () => {
    handler = answer(429, { 'retry-after': '3' });
    const error = await failure(createHttpChannel().deliver(partner(), PAYLOAD));
    expect(error).toMatchObject({
      code: 'CHANNEL_THROTTLED',
      retryable: true,
      status: 429,
      retryAfterMs: 3000,
    });
    expectNoCanary(error);
    expect(decideFailure(1, error, DEFAULT_RETRY_POLICY).action).toBe('retry');
  });

  it('no answer within the channel timeout is CHANNEL_TIMEOUT, retryable', async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    const error = await failure(createHttpChannel().deliver(partner({ timeoutMs: 200 }), PAYLOAD));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toMatchObject({ code: 'CHANNEL_TIMEOUT', retryable: true });
    expect(error.status).toBeUndefined();
    expectNoCanary(error);
  });

  it('uses the default timeout when the channel sets none', async () => {
    handler = () => undefined;
    const error = await failure(createHttpChannel({ defaultTimeoutMs: 150 }).deliver(partner(), PAYLOAD));
    expect(error.code).toBe('CHANNEL_TIMEOUT');
  });

  it('a refused connection is CHANNEL_REFUSED, retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(
      createHttpChannel().deliver(partner({ url: `http://127.0.0.1:${port}/berichten` }), PAYLOAD),
    );
    expect(error).toMatchObject({ code: 'CHANNEL_REFUSED', retryable: true });
    expectNoCanary(error);
    expect(decideFailure(1, error, DEFAULT_RETRY_POLICY).action).toBe('retry');
  });

  it('classifies the errors fetch throws: DNS, refused (also inside an AggregateError), timeouts, the rest', () => {
    const fetchFailed = (cause: unknown): Error => new TypeError('fetch failed', { cause });
    const sys = (code: string): Error => Object.assign(new Error(code), { code });
    expect(codeForFailure(fetchFailed(sys('ENOTFOUND')))).toBe('CHANNEL_DNS');
    expect(codeForFailure(fetchFailed(sys('EAI_AGAIN')))).toBe('CHANNEL_DNS');
    expect(codeForFailure(fetchFailed(sys('ECONNREFUSED')))).toBe('CHANNEL_REFUSED');
    expect(codeForFailure(fetchFailed(new AggregateError([sys('ECONNREFUSED'), sys('ECONNREFUSED')])))).toBe(
      'CHANNEL_REFUSED',
    );
    expect(codeForFailure(fetchFailed(sys('UND_ERR_CONNECT_TIMEOUT')))).toBe('CHANNEL_TIMEOUT');
    expect(codeForFailure(new DOMException('The operation timed out.', 'TimeoutError'))).toBe(
      'CHANNEL_TIMEOUT',
    );
    expect(codeForFailure(fetchFailed(sys('ECONNRESET')))).toBe('CHANNEL_NETWORK');
    expect(codeForFailure('weird')).toBe('CHANNEL_NETWORK');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('HTTP channel: permanent failures', () => {
  it.each([400, 401, 404, 413, 422])(
    'HTTP %i is CHANNEL_REJECTED with retryable false: straight to the dead letter',
    async (status) => {
      handler = answer(status);
      const error = await failure(createHttpChannel().deliver(partner(), PAYLOAD));
      expect(error).toMatchObject({ code: 'CHANNEL_REJECTED', retryable: false, status });
      expect(isChannelError(error, 'CHANNEL_REJECTED')).toBe(true);
      expectNoCanary(error);
      const step = decideFailure(1, error, DEFAULT_RETRY_POLICY);
      expect(step).toEqual({ action: 'dead-letter', reason: { code: 'CHANNEL_REJECTED', attempts: 1 } });
    },
  );

  it('does not follow a redirect: the XML goes only where the routing table says', async () => {
    handler = (req, res) => {
      if (req.url === '/elsewhere') return answer(200)(req, res);
      res.writeHead(307, { location: `${base}/elsewhere` });
      res.end();
    };
    const error = await failure(createHttpChannel().deliver(partner(), PAYLOAD));
    expect(error).toMatchObject({ code: 'CHANNEL_REJECTED', retryable: false, status: 307 });
    expect(seen.map((s) => s.body.length > 0)).toEqual([true]);
  });

  it('a channel URL that is not http(s) is CHANNEL_MISCONFIGURED, retryable false, and names no URL', async () => {
    const error = await failure(
      createHttpChannel().deliver(partner({ url: 'ftp://user:pw@example.org/in' }), PAYLOAD),
    );
    expect(error).toMatchObject({ code: 'CHANNEL_MISCONFIGURED', retryable: false });
    expect(error.message).not.toContain('pw');
    expect(seen).toHaveLength(0);
  });

  it('the error JSON carries the classification and nothing of the message', async () => {
    handler = answer(400);
    const error = await failure(createHttpChannel().deliver(partner(), PAYLOAD));
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ChannelError',
      code: 'CHANNEL_REJECTED',
      message: 'Delivery to partner 87654321 failed: the partner refused the message (HTTP 400).',
      partner: '87654321',
      retryable: false,
      status: 400,
    });
  });
});
