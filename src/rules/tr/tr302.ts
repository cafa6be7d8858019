/** TR302: in a toewijzing a product occurs more than once only with non-overlapping periods. */
import { atRoot, descend, children, text } from '../walk.js';
import type { JsonElement, Violation } from '../types.js';
import { BOTH_STANDARDS, trRule } from './common.js';
import { overlappingProducts } from './overlap.js';

/**
 * A deleted toewijzing (RedenWijziging 13, or the retired 01, with Einddatum = Ingangsdatum) counts as never
 * sent (OP033x1), so it overlaps nothing.
 */
function isDeleted(product: JsonElement): boolean {
  const reden = text(product, 'RedenWijziging');
  const einddatum = text(product, 'Einddatum');
  return (
    (reden === '13' || reden === '01') &&
    einddatum !== undefined &&
    einddatum === text(product, 'Ingangsdatum')
  );
}

export const tr302 = trRule({
  code: 'TR302',
  messages: ['301'],
  standards: BOTH_STANDARDS,
  explanation:
    'Hetzelfde product komt meer dan eens voor in de toewijzing met perioden (Ingangsdatum tot Einddatum) die ' +
    'elkaar overlappen. Zonder ProductCode geldt dit per ProductCategorie; een toewijzing zonder Product mag met ' +
    'geen enkele andere overlappen. In de Wmo mogen hulpmiddelen (categorie 11 t/m 14) wel overlappen. ' +
    'Laat de perioden aansluiten zonder overlap of voeg de toewijzingen samen.',
  note: 'The hulpmiddelen exception (categories 11-14) is applied in iWmo only; iJw categories (31-55) never fall in it.',
  check({ bericht, standard }) {
    const found: Violation[] = [];
    for (const parent of descend(atRoot(bericht), 'Client', 'ToegewezenProducten')) {
      const products = children(parent, 'ToegewezenProduct');
      found.push(
        ...overlappingProducts(products, standard, { start: 'Ingangsdatum', end: 'Einddatum' }, isDeleted),
      );
    }
    return found;
  },
});
