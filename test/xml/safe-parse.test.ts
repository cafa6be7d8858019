import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { safeParse, DEFAULT_SAFE_PARSE_LIMITS, type SafeParseLimits } from '../../src/xml/safe-parse.js';
import { XML_REFUSALS, XmlRefusal, type XmlRefusalCode } from '../../src/xml/errors.js';

/** The official reference data beside the checkout: test/xml/ → ../../../shared/istandaard/. */
const SHARED = fileURLToPath(new URL('../../../shared/istandaard/', import.meta.url));
const JW301 = readFileSync(path.join(SHARED, 'ijw-3.2/examples/JW301.xml'));
const CANARY_BSN = '123454321';
const CANARY_NAME = 'Canarywoud';

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** Runs safeParse, expecting a refusal with `code`; checks the refusal never echoes a canary. */
function refusalOf(
  input: Uint8Array | string,
  code: XmlRefusalCode,
  limits?: Partial<SafeParseLimits>,
): XmlRefusal {
  const bytes = typeof input === 'string' ? utf8(input) : input;
  let caught: unknown;
  try {
    safeParse(bytes, limits).dispose();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected refusal ${code}`).toBeInstanceOf(XmlRefusal);
  const refusal = caught as XmlRefusal;
  expect(refusal.code).toBe(code);
  expect(refusal.httpStatus).toBe(XML_REFUSALS[code].httpStatus);
  expect(refusal.message).not.toMatch(new RegExp(`${CANARY_BSN}|${CANARY_NAME}|passwd|root:`, 'i'));
  expect(refusal.cause).toBeUndefined();
  return refusal;
}

function parses(input: Uint8Array | string, limits?: Partial<SafeParseLimits>): string {
  const doc = safeParse(typeof input === 'string' ? utf8(input) : input, limits);
  try {
    return doc.root.name;
  } finally {
    doc.dispose();
  }
}

const nested = (depth: number, leaf = ''): string => '<a>'.repeat(depth) + leaf + '</a>'.repeat(depth);

describe('safeParse: documents that must pass', () => {
  it('parses the official JW301 example', () => {
    expect(parses(JW301)).toBe('Bericht');
  });

  it('parses every official iJw and iWmo example', () => {
    const files = ['ijw-3.2', 'iwmo-3.2'].flatMap((std) =>
      readdirSync(path.join(SHARED, std, 'examples')).map((f) => path.join(SHARED, std, 'examples', f)),
    );
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect(parses(readFileSync(file)), file).toBe('Bericht');
  });

  it('accepts what only looks dangerous: DTD text in a comment, CDATA or attribute, ">" in a value', () => {
    expect(parses('<?xml version="1.0"?>\n<!-- <!DOCTYPE a [<!ENTITY x "y">]> --><a/>')).toBe('a');
    expect(parses('<a><![CDATA[<!DOCTYPE a><!ENTITY x "y">]]></a>')).toBe('a');
    expect(parses('<a b="x > y" c=\'http://www.w3.org/2001/XInclude\'/>')).toBe('a');
    expect(parses("<?xml version='1.0' encoding='utf-8'?><a/>")).toBe('a');
    expect(parses('<?xml-stylesheet href="x"?><a/>')).toBe('a');
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_SAFE_PARSE_LIMITS).toEqual({ maxBytes: 26_214_400, maxDepth: 64, maxTextLength: 65_536 });
  });

  it('fills absent or undefined limits with the defaults and rejects nonsense limits', () => {
    refusalOf(nested(65), 'XML_TOO_DEEP', { maxDepth: undefined });
    expect(() => safeParse(utf8('<a/>'), { maxBytes: Number.NaN })).toThrow(RangeError);
    expect(() => safeParse(utf8('<a/>'), { maxDepth: 0 })).toThrow(RangeError);
  });
});

describe('safeParse: DTDs and entities', () => {
  it('refuses a DOCTYPE with an internal subset, with its position', () => {
    const refusal = refusalOf(
      '<?xml version="1.0"?>\n\n<!DOCTYPE a [<!ELEMENT a (#PCDATA)>]><a/>',
      'XML_DOCTYPE_FORBIDDEN',
    );
    expect({ line: refusal.line, column: refusal.column }).toEqual({ line: 3, column: 1 });
  });

  it('finds a DOCTYPE behind comments and processing instructions in the prolog', () => {
    refusalOf('<?xml version="1.0"?><!-- x --><?pi a?>\n<!-- y --><!DOCTYPE a><a/>', 'XML_DOCTYPE_FORBIDDEN');
    refusalOf('<!--?>--><?pi <!-- ?><!DOCTYPE a><a/>', 'XML_DOCTYPE_FORBIDDEN');
    refusalOf('<a/><!DOCTYPE a>', 'XML_DOCTYPE_FORBIDDEN');
  });

  it('refuses XXE (SYSTEM file:///etc/passwd) without reading the file', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE Bericht [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Bericht><Bsn>&xxe;</Bsn></Bericht>`;
    refusalOf(xxe, 'XML_DOCTYPE_FORBIDDEN');
  });

  it('refuses billion laughs quickly and stays alive', () => {
    const entities = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]><lolz>&lol9;</lolz>`;
    const started = performance.now();
    refusalOf(bomb, 'XML_DOCTYPE_FORBIDDEN');
    expect(performance.now() - started).toBeLessThan(50);
    expect(parses(JW301)).toBe('Bericht');
  });

  it('refuses parameter entities', () => {
    refusalOf(
      '<!DOCTYPE a [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p; <!ENTITY % q "<!ENTITY r \'x\'>"> %q;]><a>&r;</a>',
      'XML_DOCTYPE_FORBIDDEN',
    );
  });

  it('refuses a bare ENTITY declaration and other DTD declarations', () => {
    refusalOf('<!ENTITY x "y"><a>&x;</a>', 'XML_ENTITY_FORBIDDEN');
    refusalOf('<!ELEMENT a ANY><a/>', 'XML_DOCTYPE_FORBIDDEN');
    refusalOf('<!doctype a><a/>', 'XML_DOCTYPE_FORBIDDEN');
  });

  it('reports an undefined entity reference as not well-formed, without naming it', () => {
    refusalOf(`<a>&${CANARY_NAME};</a>`, 'XML_NOT_WELL_FORMED');
  });
});

describe('safeParse: XInclude', () => {
  it('refuses the XInclude namespace however it is declared', () => {
    refusalOf(
      '<a xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd"/></a>',
      'XML_XINCLUDE_FORBIDDEN',
    );
    refusalOf(
      '<a><include xmlns="http://www.w3.org/2001/XInclude" href="/etc/passwd"/></a>',
      'XML_XINCLUDE_FORBIDDEN',
    );
    refusalOf("<a b='>' xmlns:x = 'http://www.w3.org/2003/XInclude'/>", 'XML_XINCLUDE_FORBIDDEN');
    refusalOf('<a xmlns:xi="http&#58;//www.w3.org/2001/&#x58;Include"/>', 'XML_XINCLUDE_FORBIDDEN');
  });
});

describe('safeParse: encoding', () => {
  it('refuses a UTF-8 BOM rather than stripping it', () => {
    const refusal = refusalOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), JW301]), 'XML_BOM_FORBIDDEN');
    expect(refusal.message).toMatch(/UTF-8 zonder BOM/);
  });

  it('refuses UTF-16 and UTF-32, with or without BOM', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><a/>';
    refusalOf(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'XML_ENCODING_NOT_UTF8',
    );
    refusalOf(Buffer.from(text, 'utf16le'), 'XML_ENCODING_NOT_UTF8');
    refusalOf(Buffer.from(text, 'utf16le').swap16(), 'XML_ENCODING_NOT_UTF8');
    refusalOf(Buffer.from([0x00, 0x00, 0xfe, 0xff, 0, 0, 0, 0x3c]), 'XML_ENCODING_NOT_UTF8');
    // A BOM followed by non-ASCII text has no NUL bytes to give it away.
    refusalOf(Buffer.from('\ufeff中文<a/>', 'utf16le'), 'XML_ENCODING_NOT_UTF8');
  });

  it('refuses a declared encoding other than UTF-8', () => {
    refusalOf('<?xml version="1.0" encoding="ISO-8859-1"?><a/>', 'XML_ENCODING_NOT_UTF8');
    refusalOf("<?xml version='1.0' encoding = 'windows-1252' ?><a/>", 'XML_ENCODING_NOT_UTF8');
  });

  it('refuses bytes that are not UTF-8, with the position', () => {
    const latin1 = Buffer.concat([utf8('<a>\n<b>'), Buffer.from([0xe9]), utf8('</b></a>')]);
    const refusal = refusalOf(latin1, 'XML_ENCODING_NOT_UTF8');
    expect(refusal.line).toBe(2);
  });

  it('refuses a NUL byte inside an otherwise UTF-8 document', () => {
    refusalOf(Buffer.concat([utf8('<a>x'), Buffer.from([0]), utf8('</a>')]), 'XML_NOT_WELL_FORMED');
  });
});

describe('safeParse: limits', () => {
  it('refuses input over maxBytes before anything else, and accepts exactly maxBytes', () => {
    const doc = '<a>0123456789</a>';
    const refusal = refusalOf(`${doc} `, 'XML_TOO_LARGE', { maxBytes: doc.length });
    expect(refusal.message).toContain(String(doc.length));
    expect(parses(doc, { maxBytes: doc.length })).toBe('a');
    refusalOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), JW301]), 'XML_TOO_LARGE', { maxBytes: 100 });
  });

  it('refuses nesting deeper than maxDepth, empty elements included', () => {
    expect(parses(nested(5), { maxDepth: 5 })).toBe('a');
    expect(parses(nested(4, '<b/>'), { maxDepth: 5 })).toBe('a');
    const refusal = refusalOf(nested(6), 'XML_TOO_DEEP', { maxDepth: 5 });
    expect(refusal.message).toContain('5 niveaus');
    expect(refusal.column).toBe(16);
    refusalOf(nested(5, '<b/>'), 'XML_TOO_DEEP', { maxDepth: 5 });
    refusalOf(nested(65), 'XML_TOO_DEEP');
    expect(parses(nested(64))).toBe('a');
  });

  it("keeps libxml2's own depth limit as a second line (no XML_PARSE_HUGE)", () => {
    refusalOf(nested(300), 'XML_TOO_DEEP', { maxDepth: 10_000 });
  });

  it('refuses text, attribute values, comments and PIs longer than maxTextLength', () => {
    const limits = { maxTextLength: 20 };
    expect(parses(`<a>${'x'.repeat(20)}</a>`, limits)).toBe('a');
    refusalOf(`<a>${CANARY_NAME.repeat(3)}</a>`, 'XML_TEXT_TOO_LONG', limits);
    refusalOf(`<a><![CDATA[${'x'.repeat(21)}]]></a>`, 'XML_TEXT_TOO_LONG', limits);
    refusalOf(`<a b="${'x'.repeat(21)}"/>`, 'XML_TEXT_TOO_LONG', limits);
    refusalOf(`<a><!--${'x'.repeat(21)}--></a>`, 'XML_TEXT_TOO_LONG', limits);
    refusalOf(`<a><?pi ${'x'.repeat(21)}?></a>`, 'XML_TEXT_TOO_LONG', limits);
    refusalOf(`<a>${'x'.repeat(70_000)}</a>`, 'XML_TEXT_TOO_LONG');
  });
});

describe('safeParse: malformed and empty input', () => {
  it('maps libxml2 errors to XML_NOT_WELL_FORMED with line and column, never quoting names', () => {
    const broken = JW301.toString('utf8').replace('</jw301:Bsn>', `</jw301:${CANARY_NAME}>`);
    const refusal = refusalOf(broken, 'XML_NOT_WELL_FORMED');
    expect(refusal.line).toBe(19);
    expect(refusal.column).toBeGreaterThan(1);
    expect(refusal.message).toMatch(/regel 19, kolom \d+/);
    expect(refusal.message).not.toMatch(/Bsn|jw301/);
  });

  it('refuses the usual kinds of damage', () => {
    refusalOf('<a><b></a>', 'XML_NOT_WELL_FORMED');
    refusalOf('<a>', 'XML_NOT_WELL_FORMED');
    refusalOf('<a b="1" b="2"/>', 'XML_NOT_WELL_FORMED');
    refusalOf(`<a><${CANARY_NAME}:b/></a>`, 'XML_NOT_WELL_FORMED');
    refusalOf(`${CANARY_NAME}<a/>`, 'XML_NOT_WELL_FORMED');
    refusalOf('<a/><b/>', 'XML_NOT_WELL_FORMED');
    refusalOf('</a>', 'XML_NOT_WELL_FORMED');
    refusalOf('<a b=c/>', 'XML_NOT_WELL_FORMED');
    refusalOf('<a><!-- open</a>', 'XML_NOT_WELL_FORMED');
    refusalOf(' <?xml version="1.0"?><a/>', 'XML_NOT_WELL_FORMED');
  });

  it('refuses empty input, whitespace and a prolog without root as XML_EMPTY', () => {
    refusalOf(new Uint8Array(0), 'XML_EMPTY');
    refusalOf(' \n\t ', 'XML_EMPTY');
    refusalOf('<?xml version="1.0" encoding="UTF-8"?>\n<!-- nothing -->\n', 'XML_EMPTY');
  });
});

describe('XML_REFUSALS', () => {
  it('catalogues every code with a description and an HTTP status', () => {
    const codes = Object.keys(XML_REFUSALS);
    expect(codes).toEqual(
      expect.arrayContaining([
        'XML_TOO_LARGE',
        'XML_DOCTYPE_FORBIDDEN',
        'XML_ENTITY_FORBIDDEN',
        'XML_XINCLUDE_FORBIDDEN',
        'XML_TOO_DEEP',
        'XML_TEXT_TOO_LONG',
        'XML_ENCODING_NOT_UTF8',
        'XML_BOM_FORBIDDEN',
        'XML_NOT_WELL_FORMED',
        'XML_EMPTY',
      ]),
    );
    for (const info of Object.values(XML_REFUSALS)) {
      expect(info.description.length).toBeGreaterThan(10);
      expect([400, 413, 415]).toContain(info.httpStatus);
    }
    expect(XML_REFUSALS.XML_TOO_LARGE.httpStatus).toBe(413);
  });
});
