/**
 * A partner simulator: behaves as a zorgaanbieder's system at the other end of the gateway's HTTP channel,
 * so the whole berichtenverkeer of FACTS §6 flow 1 can be shown and tested end to end:
 *
 *   gateway --301--> simulator --302--> gateway        (after validating the 301: MessageValidator + RetourBuilder)
 *                    simulator --305--> gateway --306--> simulator   (only for a toewijzing accepted without RetourCodes)
 *                    simulator --307--> gateway --308--> simulator   (only after a 306 without RetourCodes)
 *
 * The 307 waits for the 306 because the standard advises waiting for retours before follow-ups (OP080):
 * a stop that overtakes its start is rejected. Run directly (`tsx scripts/partner-simulator.ts`) it
 * listens on PORT (8181) and talks to GATEWAY_URL (http://127.0.0.1:8080) with API_KEY
 * (bp_demo_87654321) as AGB_CODE (87654321) — the demo routing table's partner.
 *
 * Privacy: the messages carry a BSN, a name and a birth date. They are kept in memory (`received`,
 * `sent`, and what a 305/307 needs of the 301's Client) but never logged, never put in an error text and
 * never in a flow record: logs and flows carry message names, identificaties and ToewijzingNummers only.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MESSAGE_ID_HEADER } from '../src/channel/index.js';
import { createLogger } from '../src/log/logger.js';
import { RetourBuilder, createIdentificatieGenerator } from '../src/retour/builder.js';
import { collectRetourCodes } from '../src/retour/codes.js';
import { amsterdamDate } from '../src/retour/dagtekening.js';
import type { MessageNumber, MessageSchema, StandardId } from '../src/standard/model.js';
import { packs } from '../src/standard/packs.js';
import { MessageValidator } from '../src/validation/validator.js';
import type { ValidationReport } from '../src/validation/report.js';
import { fromJson } from '../src/xml/from-json.js';
import type { CanonicalMessage, JsonElement } from '../src/xml/json-form.js';

// ---------------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------------

/** Anything with info/warn, e.g. the project's winston logger. Gets no personal data. */
export interface SimulatorLogger {
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
}

export interface PartnerSimulatorOptions {
  /** 0 = an ephemeral port (tests). */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Base URL of the gateway, e.g. http://127.0.0.1:8080; messages go to `{gatewayUrl}/api/v1/berichten`. */
  readonly gatewayUrl: string;
  readonly apiKey: string;
  /** The aanbieder's AGB code: Afzender of its 305/307, and the Ontvanger a 301 must carry. */
  readonly agbCode: string;
  /** Pauses before each answer, as a real system takes its time (defaults 250 / 1000 / 1000 ms). */
  readonly delaysMs?: { readonly retour?: number; readonly start?: number; readonly stop?: number };
  readonly logger?: SimulatorLogger;
  /** The clock for Dagtekening and the care dates (default: the system clock). */
  readonly now?: () => Date;
  /** How long a 305/307 waits for its 306/308 before the flow ends as `no-retour` (default 10 minutes). */
  readonly retourTimeoutMs?: number;
  /** Tries per POST to the gateway, for connection errors, 5xx and 429 (default 5; the gateway is idempotent). */
  readonly sendAttempts?: number;
  /** When set, a delivery without this header value is refused with 401 (the routing table's channel secret). */
  readonly channelSecret?: { readonly header: string; readonly value: string };
}

/** The steps of one toewijzing, named by the message that marks them. */
export type FlowStage = '301' | '302' | '305' | '306' | '307' | '308';

export type FlowStatus =
  | 'in-progress'
  /** The 308 came back without RetourCodes: started and stopped. */
  | 'completed'
  /** Our own 302 carried RetourCodes (the 301 broke an in-message rule): nothing to start. */
  | 'toewijzing-rejected'
  | 'start-rejected'
  | 'stop-rejected'
  /** Accepted, but no ToegewezenProduct to start: all changes/deletions, already started, or in the future. */
  | 'nothing-to-start'
  /** The gateway did not take one of our messages (unreachable, or a non-2xx answer). */
  | 'send-failed'
  /** No 306/308 within retourTimeoutMs. */
  | 'no-retour'
  /** The simulator was closed while the flow was under way. */
  | 'closed';

export interface BerichtId {
  readonly identificatie: string;
  readonly dagtekening: string;
}

