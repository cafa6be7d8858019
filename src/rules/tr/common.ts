/**
 * What the TR rules share: the rule shape they all have (level 2, retourcode 0001), the message's
 * Dagtekening and the way a rule reports places.
 */
import type { StandardId } from '../../standard/model.js';
import type { JsonElement, RuleDef, Violation } from '../types.js';
import { atRoot, child, leaf, text, type Located } from '../walk.js';

/** WJ001 0001 "Bericht is afgekeurd om technische redenen": every level-2 finding rejects the message. */
export const TECHNICAL_REJECTION = '0001';

export const BOTH_STANDARDS: readonly StandardId[] = ['iwmo', 'ijw'];

/** Hulpmiddelen (rolstoelen, vervoer-, woonvoorzieningen, overige): iWmo categories that may overlap. */
export const HULPMIDDELEN_CATEGORIES: ReadonlySet<string> = new Set(['11', '12', '13', '14']);

export type TrRuleSpec = Omit<RuleDef, 'kind' | 'level' | 'retourcode'>;

export function trRule(spec: TrRuleSpec): RuleDef {
  return { kind: 'TR', level: 2, retourcode: TECHNICAL_REJECTION, ...spec };
}

/** The header's Dagtekening (Header/BerichtIdentificatie/Dagtekening) with its location. */
export interface DatedField {
  readonly value: string;
  readonly path: string;
}

export function dagtekening(bericht: JsonElement): DatedField | undefined {
  const header = child(atRoot(bericht), 'Header');
  const identificatie = header && child(header, 'BerichtIdentificatie');
  const value = identificatie && text(identificatie.el, 'Dagtekening');
  return identificatie && value !== undefined
    ? { value, path: leaf(identificatie, 'Dagtekening') }
    : undefined;
}

/** A simple element read from its parent; its location is spelled out only when a rule reports it. */
class Field implements DatedField {
  constructor(
    readonly value: string,
    private readonly parent: Located,
    private readonly name: string,
  ) {}

  get path(): string {
    return leaf(this.parent, this.name);
  }
}

/** A simple child of `parent` with its location, or undefined when absent. */
export function field(parent: Located, name: string): DatedField | undefined {
  const value = text(parent.el, name);
  return value === undefined ? undefined : new Field(value, parent, name);
}

/** One violation per location, in the order given (the official report lists them in document order). */
export function at(...locations: readonly string[]): Violation[] {
  return locations.map((location) => ({ location }));
}
