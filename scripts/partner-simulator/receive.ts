/**
 * What the simulator does with a delivered message: validate it, file it, and answer the gateway at once.
 * A 301 opens a flow (its 302 follows later, see flow.ts); a 306/308 is matched to the 305/307 it answers
 * and moves that flow on; anything else is only recorded.
 */
import { collectRetourCodes } from '../../src/retour/codes.js';
import type { MessageSchema } from '../../src/standard/model.js';
import type { ValidationReport } from '../../src/validation/report.js';
import type { CanonicalMessage, JsonElement } from '../../src/xml/json-form.js';
import { snapshot, type MutableFlow } from './book.js';
import { awaitKey, startedKey, type SimulatorContext } from './context.js';
import { answerToewijzing, later, sendStop } from './flow.js';
import { berichtIdOf, element, list, stringOf } from './shape.js';
import type { ReceivedMessage } from './types.js';

/** The HTTP answer to the gateway's delivery. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

type Filed = Omit<ReceivedMessage, 'retourCodes' | 'httpStatus' | 'flowId'>;

/** Validates and files one delivered message; synchronous, so the gateway's answer reflects it. */
export function receive(ctx: SimulatorContext, bytes: Uint8Array, key: string | undefined): Answer {
  const inspection = ctx.validator.inspect(bytes, 'bericht');
  inspection.doc?.dispose();
  const { report, message, json } = inspection;
  const base = {
    at: ctx.now(),
    xml: bytes,
    verdict: report.verdict,
    ...(key ? { idempotencyKey: key } : {}),
  };

  if (message === undefined || json === undefined) {
    // Level 1 failed: the standard answers with a channel error (Fo01, StUF055), not with a retour.
    const code = report.verdict === 'unreadable' ? 'UNREADABLE' : 'StUF055';
    ctx.book.record({ ...base, messageName: message?.name ?? null, retourCodes: [], httpStatus: 400 });
    ctx.logger.warn('refused a delivery at level 1', { messageName: message?.name ?? null, code });
    return { status: 400, body: { code } };
  }
  const header = element(json.Bericht.Header);
  const berichtIdentificatie = berichtIdOf(header);
  const named = { ...base, messageName: message.name, berichtIdentificatie };

  if (message.number === '301') return receiveToewijzing(ctx, named, message, report, json, header);
  if (message.isRetour && (message.heen === '305' || message.heen === '307')) {
    return receiveRetour(ctx, named, message, json, message.heen);
  }
  // 319, 325, a retour on something we did not send: a real system files these; the demo only records them.
  ctx.book.record({ ...named, retourCodes: collectRetourCodes(json.Bericht), httpStatus: 202 });
  ctx.logger.info('received a message the simulator does not act on', { messageName: message.name });
  return { status: 202, body: { outcome: 'received' } };
}

function receiveToewijzing(
  ctx: SimulatorContext,
  base: Filed,
  message: MessageSchema,
  report: ValidationReport,
  json: CanonicalMessage,
  header: JsonElement,
): Answer {
  const gemeente = stringOf(header.Afzender);
  const ontvanger = stringOf(header.Ontvanger);
  const id = base.berichtIdentificatie!;
  if (ontvanger !== ctx.options.agbCode) {
    // Our retour would speak for another aanbieder, which the gateway refuses; the routing is wrong.
    ctx.book.record({ ...base, retourCodes: [], httpStatus: 422 });
    ctx.book.problem({ code: 'NOT_FOR_THIS_AANBIEDER', detail: `${message.name} ${id.identificatie}` });
    return { status: 422, body: { code: 'NOT_FOR_THIS_AANBIEDER' } };
  }
  const flowId = `${message.name}/${gemeente}/${id.identificatie}`;
  // The same 301 under another delivery id (a resend by the gemeente): answered once only.
  if (ctx.seenToewijzingen.has(flowId)) {
    ctx.book.record({ ...base, retourCodes: [], httpStatus: 200, flowId });
    return { status: 200, body: { outcome: 'duplicate' } };
  }
  ctx.seenToewijzingen.add(flowId);
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
    history: [{ stage: '301', at: ctx.now().toISOString() }],
  };
  ctx.book.open(flow);
  ctx.book.record({ ...base, retourCodes: [], httpStatus: 202, flowId });
  ctx.logger.info('301 received', {
    flow: flowId,
    verdict: report.verdict,
    toewijzingNummers: flow.toewijzingNummers,
  });
  ctx.book.emit('flow', snapshot(flow));
  later(ctx, ctx.delays.retour, flow, () => answerToewijzing(ctx, flow, message, report, json));
  return { status: 202, body: { outcome: 'received', flow: flowId } };
}

function receiveRetour(
  ctx: SimulatorContext,
  base: Filed,
  message: MessageSchema,
  json: CanonicalMessage,
  heen: '305' | '307',
): Answer {
  const codes = collectRetourCodes(json.Bericht);
  const id = base.berichtIdentificatie!;
  const key = awaitKey(message.standard, heen, id);
  const waiting = ctx.awaiting.get(key);
  if (!waiting) {
    ctx.book.record({ ...base, retourCodes: codes, httpStatus: 202 });
    ctx.logger.warn('received a retour for no message of ours', { messageName: message.name });
    return { status: 202, body: { outcome: 'received' } };
  }
  ctx.awaiting.delete(key);
  clearTimeout(waiting.timer);
  const flow = waiting.flow;
  ctx.book.record({ ...base, retourCodes: codes, httpStatus: 202, flowId: flow.id });
  ctx.logger.info(`${message.name} received`, { flow: flow.id, retourCodes: codes });
  if (heen === '305' && codes.length > 0) {
    // A rejected start did not happen: the toewijzing may be started by a later, corrected 305.
    for (const nummer of flow.started) ctx.startedToewijzingen.delete(startedKey(flow, nummer));
    ctx.book.advance(flow, '306', { status: 'start-rejected', codes });
  } else if (heen === '305') {
    ctx.book.advance(flow, '306');
    later(ctx, ctx.delays.stop, flow, () => sendStop(ctx, flow));
  } else {
    ctx.book.advance(flow, '308', { status: codes.length > 0 ? 'stop-rejected' : 'completed', codes });
  }
  return { status: 202, body: { outcome: 'received', flow: flow.id } };
}
