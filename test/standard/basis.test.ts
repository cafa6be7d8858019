/**
 * Proves that the model's basisschema (src/standard/basis.ts) agrees with the official basisschema.xsd of
 * each standard, read from ../shared at test time: same LDT_ types with the same base and facets, same CDT_
 * types with the same children, order and occurrences, and nothing the official files do not have.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { basisComplexTypes, basisSimpleTypes } from '../../src/standard/basis.js';
import { STANDARDS, type StandardId } from '../../src/standard/model.js';

const SHARED = new URL('../../../shared/istandaard/', import.meta.url);

/** Facets the model can express; anything else in an official restriction must make the test fail. */
const KNOWN_RESTRICTION_KEYS = new Set([
  '@_base',
  '#text',
  'xs:annotation',
  'xs:minLength',
  'xs:maxLength',
  'xs:minInclusive',
  'xs:maxInclusive',
  'xs:pattern',
  'xs:enumeration',
]);

type XmlNode = Record<string, unknown>;

interface OfficialSimpleType {
  readonly name: string;
  readonly base: string;
  readonly documentation: string | undefined;
  readonly minLength: number | undefined;
  readonly maxLength: number | undefined;
  readonly minInclusive: number | undefined;
  readonly maxInclusive: number | undefined;
  readonly patterns: string[];
  readonly enumeration: string[];
  readonly unknownKeys: string[];
}

interface OfficialChild {
  readonly name: string;
  readonly type: string;
  readonly min: number;
  readonly max: number | 'unbounded';
}

interface OfficialComplexType {
  readonly name: string;
  readonly documentation: string | undefined;
  readonly children: OfficialChild[];
  readonly unknownKeys: string[];
}

function documentationOf(node: XmlNode): string | undefined {
  const annotation = node['xs:annotation'] as XmlNode | undefined;
  const doc = annotation?.['xs:documentation'];
  if (doc === undefined) return undefined;
  // With mixed whitespace the parser may wrap text in an object; the official files hold plain text here.
  return (typeof doc === 'string' ? doc : String((doc as XmlNode)['#text'] ?? '')).trim();
}

function facetNumber(restriction: XmlNode, facet: string): number | undefined {
  const node = restriction[`xs:${facet}`] as XmlNode | undefined;
  return node === undefined ? undefined : Number(node['@_value']);
}

function readOfficialBasisschema(standard: StandardId): {
  simple: Map<string, OfficialSimpleType>;
  complex: Map<string, OfficialComplexType>;
  prefix: string;
} {
  const xml = readFileSync(new URL(`${standard}-3.2/xsd/basisschema.xsd`, SHARED), 'utf8');
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    // Attribute values (patterns) must reach the test byte-exact; trimming would hide a stray space.
    trimValues: false,
    isArray: (name) =>
      ['xs:simpleType', 'xs:complexType', 'xs:element', 'xs:pattern', 'xs:enumeration'].includes(name),
  });
  const schema = (parser.parse(xml) as XmlNode)['xs:schema'] as XmlNode;

  // The prefix bound to the target namespace: type references in the file use it.
  const targetNamespace = schema['@_targetNamespace'];
  const prefixAttr = Object.keys(schema).find(
    (k) => k.startsWith('@_xmlns:') && schema[k] === targetNamespace,
  );
  if (!prefixAttr) throw new Error('basisschema has no prefix for its target namespace');
  const prefix = prefixAttr.slice('@_xmlns:'.length);

  const simple = new Map<string, OfficialSimpleType>();
  for (const t of (schema['xs:simpleType'] ?? []) as XmlNode[]) {
    const restriction = t['xs:restriction'] as XmlNode;
    simple.set(t['@_name'] as string, {
      name: t['@_name'] as string,
      base: restriction['@_base'] as string,
      documentation: documentationOf(t),
      minLength: facetNumber(restriction, 'minLength'),
      maxLength: facetNumber(restriction, 'maxLength'),
      minInclusive: facetNumber(restriction, 'minInclusive'),
      maxInclusive: facetNumber(restriction, 'maxInclusive'),
      patterns: ((restriction['xs:pattern'] ?? []) as XmlNode[]).map((p) => p['@_value'] as string),
      enumeration: ((restriction['xs:enumeration'] ?? []) as XmlNode[]).map((e) => e['@_value'] as string),
      unknownKeys: [
        ...Object.keys(t).filter((k) => !['@_name', '#text', 'xs:annotation', 'xs:restriction'].includes(k)),
        ...Object.keys(restriction).filter((k) => !KNOWN_RESTRICTION_KEYS.has(k)),
      ],
    });
  }

  const complex = new Map<string, OfficialComplexType>();
  for (const t of (schema['xs:complexType'] ?? []) as XmlNode[]) {
    const sequence = t['xs:sequence'] as XmlNode;
    const children = ((sequence['xs:element'] ?? []) as XmlNode[]).map((e) => {
      const unknown = Object.keys(e).filter(
        (k) => !['@_name', '@_type', '@_minOccurs', '@_maxOccurs', '#text', 'xs:annotation'].includes(k),
      );
      if (unknown.length > 0)
        throw new Error(`${t['@_name']}/${e['@_name']}: unexpected ${unknown.join(', ')}`);
      const maxOccurs = (e['@_maxOccurs'] as string | undefined) ?? '1';
      return {
        name: e['@_name'] as string,
        type: e['@_type'] as string,
        min: Number((e['@_minOccurs'] as string | undefined) ?? '1'),
        max: maxOccurs === 'unbounded' ? ('unbounded' as const) : Number(maxOccurs),
      };
    });
    complex.set(t['@_name'] as string, {
      name: t['@_name'] as string,
      documentation: documentationOf(t),
      children,
      unknownKeys: [
        ...Object.keys(t).filter((k) => !['@_name', '#text', 'xs:annotation', 'xs:sequence'].includes(k)),
        ...Object.keys(sequence).filter((k) => !['#text', 'xs:element'].includes(k)),
      ],
    });
  }

  const unexpected = Object.keys(schema).filter(
    (k) => !k.startsWith('@_') && !['#text', 'xs:annotation', 'xs:simpleType', 'xs:complexType'].includes(k),
  );
  if (unexpected.length > 0) throw new Error(`basisschema ${standard}: unexpected ${unexpected.join(', ')}`);
  return { simple, complex, prefix };
}

