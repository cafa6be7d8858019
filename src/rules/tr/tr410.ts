/** TR410: among the NieuwProducten of a VOW a product occurs more than once only for non-overlapping periods. */
import type { Violation } from '../types.js';
import { atRoot, children, descend } from '../walk.js';
import { BOTH_STANDARDS, trRule } from './common.js';
import { overlappingProducts } from './overlap.js';

export const tr410 = trRule({
  code: 'TR410',
  messages: ['317'],
  standards: BOTH_STANDARDS,
  explanation:
    'Hetzelfde product komt meer dan eens voor als NieuwProduct met perioden (GewensteIngangsdatum tot ' +
    'Einddatum) die elkaar overlappen. Zonder ProductCode geldt dit per ProductCategorie; een NieuwProduct zonder ' +
    'Product mag met geen enkel ander overlappen. In de Wmo mogen hulpmiddelen (categorie 11 t/m 14) wel ' +
    'overlappen. Laat de perioden aansluiten zonder overlap of vraag het product één keer aan.',
  note: 'The hulpmiddelen exception (categories 11-14) is applied in iWmo only, as in the official iWmo XSLT.',
  check({ bericht, standard }) {
    const found: Violation[] = [];
    for (const parent of descend(atRoot(bericht), 'Client', 'Verzoek', 'NieuweProducten')) {
      const products = children(parent, 'NieuwProduct');
      found.push(
        ...overlappingProducts(products, standard, { start: 'GewensteIngangsdatum', end: 'Einddatum' }),
      );
    }
    return found;
  },
});
