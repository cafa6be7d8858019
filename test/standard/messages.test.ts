/**
 * Proves that the message model (src/standard/messages/, retour.ts, packs.ts) agrees with the official
 * message XSDs, read from ../shared at test time. Both sides are expanded into the element tree an instance
 * document must follow (element names, namespaces, order, occurrences, simple types of the leaves, inline
 * facets); XSD type names of complex types are invisible in instances and are not compared.
 *
 * Where no official XSD exists (the iWmo retours and WMO325), the expected tree is the iJw one with the
 * iWmo namespaces and BerichtCode, minus the elements that the official heen pairs show to be iJw-only
 * (FACTS §1, §12).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ElementDecl, MessageSchema, StandardPack } from '../../src/standard/model.js';
import { allMessages, findMessage, findMessageByNamespace, packs } from '../../src/standard/packs.js';

const SHARED = fileURLToPath(new URL('../../../shared/istandaard/', import.meta.url));
const XS = 'http://www.w3.org/2001/XMLSchema';

/** One element as an instance document sees it. */
interface TreeNode {
  readonly name: string;
  readonly ns: string;
  readonly min: number;
  readonly max: number | 'unbounded';
  /** Simple type of a leaf (the base type of an inline restriction). */
  readonly type?: string;
  /** Facets of an inline restriction, as `pattern=436`. */
  readonly facets?: readonly string[];
  readonly children?: readonly TreeNode[];
}

type XmlNode = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------
// Official side
// ---------------------------------------------------------------------------------------------------------

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  // Every element as an array: a sequence with one child then looks like one with several.
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

interface OfficialSchema {
  readonly file: string;
  readonly targetNamespace: string;
  readonly prefixes: ReadonlyMap<string, string>;
  readonly complexTypes: ReadonlyMap<string, XmlNode>;
  readonly simpleTypes: ReadonlySet<string>;
  readonly elements: ReadonlyMap<string, XmlNode>;
}

function list(node: XmlNode, key: string): XmlNode[] {
  return (node[key] as XmlNode[] | undefined) ?? [];
}

function attr(node: XmlNode, name: string): string | undefined {
  return node[`@_${name}`] as string | undefined;
}

function loadSchema(file: string): OfficialSchema {
  const doc = parser.parse(readFileSync(file, 'utf8')) as XmlNode;
  const schema = list(doc, 'xs:schema')[0];
  if (!schema) throw new Error(`${file}: no xs:schema`);
  const prefixes = new Map<string, string>();
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('@_xmlns:')) prefixes.set(key.slice('@_xmlns:'.length), value as string);
  }
  // The expansion below reads `xs:` literally and assumes qualified local elements.
  if (prefixes.get('xs') !== XS) throw new Error(`${file}: xs is not the XML Schema namespace`);
  if (attr(schema, 'elementFormDefault') !== 'qualified') throw new Error(`${file}: elements not qualified`);
  const named = (key: string) => new Map(list(schema, key).map((n) => [attr(n, 'name') as string, n]));
  return {
    file,
    targetNamespace: attr(schema, 'targetNamespace') as string,
    prefixes,
    complexTypes: named('xs:complexType'),
    simpleTypes: new Set(named('xs:simpleType').keys()),
    elements: named('xs:element'),
  };
}

class OfficialSet {
  private readonly byNamespace = new Map<string, OfficialSchema>();
  constructor(readonly message: OfficialSchema) {
    const basis = loadSchema(path.join(path.dirname(message.file), 'basisschema.xsd'));
    this.byNamespace.set(message.targetNamespace, message);
    this.byNamespace.set(basis.targetNamespace, basis);
  }

  tree(): TreeNode {
    const bericht = this.message.elements.get('Bericht');
    if (!bericht) throw new Error(`${this.message.file}: no element Bericht`);
    return this.element(bericht, this.message);
  }

  private resolve(qname: string, context: OfficialSchema): { schema: OfficialSchema; local: string } {
    const [prefix, local] = qname.includes(':') ? qname.split(':') : ['', qname];
    const ns = context.prefixes.get(prefix as string);
    const schema = ns === undefined ? undefined : this.byNamespace.get(ns);
    if (!schema || !local) throw new Error(`${context.file}: cannot resolve type ${qname}`);
    return { schema, local };
  }

