/**
 * The mutation generator of the conformance test.
 *
 * A source document (official example or own valid fixture) is read into a plain element tree, each
 * element is matched to its declaration in the official XSD (so value mutations know the facets they
 * break), and a deterministic list of single-defect variants is produced. Mutations are applied to the
 * tree and serialized by hand, so every variant is well-formed XML: the schemas, not the parser, decide.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XmlCData, XmlElement, XmlText } from 'libxml2-wasm';
import { parseXml } from './validator.js';

// ---------------------------------------------------------------------------------------------------
// Plain tree

export interface XText {
  readonly kind: 'text';
  text: string;
}

export interface XAttr {
  ns: string;
  prefix: string;
  local: string;
  value: string;
}

export interface XElement {
  readonly kind: 'element';
  ns: string;
  prefix: string;
  local: string;
  /** Namespace declarations written on this element, [prefix, uri]; '' is the default namespace. */
  nsDecls: [string, string][];
  attrs: XAttr[];
  children: XNode[];
}

export type XNode = XText | XElement;

export function readTree(bytes: Uint8Array): XElement {
  const doc = parseXml(bytes);
  try {
    return fromLibxml(doc.root);
  } finally {
    doc.dispose();
  }
}

function fromLibxml(el: XmlElement): XElement {
  const children: XNode[] = [];
  for (let child = el.firstChild; child; child = child.next) {
    if (child instanceof XmlElement) children.push(fromLibxml(child));
    else if (child instanceof XmlText || child instanceof XmlCData)
      children.push({ kind: 'text', text: child.content });
    // Comments and processing instructions never affect schema validity, so they are dropped.
  }
  return {
    kind: 'element',
    ns: el.namespaceUri,
    prefix: el.prefix,
    local: el.name,
    nsDecls: Object.entries(el.nsDeclarations),
    attrs: el.attrs.map((attr) => ({
      ns: attr.namespaceUri,
      prefix: attr.prefix,
      local: attr.name,
      value: attr.value,
    })),
    children,
  };
}

export function elementChildren(el: XElement): XElement[] {
  return el.children.filter((child): child is XElement => child.kind === 'element');
}

export function textOf(el: XElement): string {
  return el.children.map((child) => (child.kind === 'text' ? child.text : '')).join('');
}

/**
 * Serializes with indentation. Whitespace-only text beside child elements is dropped (it is ignorable in
 * element-only content); text of leaf elements is written exactly. An element whose namespace is not
 * bound to its prefix in scope (after a namespace mutation) gets a fresh declaration.
 */
export function serialize(root: XElement): string {
  let fresh = 0;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];

  const bind = (
    scope: Map<string, string>,
    decls: [string, string][],
    prefix: string,
    ns: string,
  ): string => {
    if ((scope.get(prefix) ?? '') === ns) return prefix;
    if (ns === '') {
      // Only the default namespace can be undeclared.
      scope.set('', '');
      decls.push(['', '']);
      return '';
    }
    for (const [bound, uri] of scope) if (uri === ns && bound !== '') return bound;
    const made = `m${fresh++}`;
    scope.set(made, ns);
    decls.push([made, ns]);
    return made;
  };

  const write = (el: XElement, outer: Map<string, string>, depth: number): void => {
    const scope = new Map(outer);
    const decls: [string, string][] = [];
    for (const [prefix, uri] of el.nsDecls) {
      scope.set(prefix, uri);
      decls.push([prefix, uri]);
    }
    const prefix = bind(scope, decls, el.prefix, el.ns);
    const attrs = el.attrs.map((attr) => {
      const attrPrefix = attr.ns === '' ? '' : bind(scope, decls, attr.prefix || 'a', attr.ns);
      return ` ${qname(attrPrefix, attr.local)}="${escapeAttr(attr.value)}"`;
    });
    const name = qname(prefix, el.local);
    const nsText = decls.map(([p, uri]) => ` ${p === '' ? 'xmlns' : `xmlns:${p}`}="${escapeAttr(uri)}"`);
    const indent = '\t'.repeat(depth);
    out.push(`${indent}<${name}${nsText.join('')}${attrs.join('')}`);
    const elements = elementChildren(el);
    if (el.children.length === 0) {
      out.push('/>\n');
    } else if (elements.length === 0) {
      out.push(`>${escapeText(textOf(el))}</${name}>\n`);
    } else {
      out.push('>\n');
      for (const child of el.children) {
        if (child.kind === 'element') write(child, scope, depth + 1);
        else if (child.text.trim() !== '') out.push(escapeText(child.text));
      }
      out.push(`${indent}</${name}>\n`);
    }
  };

  write(root, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 0);
  return out.join('');
}

