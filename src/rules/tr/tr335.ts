/** TR335: a ProductPeriode ends at most 5 years (60 months) before the DeclaratieDagtekening. */
import { addMonths, isRealDate } from '../dates.js';
import type { Violation } from '../types.js';
import { atRoot, child, descend } from '../walk.js';
import { at, BOTH_STANDARDS, field, trRule } from './common.js';
import { declaratiePrestaties } from './prestaties.js';

const MAX_AGE_MONTHS = 60;

export const tr335 = trRule({
  code: 'TR335',
  messages: ['323'],
  standards: BOTH_STANDARDS,
  explanation:
    'De Einddatum van de ProductPeriode ligt meer dan 5 jaar vóór de DeclaratieDagtekening. ' +
    'Prestaties van meer dan 5 jaar geleden kunnen niet meer gedeclareerd worden; laat deze prestatie weg.',
  note:
    'As the official XSLT: the limit is the DeclaratieDagtekening minus 60 months, a day missing in that month cut ' +
    'back to its last day; an Einddatum on the limit is allowed.',
  check({ bericht }) {
    const declaratie = descend(atRoot(bericht), 'Declaratie')[0];
    const dagtekening = declaratie && field(declaratie, 'DeclaratieDagtekening');
    if (dagtekening === undefined || !isRealDate(dagtekening.value)) return [];
    const limit = addMonths(dagtekening.value, -MAX_AGE_MONTHS);
    const found: Violation[] = [];
    for (const prestatie of declaratiePrestaties(bericht)) {
      const periode = child(prestatie, 'ProductPeriode');
      const end = periode && field(periode, 'Einddatum');
      if (end && end.value < limit) found.push(...at(dagtekening.path, end.path));
    }
    return found;
  },
});
