/**
 * The partner simulator's public types: its options, the flow records and events it reports, and the handle
 * that startPartnerSimulator returns. Re-exported unchanged by scripts/partner-simulator.ts, which is what
 * scripts/demo.ts and the tests import.
 */
import type { StandardId } from '../../src/standard/model.js';
import type { ValidationReport } from '../../src/validation/report.js';

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
