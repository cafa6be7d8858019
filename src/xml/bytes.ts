/**
 * Byte-level pieces of XML shared by the two readers of raw message bytes: the safe parser's scan
 * (safe-parse.ts), which decides what may reach libxml2, and the JSON reader (to-json.ts), which takes the
 * values out of bytes libxml2 and the XSD have approved. Hot scans are plain loops: in these messages text
 * runs and values are a few bytes long, where a call to Buffer/TypedArray indexOf costs more than it saves.
 */

export const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
export const COMMENT_END = ascii('-->');
export const PI_END = ascii('?>');
export const CDATA_END = ascii(']]>');
const XMLNS = ascii('xmlns');
const COLON = 0x3a;

export function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** First offset of byte `c` at or after `from`, or -1. */
export function find(b: Uint8Array, c: number, from: number): number {
  for (let i = from; i < b.length; i++) if (b[i] === c) return i;
  return -1;
}

export function startsWith(b: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > b.length) return false;
  for (let k = 0; k < prefix.length; k++) if (b[at + k] !== prefix[k]) return false;
  return true;
}

/**
 * First offset of `sequence` at or after `from`, or -1. For the ends of comments, PIs and CDATA sections,
 * which may be long: the first byte is found with indexOf.
 */
export function indexOfSequence(b: Uint8Array, sequence: Uint8Array, from: number): number {
  const first = sequence[0]!;
  for (let i = b.indexOf(first, from); i !== -1; i = b.indexOf(first, i + 1)) {
    if (startsWith(b, i, sequence)) return i;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8');

/** Names in these messages are ASCII; a non-ASCII name is decoded as UTF-8. */
export function latin1(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c >= 0x80) return utf8.decode(b.subarray(start, end));
    s += String.fromCharCode(c);
  }
  return s;
}

/**
 * The attribute name at `start..end` declares a namespace: '' for `xmlns` (the default namespace), the
 * prefix for `xmlns:p`; undefined for any other attribute.
 */
export function namespacePrefix(b: Uint8Array, start: number, end: number): string | undefined {
  const length = end - start;
  if (length === 5) return startsWith(b, start, XMLNS) ? '' : undefined;
  if (length > 6 && b[start + 5] === COLON && startsWith(b, start, XMLNS)) return latin1(b, start + 6, end);
  return undefined;
}

/** Character and predefined entity references (XML 1.0 §4.1, §4.6); `expandReference` replaces a match. */
export const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function expandReference(whole: string, hex?: string, dec?: string, name?: string): string {
  const code = hex !== undefined ? parseInt(hex, 16) : dec !== undefined ? parseInt(dec, 10) : NaN;
  if (!Number.isNaN(code)) return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  return (name && PREDEFINED[name]) ?? whole;
}
