/**
 * The one way untrusted XML becomes an XmlDocument. A single cheap pass over the bytes refuses what the
 * chain never needs and attackers love (DTDs, entities, XInclude, non-UTF-8, absurd depth or length)
 * before libxml2 sees anything; libxml2 then parses without entity substitution, DTD loading or HUGE,
 * so its own limits stay in place as a second line. Every failure is an XmlRefusal whose text never
 * quotes the document.
 */
import { ParseOption, XmlDocument, XmlParseError } from 'libxml2-wasm';
import {
  ascii,
  CDATA_END,
  COMMENT_END,
  expandReference,
  find,
  indexOfSequence,
  isSpace,
  namespacePrefix,
  PI_END,
  REFERENCE,
  startsWith,
} from './bytes.js';
import { XmlRefusal, positionText, type XmlPosition, type XmlRefusalCode } from './errors.js';

export interface SafeParseLimits {
  /** Whole input in bytes. */
  readonly maxBytes: number;
  /** Element nesting; the root element is depth 1. */
  readonly maxDepth: number;
  /** Bytes in one text run, CDATA section, comment, processing instruction or tag (attributes included). */
  readonly maxTextLength: number;
}

export const DEFAULT_SAFE_PARSE_LIMITS: SafeParseLimits = Object.freeze({
  // The chain's own ceiling (25 MB including the envelope, FACTS §10); nothing larger can be legitimate.
  maxBytes: 26_214_400,
  // iWmo/iJw messages are fewer than 12 levels deep; 64 leaves room for wrappers and stays far below
  // libxml2's own 256.
  maxDepth: 64,
  // The longest value in the standard is 200 characters (at most 800 bytes of UTF-8). 64 KiB leaves
  // ample room for indentation and comments, and keeps multi-megabyte text away from libxml2's pattern
  // matcher and out of error paths. Callers parsing other documents (an envelope carrying base64) pass
  // their own limit.
  maxTextLength: 65_536,
});

/**
 * NONET and NO_XXE: no external resources whatever the document says. IGNORE_ENC: decode as UTF-8 even
 * if a declaration slipped past the scan. BIG_LINES: true line numbers above 65535 in errors.
 * Deliberately absent: NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE, RECOVER.
 */
const PARSE_OPTIONS =
  ParseOption.XML_PARSE_NONET |
  ParseOption.XML_PARSE_NO_XXE |
  ParseOption.XML_PARSE_IGNORE_ENC |
  ParseOption.XML_PARSE_BIG_LINES;

/** Parses untrusted bytes into a document; the caller owns the result and must `dispose()` it. */
export function safeParse(input: Uint8Array, limits?: Partial<SafeParseLimits>): XmlDocument {
  const effective = limits ? resolveLimits(limits) : DEFAULT_SAFE_PARSE_LIMITS;
  prescan(input, effective);
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(input, { option: PARSE_OPTIONS });
  } catch (error) {
    if (error instanceof XmlParseError) throw refusalFromParseError(error);
    throw error;
  }
  // Unreachable after the scan; kept so a scanner bug can never hand out a document with a DTD.
  if (doc.dtd !== null) {
    doc.dispose();
    throw doctypeRefusal();
  }
  return doc;
}

/** An absent or undefined limit takes the default; a limit that is not a positive number is a bug. */
function resolveLimits(limits: Partial<SafeParseLimits>): SafeParseLimits {
  const resolved = {
    maxBytes: limits.maxBytes ?? DEFAULT_SAFE_PARSE_LIMITS.maxBytes,
    maxDepth: limits.maxDepth ?? DEFAULT_SAFE_PARSE_LIMITS.maxDepth,
    maxTextLength: limits.maxTextLength ?? DEFAULT_SAFE_PARSE_LIMITS.maxTextLength,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (!(value > 0)) {
      throw new RangeError(`safeParse: limit ${name} must be a positive number, got ${value}`);
    }
  }
  return resolved;
}

// ---------------------------------------------------------------------------------------------------
// The byte scan. It tokenises just enough of XML (comments, PIs, CDATA, tags and quoted attribute
// values) to know what is markup, so a DOCTYPE hidden behind comments or PIs is found and a "<!DOCTYPE"
// inside a comment is not mistaken for one. Hot scans are plain loops: in these messages text runs and
// values are a few bytes long, where a call to TypedArray indexOf costs more than it saves.

