/** CD060, CD087, CS100, CS325, CS337, CS339, CS340: the declaration (323) and its answer (325). */
import type { Violation } from '../types.js';
import { atRoot, child, descend, leaf, text, type Located } from '../walk.js';
import { DECLARATIE_BODIES, prestaties } from './places.js';
import {
  at,
  BOTH_STANDARDS,
  cdcsRule,
  dateNumber,
  distinct,
  filled,
  isOneOf,
  leafIfPresent,
  normalizeSpace,
  substringAfter,
  xpathNumber,
} from './util.js';
import { addDaysCarry, addMonthsCarry } from './xslt-dates.js';

export const cd060 = cdcsRule({
  code: 'CD060',
  messages: ['323', '325'],
  standards: BOTH_STANDARDS,
  explanation:
    'VorigReferentieNummer past niet bij DebetCredit van het IngediendBedrag: een creditprestatie (C) ' +
    'verwijst met VorigReferentieNummer naar de debetprestatie die zij crediteert, een debetprestatie heeft ' +
    'geen VorigReferentieNummer. Vul of verwijder VorigReferentieNummer.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const prestatie of prestaties(bericht)) {
      const referentie = child(prestatie, 'ProductReferentie');
      const bedrag = child(prestatie, 'IngediendBedrag');
      const credit = bedrag !== undefined && isOneOf(bedrag.el, 'DebetCredit', ['C']);
      const vorig = referentie !== undefined && filled(referentie.el, 'VorigReferentieNummer');
      if (credit === vorig) continue;
      found.push(
        ...at(
          referentie && leafIfPresent(referentie, 'VorigReferentieNummer'),
          bedrag && leafIfPresent(bedrag, 'DebetCredit'),
        ),
      );
    }
    return found;
  },
});

export const cd087 = cdcsRule({
  code: 'CD087',
  messages: ['323'],
  standards: BOTH_STANDARDS,
  explanation:
    'ProductTarief past niet bij de Eenheid: bij elke Eenheid behalve 83 (euro’s) is ProductTarief verplicht, ' +
    'bij Eenheid 83 blijft het leeg. Vul of verwijder ProductTarief.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const prestatie of prestaties(bericht, ['Declaratie'])) {
      if (text(prestatie.el, 'Eenheid') === undefined) continue;
      if (!isOneOf(prestatie.el, 'Eenheid', ['83']) === filled(prestatie.el, 'ProductTarief')) continue;
      found.push(...at(leaf(prestatie, 'Eenheid'), leafIfPresent(prestatie, 'ProductTarief')));
    }
    return found;
  },
});

/** The Begindatum of a period, as a location with its value. */
function begindatum(periode: Located | undefined): { path: string; value: string } | undefined {
  const value = periode && text(periode.el, 'Begindatum');
  return periode && value !== undefined ? { path: leaf(periode, 'Begindatum'), value } : undefined;
}

export const cs100 = cdcsRule({
  code: 'CS100',
  messages: ['323'],
  standards: BOTH_STANDARDS,
  explanation:
    'Een Begindatum (DeclaratiePeriode of ProductPeriode) ligt vóór 1 januari 2021. Declareer alleen ' +
    'perioden vanaf 01-01-2021.',
  check({ bericht }) {
    const periods = [
      ...descend(atRoot(bericht), 'Declaratie', 'DeclaratiePeriode'),
      ...prestaties(bericht, ['Declaratie']).flatMap((prestatie) => descend(prestatie, 'ProductPeriode')),
    ];
    return periods
      .map(begindatum)
      .filter((begin) => begin !== undefined && dateNumber(begin.value) < 20210101)
      .flatMap((begin) => at(begin?.path));
  },
});

/** CS325 on one amount: a zero amount with DebetCredit C (the XSLT accepts c as well). */
function zeroCredit(parent: Located, amountName: string): Violation[] {
  const amount = text(parent.el, amountName);
  const debetCredit = text(parent.el, 'DebetCredit');
  if (amount === undefined || xpathNumber(amount) !== 0) return [];
  if (debetCredit === undefined || !['c', 'C'].includes(normalizeSpace(debetCredit))) return [];
  return at(leaf(parent, amountName), leaf(parent, 'DebetCredit'));
}

