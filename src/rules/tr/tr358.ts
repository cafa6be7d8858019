/** TR358: TotaalIngediendBedrag equals the net sum of the Prestaties' IngediendBedrag, with the matching sign. */
import { atRoot, child, leaf } from '../walk.js';
import { at, BOTH_STANDARDS, trRule } from './common.js';
import { netIngediend, signedTotaal } from './amounts.js';
import { declaratiePrestaties } from './prestaties.js';

export const tr358 = trRule({
  code: 'TR358',
  messages: ['323'],
  standards: BOTH_STANDARDS,
  explanation:
    'TotaalIngediendBedrag is niet gelijk aan het saldo van de IngediendBedragen van alle prestaties (debet ' +
    'opgeteld, credit afgetrokken), of DebetCredit past niet bij het teken van dat saldo. Herbereken het totaal: ' +
    'een positief saldo is debet (D), een negatief saldo credit (C).',
  note:
    'As the official XSLT the locations are TotaalBedrag, DebetCredit and every IngediendBedrag of the message. ' +
    'A zero total passes with either sign here; CS325 requires D for it.',
  check({ bericht }) {
    const declaratie = child(atRoot(bericht), 'Declaratie');
    const totaal = declaratie && child(declaratie, 'TotaalIngediendBedrag');
    if (declaratie === undefined || totaal === undefined) return [];
    const claimed = signedTotaal(declaratie.el, 'TotaalIngediendBedrag');
    const prestaties = declaratiePrestaties(bericht);
    if (claimed === undefined || claimed === netIngediend(prestaties)) return [];
    return at(
      leaf(totaal, 'TotaalBedrag'),
      leaf(totaal, 'DebetCredit'),
      ...prestaties.map((prestatie) => leaf(prestatie, 'IngediendBedrag')),
    );
  },
});
