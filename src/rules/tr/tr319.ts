/** TR319: a declaratie holds only Prestaties of the current or an earlier DeclaratiePeriode. */
import type { Violation } from '../types.js';
import { atRoot, child, descend } from '../walk.js';
import { at, BOTH_STANDARDS, field, trRule } from './common.js';
import { declaratiePrestaties } from './prestaties.js';

const PRODUCT_PERIOD_DATES = ['Begindatum', 'Einddatum'] as const;

export const tr319 = trRule({
  code: 'TR319',
  messages: ['323'],
  standards: BOTH_STANDARDS,
  explanation:
    'De ProductPeriode van een prestatie ligt (deels) na de DeclaratiePeriode. Declareer een prestatie pas in de ' +
    'declaratieperiode waarin de ProductPeriode valt, of in een latere.',
  note:
    'Filed as a berichtoverstijgende rule with retourcode 9319, but the official XSLT checks it inside the message ' +
    '(ProductPeriode Begindatum and Einddatum not after the DeclaratiePeriode Einddatum); found at that level it ' +
    'rejects the whole message with 0001, as every XSLT finding does.',
  check({ bericht }) {
    const declaratiePeriode = descend(atRoot(bericht), 'Declaratie', 'DeclaratiePeriode')[0];
    const periodEnd = declaratiePeriode && field(declaratiePeriode, 'Einddatum');
    if (periodEnd === undefined) return [];
    const found: Violation[] = [];
    for (const prestatie of declaratiePrestaties(bericht)) {
      const productPeriode = child(prestatie, 'ProductPeriode');
      if (productPeriode === undefined) continue;
      for (const name of PRODUCT_PERIOD_DATES) {
        const date = field(productPeriode, name);
        if (date && date.value > periodEnd.value) found.push(...at(periodEnd.path, date.path));
      }
    }
    return found;
  },
});
