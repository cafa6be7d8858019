/**
 * Walking the canonical JSON form of a message while keeping track of where one is, so a rule can say
 * where it failed in the official validation report's style: local element names from `/Bericht` down,
 * e.g. `/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Einddatum`.
 *
 * When an index is written: on every element that may repeat (maxOccurs unbounded), always, 1-based,
 * even when the message holds only one (`ToegewezenProduct[1]`). The canonical form makes such elements
 * arrays and nothing else, so "is an array" is exactly "may repeat". The official XSLT writes `[n]` only
 * when a second sibling of the same name is actually present; we index by the schema instead, so a
 * location does not change shape when a sibling is added, and a retour can address classes the same way
 * whatever the count.
 */
import type { JsonElement, JsonValue } from './types.js';

/** An element of the message and its location. */
export interface Located {
  readonly el: JsonElement;
  readonly path: string;
}

export const BERICHT_PATH = '/Bericht';

/**
 * A Located whose path is only spelled out when asked for: rules walk every class of every message but
 * need a location only for the few that fail, and building the strings was half the cost of a walk.
 */
class Step implements Located {
  private spelled: string | undefined;

  constructor(
    readonly el: JsonElement,
    private readonly parent: Located,
    private readonly name: string,
    /** 1-based position for an element that may repeat; 0 for one that may not. */
    private readonly position: number,
  ) {}

  get path(): string {
    if (this.spelled === undefined) {
      const index = this.position === 0 ? '' : `[${this.position}]`;
      this.spelled = `${this.parent.path}/${this.name}${index}`;
    }
    return this.spelled;
  }
}

export function atRoot(bericht: JsonElement): Located {
  return { el: bericht, path: BERICHT_PATH };
}

function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

function isElement(value: unknown): value is JsonElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The child elements called `name` (one, or each item of a repeated element); [] when absent. */
export function children(parent: Located, name: string): Located[] {
  const found: Located[] = [];
  pushChildren(parent, name, found);
  return found;
}

// Plain loops instead of flatMap/forEach: the walk runs for every rule on every message.
function pushChildren(parent: Located, name: string, into: Located[]): void {
  const value: unknown = parent.el[name];
  if (isList(value)) {
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      if (isElement(item)) into.push(new Step(item, parent, name, index + 1));
    }
  } else if (isElement(value)) {
    into.push(new Step(value, parent, name, 0));
  }
}

/** The first child element called `name`, for elements that occur at most once. */
export function child(parent: Located, name: string): Located | undefined {
  return children(parent, name)[0];
}

/** Every element reached by following `steps` from `from`, in document order (repeats are fanned out). */
export function descend(from: Located, ...steps: readonly string[]): Located[] {
  let current: Located[] = [from];
  for (const step of steps) {
    const next: Located[] = [];
    for (const node of current) pushChildren(node, step, next);
    if (next.length === 0) return next;
    current = next;
  }
  return current;
}

/** The location of a simple (leaf) element of `parent`; leaves the rules point at never repeat. */
export function leaf(parent: Located, name: string): string {
  return `${parent.path}/${name}`;
}

/**
 * The value of a simple child as a string (integers are written in decimal, as in the XML), or undefined
 * when absent. A nested path can be given: `text(el, 'Product', 'Code')`.
 */
export function text(el: JsonElement, ...names: readonly string[]): string | undefined {
  let value: JsonValue | undefined = el;
  for (const name of names) {
    if (!isElement(value)) return undefined;
    value = value[name];
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** The value of an integer child, or undefined when absent or not a number. */
export function int(el: JsonElement, ...names: readonly string[]): number | undefined {
  let value: JsonValue | undefined = el;
  for (const name of names) {
    if (!isElement(value)) return undefined;
    value = value[name];
  }
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

export function has(el: JsonElement, name: string): boolean {
  return el[name] !== undefined;
}

/**
 * The values of a repeated simple element (`RetourCode` under `RetourCodes`), whether the form holds
 * them as an array of strings or, defensively, as one string.
 */
export function values(el: JsonElement, name: string): string[] {
  const value: unknown = el[name];
  if (isList(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}
