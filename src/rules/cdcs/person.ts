/** CD007, CS050, CS318, CS139: the client (and in the 301 the relaties) as a person. */
import type { Violation } from '../types.js';
import { atRoot, descend, has, leaf, text } from '../walk.js';
import { geboortedatums, volledigeNamen } from './places.js';
import { at, BOTH_STANDARDS, cdcsRule, filled, isOneOf, leafIfPresent, substringAfter } from './util.js';

export const cd007 = cdcsRule({
  code: 'CD007',
  messages: ['301'],
  standards: BOTH_STANDARDS,
  explanation:
    'Taal en Communicatie/Vorm passen niet bij elkaar: bij Vorm 1 (tolk taal) ontbreekt de Taal, of er staat ' +
    'een Taal bij een andere Vorm. Vul Taal alleen, en dan verplicht, bij Vorm 1.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const communicatie of descend(atRoot(bericht), 'Client', 'Communicatie')) {
      if (filled(communicatie.el, 'Taal') !== isOneOf(communicatie.el, 'Vorm', ['1'])) {
        found.push(...at(leafIfPresent(communicatie, 'Vorm'), leafIfPresent(communicatie, 'Taal')));
      }
    }
    return found;
  },
});

const WITH_PARTNERNAAM = ['1', '2', '3', '4'];

export const cs050 = cdcsRule({
  code: 'CS050',
  messages: ['301'],
  standards: BOTH_STANDARDS,
  explanation:
    'NaamGebruik past niet bij de naam. Met een Partnernaam is NaamGebruik 1, 2, 3 of 4; zonder Partnernaam ' +
    'is NaamGebruik 1 (eigen naam), in iJw ook 6 (niet-natuurlijk persoon). Pas NaamGebruik aan of vul de ' +
    'Partnernaam.',
  note:
    'Follows the official XSLTs, which differ: without a Partnernaam the iWmo XSLT accepts only 1, the iJw ' +
    'XSLT 1 or 6 (the iWmo document says 1 or 6). Applies to the Naam of every Relatie too.',
  check({ standard, bericht }) {
    const withoutPartnernaam = standard === 'ijw' ? ['1', '6'] : ['1'];
    const found: Violation[] = [];
    for (const naam of volledigeNamen(bericht)) {
      if (!has(naam.el, 'NaamGebruik')) continue;
      const partner = has(naam.el, 'Partnernaam');
      if (isOneOf(naam.el, 'NaamGebruik', partner ? WITH_PARTNERNAAM : withoutPartnernaam)) continue;
      found.push(...at(partner ? leaf(naam, 'Partnernaam') : undefined, leaf(naam, 'NaamGebruik')));
    }
    return found;
  },
});

export const cs318 = cdcsRule({
  code: 'CS318',
  messages: ['301'],
  standards: ['ijw'],
  explanation:
    'De client heeft NaamGebruik 6 (niet-natuurlijk persoon); een client is altijd een natuurlijk persoon. ' +
    'Vul NaamGebruik met de code die bij de naam van de client hoort, meestal 1 (eigen naam).',
  note:
    'Only in the official iJw XSLT; the iWmo CD/CS document lists it for WMO301 too, but the iWmo XSLT does ' +
    'not apply it (there CS050 already rejects 6 without a Partnernaam). Only the client, not a Relatie.',
  check({ bericht }) {
    return descend(atRoot(bericht), 'Client', 'Naam')
      .filter((naam) => isOneOf(naam.el, 'NaamGebruik', ['6']))
      .flatMap((naam) => at(leaf(naam, 'NaamGebruik')));
  },
});

/** Whether Datum is written as DatumGebruik requires: 1 day 01, 2 day and month 01-01, 3 exactly 1900-01-01. */
function agrees(datum: string, datumGebruik: string): boolean {
  // Compared as written, like the XSLT's `DatumGebruik='3'` (no normalize-space here).
  if (datumGebruik === '3') return datum === '1900-01-01';
  if (datumGebruik === '2') return substringAfter(datum, '-') === '01-01';
  if (datumGebruik === '1') return substringAfter(substringAfter(datum, '-'), '-') === '01';
  return true;
}

export const cs139 = cdcsRule({
  code: 'CS139',
  messages: ['301', '305', '307', '315'],
  standards: BOTH_STANDARDS,
  explanation:
    'Geboortedatum: Datum past niet bij DatumGebruik. Bij DatumGebruik 1 (dag onbekend) is de dag 01, bij 2 ' +
    '(dag en maand onbekend) zijn dag en maand 01-01, bij 3 (geheel onbekend) is de Datum 1900-01-01. Pas ' +
    'Datum of DatumGebruik aan.',
  note: 'As the official XSLT: also the Geboortedatum of a Relatie (301); without DatumGebruik nothing is checked.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const geboortedatum of geboortedatums(bericht)) {
      const datum = text(geboortedatum.el, 'Datum');
      const datumGebruik = text(geboortedatum.el, 'DatumGebruik');
      if (datum === undefined || datumGebruik === undefined || agrees(datum, datumGebruik)) continue;
      found.push(...at(leaf(geboortedatum, 'Datum'), leaf(geboortedatum, 'DatumGebruik')));
    }
    return found;
  },
});