/** One toewijzing (one received 301) and how far it got. Holds no personal data: safe to log. */
export interface ToewijzingFlow {
  /** `WMO301/0363/TW2601190042`: message, gemeente, Identificatie of the 301. */
  readonly id: string;
  readonly standard: StandardId;
  readonly gemeente: string;
  /** BerichtIdentificatie of the 301. */
  readonly toewijzing: BerichtId;
  /** Every ToewijzingNummer in the 301. */
  readonly toewijzingNummers: readonly string[];
  /** Those our 305 starts and our 307 stops. */
  readonly started: readonly string[];
  readonly stage: FlowStage;
  readonly status: FlowStatus;
  /** RetourCodes of the retour that ended the flow, or the failure code of a send. */
  readonly codes: readonly string[];
  /** Identificatie of our 305/307 and IdentificatieRetour of our 302. */
  readonly identificaties: Readonly<Partial<Record<'302' | '305' | '307', string>>>;
  readonly history: readonly { readonly stage: FlowStage; readonly at: string }[];
}

export interface ReceivedMessage {
  readonly at: Date;
  /** `WMO301`, `JW306`; null when the bytes were no readable iWmo/iJw 3.2 message. */
  readonly messageName: string | null;
  readonly verdict: ValidationReport['verdict'];
  readonly berichtIdentificatie?: BerichtId;
  readonly retourCodes: readonly string[];
  readonly idempotencyKey?: string;
  readonly flowId?: string;
  /** The HTTP status we answered the gateway with. */
  readonly httpStatus: number;
  /** The raw message (contains personal data: for tests and inspection, never for logs). */
  readonly xml: Uint8Array;
}

export interface SentMessage {
  readonly at: Date;
  readonly messageName: string;
  readonly flowId: string;
  /** Of the message itself; for a 302 the copied one of the 301. */
  readonly berichtIdentificatie: BerichtId;
  readonly identificatieRetour?: string;
  /** True when the gateway answered 2xx. */
  readonly ok: boolean;
  readonly httpStatus?: number;
  /** The gateway's `outcome`/`messageId`/`code` fields, when it answered JSON. */
  readonly outcome?: string;
  readonly messageId?: string;
  readonly code?: string;
  /** The XML sent (contains personal data: for tests and inspection, never for logs). */
  readonly xml: string;
}

export interface SimulatorProblem {
  readonly code: string;
  readonly flowId?: string;
  /** Free of personal data. */
  readonly detail?: string;
}

export interface SimulatorEvents {
  received: ReceivedMessage;
  sent: SentMessage;
  /** Every stage or status change of a flow. */
  flow: ToewijzingFlow;
  problem: SimulatorProblem;
}

/** Picks flows: by a ToewijzingNummer in the 301, the 301's Identificatie, or the gemeente. */
export interface FlowMatch {
  readonly toewijzingNummer?: string;
  readonly identificatie?: string;
  readonly gemeente?: string;
}

export interface PartnerSimulator {
  /** Where the gateway delivers: `http://host:port/berichten`. */
  readonly url: string;
  readonly port: number;
  readonly received: readonly ReceivedMessage[];
  readonly sent: readonly SentMessage[];
  flows(): ToewijzingFlow[];
  /** Subscribes; returns the unsubscribe function. */
  on<E extends keyof SimulatorEvents>(event: E, listener: (value: SimulatorEvents[E]) => void): () => void;
  /**
   * Resolves with the first matching flow that reaches `stage` (also one that already has); rejects when
   * the matching flow ends without reaching it, or after `timeoutMs` (default 30 s).
   */
  waitFor(stage: FlowStage, match?: FlowMatch, timeoutMs?: number): Promise<ToewijzingFlow>;
  /** Resolves with the first matching flow once it is no longer `in-progress` (any outcome). */
  settled(match?: FlowMatch, timeoutMs?: number): Promise<ToewijzingFlow>;
  /** Stops the server, timers and sends; flows under way end as `closed`. */
  close(): Promise<void>;
}

export async function startPartnerSimulator(options: PartnerSimulatorOptions): Promise<PartnerSimulator> {
  const simulator = new Simulator(options);
  await simulator.listen(options.port, options.host ?? '127.0.0.1');
  return simulator;
}

// ---------------------------------------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------------------------------------

const MAX_BODY_BYTES = 25 * 1024 * 1024; // OP179: 25 MB per message on the real channel
const SILENT: SimulatorLogger = { info: () => undefined, warn: () => undefined };

/** RedenBeeindiging "levering volgens plan beëindigd": the code differs per standard (WMO588 19, JZ588 31). */
const VOLGENS_PLAN: Readonly<Record<StandardId, string>> = { iwmo: '19', ijw: '31' };

interface MutableFlow {
  id: string;
  standard: StandardId;
  gemeente: string;
  toewijzing: BerichtId;
  toewijzingNummers: string[];
  started: string[];
  stage: FlowStage;
  status: FlowStatus;
  codes: string[];
  identificaties: Partial<Record<'302' | '305' | '307', string>>;
  history: { stage: FlowStage; at: string }[];
}

