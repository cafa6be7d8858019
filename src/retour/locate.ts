/**
 * Places level-3/4 findings on the classes of the heen message. A finding's location is resolved on the
 * message itself (so a typo or a stale index fails loudly instead of silently giving a class 0200) and
 * normalised to the one spelling the body copy uses: `[n]` on every element that may repeat, never on
 * one that may not — the same convention as the rule engine's locations (src/rules/walk.ts).
 */
import type {
  ComplexType,
  ElementDecl,
  MessageClass,
  MessageSchema,
  StandardPack,
} from '../standard/model.js';
import type { JsonElement } from '../xml/json-form.js';
import { RetourInputError } from './errors.js';
import type { RetourFinding } from './types.js';

export const BERICHT = '/Bericht';
export const HEADER = '/Bericht/Header';

/** General verdicts the builder writes itself (WJ001); a rule never yields these. */
const GENERAL_CODES: ReadonlySet<string> = new Set(['0001', '0200', '0233', '8001']);

/** The findings sorted onto the Header and onto berichtklassen (by normalised path). */
export interface PlacedFindings {
  /** Distinct codes on the Header, in the order given. */
  readonly header: readonly string[];
  /** Normalised berichtklasse path -> its distinct codes, in the order given. */
  readonly classes: ReadonlyMap<string, readonly string[]>;
}

interface Step {
  readonly name: string;
  readonly index?: number;
}

const STEP = /^([A-Za-z][A-Za-z0-9]*)(?:\[([1-9][0-9]{0,8})\])?$/;

function parseLocation(location: string): Step[] {
  const parts = location.split('/');
  // A leading '/' yields an empty first part; the first step must be the root element.
  if (parts[0] !== '' || parts[1] !== 'Bericht' || parts.length < 3) {
    throw new RetourInputError('malformed-location', `Locatie ${location} begint niet met /Bericht/…`);
  }
  return parts.slice(2).map((part) => {
    const match = STEP.exec(part);
    if (!match) throw new RetourInputError('malformed-location', `Locatie ${location} is geen XPath-pad`);
    const [, name = '', index] = match;
    return index === undefined ? { name } : { name, index: Number(index) };
  });
}

function isElement(value: unknown): value is JsonElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The normalised path of the berichtklasse a location belongs to, or HEADER. Walks model and message
 * together: the model says which element may repeat and which is a (bericht)klasse, the message whether
 * the element is there.
 */
export function ownerOf(
  location: string,
  message: MessageSchema,
  pack: StandardPack,
  bericht: JsonElement,
): string {
  const unknown = (why: string): RetourInputError =>
    new RetourInputError('unknown-location', `Locatie ${location} bestaat niet in ${message.name}: ${why}`);
  let type: MessageClass | ComplexType | undefined = message.root;
  let value: JsonElement | undefined = bericht;
  let path = BERICHT;
  let owner: string | undefined;
  for (const step of parseLocation(location)) {
    if (type === undefined || value === undefined) throw unknown(`${path} heeft geen kindelementen`);
    const decl: ElementDecl | undefined = type.elements.find((e) => e.name === step.name);
    if (decl === undefined) throw unknown(`${step.name} hoort niet in ${path}`);
    const raw = value[step.name];
    if (raw === undefined) throw unknown(`${path}/${step.name} ontbreekt in het bericht`);
    let item: unknown;
    if (decl.max === 'unbounded') {
      const index = step.index ?? 1;
      item = Array.isArray(raw) ? raw[index - 1] : undefined;
      if (item === undefined) throw unknown(`${path}/${step.name}[${index}] ontbreekt in het bericht`);
      path += `/${step.name}[${index}]`;
    } else {
      if (step.index !== undefined && step.index !== 1) throw unknown(`${step.name} komt maar één keer voor`);
      item = raw;
      path += `/${step.name}`;
    }
    const cls: MessageClass | undefined = message.classes[decl.type];
    if (cls?.berichtklasse || path === HEADER) owner = path;
    type = cls ?? pack.complexTypes[decl.type];
    value = isElement(item) ? item : undefined;
  }
  // Every body class is a berichtklasse, so only a location that stops at /Bericht itself has no owner.
  if (owner === undefined) throw unknown('geen berichtklasse');
  return owner;
}

function pushDistinct(list: string[], code: string): void {
  if (!list.includes(code)) list.push(code);
}

/** Checks every finding's retourcode and location and sorts the codes onto Header and classes. */
export function placeFindings(
  findings: readonly RetourFinding[],
  message: MessageSchema,
  pack: StandardPack,
  bericht: JsonElement,
): PlacedFindings {
  const known = new Set(pack.codeLists.WJ001?.values.map((v) => v.code));
  const header: string[] = [];
  const classes = new Map<string, string[]>();
  for (const finding of findings) {
    if (GENERAL_CODES.has(finding.retourcode)) {
      throw new RetourInputError(
        'general-retourcode',
        `Retourcode ${finding.retourcode} is een algemene code die de retourbouwer zelf invult, geen uitkomst van een regel`,
      );
    }
    if (!known.has(finding.retourcode)) {
      throw new RetourInputError(
        'unknown-retourcode',
        `Retourcode ${finding.retourcode} staat niet in WJ001`,
      );
    }
    const owner = ownerOf(finding.location, message, pack, bericht);
    if (owner === HEADER) {
      pushDistinct(header, finding.retourcode);
    } else {
      const codes = classes.get(owner) ?? [];
      pushDistinct(codes, finding.retourcode);
      classes.set(owner, codes);
    }
  }
  return { header, classes };
}
