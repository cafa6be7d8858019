/**
 * The canonical JSON form of an iWmo 3.2 / iJw 3.2 message, shared by XML -> JSON (to-json.ts), JSON -> XML
 * (from-json.ts) and the zod schemas of the JSON API (standard/zod.ts).
 *
 * ```json
 * { "message": "JW301", "release": "3.2", "Bericht": { "Header": { ... }, "Client": { ... } } }
 * ```
 *
 * - `message` is the message name (`WMO301`, `JW325`); `release` the release label (`3.2`). Together they
 *   fix the namespace, so the form carries no namespaces or prefixes at all.
 * - `Bericht` holds the root element. Every element is a key named by its local name, in the order of the
 *   model (= the XSD sequence). Children of a basisschema type (CDT_) and of a message class look alike:
 *   which namespace an element lives in follows from the model, not from the JSON.
 * - An element declared with maxOccurs `unbounded` is ALWAYS a JSON array, also with one item, so a
 *   consumer never has to test "object or array". Arrays are never empty: an absent element is an absent key.
 * - An optional element that is absent in the XML is an absent key (never `null`, never `""`).
 * - A simple value is a JSON string or a JSON integer, decided per simple type by `jsonKind` below:
 *   strings for identifiers, codes, text, dates (`YYYY-MM-DD`, the xs:date lexical form without zone) and
 *   times (`hh:mm:ss[.s+]`); integers for the amounts, volumes and counters the standard types as
 *   xs:integer. Identifiers stay strings so leading zeros survive (Bsn `012345672`, AGB code, gemeente
 *   `0384`), and ToewijzingNummer (LDT_Nummer) is a string too although the XSD types it xs:integer: it is
 *   a key that back-offices match on, not a quantity.
 * - Values are carried in their XSD canonical lexical form: integers (also the identifier integers) without
 *   sign or leading zeros; dates, times and integers without the surrounding whitespace that their XSD
 *   whiteSpace=collapse facet ignores. String values are carried exactly as in the XML (whiteSpace=preserve).
 * - No attributes: the standard declares none. (An `xsi:schemaLocation` on the root, which a validator
 *   tolerates, is not carried.)
 */
import type {
  ComplexType,
  ElementDecl,
  JsonKind,
  MessageClass,
  MessageSchema,
  SimpleType,
  StandardPack,
} from '../standard/model.js';

/** A message in the canonical JSON form. */
export interface CanonicalMessage {
  readonly message: string;
  readonly release: string;
  readonly Bericht: JsonElement;
}

export type JsonScalar = string | number;

/** The JSON form of one complex element: child name -> value, array for an unbounded child. */
export interface JsonElement {
  [name: string]: JsonScalar | JsonElement | JsonScalar[] | JsonElement[];
}

/** Stable machine codes of a problem with a JSON message; the text of an issue is for people. */
export type JsonIssueCode =
  | 'not-an-object'
  | 'unknown-message'
  | 'missing'
  | 'unknown-key'
  | 'wrong-type'
  | 'expected-array'
  | 'expected-single'
  | 'empty-array'
  | 'invalid-character'
  | 'too-short'
  | 'too-long'
  | 'too-small'
  | 'too-large'
  | 'pattern'
  | 'fixed-value'
  | 'not-in-code-list'
  | 'invalid-date'
  | 'invalid-time'
  | 'invalid-value';

/**
 * One problem with a JSON message, 422-style. `path` is a JSON path (`$.Bericht.Client.Bsn`,
 * `...ToegewezenProduct[1].Einddatum`, zero-based indexes). `message` never quotes the offending value: it
 * may be a BSN or a name.
 */
export interface JsonIssue {
  readonly path: string;
  readonly code: JsonIssueCode;
  readonly message: string;
}

/**
 * xs:integer types that are identifiers, not quantities: carried as strings. Every other xs:integer type
 * (LDT_Bedrag, LDT_TotaalBedrag, LDT_Volume, LDT_Budget, LDT_BerichtVersie, LDT_BerichtSubversie,
 * LDT_Huisnummer, LDT_RelatieVolgorde) is a JSON integer.
 */
export const IDENTIFIER_INTEGER_TYPES: ReadonlySet<string> = new Set(['LDT_Nummer']);

/** The one table deciding how a simple type is carried in JSON. */
export function jsonKind(type: SimpleType): JsonKind {
  if (type.base === 'integer' && !IDENTIFIER_INTEGER_TYPES.has(type.name)) return 'integer';
  return 'string';
}

/** The content model of an element whose type is a simple (LDT_) type. */
export interface SimpleContent {
  readonly kind: 'simple';
  readonly type: SimpleType;
  readonly json: JsonKind;
}

