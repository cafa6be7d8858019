/** TR018: the Einddatum of a StopProduct is on or after its Begindatum. */
import type { Violation } from '../types.js';
import { atRoot, descend } from '../walk.js';
import { at, BOTH_STANDARDS, field, trRule } from './common.js';

export const tr018 = trRule({
  code: 'TR018',
  messages: ['307'],
  standards: BOTH_STANDARDS,
  explanation:
    'Einddatum van het StopProduct ligt vóór de Begindatum. Vul een Einddatum op of na de Begindatum.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const stop of descend(atRoot(bericht), 'Client', 'StopProducten', 'StopProduct')) {
      const begin = field(stop, 'Begindatum');
      const end = field(stop, 'Einddatum');
      if (begin && end && end.value < begin.value) found.push(...at(begin.path, end.path));
    }
    return found;
  },
});
