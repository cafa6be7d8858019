/**
 * The one validator both sides of the conformance comparison go through: libxml2-wasm, each XSD compiled
 * once by absolute path. Using the same engine for the official and the project's schemas means any
 * difference in verdict is a difference in the schemas, not in validators.
 */
import { readFileSync } from 'node:fs';
import { ParseOption, XmlDocument, XmlParseError, XmlValidateError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

// Without the fs input provider libxml2-wasm cannot open `basisschema.xsd` named by xs:import.
xmlRegisterFsInputProviders();

/** 'unparseable' is its own verdict: a not-well-formed document is rejected before any schema is consulted. */
export type Verdict = 'valid' | 'invalid' | 'unparseable';

// No network and no external entities: the documents under test are generated and must never reach out.
export const PARSE_OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;

/** Parses bytes the way the validator does; throws XmlParseError when not well-formed. */
export function parseXml(bytes: Uint8Array, url?: string): XmlDocument {
  return XmlDocument.fromBuffer(
    bytes,
    url === undefined ? { option: PARSE_OPTIONS } : { url, option: PARSE_OPTIONS },
  );
}

export class SchemaValidators {
  private readonly compiled = new Map<string, XsdValidator>();

  /** Compiles (once) the XSD at `absPath`; its url lets libxml2 resolve relative imports next to it. */
  get(absPath: string): XsdValidator {
    let validator = this.compiled.get(absPath);
    if (!validator) {
      const schemaDoc = parseXml(readFileSync(absPath), absPath);
      try {
        validator = XsdValidator.fromDoc(schemaDoc);
      } finally {
        schemaDoc.dispose();
      }
      this.compiled.set(absPath, validator);
    }
    return validator;
  }

  /** Verdicts of several schemas on one document, parsed once. */
  verdicts(bytes: Uint8Array, schemaPaths: readonly string[]): Verdict[] {
    let doc: XmlDocument;
    try {
      doc = parseXml(bytes);
    } catch (error) {
      if (error instanceof XmlParseError) return schemaPaths.map(() => 'unparseable');
      throw error;
    }
    try {
      return schemaPaths.map((schemaPath) => verdictOf(this.get(schemaPath), doc));
    } finally {
      doc.dispose();
    }
  }

  verdict(bytes: Uint8Array, schemaPath: string): Verdict {
    const [verdict] = this.verdicts(bytes, [schemaPath]);
    if (verdict === undefined) throw new Error('unreachable: one schema gives one verdict');
    return verdict;
  }

  dispose(): void {
    for (const validator of this.compiled.values()) validator.dispose();
    this.compiled.clear();
  }
}

function verdictOf(validator: XsdValidator, doc: XmlDocument): Verdict {
  try {
    validator.validate(doc);
    return 'valid';
  } catch (error) {
    // XsdValidator signals "invalid" by throwing; the details (which may quote document values) are
    // deliberately not kept. Anything else (a disposed document, an engine fault) is a test bug.
    if (error instanceof XmlValidateError) return 'invalid';
    throw error;
  }
}
