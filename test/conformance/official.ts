/**
 * Where the conformance test finds things: the read-only official reference set next to the repository,
 * the project's generated schemas and the project's own fixtures; plus the 28-message catalogue.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  elementChildren,
  loadRootDeclaration,
  textOf,
  type ElementDecl,
  type SimpleType,
  type XElement,
} from './mutate.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The reference data lives beside the checkout (`<root>/../shared/istandaard`), never inside it. */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared/istandaard/', import.meta.url));
export const PROJECT_SCHEMAS_DIR = path.join(REPO_ROOT, 'schemas');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'fixtures');

/**
 * Debug switch only, unset in CI. CONFORMANCE_OURS=official points "ours" at the official XSDs, so the
 * mutation generator can be exercised (trivially 100 % agreement) before the project's schemas exist;
 * CONFORMANCE_OURS=<dir> uses another directory laid out like `schemas/`. Unset, the test compares
 * `schemas/` and fails when files are missing.
 */
const OURS_SWITCH = process.env.CONFORMANCE_OURS;
export const OURS_IS_OFFICIAL = OURS_SWITCH === 'official';
const OURS_DIR = OURS_SWITCH && !OURS_IS_OFFICIAL ? path.resolve(OURS_SWITCH) : PROJECT_SCHEMAS_DIR;

export type Standard = 'iwmo' | 'ijw';

export interface MessageInfo {
  /** e.g. WMO301, JW325 */
  readonly name: string;
  readonly standard: Standard;
  readonly number: (typeof MESSAGE_NUMBERS)[number];
  /** e.g. iwmo-3.2 */
  readonly folder: string;
  readonly namespace: string;
  readonly basisNamespace: string;
  readonly berichtCode: string;
}

export const MESSAGE_NUMBERS = [
  '301',
  '302',
  '305',
  '306',
  '307',
  '308',
  '315',
  '316',
  '317',
  '318',
  '319',
  '320',
  '323',
  '325',
] as const;

const PREFIX: Record<Standard, string> = { iwmo: 'WMO', ijw: 'JW' };

/** BerichtCode per message number (FACTS.md §1; COD002). Needed to map a message across standards. */
export const BERICHT_CODES: Record<(typeof MESSAGE_NUMBERS)[number], Record<Standard, string>> = {
  '301': { iwmo: '414', ijw: '436' },
  '302': { iwmo: '415', ijw: '437' },
  '305': { iwmo: '418', ijw: '438' },
  '306': { iwmo: '419', ijw: '439' },
  '307': { iwmo: '420', ijw: '440' },
  '308': { iwmo: '421', ijw: '441' },
  '315': { iwmo: '444', ijw: '446' },
  '316': { iwmo: '445', ijw: '447' },
  '317': { iwmo: '480', ijw: '486' },
  '318': { iwmo: '481', ijw: '487' },
  '319': { iwmo: '482', ijw: '488' },
  '320': { iwmo: '483', ijw: '489' },
  '323': { iwmo: '484', ijw: '490' },
  '325': { iwmo: '485', ijw: '491' },
};

export function basisNamespace(standard: Standard): string {
  return `http://www.istandaarden.nl/${standard}/3_2/basisschema/schema`;
}

function messageInfo(standard: Standard, number: (typeof MESSAGE_NUMBERS)[number]): MessageInfo {
  const code = standard === 'iwmo' ? 'wmo' : 'jw';
  return {
    name: `${PREFIX[standard]}${number}`,
    standard,
    number,
    folder: `${standard}-3.2`,
    namespace: `http://www.istandaarden.nl/${standard}/3_2/${code}${number}/schema`,
    basisNamespace: basisNamespace(standard),
    berichtCode: BERICHT_CODES[number][standard],
  };
}

export const MESSAGES: readonly MessageInfo[] = (['iwmo', 'ijw'] as const).flatMap((standard) =>
  MESSAGE_NUMBERS.map((number) => messageInfo(standard, number)),
);

export function messageByName(name: string): MessageInfo | undefined {
  return MESSAGES.find((message) => message.name === name);
}

export function messageByNamespace(namespace: string): MessageInfo | undefined {
  return MESSAGES.find((message) => message.namespace === namespace);
}

/** The same message number in the other standard (WMO302 <-> JW302). */
export function counterpart(message: MessageInfo): MessageInfo {
  const other = messageByName(`${PREFIX[message.standard === 'iwmo' ? 'ijw' : 'iwmo']}${message.number}`);
  if (!other) throw new Error(`no counterpart for ${message.name}`);
  return other;
}

export function officialSchemaPath(message: MessageInfo): string {
  return path.join(SHARED_DIR, message.folder, 'xsd', `${message.name}.xsd`);
}

export function hasOfficialSchema(message: MessageInfo): boolean {
  return existsSync(officialSchemaPath(message));
}

export function officialExamplePath(message: MessageInfo): string {
  return path.join(SHARED_DIR, message.folder, 'examples', `${message.name}.xml`);
}

/** The project's schema for a message (or, under the debug switch, the official one). */
export function oursSchemaPath(message: MessageInfo): string {
  if (OURS_IS_OFFICIAL) return officialSchemaPath(message);
  return path.join(OURS_DIR, message.folder, `${message.name}.xsd`);
}

