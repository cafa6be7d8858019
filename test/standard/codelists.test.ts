/**
 * Proves that the project's code lists (src/standard/codelists/*.json) carry exactly the values the official
 * basisschema.xsd of each standard enumerates, read from ../shared at test time, with the official meanings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { basisSimpleTypes } from '../../src/standard/basis.js';
import { codeLists, codeListsFor } from '../../src/standard/codelists.js';
import { STANDARDS, type StandardId } from '../../src/standard/model.js';

const SHARED = new URL('../../../shared/istandaard/', import.meta.url);
const PROJECT_CODELISTS = new URL('../../src/standard/codelists/', import.meta.url);

/** Lists no XSD enumerates, carried for the rules: berichtcodes and CBS gemeentecodes (TR378). */
const NOT_ENUMERATED = ['CBS_Gemeentecodes', 'COD002'];

type XmlNode = Record<string, unknown>;

interface OfficialEnumeration {
  readonly value: string;
  readonly documentation: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  // Enumeration values must reach the test exactly as written.
  trimValues: false,
  isArray: (name) => ['xs:simpleType', 'xs:enumeration', 'xs:pattern'].includes(name),
});

function readXsd(standard: StandardId, file: string): XmlNode {
  const xml = readFileSync(new URL(`${standard}-3.2/xsd/${file}`, SHARED), 'utf8');
  return (parser.parse(xml) as XmlNode)['xs:schema'] as XmlNode;
}

/** Every LDT_ type of the official basisschema, with its enumeration (empty when it has none). */
function officialEnumerations(standard: StandardId): Map<string, OfficialEnumeration[]> {
  const result = new Map<string, OfficialEnumeration[]>();
  for (const t of readXsd(standard, 'basisschema.xsd')['xs:simpleType'] as XmlNode[]) {
    const restriction = t['xs:restriction'] as XmlNode;
    const enumeration = ((restriction['xs:enumeration'] ?? []) as XmlNode[]).map((e) => {
      const doc = ((e['xs:annotation'] as XmlNode | undefined)?.['xs:documentation'] ?? '') as string;
      return { value: e['@_value'] as string, documentation: doc.trim() };
    });
    result.set(t['@_name'] as string, enumeration);
  }
  return result;
}

const official = { iwmo: officialEnumerations('iwmo'), ijw: officialEnumerations('ijw') };

/** Which standards use each code list, according to the model. */
function standardsUsing(code: string): StandardId[] {
  return STANDARDS.filter((s) => codeListsFor(s)[code] !== undefined);
}

for (const standard of STANDARDS) {
  describe(`code lists of ${standard}`, () => {
    const simpleTypes = basisSimpleTypes(standard);
    const lists = codeListsFor(standard);
    const enumerated = [...official[standard]].filter(([, values]) => values.length > 0);

    it('the official file has the expected enumerated types (sanity check of the reader)', () => {
      expect(enumerated.length).toBe(23);
    });

    for (const [typeName, values] of enumerated) {
      it(`${typeName}: the code list has exactly the official enumeration values, in order`, () => {
        const listCode = simpleTypes[typeName]?.codeList;
        expect(listCode, `${typeName} has no code list in the model`).toBeTypeOf('string');
        const list = lists[listCode as string];
        expect(list, `${listCode} is not among codeListsFor('${standard}')`).toBeDefined();
        expect(list?.values.map((v) => v.code)).toEqual(values.map((v) => v.value));
      });

      it(`${typeName}: meanings are the official documentation texts`, () => {
        const list = lists[simpleTypes[typeName]?.codeList as string];
        if (!list) throw new Error(`${typeName}: no code list`);
        // A list shared by both standards carries the iWmo wording; a list of one standard carries its own.
        const owner = standardsUsing(list.code).length === 1 ? standard : 'iwmo';
        const texts = official[owner].get(typeName)?.map((v) => v.documentation);
        expect(list.values.map((v) => v.meaning)).toEqual(texts);
      });
    }

    it('codeListsFor returns exactly the lists its enumerated types refer to', () => {
      const referenced = enumerated.map(([typeName]) => simpleTypes[typeName]?.codeList);
      expect(Object.keys(lists).sort()).toEqual([...new Set(referenced)].sort());
    });
  });
}

