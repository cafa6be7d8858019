/**
 * CD041, CD075, CD076, CD077, CD078, CD079: how Product, Omvang, Budget and the end date of a product
 * class depend on each other (ToegewezenProduct 301, AangevraagdProduct 315, TeWijzigenProduct and
 * NieuwProduct 317).
 */
import type { Violation } from '../types.js';
import { child, has, leaf } from '../walk.js';
import { ALL_PRODUCT_CLASSES, CLASSES_WITH_PRODUCT, products } from './places.js';
import { at, BOTH_STANDARDS, cdcsRule, filled, isOneOf, leafIfPresent } from './util.js';

const PRODUCT_MESSAGES = ['301', '315', '317'] as const;

export const cd041 = cdcsRule({
  code: 'CD041',
  messages: PRODUCT_MESSAGES,
  standards: BOTH_STANDARDS,
  explanation:
    'Product/Code is gevuld maar Omvang ontbreekt. Bij een productcode is de Omvang (Volume, Eenheid, ' +
    'Frequentie) verplicht: vul de Omvang.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const { node } of products(bericht, CLASSES_WITH_PRODUCT)) {
      const product = child(node, 'Product');
      if (product && filled(product.el, 'Code') && !has(node.el, 'Omvang')) {
        found.push(...at(leaf(product, 'Code')));
      }
    }
    return found;
  },
});

export const cd075 = cdcsRule({
  code: 'CD075',
  messages: PRODUCT_MESSAGES,
  standards: BOTH_STANDARDS,
  explanation:
    'Budget is gevuld maar de einddatum ontbreekt. Een product met een Budget heeft een einddatum: vul ' +
    'Einddatum (in de 315: ToewijzingEinddatum).',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const { cls, node } of products(bericht, ALL_PRODUCT_CLASSES)) {
      if (filled(node.el, 'Budget') && !filled(node.el, cls.end)) {
        found.push(...at(leafIfPresent(node, cls.end), leaf(node, 'Budget')));
      }
    }
    return found;
  },
});

export const cd076 = cdcsRule({
  code: 'CD076',
  messages: PRODUCT_MESSAGES,
  standards: BOTH_STANDARDS,
  explanation:
    'Omvang heeft Frequentie 2 (per week) maar de einddatum ontbreekt. Vul Einddatum (in de 315: ' +
    'ToewijzingEinddatum), of kies een andere Frequentie.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const { cls, node } of products(bericht, ALL_PRODUCT_CLASSES)) {
      const omvang = child(node, 'Omvang');
      if (omvang && isOneOf(omvang.el, 'Frequentie', ['2']) && !filled(node.el, cls.end)) {
        found.push(...at(leafIfPresent(node, cls.end), leaf(omvang, 'Frequentie')));
      }
    }
    return found;
  },
});

const TOGETHER_NOTE =
  'In the official XSLT CD077 and CD078 test the same condition (Omvang and Budget both present) from ' +
  'either side, so they always fail together, each at Omvang and Budget.';

export const cd077 = cdcsRule({
  code: 'CD077',
  messages: PRODUCT_MESSAGES,
  standards: BOTH_STANDARDS,
  explanation:
    'Omvang en Budget zijn allebei gevuld. Een product heeft een Omvang of een Budget, niet beide: laat bij ' +
    'een Budget de Omvang weg.',
  note: TOGETHER_NOTE,
  check({ bericht }) {
    return products(bericht, ALL_PRODUCT_CLASSES)
      .filter(({ node }) => filled(node.el, 'Budget') && has(node.el, 'Omvang'))
      .flatMap(({ node }) => at(leaf(node, 'Omvang'), leaf(node, 'Budget')));
  },
});

export const cd078 = cdcsRule({
  code: 'CD078',
  messages: PRODUCT_MESSAGES,
  standards: BOTH_STANDARDS,
  explanation:
    'Omvang en Budget zijn allebei gevuld. Een product heeft een Omvang of een Budget, niet beide: laat bij ' +
    'een Omvang het Budget weg.',
  note: TOGETHER_NOTE,
  check({ bericht }) {
    return products(bericht, ALL_PRODUCT_CLASSES)
      .filter(({ node }) => has(node.el, 'Omvang') && has(node.el, 'Budget'))
      .flatMap(({ node }) => at(leaf(node, 'Omvang'), leaf(node, 'Budget')));
  },
});

export const cd079 = cdcsRule({
  code: 'CD079',
  messages: PRODUCT_MESSAGES,
  standards: BOTH_STANDARDS,
  explanation:
    'Er is geen Product en ook geen Budget. Zonder Budget is Product (Categorie, eventueel Code) verplicht: ' +
    'vul het Product.',
  note: 'As the official XSLT: the location is the product class itself, since both elements are absent.',
  check({ bericht }) {
    return products(bericht, CLASSES_WITH_PRODUCT)
      .filter(({ node }) => !filled(node.el, 'Budget') && !has(node.el, 'Product'))
      .flatMap(({ node }) => at(node.path, leafIfPresent(node, 'Budget')));
  },
});
