/** CS058: StatusAanlevering of a StartProduct (305) or StopProduct (307). */
import { atRoot, descend, has, leaf } from '../walk.js';
import { at, BOTH_STANDARDS, cdcsRule, isOneOf } from './util.js';

export const cs058 = cdcsRule({
  code: 'CS058',
  messages: ['305', '307'],
  standards: BOTH_STANDARDS,
  explanation:
    'StatusAanlevering is niet 1 (eerste aanlevering) of 3 (verwijderen aanlevering); 2 en 9 worden in ' +
    'release 3.2 niet gebruikt. Corrigeer een eerdere aanlevering door die te verwijderen (3) en opnieuw aan ' +
    'te leveren (1).',
  check({ bericht }) {
    const root = atRoot(bericht);
    return [
      ...descend(root, 'Client', 'StartProducten', 'StartProduct'),
      ...descend(root, 'Client', 'StopProducten', 'StopProduct'),
    ]
      .filter(
        (product) =>
          has(product.el, 'StatusAanlevering') && !isOneOf(product.el, 'StatusAanlevering', ['1', '3']),
      )
      .flatMap((product) => at(leaf(product, 'StatusAanlevering')));
  },
});
