/**
 * The message API: the channel's entry for partners and the back-office's for our parties
 * (`POST /api/v1/berichten`), the back-office convenience for toewijzingen, and the operator's view:
 * find, explain, fetch and replay. Every route asks `canSee` (routing/access.ts); a message a caller may
 * not see is answered exactly like a message that does not exist (404), so ids cannot be probed.
 */
import express, { type Request, type Response, type Router as ExpressRouter } from 'express';
import type { Gateway } from '../gateway/open.js';
import { isMessageState, MAX_PAGE_SIZE, type Message, type MessageState } from '../ledger/port.js';
import { canSee, type Principal } from '../routing/access.js';
import type { SubmitResult } from '../pipeline/types.js';
import { shaOfRef } from '../pipeline/destinations.js';
import { principalOf, requireApiKey } from './auth.js';
import { API_ERRORS, errorBody, type ApiErrorCode } from './errors.js';
import { toewijzingJson, xmlFromJson } from './json-submission.js';
import { searchRoute } from './search.js';

/** HTTP status per pipeline outcome; inbound rejections were answered with a retour, so they are 202 too. */
function statusOf(result: SubmitResult, principal: Principal): number {
  switch (result.outcome) {
    case 'accepted':
      return 202;
    case 'rejected':
      return principal.kind === 'party' ? 422 : 202;
    case 'duplicate':
      return 200;
    case 'conflict':
      return 409;
    case 'xsd-invalid':
    case 'unroutable':
      return 422;
    case 'unreadable':
      return 400;
    case 'forbidden':
      return 403;
  }
}

function send(res: Response, code: ApiErrorCode): void {
  res.status(API_ERRORS[code].status).json(errorBody(code));
}

function view(message: Message) {
  const { validationReport, ...rest } = message;
  return { ...rest, report: validationReport };
}

