/**
 * TR342: a declaratie-antwoord holds only rejected Prestaties, so their net IngediendBedrag explains the
 * difference between the submitted and granted totals; a rejected DeclaratieAntwoord grants 0.
 */
import { atRoot, child, descend, leaf, values } from '../walk.js';
import { at, BOTH_STANDARDS, trRule } from './common.js';
import { netIngediend, signedTotaal } from './amounts.js';

/** WJ001: 0200 "no remarks on this class", 8001 "declaratie volledig toegewezen" — the class was not rejected. */
const NOT_REJECTED: ReadonlySet<string> = new Set(['0200', '8001']);

export const tr342 = trRule({
  code: 'TR342',
  messages: ['325'],
  standards: BOTH_STANDARDS,
  explanation:
    'Het declaratie-antwoord klopt niet: het saldo van de IngediendBedragen van de teruggemelde (afgewezen) ' +
    'prestaties (debet min credit) moet gelijk zijn aan TotaalIngediendBedrag min TotaalToegekendBedrag, en bij ' +
    'afwijzing van de hele declaratie moet TotaalToegekendBedrag 0 zijn. Neem alleen afgewezen prestaties op en ' +
    'herbereken de totalen.',
  note: 'The official XSLT states retourcode 0001 explicitly for this rule; it is the only TR that does.',
  check({ bericht }) {
    const antwoord = child(atRoot(bericht), 'DeclaratieAntwoord');
    if (antwoord === undefined) return [];
    const toegekend = signedTotaal(antwoord.el, 'TotaalToegekendBedrag');
    const ingediend = signedTotaal(antwoord.el, 'TotaalIngediendBedrag');
    if (toegekend === undefined || ingediend === undefined) return [];
    const retourCodes = descend(antwoord, 'RetourCodes').flatMap((codes) => values(codes.el, 'RetourCode'));
    const rejected = retourCodes.some((code) => !NOT_REJECTED.has(code));
    if (rejected) return toegekend !== 0 ? at(leaf(antwoord, 'TotaalToegekendBedrag')) : [];
    const prestaties = descend(antwoord, 'Clienten', 'Client', 'Prestaties', 'Prestatie');
    if (netIngediend(prestaties) === ingediend - toegekend) return [];
    return at(leaf(antwoord, 'TotaalIngediendBedrag'), leaf(antwoord, 'TotaalToegekendBedrag'));
  },
});
