/** TR061: a client's Contactgegevens hold at least one BRP-, correspondentie- or verblijfadres. */
import type { Violation } from '../types.js';
import { atRoot, children, descend, text } from '../walk.js';
import { at, BOTH_STANDARDS, trRule } from './common.js';

/** COD757: 01 BRP-adres, 02 correspondentie-adres, 03 verblijfadres (04, tijdelijk, does not count). */
const ADDRESS_KINDS: ReadonlySet<string> = new Set(['01', '02', '03']);

export const tr061 = trRule({
  code: 'TR061',
  messages: ['301'],
  standards: BOTH_STANDARDS,
  explanation:
    'De Contactgegevens van de Client bevatten geen Contact met Soort 01 (BRP-adres), 02 (correspondentie-adres) ' +
    "of 03 (verblijfadres). Neem minstens één zo'n Contact op.",
  note: 'As the official XSLT, the locations are all Contact classes of the Contactgegevens.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const gegevens of descend(atRoot(bericht), 'Client', 'Contactgegevens')) {
      const contacts = children(gegevens, 'Contact');
      if (contacts.some((contact) => ADDRESS_KINDS.has(text(contact.el, 'Soort') ?? ''))) continue;
      found.push(...at(...contacts.map((contact) => contact.path)));
    }
    return found;
  },
});