/** What the 305 and 307 need of the 301; kept apart from the flow because it is personal data. */
interface CareContext {
  readonly client: JsonElement;
  readonly products: readonly StartKey[];
}

/** The StartProduct key (TR382: copied unchanged into the StopProduct) plus the toewijzing's end. */
interface StartKey {
  readonly ToewijzingNummer: string;
  readonly Product?: JsonElement;
  readonly ToewijzingIngangsdatum: string;
  readonly Begindatum: string;
  readonly toewijzingEinddatum?: string;
}

interface Awaited {
  readonly flow: MutableFlow;
  readonly heen: '305' | '307';
  readonly timer: NodeJS.Timeout;
}

interface GatewayAnswer {
  readonly ok: boolean;
  readonly httpStatus?: number;
  readonly outcome?: string;
  readonly messageId?: string;
  readonly code?: string;
}

class SimulatorFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

class Simulator implements PartnerSimulator {
  readonly received: ReceivedMessage[] = [];
  readonly sent: SentMessage[] = [];
  url = '';
  port = 0;

  private readonly emitter = new EventEmitter();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly validator = new MessageValidator();
  private readonly retours: RetourBuilder;
  private readonly nextIdentificatie = createIdentificatieGenerator();
  private readonly logger: SimulatorLogger;
  private readonly now: () => Date;
  private readonly delays: { retour: number; start: number; stop: number };
  private readonly endpoint: string;
  private readonly abort = new AbortController();

