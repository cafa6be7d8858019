/**
 * XML <-> canonical JSON: lossless round trip over every official example and every valid fixture, the
 * shape of the JSON (arrays where unbounded, integers where the standard counts, strings with their leading
 * zeros), and the typed errors of toJson on documents that do not fit the model.
 *
 * "Equal after canonicalisation" means: both documents are rewritten by `canonicalForm` below, which
 *   1. drops whitespace-only text between elements (element-only content: indentation is insignificant),
 *   2. trims leading/trailing XML whitespace of xs:date, xs:time and xs:integer values (their XSD
 *      whiteSpace facet is `collapse`, so the XSD ignores it) and writes xs:integer values in their XSD
 *      canonical form (`007` -> `7`, `+5` -> `5`); xs:string values are left byte for byte,
 *   3. drops comments and processing instructions and writes every element with a fixed prefix per
 *      namespace (`m:` message, `b:` basisschema), so a different prefix choice is no difference,
 * and the result is then put through libxml2's Canonical XML 1.0 (`canonicalizeToString()`, without
 * comments). Element names, namespaces, order, nesting and every string value are compared exactly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { XmlDocument, XmlElement, XmlText, XmlCData } from 'libxml2-wasm';
import { safeParse } from '../../src/xml/safe-parse.js';
import { identify } from '../../src/xml/identify.js';
import { toJson, XmlToJsonError } from '../../src/xml/to-json.js';
import { escapeText, fromJson } from '../../src/xml/from-json.js';
import { jsonKind, type CanonicalMessage, type JsonElement } from '../../src/xml/json-form.js';
import { packs } from '../../src/standard/packs.js';
import type { ElementDecl, MessageSchema, SimpleType, StandardPack } from '../../src/standard/model.js';
import { XsdValidatorCache } from '../../src/xml/xsd-validator.js';
import { FIXTURES_DIR } from '../../src/paths.js';
import { officialExamples, SHARED } from '../support/paths.js';

/** JW318.xml as published is XSD-invalid: a RetourCode directly under Verzoek (FACTS §12). It has no JSON form. */
const XSD_INVALID_EXAMPLE = 'JW318.xml';

function validFixtures(): string[] {
  if (!existsSync(FIXTURES_DIR)) return [];
  return readdirSync(FIXTURES_DIR)
    .map((folder) => path.join(FIXTURES_DIR, folder, 'valid'))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.xml'))
        .sort()
        .map((f) => path.join(dir, f)),
    );
}

const xsd = new XsdValidatorCache();
afterAll(() => xsd.dispose());

interface Converted {
  readonly message: MessageSchema;
  readonly pack: StandardPack;
  readonly json: CanonicalMessage;
}

function convert(bytes: Uint8Array): Converted {
  const doc = safeParse(bytes);
  try {
    const message = identify(doc);
    if (!message) throw new Error('not a known message');
    const pack = packs[message.standard];
    return { message, pack, json: toJson(bytes, message, pack) };
  } finally {
    doc.dispose();
  }
}

function xmlOf(json: unknown): string {
  const result = fromJson(json);
  if ('issues' in result) throw new Error(`fromJson: ${JSON.stringify(result.issues, null, 2)}`);
  return result.xml;
}

/**
 * The declared simple type of every leaf, looked up in the model independently of json-form.ts, so the
 * integer normalisation of the comparison cannot inherit a mistake of the converter's own tables.
 */
function declaredTypes(
  message: MessageSchema,
  pack: StandardPack,
): (pathNames: readonly string[]) => SimpleType | undefined {
  return (names) => {
    let elements: readonly ElementDecl[] = message.root.elements;
    let found: SimpleType | undefined;
    for (const name of names.slice(1)) {
      const decl = elements.find((e) => e.name === name && (!e.only || e.only === message.standard));
      if (!decl) return undefined;
      const next = message.classes[decl.type] ?? pack.complexTypes[decl.type];
      found = next ? undefined : pack.simpleTypes[decl.type];
      elements = next?.elements ?? [];
    }
    return found;
  };
}

