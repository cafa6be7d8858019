/**
 * The simulator's HTTP side, the partner end of the gateway's HTTP channel: POST /berichten takes a
 * delivery (checked against the channel secret, size-capped, deduplicated by message id), GET /status shows
 * the flows. What a delivery means is receive.ts's business.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MESSAGE_ID_HEADER } from '../../src/channel/index.js';
import type { SimulatorContext } from './context.js';
import { receive } from './receive.js';

const MAX_BODY_BYTES = 25 * 1024 * 1024; // OP179: 25 MB per message on the real channel

export function createSimulatorServer(ctx: SimulatorContext): Server {
  /** Message ids of the deliveries already taken. */
  const seenDeliveries = new Set<string>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = new URL(req.url ?? '/', 'http://simulator').pathname;
      if (req.method === 'GET' && path === '/status') {
        return reply(res, 200, { agbCode: ctx.options.agbCode, flows: ctx.book.flows() });
      }
      if (path !== '/berichten') return reply(res, 404, { code: 'NOT_FOUND' });
      if (req.method !== 'POST') return reply(res, 405, { code: 'METHOD_NOT_ALLOWED' });
      const secret = ctx.options.channelSecret;
      if (secret && req.headers[secret.header.toLowerCase()] !== secret.value) {
        return reply(res, 401, { code: 'UNAUTHORIZED' });
      }
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === undefined) return reply(res, 413, { code: 'TOO_LARGE' });
      const key = headerValue(req, MESSAGE_ID_HEADER);
      // At-least-once delivery: the gateway may bring the same message again after a lost answer.
      if (key !== undefined && seenDeliveries.has(key)) return reply(res, 200, { outcome: 'duplicate' });
      const answer = receive(ctx, body, key);
      if (key !== undefined && answer.status < 300) seenDeliveries.add(key);
      reply(res, answer.status, answer.body);
    } catch (error) {
      ctx.book.problem({ code: 'INTERNAL', detail: error instanceof Error ? error.name : 'unknown' });
      if (!res.headersSent) reply(res, 500, { code: 'INTERNAL' });
    }
  }

  return createServer((req, res) => void handle(req, res));
}

/** Starts listening; resolves with the port and the channel URL the gateway delivers to. */
export async function listen(
  server: Server,
  port: number,
  host: string,
): Promise<{ readonly port: number; readonly url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { port: address.port, url: `http://${shownHost}:${address.port}/berichten` };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The request body, or undefined when it exceeds `limit` bytes. */
async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