export const cs325 = cdcsRule({
  code: 'CS325',
  messages: ['323', '325'],
  standards: BOTH_STANDARDS,
  explanation: 'Een bedrag van 0 heeft DebetCredit C. Een nulbedrag is altijd debet: vul DebetCredit met D.',
  check({ bericht }) {
    const found: Violation[] = [];
    const root = atRoot(bericht);
    for (const body of DECLARATIE_BODIES) {
      for (const total of ['TotaalIngediendBedrag', 'TotaalToegekendBedrag']) {
        for (const node of descend(root, body, total)) found.push(...zeroCredit(node, 'TotaalBedrag'));
      }
      for (const prestatie of prestaties(bericht, [body])) {
        for (const node of descend(prestatie, 'IngediendBedrag')) found.push(...zeroCredit(node, 'Bedrag'));
      }
    }
    return found;
  },
});

export const cs337 = cdcsRule({
  code: 'CS337',
  messages: ['323'],
  standards: BOTH_STANDARDS,
  explanation:
    'De ProductPeriode loopt over een maandgrens: Einddatum ligt niet in dezelfde kalendermaand en hetzelfde ' +
    'jaar als Begindatum. Declareer per kalendermaand, met een prestatie per maand.',
  note: 'As the official XSLT: year and month are two checks; both failing gives the same locations once.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const periode of prestaties(bericht, ['Declaratie']).flatMap((p) => descend(p, 'ProductPeriode'))) {
      const begin = text(periode.el, 'Begindatum')?.replaceAll('-', '');
      const end = text(periode.el, 'Einddatum')?.replaceAll('-', '');
      const locations = at(leafIfPresent(periode, 'Begindatum'), leafIfPresent(periode, 'Einddatum'));
      if (begin === undefined || end === undefined || begin.slice(0, 4) !== end.slice(0, 4)) {
        found.push(...locations);
      }
      if (begin === undefined || end === undefined || begin.slice(4, 6) !== end.slice(4, 6)) {
        found.push(...locations);
      }
    }
    return distinct(found);
  },
});

export const cs339 = cdcsRule({
  code: 'CS339',
  messages: ['323'],
  standards: BOTH_STANDARDS,
  explanation:
    'Bij Eenheid 83 (euro’s) is het GeleverdVolume het bedrag zelf: IngediendBedrag/Bedrag moet gelijk zijn ' +
    'aan GeleverdVolume. Maak de twee gelijk.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const prestatie of prestaties(bericht, ['Declaratie'])) {
      // Compared as written, like the XSLT's `Eenheid/text() = '83'`.
      if (text(prestatie.el, 'Eenheid') !== '83') continue;
      const bedrag = child(prestatie, 'IngediendBedrag');
      const volume = xpathNumber(text(prestatie.el, 'GeleverdVolume') ?? '');
      const amount = xpathNumber((bedrag && text(bedrag.el, 'Bedrag')) ?? '');
      // XPath's < and > are false when either side is missing (NaN): only two real, different numbers fail.
      if (!(volume < amount || amount < volume) || !bedrag) continue;
      found.push(...at(leaf(prestatie, 'GeleverdVolume'), leaf(bedrag, 'Bedrag')));
    }
    return found;
  },
});

export const cs340 = cdcsRule({
  code: 'CS340',
  messages: ['323'],
  standards: BOTH_STANDARDS,
  explanation:
    'De DeclaratiePeriode is niet precies één hele kalendermaand. Laat de periode op de eerste dag van een ' +
    'maand beginnen en op de laatste dag van diezelfde maand eindigen.',
  note:
    'As the official XSLT: a Begindatum not on the 1st is reported on its own, and the period is compared ' +
    'with the XSLT date arithmetic (Einddatum + 1 day = Begindatum + 1 month), whose leap rule (every 4th ' +
    'year) differs from the Gregorian calendar in century years such as 2100.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const periode of descend(atRoot(bericht), 'Declaratie', 'DeclaratiePeriode')) {
      const begin = text(periode.el, 'Begindatum') ?? '';
      const end = text(periode.el, 'Einddatum') ?? '';
      const beginPath = leafIfPresent(periode, 'Begindatum');
      if (substringAfter(substringAfter(begin, '-'), '-') !== '01') found.push(...at(beginPath));
      const dayAfterEnd = addDaysCarry(end, 1);
      if (dayAfterEnd === undefined || dayAfterEnd !== addMonthsCarry(begin, 1)) {
        found.push(...at(beginPath, leafIfPresent(periode, 'Einddatum')));
      }
    }
    return distinct(found);
  },
});
