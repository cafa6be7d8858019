/**
 * The pipeline: one path for every message, inbound or outbound.
 *
 *   archive -> validate (identify, levels 1-2) -> authorize -> deduplicate -> route + record
 *
 * The shared moves (recording, retours, the back-office) are in steps.ts; the submission's facts in
 * received.ts. Two deliberate differences from DESIGN.md's order:
 * - Deduplication runs after validation, not before: the key (sender, BerichtCode, Identificatie) is read
 *   from the header, which is only trustworthy once the message is XSD-valid. Validating a resend again
 *   costs about 0.3 ms; answering it from a header that may be garbage would cost correctness.
 * - A message refused at level 1 (unreadable, XSD-invalid) is recorded without its BerichtCode, so it holds
 *   no idempotency key: it counts as not sent (OP286) and the sender's corrected message may reuse its
 *   Identificatie.
 *
 * The caller's answer is given only after the raw bytes are archived and the ledger rows committed. Work
 * after that (publishing, delivery) runs from the ledger's outbox (relay.ts, delivery.ts), so a crash at any
 * point loses nothing: a row not yet published is published on the next claim.
 */
import type { ArchivePort } from '../archive/port.js';
import { idempotencyKeyOf, type Direction, type Ledger, type Message } from '../ledger/port.js';
import type { Logger } from '../log/logger.js';
import type { RetourBuilder, RetourFinding } from '../retour/builder.js';
import { collectRetourCodes } from '../retour/codes.js';
import { canSubmit, type Principal } from '../routing/access.js';
import type { Router } from '../routing/router.js';
import type { MessageValidator } from '../validation/validator.js';
import type { AuditTrail } from './audit.js';
import { archiveRef, channelDestination } from './destinations.js';
import { headerFromDocument, headerFromJson, type HeaderIdentity } from './header.js';
import { addressed, headersOf, identityOf, isInboundHeen, refusalCode, type Received } from './received.js';
import { PipelineSteps } from './steps.js';
import type { CrossMessageCheck, SubmitResult } from './types.js';

export interface PipelineDeps {
  readonly ledger: Ledger;
  readonly archive: ArchivePort;
  readonly router: Router;
  readonly validator: MessageValidator;
  readonly retours: RetourBuilder;
  readonly audit: AuditTrail;
  readonly logger: Logger;
  /** Level 3/4 (cross-message and content rules); pluggable, none by default. */
  readonly crossChecks?: CrossMessageCheck;
}

const TR056: RetourFinding = { level: 3, retourcode: '9056', location: '/Bericht/Header', rule: 'TR056' };

export class Pipeline {
  private readonly steps: PipelineSteps;

  constructor(private readonly deps: PipelineDeps) {
    this.steps = new PipelineSteps(deps);
  }

  /** Takes one message as raw XML, from a partner (inbound) or from one of our back-offices (outbound). */
  async submit(bytes: Uint8Array, principal: Principal): Promise<SubmitResult> {
    // Archive first (claim check): from here on nothing about this message can be lost.
    const { sha256 } = await this.deps.archive.putRaw(bytes);
    const inspection = this.deps.validator.inspect(bytes, 'bericht');
    let header: HeaderIdentity | undefined;
    try {
      if (inspection.json) header = headerFromJson(inspection.json.Bericht);
      else if (inspection.doc) header = headerFromDocument(inspection.doc);
    } finally {
      inspection.doc?.dispose();
    }
    const direction: Direction = principal.kind === 'party' ? 'outbound' : 'inbound';
    const report = inspection.report;
    const message = inspection.message;

    if (!message || !header) {
      const id = await this.steps.recordRefused(
        direction,
        sha256,
        bytes.length,
        report,
        principal,
        undefined,
      );
      return { outcome: 'unreadable', messageId: id, state: 'unreadable', report, code: refusalCode(report) };
    }
    const sender = message.isRetour ? header.ontvanger : header.afzender;
    // A caller speaks only for itself (routing/access.ts); an unreadable sender is checked by the XSD below.
    if (principal.kind === 'operator' || (sender !== null && !canSubmit(principal, { direction, sender }))) {
      this.deps.logger.warn('submission refused: the caller does not speak for the sender', {
        principal: principal.label,
        messageName: message.name,
        sha256,
      });
      return { outcome: 'forbidden', report, code: 'FORBIDDEN' };
    }
    if (report.verdict === 'xsd-invalid') {
      const id = await this.steps.recordRefused(direction, sha256, bytes.length, report, principal, {
        message,
        header,
      });
      // The standard answers a payload that fails the XSD with a channel error (Fo01 StUF055), not a retour.
      return { outcome: 'xsd-invalid', messageId: id, state: 'xsd-invalid', report, code: 'StUF055' };
    }

    const received: Received = {
      principal,
      direction,
      sha256,
      size: bytes.length,
      inspection: { ...inspection, message },
      header,
    };
    const key = idempotencyKeyOf(identityOf(message, header));
    const earlier = key ? await this.deps.ledger.findDuplicate(key) : undefined;
    if (earlier) return this.answerDuplicate(received, earlier);
    if (direction === 'outbound') return this.outbound(received);
    return message.isRetour || message.number === '325'
      ? this.inboundAnswer(received)
      : this.inboundHeen(received);
  }

