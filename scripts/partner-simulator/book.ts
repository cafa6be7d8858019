/**
 * The simulator's bookkeeping: every flow and how far it got, the messages received and sent, the events
 * that report them, and the waits a test or demo puts on them. Flows hold no personal data; what a 305/307
 * needs of the 301's Client sits apart in `care` and goes as soon as the flow ends.
 */
import { EventEmitter } from 'node:events';
import type { StandardId } from '../../src/standard/model.js';
import { SimulatorFailure } from './shape.js';
import type { CareContext } from './messages.js';
import type {
  BerichtId,
  FlowMatch,
  FlowStage,
  FlowStatus,
  ReceivedMessage,
  SentMessage,
  SimulatorEvents,
  SimulatorLogger,
  SimulatorProblem,
  ToewijzingFlow,
} from './types.js';

/** A ToewijzingFlow as the simulator changes it; the outside world only sees snapshots. */
export interface MutableFlow {
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

export class FlowBook {
  readonly received: ReceivedMessage[] = [];
  readonly sent: SentMessage[] = [];
  /** What the 305 and 307 need of the 301, by flow id; kept apart from the flow because it is personal data. */
  readonly care = new Map<string, CareContext>();

  private readonly emitter = new EventEmitter();
  private readonly flowsById = new Map<string, MutableFlow>();

  constructor(
    private readonly logger: SimulatorLogger,
    private readonly now: () => Date,
  ) {
    this.emitter.setMaxListeners(0);
  }

  flows(): ToewijzingFlow[] {
    return [...this.flowsById.values()].map(snapshot);
  }

  on<E extends keyof SimulatorEvents>(event: E, listener: (value: SimulatorEvents[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  emit<E extends keyof SimulatorEvents>(event: E, value: SimulatorEvents[E]): void {
    try {
      this.emitter.emit(event, value);
    } catch {
      // A listener's failure is the listener's business; the simulator's own flow goes on.
    }
  }

  /** Files a new flow; the caller reports it once the 301 that opened it is recorded. */
  open(flow: MutableFlow): void {
    this.flowsById.set(flow.id, flow);
  }

  /**
   * Moves the flow to `stage`; with `end`, also ends it, in one change, so that whoever waits for the stage
   * sees the final status along with it.
   */
  advance(flow: MutableFlow, stage: FlowStage, end?: { status: FlowStatus; codes: readonly string[] }): void {
    flow.stage = stage;
    flow.history.push({ stage, at: this.now().toISOString() });
    if (end) this.end(flow, end.status, end.codes);
    this.emit('flow', snapshot(flow));
  }

  finish(flow: MutableFlow, status: FlowStatus, codes: readonly string[] = []): void {
    this.end(flow, status, codes);
    this.emit('flow', snapshot(flow));
  }

  /** Ends every flow still under way with `status` (on close). */
  finishUnderway(status: FlowStatus): void {
    for (const flow of this.flowsById.values()) {
      if (flow.status === 'in-progress') this.finish(flow, status);
    }
  }

  record(message: ReceivedMessage): void {
    this.received.push(message);
    this.emit('received', message);
  }

  recordSent(message: SentMessage): void {
    this.sent.push(message);
    this.emit('sent', message);
  }

  problem(problem: SimulatorProblem): void {
    this.logger.warn('simulator problem', { ...problem });
    this.emit('problem', problem);
  }

  waitFor(stage: FlowStage, match: FlowMatch, timeoutMs: number): Promise<ToewijzingFlow> {
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

  settled(match: FlowMatch, timeoutMs: number): Promise<ToewijzingFlow> {
    return this.watch(
      (flow) => (flow.status === 'in-progress' ? 'wait' : 'resolve'),
      match,
      timeoutMs,
      'the end of the flow',
    );
  }

  private end(flow: MutableFlow, status: FlowStatus, codes: readonly string[]): void {
    flow.status = status;
    flow.codes = [...codes];
    this.care.delete(flow.id);
    const log = status === 'completed' ? this.logger.info : this.logger.warn;
    log.call(this.logger, `toewijzing ${status}`, { flow: flow.id, stage: flow.stage, codes });
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

export function snapshot(flow: MutableFlow): ToewijzingFlow {
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