export function berichtenRoutes(gateway: Gateway): ExpressRouter {
  const router = express.Router();
  const limit = gateway.config.maxMessageBytes;
  router.use(requireApiKey(gateway.table));

  const submit = async (res: Response, bytes: Uint8Array): Promise<void> => {
    const principal = principalOf(res);
    const result = await gateway.pipeline.submit(bytes, principal);
    gateway.logger.info('submitted', {
      principal: principal.label,
      outcome: result.outcome,
      messageId: result.messageId,
      code: result.code,
    });
    res.status(statusOf(result, principal)).json(result);
  };

  const submitJson = async (res: Response, json: unknown): Promise<void> => {
    const converted = xmlFromJson(json);
    if ('issues' in converted) {
      res.status(422).json({
        error: { code: 'INVALID_JSON_MESSAGE', message: 'Het JSON-bericht past niet.' },
        issues: converted.issues,
      });
      return;
    }
    await submit(res, new TextEncoder().encode(converted.xml));
  };

  router.post(
    '/berichten',
    express.raw({ type: (req) => !/json/i.test(req.headers['content-type'] ?? ''), limit }),
    express.json({ limit, strict: true }),
    async (req: Request, res: Response) => {
      if (Buffer.isBuffer(req.body)) {
        if (req.body.length === 0) return send(res, 'EMPTY_BODY');
        return submit(res, req.body);
      }
      if (req.body === undefined) return send(res, 'EMPTY_BODY');
      return submitJson(res, req.body);
    },
  );

  router.post('/toewijzingen', express.json({ limit }), async (req: Request, res: Response) => {
    const principal = principalOf(res);
    if (principal.kind !== 'party') return send(res, 'FORBIDDEN');
    return submitJson(res, toewijzingJson(req.body, principal.code));
  });

  const visible = async (req: Request, res: Response): Promise<Message | undefined> => {
    const message = await gateway.ledger.getMessage(String(req.params.id));
    if (!message || !canSee(principalOf(res), message)) {
      send(res, 'NOT_FOUND');
      return undefined;
    }
    return message;
  };

  router.get('/berichten', async (req: Request, res: Response) => {
    const principal = principalOf(res);
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    if (state !== undefined && !isMessageState(state)) {
      res.status(400).json({ error: { code: 'BAD_QUERY', message: 'Onbekende state.' } });
      return;
    }
    const requested = Number(req.query.limit ?? 50);
    const page = await gateway.ledger.listMessages({
      ...(state ? { state: state as MessageState } : {}),
      ...(typeof req.query.type === 'string' ? { messageName: req.query.type } : {}),
      ...(typeof req.query.cursor === 'string' ? { cursor: req.query.cursor } : {}),
      // A party only ever lists its own messages; the operator may filter on any party.
      ...(principal.kind !== 'operator'
        ? { party: principal.code }
        : typeof req.query.party === 'string'
          ? { party: req.query.party }
          : {}),
      limit: Number.isInteger(requested) ? Math.min(Math.max(requested, 1), MAX_PAGE_SIZE) : 50,
    });
    res.json({ items: page.items.map(view), nextCursor: page.nextCursor });
  });

  router.get('/berichten/zoeken', searchRoute(gateway, view));

  router.get('/berichten/:id', async (req: Request, res: Response) => {
    const message = await visible(req, res);
    if (!message) return;
    const [history, links, outbox, events] = await Promise.all([
      gateway.ledger.getHistory(message.id),
      gateway.ledger.getLinks(message.id),
      gateway.ledger.listOutbox(message.id),
      gateway.ledger.listAuditEvents({ subject: message.id, limit: MAX_PAGE_SIZE }),
    ]);
    res.json({
      ...view(message),
      history,
      links,
      // The audit events about this message, with their place in the hash chain.
      events: events.map(({ seq, at, type, actor, data, hash }) => ({ seq, at, type, actor, data, hash })),
      deliveries: outbox.map((o) => ({
        destination: o.destination,
        state: o.state,
        attempts: o.attempts,
        lastError: o.lastError,
      })),
    });
  });

  router.get('/berichten/:id/xml', async (req: Request, res: Response) => {
    const message = await visible(req, res);
    if (!message) return;
    const bytes = await gateway.archive.getRaw(message.sha256);
    res.type('application/xml').send(Buffer.from(bytes));
  });

  router.get('/berichten/:id/retour', async (req: Request, res: Response) => {
    const message = await visible(req, res);
    if (!message) return;
    const links = await gateway.ledger.getLinks(message.id);
    const link = links.find((l) => l.from === message.id && (l.kind === 'retour' || l.kind === 'answer'));
    const retour = link ? await gateway.ledger.getMessage(link.to) : undefined;
    if (!retour) return send(res, 'NOT_FOUND');
    res.type('application/xml').send(Buffer.from(await gateway.archive.getRaw(retour.sha256)));
  });

  router.post('/berichten/:id/replay', async (req: Request, res: Response) => {
    const principal = principalOf(res);
    const message = await visible(req, res);
    if (!message) return;
    if (message.state !== 'failed' && message.state !== 'unroutable') return send(res, 'NOT_REPLAYABLE');
    const actor = principal.kind === 'operator' ? `operator:${principal.label}` : principal.label;
    if (message.state === 'unroutable') {
      // No delivery was ever queued: route it again against the routing table the gateway runs with now.
      const moved = await gateway.pipeline.reroute(message, actor);
      if (!moved) return send(res, 'STILL_UNROUTABLE');
      await gateway.audit.record('operator.replay', message.id, principal.label, { rerouted: true });
      res.status(202).json(view(moved));
      return;
    }
    // The same deliveries again: the message's earlier outbox rows name destination and payload.
    const rows = await gateway.ledger.listOutbox(message.id);
    const outbox = rows.map((row) => ({
      destination: row.destination,
      payloadRef: row.payloadRef,
      headers: row.headers,
    }));
    if (outbox.length === 0) return send(res, 'NOT_REPLAYABLE');
    const moved = await gateway.ledger.transition(message.id, 'routed', {
      actor,
      expected: message.state,
      reason: 'opnieuw aangeboden',
      outbox,
    });
    await gateway.audit.record('operator.replay', message.id, principal.label, {
      deliveries: outbox.length,
      archiveRefs: [...new Set(outbox.map((o) => shaOfRef(o.payloadRef)))],
    });
    res.status(202).json(view(moved));
  });

  return router;
}