const LT = 0x3c;
const GT = 0x3e;
const BANG = 0x21;
const QUESTION = 0x3f;
const SLASH = 0x2f;
const DASH = 0x2d;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const AMP = 0x26;

const CDATA_START = ascii('[CDATA[');
/** libxml2 recognises both the 2001 namespace and the older 2003 one. */
const XINCLUDE_NAMESPACES = ['http://www.w3.org/2001/XInclude', 'http://www.w3.org/2003/XInclude'];
const XINCLUDE_BYTES = XINCLUDE_NAMESPACES.map(ascii);

function doctypeRefusal(position?: XmlPosition): XmlRefusal {
  return new XmlRefusal(
    'XML_DOCTYPE_FORBIDDEN',
    `Het bericht bevat een DOCTYPE- of andere DTD-declaratie${positionText(position)}. DTD's zijn niet toegestaan (ze horen niet bij iWmo/iJw en maken entiteit-aanvallen mogelijk); verwijder de declaratie en stuur het bericht opnieuw.`,
    position,
  );
}

function prescan(b: Uint8Array, limits: SafeParseLimits): void {
  const n = b.length;
  if (n === 0) throw empty();
  if (n > limits.maxBytes) {
    throw new XmlRefusal(
      'XML_TOO_LARGE',
      `Het bericht is ${n} bytes; de limiet is ${limits.maxBytes} bytes (de keten staat maximaal 25 MB toe, inclusief envelop). Verklein het bericht of splits het op.`,
    );
  }
  checkEncodingSignature(b);

  let pos = isXmlDeclarationAt0(b) ? checkXmlDeclaration(b, limits) : 0;
  let depth = 0;
  let rootSeen = false;
  const maxText = limits.maxTextLength;
  while (pos < n) {
    const lt = find(b, LT, pos);
    const textEnd = lt === -1 ? n : lt;
    if (depth === 0) {
      // Prolog and epilog may hold whitespace only.
      for (let i = pos; i < textEnd; i++) {
        if (!isSpace(b[i])) throw notWellFormed('tekst buiten het root-element', b, i);
      }
    } else if (textEnd - pos > maxText) {
      throw tooLong(limits, b, pos);
    }
    if (lt === -1) break;

    const next = b[lt + 1];
    if (next === BANG) {
      pos = scanDeclarationOrComment(b, lt, maxText, limits);
    } else if (next === QUESTION) {
      pos = endOf(b, PI_END, lt + 2, 'processing instruction niet afgesloten', lt);
      if (pos - lt > maxText) throw tooLong(limits, b, lt);
    } else if (next === SLASH) {
      const gt = find(b, GT, lt + 2);
      if (gt === -1) throw notWellFormed('eindtag niet afgesloten', b, lt);
      if (depth === 0) throw notWellFormed('eindtag zonder bijbehorende begintag', b, lt);
      if (gt + 1 - lt > maxText) throw tooLong(limits, b, lt);
      depth--;
      pos = gt + 1;
    } else {
      const tagEnd = scanStartTag(b, lt, maxText, limits);
      if (depth + 1 > limits.maxDepth) throw tooDeep(limits, b, lt);
      if (b[tagEnd - 2] !== SLASH) depth++;
      rootSeen = true;
      pos = tagEnd;
    }
  }
  if (!rootSeen) throw empty();
}

function checkEncodingSignature(b: Uint8Array): void {
  const b0 = b[0];
  const b1 = b[1];
  const b2 = b[2];
  const b3 = b[3];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    throw new XmlRefusal(
      'XML_BOM_FORBIDDEN',
      'Het bericht begint met een UTF-8 byte order mark (BOM, bytes EF BB BF). De keten vereist UTF-8 zonder BOM; verwijder de BOM en stuur het bericht opnieuw.',
      { line: 1, column: 1 },
    );
  }
  const utf16or32Bom = (b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe);
  const utf32BeBom = b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff;
  const ebcdic = b0 === 0x4c && b1 === 0x6f && b2 === 0xa7 && b3 === 0x94;
  const nul = b.indexOf(0);
  if (utf16or32Bom || utf32BeBom || ebcdic || (nul !== -1 && nul < 4)) {
    throw notUtf8('het bericht is als UTF-16, UTF-32 of EBCDIC gecodeerd', { line: 1, column: 1 });
  }
  // A NUL byte is never allowed in XML; further in, it is damage rather than a foreign encoding.
  if (nul !== -1) throw notWellFormed('NUL-byte in het bericht', b, nul);
}