describe('the two standards', () => {
  it('use different code lists for ProductCategorie and RedenBeeindiging, with different values', () => {
    for (const typeName of ['LDT_ProductCategorie', 'LDT_RedenBeeindiging']) {
      const iwmo = basisSimpleTypes('iwmo')[typeName]?.codeList;
      const ijw = basisSimpleTypes('ijw')[typeName]?.codeList;
      expect(iwmo).not.toBe(ijw);
      expect(official.iwmo.get(typeName)?.map((v) => v.value)).not.toEqual(
        official.ijw.get(typeName)?.map((v) => v.value),
      );
    }
  });

  it('share every other list, except RedenWijziging whose per-standard lists have equal values', () => {
    const iwmo = basisSimpleTypes('iwmo');
    const ijw = basisSimpleTypes('ijw');
    const differing = Object.keys(iwmo).filter((name) => iwmo[name]?.codeList !== ijw[name]?.codeList);
    expect(differing.sort()).toEqual(['LDT_ProductCategorie', 'LDT_RedenBeeindiging', 'LDT_RedenWijziging']);
    expect(codeLists.WMO002?.values.map((v) => v.code)).toEqual(codeLists.JZ002?.values.map((v) => v.code));
  });
});

describe('code list files', () => {
  it('every JSON file in src/standard/codelists is loaded, keyed by its own code', () => {
    const files = readdirSync(PROJECT_CODELISTS)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length));
    expect(Object.keys(codeLists).sort()).toEqual(files.sort());
    for (const [key, list] of Object.entries(codeLists)) expect(list.code).toBe(key);
  });

  it('every list is used by a standard or is one of the lists no XSD enumerates', () => {
    const used = new Set(STANDARDS.flatMap((s) => Object.keys(codeListsFor(s))));
    const unused = Object.keys(codeLists).filter((code) => !used.has(code));
    expect(unused.sort()).toEqual(NOT_ENUMERATED);
  });

  for (const list of Object.values(codeLists)) {
    it(`${list.code}: has a name, unique codes and a meaning for every code`, () => {
      expect(list.name.trim()).not.toBe('');
      expect(list.values.length).toBeGreaterThan(0);
      const codes = list.values.map((v) => v.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const v of list.values) {
        expect(v.meaning.trim(), `${list.code} ${v.code}`).not.toBe('');
        expect(v.meaning).toBe(v.meaning.trim());
      }
    });
  }
});

describe('lists no XSD enumerates', () => {
  it('COD002 holds the BerichtCode that each official message XSD fixes', () => {
    const byCode = new Map(codeLists.COD002?.values.map((v) => [v.code, v.meaning]));
    let checked = 0;
    for (const standard of STANDARDS) {
      const dir = new URL(`${standard}-3.2/xsd/`, SHARED);
      for (const file of readdirSync(dir).filter((f) => f !== 'basisschema.xsd' && f.endsWith('.xsd'))) {
        const xml = readFileSync(new URL(file, dir), 'utf8');
        const match = /<xs:element name="BerichtCode">[\s\S]*?<xs:pattern value="([^"]*)"/.exec(xml);
        expect(match, `${file} has no fixed BerichtCode`).not.toBeNull();
        const code = match?.[1] as string;
        const message = file.slice(0, -'.xsd'.length);
        expect(byCode.get(code), `${message} BerichtCode ${code}`).toMatch(new RegExp(`^${message} `));
        checked++;
      }
    }
    expect(checked).toBe(21);
    // 14 messages in each standard, each with its own code.
    expect(byCode.size).toBe(28);
  });

  it('CBS_Gemeentecodes codes satisfy the official LDT_Gemeente pattern', () => {
    for (const standard of STANDARDS) {
      const gemeente = (readXsd(standard, 'basisschema.xsd')['xs:simpleType'] as XmlNode[]).find(
        (t) => t['@_name'] === 'LDT_Gemeente',
      );
      const patterns = (((gemeente?.['xs:restriction'] as XmlNode)['xs:pattern'] ?? []) as XmlNode[]).map(
        (p) => p['@_value'] as string,
      );
      expect(patterns).toEqual(['[0-9]{4}']);
      // XSD patterns match the whole value; this one has no XSD-only syntax, so it works as a JS RegExp.
      const whole = new RegExp(`^(?:${patterns[0]})$`);
      for (const v of codeLists.CBS_Gemeentecodes?.values ?? []) expect(v.code).toMatch(whole);
    }
    expect(codeLists.CBS_Gemeentecodes?.values.length).toBe(342);
  });
});