  /**
   * Routes an `unroutable` message again (an operator replays it after fixing the routing table and
   * restarting): the archived bytes are inspected once more and, if a route exists now, the message takes
   * the path it would have taken at first, retour included. Answers undefined while there is still no route.
   */
  async reroute(message: Message, actor: string): Promise<Message | undefined> {
    if (message.state !== 'unroutable') return undefined;
    const bytes = await this.deps.archive.getRaw(message.sha256);
    const inspection = this.deps.validator.inspect(bytes, 'bericht');
    inspection.doc?.dispose();
    const schema = inspection.message;
    if (!schema || !inspection.json) return undefined;
    const header = headerFromJson(inspection.json.Bericht);
    const r: Received = {
      principal: { kind: 'operator', label: actor },
      direction: message.direction,
      sha256: message.sha256,
      size: message.size,
      inspection: { ...inspection, message: schema },
      header,
    };
    const cause = { actor, expected: 'unroutable' as const, reason: 'opnieuw gerouteerd' };
    if (message.direction === 'outbound') {
      const route = this.deps.router.routeOutbound(addressed(schema, header));
      if (route.kind === 'unroutable') return undefined;
      return this.deps.ledger.transition(message.id, 'routed', {
        ...cause,
        outbox: [
          {
            destination: channelDestination(route.partner.code),
            payloadRef: archiveRef(message.sha256),
            headers: headersOf(schema, header),
          },
        ],
      });
    }
    const route = this.deps.router.routeInbound(addressed(schema, header));
    if (route.kind === 'unroutable') return undefined;
    const accepted = inspection.report.verdict === 'accepted';
    const outbox =
      accepted || !isInboundHeen(r) ? this.steps.backOffice(r, route.party, route.backOffice) : [];
    const moved = await this.deps.ledger.transition(message.id, 'routed', { ...cause, outbox });
    if (isInboundHeen(r)) {
      await this.steps.sendRetour(r, moved, []);
    } else {
      const heen = await this.steps.findHeen(r);
      if (heen) {
        await this.deps.ledger.link([
          { from: heen.id, to: moved.id, kind: schema.isRetour ? 'retour' : 'answer' },
        ]);
        if (schema.isRetour)
          await this.steps.settleHeen(heen, collectRetourCodes(inspection.json.Bericht), actor);
      }
    }
    return moved;
  }

  /** Idempotent receiver: the same bytes get the earlier outcome; other bytes under the same key are TR056. */
  private async answerDuplicate(r: Received, earlier: Message): Promise<SubmitResult> {
    const report = r.inspection.report;
    if (earlier.sha256 === r.sha256) {
      let retourId = await this.steps.retourOf(earlier);
      // The heen and its retour are recorded one after the other: a crash in between leaves a heen without
      // retour. Its sender got no answer and offers it again, so this is the moment to finish the work.
      if (!retourId && isInboundHeen(r) && (earlier.state === 'routed' || earlier.state === 'rejected')) {
        retourId = await this.steps.sendRetour(r, earlier, []);
      }
      return {
        outcome: 'duplicate',
        messageId: earlier.id,
        ...(retourId ? { retourId } : {}),
        state: earlier.state,
        report,
      };
    }
    const recorded = await this.deps.ledger.recordMessage({
      ...this.steps.record(r, 'duplicate', {
        actor: r.principal.label,
        reason: 'Identificatie al eerder gebruikt voor een bericht met andere inhoud (TR056)',
        codes: ['TR056', '9056'],
      }),
      duplicateOf: earlier.id,
    });
    await this.deps.audit.record('message.conflict', recorded.id, r.principal.label, {
      duplicateOf: earlier.id,
      codes: ['TR056', '9056'],
    });
    const retourId = isInboundHeen(r) ? await this.steps.sendRetour(r, recorded, [TR056]) : undefined;
    return {
      outcome: 'conflict',
      messageId: recorded.id,
      ...(retourId ? { retourId } : {}),
      state: 'duplicate',
      report,
      code: 'TR056',
    };
  }

