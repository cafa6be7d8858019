/** TR316: a debit Prestatie is not credited in the same message. */
import type { Violation } from '../types.js';
import { child } from '../walk.js';
import { at, BOTH_STANDARDS, field, trRule, type DatedField } from './common.js';
import { declaratiePrestaties } from './prestaties.js';

/** Earlier values by text, so a large declaratie is checked in one pass instead of pair by pair. */
class Seen {
  private readonly byValue = new Map<string, DatedField[]>();

  add(field: DatedField): void {
    const list = this.byValue.get(field.value);
    if (list === undefined) this.byValue.set(field.value, [field]);
    else list.push(field);
  }

  get(value: string): readonly DatedField[] {
    return this.byValue.get(value) ?? [];
  }
}

export const tr316 = trRule({
  code: 'TR316',
  messages: ['323'],
  standards: BOTH_STANDARDS,
  explanation:
    'Een prestatie wordt in hetzelfde bericht gecrediteerd: een VorigReferentieNummer is gelijk aan een ' +
    'ReferentieNummer in dit bericht. Stuur de creditering in een later bericht, nadat de debetprestatie is beoordeeld.',
  note:
    'As the official XSLT: a ReferentieNummer equal to its own VorigReferentieNummer also fails, and pairs are ' +
    'looked for across all clients of the message.',
  check({ bericht }) {
    const found: Violation[] = [];
    const nummers = new Seen();
    const vorigen = new Seen();
    for (const prestatie of declaratiePrestaties(bericht)) {
      const referentie = child(prestatie, 'ProductReferentie');
      if (referentie === undefined) continue;
      const nummer = field(referentie, 'ReferentieNummer');
      const vorig = field(referentie, 'VorigReferentieNummer');
      // As the XSLT: this Prestatie's values (whitespace-trimmed) against the earlier ones as written.
      if (vorig)
        for (const earlier of nummers.get(vorig.value.trim())) found.push(...at(earlier.path, vorig.path));
      if (nummer)
        for (const earlier of vorigen.get(nummer.value.trim())) found.push(...at(earlier.path, nummer.path));
      if (nummer && vorig && nummer.value.trim() === vorig.value.trim())
        found.push(...at(nummer.path, vorig.path));
      if (nummer) nummers.add(nummer);
      if (vorig) vorigen.add(vorig);
    }
    return found;
  },
});
