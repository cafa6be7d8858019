/** TR006: every Contact of a 301 carries a Telefoon, or both Huis and Postcode in its Adres. */
import type { Violation } from '../types.js';
import { atRoot, child, descend, has } from '../walk.js';
import { at, BOTH_STANDARDS, trRule } from './common.js';

/** Contacts occur under each Relatie and in the client's Contactgegevens; Relaties come first in the XSD. */
const CONTACT_PATHS: readonly (readonly string[])[] = [
  ['Client', 'Relaties', 'Relatie', 'Contact'],
  ['Client', 'Contactgegevens', 'Contact'],
];

export const tr006 = trRule({
  code: 'TR006',
  messages: ['301'],
  standards: BOTH_STANDARDS,
  explanation:
    'Een Contact bevat geen Telefoon en ook niet de combinatie van Huis (huisnummer) en Postcode. ' +
    'Vul een Telefoon in, of vul in het Adres zowel Huis als Postcode.',
  note: 'As the official XSLT: applies to the Contact of a Relatie too; the location is the Contact class.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const steps of CONTACT_PATHS) {
      for (const contact of descend(atRoot(bericht), ...steps)) {
        if (has(contact.el, 'Telefoon')) continue;
        const adres = child(contact, 'Adres');
        const complete = adres !== undefined && has(adres.el, 'Huis') && has(adres.el, 'Postcode');
        if (!complete) found.push(...at(contact.path));
      }
    }
    return found;
  },
});
