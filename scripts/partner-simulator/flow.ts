/**
 * The simulator's own steps in a toewijzing flow: the 302 that answers a 301, then, for an accepted
 * toewijzing, the 305 after the start delay, and (once its 306 came back clean, see receive.ts) the 307.
 * Each step runs later, as a real system takes its time; a step that throws ends its flow.
 */
import { collectRetourCodes } from '../../src/retour/codes.js';
import { amsterdamDate } from '../../src/retour/dagtekening.js';
import type { MessageSchema } from '../../src/standard/model.js';
import type { ValidationReport } from '../../src/validation/report.js';
import { fromJson } from '../../src/xml/from-json.js';
import type { CanonicalMessage, JsonElement } from '../../src/xml/json-form.js';
import type { MutableFlow } from './book.js';
import { awaitKey, startedKey, type SimulatorContext } from './context.js';
import { messageOf, regieMessage, startProducten, startable, stopProducten } from './messages.js';
import { SimulatorFailure, element, stringOf } from './shape.js';
import type { BerichtId } from './types.js';

/** Runs `task` after `ms`, tracked so close() can cancel it; a thrown error ends the flow. */
export function later(ctx: SimulatorContext, ms: number, flow: MutableFlow, task: () => Promise<void>): void {
  ctx.scheduler.later(ms, task, (error: unknown) => {
    const code = error instanceof SimulatorFailure ? error.code : 'INTERNAL';
    ctx.book.problem({ code, flowId: flow.id, detail: error instanceof Error ? error.name : 'unknown' });
    if (flow.status === 'in-progress') ctx.book.finish(flow, 'send-failed', [code]);
  });
}

/** The 302, then (if it carries no RetourCodes) the 305 after the start delay. */
export async function answerToewijzing(
  ctx: SimulatorContext,
  flow: MutableFlow,
  message: MessageSchema,
  report: ValidationReport,
  json: CanonicalMessage,
): Promise<void> {
  const retour = ctx.retours.fromInspection({ report, message, json });
  const retourHeader = element(retour.json.Bericht.Header);
  flow.identificaties['302'] = stringOf(retourHeader.IdentificatieRetour);
  ctx.book.advance(flow, '302');
  const sent = await ctx.gateway.send(
    flow,
    retour.message.name,
    retour.xml,
    flow.toewijzing,
    flow.identificaties['302'],
  );
  if (!sent) return;
  if (retour.case !== 'accepted') {
    ctx.book.finish(flow, 'toewijzing-rejected', collectRetourCodes(retour.json.Bericht));
    return;
  }
  const client = element(json.Bericht.Client);
  const today = amsterdamDate(ctx.now());
  const products = startable(client, today, (nummer) =>
    ctx.startedToewijzingen.has(startedKey(flow, nummer)),
  );
  if (products.length === 0) {
    ctx.book.finish(flow, 'nothing-to-start');
    return;
  }
  // Claimed now, so a repeated 301 (it lists every current toewijzing, OP087) does not start them twice.
  for (const p of products) ctx.startedToewijzingen.add(startedKey(flow, p.ToewijzingNummer));
  flow.started = products.map((p) => p.ToewijzingNummer);
  ctx.book.care.set(flow.id, { client, products });
  later(ctx, ctx.delays.start, flow, () => sendStart(ctx, flow));
}

async function sendStart(ctx: SimulatorContext, flow: MutableFlow): Promise<void> {
  const care = ctx.book.care.get(flow.id);
  if (!care) return;
  await sendRegie(ctx, flow, '305', care.client, startProducten(care));
}

export async function sendStop(ctx: SimulatorContext, flow: MutableFlow): Promise<void> {
  const care = ctx.book.care.get(flow.id);
  if (!care) return;
  const today = amsterdamDate(ctx.now());
  await sendRegie(ctx, flow, '307', care.client, stopProducten(care, flow.standard, today));
}

/** Builds a 305/307 for the 301's client, registers the retour it awaits, and sends it. */
async function sendRegie(
  ctx: SimulatorContext,
  flow: MutableFlow,
  number: '305' | '307',
  client: JsonElement,
  products: JsonElement,
): Promise<void> {
  const schema = messageOf(flow.standard, number);
  const id: BerichtId = { identificatie: ctx.nextIdentificatie(), dagtekening: amsterdamDate(ctx.now()) };
  const json = regieMessage({
    standard: flow.standard,
    schema,
    id,
    afzender: ctx.options.agbCode,
    ontvanger: flow.gemeente,
    client,
    products,
  });
  const built = fromJson(json);
  if ('issues' in built) {
    // Issue texts never quote values (json-form.ts), so they are safe to report.
    const first = built.issues[0];
    ctx.book.problem({ code: 'BUILD_FAILED', flowId: flow.id, detail: `${first?.code} at ${first?.path}` });
    ctx.book.finish(flow, 'send-failed', ['BUILD_FAILED']);
    return;
  }
  flow.identificaties[number] = id.identificatie;
  const key = awaitKey(flow.standard, number, id);
  // Registered before the POST: the gateway may deliver the retour before it answers us.
  const timer = setTimeout(() => {
    if (ctx.awaiting.delete(key))
      ctx.book.finish(flow, 'no-retour', [`NO_${number === '305' ? '306' : '308'}`]);
  }, ctx.options.retourTimeoutMs ?? 600_000);
  timer.unref();
  ctx.awaiting.set(key, { flow, heen: number, timer });
  ctx.book.advance(flow, number);
  const ok = await ctx.gateway.send(flow, schema.name, built.xml, id);
  if (!ok) {
    clearTimeout(timer);
    ctx.awaiting.delete(key);
  }
}