function isXmlDeclarationAt0(b: Uint8Array): boolean {
  // "<?xml" followed by whitespace; "<?xml-stylesheet" is an ordinary PI.
  return b[0] === LT && b[1] === QUESTION && b[2] === 0x78 && b[3] === 0x6d && b[4] === 0x6c && isSpace(b[5]);
}

/** Checks the XML declaration's encoding and returns the offset after the declaration. */
function checkXmlDeclaration(b: Uint8Array, limits: SafeParseLimits): number {
  const end = endOf(b, PI_END, 5, 'XML-declaratie niet afgesloten', 0);
  if (end > limits.maxTextLength) throw tooLong(limits, b, 0);
  let text = '';
  for (let i = 0; i < end; i++) text += String.fromCharCode(b[i]!);
  const match = /\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(text);
  const encoding = match ? (match[1] ?? match[2] ?? '') : undefined;
  if (encoding !== undefined && encoding.toLowerCase() !== 'utf-8') {
    // The declared name is not echoed: it is sender text, and "not UTF-8" is all that matters.
    throw notUtf8('de XML-declaratie noemt een andere encoding dan UTF-8', { line: 1, column: 1 });
  }
  return end;
}

/** `<!` : comment, CDATA, or a DTD construct (refused). Returns the offset after the construct. */
function scanDeclarationOrComment(
  b: Uint8Array,
  lt: number,
  maxText: number,
  limits: SafeParseLimits,
): number {
  let end: number;
  if (b[lt + 2] === DASH && b[lt + 3] === DASH) {
    end = endOf(b, COMMENT_END, lt + 4, 'commentaar niet afgesloten', lt);
  } else if (startsWith(b, lt + 2, CDATA_START)) {
    end = endOf(b, CDATA_END, lt + 9, 'CDATA-sectie niet afgesloten', lt);
  } else {
    const keyword = asciiWord(b, lt + 2).toUpperCase();
    const position = positionAt(b, lt);
    if (keyword === 'ENTITY') {
      throw new XmlRefusal(
        'XML_ENTITY_FORBIDDEN',
        `Het bericht bevat een ENTITY-declaratie${positionText(position)}. Entiteiten zijn niet toegestaan (ze maken entiteit-aanvallen mogelijk); verwijder de declaratie en gebruik alleen &lt; &gt; &amp; &quot; &apos; of tekenreferenties.`,
        position,
      );
    }
    if (keyword === 'DOCTYPE' || keyword === 'ELEMENT' || keyword === 'ATTLIST' || keyword === 'NOTATION') {
      throw doctypeRefusal(position);
    }
    throw notWellFormed('ongeldige <!-constructie', b, lt);
  }
  if (end - lt > maxText) throw tooLong(limits, b, lt);
  return end;
}

/**
 * A start tag from its `<`: name, then `name = "value"` pairs up to `>` or `/>`. Quoted values may hold
 * `>`, so the quotes are honoured. Returns the offset after the tag.
 */
function scanStartTag(b: Uint8Array, lt: number, maxText: number, limits: SafeParseLimits): number {
  const n = b.length;
  let i = lt + 1;
  while (i < n && !isSpace(b[i]) && b[i] !== GT && b[i] !== SLASH) i++;
  if (i === lt + 1) throw notWellFormed('ongeldige elementnaam', b, lt);
  for (;;) {
    while (isSpace(b[i])) i++;
    const c = b[i];
    if (c === GT || (c === SLASH && b[i + 1] === GT)) {
      const end = c === GT ? i + 1 : i + 2;
      if (end - lt > maxText) throw tooLong(limits, b, lt);
      return end;
    }
    if (c === undefined) throw notWellFormed('tag niet afgesloten', b, lt);
    const nameStart = i;
    while (i < n && !isSpace(b[i]) && b[i] !== EQUALS && b[i] !== GT && b[i] !== SLASH) i++;
    const nameEnd = i;
    while (isSpace(b[i])) i++;
    if (nameEnd === nameStart || b[i] !== EQUALS) throw notWellFormed('fout in een attribuut', b, nameStart);
    i++;
    while (isSpace(b[i])) i++;
    const quote = b[i];
    if (quote !== DQUOTE && quote !== SQUOTE) {
      throw notWellFormed('attribuutwaarde zonder aanhalingstekens', b, i);
    }
    const valueEnd = find(b, quote, i + 1);
    if (valueEnd === -1) throw notWellFormed('attribuutwaarde niet afgesloten', b, i);
    if (valueEnd - lt > maxText) throw tooLong(limits, b, lt);
    if (namespacePrefix(b, nameStart, nameEnd) !== undefined && isXIncludeNamespace(b, i + 1, valueEnd)) {
      const position = positionAt(b, nameStart);
      throw new XmlRefusal(
        'XML_XINCLUDE_FORBIDDEN',
        `Het bericht declareert de XInclude-namespace${positionText(position)}. XInclude is niet toegestaan; een bericht moet volledig zijn zonder verwijzingen naar andere documenten.`,
        position,
      );
    }
    i = valueEnd + 1;
  }
}

