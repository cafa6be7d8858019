/**
 * The retour builder: the answer to every heen message that passed level 1, exactly as FACTS §2.3
 * (IV028/IV087) prescribes — 302 for 301, 306 for 305, 308 for 307, 316 for 315, 318 for 317, 320 for
 * 319, and the 325 declaratie-antwoord for a 323.
 *
 * Which case applies, first match wins:
 * 1. any level-2 finding: Header only, RetourCode 0001, XsltVersie = RULESET_VERSION (a technically
 *    rejected message is not processed further, so level-3/4 findings are ignored);
 * 2. a level-3/4 finding on the Header: Header only, with the rule's code(s);
 * 3. level-3/4 findings on classes: Header 0200 and the body with a verdict per berichtklasse (body.ts,
 *    declaratie-antwoord.ts);
 * 4. nothing found: Header without RetourCodes and no body; for a 323, Header 0200 + DeclaratieAntwoord 8001.
 *
 * XsltVersie is written only in case 1, where IV028/IV033 require it; the official examples JW302, JW306
 * and JW316 (level-3/4 rejections) carry none either.
 */
import { RULESET_VERSION } from '../rules/version.js';
import type { MessageSchema } from '../standard/model.js';
import { packs } from '../standard/packs.js';
import { zodSchemaFor } from '../standard/zod.js';
import type { Inspection } from '../validation/validator.js';
import { toXml } from '../xml/from-json.js';
import type { CanonicalMessage, JsonElement } from '../xml/json-form.js';
import { copyClass, NO_REMARKS } from './body.js';
import { amsterdamDate } from './dagtekening.js';
import { declaratieAntwoord } from './declaratie-antwoord.js';
import { NoRetourError } from './errors.js';
import { declaratieAntwoordHeader, retourHeader, type Stamp } from './header.js';
import { createIdentificatieGenerator, type IdentificatieGenerator } from './identificatie.js';
import { BERICHT, placeFindings } from './locate.js';
import type { HeenMessage, Retour, RetourCase, RetourFinding, RetourOutcome } from './types.js';

export { NoRetourError, RetourInputError } from './errors.js';
export type { NoRetourReason, RetourInputErrorCode } from './errors.js';
export type { HeenMessage, Retour, RetourCase, RetourFinding, RetourOutcome } from './types.js';
export { createIdentificatieGenerator, type IdentificatieGenerator } from './identificatie.js';

export const TECHNICAL_REJECTION = '0001';

export interface RetourBuilderOptions {
  /** The clock for DagtekeningRetour / the 325's Dagtekening (default: the system clock). */
  readonly now?: () => Date;
  /** IdentificatieRetour / the 325's Identificatie (default: time-ordered base36, see identificatie.ts). */
  readonly identificatie?: IdentificatieGenerator;
}

/**
 * The message that answers `heen`: its retour, or the 325 for a 323. Throws NoRetourError for a retour
 * message or a 325, which nothing answers.
 */
export function answerSchemaFor(heen: MessageSchema): MessageSchema {
  const messages = Object.values(packs[heen.standard].messages);
  const answer =
    heen.number === '323'
      ? messages.find((m) => m.number === '325')
      : messages.find((m) => m.isRetour && m.heen === heen.number);
  if (answer === undefined) throw new NoRetourError('no-retour-message', heen.name);
  return answer;
}

/** The body element of a message (Client, Antwoord, Declaratie, DeclaratieAntwoord): the root's second child. */
function bodyDecl(message: MessageSchema): { readonly name: string; readonly type: string } {
  const decl = message.root.elements[1];
  if (decl === undefined) throw new Error(`${message.name} has no body element`);
  return decl;
}

