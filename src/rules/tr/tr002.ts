/** TR002: a Geboortedatum lies at most 120 years before the Dagtekening, unless it is flagged unknown. */
import { compareDates } from '../dates.js';
import type { Violation } from '../types.js';
import { atRoot, descend, leaf, text, type Located } from '../walk.js';
import { at, BOTH_STANDARDS, dagtekening, trRule } from './common.js';

/** Where a Geboortedatum occurs: the client's, and in the 301 also each relatie's. */
const GEBOORTEDATUM_PATHS: readonly (readonly string[])[] = [
  ['Client', 'Geboortedatum'],
  ['Client', 'Relaties', 'Relatie', 'Geboortedatum'],
];

/** DatumGebruik 3 with 1900-01-01 means "date fully unknown" (CS139); such a date is never too old. */
function isUnknown(geboortedatum: Located): boolean {
  return text(geboortedatum.el, 'DatumGebruik') === '3' && text(geboortedatum.el, 'Datum') === '1900-01-01';
}

const DATE_SHAPE = /^(\d{4})(-\d{2}-\d{2})$/;

/**
 * Datum + 120 years by shifting the year digits only, as the XSLT adds 1200000 to yyyymmdd: a 29 February
 * stays 29 February, which compares correctly whether or not that day exists in the target year.
 */
function plus120Years(datum: string): string | undefined {
  const match = DATE_SHAPE.exec(datum);
  return match ? `${Number(match[1]) + 120}${match[2]}` : undefined;
}

export const tr002 = trRule({
  code: 'TR002',
  messages: ['301', '305', '307', '315'],
  standards: BOTH_STANDARDS,
  explanation:
    'Geboortedatum ligt meer dan 120 jaar vóór de Dagtekening van het bericht. Vul de juiste geboortedatum in; ' +
    'is de geboortedatum helemaal onbekend, vul dan Datum 1900-01-01 met DatumGebruik 3.',
  note: 'As the official XSLT: every Geboortedatum is checked, in the 301 also that of each Relatie. Exactly 120 years before the Dagtekening is allowed.',
  check({ bericht }) {
    const dag = dagtekening(bericht);
    if (dag === undefined) return [];
    const found: Violation[] = [];
    for (const steps of GEBOORTEDATUM_PATHS) {
      for (const geboortedatum of descend(atRoot(bericht), ...steps)) {
        const datum = text(geboortedatum.el, 'Datum');
        if (datum === undefined || isUnknown(geboortedatum)) continue;
        const limit = plus120Years(datum);
        if (limit !== undefined && compareDates(limit, dag.value) < 0) {
          found.push(...at(dag.path, leaf(geboortedatum, 'Datum')));
        }
      }
    }
    return found;
  },
});