  private readonly flowsById = new Map<string, MutableFlow>();
  private readonly care = new Map<string, CareContext>();
  /** Our 305/307 by `standard:heen:Identificatie:Dagtekening`, as their retour's header repeats it. */
  private readonly awaiting = new Map<string, Awaited>();
  /** `standard:gemeente:ToewijzingNummer` of every toewijzing we started: one current start each (TR326). */
  private readonly startedToewijzingen = new Set<string>();
  private readonly seenDeliveries = new Set<string>();
  private readonly seenToewijzingen = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly options: PartnerSimulatorOptions) {
    this.logger = options.logger ?? SILENT;
    this.now = options.now ?? (() => new Date());
    this.delays = {
      retour: options.delaysMs?.retour ?? 250,
      start: options.delaysMs?.start ?? 1_000,
      stop: options.delaysMs?.stop ?? 1_000,
    };
    this.retours = new RetourBuilder({ now: this.now });
    this.endpoint = `${options.gatewayUrl.replace(/\/+$/, '')}/api/v1/berichten`;
    this.emitter.setMaxListeners(0);
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.port = address.port;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${shownHost}:${address.port}/berichten`;
  }

  flows(): ToewijzingFlow[] {
    return [...this.flowsById.values()].map(snapshot);
  }

  on<E extends keyof SimulatorEvents>(event: E, listener: (value: SimulatorEvents[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  waitFor(stage: FlowStage, match: FlowMatch = {}, timeoutMs = 30_000): Promise<ToewijzingFlow> {
    return this.watch(
      (flow) => {
        if (flow.history.some((h) => h.stage === stage)) return 'resolve';
        return flow.status === 'in-progress' ? 'wait' : 'reject';
      },
      match,
      timeoutMs,
      `stage ${stage}`,
    );
  }

  settled(match: FlowMatch = {}, timeoutMs = 30_000): Promise<ToewijzingFlow> {
    return this.watch(
      (flow) => (flow.status === 'in-progress' ? 'wait' : 'resolve'),
      match,
      timeoutMs,
      'the end of the flow',
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const waiting of this.awaiting.values()) clearTimeout(waiting.timer);
    this.awaiting.clear();
    this.abort.abort();
    await Promise.allSettled([...this.pending]);
    for (const flow of this.flowsById.values()) {
      if (flow.status === 'in-progress') this.finish(flow, 'closed');
    }
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.validator.dispose();
    this.care.clear();
  }

  // ----- receiving ---------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = new URL(req.url ?? '/', 'http://simulator').pathname;
      if (req.method === 'GET' && path === '/status') {
        return reply(res, 200, { agbCode: this.options.agbCode, flows: this.flows() });
      }
      if (path !== '/berichten') return reply(res, 404, { code: 'NOT_FOUND' });
      if (req.method !== 'POST') return reply(res, 405, { code: 'METHOD_NOT_ALLOWED' });
      const secret = this.options.channelSecret;
      if (secret && req.headers[secret.header.toLowerCase()] !== secret.value) {
        return reply(res, 401, { code: 'UNAUTHORIZED' });
      }
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === undefined) return reply(res, 413, { code: 'TOO_LARGE' });
      const key = headerValue(req, MESSAGE_ID_HEADER);
      // At-least-once delivery: the gateway may bring the same message again after a lost answer.
      if (key !== undefined && this.seenDeliveries.has(key)) return reply(res, 200, { outcome: 'duplicate' });
      const answer = this.receive(body, key);
      if (key !== undefined && answer.status < 300) this.seenDeliveries.add(key);
      reply(res, answer.status, answer.body);
    } catch (error) {
      this.problem({ code: 'INTERNAL', detail: error instanceof Error ? error.name : 'unknown' });
      if (!res.headersSent) reply(res, 500, { code: 'INTERNAL' });
    }
  }

  /** Validates and files one delivered message; synchronous, so the gateway's answer reflects it. */
  private receive(bytes: Uint8Array, key: string | undefined): { status: number; body: unknown } {
    const inspection = this.validator.inspect(bytes, 'bericht');
    inspection.doc?.dispose();
    const { report, message, json } = inspection;
    const base = {
      at: this.now(),
      xml: bytes,
      verdict: report.verdict,
      ...(key ? { idempotencyKey: key } : {}),
    };

    if (message === undefined || json === undefined) {
      // Level 1 failed: the standard answers with a channel error (Fo01, StUF055), not with a retour.
      const code = report.verdict === 'unreadable' ? 'UNREADABLE' : 'StUF055';
      this.record({ ...base, messageName: message?.name ?? null, retourCodes: [], httpStatus: 400 });
      this.logger.warn('refused a delivery at level 1', { messageName: message?.name ?? null, code });
      return { status: 400, body: { code } };
    }
    const header = element(json.Bericht.Header);
    const berichtIdentificatie = berichtIdOf(header);
    const named = { ...base, messageName: message.name, berichtIdentificatie };

    if (message.number === '301') return this.receiveToewijzing(named, message, report, json, header);
    if (message.isRetour && (message.heen === '305' || message.heen === '307')) {
      return this.receiveRetour(named, message, json, message.heen);
    }
    // 319, 325, a retour on something we did not send: a real system files these; the demo only records them.
    this.record({ ...named, retourCodes: collectRetourCodes(json.Bericht), httpStatus: 202 });
    this.logger.info('received a message the simulator does not act on', { messageName: message.name });
    return { status: 202, body: { outcome: 'received' } };
  }

  private receiveToewijzing(
    base: Omit<ReceivedMessage, 'retourCodes' | 'httpStatus' | 'flowId'>,
    message: MessageSchema,
    report: ValidationReport,
    json: CanonicalMessage,
    header: JsonElement,
  ): { status: number; body: unknown } {
    const gemeente = stringOf(header.Afzender);
    const ontvanger = stringOf(header.Ontvanger);
    const id = base.berichtIdentificatie!;
    if (ontvanger !== this.options.agbCode) {
      // Our retour would speak for another aanbieder, which the gateway refuses; the routing is wrong.
      this.record({ ...base, retourCodes: [], httpStatus: 422 });
      this.problem({ code: 'NOT_FOR_THIS_AANBIEDER', detail: `${message.name} ${id.identificatie}` });
      return { status: 422, body: { code: 'NOT_FOR_THIS_AANBIEDER' } };
    }
    const flowId = `${message.name}/${gemeente}/${id.identificatie}`;
    // The same 301 under another delivery id (a resend by the gemeente): answered once only.
    if (this.seenToewijzingen.has(flowId)) {
      this.record({ ...base, retourCodes: [], httpStatus: 200, flowId });
      return { status: 200, body: { outcome: 'duplicate' } };
    }
    this.seenToewijzingen.add(flowId);
    const client = element(json.Bericht.Client);
    const products = list(
      client.ToegewezenProducten ? element(client.ToegewezenProducten).ToegewezenProduct : [],
    );
    const flow: MutableFlow = {
      id: flowId,
      standard: message.standard,
      gemeente,
      toewijzing: id,
      toewijzingNummers: products.map((p) => stringOf(p.ToewijzingNummer)),
      started: [],
      stage: '301',
      status: 'in-progress',
      codes: [],
      identificaties: {},
      history: [{ stage: '301', at: this.now().toISOString() }],
    };
    this.flowsById.set(flowId, flow);
    this.record({ ...base, retourCodes: [], httpStatus: 202, flowId });
    this.logger.info('301 received', {
      flow: flowId,
      verdict: report.verdict,
      toewijzingNummers: flow.toewijzingNummers,
    });
    this.emit('flow', snapshot(flow));
    this.later(this.delays.retour, flow, () => this.answerToewijzing(flow, message, report, json));
    return { status: 202, body: { outcome: 'received', flow: flowId } };
  }

  private receiveRetour(
    base: Omit<ReceivedMessage, 'retourCodes' | 'httpStatus' | 'flowId'>,
    message: MessageSchema,
    json: CanonicalMessage,
    heen: '305' | '307',
  ): { status: number; body: unknown } {
    const codes = collectRetourCodes(json.Bericht);
    const id = base.berichtIdentificatie!;
    const key = awaitKey(message.standard, heen, id);
    const waiting = this.awaiting.get(key);
    if (!waiting) {
      this.record({ ...base, retourCodes: codes, httpStatus: 202 });
      this.logger.warn('received a retour for no message of ours', { messageName: message.name });
      return { status: 202, body: { outcome: 'received' } };
    }
    this.awaiting.delete(key);
    clearTimeout(waiting.timer);
    const flow = waiting.flow;
    this.record({ ...base, retourCodes: codes, httpStatus: 202, flowId: flow.id });
    this.logger.info(`${message.name} received`, { flow: flow.id, retourCodes: codes });
    if (heen === '305' && codes.length > 0) {
      // A rejected start did not happen: the toewijzing may be started by a later, corrected 305.
      for (const nummer of flow.started) this.startedToewijzingen.delete(startedKey(flow, nummer));
      this.advance(flow, '306', { status: 'start-rejected', codes });
    } else if (heen === '305') {
      this.advance(flow, '306');
      this.later(this.delays.stop, flow, () => this.sendStop(flow));
    } else {
      this.advance(flow, '308', { status: codes.length > 0 ? 'stop-rejected' : 'completed', codes });
    }
    return { status: 202, body: { outcome: 'received', flow: flow.id } };
  }

  // ----- answering and sending --------------------------------------------------------------------------

  /** The 302, then (if it carries no RetourCodes) the 305 after the start delay. */
  private async answerToewijzing(
    flow: MutableFlow,
    message: MessageSchema,
    report: ValidationReport,
    json: CanonicalMessage,
  ): Promise<void> {
    const retour = this.retours.fromInspection({ report, message, json });
    const retourHeader = element(retour.json.Bericht.Header);
    flow.identificaties['302'] = stringOf(retourHeader.IdentificatieRetour);
    this.advance(flow, '302');
    const sent = await this.send(
      flow,
      retour.message.name,
      retour.xml,
      flow.toewijzing,
      flow.identificaties['302'],
    );
    if (!sent) return;
    if (retour.case !== 'accepted') {
      this.finish(flow, 'toewijzing-rejected', collectRetourCodes(retour.json.Bericht));
      return;
    }
    const client = element(json.Bericht.Client);
    const products = this.startable(flow, client);
    if (products.length === 0) {
      this.finish(flow, 'nothing-to-start');
      return;
    }
    // Claimed now, so a repeated 301 (it lists every current toewijzing, OP087) does not start them twice.
    for (const p of products) this.startedToewijzingen.add(startedKey(flow, p.ToewijzingNummer));
    flow.started = products.map((p) => p.ToewijzingNummer);
    this.care.set(flow.id, { client, products });
    this.later(this.delays.start, flow, () => this.sendStart(flow));
  }

  /**
   * The ToegewezenProducten to start: initial toekenningen only (RedenWijziging empty: a filled one changes
   * or deletes an earlier toewijzing, whose start is not this 301's business), not started before, and
   * whose Ingangsdatum has come (TR134: a Begindatum after the Dagtekening is rejected).
   */
  private startable(flow: MutableFlow, client: JsonElement): StartKey[] {
    const today = amsterdamDate(this.now());
    const container = client.ToegewezenProducten;
    const products = container ? list(element(container).ToegewezenProduct) : [];
    const keys: StartKey[] = [];
    for (const p of products) {
      const nummer = stringOf(p.ToewijzingNummer);
      const ingangsdatum = stringOf(p.Ingangsdatum);
      if (p.RedenWijziging !== undefined) continue;
      if (ingangsdatum > today) continue;
      if (this.startedToewijzingen.has(startedKey(flow, nummer))) continue;
      keys.push({
        ToewijzingNummer: nummer,
        ...(p.Product !== undefined ? { Product: element(p.Product) } : {}),
        ToewijzingIngangsdatum: ingangsdatum,
        // Care starts on the toewijzing's first day; for a retroactive toewijzing that lies in the past,
        // which OP271 allows (report within 5 working days after receiving the 301).
        Begindatum: ingangsdatum,
        ...(typeof p.Einddatum === 'string' ? { toewijzingEinddatum: p.Einddatum } : {}),
      });
    }
    return keys;
  }

  private async sendStart(flow: MutableFlow): Promise<void> {
    const care = this.care.get(flow.id);
    if (!care) return;
    const products = care.products.map((p) => ({
      ToewijzingNummer: p.ToewijzingNummer,
      ...(p.Product ? { Product: p.Product } : {}),
      ToewijzingIngangsdatum: p.ToewijzingIngangsdatum,
      Begindatum: p.Begindatum,
      StatusAanlevering: '1',
    }));
    await this.sendRegie(flow, '305', care.client, { StartProducten: { StartProduct: products } });
  }

  private async sendStop(flow: MutableFlow): Promise<void> {
    const care = this.care.get(flow.id);
    if (!care) return;
    const today = amsterdamDate(this.now());
    const products = care.products.map((p) => ({
      // TR382: the start's key (ToewijzingNummer, Product, Begindatum) is copied unchanged.
      ToewijzingNummer: p.ToewijzingNummer,
      ...(p.Product ? { Product: p.Product } : {}),
      ToewijzingIngangsdatum: p.ToewijzingIngangsdatum,
      Begindatum: p.Begindatum,
      RedenBeeindiging: VOLGENS_PLAN[flow.standard],
      // Care ends today, or on the toewijzing's Einddatum if that has passed: never after the Dagtekening
      // (TR134) and never after the toewijzing.
      Einddatum:
        p.toewijzingEinddatum !== undefined && p.toewijzingEinddatum < today ? p.toewijzingEinddatum : today,
      StatusAanlevering: '1',
    }));
    await this.sendRegie(flow, '307', care.client, { StopProducten: { StopProduct: products } });
  }

  /** Builds a 305/307 for the 301's client, registers the retour it awaits, and sends it. */
  private async sendRegie(
    flow: MutableFlow,
    number: '305' | '307',
    client: JsonElement,
    products: JsonElement,
  ): Promise<void> {
    const pack = packs[flow.standard];
    const schema = messageOf(flow.standard, number);
    const id: BerichtId = { identificatie: this.nextIdentificatie(), dagtekening: amsterdamDate(this.now()) };
    const naam = element(client.Naam);
    const json: CanonicalMessage = {
      message: schema.name,
      release: pack.release.label,
      Bericht: {
        Header: {
          BerichtCode: schema.berichtCode,
          BerichtVersie: pack.release.versie,
          BerichtSubversie: pack.release.subversie,
          Afzender: this.options.agbCode,
          Ontvanger: flow.gemeente,
          BerichtIdentificatie: { Identificatie: id.identificatie, Dagtekening: id.dagtekening },
          XsdVersie: {
            BasisschemaXsdVersie: pack.xsdVersie.basisschema,
            BerichtXsdVersie: pack.xsdVersie.bericht,
          },
        },
        Client: {
          Bsn: client.Bsn!,
          Geboortedatum: client.Geboortedatum!,
          Geslacht: client.Geslacht!,
          // CDT_VerkorteNaam: the 301's CDT_VolledigeNaam without Partnernaam and NaamGebruik.
          Naam: pick(naam, ['Geslachtsnaam', 'Voornamen', 'Voorletters']),
          ...products,
        },
      },
    };
    const built = fromJson(json);
    if ('issues' in built) {
      // Issue texts never quote values (json-form.ts), so they are safe to report.
      const first = built.issues[0];
      this.problem({ code: 'BUILD_FAILED', flowId: flow.id, detail: `${first?.code} at ${first?.path}` });
      this.finish(flow, 'send-failed', ['BUILD_FAILED']);
      return;
    }
    flow.identificaties[number] = id.identificatie;
    const key = awaitKey(flow.standard, number, id);
    // Registered before the POST: the gateway may deliver the retour before it answers us.
    const timer = setTimeout(() => {
      if (this.awaiting.delete(key))
        this.finish(flow, 'no-retour', [`NO_${number === '305' ? '306' : '308'}`]);
    }, this.options.retourTimeoutMs ?? 600_000);
    timer.unref();
    this.awaiting.set(key, { flow, heen: number, timer });
    this.advance(flow, number);
    const ok = await this.send(flow, schema.name, built.xml, id);
    if (!ok) {
      clearTimeout(timer);
      this.awaiting.delete(key);
    }
  }

  /** POSTs one message to the gateway; records it; on failure ends the flow as `send-failed`. */
  private async send(
    flow: MutableFlow,
    messageName: string,
    xml: string,
    berichtIdentificatie: BerichtId,
    identificatieRetour?: string,
  ): Promise<boolean> {
    const answer = await this.post(xml);
    const sent: SentMessage = {
      at: this.now(),
      messageName,
      flowId: flow.id,
      berichtIdentificatie,
      ...(identificatieRetour !== undefined ? { identificatieRetour } : {}),
      ...answer,
      xml,
    };
    this.sent.push(sent);
    this.emit('sent', sent);
    const meta = { flow: flow.id, httpStatus: answer.httpStatus, outcome: answer.outcome, code: answer.code };
    if (!answer.ok) {
      this.logger.warn(`${messageName} not taken by the gateway`, meta);
      if (flow.status === 'in-progress') {
        this.finish(flow, 'send-failed', [answer.code ?? `HTTP_${answer.httpStatus ?? 'UNREACHABLE'}`]);
      }
      return false;
    }
    this.logger.info(`${messageName} sent`, { ...meta, messageId: answer.messageId });
    return true;
  }

  private async post(xml: string): Promise<GatewayAnswer> {
    const attempts = Math.max(1, this.options.sendAttempts ?? 5);
    let last: GatewayAnswer = { ok: false, code: 'UNREACHABLE' };
    for (let attempt = 1; attempt <= attempts && !this.closed; attempt++) {
      if (attempt > 1) await this.pause(200 * 2 ** (attempt - 2));
      let response: Response;
      try {
        response = await fetch(this.endpoint, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/xml' },
          body: xml,
          signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(30_000)]),
        });
      } catch {
        last = { ok: false, code: this.closed ? 'CLOSED' : 'UNREACHABLE' };
        continue;
      }
      // Only the short fields are kept: the gateway's report may quote rule details.
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      last = {
        ok: response.ok,
        httpStatus: response.status,
        ...(typeof body.outcome === 'string' ? { outcome: body.outcome } : {}),
        ...(typeof body.messageId === 'string' ? { messageId: body.messageId } : {}),
        ...(typeof body.code === 'string' ? { code: body.code } : {}),
      };
      if (response.ok || (response.status < 500 && response.status !== 429)) return last;
    }
    return last;
  }

  // ----- bookkeeping ------------------------------------------------------------------------------------

  /**
   * Moves the flow to `stage`; with `end`, also ends it, in one change, so that whoever waits for the stage
   * sees the final status along with it.
   */
  private advance(
    flow: MutableFlow,
    stage: FlowStage,
    end?: { status: FlowStatus; codes: readonly string[] },
  ): void {
    flow.stage = stage;
    flow.history.push({ stage, at: this.now().toISOString() });
    if (end) this.end(flow, end.status, end.codes);
    this.emit('flow', snapshot(flow));
  }

  private finish(flow: MutableFlow, status: FlowStatus, codes: readonly string[] = []): void {
    this.end(flow, status, codes);
    this.emit('flow', snapshot(flow));
  }

  private end(flow: MutableFlow, status: FlowStatus, codes: readonly string[]): void {
    flow.status = status;
    flow.codes = [...codes];
    this.care.delete(flow.id);
    const log = status === 'completed' ? this.logger.info : this.logger.warn;
    log.call(this.logger, `toewijzing ${status}`, { flow: flow.id, stage: flow.stage, codes });
  }

  private record(message: ReceivedMessage): void {
    this.received.push(message);
    this.emit('received', message);
  }

  private problem(problem: SimulatorProblem): void {
    this.logger.warn('simulator problem', { ...problem });
    this.emit('problem', problem);
  }

  private emit<E extends keyof SimulatorEvents>(event: E, value: SimulatorEvents[E]): void {
    try {
      this.emitter.emit(event, value);
    } catch {
      // A listener's failure is the listener's business; the simulator's own flow goes on.
    }
  }

  /** Runs `task` after `ms`, tracked so close() can cancel it; a thrown error ends the flow. */
  private later(ms: number, flow: MutableFlow, task: () => Promise<void>): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = task().catch((error: unknown) => {
        const code = error instanceof SimulatorFailure ? error.code : 'INTERNAL';
        this.problem({ code, flowId: flow.id, detail: error instanceof Error ? error.name : 'unknown' });
        if (flow.status === 'in-progress') this.finish(flow, 'send-failed', [code]);
      });
      this.pending.add(run);
      void run.finally(() => this.pending.delete(run));
    }, ms);
    this.timers.add(timer);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
      this.abort.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  private watch(
    decide: (flow: ToewijzingFlow) => 'resolve' | 'reject' | 'wait',
    match: FlowMatch,
    timeoutMs: number,
    what: string,
  ): Promise<ToewijzingFlow> {
    return new Promise((resolve, reject) => {
      const conclude = (flow: ToewijzingFlow, decision: 'resolve' | 'reject'): void => {
        if (decision === 'resolve') resolve(flow);
        else
          reject(
            new SimulatorFailure('FLOW_ENDED', `flow ${flow.id} ended as ${flow.status} before ${what}`),
          );
      };
      for (const flow of this.flows()) {
        const decision = matches(flow, match) ? decide(flow) : 'wait';
        if (decision !== 'wait') return conclude(flow, decision);
      }
      // Events come from later turns of the event loop, so `timer` is set before the listener can run.
      const unsubscribe = this.on('flow', (flow) => {
        const decision = matches(flow, match) ? decide(flow) : 'wait';
        if (decision === 'wait') return;
        unsubscribe();
        clearTimeout(timer);
        conclude(flow, decision);
      });
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new SimulatorFailure('TIMEOUT', `no matching flow reached ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
    });
  }
}

