/**
 * The body of a retour rejected on classes (IV028, level 3/4): the heen body class (Client, or Antwoord
 * for a 319) copied unchanged with its whole subtree, every berichtklasse closed by a RetourCodes:
 *
 * - the codes of the findings placed on it;
 * - else 0233 "niet beoordeeld" when a berichtklasse above it was rejected: a class under a rejected class
 *   is not assessed on its own. IV028 defines 0233 without saying when; IV087 spells out exactly this for
 *   the 325 (a rejected Client's Prestaties get 0233), and we apply the same rule to every retour;
 * - else 0200 "geen opmerking", as Client and AangevraagdProduct[2] in example JW316.xml.
 */
import type { MessageClass, MessageSchema } from '../standard/model.js';
import { RETOUR_CODES } from '../standard/retour.js';
import type { JsonElement } from '../xml/json-form.js';
import { retourCodes } from './header.js';

export const NO_REMARKS = '0200';
export const NOT_ASSESSED = '0233';

function isElement(value: unknown): value is JsonElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Copies `el` (an instance of `cls` in the heen message at normalised `path`) into the retour's shape.
 * Walks the retour's classes: they are the heen classes plus the RetourCodes of each berichtklasse.
 */
export function copyClass(
  el: JsonElement,
  cls: MessageClass,
  path: string,
  retour: MessageSchema,
  codes: ReadonlyMap<string, readonly string[]>,
  parentRejected: boolean,
): JsonElement {
  const own = cls.berichtklasse ? codes.get(path) : undefined;
  const rejected = parentRejected || own !== undefined;
  const out: JsonElement = {};
  for (const decl of cls.elements) {
    if (decl.name === RETOUR_CODES) {
      out[RETOUR_CODES] = retourCodes(own ?? [parentRejected ? NOT_ASSESSED : NO_REMARKS]);
      continue;
    }
    const value = el[decl.name];
    if (value === undefined) continue;
    const child = retour.classes[decl.type];
    if (child === undefined) {
      // A simple value or a basisschema type: copied as it is.
      out[decl.name] = structuredClone(value);
    } else if (Array.isArray(value)) {
      out[decl.name] = value
        .filter(isElement)
        .map((item, i) => copyClass(item, child, `${path}/${decl.name}[${i + 1}]`, retour, codes, rejected));
    } else if (isElement(value)) {
      out[decl.name] = copyClass(value, child, `${path}/${decl.name}`, retour, codes, rejected);
    }
  }
  return out;
}