for (const standard of STANDARDS) {
  describe(`basisschema ${standard}`, () => {
    const official = readOfficialBasisschema(standard);
    const simpleTypes = basisSimpleTypes(standard);
    const complexTypes = basisComplexTypes(standard);

    it('the official file is the one expected (sanity check of the reader)', () => {
      expect(official.simple.size).toBe(60);
      expect(official.complex.size).toBe(19);
      expect(official.prefix).toBe(standard);
    });

    it('has exactly the official LDT_ simple types', () => {
      expect(Object.keys(simpleTypes).sort()).toEqual([...official.simple.keys()].sort());
    });

    it('has exactly the official CDT_ complex types', () => {
      expect(Object.keys(complexTypes).sort()).toEqual([...official.complex.keys()].sort());
    });

    it('keys every type by its own name', () => {
      for (const [key, t] of Object.entries(simpleTypes)) expect(t.name).toBe(key);
      for (const [key, t] of Object.entries(complexTypes)) expect(t.name).toBe(key);
    });

    for (const o of official.simple.values()) {
      it(`${o.name}: same base and facets as the official type`, () => {
        const m = simpleTypes[o.name];
        expect(m, `${o.name} is missing from the model`).toBeDefined();
        if (!m) return;
        expect(o.unknownKeys, 'official type uses a construct the model cannot express').toEqual([]);
        expect(m.kind).toBe('simple');
        expect(`xs:${m.base}`).toBe(o.base);
        // Byte-exact: the generator writes these strings back into our XSDs.
        expect(m.patterns ?? []).toEqual(o.patterns);
        expect(m.minLength).toBe(o.minLength);
        expect(m.maxLength).toBe(o.maxLength);
        expect(m.minInclusive).toBe(o.minInclusive);
        expect(m.maxInclusive).toBe(o.maxInclusive);
        // An enumeration is carried as a code list reference; its values are checked in codelists.test.ts.
        if (o.enumeration.length > 0)
          expect(m.codeList, 'enumerated type needs a code list').toBeTypeOf('string');
        else expect(m.codeList).toBeUndefined();
        expect(m.documentation).toBe(o.documentation);
      });
    }

    for (const o of official.complex.values()) {
      it(`${o.name}: same children, order and occurrences as the official type`, () => {
        const m = complexTypes[o.name];
        expect(m, `${o.name} is missing from the model`).toBeDefined();
        if (!m) return;
        expect(o.unknownKeys, 'official type uses a construct the model cannot express').toEqual([]);
        expect(m.kind).toBe('complex');
        const modelChildren = m.elements.map((e) => ({
          name: e.name,
          type: `${official.prefix}:${e.type}`,
          min: e.min ?? 1,
          max: e.max ?? 1,
        }));
        expect(modelChildren).toEqual(o.children);
        for (const e of m.elements) {
          expect(e.only, 'basisschema types are the same in both standards').toBeUndefined();
          expect(e.fixedPattern).toBeUndefined();
        }
        expect(m.documentation).toBe(o.documentation);
      });
    }

    it('every child of a CDT_ type refers to a type of the same basisschema', () => {
      for (const t of Object.values(complexTypes)) {
        for (const e of t.elements) {
          expect(simpleTypes[e.type] ?? complexTypes[e.type], `${t.name}/${e.name}: ${e.type}`).toBeDefined();
        }
      }
    });
  });
}

describe('basisschema differences between iWmo and iJw', () => {
  it('the model differs between the standards only where the official files do', () => {
    const official = { iwmo: readOfficialBasisschema('iwmo'), ijw: readOfficialBasisschema('ijw') };
    const officialDiff = [...official.iwmo.simple.values()]
      .filter((t) => JSON.stringify(t) !== JSON.stringify(official.ijw.simple.get(t.name)))
      .map((t) => t.name);
    expect(officialDiff.sort()).toEqual(['LDT_ProductCategorie', 'LDT_RedenBeeindiging']);

    const iwmo = basisSimpleTypes('iwmo');
    const ijw = basisSimpleTypes('ijw');
    const modelDiff = Object.keys(iwmo).filter(
      (name) => JSON.stringify(iwmo[name]) !== JSON.stringify(ijw[name]),
    );
    // LDT_RedenWijziging names a list of its own standard (WMO002 / JZ002); the values are the same, which
    // codelists.test.ts proves against both official files.
    expect(modelDiff.sort()).toEqual(['LDT_ProductCategorie', 'LDT_RedenBeeindiging', 'LDT_RedenWijziging']);
    expect(JSON.stringify(basisComplexTypes('iwmo'))).toBe(JSON.stringify(basisComplexTypes('ijw')));
  });
});
