/** TR137: a period's Einddatum is on or after its Begindatum and not later than the Dagtekening. */
import type { MessageNumber } from '../../standard/model.js';
import type { Violation } from '../types.js';
import { atRoot, descend } from '../walk.js';
import { at, BOTH_STANDARDS, dagtekening, field, trRule } from './common.js';

const PERIODS: Readonly<Partial<Record<MessageNumber, readonly (readonly string[])[]>>> = {
  '323': [
    ['Declaratie', 'DeclaratiePeriode'],
    ['Declaratie', 'Clienten', 'Client', 'Prestaties', 'Prestatie', 'ProductPeriode'],
  ],
  '325': [['DeclaratieAntwoord', 'Clienten', 'Client', 'Prestaties', 'Prestatie', 'ProductPeriode']],
};

export const tr137 = trRule({
  code: 'TR137',
  messages: ['323', '325'],
  standards: BOTH_STANDARDS,
  explanation:
    'De Einddatum van een periode ligt vóór de Begindatum of na de Dagtekening van het bericht. ' +
    'Vul een Einddatum op of na de Begindatum en niet later dan de Dagtekening.',
  note: 'Compared with the header Dagtekening (not DeclaratieDagtekening), as the official XSLT does.',
  check({ bericht, number }) {
    const dag = dagtekening(bericht);
    const found: Violation[] = [];
    for (const steps of PERIODS[number] ?? []) {
      for (const periode of descend(atRoot(bericht), ...steps)) {
        const begin = field(periode, 'Begindatum');
        const end = field(periode, 'Einddatum');
        if (end === undefined) continue;
        if (begin && end.value < begin.value) found.push(...at(begin.path, end.path));
        if (dag && end.value > dag.value) found.push(...at(dag.path, end.path));
      }
    }
    return found;
  },
});
