/**
 * CD080, CD095, CD096, CS338, CS343: the 2021 rules on Omvang. They hold for a product whose end date is
 * absent or after 2020-12-31; a product that ended before 2021 keeps the older freedom.
 */
import type { RuleDef, Violation } from '../types.js';
import { child, has, leaf, text } from '../walk.js';
import {
  AANGEVRAAGD_PRODUCT,
  NIEUW_PRODUCT,
  products,
  TE_WIJZIGEN_PRODUCT,
  TOEGEWEZEN_PRODUCT,
  type ProductClass,
} from './places.js';
import { at, BOTH_STANDARDS, cdcsRule, filled, isOneOf, leafIfPresent, openOrEndsAfter2020 } from './util.js';
import type { MessageNumber } from '../../standard/model.js';

/**
 * CD080/CD095/CD096 are one rule on three classes, with a code each: no Omvang without Product/Code.
 * Locations as the XSLT: Product/Code (when present), the end date (when present), Omvang.
 */
function omvangNeedsProductCode(
  code: string,
  cls: ProductClass,
  message: MessageNumber,
  explanation: string,
): RuleDef {
  return cdcsRule({
    code,
    messages: [message],
    standards: BOTH_STANDARDS,
    explanation,
    check({ bericht }) {
      const found: Violation[] = [];
      for (const { node } of products(bericht, [cls])) {
        const end = text(node.el, cls.end);
        if (!has(node.el, 'Omvang') || !openOrEndsAfter2020(end) || filled(node.el, 'Product', 'Code')) {
          continue;
        }
        const product = child(node, 'Product');
        found.push(
          ...at(
            product && leafIfPresent(product, 'Code'),
            leafIfPresent(node, cls.end),
            leaf(node, 'Omvang'),
          ),
        );
      }
      return found;
    },
  });
}

function withoutCode(cls: ProductClass): string {
  return (
    `Het ${cls.name} heeft een Omvang maar geen Product/Code, en de ${cls.end} ligt na 31-12-2020 of ` +
    'ontbreekt. Zonder productcode geen Omvang: laat de Omvang weg, of vul de productcode.'
  );
}

export const cd080 = omvangNeedsProductCode(
  'CD080',
  TOEGEWEZEN_PRODUCT,
  '301',
  withoutCode(TOEGEWEZEN_PRODUCT),
);
export const cd095 = omvangNeedsProductCode(
  'CD095',
  AANGEVRAAGD_PRODUCT,
  '315',
  withoutCode(AANGEVRAAGD_PRODUCT),
);
export const cd096 = omvangNeedsProductCode('CD096', NIEUW_PRODUCT, '317', withoutCode(NIEUW_PRODUCT));

/** Etmaal, dagdeel, euro's, stuks (inspanning): units that need a frequency per week, per month or in total. */
const UNITS_WITH_FREQUENCY = ['14', '16', '83', '84'];
const ALLOWED_FREQUENCIES = ['2', '4', '6'];

/** CS338/CS343: one rule, with CS343 for the AangevraagdProduct of the 315. */
function unitNeedsFrequency(
  code: string,
  classes: readonly ProductClass[],
  messages: readonly MessageNumber[],
  explanation: string,
): RuleDef {
  return cdcsRule({
    code,
    messages,
    standards: BOTH_STANDARDS,
    explanation,
    check({ bericht }) {
      const found: Violation[] = [];
      for (const { cls, node } of products(bericht, classes)) {
        const omvang = child(node, 'Omvang');
        if (!omvang || !has(omvang.el, 'Eenheid') || !openOrEndsAfter2020(text(node.el, cls.end))) continue;
        if (!isOneOf(omvang.el, 'Eenheid', UNITS_WITH_FREQUENCY)) continue;
        if (isOneOf(omvang.el, 'Frequentie', ALLOWED_FREQUENCIES)) continue;
        found.push(
          ...at(leafIfPresent(node, cls.end), leaf(omvang, 'Eenheid'), leafIfPresent(omvang, 'Frequentie')),
        );
      }
      return found;
    },
  });
}

function unitFrequency(endName: string): string {
  return (
    'De Omvang heeft Eenheid 14 (etmaal), 16 (dagdeel), 83 (euro’s) of 84 (stuks inspanning) zonder ' +
    `Frequentie 2 (per week), 4 (per maand) of 6 (totaal binnen de geldigheidsduur), terwijl de ${endName} ` +
    'na 31-12-2020 ligt of ontbreekt. Pas de Frequentie of de Eenheid aan.'
  );
}

export const cs338 = unitNeedsFrequency(
  'CS338',
  [TOEGEWEZEN_PRODUCT, TE_WIJZIGEN_PRODUCT, NIEUW_PRODUCT],
  ['301', '317'],
  unitFrequency('Einddatum'),
);

export const cs343 = unitNeedsFrequency(
  'CS343',
  [AANGEVRAAGD_PRODUCT],
  ['315'],
  unitFrequency('ToewijzingEinddatum'),
);
