/**
 * Posting the simulator's messages (302, 305, 307) to the gateway's API, as a partner system does: with its
 * API key, retried on what may pass (connection errors, 5xx, 429; the gateway is idempotent), and every
 * attempt's outcome recorded as a SentMessage.
 */
import type { FlowBook, MutableFlow } from './book.js';
import type { Scheduler } from './scheduler.js';
import type { BerichtId, PartnerSimulatorOptions, SentMessage, SimulatorLogger } from './types.js';

interface GatewayAnswer {
  readonly ok: boolean;
  readonly httpStatus?: number;
  readonly outcome?: string;
  readonly messageId?: string;
  readonly code?: string;
}

export class Gateway {
  private readonly endpoint: string;

  constructor(
    private readonly options: PartnerSimulatorOptions,
    private readonly scheduler: Scheduler,
    private readonly book: FlowBook,
    private readonly logger: SimulatorLogger,
    private readonly now: () => Date,
  ) {
    this.endpoint = `${options.gatewayUrl.replace(/\/+$/, '')}/api/v1/berichten`;
  }

  /** POSTs one message to the gateway; records it; on failure ends the flow as `send-failed`. */
  async send(
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
    this.book.recordSent(sent);
    const meta = { flow: flow.id, httpStatus: answer.httpStatus, outcome: answer.outcome, code: answer.code };
    if (!answer.ok) {
      this.logger.warn(`${messageName} not taken by the gateway`, meta);
      if (flow.status === 'in-progress') {
        this.book.finish(flow, 'send-failed', [answer.code ?? `HTTP_${answer.httpStatus ?? 'UNREACHABLE'}`]);
      }
      return false;
    }
    this.logger.info(`${messageName} sent`, { ...meta, messageId: answer.messageId });
    return true;
  }

  private async post(xml: string): Promise<GatewayAnswer> {
    const attempts = Math.max(1, this.options.sendAttempts ?? 5);
    let last: GatewayAnswer = { ok: false, code: 'UNREACHABLE' };
    for (let attempt = 1; attempt <= attempts && !this.scheduler.closed; attempt++) {
      if (attempt > 1) await this.scheduler.pause(200 * 2 ** (attempt - 2));
      let response: Response;
      try {
        response = await fetch(this.endpoint, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/xml' },
          body: xml,
          signal: AbortSignal.any([this.scheduler.signal, AbortSignal.timeout(30_000)]),
        });
      } catch {
        last = { ok: false, code: this.scheduler.closed ? 'CLOSED' : 'UNREACHABLE' };
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
}
