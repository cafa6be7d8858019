/**
 * Why a retour could not be built. Two different failures, kept apart on purpose: `NoRetourError` is a
 * normal outcome of the berichtenverkeer (the channel answers those messages with a Fo01 instead of a
 * retour), `RetourInputError` is a bug in the caller's level-3/4 findings and must never reach a sender.
 */

/**
 * - `xsd-invalid`, `unreadable`: level 1 failed; the standard sends no retour (IV028/IV087), the channel
 *   answers with Fo01 StUF055 (FACTS §10).
 * - `no-retour-message`: the message is itself a retour (302 … 320) or a 325; nothing answers those (FACTS §1).
 */
export type NoRetourReason = 'xsd-invalid' | 'unreadable' | 'no-retour-message';

const EXPLANATIONS: Readonly<Record<NoRetourReason, string>> = {
  'xsd-invalid':
    'het bericht voldoet niet aan de XSD (controleniveau 1); daarop volgt geen retourbericht maar een Fo01-foutbericht (StUF055)',
  unreadable:
    'het bericht is niet leesbaar als iWmo/iJw 3.2-bericht; daarop volgt geen retourbericht maar een Fo01-foutbericht (StUF055)',
  'no-retour-message':
    'op dit bericht bestaat geen retourbericht (retourberichten en het declaratie-antwoord 325 worden niet beantwoord)',
};

export class NoRetourError extends Error {
  override readonly name = 'NoRetourError';
  constructor(
    readonly reason: NoRetourReason,
    /** `JW302`, … when known; never client data. */
    readonly messageName?: string,
  ) {
    super(`Geen retourbericht: ${EXPLANATIONS[reason]}.`);
  }
}

export type RetourInputErrorCode =
  /** The location is no XPath of the form `/Bericht/Name[n]/…`. */
  | 'malformed-location'
  /** The location names an element the message does not have (or an index beyond its count). */
  | 'unknown-location'
  /** The retourcode is not in code list WJ001. */
  | 'unknown-retourcode'
  /** 0001, 0200, 0233 and 8001 are verdicts the builder writes itself, not the outcome of a rule. */
  | 'general-retourcode';

/** The level-3/4 findings handed to the builder do not fit the message. The text names no client data. */
export class RetourInputError extends Error {
  override readonly name = 'RetourInputError';
  constructor(
    readonly code: RetourInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}