// ----- helpers ----------------------------------------------------------------------------------------

function snapshot(flow: MutableFlow): ToewijzingFlow {
  return {
    ...flow,
    toewijzingNummers: [...flow.toewijzingNummers],
    started: [...flow.started],
    codes: [...flow.codes],
    identificaties: { ...flow.identificaties },
    history: flow.history.map((h) => ({ ...h })),
  };
}

function matches(flow: ToewijzingFlow, match: FlowMatch): boolean {
  return (
    (match.toewijzingNummer === undefined || flow.toewijzingNummers.includes(match.toewijzingNummer)) &&
    (match.identificatie === undefined || flow.toewijzing.identificatie === match.identificatie) &&
    (match.gemeente === undefined || flow.gemeente === match.gemeente)
  );
}

function startedKey(flow: MutableFlow, toewijzingNummer: string): string {
  return `${flow.standard}:${flow.gemeente}:${toewijzingNummer}`;
}

function awaitKey(standard: StandardId, heen: MessageNumber, id: BerichtId): string {
  return `${standard}:${heen}:${id.identificatie}:${id.dagtekening}`;
}

function messageOf(standard: StandardId, number: MessageNumber): MessageSchema {
  const schema = Object.values(packs[standard].messages).find((m) => m.number === number);
  if (!schema) throw new SimulatorFailure('NO_SCHEMA', `no ${number} in ${standard}`);
  return schema;
}

