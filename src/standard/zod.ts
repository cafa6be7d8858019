/**
 * zod schemas of the canonical JSON form (src/xml/json-form.ts), derived from the model, one per message.
 *
 * The schema accepts exactly the JSON documents that serialise to XML the message's XSD accepts, as far as
 * the XSD can tell: strict objects (unknown keys are errors), arrays for unbounded elements, and every facet
 * of the simple types (lengths, ranges, patterns, code lists, the fixed BerichtCode and versions), plus the
 * lexical rules of xs:date/xs:time including real calendar dates. What it does not check are the standard's
 * rules (CS/CD/TR): those belong to the rule engine, as in the XML pipeline.
 *
 * Every check carries its own Dutch message that names the rule, never the value: values may be BSNs.
 */
import * as z from 'zod';
import type { MessageSchema, SimpleType, StandardPack } from './model.js';
import {
  formatJsonPath,
  planFor,
  type CanonicalMessage,
  type ChildPlan,
  type ComplexContent,
  type JsonIssue,
  type JsonIssueCode,
} from '../xml/json-form.js';

const schemas = new WeakMap<MessageSchema, z.ZodType<CanonicalMessage>>();

/** The zod schema of the whole JSON document of `message` (`{ message, release, Bericht }`), cached. */
export function zodSchemaFor(message: MessageSchema, pack: StandardPack): z.ZodType<CanonicalMessage> {
  let schema = schemas.get(message);
  if (!schema) {
    schema = buildSchema(message, pack);
    schemas.set(message, schema);
  }
  return schema;
}

function buildSchema(message: MessageSchema, pack: StandardPack): z.ZodType<CanonicalMessage> {
  const plan = planFor(message, pack);
  const complexSchemas = new Map<ComplexContent, z.ZodType>();

  const complexSchema = (content: ComplexContent): z.ZodType => {
    const known = complexSchemas.get(content);
    if (known) return known;
    const shape: Record<string, z.ZodType> = {};
    for (const child of content.children) shape[child.name] = childSchema(child);
    // The root type is called Root in the model; people know the element as Bericht.
    const label = content === plan.root.content ? plan.root.name : content.typeName;
    const schema = z.strictObject(shape, { error: `Verwacht een object met de elementen van ${label}.` });
    complexSchemas.set(content, schema);
    return schema;
  };

  const childSchema = (child: ChildPlan): z.ZodType => {
    let schema =
      child.content.kind === 'complex'
        ? complexSchema(child.content)
        : simpleSchema(child.content.type, child.content.json, child.fixedPattern, message, pack);
    if (child.repeated) {
      schema = z
        .array(schema, { error: `${child.name} kan vaker voorkomen en is daarom altijd een lijst (array).` })
        .min(1, { error: `Lege lijst: laat ${child.name} weg of geef minstens één waarde.` });
    }
    return child.optional ? schema.optional() : schema;
  };

  const document = z.strictObject(
    {
      message: z.literal(message.name, { error: `Verwacht ${JSON.stringify(message.name)}.` }),
      release: z.literal(pack.release.label, {
        error: `Verwacht ${JSON.stringify(pack.release.label)}: deze poort spreekt release ${pack.release.label}.`,
      }),
      Bericht: complexSchema(plan.root.content as ComplexContent),
    },
    { error: 'Verwacht een object met message, release en Bericht.' },
  );
  return document as unknown as z.ZodType<CanonicalMessage>;
}