function qname(prefix: string, local: string): string {
  return prefix === '' ? local : `${prefix}:${local}`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

// ---------------------------------------------------------------------------------------------------
// What the official XSD declares (only the subset the iStandaard XSDs use: sequences of elements,
// simple types restricting xs:string/integer/date/time, named and anonymous)

const XS = 'http://www.w3.org/2001/XMLSchema';

export interface SimpleType {
  readonly base: 'string' | 'integer' | 'date' | 'time';
  /** Named types in the derivation chain, most derived first (e.g. LDT_ProductCategorie). */
  readonly typeNames: readonly string[];
  readonly patterns: readonly string[];
  readonly enumerations?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minInclusive?: bigint;
  readonly maxInclusive?: bigint;
}

export interface ElementDecl {
  readonly name: string;
  readonly ns: string;
  readonly minOccurs: number;
  readonly maxOccurs: number;
  readonly simple?: SimpleType;
  readonly children?: readonly ElementDecl[];
}

interface SchemaDoc {
  readonly targetNs: string;
  readonly root: XElement;
}

interface Named {
  readonly node: XElement;
  readonly schema: SchemaDoc;
}

/** The declaration of the root element `Bericht` of a message XSD, with its whole content model. */
export function loadRootDeclaration(messageXsdPath: string): ElementDecl {
  const message = readSchema(messageXsdPath);
  const schemas = [message];
  for (const imp of xsChildren(message.root, 'import')) {
    const location = attr(imp, 'schemaLocation');
    if (location) schemas.push(readSchema(path.join(path.dirname(messageXsdPath), location)));
  }
  const named = new Map<string, Named>();
  for (const schema of schemas) {
    for (const node of elementChildren(schema.root)) {
      const name = attr(node, 'name');
      if (name) named.set(`${node.local}|${schema.targetNs}|${name}`, { node, schema });
    }
  }
  const bericht = named.get(`element|${message.targetNs}|Bericht`);
  if (!bericht) throw new Error(`${messageXsdPath}: no global element Bericht`);
  return elementDecl(bericht.node, bericht.schema, named);
}

function readSchema(file: string): SchemaDoc {
  const root = readTree(readFileSync(file));
  return { targetNs: attr(root, 'targetNamespace') ?? '', root };
}

function attr(el: XElement, local: string): string | undefined {
  return el.attrs.find((a) => a.ns === '' && a.local === local)?.value;
}

function xsChildren(el: XElement, local: string): XElement[] {
  return elementChildren(el).filter((child) => child.ns === XS && child.local === local);
}

/** Resolves a QName attribute value with the declarations on xs:schema (the only place they are made). */
function resolveQName(schema: SchemaDoc, qnameValue: string): { ns: string; local: string } {
  const [prefix, local] = qnameValue.includes(':') ? qnameValue.split(':', 2) : ['', qnameValue];
  const ns = schema.root.nsDecls.find(([p]) => p === prefix)?.[1];
  if (ns === undefined || local === undefined) throw new Error(`unresolvable QName ${qnameValue}`);
  return { ns, local };
}

function elementDecl(node: XElement, schema: SchemaDoc, named: Map<string, Named>): ElementDecl {
  const name = attr(node, 'name');
  if (!name) throw new Error('element declarations by ref are not used by the iStandaard XSDs');
  const maxOccurs = attr(node, 'maxOccurs') ?? '1';
  const base = {
    name,
    ns: schema.targetNs,
    minOccurs: Number(attr(node, 'minOccurs') ?? '1'),
    maxOccurs: maxOccurs === 'unbounded' ? Infinity : Number(maxOccurs),
  };
  const typeRef = attr(node, 'type');
  if (typeRef) {
    const { ns, local } = resolveQName(schema, typeRef);
    if (ns === XS) return { ...base, simple: builtin(local) };
    const complex = named.get(`complexType|${ns}|${local}`);
    if (complex) return { ...base, children: complexChildren(complex.node, complex.schema, named) };
    return { ...base, simple: simpleType(namedSimple(ns, local, named), named) };
  }
  const [inlineSimple] = xsChildren(node, 'simpleType');
  if (inlineSimple) return { ...base, simple: simpleType({ node: inlineSimple, schema }, named) };
  const [inlineComplex] = xsChildren(node, 'complexType');
  if (inlineComplex) return { ...base, children: complexChildren(inlineComplex, schema, named) };
  throw new Error(`element ${name} has no type`);
}

function complexChildren(node: XElement, schema: SchemaDoc, named: Map<string, Named>): ElementDecl[] {
  const decls: ElementDecl[] = [];
  for (const part of elementChildren(node)) {
    if (part.ns !== XS || part.local === 'annotation' || part.local === 'attribute') continue;
    // Choices, groups and derived complex content would need real content-model handling; they are not
    // used by the iStandaard XSDs, so meeting one means this reader must be extended first.
    if (part.local !== 'sequence') throw new Error(`unsupported content model xs:${part.local}`);
    for (const item of elementChildren(part)) {
      if (item.ns !== XS || item.local === 'annotation') continue;
      if (item.local !== 'element') throw new Error(`unsupported particle xs:${item.local}`);
      decls.push(elementDecl(item, schema, named));
    }
  }
  return decls;
}

function namedSimple(ns: string, local: string, named: Map<string, Named>): Named {
  const found = named.get(`simpleType|${ns}|${local}`);
  if (!found) throw new Error(`unknown type {${ns}}${local}`);
  return found;
}

function builtin(local: string): SimpleType {
  if (local === 'string' || local === 'integer' || local === 'date' || local === 'time') {
    return { base: local, typeNames: [], patterns: [] };
  }
  throw new Error(`unsupported built-in type xs:${local}`);
}

function simpleType({ node, schema }: Named, named: Map<string, Named>): SimpleType {
  const [restriction] = xsChildren(node, 'restriction');
  const baseRef = restriction && attr(restriction, 'base');
  if (!restriction || !baseRef) throw new Error('only restriction simple types are used');
  const { ns, local } = resolveQName(schema, baseRef);
  const base = ns === XS ? builtin(local) : simpleType(namedSimple(ns, local, named), named);
  const facet = (name: string): string | undefined => {
    const [found] = xsChildren(restriction, name);
    return found && attr(found, 'value');
  };
  const enumerations = xsChildren(restriction, 'enumeration').map((e) => attr(e, 'value') ?? '');
  const minLength = facet('minLength');
  const maxLength = facet('maxLength');
  const minInclusive = facet('minInclusive');
  const maxInclusive = facet('maxInclusive');
  const name = attr(node, 'name');
  return {
    base: base.base,
    typeNames: name ? [name, ...base.typeNames] : base.typeNames,
    patterns: [...base.patterns, ...xsChildren(restriction, 'pattern').map((p) => attr(p, 'value') ?? '')],
    enumerations: enumerations.length > 0 ? enumerations : base.enumerations,
    minLength: minLength === undefined ? base.minLength : Number(minLength),
    maxLength: maxLength === undefined ? base.maxLength : Number(maxLength),
    minInclusive: minInclusive === undefined ? base.minInclusive : BigInt(minInclusive),
    maxInclusive: maxInclusive === undefined ? base.maxInclusive : BigInt(maxInclusive),
  };
}

// ---------------------------------------------------------------------------------------------------
// Matching a document to the declarations

export interface Site {
  /** Indexes into `children` from the root down to this element. */
  readonly path: readonly number[];
  /** Element names only (never values), e.g. Client/StartProducten/StartProduct[2]/Begindatum. */
  readonly label: string;
  readonly el: XElement;
  readonly decl?: ElementDecl;
}

export function sitesOf(root: XElement, rootDecl: ElementDecl | undefined): Site[] {
  const sites: Site[] = [];
  const visit = (el: XElement, sitePath: number[], label: string, decl: ElementDecl | undefined): void => {
    sites.push(decl ? { path: sitePath, label, el, decl } : { path: sitePath, label, el });
    const seen = new Map<string, number>();
    const total = new Map<string, number>();
    for (const child of elementChildren(el)) total.set(child.local, (total.get(child.local) ?? 0) + 1);
    el.children.forEach((child, index) => {
      if (child.kind !== 'element') return;
      const nth = (seen.get(child.local) ?? 0) + 1;
      seen.set(child.local, nth);
      const childLabel = `${label}/${child.local}${(total.get(child.local) ?? 0) > 1 ? `[${nth}]` : ''}`;
      const childDecl = decl?.children?.find((d) => d.name === child.local && d.ns === child.ns);
      visit(child, [...sitePath, index], childLabel, childDecl);
    });
  };
  const matches = rootDecl && root.local === rootDecl.name && root.ns === rootDecl.ns;
  visit(root, [], root.local, matches ? rootDecl : undefined);
  return sites;
}

export function elementAt(root: XElement, sitePath: readonly number[]): XElement {
  let el = root;
  for (const index of sitePath) {
    const child = el.children[index];
    if (!child || child.kind !== 'element') throw new Error('stale site path');
    el = child;
  }
  return el;
}

// ---------------------------------------------------------------------------------------------------
// Mutations

export const MUTATION_KINDS = [
  'element-removed',
  'element-duplicated',
  'siblings-swapped',
  'unknown-element',
  'out-of-pattern',
  'too-long',
  'too-short',
  'out-of-enumeration',
  'enumeration-sweep',
  'out-of-integer-range',
  'invalid-date',
  'wrong-namespace',
] as const;

export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  readonly kind: MutationKind;
  /** Names what was done where, without any value from the document. */
  readonly description: string;
  /** Named simple types of the element whose value was changed (empty for structural mutations). */
  readonly valueTypes: readonly string[];
  readonly build: () => XElement;
}