  private element(decl: XmlNode, context: OfficialSchema): TreeNode {
    const name = attr(decl, 'name') as string;
    const maxAttr = attr(decl, 'maxOccurs');
    const base = {
      name,
      ns: context.targetNamespace,
      min: Number(attr(decl, 'minOccurs') ?? '1'),
      max: maxAttr === 'unbounded' ? ('unbounded' as const) : Number(maxAttr ?? '1'),
    };
    const typeName = attr(decl, 'type');
    if (typeName !== undefined) {
      const { schema, local } = this.resolve(typeName, context);
      const complex = schema.complexTypes.get(local);
      if (complex) return { ...base, children: this.sequence(complex, schema, typeName) };
      if (schema.simpleTypes.has(local)) return { ...base, type: local };
      throw new Error(`${context.file}: type ${typeName} of ${name} not found`);
    }
    // An anonymous restriction of a basis type (BerichtCode, DeclaratieNummer).
    const restriction = list(list(decl, 'xs:simpleType')[0] ?? {}, 'xs:restriction')[0];
    if (!restriction) throw new Error(`${context.file}: element ${name} has neither type nor restriction`);
    const { schema, local } = this.resolve(attr(restriction, 'base') as string, context);
    if (!schema.simpleTypes.has(local))
      throw new Error(`${context.file}: ${name} restricts unknown ${local}`);
    const facets = Object.entries(restriction)
      .filter(([key]) => key.startsWith('xs:') && key !== 'xs:annotation')
      .flatMap(([key, nodes]) => (nodes as XmlNode[]).map((n) => `${key.slice(3)}=${attr(n, 'value')}`));
    return { ...base, type: local, facets };
  }

  private sequence(complex: XmlNode, schema: OfficialSchema, typeName: string): TreeNode[] {
    // Only xs:sequence of xs:element is modelled; any other construct must make the comparison fail.
    const unknown = Object.keys(complex).filter(
      (k) => !k.startsWith('@_') && k !== 'xs:annotation' && k !== 'xs:sequence',
    );
    const sequences = list(complex, 'xs:sequence');
    if (unknown.length > 0 || sequences.length !== 1) {
      throw new Error(`${schema.file}: ${typeName} uses unsupported content ${unknown.join(', ')}`);
    }
    const sequence = sequences[0] as XmlNode;
    const other = Object.keys(sequence).filter((k) => k !== 'xs:element' && k !== 'xs:annotation');
    if (other.length > 0) throw new Error(`${schema.file}: ${typeName} sequence holds ${other.join(', ')}`);
    return list(sequence, 'xs:element').map((e) => this.element(e, schema));
  }
}

function officialTree(file: string): TreeNode {
  return new OfficialSet(loadSchema(file)).tree();
}

// ---------------------------------------------------------------------------------------------------------
// Model side
// ---------------------------------------------------------------------------------------------------------