/** The schema of one simple value; `fixedPattern` is the element's inline restriction, if any. */
function simpleSchema(
  type: SimpleType,
  json: 'string' | 'integer',
  fixedPattern: string | undefined,
  message: MessageSchema,
  pack: StandardPack,
): z.ZodType {
  const patterns = (type.patterns ?? []).map((p) => ({ source: p, regexp: xsdPatternToRegExp(p) }));
  const fixed =
    fixedPattern === undefined
      ? undefined
      : { source: fixedPattern, regexp: xsdPatternToRegExp(fixedPattern) };
  const fixedError = {
    error: `Heeft in ${message.name} een vaste waarde (patroon ${fixedPattern ?? ''}).`,
    params: { code: 'fixed-value' satisfies JsonIssueCode },
  };

  if (json === 'integer') {
    let schema: z.ZodType<number> = z
      .int({ error: `Verwacht een geheel getal (JSON-number zonder decimalen) voor ${type.name}.` })
      .min(type.minInclusive ?? Number.MIN_SAFE_INTEGER, {
        error: `Kleiner dan het minimum ${type.minInclusive ?? ''} van ${type.name}.`,
      })
      .max(type.maxInclusive ?? Number.MAX_SAFE_INTEGER, {
        error: `Groter dan het maximum ${type.maxInclusive ?? ''} van ${type.name}.`,
      });
    // XSD patterns constrain the lexical form; String(n) is exactly what the serialiser writes.
    for (const p of patterns) {
      schema = schema.refine((n) => p.regexp.test(String(n)), {
        error: patternMessage(p.source, type),
        params: { code: 'pattern' satisfies JsonIssueCode },
      });
    }
    if (fixed) schema = schema.refine((n) => fixed.regexp.test(String(n)), fixedError);
    return schema;
  }

  if (type.codeList) {
    const list = pack.codeLists[type.codeList];
    if (!list)
      throw new Error(`${type.name}: code list ${type.codeList} is not in the ${pack.standard} pack`);
    // A code that failed the type's other facets could never pass the XSD; keep the ones that can.
    const codes = list.values
      .map((v) => v.code)
      .filter((code) => lengthOk(code, type) && patterns.every((p) => p.regexp.test(code)));
    const [first, ...rest] = codes;
    if (first === undefined) throw new Error(`${type.name}: no usable code in ${type.codeList}`);
    let schema: z.ZodType<string> = z.enum([first, ...rest], {
      error: `Geen code uit codelijst ${type.codeList} (${type.name}).`,
    });
    if (fixed) schema = schema.refine((s) => fixed.regexp.test(s), fixedError);
    return schema;
  }

  let schema: z.ZodType<string> = z.string({ error: `Verwacht tekst (JSON-string) voor ${type.name}.` });
  // The lexical checks come first and abort: the patterns then only ever see a string of bounded length
  // in the right lexical space, which keeps backtracking patterns cheap.
  switch (type.base) {
    case 'date':
      schema = schema.refine(isXsdDate, {
        error: `Geen geldige datum: verwacht JJJJ-MM-DD zonder tijdzone, een dag die in de kalender bestaat (${type.name}).`,
        params: { code: 'invalid-date' satisfies JsonIssueCode },
        abort: true,
      });
      break;
    case 'time':
      schema = schema.refine(isXsdTime, {
        error: `Geen geldige tijd: verwacht uu:mm:ss, eventueel met fracties van seconden, zonder tijdzone (${type.name}).`,
        params: { code: 'invalid-time' satisfies JsonIssueCode },
        abort: true,
      });
      break;
    case 'integer':
      // An xs:integer identifier (LDT_Nummer) carried as a string in its canonical form.
      schema = schema
        .refine((s) => CANONICAL_INTEGER.test(s), {
          error: `Verwacht een geheel getal als tekst, zonder teken of voorloopnullen (${type.name}).`,
          params: { code: 'pattern' satisfies JsonIssueCode },
          abort: true,
        })
        .refine((s) => type.minInclusive === undefined || BigInt(s) >= BigInt(type.minInclusive), {
          error: `Kleiner dan het minimum ${type.minInclusive ?? ''} van ${type.name}.`,
          params: { code: 'too-small' satisfies JsonIssueCode },
          abort: true,
        })
        .refine((s) => type.maxInclusive === undefined || BigInt(s) <= BigInt(type.maxInclusive), {
          error: `Groter dan het maximum ${type.maxInclusive ?? ''} van ${type.name}.`,
          params: { code: 'too-large' satisfies JsonIssueCode },
          abort: true,
        });
      break;
    case 'string':
      schema = schema.refine((s) => XML_CHARS.test(s), {
        error: 'Bevat een teken dat in XML niet mag voorkomen (een stuurteken of een losse surrogaat).',
        params: { code: 'invalid-character' satisfies JsonIssueCode },
        abort: true,
      });
      break;
  }
  if (type.minLength !== undefined) {
    const min = type.minLength;
    schema = schema.refine((s) => codePoints(s, min) >= min, {
      error: `Te kort: minimaal ${min} ${min === 1 ? 'teken' : 'tekens'} (${type.name}).`,
      params: { code: 'too-short' satisfies JsonIssueCode },
      abort: true,
    });
  }
  if (type.maxLength !== undefined) {
    const max = type.maxLength;
    schema = schema.refine((s) => codePoints(s, max) <= max, {
      error: `Te lang: maximaal ${max} tekens (${type.name}).`,
      params: { code: 'too-long' satisfies JsonIssueCode },
      abort: true,
    });
  }
  for (const p of patterns) {
    schema = schema.refine((s) => p.regexp.test(s), {
      error: patternMessage(p.source, type),
      params: { code: 'pattern' satisfies JsonIssueCode },
    });
  }
  if (fixed) schema = schema.refine((s) => fixed.regexp.test(s), fixedError);
  return schema;
}

