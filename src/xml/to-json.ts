/**
 * XML -> canonical JSON (json-form.ts), by walking the document the safe parser already built, guided by
 * the model. The project parses every message once; conversion reuses that tree instead of the bytes.
 *
 * Why the libxml2-wasm DOM and not fast-xml-parser: measured side by side in one process (Node 20, one
 * core), this whole conversion ran about twice as fast as fast-xml-parser's parse alone (removeNSPrefix,
 * parseTagValue off, before any model-guided post-processing): JW301 ~2,070 vs ~980 msgs/s, the 292 kB
 * JW323-large fixture 48 vs 24/s (both under the same heavy machine load; absolute figures in
 * bench/validate.ts). libxml2-wasm's node getters read straight from wasm memory; the cost that remains
 * is creating a JS object per visited node, which is why leaves are read in one call (see simpleValue).
 * And it needs no second parse of bytes the safe parser has already vetted.
 *
 * The input is expected to be XSD-valid (validation runs first). The walk still checks, on the element
 * nodes it visits anyway, that they fit the model (unknown element or namespace, order, multiplicity,
 * mandatory children, integer lexical form) and throws `XmlToJsonError` rather than produce JSON that does
 * not fit. What would need extra reads from wasm per node is left to the XSD: text beside child elements
 * (mixed content), elements inside a simple-typed element, and the facets of values. Attributes, comments
 * and processing instructions are ignored.
 */
import { XmlElement, XmlEntityReference, type XmlDocument, type XmlTreeNode } from 'libxml2-wasm';
import type { MessageSchema, StandardPack } from '../standard/model.js';
import {
  canonicalInteger,
  planFor,
  type CanonicalMessage,
  type ChildPlan,
  type ComplexContent,
  type JsonElement,
  type JsonScalar,
  type SimpleContent,
} from './json-form.js';

export type XmlToJsonErrorCode =
  | 'wrong-root'
  | 'unknown-element'
  | 'out-of-order'
  | 'repeated-element'
  | 'missing-element'
  | 'unexpected-content'
  | 'not-an-integer';

/**
 * The document does not fit the model of its message. `path` uses local names (`/Bericht/Client/Foo`),
 * like the validator's XSD errors; the message never quotes element content.
 */
export class XmlToJsonError extends Error {
  override readonly name = 'XmlToJsonError';
  constructor(
    readonly code: XmlToJsonErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/** Converts an (XSD-valid) document of `schema` to the canonical JSON form. */
export function toJson(doc: XmlDocument, schema: MessageSchema, pack: StandardPack): CanonicalMessage {
  const plan = planFor(schema, pack);
  const root = doc.root;
  if (root.name !== plan.root.name || root.namespaceUri !== plan.root.namespace) {
    throw new XmlToJsonError(
      'wrong-root',
      `/${root.name}`,
      `root element is not {${plan.root.namespace}}${plan.root.name} of ${schema.name}`,
    );
  }
  return {
    message: schema.name,
    release: pack.release.label,
    Bericht: complexValue(root, plan.root.content as ComplexContent),
  };
}

function complexValue(el: XmlElement, content: ComplexContent): JsonElement {
  const out: JsonElement = {};
  let last = -1;
  // Text nodes are skipped unread: indentation is insignificant, and other text in element-only content is
  // an XSD error reported before conversion. Reading each one cost ~20% of throughput on JW301 (measured).
  for (let node: XmlTreeNode | null = el.firstChild; node !== null; node = node.next) {
    if (node instanceof XmlElement) {
      const child = content.byName.get(node.name);
      if (child === undefined || node.namespaceUri !== child.namespace) {
        throw new XmlToJsonError(
          'unknown-element',
          pathOf(node),
          `element {${node.namespaceUri}}${node.name} is not allowed in ${content.typeName}`,
        );
      }
      if (child.index < last || (child.index === last && !child.repeated)) {
        throw new XmlToJsonError(
          child.index === last ? 'repeated-element' : 'out-of-order',
          pathOf(node),
          child.index === last
            ? `${child.name} may occur only once in ${content.typeName}`
            : `${child.name} is out of the order of ${content.typeName}`,
        );
      }
      last = child.index;
      const value = childValue(node, child);
      if (child.repeated) {
        const list = out[child.name] as (JsonScalar | JsonElement)[] | undefined;
        if (list) list.push(value);
        else out[child.name] = [value] as JsonScalar[] | JsonElement[];
      } else {
        out[child.name] = value;
      }
    } else if (node instanceof XmlEntityReference) {
      // Only a document parsed without entity substitution has these; the safe parser refuses DTDs.
      throw new XmlToJsonError('unexpected-content', pathOf(el), 'unexpanded entity reference');
    }
  }
  for (const child of content.children) {
    if (!child.optional && out[child.name] === undefined) {
      throw new XmlToJsonError(
        'missing-element',
        `${pathOf(el)}/${child.name}`,
        `mandatory element ${child.name} of ${content.typeName} is missing`,
      );
    }
  }
  return out;
}

function childValue(el: XmlElement, child: ChildPlan): JsonScalar | JsonElement {
  return child.content.kind === 'complex' ? complexValue(el, child.content) : simpleValue(el, child.content);
}

function simpleValue(el: XmlElement, content: SimpleContent): JsonScalar {
  // One call for the whole text (libxml2 concatenates text and CDATA children). Walking the children
  // instead would create a JS node object per leaf, which halved throughput on JW301 (measured: ~2,800
  // vs ~5,500 msgs/s). It also means child elements inside a simple-typed element go unnoticed: the XSD
  // validation that precedes conversion has already excluded them.
  const text = el.content;
  const base = content.type.base;
  // xs:string keeps its whitespace (whiteSpace=preserve); the other built-ins collapse it, so the XSD
  // ignores surrounding whitespace there and so does the canonical form.
  if (base === 'string') return text;
  const collapsed = trimXmlWhitespace(text);
  if (base !== 'integer') return collapsed;
  if (!INTEGER.test(collapsed)) {
    throw new XmlToJsonError('not-an-integer', pathOf(el), `${content.type.name} needs an xs:integer`);
  }
  if (content.json === 'string') return canonicalInteger(collapsed);
  const value = Number(collapsed);
  if (!Number.isSafeInteger(value)) {
    throw new XmlToJsonError('not-an-integer', pathOf(el), `${content.type.name} is out of the JSON range`);
  }
  // `-0` would print as 0 but is a distinct JSON-side value in JS; normalise it.
  return value === 0 ? 0 : value;
}

const INTEGER = /^[+-]?[0-9]+$/;

function trimXmlWhitespace(text: string): string {
  // Fast path: values straight from a generator carry no padding.
  if (text.length === 0) return text;
  const first = text.charCodeAt(0);
  const lastChar = text.charCodeAt(text.length - 1);
  if (first > 0x20 && lastChar > 0x20) return text;
  return text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
}

/** `/Bericht/Client/Foo`, built only when an error is thrown so the happy path does no string work. */
function pathOf(el: XmlElement): string {
  const names: string[] = [];
  for (let e: XmlElement | null = el; e !== null; e = e.parent) names.push(e.name);
  return '/' + names.reverse().join('/');
}
