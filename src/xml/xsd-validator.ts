/**
 * XSD validation with schemas compiled once per process: compiling JW301.xsd with its basisschema costs
 * far more than validating a message, so each schema file is compiled on first use, keyed by absolute
 * path, and kept until dispose(). Issues come back with local-name paths and values redacted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ParseOption,
  XmlDocument,
  XmlElement,
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
  type ErrorDetail,
  type XmlInputProvider,
} from 'libxml2-wasm';
import { fsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { localNamePath, redactSchemaMessage } from './redact.js';

export interface XsdIssue {
  /** 1-based; 0 when libxml2 gives no line. */
  readonly line: number;
  /** libxml2 gives no column for schema errors, so this is usually 0 (unknown). */
  readonly column: number;
  /** Local names only, as the official validation report writes it: `/Bericht/Client/Bsn`. */
  readonly path: string;
  /** libxml2's text with every document value replaced by a placeholder. */
  readonly message: string;
}

export interface XsdResult {
  readonly valid: boolean;
  readonly errors: readonly XsdIssue[];
}

export interface XsdValidatorCacheOptions {
  /**
   * Issues reported per document (default 200); the rest is summarised in one closing issue. A hostile
   * document can yield an error per element; nobody acts on more than a screenful.
   */
  readonly maxIssues?: number;
}

const VALID: XsdResult = Object.freeze({ valid: true, errors: Object.freeze([]) as readonly XsdIssue[] });

interface CompiledSchema {
  readonly doc: XmlDocument;
  readonly validator: XsdValidator;
}

export class XsdValidatorCache {
  /** By the path as the caller spelled it (fast path) and by absolute path (the identity). */
  private readonly byArgument = new Map<string, CompiledSchema>();
  private readonly byAbsolute = new Map<string, CompiledSchema>();
  private readonly maxIssues: number;

  constructor(options: XsdValidatorCacheOptions = {}) {
    this.maxIssues = options.maxIssues ?? 200;
  }

  /** Compiles the schema now (e.g. at start-up, so a broken schema fails early); idempotent. */
  load(schemaPath: string): void {
    this.schema(schemaPath);
  }

  /** Validates a parsed document against the schema file at `schemaPath`. */
  validate(doc: XmlDocument, schemaPath: string): XsdResult {
    const { validator } = this.schema(schemaPath);
    try {
      validator.validate(doc);
      return VALID;
    } catch (error) {
      if (error instanceof XmlValidateError) return { valid: false, errors: this.issues(doc, error.details) };
      throw error;
    }
  }

  /** Number of compiled schemas. */
  get size(): number {
    return this.byAbsolute.size;
  }

  dispose(): void {
    for (const { doc, validator } of this.byAbsolute.values()) {
      validator.dispose();
      doc.dispose();
    }
    this.byAbsolute.clear();
    this.byArgument.clear();
  }

  private schema(schemaPath: string): CompiledSchema {
    const cached = this.byArgument.get(schemaPath);
    if (cached) return cached;
    const absolute = path.resolve(schemaPath);
    const compiled = this.byAbsolute.get(absolute) ?? compile(absolute);
    this.byAbsolute.set(absolute, compiled);
    this.byArgument.set(schemaPath, compiled);
    return compiled;
  }

  private issues(doc: XmlDocument, details: readonly ErrorDetail[]): XsdIssue[] {
    const shown = details.slice(0, this.maxIssues).map((detail) => ({
      line: detail.line,
      column: detail.col,
      path: detail.xpath ? issuePath(doc, detail.xpath) : '/',
      message: redactSchemaMessage(detail.message),
    }));
    if (details.length > this.maxIssues) {
      shown.push({
        line: 0,
        column: 0,
        path: '/',
        message: `Nog ${details.length - this.maxIssues} XSD-fouten niet getoond (maximaal ${this.maxIssues} per bericht).`,
      });
    }
    return shown;
  }
}

function compile(absolute: string): CompiledSchema {
  registerSchemaInputProvider();
  // The url lets libxml2 resolve `<xs:import schemaLocation="basisschema.xsd">` beside the file.
  const doc = XmlDocument.fromBuffer(readFileSync(absolute), {
    url: absolute,
    option: ParseOption.XML_PARSE_NONET,
  });
  try {
    // The schema document stays alive with the validator: libxml2's compiled schema may point into it.
    return { doc, validator: XsdValidator.fromDoc(doc) };
  } catch (error) {
    doc.dispose();
    // Schemas are the project's own files, not client data, so libxml2's text may be shown in full.
    const detail =
      error instanceof XmlValidateError
        ? error.details.map((d) => d.message.trim()).join('; ')
        : String(error);
    throw new Error(`XSD ${absolute} kan niet worden gecompileerd: ${detail}`, { cause: error });
  }
}

/**
 * libxml2 reads imported schemas through registered input providers. Only `.xsd` files are served: the
 * provider is process-wide, and no message parse has any business reading a file (the byte scan in
 * safe-parse already refuses DTDs and XInclude; this keeps a second door shut).
 */
const schemaFilesOnly: XmlInputProvider = {
  ...fsInputProviders,
  match: (filename) => /\.xsd$/i.test(filename) && fsInputProviders.match(filename),
};
let providerRegistered = false;

function registerSchemaInputProvider(): void {
  if (providerRegistered) return;
  xmlRegisterInputProvider(schemaFilesOnly);
  providerRegistered = true;
}

/**
 * The local-name path of an issue. libxml2 writes elements in a default namespace as `*[n]` (position
 * among all element siblings); those steps are resolved on the document so the path names them.
 */
function issuePath(doc: XmlDocument, xpath: string): string {
  if (!xpath.includes('*')) return localNamePath(xpath);
  const out: string[] = [];
  let parent: XmlElement | null = null;
  for (const step of xpath.split('/').slice(1)) {
    const match = /^(?:([^:[\]]+):)?([^:[\]]+)(?:\[(\d+)\])?$/.exec(step);
    if (!match) return localNamePath(xpath);
    const [, prefix = '', name = '', nth] = match;
    const siblings: XmlElement[] = parent ? elementChildren(parent) : [doc.root];
    const candidates: XmlElement[] =
      name === '*' ? siblings : siblings.filter((e) => e.name === name && e.prefix === prefix);
    const chosen: XmlElement | undefined = candidates[nth ? Number(nth) - 1 : 0];
    if (!chosen) return localNamePath(xpath);
    if (name === '*') {
      const sameName = siblings.filter((e) => e.name === chosen.name);
      out.push(sameName.length > 1 ? `${chosen.name}[${sameName.indexOf(chosen) + 1}]` : chosen.name);
    } else {
      out.push(nth ? `${name}[${nth}]` : name);
    }
    parent = chosen;
  }
  return `/${out.join('/')}`;
}

function elementChildren(element: XmlElement): XmlElement[] {
  // XPath rather than firstChild/next: in libxml2-wasm 0.7 a processing-instruction node has no `next`,
  // so a sibling walk would stop at the first PI between elements.
  return element.find('*').filter((node): node is XmlElement => node instanceof XmlElement);
}
