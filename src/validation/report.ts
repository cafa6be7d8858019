/**
 * The validation report: one object per message, the same shape from the CLI (`validate --format json`)
 * and from `POST /api/v1/validate`. Its fields are a contract with back-office systems: add nothing here
 * without a new API version.
 */
import type { StandardId } from '../standard/model.js';

export type Verdict = 'accepted' | 'rejected' | 'xsd-invalid' | 'unreadable';

export interface XsdError {
  readonly line: number;
  readonly column: number;
  /** XPath with local names, as the official validation report writes it: `/Bericht/Client/Bsn`. */
  readonly path: string;
  /** libxml2's text with every document value replaced by a placeholder (values are often BSNs). */
  readonly message: string;
}

export interface RuleFinding {
  /** TRnnn / CDnnn / CSnnn. */
  readonly code: string;
  /** The WJ001 retourcode the finding yields (0001 for every level-2 rule). */
  readonly retourcode: string;
  readonly locations: readonly string[];
  /** Dutch explanation and fix hint; never contains client data. */
  readonly explanation: string;
}

export interface ValidationReport {
  readonly file: string;
  readonly standard: StandardId | null;
  /** `WMO301`, `JW315`, ... */
  readonly message: string | null;
  readonly release: string | null;
  readonly verdict: Verdict;
  readonly xsd: { readonly valid: boolean; readonly errors: readonly XsdError[] };
  readonly rules: readonly RuleFinding[];
}