function patternMessage(source: string, type: SimpleType): string {
  return `Voldoet niet aan het patroon ${source} van ${type.name}.`;
}

function lengthOk(value: string, type: SimpleType): boolean {
  const n = [...value].length;
  return (
    (type.minLength === undefined || n >= type.minLength) &&
    (type.maxLength === undefined || n <= type.maxLength)
  );
}

/**
 * The length XSD means: characters (code points), not UTF-16 units, so an emoji counts once. Counting
 * stops early past `limit`, and a string whose UTF-16 length is within bounds needs no count at all.
 */
function codePoints(value: string, limit: number): number {
  if (value.length <= limit) {
    let n = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      // A high surrogate followed by a low one is one character.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
        const d = value.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
      n++;
    }
    return n;
  }
  // More UTF-16 units than the limit: at least ceil(length / 2) characters; count only as far as needed.
  let n = 0;
  for (const _ of value) {
    if (++n > limit) return n;
  }
  return n;
}

/** XML 1.0 Char: a value with anything else cannot be written into an XML document at all. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

const CANONICAL_INTEGER = /^(0|-?[1-9][0-9]*)$/;

/** xs:date without time zone; the zone is also excluded by the type's own `[^:Z]*` pattern (RS032). */
const XSD_DATE = /^(-?(?:[1-9][0-9]{3,}|0[0-9]{3}))-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/**
 * An xs:date that exists in the calendar. Leap years as libxml2 counts them: the rule applied to the year
 * number as written (so -0004 is a leap year), and year 0000 does not exist (XSD 1.0).
 */
export function isXsdDate(value: string): boolean {
  const m = XSD_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year === 0) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** xs:time without time zone; 24:00:00 is the XSD 1.0 end-of-day form (libxml2 accepts it). */
const XSD_TIME = /^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)$/;

export function isXsdTime(value: string): boolean {
  return XSD_TIME.test(value);
}

/**
 * Translates an XSD regular expression to an anchored JS RegExp (`u` flag). XSD patterns match the whole
 * value; `^` and `$` are ordinary characters; `.` excludes only \n and \r; `\s` is exactly space, tab, CR
 * and LF; `\d` is any Unicode decimal digit. Constructs we do not need (`\i`, `\c`, `\w`, `\p{..}`, class
 * subtraction) are refused so that a new pattern in the model fails loudly instead of silently.
 *
 * The translation follows the XSD spec, also where libxml2 does not: libxml2 drops a trailing `-` from a
 * negated class, so it reads LDT_Tijd's `[^Z+-]+` as `[^Z+]+` and accepts `12:00:00-01:00`. The standard
 * means "no time zone" (the spec reading), so the JSON form refuses that value even though the XSD
 * validation in this project lets it through. test/standard/zod.test.ts pins this as the only difference.
 */
