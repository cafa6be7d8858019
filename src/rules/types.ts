/**
 * The rule engine's vocabulary. A rule is data (code, retourcode, level, where it applies, its Dutch
 * explanation) plus one small check. Checks read the message in its canonical JSON form (src/xml/json-form.ts),
 * which the pipeline has already built from the one parse of the message: no rule re-parses anything.
 */
import type { MessageNumber, StandardId } from '../standard/model.js';
import type { JsonElement } from '../xml/json-form.js';

/** The `Bericht` object of the canonical JSON form: element names as keys, repeated elements as arrays. */
export type { JsonElement };
export type JsonValue = JsonElement[string];

export interface RuleContext {
  readonly standard: StandardId;
  /** `301`, `323`, ... */
  readonly number: MessageNumber;
  /** `WMO301`, `JW323`, ... */
  readonly messageName: string;
  readonly bericht: JsonElement;
}

/** One place where a rule fails: an XPath in the official report's style, 1-based indexes on repeats. */
export interface Violation {
  /** `/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Einddatum` */
  readonly location: string;
}

export type RuleKind = 'TR' | 'CD' | 'CS';

export interface RuleDef {
  /** TRnnn / CDnnn / CSnnn */
  readonly code: string;
  readonly kind: RuleKind;
  /** 2 = checkable inside one message. Levels 3/4 run elsewhere against the ledger and reference data. */
  readonly level: 2;
  /** WJ001 retourcode; every level-2 rule yields 0001 (the whole message is rejected). */
  readonly retourcode: string;
  readonly messages: readonly MessageNumber[];
  readonly standards: readonly StandardId[];
  /** Dutch: what is wrong and how to fix it. Never contains client data. */
  readonly explanation: string;
  /** Where the written rule and the official validator differ, what we follow and why. */
  readonly note?: string;
  readonly check: (ctx: RuleContext) => readonly Violation[];
}