  /** An inbound heen message for one of our parties: a retour goes back; an accepted one goes to the back-office. */
  private async inboundHeen(r: Received): Promise<SubmitResult> {
    const { message, report } = r.inspection;
    const route = this.deps.router.routeInbound(addressed(message, r.header));
    if (route.kind === 'unroutable') return this.steps.recordUnroutable(r, route.reason, route.detail);
    // Levels 3-4 only look at a message that passed level 2 (a technically rejected one is not processed).
    const findings =
      report.verdict === 'accepted' && this.deps.crossChecks && r.inspection.json
        ? await this.deps.crossChecks.check({
            schema: message,
            json: r.inspection.json,
            afzender: r.header.afzender,
            ontvanger: r.header.ontvanger,
          })
        : [];
    const accepted = report.verdict === 'accepted' && findings.length === 0;
    const outbox = accepted ? this.steps.backOffice(r, route.party, route.backOffice) : [];
    const recorded = await this.deps.ledger.recordMessage({
      ...this.steps.record(r, accepted ? 'routed' : 'rejected', {
        actor: r.principal.label,
        ...(accepted
          ? {}
          : findings.length > 0
            ? {
                reason: 'Inhoudelijk afgekeurd (niveau 3/4)',
                codes: findings.flatMap((f) => [f.rule ?? f.retourcode, f.retourcode]),
              }
            : { reason: 'Technisch afgekeurd (niveau 2)', codes: report.rules.map((f) => f.code) }),
      }),
      outbox,
    });
    await this.deps.audit.record(
      accepted ? 'message.accepted' : 'message.rejected',
      recorded.id,
      r.principal.label,
      {
        messageName: message.name,
        codes: report.rules.map((f) => f.code),
      },
    );
    const retourId = await this.steps.sendRetour(r, recorded, findings);
    return {
      outcome: accepted ? 'accepted' : 'rejected',
      messageId: recorded.id,
      retourId,
      state: recorded.state,
      report,
    };
  }

  /**
   * An inbound retour (302 … 320) or declaratie-antwoord (325) on a message we sent: linked to its heen
   * message, whose state becomes `acknowledged` (no codes) or `rejected` (codes), and handed to the back-office.
   */
  private async inboundAnswer(r: Received): Promise<SubmitResult> {
    const { message, report } = r.inspection;
    const route = this.deps.router.routeInbound(addressed(message, r.header));
    if (route.kind === 'unroutable') return this.steps.recordUnroutable(r, route.reason, route.detail);
    const heen = await this.steps.findHeen(r);
    const codes = collectRetourCodes(r.inspection.json?.Bericht);
    const outbox = this.steps.backOffice(r, route.party, route.backOffice);
    const recorded = await this.deps.ledger.recordMessage({
      ...this.steps.record(r, 'routed', { actor: r.principal.label, codes }),
      ...(heen
        ? { links: [{ from: heen.id, kind: message.isRetour ? ('retour' as const) : ('answer' as const) }] }
        : {}),
      outbox,
    });
    if (heen && message.isRetour) await this.steps.settleHeen(heen, codes, r.principal.label);
    await this.deps.audit.record('message.answer-received', recorded.id, r.principal.label, {
      messageName: message.name,
      heen: heen?.id ?? null,
      codes,
    });
    return { outcome: 'accepted', messageId: recorded.id, state: recorded.state, report };
  }

  /** A message one of our back-offices sends: refused unless fully valid, otherwise to the partner's channel. */
  private async outbound(r: Received): Promise<SubmitResult> {
    const { message, report } = r.inspection;
    if (report.verdict !== 'accepted') {
      const recorded = await this.deps.ledger.recordMessage(
        this.steps.record(r, 'rejected', {
          actor: r.principal.label,
          reason: 'Geweigerd: het bericht voldoet niet aan de regels en is niet verstuurd',
          codes: report.rules.map((f) => f.code),
        }),
      );
      return {
        outcome: 'rejected',
        messageId: recorded.id,
        state: 'rejected',
        report,
        code: 'INVALID_MESSAGE',
      };
    }
    const route = this.deps.router.routeOutbound(addressed(message, r.header));
    if (route.kind === 'unroutable') return this.steps.recordUnroutable(r, route.reason, route.detail);
    const recorded = await this.deps.ledger.recordMessage({
      ...this.steps.record(r, 'routed', { actor: r.principal.label }),
      outbox: [
        {
          destination: channelDestination(route.partner.code),
          payloadRef: archiveRef(r.sha256),
          headers: headersOf(message, r.header),
        },
      ],
    });
    await this.deps.audit.record('message.outbound', recorded.id, r.principal.label, {
      messageName: message.name,
    });
    return { outcome: 'accepted', messageId: recorded.id, state: recorded.state, report };
  }
}
