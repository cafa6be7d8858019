/**
 * The pipeline's shared steps: recording a message (with its outbox rows and conversation keys), building
 * and queueing a retour, handing a message to the back-office, settling a heen message when its retour
 * comes in. `pipeline.ts` decides which path a message takes; these are the moves the paths share.
 */
import type {
  Direction,
  InitialState,
  Message,
  RecordMessageInput,
  TransitionCause,
} from '../ledger/port.js';
import type { RetourFinding } from '../retour/builder.js';
import type { Principal } from '../routing/access.js';
import type { Party } from '../routing/types.js';
import type { MessageSchema } from '../standard/model.js';
import type { ValidationReport } from '../validation/report.js';
import { conversationKeysOf } from './conversation.js';
import { archiveRef, backOfficeRows, channelDestination } from './destinations.js';
import { headerFromJson, type HeaderIdentity } from './header.js';
import type { PipelineDeps } from './pipeline.js';
import { headersOf, identityOf, type Received } from './received.js';
import type { SubmitResult } from './types.js';

export class PipelineSteps {
  constructor(private readonly deps: PipelineDeps) {}

  /** Builds, archives and records the retour of an inbound heen message, queued for the sender's channel. */
  async sendRetour(r: Received, heen: Message, findings: readonly RetourFinding[]): Promise<string> {
    const retour = this.deps.retours.build(
      { message: r.inspection.message, json: r.inspection.json! },
      { rules: r.inspection.report.rules, findings },
    );
    const bytes = new TextEncoder().encode(retour.xml);
    const { sha256 } = await this.deps.archive.putRaw(bytes);
    const retourHeader = headerFromJson(retour.json.Bericht);
    const sender = r.inspection.message.isRetour ? r.header.ontvanger : r.header.afzender;
    const recorded = await this.deps.ledger.recordMessage({
      direction: 'outbound',
      standard: retour.message.standard,
      messageName: retour.message.name,
      berichtCode: retourHeader.berichtCode,
      afzender: retourHeader.afzender,
      ontvanger: retourHeader.ontvanger,
      berichtIdentificatie: retourHeader.berichtIdentificatie,
      identificatieRetour: retour.message.isRetour ? retourHeader.identificatieRetour : null,
      sha256,
      size: bytes.length,
      state: 'routed',
      validationReport: null,
      cause: { actor: 'gateway', reason: `retour (${retour.case})` },
      links: [{ from: heen.id, kind: retour.message.isRetour ? 'retour' : 'answer' }],
      outbox: sender
        ? [
            {
              destination: channelDestination(sender),
              payloadRef: archiveRef(sha256),
              headers: headersOf(retour.message, retourHeader),
            },
          ]
        : [],
    });
    await this.deps.audit.record('retour.queued', recorded.id, 'gateway', {
      heen: heen.id,
      case: retour.case,
    });
    return recorded.id;
  }

  async settleHeen(heen: Message, codes: readonly string[], actor: string): Promise<void> {
    // The partner may answer before our delivery worker marked the heen delivered: pass through `delivered`.
    let current = heen;
    if (current.state === 'routed') {
      current = await this.deps.ledger.transition(current.id, 'delivered', {
        actor,
        expected: 'routed',
        reason: 'retour ontvangen',
      });
    }
    if (current.state !== 'delivered') return;
    const rejected = codes.some((c) => c !== '0200' && c !== '8001');
    await this.deps.ledger.transition(current.id, rejected ? 'rejected' : 'acknowledged', {
      actor,
      expected: 'delivered',
      reason: rejected ? 'retour met retourcodes' : 'retour zonder opmerkingen',
      codes,
    });
  }

  /** The heen message an inbound retour or 325 answers: one we sent, found by its BerichtIdentificatie. */
  async findHeen(r: Received): Promise<Message | undefined> {
    const { message } = r.inspection;
    const json = r.inspection.json?.Bericht.Header as Record<string, unknown> | undefined;
    // A 325 names the 323 it answers in DeclaratieIdentificatie; a retour keeps the heen's BerichtIdentificatie.
    const id = (message.number === '325' ? json?.DeclaratieIdentificatie : json?.BerichtIdentificatie) as
      { Identificatie?: string; Dagtekening?: string } | undefined;
    if (!id?.Identificatie) return undefined;
    const heenSender = message.isRetour ? r.header.afzender : r.header.ontvanger;
    const candidates = await this.deps.ledger.findByBerichtIdentificatie({
      identificatie: id.Identificatie,
      ...(heenSender ? { afzender: heenSender } : {}),
      ...(id.Dagtekening ? { dagtekening: id.Dagtekening } : {}),
    });
    const heenNumber = message.number === '325' ? '323' : message.heen;
    return candidates.find((m) => m.direction === 'outbound' && m.messageName?.endsWith(heenNumber ?? '---'));
  }

  async retourOf(message: Message): Promise<string | undefined> {
    const links = await this.deps.ledger.getLinks(message.id);
    return links.find((l) => l.from === message.id && (l.kind === 'retour' || l.kind === 'answer'))?.to;
  }

  backOffice(r: Received, party: Party, destinations: readonly Party['backOffice'][number]['destination'][]) {
    const indexed = destinations.map((destination) => ({
      destination,
      index: party.backOffice.findIndex((route) => route.destination === destination),
    }));
    return backOfficeRows(
      party.code,
      indexed,
      { message: r.inspection.message.name, verdict: r.inspection.report.verdict, xmlSha256: r.sha256 },
      headersOf(r.inspection.message, r.header),
    );
  }

  async recordUnroutable(r: Received, reason: string, detail: string): Promise<SubmitResult> {
    const recorded = await this.deps.ledger.recordMessage(
      this.record(r, 'unroutable', { actor: r.principal.label, reason: `${reason}: ${detail}` }),
    );
    await this.deps.audit.record('message.unroutable', recorded.id, r.principal.label, { reason });
    return {
      outcome: 'unroutable',
      messageId: recorded.id,
      state: 'unroutable',
      report: r.inspection.report,
      code: reason,
    };
  }

  async recordRefused(
    direction: Direction,
    sha256: string,
    size: number,
    report: ValidationReport,
    principal: Principal,
    identified: { readonly message: MessageSchema; readonly header: HeaderIdentity } | undefined,
  ): Promise<string> {
    const state = identified ? 'xsd-invalid' : 'unreadable';
    const recorded = await this.deps.ledger.recordMessage({
      direction,
      standard: identified?.message.standard ?? null,
      messageName: identified?.message.name ?? null,
      // No BerichtCode: a message refused at level 1 holds no idempotency key (see the top of this file).
      berichtCode: null,
      afzender: identified?.header.afzender ?? null,
      ontvanger: identified?.header.ontvanger ?? null,
      berichtIdentificatie: identified?.header.berichtIdentificatie ?? null,
      sha256,
      size,
      state,
      validationReport: report,
      cause: {
        actor: principal.label,
        reason: state === 'xsd-invalid' ? 'Fo01 StUF055' : 'onleesbaar',
        codes: [],
      },
    });
    await this.deps.audit.record(`message.${state}`, recorded.id, principal.label, { sha256 });
    return recorded.id;
  }

  record(r: Received, state: InitialState, cause: TransitionCause): RecordMessageInput {
    const { message, report } = r.inspection;
    return {
      direction: r.direction,
      standard: message.standard,
      messageName: message.name,
      ...identityOf(message, r.header),
      sha256: r.sha256,
      size: r.size,
      state,
      validationReport: report,
      cause,
      conversationKeys: r.inspection.json ? conversationKeysOf(r.inspection.json.Bericht, r.header) : [],
    };
  }
}
