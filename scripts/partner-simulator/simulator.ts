/**
 * The PartnerSimulator handle: puts the parts together (context.ts), listens, and answers the questions
 * a test or demo asks (flows, events, waits); close() takes everything down in an order that lets flows
 * under way end as `closed` rather than hang.
 */
import type { Server } from 'node:http';
import { createContext, type SimulatorContext } from './context.js';
import { createSimulatorServer, listen } from './server.js';
import type {
  FlowMatch,
  FlowStage,
  PartnerSimulator,
  PartnerSimulatorOptions,
  ReceivedMessage,
  SentMessage,
  SimulatorEvents,
  ToewijzingFlow,
} from './types.js';

export async function startPartnerSimulator(options: PartnerSimulatorOptions): Promise<PartnerSimulator> {
  const simulator = new Simulator(options);
  await simulator.listen(options.port, options.host ?? '127.0.0.1');
  return simulator;
}

class Simulator implements PartnerSimulator {
  readonly received: ReceivedMessage[];
  readonly sent: SentMessage[];
  url = '';
  port = 0;

  private readonly ctx: SimulatorContext;
  private readonly server: Server;

  constructor(options: PartnerSimulatorOptions) {
    this.ctx = createContext(options);
    this.server = createSimulatorServer(this.ctx);
    this.received = this.ctx.book.received;
    this.sent = this.ctx.book.sent;
  }

  async listen(port: number, host: string): Promise<void> {
    const bound = await listen(this.server, port, host);
    this.port = bound.port;
    this.url = bound.url;
  }

  flows(): ToewijzingFlow[] {
    return this.ctx.book.flows();
  }

  on<E extends keyof SimulatorEvents>(event: E, listener: (value: SimulatorEvents[E]) => void): () => void {
    return this.ctx.book.on(event, listener);
  }

  waitFor(stage: FlowStage, match: FlowMatch = {}, timeoutMs = 30_000): Promise<ToewijzingFlow> {
    return this.ctx.book.waitFor(stage, match, timeoutMs);
  }

  settled(match: FlowMatch = {}, timeoutMs = 30_000): Promise<ToewijzingFlow> {
    return this.ctx.book.settled(match, timeoutMs);
  }

  async close(): Promise<void> {
    const { scheduler, awaiting, book } = this.ctx;
    if (scheduler.closed) return;
    for (const waiting of awaiting.values()) clearTimeout(waiting.timer);
    awaiting.clear();
    // Cancels the timers, aborts the sends and waits for the steps under way, which may still end flows.
    await scheduler.close();
    book.finishUnderway('closed');
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.ctx.validator.dispose();
    book.care.clear();
  }
}
