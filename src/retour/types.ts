/** The retour builder's vocabulary: what goes in (a heen message and its outcome) and what comes out. */
import type { MessageSchema } from '../standard/model.js';
import type { RuleFinding } from '../validation/report.js';
import type { CanonicalMessage } from '../xml/json-form.js';

/** A heen message that passed level 1: its schema and its canonical JSON form. */
export interface HeenMessage {
  readonly message: MessageSchema;
  readonly json: CanonicalMessage;
}

/**
 * One level-3 (berichtoverstijgend) or level-4 (externe bron) finding, as the checks of a later issue will
 * produce them. `location` is an XPath in the official report's style on the heen message, with 1-based
 * indexes on repeated elements (`[1]` may be left out, as the official XSLT does for a lone sibling):
 * `/Bericht/Header`, `/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]`,
 * `/Bericht/Client/Relaties/Relatie/Contact`. It may point below a class (`…/ToegewezenProduct[2]/Einddatum`);
 * the finding then belongs to the nearest enclosing berichtklasse, as IV028 puts the code "bij de
 * berichtklasse waarin de fout geconstateerd is".
 */
export interface RetourFinding {
  readonly level: 3 | 4;
  /** WJ001 code of the rule, e.g. 9056 (TR056), 8848 (TR135), 9347 (TR347). */
  readonly retourcode: string;
  readonly location: string;
  /** The rule that failed (TR056, …): for logs and reports only; the retour carries just the retourcode. */
  readonly rule?: string;
}

/** What the checks of one heen message found. Nothing found on any level = accepted. */
export interface RetourOutcome {
  /** Level-2 findings: the validation report's `rules`. Any one rejects the whole message with 0001. */
  readonly rules?: readonly RuleFinding[];
  /** Level-3/4 findings. Only looked at when level 2 found nothing (a technically rejected message is not processed). */
  readonly findings?: readonly RetourFinding[];
}

/**
 * Which of the cases of FACTS §2.3 the retour is:
 * - `accepted`: header without RetourCodes, no body (302 … 320); for a 323: Header 0200 + DeclaratieAntwoord 8001.
 * - `technical`: level 2 failed: Header only, RetourCode 0001 and XsltVersie.
 * - `header`: a level-3/4 finding on the Header: Header only, with the rule's code(s).
 * - `classes`: level-3/4 findings on classes: Header 0200 plus the body with a verdict on every berichtklasse
 *   (for a 323: the DeclaratieAntwoord with the rejected Clienten/Prestaties, or the rejected DeclaratieAntwoord).
 */
export type RetourCase = 'accepted' | 'technical' | 'header' | 'classes';

export interface Retour {
  readonly case: RetourCase;
  /** The retour's schema: JW302, WMO306, …, or JW325/WMO325 for a 323. */
  readonly message: MessageSchema;
  readonly json: CanonicalMessage;
  /** UTF-8 XML, as `toXml` writes it. */
  readonly xml: string;
}