/** All *.xml files below a directory (sorted, so the mutation set is the same on every run). */
export function xmlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.xml'))
    .map((name) => path.join(dir, name))
    .sort();
}

// ---------------------------------------------------------------------------------------------------
// Cross-standard mapping (for the iWmo messages that have no official XSD, compared via their iJw twin)

/** Elements that exist in iJw only (FACTS.md §1): JW315/316 GezagsdragerBekend, JW319/320 Woonplaatsbeginsel. */
export const JW_ONLY_ELEMENTS: ReadonlySet<string> = new Set(['GezagsdragerBekend', 'Woonplaatsbeginsel']);

/** The two code lists whose enumerations differ between the standards, by the elements that carry them. */
const CODE_LIST_ELEMENTS: Record<string, CodeListName> = {
  Categorie: 'LDT_ProductCategorie',
  ProductCategorie: 'LDT_ProductCategorie',
  RedenBeeindiging: 'LDT_RedenBeeindiging',
};

export const DIFFERING_CODE_LISTS = ['LDT_ProductCategorie', 'LDT_RedenBeeindiging'] as const;
export type CodeListName = (typeof DIFFERING_CODE_LISTS)[number];
export type CodeLists = Record<CodeListName, Record<Standard, readonly string[]>>;

/** Reads both standards' enumerations of the differing code lists from the official XSDs. */
export function loadCodeLists(): CodeLists {
  const enumerationOf = (standard: Standard, typeName: CodeListName): readonly string[] => {
    // 307 uses both types (StopProduct/Product/Categorie and RedenBeeindiging) and has an official XSD in both.
    const message = MESSAGES.find((m) => m.standard === standard && m.number === '307');
    if (!message) throw new Error('unreachable: 307 is in the catalogue');
    const found = findSimpleType(loadRootDeclaration(officialSchemaPath(message)), typeName)?.enumerations;
    if (!found) throw new Error(`${message.name}.xsd: no enumeration for ${typeName}`);
    return found;
  };
  const both = (typeName: CodeListName): Record<Standard, readonly string[]> => ({
    iwmo: enumerationOf('iwmo', typeName),
    ijw: enumerationOf('ijw', typeName),
  });
  return {
    LDT_ProductCategorie: both('LDT_ProductCategorie'),
    LDT_RedenBeeindiging: both('LDT_RedenBeeindiging'),
  };
}

function findSimpleType(decl: ElementDecl, typeName: string): SimpleType | undefined {
  if (decl.simple?.typeNames.includes(typeName)) return decl.simple;
  for (const child of decl.children ?? []) {
    const found = findSimpleType(child, typeName);
    if (found) return found;
  }
  return undefined;
}

/** Removes the iJw-only elements (all optional), so a JW document has an iWmo twin with the same verdict. */
export function stripJwOnlyElements(el: XElement): void {
  el.children = el.children.filter((child) => child.kind !== 'element' || !JW_ONLY_ELEMENTS.has(child.local));
  for (const child of elementChildren(el)) stripJwOnlyElements(child);
}

/**
 * Rewrites a document of one standard into the other (in place), swapping iWmo and iJw namespaces,
 * BerichtCodes and the values of the two differing code lists. A code valid in the source list becomes a valid code of the target
 * list; a code invalid in the source stays invalid in the target, so verdicts carry over.
 */
export function mapToStandard(root: XElement, target: Standard, codeLists: CodeLists): void {
  const source: Standard = target === 'iwmo' ? 'ijw' : 'iwmo';
  const namespaces = new Map<string, string>([[basisNamespace(source), basisNamespace(target)]]);
  const codes = new Map<string, string>();
  // A swap rather than a one-way rename: a document already (wrongly) in the target standard's namespace
  // must land in the source's, or two different documents would map to the same twin.
  namespaces.set(basisNamespace(target), basisNamespace(source));
  for (const message of MESSAGES) {
    namespaces.set(message.namespace, counterpart(message).namespace);
    codes.set(message.berichtCode, counterpart(message).berichtCode);
  }
  const header = elementChildren(root).find((el) => el.local === 'Header');
  const berichtCode = header && elementChildren(header).find((el) => el.local === 'BerichtCode');
  const visit = (el: XElement): void => {
    el.ns = namespaces.get(el.ns) ?? el.ns;
    el.nsDecls = el.nsDecls.map(([prefix, uri]) => [prefix, namespaces.get(uri) ?? uri]);
    const list = CODE_LIST_ELEMENTS[el.local];
    if (list) setText(el, mapCode(textOf(el), codeLists[list][source], codeLists[list][target]));
    if (el === berichtCode) setText(el, codes.get(textOf(el)) ?? textOf(el));
    for (const child of elementChildren(el)) visit(child);
  };
  visit(root);
}

function setText(el: XElement, text: string): void {
  if (elementChildren(el).length === 0) el.children = [{ kind: 'text', text }];
}

function mapCode(value: string, from: readonly string[], to: readonly string[]): string {
  const index = from.indexOf(value);
  if (index >= 0) return to[index % to.length] ?? value;
  if (!to.includes(value)) return value;
  // Invalid in the source but valid in the target: replace by a code neither list has.
  for (let n = 0; n < 100; n++) {
    const candidate = String(n).padStart(2, '0');
    if (!from.includes(candidate) && !to.includes(candidate)) return candidate;
  }
  throw new Error('no code outside both lists');
}
