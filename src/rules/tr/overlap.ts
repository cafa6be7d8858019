/**
 * The shared core of TR302 (toewijzing), TR386 (VOT) and TR410 (VOW NieuwProduct): a product may occur more
 * than once among sibling classes only with periods that do not overlap. As in the official XSLT:
 * - with both ProductCodes (and categories) the products match when code and category are equal;
 * - when either lacks a ProductCode they match on ProductCategorie;
 * - a class without any Product matches every other class;
 * - in iWmo, hulpmiddelen (categories 11-14) may overlap, even at category level.
 * Each overlapping pair is reported with both classes, the earlier first.
 */
import type { StandardId } from '../../standard/model.js';
import { periodsOverlap } from '../dates.js';
import type { JsonElement, Violation } from '../types.js';
import { text, type Located } from '../walk.js';
import { at, HULPMIDDELEN_CATEGORIES } from './common.js';

export interface OverlapFields {
  readonly start: string;
  readonly end: string;
}

function sameProduct(a: JsonElement, b: JsonElement): boolean {
  const categoryA = text(a, 'Product', 'Categorie');
  const categoryB = text(b, 'Product', 'Categorie');
  const codeA = text(a, 'Product', 'Code');
  const codeB = text(b, 'Product', 'Code');
  if ((categoryA === undefined && codeA === undefined) || (categoryB === undefined && codeB === undefined)) {
    return true;
  }
  if (categoryA === undefined || categoryB === undefined || categoryA !== categoryB) return false;
  return codeA === undefined || codeB === undefined || codeA === codeB;
}

function isHulpmiddel(el: JsonElement): boolean {
  return HULPMIDDELEN_CATEGORIES.has(text(el, 'Product', 'Categorie') ?? '');
}

export function overlappingProducts(
  siblings: readonly Located[],
  standard: StandardId,
  fields: OverlapFields,
  ignore: (el: JsonElement) => boolean = () => false,
): Violation[] {
  const found: Violation[] = [];
  siblings.forEach((current, index) => {
    if (ignore(current.el)) return;
    for (const earlier of siblings.slice(0, index)) {
      if (ignore(earlier.el) || !sameProduct(current.el, earlier.el)) continue;
      if (standard === 'iwmo' && (isHulpmiddel(current.el) || isHulpmiddel(earlier.el))) continue;
      const start = text(current.el, fields.start);
      const otherStart = text(earlier.el, fields.start);
      if (start === undefined || otherStart === undefined) continue;
      const period = { start, end: text(current.el, fields.end) };
      const otherPeriod = { start: otherStart, end: text(earlier.el, fields.end) };
      if (periodsOverlap(period, otherPeriod)) found.push(...at(earlier.path, current.path));
    }
  });
  return found;
}