export interface MutationOptions {
  /** Namespace of the message (the one all its own elements are in). */
  readonly messageNs: string;
  readonly basisNs: string;
  /** Message namespaces the whole document is switched to, one mutation each. */
  readonly otherMessageNs: readonly string[];
  /** Seed for the choices (insert position, replacement values) that are not exhaustive. */
  readonly seed: string;
}

/** Every single-defect variant of `root`, in a fixed order. */
export function generateMutations(
  root: XElement,
  rootDecl: ElementDecl | undefined,
  options: MutationOptions,
): Mutation[] {
  const rng = seededRandom(options.seed);
  const mutations: Mutation[] = [];
  const add = (
    kind: MutationKind,
    site: Site,
    what: string,
    apply: (copy: XElement) => void,
    valueTypes: readonly string[] = [],
  ): void => {
    mutations.push({
      kind,
      description: `${what}: ${site.label}`,
      valueTypes,
      build: () => {
        const copy = structuredClone(root);
        apply(copy);
        return copy;
      },
    });
  };

  for (const site of sitesOf(root, rootDecl)) {
    const index = site.path.at(-1);
    const parentPath = site.path.slice(0, -1);
    if (index !== undefined) {
      add('element-removed', site, 'element removed', (copy) => {
        elementAt(copy, parentPath).children.splice(index, 1);
      });
      add('element-duplicated', site, 'element duplicated', (copy) => {
        const parent = elementAt(copy, parentPath);
        parent.children.splice(index + 1, 0, structuredClone(elementAt(copy, site.path)));
      });
      const parentEl = elementAt(root, parentPath);
      const nextIndex = parentEl.children.findIndex((child, i) => i > index && child.kind === 'element');
      const next = parentEl.children[nextIndex];
      // Swapping two equal names changes nothing the schema can see.
      if (next && next.kind === 'element' && next.local !== site.el.local) {
        add('siblings-swapped', site, `swapped with next sibling ${next.local}`, (copy) => {
          const children = elementAt(copy, parentPath).children;
          const [a, b] = [children[index], children[nextIndex]];
          if (!a || !b) throw new Error('stale site path');
          children[index] = b;
          children[nextIndex] = a;
        });
      }
      const otherNs = site.el.ns === options.messageNs ? options.basisNs : options.messageNs;
      const nsName = otherNs === options.basisNs ? 'basisschema' : 'message';
      add('wrong-namespace', site, `element moved into the ${nsName} namespace`, (copy) => {
        elementAt(copy, site.path).ns = otherNs;
      });
    }

    const elements = elementChildren(site.el);
    if (elements.length > 0) {
      const position = Math.floor(rng() * (elements.length + 1));
      const ns = rng() < 0.75 ? options.messageNs : options.basisNs;
      add('unknown-element', site, `unknown element inserted as child #${position + 1}`, (copy) => {
        const el = elementAt(copy, site.path);
        const before = elementChildren(el)[position];
        const unknown: XElement = {
          kind: 'element',
          ns,
          prefix: '',
          local: 'Onbekend',
          nsDecls: [],
          attrs: [],
          children: [{ kind: 'text', text: '1' }],
        };
        el.children.splice(before ? el.children.indexOf(before) : el.children.length, 0, unknown);
      });
    } else if (site.decl?.simple) {
      const simple = site.decl.simple;
      for (const change of valueChanges(simple, textOf(site.el), rng)) {
        add(
          change.kind,
          site,
          change.what,
          (copy) => {
            elementAt(copy, site.path).children = [{ kind: 'text', text: change.value }];
          },
          simple.typeNames,
        );
      }
    }
  }

  const rootSite: Site = { path: [], label: root.local, el: root };
  for (const otherNs of options.otherMessageNs) {
    const other = otherNs.replace(/^.*\/3_2\/([a-z]+\d+)\/schema$/, '$1');
    add('wrong-namespace', rootSite, `message namespace changed to ${other}`, (copy) => {
      renameNamespace(copy, options.messageNs, otherNs);
    });
  }
  return mutations;
}