function modelTree(message: MessageSchema, pack: StandardPack): TreeNode {
  const node = (e: ElementDecl, ns: string, inMessage: boolean): TreeNode => {
    const base = { name: e.name, ns, min: e.min ?? 1, max: e.max ?? 1 };
    const cls = inMessage ? message.classes[e.type] : undefined;
    if (cls) return { ...base, children: cls.elements.map((c) => node(c, message.namespace, true)) };
    const complex = pack.complexTypes[e.type];
    if (complex)
      return { ...base, children: complex.elements.map((c) => node(c, message.basisNamespace, false)) };
    if (!pack.simpleTypes[e.type]) throw new Error(`${message.name}: unknown type ${e.type} of ${e.name}`);
    if (e.fixedPattern === undefined) return { ...base, type: e.type };
    // A MessageSchema is resolved for one standard; a pattern still depending on the standard is a bug.
    const pattern = typeof e.fixedPattern === 'string' ? e.fixedPattern : '<unresolved per-standard pattern>';
    return { ...base, type: e.type, facets: [`pattern=${pattern}`] };
  };
  return {
    name: 'Bericht',
    ns: message.namespace,
    min: 1,
    max: 1,
    children: message.root.elements.map((e) => node(e, message.namespace, true)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------------------

function describeNode(n: TreeNode): string {
  const occurs = `${n.min}..${n.max}`;
  const type = n.type === undefined ? '' : ` ${n.type}${n.facets?.length ? ` [${n.facets.join(', ')}]` : ''}`;
  return `{${n.ns}}${n.name} ${occurs}${type}`;
}

/** Every difference between the official tree and ours, each with the path where it occurs. */
function compareTrees(official: TreeNode, model: TreeNode, at = ''): string[] {
  const here = `${at}/${official.name}`;
  const diffs: string[] = [];
  const leaf = (n: TreeNode) => ({ ...n, children: undefined });
  if (describeNode(leaf(official)) !== describeNode(leaf(model))) {
    diffs.push(`${here}: official ${describeNode(official)}, model ${describeNode(model)}`);
  }
  const a = official.children ?? [];
  const b = model.children ?? [];
  if ((official.children === undefined) !== (model.children === undefined)) {
    diffs.push(`${here}: official is ${official.children ? 'complex' : 'simple'}, model is not`);
    return diffs;
  }
  const namesA = a.map((n) => n.name).join(', ');
  const namesB = b.map((n) => n.name).join(', ');
  if (namesA !== namesB) {
    diffs.push(`${here}: children differ: official [${namesA}], model [${namesB}]`);
    return diffs;
  }
  a.forEach((child, i) => diffs.push(...compareTrees(child, b[i] as TreeNode, here)));
  return diffs;
}

/** Paths of elements present in `withExtra` but not in `tree` (children matched by name). */
function extraPaths(withExtra: TreeNode, tree: TreeNode, at = ''): string[] {
  const here = `${at}/${withExtra.name}`;
  return (withExtra.children ?? []).flatMap((child) => {
    const counterpart = tree.children?.find((c) => c.name === child.name);
    return counterpart ? extraPaths(child, counterpart, here) : [`${here}/${child.name}`];
  });
}

function removePaths(tree: TreeNode, paths: readonly string[], at = ''): TreeNode {
  const here = `${at}/${tree.name}`;
  if (!tree.children) return tree;
  return {
    ...tree,
    children: tree.children
      .filter((c) => !paths.includes(`${here}/${c.name}`))
      .map((c) => removePaths(c, paths, here)),
  };
}

function mapTree(tree: TreeNode, f: (n: TreeNode, path: string) => TreeNode, at = ''): TreeNode {
  const here = `${at}/${tree.name}`;
  const mapped = f(tree, here);
  return mapped.children ? { ...mapped, children: mapped.children.map((c) => mapTree(c, f, here)) } : mapped;
}

// ---------------------------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------------------------

interface Cod002 {
  readonly values: readonly { readonly code: string; readonly message: string }[];
}
const cod002 = JSON.parse(readFileSync(path.join(SHARED, 'codelists/COD002.json'), 'utf8')) as Cod002;
const berichtCodeOf = (name: string): string | undefined =>
  cod002.values.find((v) => v.message === name)?.code;

/** FACTS §1 lists every message namespace, also those of the seven iWmo messages without an XSD. */
const factsNamespaces = new Map(
  [...readFileSync(path.join(SHARED, 'FACTS.md'), 'utf8').matchAll(/^((?:WMO|JW)3\d\d)\s+(http\S+)$/gm)].map(
    (m) => [m[1] as string, m[2] as string],
  ),
);

const HEEN = ['301', '305', '307', '315', '317', '319', '323', '325'];
const RETOUR_OF: Record<string, string> = {
  '302': '301',
  '306': '305',
  '308': '307',
  '316': '315',
  '318': '317',
  '320': '319',
};
const NUMBERS = [...HEEN, ...Object.keys(RETOUR_OF)].sort();

const xsdFile = (name: string): string =>
  path.join(SHARED, name.startsWith('JW') ? 'ijw-3.2' : 'iwmo-3.2', 'xsd', `${name}.xsd`);

function ourMessage(name: string): { message: MessageSchema; pack: StandardPack } {
  const message = findMessage(name);
  if (!message) throw new Error(`model has no ${name}`);
  return { message, pack: packs[message.standard] };
}

function ourTree(name: string): TreeNode {
  const { message, pack } = ourMessage(name);
  return modelTree(message, pack);
}

// ---------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------

describe('message catalogue', () => {
  it('reads the reference data', () => {
    expect(existsSync(SHARED), SHARED).toBe(true);
    expect(factsNamespaces.size).toBe(28);
    expect(cod002.values).toHaveLength(28);
  });

  it('has the 28 messages of release 3.2, named and namespaced as FACTS §1 lists them', () => {
    const ours = allMessages();
    expect(ours.map((m) => m.name).sort()).toEqual([...factsNamespaces.keys()].sort());
    for (const m of ours) expect(m.namespace, m.name).toBe(factsNamespaces.get(m.name));
    expect(ours.filter((m) => m.standard === 'iwmo')).toHaveLength(14);
    expect(ours.filter((m) => m.standard === 'ijw')).toHaveLength(14);
  });

  it('has the BerichtCodes of COD002', () => {
    const ours = allMessages().map((m) => [m.name, m.berichtCode]);
    const official = cod002.values.map((v) => [v.message, v.code]);
    expect(ours.sort()).toEqual(official.sort());
  });

  it('marks retours and links them to their heen message', () => {
    for (const m of allMessages()) {
      expect(m.isRetour, m.name).toBe(m.number in RETOUR_OF);
      expect(m.heen, m.name).toBe(RETOUR_OF[m.number]);
    }
  });

  it('finds messages by name and by namespace', () => {
    expect(findMessage('JW301')?.namespace).toBe('http://www.istandaarden.nl/ijw/3_2/jw301/schema');
    expect(findMessageByNamespace('http://www.istandaarden.nl/iwmo/3_2/wmo325/schema')?.name).toBe('WMO325');
    expect(findMessage('JW324')).toBeUndefined();
    expect(findMessageByNamespace('http://www.istandaarden.nl/ijw/3_2/jw324/schema')).toBeUndefined();
  });

  it('uses the basisschema namespace of its standard', () => {
    for (const pack of Object.values(packs)) {
      const expected = `http://www.istandaarden.nl/${pack.standard}/3_2/basisschema/schema`;
      expect(pack.basisNamespace).toBe(expected);
      for (const m of Object.values(pack.messages)) expect(m.basisNamespace, m.name).toBe(expected);
    }
  });
});

describe('messages agree with the official XSDs', () => {
  const withXsd = NUMBERS.flatMap((n) => [`JW${n}`, `WMO${n}`]).filter((name) => existsSync(xsdFile(name)));

  it('finds the 21 official message XSDs', () => {
    expect(withXsd).toHaveLength(21);
  });

  for (const name of withXsd) {
    it(`${name} has the official element tree`, () => {
      expect(compareTrees(officialTree(xsdFile(name)), ourTree(name))).toEqual([]);
    });
  }

  it('the comparison notices a changed occurrence, type, facet or child', () => {
    const official = officialTree(xsdFile('JW301'));
    const changes: ((n: TreeNode, p: string) => TreeNode)[] = [
      (n, p) => (p === '/Bericht/Client/Relaties' ? { ...n, min: 1 } : n),
      (n, p) => (p === '/Bericht/Client/Bsn' ? { ...n, type: 'LDT_Nummer' } : n),
      (n, p) => (p === '/Bericht/Header/BerichtCode' ? { ...n, facets: ['pattern=437'] } : n),
      (n, p) => (p === '/Bericht/Client' ? { ...n, children: n.children?.slice(1) } : n),
      (n, p) => (p === '/Bericht/Header/Afzender' ? { ...n, ns: 'urn:other' } : n),
    ];
    for (const change of changes) expect(compareTrees(official, mapTree(official, change))).not.toEqual([]);
  });
});

describe('iWmo messages without an official XSD follow the iJw ones', () => {
  /** The iJw-only elements per heen message, read from the official heen pairs. */
  const ijwOnly = new Map(
    HEEN.filter((n) => existsSync(xsdFile(`WMO${n}`))).map((n) => [
      n,
      extraPaths(officialTree(xsdFile(`JW${n}`)), officialTree(xsdFile(`WMO${n}`))),
    ]),
  );

  it('the official heen pairs differ only where FACTS §1 says', () => {
    expect(Object.fromEntries(ijwOnly)).toEqual({
      '301': [],
      '305': [],
      '307': [],
      '315': ['/Bericht/Client/GezagsdragerBekend'],
      '317': [],
      '319': ['/Bericht/Antwoord/Woonplaatsbeginsel'],
      '323': [],
    });
    // Nothing the other way round: iWmo has no elements of its own.
    for (const n of ijwOnly.keys()) {
      expect(extraPaths(officialTree(xsdFile(`WMO${n}`)), officialTree(xsdFile(`JW${n}`))), n).toEqual([]);
    }
  });

  for (const n of NUMBERS.filter((n) => !existsSync(xsdFile(`WMO${n}`)))) {
    it(`WMO${n} equals JW${n} apart from namespaces, BerichtCode and iJw-only elements`, () => {
      const jw = ourMessage(`JW${n}`).message;
      const wmo = ourMessage(`WMO${n}`).message;
      const code = berichtCodeOf(`WMO${n}`);
      const heen = RETOUR_OF[n];
      const namespaces = new Map([
        [jw.namespace, factsNamespaces.get(`WMO${n}`)],
        [jw.basisNamespace, wmo.basisNamespace],
      ]);
      const translated = mapTree(officialTree(xsdFile(`JW${n}`)), (node, p) => ({
        ...node,
        ns: namespaces.get(node.ns) ?? `<unexpected ${node.ns}>`,
        ...(p === '/Bericht/Header/BerichtCode' ? { facets: [`pattern=${code}`] } : {}),
      }));
      const expected = removePaths(translated, heen ? (ijwOnly.get(heen) ?? []) : []);
      expect(compareTrees(expected, ourTree(`WMO${n}`))).toEqual([]);
    });
  }
});