function element(value: unknown, what: string): JsonElement {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what} is missing`);
  return value as JsonElement;
}

export class RetourBuilder {
  private readonly now: () => Date;
  private readonly identificatie: IdentificatieGenerator;

  constructor(options: RetourBuilderOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.identificatie = options.identificatie ?? createIdentificatieGenerator();
  }

  /**
   * The retour for a heen message and what its checks found. Throws NoRetourError when the message has no
   * answer, RetourInputError when a level-3/4 finding does not fit the message.
   */
  build(heen: HeenMessage, outcome: RetourOutcome = {}): Retour {
    const answer = answerSchemaFor(heen.message);
    if (heen.json.message !== heen.message.name) {
      throw new Error(`JSON of ${heen.json.message} handed in as ${heen.message.name}`);
    }
    const pack = packs[heen.message.standard];
    const bericht = heen.json.Bericht;
    const heenHeader = element(bericht.Header, `${heen.message.name} Header`);
    const isDeclaratie = heen.message.number === '323';
    const technical = (outcome.rules?.length ?? 0) > 0;
    const stamp: Stamp = {
      identificatie: this.identificatie(),
      dagtekening: amsterdamDate(this.now()),
      ...(technical ? { xsltVersie: RULESET_VERSION } : {}),
    };
    const header = (codes: readonly string[] | undefined): JsonElement =>
      isDeclaratie
        ? declaratieAntwoordHeader(heenHeader, answer, pack, stamp, codes ?? [NO_REMARKS])
        : retourHeader(heenHeader, answer, pack, stamp, codes);

    let retourCase: RetourCase;
    const out: JsonElement = {};
    if (technical) {
      retourCase = 'technical';
      out.Header = header([TECHNICAL_REJECTION]);
    } else {
      const placed = placeFindings(outcome.findings ?? [], heen.message, pack, bericht);
      if (placed.header.length > 0) {
        retourCase = 'header';
        out.Header = header(placed.header);
      } else if (isDeclaratie) {
        const antwoord = declaratieAntwoord(bericht, answer, placed.classes);
        retourCase = antwoord.rejected ? 'classes' : 'accepted';
        out.Header = header([NO_REMARKS]);
        out[bodyDecl(answer).name] = antwoord.body;
      } else if (placed.classes.size > 0) {
        retourCase = 'classes';
        out.Header = header([NO_REMARKS]);
        const decl = bodyDecl(answer);
        const cls = answer.classes[decl.type];
        if (cls === undefined) throw new Error(`${answer.name} has no class ${decl.type}`);
        const body = element(bericht[decl.name], `${heen.message.name} ${decl.name}`);
        out[decl.name] = copyClass(body, cls, `${BERICHT}/${decl.name}`, answer, placed.classes, false);
      } else {
        retourCase = 'accepted';
        out.Header = header(undefined);
      }
    }

    const json: CanonicalMessage = { message: answer.name, release: pack.release.label, Bericht: out };
    // A safety net, not a check of the sender: whatever the heen message held, the builder must only ever
    // emit messages that fit the retour's schema. Cheap next to the parse and the rules that came before.
    const fit = zodSchemaFor(answer, pack).safeParse(json);
    if (!fit.success) {
      throw new Error(`built ${answer.name} does not fit its schema: ${fit.error.issues[0]?.message ?? ''}`);
    }
    return { case: retourCase, message: answer, json, xml: toXml(json, answer, pack) };
  }

  /**
   * The retour for a message the MessageValidator (with its rules) has inspected, plus any level-3/4
   * findings. The caller still owns and disposes `inspection.doc`.
   */
  fromInspection(inspection: Inspection, findings: readonly RetourFinding[] = []): Retour {
    const { report, message, json } = inspection;
    if (report.verdict === 'unreadable' || message === undefined) throw new NoRetourError('unreadable');
    if (report.verdict === 'xsd-invalid') throw new NoRetourError('xsd-invalid', message.name);
    answerSchemaFor(message);
    if (json === undefined) {
      throw new Error('the message was validated without rules, so its level-2 verdict is unknown');
    }
    return this.build({ message, json }, { rules: report.rules, findings });
  }
}