/**
 * Every code of the enumeration's code space (all same-length strings over its alphabet when that space is
 * small, else each code and its neighbours), set on the first element of each enumerated type not swept
 * yet. Catches a code missing from or added to the project's list, which one random outsider would miss.
 * `swept` carries the types already done across sources (keyed by the caller, e.g. per standard).
 */
export function enumerationSweep(
  root: XElement,
  rootDecl: ElementDecl | undefined,
  swept: Set<string>,
  sweepKey: string,
): Mutation[] {
  const mutations: Mutation[] = [];
  for (const site of sitesOf(root, rootDecl)) {
    const type = site.decl?.simple;
    if (!type?.enumerations || elementChildren(site.el).length > 0) continue;
    const key = `${sweepKey}|${type.typeNames.join('>')}|${type.enumerations.join(',')}`;
    if (swept.has(key)) continue;
    swept.add(key);
    for (const code of codeSpace(type.enumerations)) {
      mutations.push({
        kind: 'enumeration-sweep',
        // The code is generated by the sweep, not read from the document.
        description: `code ${code} of ${type.typeNames[0] ?? 'anonymous type'}: ${site.label}`,
        valueTypes: type.typeNames,
        build: () => {
          const copy = structuredClone(root);
          elementAt(copy, site.path).children = [{ kind: 'text', text: code }];
          return copy;
        },
      });
    }
  }
  return mutations;
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function codeSpace(values: readonly string[]): string[] {
  const length = values[0]?.length ?? 1;
  const joined = values.join('');
  const alphabet = /^[0-9]*$/.test(joined) ? DIGITS : /^[A-Z]*$/.test(joined) ? LETTERS : DIGITS + LETTERS;
  if (values.some((v) => v.length !== length) || alphabet.length ** length > 1000) {
    const near = new Set<string>();
    for (const value of values) {
      const last = alphabet.indexOf(value.at(-1) ?? '');
      for (const step of [-1, 0, 1]) {
        const char = alphabet[last + step];
        if (char !== undefined) near.add(value.slice(0, -1) + char);
      }
    }
    return [...near].sort();
  }
  let codes = [''];
  for (let i = 0; i < length; i++)
    codes = codes.flatMap((prefix) => [...alphabet].map((char) => prefix + char));
  return codes;
}

/** Replaces a namespace URI everywhere: on elements, attributes and in declarations. */
export function renameNamespace(el: XElement, from: string, to: string): void {
  if (el.ns === from) el.ns = to;
  for (const a of el.attrs) if (a.ns === from) a.ns = to;
  el.nsDecls = el.nsDecls.map(([prefix, uri]) => [prefix, uri === from ? to : uri]);
  for (const child of elementChildren(el)) renameNamespace(child, from, to);
}

interface ValueChange {
  readonly kind: MutationKind;
  readonly what: string;
  readonly value: string;
}

/** Values that each break one facet of the element's type; judged by the validators, not assumed. */
function valueChanges(type: SimpleType, value: string, rng: () => number): ValueChange[] {
  const changes: ValueChange[] = [];
  const broken = breakPattern(type, value);
  if (broken !== undefined)
    changes.push({ kind: 'out-of-pattern', what: 'value out of pattern', value: broken });

  const fixed = fixedPatternLength(type);
  const longest = type.maxLength ?? fixed;
  if (longest !== undefined) {
    changes.push({
      kind: 'too-long',
      what: 'value one longer than allowed',
      value: padTo(value, longest + 1),
    });
  }
  if (type.base === 'string') {
    changes.push({ kind: 'too-short', what: 'value emptied', value: '' });
    if (fixed !== undefined && fixed > 1) {
      changes.push({
        kind: 'too-short',
        what: 'value one shorter than the pattern',
        value: padTo(value, fixed - 1),
      });
    }
  }
  if (type.enumerations) {
    changes.push({
      kind: 'out-of-enumeration',
      what: 'value out of enumeration',
      value: outsideEnumeration(type.enumerations, rng),
    });
  }
  if (type.base === 'integer') {
    if (type.maxInclusive !== undefined) {
      changes.push({
        kind: 'out-of-integer-range',
        what: 'integer above maxInclusive',
        value: String(type.maxInclusive + 1n),
      });
    }
    if (type.minInclusive !== undefined) {
      changes.push({
        kind: 'out-of-integer-range',
        what: 'integer below minInclusive',
        value: String(type.minInclusive - 1n),
      });
    }
  }
  if (type.base === 'date') {
    const year = /^\d{4}/.exec(value)?.[0] ?? '2023';
    const day = pick(['-02-30', '-13-01', '-04-31', '-00-10', '-06-00'], rng);
    changes.push({ kind: 'invalid-date', what: 'impossible calendar date', value: `${year}${day}` });
  }
  if (type.base === 'time') {
    changes.push({
      kind: 'invalid-date',
      what: 'impossible time of day',
      value: pick(['25:00:00', '12:60:00', '12:00:61'], rng),
    });
  }
  return changes;
}

/** A value of the right shape that violates the type's pattern, where the pattern is one we recognise. */
function breakPattern(type: SimpleType, value: string): string | undefined {
  // The iStandaard date/time patterns forbid a time zone, which xs:date itself would allow.
  if (type.base === 'date' || type.base === 'time') return `${value}Z`;
  // A literal pattern (BerichtCode 438, BerichtVersie 3) is broken by another literal of the same shape.
  const literal = type.patterns.find((pattern) => /^[0-9]+$/.test(pattern));
  if (literal !== undefined) return `${literal.slice(0, -1)}${literal.endsWith('9') ? '8' : '9'}`;
  if (type.base === 'integer') return `${value}.5`;
  if (type.enumerations) return undefined;
  for (const pattern of type.patterns) {
    if (pattern.includes('[0-9]')) return `A${value.slice(1)}`;
    if (pattern.includes('a-zA-Z')) return `1${value.slice(1)}`;
    if (pattern.startsWith('(0|[1-9]')) return `0${value}`;
  }
  if (type.patterns.some((pattern) => pattern.includes('\\s') || pattern.includes('\\S'))) {
    return ' '.repeat(Math.max(1, Math.min(value.length, type.maxLength ?? value.length)));
  }
  return undefined;
}

/** n for a pattern like [0-9]{n}. */
function fixedPatternLength(type: SimpleType): number | undefined {
  for (const pattern of type.patterns) {
    const match = /^\[[^\]]+\]\{(\d+)\}$/.exec(pattern);
    if (match?.[1]) return Number(match[1]);
  }
  return undefined;
}

/** Same character class as the value: digits stay digits, so only the length is wrong. */
function padTo(value: string, length: number): string {
  if (value.length >= length) return value.slice(0, length);
  const filler = /^[0-9]*$/.test(value) ? '9' : 'x';
  return value + filler.repeat(length - value.length);
}

function outsideEnumeration(values: readonly string[], rng: () => number): string {
  const length = values[0]?.length ?? 1;
  const alphabet = values.every((v) => /^[0-9]+$/.test(v)) ? '0123456789' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let attempt = 0; attempt < 200; attempt++) {
    let candidate = '';
    for (let i = 0; i < length; i++) candidate += alphabet[Math.floor(rng() * alphabet.length)] ?? '';
    if (!values.includes(candidate)) return candidate;
  }
  throw new Error('could not find a value outside the enumeration');
}

function pick<T>(items: readonly T[], rng: () => number): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from empty list');
  return item;
}

/** mulberry32 seeded with a string hash: same seed, same mutation set, on every run and machine. */
export function seededRandom(seed: string): () => number {
  let state = 2166136261;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 16777619);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