/** The content model of an element whose type is a message class or a basisschema complex type. */
export interface ComplexContent {
  readonly kind: 'complex';
  /** Class or CDT_ name, for messages and errors. */
  readonly typeName: string;
  /** Namespace of the children: the message namespace for a class, the basisschema one for a CDT_. */
  readonly childNamespace: string;
  readonly children: readonly ChildPlan[];
  readonly byName: ReadonlyMap<string, ChildPlan>;
  /** How many children are mandatory, so a reader can tell "all there" by counting. */
  readonly mandatory: number;
}

/** One element declaration, resolved against the pack: everything the converters need, computed once. */
export interface ChildPlan {
  readonly name: string;
  readonly namespace: string;
  /** Position in the parent's sequence. */
  readonly index: number;
  readonly optional: boolean;
  readonly repeated: boolean;
  /** The inline restriction of this element (fixed BerichtCode, BerichtVersie, ...), if any. */
  readonly fixedPattern?: string;
  readonly content: SimpleContent | ComplexContent;
}

export interface MessagePlan {
  readonly message: MessageSchema;
  readonly pack: StandardPack;
  /** The root element `Bericht`. */
  readonly root: ChildPlan;
}

const plans = new WeakMap<MessageSchema, MessagePlan>();

/**
 * The resolved element tree of a message, cached per message: resolving names against the pack once keeps
 * the per-message work of the converters down to map look-ups.
 */
export function planFor(message: MessageSchema, pack: StandardPack): MessagePlan {
  let plan = plans.get(message);
  if (!plan) {
    plan = buildPlan(message, pack);
    plans.set(message, plan);
  }
  return plan;
}

function buildPlan(message: MessageSchema, pack: StandardPack): MessagePlan {
  // Keyed by type name: Contact (301) and the CDT_ types are shared by several parents.
  const complexByType = new Map<string, ComplexContent>();
  const simpleByType = new Map<string, SimpleContent>();

  const complexContent = (typeName: string, node: MessageClass | ComplexType): ComplexContent => {
    const known = complexByType.get(typeName);
    if (known) return known;
    const children: ChildPlan[] = [];
    const byName = new Map<string, ChildPlan>();
    const content = {
      kind: 'complex' as const,
      typeName,
      childNamespace: node.kind === 'class' ? message.namespace : message.basisNamespace,
      children,
      byName,
      mandatory: 0,
    };
    // Registered before the children are resolved, so a (hypothetical) recursive type terminates.
    complexByType.set(typeName, content);
    for (const decl of node.elements) {
      if (decl.only !== undefined && decl.only !== message.standard) continue;
      const child = childPlan(decl, content.childNamespace, children.length);
      if (byName.has(child.name))
        throw new Error(`${message.name}: ${typeName} declares ${child.name} twice`);
      children.push(child);
      byName.set(child.name, child);
      if (!child.optional) content.mandatory++;
    }
    return content;
  };

  const childPlan = (decl: ElementDecl, namespace: string, index: number): ChildPlan => {
    const fixed =
      typeof decl.fixedPattern === 'function' ? decl.fixedPattern(message.standard) : decl.fixedPattern;
    return {
      name: decl.name,
      namespace,
      index,
      optional: decl.min === 0,
      repeated: decl.max === 'unbounded',
      ...(fixed !== undefined ? { fixedPattern: fixed } : {}),
      content: resolve(decl),
    };
  };

  // Same precedence as the XSD generator: a message class first, then the basisschema types.
  const resolve = (decl: ElementDecl): SimpleContent | ComplexContent => {
    const cls = message.classes[decl.type];
    if (cls) return complexContent(decl.type, cls);
    const simple = pack.simpleTypes[decl.type];
    if (simple) {
      let content = simpleByType.get(decl.type);
      if (!content) {
        content = { kind: 'simple', type: simple, json: jsonKind(simple) };
        simpleByType.set(decl.type, content);
      }
      return content;
    }
    const complex = pack.complexTypes[decl.type];
    if (complex) return complexContent(decl.type, complex);
    throw new Error(`${message.name}: unknown type ${decl.type} of element ${decl.name}`);
  };

  const root: ChildPlan = {
    name: 'Bericht',
    namespace: message.namespace,
    index: 0,
    optional: false,
    repeated: false,
    content: complexContent(message.root.name, message.root),
  };
  return { message, pack, root };
}

/**
 * The XSD canonical lexical form of an xs:integer (`+007` -> `7`, `-0` -> `0`). The argument must already
 * match `[+-]?[0-9]+`.
 */
export function canonicalInteger(lexical: string): string {
  let sign = '';
  let digits = lexical;
  if (digits.startsWith('+') || digits.startsWith('-')) {
    sign = digits[0] === '-' ? '-' : '';
    digits = digits.slice(1);
  }
  digits = digits.replace(/^0+(?=[0-9])/, '');
  return digits === '0' ? '0' : sign + digits;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `['Bericht', 'Client', 'ToegewezenProduct', 1]` -> `$.Bericht.Client.ToegewezenProduct[1]`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}
