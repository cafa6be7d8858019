/** TR416: one debit Prestatie per ProductPeriode + ProductCategorie + ProductCode + ToewijzingNummer. */
import type { JsonElement, Violation } from '../types.js';
import { children, text } from '../walk.js';
import { at, BOTH_STANDARDS, trRule } from './common.js';
import { prestatieGroups } from './prestaties.js';

const KEY: readonly (readonly string[])[] = [
  ['ProductPeriode', 'Begindatum'],
  ['ProductPeriode', 'Einddatum'],
  ['ProductCategorie'],
  ['ProductCode'],
  ['ToewijzingNummer'],
];

/** The key of a debit Prestatie (values whitespace-trimmed, as the XSLT compares them); undefined for a credit. */
function debitKey(prestatie: JsonElement): string | undefined {
  if (text(prestatie, 'IngediendBedrag', 'DebetCredit') !== 'D') return undefined;
  let key = '';
  for (const part of KEY) key += `${(text(prestatie, ...part) ?? '').trim()}\u0000`;
  return key;
}

export const tr416 = trRule({
  code: 'TR416',
  messages: ['323'],
  standards: BOTH_STANDARDS,
  explanation:
    'Het bericht bevat meer dan één debetprestatie voor dezelfde ProductPeriode, ProductCategorie, ProductCode en ' +
    'ToewijzingNummer. Voeg deze samen tot één debetprestatie.',
  note:
    'As the official XSLT, debit Prestaties are compared within one client (siblings); each repeat is reported ' +
    'with every earlier debit of the same key.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const group of prestatieGroups(bericht, 'Declaratie')) {
      const seen = new Map<string, string[]>();
      for (const prestatie of children(group, 'Prestatie')) {
        const key = debitKey(prestatie.el);
        if (key === undefined) continue;
        const earlier = seen.get(key) ?? [];
        for (const path of earlier) found.push(...at(path, prestatie.path));
        seen.set(key, [...earlier, prestatie.path]);
      }
    }
    return found;
  },
});