function canonicalForm(bytes: Uint8Array | string): string {
  const doc = safeParse(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  try {
    const message = identify(doc);
    if (!message) throw new Error('not a known message');
    const typeOf = declaredTypes(message, packs[message.standard]);
    const prefixes = new Map([
      [message.namespace, 'm'],
      [message.basisNamespace, 'b'],
    ]);
    const out: string[] = [];
    const write = (el: XmlElement, names: string[]): void => {
      const prefix = prefixes.get(el.namespaceUri);
      if (!prefix) throw new Error(`unexpected namespace ${el.namespaceUri}`);
      const tag = `${prefix}:${el.name}`;
      const attrs =
        names.length === 1 ? ` xmlns:m="${message.namespace}" xmlns:b="${message.basisNamespace}"` : '';
      out.push(`<${tag}${attrs}>`);
      const elements: XmlElement[] = [];
      let text = '';
      // Through XPath, not firstChild/next: libxml2-wasm 0.7's processing-instruction node has no `next`,
      // so a sibling walk stops at the first PI.
      for (const n of el.find('*|text()')) {
        if (n instanceof XmlElement) elements.push(n);
        else if (n instanceof XmlText || n instanceof XmlCData) text += n.content;
      }
      if (elements.length > 0) {
        expect(text.trim(), `text beside elements in ${names.join('/')}`).toBe('');
        for (const child of elements) write(child, [...names, child.name]);
      } else {
        const type = typeOf(names);
        if (type && type.base !== 'string') text = text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
        if (type?.base === 'integer') text = BigInt(text).toString();
        out.push(escapeText(text));
      }
      out.push(`</${tag}>`);
    };
    write(doc.root, [doc.root.name]);
    const rebuilt = XmlDocument.fromString(out.join(''));
    try {
      return rebuilt.canonicalizeToString();
    } finally {
      rebuilt.dispose();
    }
  } finally {
    doc.dispose();
  }
}

/** Official XSD of a message, where the reference set has one (no WMO retours, no WMO325). */
function officialXsd(message: MessageSchema): string | undefined {
  const file = path.join(SHARED, `${message.standard}-3.2`, 'xsd', `${message.name}.xsd`);
  return existsSync(file) ? file : undefined;
}

describe('XML -> JSON -> XML is lossless', () => {
  const files = [
    ...officialExamples().filter((f) => path.basename(f) !== XSD_INVALID_EXAMPLE),
    ...validFixtures(),
  ];

  it('covers the 20 XSD-valid official examples (and whatever valid fixtures exist)', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of files) {
    it(path.relative(path.join(SHARED, '..'), file), () => {
      const bytes = readFileSync(file);
      const { message, json } = convert(bytes);
      // Through text, as a back-office would receive it.
      const xml = xmlOf(JSON.parse(JSON.stringify(json)));
      expect(canonicalForm(xml)).toBe(canonicalForm(bytes));

      const schema = officialXsd(message);
      if (schema) {
        const doc = safeParse(Buffer.from(xml, 'utf8'));
        try {
          expect(xsd.validate(doc, schema).errors).toEqual([]);
        } finally {
          doc.dispose();
        }
      }
      // The XML we write converts back to the same JSON: the JSON form is a fixed point.
      expect(convert(Buffer.from(xml, 'utf8')).json).toEqual(json);
    });
  }

  it('the comparison sees real differences and ignores only what it should', () => {
    const base = canonicalForm(jw301Xml);
    expect(canonicalForm(jw301Xml.replace('>999900006<', '>099900006<'))).not.toBe(base);
    expect(canonicalForm(jw301Xml.replace('>Commentaar client<', '> Commentaar client<'))).not.toBe(base);
    expect(canonicalForm(jw301Xml.replace('<ijw:Voorvoegsel>de</ijw:Voorvoegsel>', ''))).not.toBe(base);
    expect(canonicalForm(jw301Xml.replace(/\n\t*/g, ''))).toBe(base);
    expect(canonicalForm(jw301Xml.replace('<ijw:Huisnummer>9<', '<ijw:Huisnummer> 009 <'))).toBe(base);
    expect(canonicalForm(jw301Xml.replace(/jw301:/g, 'x:').replace('xmlns:jw301=', 'xmlns:x='))).toBe(base);
  });

  it(`${XSD_INVALID_EXAMPLE} (XSD-invalid as published) is refused with a typed error, not converted`, () => {
    const file = officialExamples().find((f) => path.basename(f) === XSD_INVALID_EXAMPLE)!;
    const error = captureError(() => convert(readFileSync(file)));
    expect(error).toBeInstanceOf(XmlToJsonError);
    expect(error).toMatchObject({ code: 'unknown-element', path: '/Bericht/Client/Verzoek/RetourCode' });
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

// Line ends normalised (the file has CRLF) so the string edits below can span lines; XML parsing does the same.
const jw301Xml = readFileSync(
  officialExamples().find((f) => f.endsWith('JW301.xml'))!,
  'utf8',
).replace(/\r\n/g, '\n');

describe('the JSON form of JW301.xml', () => {
  const { json, message, pack } = convert(Buffer.from(jw301Xml, 'utf8'));
  const bericht = json.Bericht as any; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('names the message and release and has Header and Client in model order', () => {
    expect(Object.keys(json)).toEqual(['message', 'release', 'Bericht']);
    expect(json.message).toBe('JW301');
    expect(json.release).toBe('3.2');
    expect(Object.keys(bericht)).toEqual(['Header', 'Client']);
    expect(Object.keys(bericht.Header)).toEqual(message.classes.Header!.elements.map((e) => e.name));
  });

  it('carries identifiers, codes, dates and times as strings', () => {
    expect(bericht.Header.BerichtCode).toBe('436');
    expect(bericht.Header.Afzender).toBe('0384');
    expect(bericht.Header.Ontvanger).toBe('42420001');
    expect(bericht.Header.BerichtIdentificatie).toEqual({
      Identificatie: '123456789012',
      Dagtekening: '2026-04-01',
    });
    expect(bericht.Client.Bsn).toBe('999900006');
    expect(bericht.Client.Geslacht).toBe('1');
    expect(bericht.Client.JuridischeStatus).toBe('01');
    const product = bericht.Client.ToegewezenProducten.ToegewezenProduct[0];
    expect(product.ToewijzingNummer).toBe('300201');
    expect(product.Toewijzingstijd).toBe('12:34:56');
    expect(product.Omvang.Eenheid).toBe('04');
    expect(bericht.Client.Relaties.Relatie[0].Nummer).toBe('1');
    expect(bericht.Client.Contactgegevens.Contact[0].Telefoon.Telefoon01).toEqual({
      Telefoonnummer: '0201234567',
      Landnummer: '0031',
    });
  });

  it('carries amounts, volumes and version numbers as JSON integers', () => {
    expect(bericht.Header.BerichtVersie).toBe(3);
    expect(bericht.Header.BerichtSubversie).toBe(2);
    expect(bericht.Client.ToegewezenProducten.ToegewezenProduct[0].Omvang.Volume).toBe(2);
    expect(bericht.Client.Relaties.Relatie[1].Volgorde).toBe(2);
    expect(bericht.Client.Contactgegevens.Contact[0].Adres.Huis.Huisnummer).toBe(9);
  });

  it('makes every unbounded element an array and every other element a single value', () => {
    expect(bericht.Client.Relaties.Relatie).toHaveLength(2);
    expect(bericht.Client.Contactgegevens.Contact).toHaveLength(2);
    expect(bericht.Client.ToegewezenProducten.ToegewezenProduct).toHaveLength(2);
    expect(Array.isArray(bericht.Client.Relaties.Relatie[0].Contact)).toBe(false);
    expect(checkShape(json.Bericht, message.root.elements, message, pack, '$.Bericht')).toEqual([]);
  });

  it('leaves absent optional elements out (no null, no empty string)', () => {
    expect('Budget' in bericht.Client.ToegewezenProducten.ToegewezenProduct[0]).toBe(false);
    expect('RedenWijziging' in bericht.Client.ToegewezenProducten.ToegewezenProduct[0]).toBe(false);
    expect(JSON.stringify(json)).not.toMatch(/null|""/);
  });
});

/** Walks JSON and model together: arrays exactly where unbounded, integers exactly where jsonKind says. */
function checkShape(
  value: JsonElement,
  elements: readonly ElementDecl[],
  message: MessageSchema,
  pack: StandardPack,
  where: string,
): string[] {
  const problems: string[] = [];
  for (const decl of elements) {
    const v = value[decl.name];
    if (v === undefined) continue;
    const items = decl.max === 'unbounded' ? v : [v];
    if (!Array.isArray(items)) {
      problems.push(`${where}.${decl.name} is not an array`);
      continue;
    }
    if (decl.max !== 'unbounded' && Array.isArray(v)) problems.push(`${where}.${decl.name} is an array`);
    const nested = message.classes[decl.type] ?? pack.complexTypes[decl.type];
    for (const item of items) {
      if (nested) {
        problems.push(
          ...checkShape(item as JsonElement, nested.elements, message, pack, `${where}.${decl.name}`),
        );
      } else {
        const kind = jsonKind(pack.simpleTypes[decl.type]!);
        const ok = kind === 'integer' ? Number.isInteger(item) : typeof item === 'string';
        if (!ok) problems.push(`${where}.${decl.name} should be a JSON ${kind}`);
      }
    }
  }
  return problems;
}

describe('the JSON form of every example has the model shape', () => {
  for (const file of officialExamples().filter((f) => path.basename(f) !== XSD_INVALID_EXAMPLE)) {
    it(path.basename(file), () => {
      const { json, message, pack } = convert(readFileSync(file));
      expect(checkShape(json.Bericht, message.root.elements, message, pack, '$.Bericht')).toEqual([]);
    });
  }

  it('a single occurrence of an unbounded element is still an array (JW302 RetourCode)', () => {
    const file = officialExamples().find((f) => f.endsWith('JW302.xml'))!;
    const { json } = convert(readFileSync(file));
    expect((json.Bericht.Header as JsonElement).RetourCodes).toEqual({ RetourCode: ['8848'] });
  });
});

describe('values survive exactly', () => {
  // 012345672 passes the elfproef; AGB and gemeente codes with leading zeros are ordinary.
  const variant = jw301Xml
    .replace('<jw301:Bsn>999900006</jw301:Bsn>', '<jw301:Bsn>012345672</jw301:Bsn>')
    .replace('<jw301:Ontvanger>42420001</jw301:Ontvanger>', '<jw301:Ontvanger>00420001</jw301:Ontvanger>')
    .replace(
      '<jw301:ToewijzingNummer>300201</jw301:ToewijzingNummer>',
      '<jw301:ToewijzingNummer>000300201</jw301:ToewijzingNummer>',
    )
    .replace('<ijw:Huisnummer>9</ijw:Huisnummer>', '<ijw:Huisnummer>009</ijw:Huisnummer>')
    .replace(
      '<ijw:Dagtekening>2026-04-01</ijw:Dagtekening>',
      '<ijw:Dagtekening>\n\t2026-04-01 </ijw:Dagtekening>',
    )
    .replace(
      '<jw301:Commentaar>Commentaar client</jw301:Commentaar>',
      '<jw301:Commentaar> A &amp; B &lt;c&gt; "d" \'e\' ]]&gt; r1&#13;\nr2 </jw301:Commentaar>',
    );
  const { json } = convert(Buffer.from(variant, 'utf8'));
  const bericht = json.Bericht as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const xml = xmlOf(json);

  it('keeps the leading zeros of Bsn, AGB code and gemeentecode, in JSON and back in XML', () => {
    expect(bericht.Client.Bsn).toBe('012345672');
    expect(bericht.Header.Ontvanger).toBe('00420001');
    expect(bericht.Header.Afzender).toBe('0384');
    expect(xml).toContain('<jw301:Bsn>012345672</jw301:Bsn>');
    expect(xml).toContain('<jw301:Ontvanger>00420001</jw301:Ontvanger>');
    expect(xml).toContain('<jw301:Afzender>0384</jw301:Afzender>');
    expect(xml).toContain('<ijw:Landnummer>0031</ijw:Landnummer>');
  });

  it('writes integers and identifier integers in their canonical form, and drops collapsible whitespace', () => {
    expect(bericht.Client.ToegewezenProducten.ToegewezenProduct[0].ToewijzingNummer).toBe('300201');
    expect(bericht.Client.Contactgegevens.Contact[0].Adres.Huis.Huisnummer).toBe(9);
    expect(bericht.Header.BerichtIdentificatie.Dagtekening).toBe('2026-04-01');
  });

  it('keeps free text byte for byte, escaped correctly, including a carriage return', () => {
    expect(bericht.Client.Commentaar).toBe(` A & B <c> "d" 'e' ]]> r1\r\nr2 `);
    expect(xml).toContain(
      '<jw301:Commentaar> A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos; ]]&gt; r1&#13;\nr2 </jw301:Commentaar>',
    );
    expect(convert(Buffer.from(xml, 'utf8')).json).toEqual(json);
    expect(canonicalForm(xml)).toBe(canonicalForm(variant));
  });

  it('writes the declaration, the prefixed namespaces and basisschema children in the basis namespace', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<jw301:Bericht xmlns:jw301=')).toBe(true);
    expect(xml).toContain('xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema"');
    expect(xml).toContain('<jw301:BerichtIdentificatie>\n\t\t\t<ijw:Identificatie>');
  });
});

/**
 * toJson reads the bytes itself (libxml2 only judges them), so every piece of XML surface syntax a valid
 * message may use is tried here, each variant against libxml2's own reading of the same bytes
 * (`canonicalForm`) and checked XSD-valid first, so the variants are messages a partner could send.
 */
describe('toJson reads every XML surface form as libxml2 does', () => {
  const NS = 'http://www.istandaarden.nl/ijw/3_2/jw301/schema';
  const BASIS = 'http://www.istandaarden.nl/ijw/3_2/basisschema/schema';
  const commentaar = '<jw301:Commentaar>Commentaar client</jw301:Commentaar>';
  const variants: Record<string, string> = {
    'CRLF line ends, a lone CR and CRLF inside a long value and a CDATA section': jw301Xml
      .replace(/\n/g, '\r\n')
      .replace(
        commentaar,
        `<jw301:Commentaar>${'x'.repeat(70)}\r\ny\rz<![CDATA[c\r\nd]]></jw301:Commentaar>`,
      ),
    'the message namespace as default namespace': jw301Xml
      .replace(/jw301:/g, '')
      .replace(`xmlns:jw301="${NS}"`, `xmlns="${NS}"`),
    'namespaces declared on inner elements, a prefix rebound to another namespace': jw301Xml.replace(
      /<jw301:Client>([\s\S]*)<\/jw301:Client>/,
      (_all, inner: string) =>
        `<q:Client xmlns:q="${NS}" xmlns:ijw="${NS}" xmlns:b="${BASIS}">${inner
          .replace(/jw301:/g, 'q:')
          .replace(/ijw:/g, 'b:')
          .replace(/<q:Bsn>/, '<ijw:Bsn>')
          .replace(/<\/q:Bsn>/, '</ijw:Bsn>')}</q:Client>`,
    ),
    'comments and processing instructions around and inside elements and values': jw301Xml
      .replace('<jw301:Bericht', '<!-- voor --><?pi voor?>\n<jw301:Bericht')
      .replace('<jw301:Client>', '<!-- <jw301:Foo> --><?pi <jw301:Foo>?><jw301:Client>')
      .replace(commentaar, '<jw301:Commentaar>Comm<!-- x -->en<?pi y?>taar client</jw301:Commentaar>')
      .replace('<jw301:Bsn>999900006</jw301:Bsn>', '<jw301:Bsn>9999<!--x-->00006</jw301:Bsn>')
      .concat('\n<!-- na --><?pi na?>\n'),
    'non-ASCII text, character and entity references, in short and long values': jw301Xml.replace(
      commentaar,
      `<jw301:Commentaar>Zoë &#x20AC; &#8364; 😀 &amp;&lt;&gt;&quot;&apos; ${'é'.repeat(40)} &#x1F600;</jw301:Commentaar>`,
    ),
    'whitespace inside tags, attributes with quotes and > in their values': jw301Xml
      .replace(
        `xmlns:jw301="${NS}"`,
        `xmlns:jw301 = '${NS}'\n  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${NS} a>b'c.xsd"`,
      )
      .replace('<jw301:Bsn>999900006</jw301:Bsn>', '<jw301:Bsn\n>999900006</jw301:Bsn\t>'),
  };

  for (const [name, xml] of Object.entries(variants)) {
    it(name, () => {
      expect(xml).not.toBe(jw301Xml);
      const bytes = Buffer.from(xml, 'utf8');
      const doc = safeParse(bytes);
      try {
        expect(xsd.validate(doc, officialXsd(identify(doc)!)!).errors).toEqual([]);
      } finally {
        doc.dispose();
      }
      const { json } = convert(bytes);
      expect(canonicalForm(xmlOf(json))).toBe(canonicalForm(bytes));
    });
  }

  it('the values it reads are the ones the variants put there', () => {
    const read = (xml: string): any => convert(Buffer.from(xml, 'utf8')).json.Bericht; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(
      read(variants['CRLF line ends, a lone CR and CRLF inside a long value and a CDATA section']!).Client
        .Commentaar,
    ).toBe(`${'x'.repeat(70)}\ny\nzc\nd`);
    expect(
      read(variants['comments and processing instructions around and inside elements and values']!).Client,
    ).toMatchObject({
      Bsn: '999900006',
      Commentaar: 'Commentaar client',
    });
    expect(
      read(variants['non-ASCII text, character and entity references, in short and long values']!).Client
        .Commentaar,
    ).toBe(`Zoë € € 😀 &<>"' ${'é'.repeat(40)} 😀`);
  });
});

describe('toJson refuses documents that do not fit the model', () => {
  const cases: Record<string, { xml: string; code: string; path: string }> = {
    'unknown element': {
      xml: jw301Xml.replace(
        '<jw301:Geslacht>1</jw301:Geslacht>',
        '<jw301:Geslacht>1</jw301:Geslacht><jw301:Foo>x</jw301:Foo>',
      ),
      code: 'unknown-element',
      path: '/Bericht/Client/Foo',
    },
    'element in the wrong namespace': {
      xml: jw301Xml.replace('<jw301:Geslacht>1</jw301:Geslacht>', '<ijw:Geslacht>1</ijw:Geslacht>'),
      code: 'unknown-element',
      path: '/Bericht/Client/Geslacht',
    },
    'elements out of order': {
      xml: jw301Xml.replace(
        '<jw301:BerichtVersie>3</jw301:BerichtVersie>\n\t\t<jw301:BerichtSubversie>2</jw301:BerichtSubversie>',
        '<jw301:BerichtSubversie>2</jw301:BerichtSubversie>\n\t\t<jw301:BerichtVersie>3</jw301:BerichtVersie>',
      ),
      code: 'out-of-order',
      path: '/Bericht/Header/BerichtVersie',
    },
    'single element twice': {
      xml: jw301Xml.replace(
        '<jw301:Geslacht>1</jw301:Geslacht>',
        '<jw301:Geslacht>1</jw301:Geslacht><jw301:Geslacht>2</jw301:Geslacht>',
      ),
      code: 'repeated-element',
      path: '/Bericht/Client/Geslacht',
    },
    'mandatory element missing': {
      xml: jw301Xml.replace('<jw301:Bsn>999900006</jw301:Bsn>', ''),
      code: 'missing-element',
      path: '/Bericht/Client/Bsn',
    },
    'not an integer': {
      xml: jw301Xml.replace('<ijw:Volume>2</ijw:Volume>', '<ijw:Volume>2.5</ijw:Volume>'),
      code: 'not-an-integer',
      path: '/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Omvang/Volume',
    },
  };

  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const error = captureError(() => convert(Buffer.from(c.xml, 'utf8')));
      expect(error).toBeInstanceOf(XmlToJsonError);
      expect(error).toMatchObject({ code: c.code, path: c.path });
      // Never the content: the canary of this file is its BSN.
      expect((error as Error).message).not.toContain('999900006');
    });
  }

  it('a document of another message is refused at the root', () => {
    const other = packs.ijw.messages.JW305!;
    const error = captureError(() => toJson(Buffer.from(jw301Xml, 'utf8'), other, packs.ijw));
    expect(error).toMatchObject({ code: 'wrong-root', path: '/Bericht' });
  });
});

describe('identify', () => {
  it('recognises every example by its root namespace', () => {
    for (const file of officialExamples()) {
      const doc = safeParse(readFileSync(file));
      try {
        expect(identify(doc)?.name).toBe(path.basename(file, '.xml'));
      } finally {
        doc.dispose();
      }
    }
  });

  it('returns undefined for an unknown namespace or root name', () => {
    for (const xml of [
      '<Bericht xmlns="urn:x"/>',
      '<jw301:Header xmlns:jw301="http://www.istandaarden.nl/ijw/3_2/jw301/schema"/>',
    ]) {
      const doc = safeParse(Buffer.from(xml, 'utf8'));
      try {
        expect(identify(doc)).toBeUndefined();
      } finally {
        doc.dispose();
      }
    }
  });
});