export function xsdPatternToRegExp(pattern: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const e = pattern[++i];
      if (e === undefined) throw new Error(`XSD pattern ends in a backslash: ${pattern}`);
      out += translateEscape(e, inClass, pattern);
      continue;
    }
    if (inClass) {
      if (c === '[') throw new Error(`XSD character class subtraction is not supported: ${pattern}`);
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    switch (c) {
      case '[':
        inClass = true;
        out += '[';
        if (pattern[i + 1] === '^') {
          out += '^';
          i++;
        }
        break;
      case '.':
        out += '[^\\n\\r]';
        break;
      case '^':
      case '$':
        out += '\\' + c;
        break;
      default:
        out += c;
    }
  }
  if (inClass) throw new Error(`XSD pattern has an unclosed character class: ${pattern}`);
  return new RegExp(`^(?:${out})$`, 'u');
}

const SINGLE_CHAR_ESCAPES = new Set(['\\', '|', '.', '?', '*', '+', '(', ')', '{', '}', '[', ']', '^', '-']);

function translateEscape(e: string, inClass: boolean, pattern: string): string {
  switch (e) {
    case 'n':
    case 'r':
    case 't':
      return '\\' + e;
    case 's':
      return inClass ? ' \\t\\n\\r' : '[ \\t\\n\\r]';
    case 'S':
      if (inClass) throw new Error(`\\S inside a character class is not supported: ${pattern}`);
      return '[^ \\t\\n\\r]';
    case 'd':
      return '\\p{Nd}';
    case 'D':
      if (inClass) throw new Error(`\\D inside a character class is not supported: ${pattern}`);
      return '\\P{Nd}';
    default:
      if (!SINGLE_CHAR_ESCAPES.has(e)) throw new Error(`XSD escape \\${e} is not supported: ${pattern}`);
      // With the `u` flag JS allows `\-` only inside a class; outside one a hyphen needs no escape.
      return e === '-' && !inClass ? '-' : '\\' + e;
  }
}

/**
 * zod's issues as the 422-style list of the JSON API. Structural problems get their message here (they
 * depend on what was sent: a missing key, a list where one value belongs); value problems keep the message
 * of the check that failed. `input` is the document that was validated, used only to tell a missing element
 * from a wrongly typed one.
 */
export function jsonIssues(error: z.ZodError, input: unknown): JsonIssue[] {
  const issues: JsonIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({
          path: formatJsonPath([...path, key]),
          code: 'unknown-key',
          message:
            'Onbekend element: het model van dit bericht kent op deze plaats geen element met deze naam.',
        });
      }
      continue;
    }
    const value = valueAt(input, path);
    const name = String(path.findLast((segment) => typeof segment === 'string') ?? '');
    let code: JsonIssueCode;
    let message = issue.message;
    if (value === undefined) {
      code = 'missing';
      message = `Verplicht element ${name} ontbreekt.`;
    } else if (issue.code === 'too_small' && issue.origin === 'array') {
      code = 'empty-array';
    } else if (issue.code === 'invalid_type' && issue.expected === 'array') {
      code = 'expected-array';
    } else if (Array.isArray(value) && !(issue.code === 'invalid_type' && issue.expected === 'array')) {
      code = 'expected-single';
      message = `${name} komt hooguit één keer voor: geef één waarde, geen lijst.`;
    } else if (issue.code === 'invalid_value' && path.length > 1 && typeof value !== 'string') {
      // A code list value sent as a number (`"Geslacht": 1`): a type error, not a wrong code.
      code = 'wrong-type';
      message = 'Verwacht tekst (JSON-string): een code uit de codelijst.';
    } else {
      code = codeOf(issue, path);
    }
    issues.push({ path: formatJsonPath(path), code, message });
  }
  return issues;
}

function codeOf(issue: z.core.$ZodIssue, path: readonly PropertyKey[]): JsonIssueCode {
  switch (issue.code) {
    case 'invalid_type':
      return 'wrong-type';
    case 'too_small':
      return 'too-small';
    case 'too_big':
      return 'too-large';
    case 'invalid_format':
      return 'pattern';
    case 'invalid_value':
      // The only literals are the document's `message` and `release`; every other enum is a code list.
      return path.length === 1 ? 'fixed-value' : 'not-in-code-list';
    case 'custom': {
      const code = (issue.params as { code?: JsonIssueCode } | undefined)?.code;
      return code ?? 'invalid-value';
    }
    default:
      return 'invalid-value';
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
