/** TR383: each AangevraagdProduct of a VOT has its own ReferentieAanbieder. */
import type { Violation } from '../types.js';
import { atRoot, descend } from '../walk.js';
import { at, BOTH_STANDARDS, field, trRule, type DatedField } from './common.js';

export const tr383 = trRule({
  code: 'TR383',
  messages: ['315'],
  standards: BOTH_STANDARDS,
  explanation:
    'Twee of meer AangevraagdProducten in het verzoek om toewijzing hebben dezelfde ReferentieAanbieder. ' +
    'Geef elk AangevraagdProduct een eigen ReferentieAanbieder.',
  note:
    'The official XSLT reports only the earlier ReferentieAanbieder (its second location names an element that ' +
    'does not exist); we report the earlier and the repeating one. A duplicate ReferentieAanbieder is also a ' +
    'duplicate AangevraagdProduct key, so TR101 fails alongside, as in the XSLT.',
  check({ bericht }) {
    const found: Violation[] = [];
    const earlier: DatedField[] = [];
    for (const product of descend(atRoot(bericht), 'Client', 'AangevraagdeProducten', 'AangevraagdProduct')) {
      const referentie = field(product, 'ReferentieAanbieder');
      if (referentie === undefined) continue;
      const value = referentie.value.trim();
      for (const previous of earlier) {
        if (previous.value === value) found.push(...at(previous.path, referentie.path));
      }
      earlier.push(referentie);
    }
    return found;
  },
});
