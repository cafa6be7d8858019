/** CS003 (periods of 301, 315, 317), CS335 and CS336 (RedenWijziging of a ToegewezenProduct). */
import type { JsonElement, Violation } from '../types.js';
import { atRoot, child, descend, has, leaf, text, type Located } from '../walk.js';
import { ALL_PRODUCT_CLASSES, contacts, products } from './places.js';
import { at, BOTH_STANDARDS, cdcsRule, dateNumber, isOneOf, leafIfPresent } from './util.js';

/**
 * The XSLT's `checkafter` for CS003, run only where an end date is present: it fails when the begin date
 * is missing or later than the end date (compared as numbers, the end cut to its first ten characters).
 */
function endBeforeBegin(parent: Located, beginName: string, endName: string): Violation[] {
  const end = text(parent.el, endName);
  if (end === undefined) return [];
  const begin = text(parent.el, beginName);
  if (begin !== undefined && !(dateNumber(begin) > dateNumber(end.slice(0, 10)))) return [];
  return at(leafIfPresent(parent, beginName), leaf(parent, endName));
}

export const cs003 = cdcsRule({
  code: 'CS003',
  messages: ['301', '315', '317'],
  standards: BOTH_STANDARDS,
  explanation:
    'De einddatum ligt vóór de begindatum (Ingangsdatum, ToewijzingIngangsdatum, GewensteIngangsdatum of ' +
    'Begindatum) van dezelfde periode. Vul een einddatum op of na de begindatum.',
  note:
    'As the official XSLT: a Contact/Periode with an Einddatum but no Begindatum fails too (the document ' +
    'says "indien van toepassing"); the Periode of a Relatie/Contact is included.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const contact of contacts(bericht)) {
      const periode = child(contact, 'Periode');
      if (periode) found.push(...endBeforeBegin(periode, 'Begindatum', 'Einddatum'));
    }
    for (const { cls, node } of products(bericht, ALL_PRODUCT_CLASSES)) {
      found.push(...endBeforeBegin(node, cls.begin, cls.end));
    }
    return found;
  },
});

function toegewezenProducten(bericht: JsonElement): Located[] {
  return descend(atRoot(bericht), 'Client', 'ToegewezenProducten', 'ToegewezenProduct');
}

export const cs335 = cdcsRule({
  code: 'CS335',
  messages: ['301'],
  standards: BOTH_STANDARDS,
  explanation:
    'RedenWijziging 13 (verwijderd) mag alleen als de Einddatum gelijk is aan de Ingangsdatum. Zet bij het ' +
    'verwijderen van een toewijzing de Einddatum op de Ingangsdatum, of kies een andere RedenWijziging.',
  note:
    'As the official XSLT: only compares the two dates when both are present, so RedenWijziging 13 without ' +
    'an Einddatum is not reported.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const product of toegewezenProducten(bericht)) {
      // Compared as written, like the XSLT's `RedenWijziging/text() = '13'`.
      if (text(product.el, 'RedenWijziging') !== '13') continue;
      const ingangsdatum = text(product.el, 'Ingangsdatum');
      const einddatum = text(product.el, 'Einddatum');
      if (ingangsdatum === undefined || einddatum === undefined || ingangsdatum === einddatum) continue;
      found.push(...at(leaf(product, 'Ingangsdatum'), leaf(product, 'Einddatum')));
    }
    return found;
  },
});

export const cs336 = cdcsRule({
  code: 'CS336',
  messages: ['301'],
  standards: BOTH_STANDARDS,
  explanation:
    'RedenWijziging 01 (administratieve correctie, vervallen) wordt niet meer gebruikt. Gebruik de code die ' +
    'de wijziging beschrijft, bijvoorbeeld 14 (administratieve correctie).',
  check({ bericht }) {
    return toegewezenProducten(bericht)
      .filter((product) => has(product.el, 'RedenWijziging') && isOneOf(product.el, 'RedenWijziging', ['01']))
      .flatMap((product) => at(leaf(product, 'RedenWijziging')));
  },
});
