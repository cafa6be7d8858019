/**
 * Canonical JSON (json-form.ts) -> XML: validate against the message's zod schema, then write the XML in
 * model order.
 *
 * Output conventions follow the official examples: UTF-8 declaration; the message namespace under the
 * prefix `jw301`/`wmo301` and the basisschema namespace under `ijw`/`iwmo`, both declared on the root;
 * children of a message class in the message namespace, children of a basisschema type (CDT_) in the
 * basisschema namespace; tab indentation.
 *
 * Why a small writer of our own instead of fast-xml-parser's XMLBuilder: XMLBuilder's documented escaping
 * covers & < > " ' but not the carriage return. A CR written literally is turned into LF by every XML
 * parser (end-of-line handling), so a free-text value with a CR would not survive the round trip; it must
 * be written as `&#13;`. Changing XMLBuilder's entity table needs an undocumented option, and once the
 * escaping is ours the builder adds only an intermediate object tree. The element structure comes from
 * the model here, so the writer is a dozen lines.
 */
import type { MessageSchema, StandardPack } from '../standard/model.js';
import { allMessages, findMessage, packs } from '../standard/packs.js';
import { jsonIssues, zodSchemaFor } from '../standard/zod.js';
import {
  planFor,
  type CanonicalMessage,
  type ChildPlan,
  type ComplexContent,
  type JsonElement,
  type JsonIssue,
  type JsonScalar,
} from './json-form.js';

export type { JsonIssue } from './json-form.js';

export type FromJsonResult = { readonly xml: string } | { readonly issues: JsonIssue[] };

/** Validates a JSON message and serialises it, or returns every issue found (422-style). */
export function fromJson(json: unknown): FromJsonResult {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return issue('$', 'not-an-object', 'Verwacht een JSON-object met message, release en Bericht.');
  }
  const name = (json as Record<string, unknown>).message;
  if (name === undefined) {
    return issue(
      '$.message',
      'missing',
      'Verplicht element message ontbreekt: de naam van het bericht, bv. JW301.',
    );
  }
  if (typeof name !== 'string') {
    return issue('$.message', 'wrong-type', 'Verwacht tekst: de naam van het bericht, bv. JW301.');
  }
  const message = findMessage(name);
  if (!message) {
    return issue('$.message', 'unknown-message', `Onbekend bericht; bekend zijn: ${KNOWN_NAMES}.`);
  }
  const pack = packs[message.standard];
  const result = zodSchemaFor(message, pack).safeParse(json);
  if (!result.success) return { issues: jsonIssues(result.error, json) };
  return { xml: toXml(result.data, message, pack) };
}

const KNOWN_NAMES = allMessages()
  .map((m) => m.name)
  .join(', ');

function issue(path: string, code: JsonIssue['code'], message: string): FromJsonResult {
  return { issues: [{ path, code, message }] };
}

/**
 * Serialises a message that already satisfies `zodSchemaFor(message, pack)`. Exported for code that builds
 * the canonical form itself (e.g. retour messages) and has no need to validate it again.
 */
export function toXml(json: CanonicalMessage, message: MessageSchema, pack: StandardPack): string {
  const plan = planFor(message, pack);
  const messagePrefix = message.name.toLowerCase();
  const basisPrefix = pack.standard;
  const prefixOf = (namespace: string): string =>
    namespace === message.namespace ? messagePrefix : basisPrefix;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];

  const writeComplex = (value: JsonElement, content: ComplexContent, depth: number): void => {
    for (const child of content.children) {
      const v = value[child.name];
      if (v === undefined) continue;
      const items = child.repeated ? (v as (JsonScalar | JsonElement)[]) : [v as JsonScalar | JsonElement];
      for (const item of items) writeElement(item, child, depth);
    }
  };

  const writeElement = (value: JsonScalar | JsonElement, child: ChildPlan, depth: number): void => {
    const tag = `${prefixOf(child.namespace)}:${child.name}`;
    const indent = '\t'.repeat(depth);
    if (child.content.kind === 'simple') {
      out.push(`${indent}<${tag}>${escapeText(String(value))}</${tag}>\n`);
      return;
    }
    out.push(`${indent}<${tag}>\n`);
    writeComplex(value as JsonElement, child.content, depth + 1);
    out.push(`${indent}</${tag}>\n`);
  };

  const rootTag = `${messagePrefix}:${plan.root.name}`;
  out.push(
    `<${rootTag} xmlns:${messagePrefix}="${escapeAttribute(message.namespace)}" xmlns:${basisPrefix}="${escapeAttribute(message.basisNamespace)}">\n`,
  );
  writeComplex(json.Bericht, plan.root.content as ComplexContent, 1);
  out.push(`</${rootTag}>\n`);
  return out.join('');
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Written as a reference: a literal CR would come back as LF after end-of-line normalisation.
  '\r': '&#13;',
};

/** Escapes character data. `>` is escaped too, so `]]>` in a value cannot end up in the document. */
export function escapeText(value: string): string {
  return value.replace(/[&<>"'\r]/g, (c) => TEXT_ESCAPES[c] as string);
}

/** Attribute values also normalise tab and newline unless written as references. */
function escapeAttribute(value: string): string {
  return escapeText(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
