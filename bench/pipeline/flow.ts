/**
 * Both ends of the end-to-end measurement: the messages the load generator sends (fresh WMO305s over
 * keep-alive HTTP) and the two places a processed 305 comes out, the fake partner's HTTP endpoint (the 306
 * retour) and the back-office queue on RabbitMQ (the envelope). A message counts as fully processed when
 * both have arrived; the tracker keeps the timestamps per BerichtIdentificatie/Identificatie.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import amqp from 'amqplib';
import { FIXTURES_DIR } from '../../src/paths.js';

const WMO305 = readFileSync(path.join(FIXTURES_DIR, 'iwmo-3.2', 'valid', 'WMO305.xml'), 'utf8');
const FIRST_IDENTIFICATIE = /(<(?:\w+:)?Identificatie>)[^<]*(<\/(?:\w+:)?Identificatie>)/;

/** WMO305 from aanbieder 72106543 to gemeente 0772 with its own Identificatie (at most 12 characters). */
export function wmo305(identificatie: string): Buffer {
  return Buffer.from(WMO305.replace(FIRST_IDENTIFICATIE, `$1${identificatie}$2`), 'utf8');
}

export class IdSource {
  private n = 0;
  constructor(private readonly prefix: string) {}
  next(): string {
    this.n += 1;
    return `${this.prefix}${this.n.toString(36)}`;
  }
}

interface Entry {
  readonly sent: number;
  accepted?: number;
  partner?: number;
  backOffice?: number;
  done?: number;
}

/** Timestamps (performance.now(), ms) per message, and a way to wait for completions. */
export class Tracker {
  private readonly entries = new Map<string, Entry>();
  /** Completion times, in completion order. */
  readonly completions: number[] = [];
  readonly acceptances: number[] = [];
  unknownArrivals = 0;
  refused = 0;
  /** HTTP statuses other than 202, by status (0 = no answer). */
  readonly refusals = new Map<number, number>();
  /** The first answer body per refused status, for the report. */
  readonly refusalSamples = new Map<number, string>();
  private listeners = new Set<() => void>();
  /** Entries answered with something other than 202: they never complete. */
  private readonly refusedIds = new WeakSet<Entry>();

  sent(id: string, at: number): void {
    this.entries.set(id, { sent: at });
  }

  accepted(id: string, at: number, status: number): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    if (status !== 202) {
      this.refusedIds.add(entry);
      this.refused += 1;
      this.refusals.set(status, (this.refusals.get(status) ?? 0) + 1);
    }
    entry.accepted = at;
    this.acceptances.push(at);
  }

  partner(id: string | undefined, at: number): void {
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (!entry) return void (this.unknownArrivals += 1);
    entry.partner ??= at;
    this.settle(entry, at);
  }

  backOffice(id: string | undefined, at: number): void {
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (!entry) return void (this.unknownArrivals += 1);
    entry.backOffice ??= at;
    this.settle(entry, at);
  }

  get(id: string): Readonly<Entry> | undefined {
    return this.entries.get(id);
  }

  /** Calls `listener` after every completion; answers a function that removes it. */
  onComplete(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves when every id in `ids` is done and answered (the 202 may come after the outputs: the API
   * answers only after the audit trail is mirrored), or after `timeoutMs`; answers how many are done.
   */
  async waitFor(ids: readonly string[], timeoutMs: number): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    const count = (settled: (e: Entry) => boolean) =>
      ids.reduce((n, id) => {
        const entry = this.entries.get(id);
        return n + (entry && settled(entry) ? 1 : 0);
      }, 0);
    const finished = (e: Entry) =>
      e.accepted !== undefined && (e.done !== undefined || this.refusedIds.has(e));
    while (performance.now() < deadline) {
      if (count(finished) === ids.length) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return count((e) => e.done !== undefined);
  }

  private settle(entry: Entry, at: number): void {
    if (entry.done !== undefined || entry.partner === undefined || entry.backOffice === undefined) return;
    entry.done = at;
    this.completions.push(at);
    for (const listener of this.listeners) listener();
  }
}

const IDENTIFICATIE = /<(?:\w+:)?Identificatie>([^<]*)</;

/** The partner system: `POST /<agb>` answers 200 and reports the heen's Identificatie the 306 carries. */
export async function startPartner(
  tracker: Tracker,
): Promise<{ url: string; received: () => number; close(): Promise<void> }> {
  let received = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received += 1;
      const xml = Buffer.concat(chunks).toString('utf8');
      tracker.partner(IDENTIFICATIE.exec(xml)?.[1], performance.now());
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The back-office: consumes its queue on the broker (its own connection) and acknowledges every envelope. */
export async function startBackOffice(
  url: string,
  queue: string,
  tracker: Tracker,
): Promise<{ received: () => number; close(): Promise<void> }> {
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  await channel.prefetch(256);
  let received = 0;
  const { consumerTag } = await channel.consume(queue, (msg) => {
    if (!msg) return;
    received += 1;
    let id: string | undefined;
    try {
      const envelope = JSON.parse(msg.content.toString('utf8')) as {
        json?: { Bericht?: { Header?: { BerichtIdentificatie?: { Identificatie?: string } } } };
      };
      id = envelope.json?.Bericht?.Header?.BerichtIdentificatie?.Identificatie;
    } catch {
      // counted as unknown
    }
    tracker.backOffice(id, performance.now());
    channel.ack(msg);
  });
  return {
    received: () => received,
    async close() {
      await channel.cancel(consumerTag).catch(() => undefined);
      await channel.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}

/** The load generator's HTTP client: keep-alive sockets, one POST per message, 202 expected. */
export class Submitter {
  private readonly agent: http.Agent;
  private readonly target: URL;
  inFlight = 0;

  constructor(
    apiUrl: string,
    private readonly key: string,
    private readonly tracker: Tracker,
    sockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
    this.target = new URL('/api/v1/berichten', apiUrl);
  }

  /** Sends one message; resolves with the HTTP status once the answer is read (never rejects). */
  submit(id: string, sentAt = performance.now()): Promise<number> {
    const body = wmo305(id);
    this.tracker.sent(id, sentAt);
    this.inFlight += 1;
    return new Promise((resolve) => {
      const req = http.request(
        this.target,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.key}`,
            'content-type': 'application/xml',
            'content-length': body.length,
          },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => {
            if (status !== 202) chunks.push(c);
          });
          res.on('end', () => {
            this.inFlight -= 1;
            if (status !== 202 && !this.tracker.refusalSamples.has(status)) {
              this.tracker.refusalSamples.set(status, Buffer.concat(chunks).toString('utf8').slice(0, 300));
            }
            this.tracker.accepted(id, performance.now(), status);
            resolve(status);
          });
        },
      );
      req.on('error', (error) => {
        this.inFlight -= 1;
        if (!this.tracker.refusalSamples.has(0)) this.tracker.refusalSamples.set(0, error.message);
        this.tracker.accepted(id, performance.now(), 0);
        resolve(0);
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
