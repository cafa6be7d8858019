/**
 * CD005, CD009, CD025, CD034, CS089: the Contact classes and their Adres in the 301. As in the official
 * XSLT, which matches these elements by name, they apply to the Contact of a Relatie as well as to the
 * client's Contactgegevens.
 */
import type { Violation } from '../types.js';
import { child, leaf, text } from '../walk.js';
import { adressen, contacts } from './places.js';
import { at, BOTH_STANDARDS, cdcsRule, filled, isOneOf, leafIfPresent } from './util.js';

export const cd005 = cdcsRule({
  code: 'CD005',
  messages: ['301'],
  standards: BOTH_STANDARDS,
  explanation:
    'Postcode en LandCode in een Adres horen bij elkaar: er staat een Postcode zonder LandCode, of een ' +
    'LandCode zonder Postcode. Vul LandCode wanneer Postcode gevuld is; laat LandCode weg wanneer er geen ' +
    'Postcode is.',
  note: 'As the official XSLT: checked in both directions, on the Adres of a Relatie/Contact too.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const adres of adressen(bericht)) {
      const postcode = filled(adres.el, 'Postcode');
      const landCode = filled(adres.el, 'LandCode');
      if (postcode !== landCode) {
        found.push(...at(leafIfPresent(adres, 'Postcode'), leafIfPresent(adres, 'LandCode')));
      }
    }
    return found;
  },
});

export const cd009 = cdcsRule({
  code: 'CD009',
  messages: ['301'],
  standards: BOTH_STANDARDS,
  explanation:
    'Een Contact heeft een Periode terwijl Soort niet 04 (tijdelijk verblijfadres) is. Alleen een ' +
    'tijdelijk verblijfadres heeft een Periode: laat Periode weg, of gebruik Soort 04.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const contact of contacts(bericht)) {
      if (child(contact, 'Periode') && !isOneOf(contact.el, 'Soort', ['04'])) {
        found.push(...at(leafIfPresent(contact, 'Soort'), leaf(contact, 'Periode')));
      }
    }
    return found;
  },
});

export const cd025 = cdcsRule({
  code: 'CD025',
  messages: ['301'],
  standards: BOTH_STANDARDS,
  explanation:
    'Een Adres in Nederland (LandCode NL) heeft geen Huisnummer. Vul Huis met ten minste het Huisnummer.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const adres of adressen(bericht)) {
      if (!isOneOf(adres.el, 'LandCode', ['NL']) || filled(adres.el, 'Huis', 'Huisnummer')) continue;
      const huis = child(adres, 'Huis');
      found.push(...at(huis && leafIfPresent(huis, 'Huisnummer'), leaf(adres, 'LandCode')));
    }
    return found;
  },
});

export const cd034 = cdcsRule({
  code: 'CD034',
  messages: ['301'],
  standards: BOTH_STANDARDS,
  explanation:
    'Een Contact met Soort 01 (BRP-adres) of 03 (verblijfadres) heeft geen Postcode. Vul in het Adres de ' +
    'Postcode.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const contact of contacts(bericht)) {
      if (!isOneOf(contact.el, 'Soort', ['01', '03']) || filled(contact.el, 'Adres', 'Postcode')) continue;
      const adres = child(contact, 'Adres');
      found.push(...at(leaf(contact, 'Soort'), adres && leafIfPresent(adres, 'Postcode')));
    }
    return found;
  },
});

/** The XSLT's pattern `1000ZZ`: a digit 1-9, three digits, two letters of either case, nothing else. */
const DUTCH_POSTCODE = /^[1-9][0-9]{3}[a-zA-Z]{2}$/;

export const cs089 = cdcsRule({
  code: 'CS089',
  messages: ['301'],
  standards: BOTH_STANDARDS,
  explanation:
    'Een Adres in Nederland (LandCode NL) heeft geen geldige Nederlandse postcode. Vul de Postcode als vier ' +
    'cijfers (niet beginnend met 0) direct gevolgd door twee letters, zonder spatie, bijvoorbeeld 1234AB.',
  note:
    'As the official XSLT: the Postcode is tested as written (no trimming) and letters of either case are ' +
    'accepted; a missing Postcode with LandCode NL fails too (together with CD005).',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const adres of adressen(bericht)) {
      if (!isOneOf(adres.el, 'LandCode', ['NL'])) continue;
      if (DUTCH_POSTCODE.test(text(adres.el, 'Postcode') ?? '')) continue;
      found.push(...at(leafIfPresent(adres, 'Postcode'), leaf(adres, 'LandCode')));
    }
    return found;
  },
});
