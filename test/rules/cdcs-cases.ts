/**
 * The vocabulary of the CD/CS rule test cases (cdcs-failing.ts, cdcs-passing.ts): a case is an edit of a
 * minimal valid message (cdcs-builders.ts); locations are written as src/rules/walk.ts writes them. Every
 * case runs for each standard its rule applies to, unless it names its standards.
 */
import type { StandardId } from '../../src/standard/model.js';
import { adres, at, relatie, type BuiltMessage, type Node, type Value } from './cdcs-builders.js';

export interface Case {
  readonly rule: string;
  readonly message: BuiltMessage;
  readonly title: string;
  /** Default: every standard the rule applies to. */
  readonly standards?: readonly StandardId[];
  readonly edit: (bericht: Node, standard: StandardId) => void;
}

export interface FailingCase extends Case {
  /** The locations the rule reports, in document order. */
  readonly locations: readonly string[];
  /**
   * Rules that necessarily fail together with this one. Only CD077 and CD078: the official XSLT tests the
   * same condition (Omvang and Budget both present) under both codes, so neither can fail alone.
   */
  readonly together?: Readonly<Record<string, readonly string[]>>;
}

export const TP = '/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]';
export const AP = '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]';
export const TW = '/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]';
export const NP = '/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct[1]';
export const C1 = '/Bericht/Client/Contactgegevens/Contact[1]';
export const C2 = '/Bericht/Client/Contactgegevens/Contact[2]';
export const R1 = '/Bericht/Client/Relaties/Relatie[1]';
export const P323 = '/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]';
export const P325 = '/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[1]';

export const tp = (b: Node): Node => at(b, 'Client.ToegewezenProducten.ToegewezenProduct.0');
export const ap = (b: Node): Node => at(b, 'Client.AangevraagdeProducten.AangevraagdProduct.0');
export const tw = (b: Node): Node => at(b, 'Client.Verzoek.TeWijzigenProducten.TeWijzigenProduct.0');
export const np = (b: Node): Node => at(b, 'Client.Verzoek.NieuweProducten.NieuwProduct.0');
export const contact1 = (b: Node): Node => at(b, 'Client.Contactgegevens.Contact.0');
export const p323 = (b: Node): Node => at(b, 'Declaratie.Clienten.Client.0.Prestaties.Prestatie.0');
export const p325 = (b: Node): Node => at(b, 'DeclaratieAntwoord.Clienten.Client.0.Prestaties.Prestatie.0');
export const verwijzer = (b: Node): Node => at(ap(b), 'Verwijzer');

/** Sets `key` on `node` just before `before`, keeping the XSD order of the keys (the form's promise). */
export function put(node: Node, key: string, value: Value, before: string): void {
  const entries = Object.entries(node).filter(([name]) => name !== key);
  const index = entries.findIndex(([name]) => name === before);
  entries.splice(index < 0 ? entries.length : index, 0, [key, value]);
  for (const name of Object.keys(node)) delete node[name];
  Object.assign(node, Object.fromEntries(entries));
}

/** Adds one Relatie to the 301's client and returns it for editing. */
export function addRelatie(b: Node): Node {
  const added = relatie();
  put(at(b, 'Client'), 'Relaties', { Relatie: [added] }, 'Contactgegevens');
  return added;
}

/** Adds a second Contact (Soort 04, tijdelijk verblijfadres) to the 301's Contactgegevens. */
export function addTijdelijkAdres(b: Node, periode: Node): void {
  const list = at(b, 'Client.Contactgegevens').Contact as Node[];
  list.push({ Soort: '04', Adres: adres(), Periode: periode });
}

/** Where Budget goes in a product class: before Verwijzer (AangevraagdProduct) or Commentaar, else last. */
export function addBudget(node: Node): void {
  put(node, 'Budget', 150000, 'Verwijzer' in node ? 'Verwijzer' : 'Commentaar');
}

/** A product class made into a budget: no Omvang (and so no Code, CD041), a Budget instead. */
export function toBudget(node: Node): void {
  delete node.Omvang;
  if (typeof node.Product === 'object') delete (node.Product as Node).Code;
  addBudget(node);
}
