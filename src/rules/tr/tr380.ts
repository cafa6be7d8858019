/** TR380: the GewensteIngangsdatum of a NieuwProduct lies strictly after the Dagtekening. */
import type { Violation } from '../types.js';
import { atRoot, descend } from '../walk.js';
import { at, BOTH_STANDARDS, dagtekening, field, trRule } from './common.js';

export const tr380 = trRule({
  code: 'TR380',
  messages: ['317'],
  standards: BOTH_STANDARDS,
  explanation:
    'De GewensteIngangsdatum van een NieuwProduct ligt niet na de Dagtekening van het bericht. ' +
    'Vul een datum in die later is dan de Dagtekening.',
  check({ bericht }) {
    const dag = dagtekening(bericht);
    if (dag === undefined) return [];
    const found: Violation[] = [];
    for (const nieuw of descend(atRoot(bericht), 'Client', 'Verzoek', 'NieuweProducten', 'NieuwProduct')) {
      const gewenst = field(nieuw, 'GewensteIngangsdatum');
      if (gewenst && gewenst.value <= dag.value) found.push(...at(dag.path, gewenst.path));
    }
    return found;
  },
});
