/**
 * What the CD and CS rules share: the rule shape, and the official XSLT's notions of "filled", "one of"
 * and "number" applied to the canonical JSON form.
 *
 * The XSLT tests values with XPath 1.0 semantics, and the rules copy those semantics on purpose: a value
 * is "filled" when `normalize-space()` leaves something (so a string of spaces is empty), codes are
 * compared after `normalize-space()`, and dates are compared as the numbers `translate(date, '-', '')`.
 */
import type { StandardId } from '../../standard/model.js';
import type { JsonElement, RuleDef, RuleKind, Violation } from '../types.js';
import { has, leaf, text, type Located } from '../walk.js';

/** WJ001 0001 "Bericht is afgekeurd om technische redenen": every CD/CS finding rejects the message. */
export const TECHNICAL_REJECTION = '0001';

export const BOTH_STANDARDS: readonly StandardId[] = ['iwmo', 'ijw'];

export type CdCsRuleSpec = Omit<RuleDef, 'kind' | 'level' | 'retourcode'>;

/** A CD or CS rule; the kind follows from the code's prefix so the two can never disagree. */
export function cdcsRule(spec: CdCsRuleSpec): RuleDef {
  const kind: RuleKind = spec.code.startsWith('CD') ? 'CD' : 'CS';
  return { kind, level: 2, retourcode: TECHNICAL_REJECTION, ...spec };
}

/** XPath `normalize-space()`: XML whitespace trimmed at both ends and collapsed to one space inside. */
export function normalizeSpace(value: string): string {
  return value.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
}

/**
 * The XSLT's "filled" (`normalize-space(text()) != ''`). A complex element has no text of its own, so
 * only simple values can be filled; an absent element is empty.
 */
export function filled(el: JsonElement, ...names: readonly string[]): boolean {
  const value = text(el, ...names);
  return value !== undefined && normalizeSpace(value) !== '';
}

/** The XSLT's value test against a code list: the normalized value is one of `codes`; absent is none. */
export function isOneOf(el: JsonElement, name: string, codes: readonly string[]): boolean {
  const value = text(el, name);
  return value !== undefined && codes.includes(normalizeSpace(value));
}

/** XPath `substring-after()`: the text after the first `separator`, or '' when it does not occur. */
export function substringAfter(value: string, separator: string): string {
  const index = value.indexOf(separator);
  return index < 0 ? '' : value.slice(index + separator.length);
}

/** XPath 1.0 `number()` of a string: a plain decimal between optional whitespace, otherwise NaN. */
export function xpathNumber(value: string): number {
  const trimmed = value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A date as the XSLT compares it: the number `translate(date, '-', '')` (2021-01-01 -> 20210101). */
export function dateNumber(date: string): number {
  return xpathNumber(date.replaceAll('-', ''));
}

/**
 * The XSLT's guard of CD080, CD095, CD096, CS338 and CS343: the end date is absent or after 2020-12-31.
 * These rules were introduced for 2021 and spare toewijzingen that ended before.
 */
export function openOrEndsAfter2020(end: string | undefined): boolean {
  return end === undefined || dateNumber(end) > 20201231;
}

/** The location of a simple child, or undefined when the child is absent (the XSLT lists only present nodes). */
export function leafIfPresent(parent: Located, name: string): string | undefined {
  return has(parent.el, name) ? leaf(parent, name) : undefined;
}

/**
 * One violation per location of an official `Fout`, in the order given (the official report lists them in
 * document order); absent nodes are skipped, as the XSLT's node-set union skips them.
 */
export function at(...locations: readonly (string | undefined)[]): Violation[] {
  return locations
    .filter((location): location is string => location !== undefined)
    .map((location) => ({ location }));
}

/**
 * Drops repeated locations: a few rules raise two official `Fout`s over the same nodes (CS337 when year
 * and month both differ, CS340), and a location says no more the second time.
 */
export function distinct(violations: readonly Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter(({ location }) => !seen.has(location) && (seen.add(location), true));
}
