/** TR386: in a verzoek om toewijzing a product is requested more than once only for non-overlapping periods. */
import type { Violation } from '../types.js';
import { atRoot, children, descend } from '../walk.js';
import { BOTH_STANDARDS, trRule } from './common.js';
import { overlappingProducts } from './overlap.js';

export const tr386 = trRule({
  code: 'TR386',
  messages: ['315'],
  standards: BOTH_STANDARDS,
  explanation:
    'Hetzelfde product wordt meer dan eens aangevraagd met perioden (ToewijzingIngangsdatum tot ' +
    'ToewijzingEinddatum) die elkaar overlappen. Zonder ProductCode geldt dit per ProductCategorie; een aanvraag ' +
    'zonder Product mag met geen enkele andere overlappen. In de Wmo mogen hulpmiddelen (categorie 11 t/m 14) wel ' +
    'overlappen. Laat de perioden aansluiten zonder overlap of vraag het product één keer aan.',
  note:
    'The written rule has no hulpmiddelen exception; the official iWmo XSLT applies it (categories 11-14), and so ' +
    'do we, in iWmo only.',
  check({ bericht, standard }) {
    const found: Violation[] = [];
    for (const parent of descend(atRoot(bericht), 'Client', 'AangevraagdeProducten')) {
      const products = children(parent, 'AangevraagdProduct');
      found.push(
        ...overlappingProducts(products, standard, {
          start: 'ToewijzingIngangsdatum',
          end: 'ToewijzingEinddatum',
        }),
      );
    }
    return found;
  },
});
