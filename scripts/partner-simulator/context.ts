/**
 * What the parts of one simulator share: its options and clock, the bookkeeping, the scheduler, the
 * gateway client, and the registers that tie retours to our messages and keep a toewijzing from being
 * started twice. One object, so receive.ts and flow.ts can work on the same state without a class around them.
 */
import { RetourBuilder, createIdentificatieGenerator } from '../../src/retour/builder.js';
import type { MessageNumber, StandardId } from '../../src/standard/model.js';
import { MessageValidator } from '../../src/validation/validator.js';
import { FlowBook, type MutableFlow } from './book.js';
import { Scheduler } from './scheduler.js';
import { Gateway } from './send.js';
import type { BerichtId, PartnerSimulatorOptions, SimulatorLogger } from './types.js';

const SILENT: SimulatorLogger = { info: () => undefined, warn: () => undefined };

/** One of our 305/307 waiting for its retour (306/308); the timer ends the flow as `no-retour`. */
export interface Awaited {
  readonly flow: MutableFlow;
  readonly heen: '305' | '307';
  readonly timer: NodeJS.Timeout;
}

export interface SimulatorContext {
  readonly options: PartnerSimulatorOptions;
  readonly logger: SimulatorLogger;
  readonly now: () => Date;
  readonly delays: { readonly retour: number; readonly start: number; readonly stop: number };
  readonly book: FlowBook;
  readonly scheduler: Scheduler;
  readonly gateway: Gateway;
  readonly validator: MessageValidator;
  readonly retours: RetourBuilder;
  readonly nextIdentificatie: () => string;
  /** Our 305/307 by `standard:heen:Identificatie:Dagtekening`, as their retour's header repeats it. */
  readonly awaiting: Map<string, Awaited>;
  /** `standard:gemeente:ToewijzingNummer` of every toewijzing we started: one current start each (TR326). */
  readonly startedToewijzingen: Set<string>;
  /** Flow ids of the 301s already answered, whatever delivery brought them. */
  readonly seenToewijzingen: Set<string>;
}

export function createContext(options: PartnerSimulatorOptions): SimulatorContext {
  const logger = options.logger ?? SILENT;
  const now = options.now ?? (() => new Date());
  const book = new FlowBook(logger, now);
  const scheduler = new Scheduler();
  return {
    options,
    logger,
    now,
    delays: {
      retour: options.delaysMs?.retour ?? 250,
      start: options.delaysMs?.start ?? 1_000,
      stop: options.delaysMs?.stop ?? 1_000,
    },
    book,
    scheduler,
    gateway: new Gateway(options, scheduler, book, logger, now),
    validator: new MessageValidator(),
    retours: new RetourBuilder({ now }),
    nextIdentificatie: createIdentificatieGenerator(),
    awaiting: new Map(),
    startedToewijzingen: new Set(),
    seenToewijzingen: new Set(),
  };
}

export function startedKey(flow: MutableFlow, toewijzingNummer: string): string {
  return `${flow.standard}:${flow.gemeente}:${toewijzingNummer}`;
}

export function awaitKey(standard: StandardId, heen: MessageNumber, id: BerichtId): string {
  return `${standard}:${heen}:${id.identificatie}:${id.dagtekening}`;
}
