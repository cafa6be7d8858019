/** TR315: a VorigReferentieNummer occurs only once in a declaratie. */
import type { Violation } from '../types.js';
import { child } from '../walk.js';
import { at, BOTH_STANDARDS, field, trRule, type DatedField } from './common.js';
import { declaratiePrestaties } from './prestaties.js';

export const tr315 = trRule({
  code: 'TR315',
  messages: ['323'],
  standards: BOTH_STANDARDS,
  explanation:
    'Hetzelfde VorigReferentieNummer komt meer dan eens voor in de declaratie, dus dezelfde prestatie wordt ' +
    'meer dan eens gecrediteerd. Crediteer elke prestatie maar één keer.',
  note: 'Compared across all clients of the message; each repeat is reported with every earlier occurrence.',
  check({ bericht }) {
    const found: Violation[] = [];
    const earlier: DatedField[] = [];
    for (const prestatie of declaratiePrestaties(bericht)) {
      const referentie = child(prestatie, 'ProductReferentie');
      const vorig = referentie && field(referentie, 'VorigReferentieNummer');
      if (vorig === undefined) continue;
      const value = vorig.value.trim();
      for (const previous of earlier)
        if (previous.value === value) found.push(...at(previous.path, vorig.path));
      earlier.push(vorig);
    }
    return found;
  },
});