function element(value: unknown): JsonElement {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimulatorFailure('UNEXPECTED_SHAPE', 'expected an element');
  }
  return value as JsonElement;
}

function list(value: unknown): JsonElement[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(element) : [element(value)];
}

function stringOf(value: unknown): string {
  if (typeof value !== 'string') throw new SimulatorFailure('UNEXPECTED_SHAPE', 'expected a text value');
  return value;
}

function pick(from: JsonElement, names: readonly string[]): JsonElement {
  const out: JsonElement = {};
  for (const name of names) {
    const value = from[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function berichtIdOf(header: JsonElement): BerichtId {
  const id = element(header.BerichtIdentificatie);
  return { identificatie: stringOf(id.Identificatie), dagtekening: stringOf(id.Dagtekening) };
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

// ---------------------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------------------

const USAGE = `Usage: tsx scripts/partner-simulator.ts [--port 8181] [--host 127.0.0.1]
  [--gateway http://127.0.0.1:8080] [--api-key bp_demo_87654321] [--agb 87654321] [--delay-ms 1000]
Environment: PORT, HOST, GATEWAY_URL, API_KEY, AGB_CODE, DELAY_MS (flags win).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      gateway: { type: 'string' },
      'api-key': { type: 'string' },
      agb: { type: 'string' },
      'delay-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const env = process.env;
  const port = Number(values.port ?? env.PORT ?? 8181);
  const delay = Number(values['delay-ms'] ?? env.DELAY_MS ?? 1_000);
  if (!Number.isInteger(port) || port < 0 || !Number.isFinite(delay) || delay < 0) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const logger = createLogger();
  const simulator = await startPartnerSimulator({
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    gatewayUrl: values.gateway ?? env.GATEWAY_URL ?? 'http://127.0.0.1:8080',
    apiKey: values['api-key'] ?? env.API_KEY ?? 'bp_demo_87654321',
    agbCode: values.agb ?? env.AGB_CODE ?? '87654321',
    delaysMs: { retour: Math.min(delay, 250), start: delay, stop: delay },
    logger,
  });
  // The API key is left out of the log on purpose.
  logger.info('partner simulator listening', {
    url: simulator.url,
    agbCode: values.agb ?? env.AGB_CODE ?? '87654321',
    gatewayUrl: values.gateway ?? env.GATEWAY_URL ?? 'http://127.0.0.1:8080',
  });
  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `partner simulator failed to start: ${error instanceof Error ? error.message : 'unknown'}\n`,
    );
    process.exitCode = 1;
  });
}