function isXIncludeNamespace(b: Uint8Array, start: number, end: number): boolean {
  if (b.subarray(start, end).indexOf(AMP) === -1) {
    return XINCLUDE_BYTES.some((ns) => ns.length === end - start && startsWith(b, start, ns));
  }
  // The parser expands references in attribute values, so "http&#58;//www.w3.org/..." counts too.
  const value = new TextDecoder().decode(b.subarray(start, end)).replace(REFERENCE, expandReference);
  return XINCLUDE_NAMESPACES.includes(value);
}

// ---------------------------------------------------------------------------------------------------
// Small helpers. Positions are computed only when refusing, so the scan itself never counts lines.

/** Offset just past the first `terminator` at or after `from`; refuses if there is none. */
function endOf(b: Uint8Array, terminator: Uint8Array, from: number, reason: string, start: number): number {
  const at = indexOfSequence(b, terminator, from);
  if (at === -1) throw notWellFormed(reason, b, start);
  return at + terminator.length;
}

/** Up to 10 ASCII letters from `at`, for recognising `<!DOCTYPE` and friends. */
function asciiWord(b: Uint8Array, at: number): string {
  let word = '';
  for (let i = at; i < at + 10; i++) {
    const c = b[i];
    if (c === undefined || !((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) break;
    word += String.fromCharCode(c);
  }
  return word;
}

/** 1-based line and column (in characters, not bytes) of a byte offset. */
export function positionAt(b: Uint8Array, offset: number): XmlPosition {
  let line = 1;
  let lineStart = 0;
  for (let nl = b.indexOf(0x0a); nl !== -1 && nl < offset; nl = b.indexOf(0x0a, nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  let column = 1;
  for (let i = lineStart; i < offset; i++) if ((b[i]! & 0xc0) !== 0x80) column++;
  return { line, column };
}

function empty(): XmlRefusal {
  return new XmlRefusal(
    'XML_EMPTY',
    'Het bericht is leeg of bevat geen root-element. Stuur het volledige iWmo/iJw-bericht als UTF-8 XML.',
  );
}

function notUtf8(reason: string, position?: XmlPosition): XmlRefusal {
  return new XmlRefusal(
    'XML_ENCODING_NOT_UTF8',
    `Het bericht is niet in UTF-8: ${reason}${positionText(position)}. De keten vereist UTF-8 zonder BOM; sla het bericht op als UTF-8 en stuur het opnieuw.`,
    position,
  );
}

function tooDeep(limits: SafeParseLimits, b: Uint8Array, offset: number): XmlRefusal {
  const position = positionAt(b, offset);
  return new XmlRefusal(
    'XML_TOO_DEEP',
    `Het bericht is dieper genest dan ${limits.maxDepth} niveaus${positionText(position)}. iWmo/iJw-berichten zijn minder dan 12 niveaus diep; controleer de structuur van het bericht.`,
    position,
  );
}

function tooLong(limits: SafeParseLimits, b: Uint8Array, offset: number): XmlRefusal {
  const position = positionAt(b, offset);
  return new XmlRefusal(
    'XML_TEXT_TOO_LONG',
    `Een tekst, tag, commentaar of processing instruction is langer dan ${limits.maxTextLength} bytes${positionText(position)}. De langste waarde in iWmo/iJw is 200 tekens; controleer of het bericht niet beschadigd of samengevoegd is.`,
    position,
  );
}

function notWellFormed(
  reason: string,
  b: Uint8Array | null,
  offset: number,
  known?: XmlPosition,
): XmlRefusal {
  const position = known ?? (b ? positionAt(b, offset) : undefined);
  return new XmlRefusal(
    'XML_NOT_WELL_FORMED',
    `Het bericht is geen well-formed XML: ${reason}${positionText(position)}. Corrigeer de XML en stuur het bericht opnieuw.`,
    position,
  );
}

// ---------------------------------------------------------------------------------------------------
// libxml2's own errors. Its text quotes element names and values, so only a curated Dutch reason is
// kept, chosen by recognising the kind of error; the position is libxml2's.

const PARSE_ERROR_REASONS: ReadonlyArray<readonly [RegExp, XmlRefusalCode, string]> = [
  [/^Document is empty/, 'XML_EMPTY', ''],
  [
    /Invalid bytes in character encoding|not proper UTF-8|encoding/i,
    'XML_ENCODING_NOT_UTF8',
    'ongeldige UTF-8-bytes',
  ],
  [/Excessive depth/, 'XML_TOO_DEEP', ''],
  [/huge|too long|too large/i, 'XML_TEXT_TOO_LONG', ''],
  [
    /Opening and ending tag mismatch|Premature end of data|EndTag/,
    'XML_NOT_WELL_FORMED',
    'begin- en eindtag komen niet overeen of een element is niet afgesloten',
  ],
  [
    /Entity '.*' not defined|EntityRef|entity/i,
    'XML_NOT_WELL_FORMED',
    'onbekende entiteit; gebruik alleen &lt; &gt; &amp; &quot; &apos; of tekenreferenties',
  ],
  [
    /Namespace prefix|xmlns|namespace/i,
    'XML_NOT_WELL_FORMED',
    'niet-gedeclareerde namespace-prefix of ongeldige namespace-declaratie',
  ],
  [/Attribute .* redefined/, 'XML_NOT_WELL_FORMED', 'een attribuut komt dubbel voor'],
  [
    /Char 0x|invalid xmlChar|Invalid character|CharRef/i,
    'XML_NOT_WELL_FORMED',
    'een teken dat in XML 1.0 niet is toegestaan',
  ],
  [/Extra content at the end/, 'XML_NOT_WELL_FORMED', 'inhoud na het root-element'],
  [
    /XML declaration allowed only at the start/,
    'XML_NOT_WELL_FORMED',
    'de XML-declaratie staat niet aan het begin',
  ],
  [/Comment|Double hyphen/, 'XML_NOT_WELL_FORMED', 'fout in een commentaar'],
  [/CData/i, 'XML_NOT_WELL_FORMED', 'CDATA-sectie niet afgesloten'],
  [
    /AttValue|attributes construct|Start Tag|Specification mandates value|Unescaped '<'/,
    'XML_NOT_WELL_FORMED',
    'fout in een begintag of attribuutwaarde',
  ],
  [
    /Start tag expected|invalid element name/,
    'XML_NOT_WELL_FORMED',
    'geen geldig element waar een element verwacht werd',
  ],
];

function refusalFromParseError(error: XmlParseError): XmlRefusal {
  const first = error.details.find((d) => d.level >= 2) ?? error.details[0];
  const position = first && first.line > 0 ? { line: first.line, column: Math.max(first.col, 1) } : undefined;
  const text = first?.message ?? '';
  const known = PARSE_ERROR_REASONS.find(([pattern]) => pattern.test(text));
  if (known) {
    const [, code, reason] = known;
    if (code === 'XML_EMPTY') return empty();
    if (code === 'XML_ENCODING_NOT_UTF8') return notUtf8(reason, position);
    if (code === 'XML_TOO_DEEP' || code === 'XML_TEXT_TOO_LONG') {
      return new XmlRefusal(
        code,
        `Het bericht overschrijdt een ingebouwde grens van de XML-parser (${code === 'XML_TOO_DEEP' ? 'nestingsdiepte' : 'lengte'})${positionText(position)}. Controleer de structuur van het bericht.`,
        position,
      );
    }
    return notWellFormed(reason, null, 0, position);
  }
  return notWellFormed('structuurfout', null, 0, position);
}
