/**
 * Validation of one message, levels 1 and 2, producing the report of report.ts:
 * safe parse -> identify -> XSD (the project's own schemas) -> in-message rules.
 *
 * Everything expensive happens once per process: schemas are compiled on first use and cached; each
 * message is parsed once and that one document serves identification, XSD validation and the rules.
 */
import path from 'node:path';
import type { XmlDocument } from 'libxml2-wasm';
import { safeParse, type SafeParseLimits } from '../xml/safe-parse.js';
import { XmlRefusal } from '../xml/errors.js';
import { XsdValidatorCache } from '../xml/xsd-validator.js';
import { identify } from '../xml/identify.js';
import { schemaFileName, schemaFolder } from '../standard/xsd/generate.js';
import { packs } from '../standard/packs.js';
import type { MessageSchema } from '../standard/model.js';
import { SCHEMAS_DIR } from '../paths.js';
import type { RuleFinding, ValidationReport, XsdError } from './report.js';

/** The level-2 rule engine plugs in here (a later issue); it sees the already parsed document. */
export type RuleRunner = (doc: XmlDocument, message: MessageSchema) => readonly RuleFinding[];

export interface ValidatorOptions {
  readonly limits?: Partial<SafeParseLimits>;
  readonly schemasDir?: string;
  readonly rules?: RuleRunner;
}

/** A parsed, identified message; the caller owns `doc` and must dispose it. */
export interface Inspection {
  readonly report: ValidationReport;
  readonly doc?: XmlDocument;
  readonly message?: MessageSchema;
}

export class MessageValidator {
  private readonly schemas = new XsdValidatorCache();
  private readonly schemasDir: string;

  constructor(private readonly options: ValidatorOptions = {}) {
    this.schemasDir = options.schemasDir ?? SCHEMAS_DIR;
  }

  /** Validates and returns just the report. */
  validate(bytes: Uint8Array, file: string): ValidationReport {
    const { report, doc } = this.inspect(bytes, file);
    doc?.dispose();
    return report;
  }

  /** Validates and hands back the parsed document too, for callers that go on (convert, retour). */
  inspect(bytes: Uint8Array, file: string): Inspection {
    let doc: XmlDocument;
    try {
      doc = safeParse(bytes, this.options.limits);
    } catch (error) {
      if (error instanceof XmlRefusal) return { report: unreadable(file, refusalError(error)) };
      throw error;
    }
    const message = identify(doc);
    if (!message) {
      doc.dispose();
      return {
        report: unreadable(file, {
          line: 1,
          column: 1,
          path: '/',
          message:
            'Geen bekend iWmo/iJw 3.2-bericht: de namespace van het root-element Bericht hoort bij geen van de 28 berichten. Controleer de namespace en de release.',
        }),
      };
    }
    const base = {
      file,
      standard: message.standard,
      message: message.name,
      release: packs[message.standard].release.label,
    };
    const xsd = this.schemas.validate(doc, this.schemaPath(message));
    if (!xsd.valid) {
      return { report: { ...base, verdict: 'xsd-invalid', xsd, rules: [] }, doc, message };
    }
    const rules = this.options.rules?.(doc, message) ?? [];
    return {
      report: { ...base, verdict: rules.length > 0 ? 'rejected' : 'accepted', xsd, rules },
      doc,
      message,
    };
  }

  schemaPath(message: MessageSchema): string {
    return path.join(this.schemasDir, schemaFolder(packs[message.standard]), schemaFileName(message));
  }

  dispose(): void {
    this.schemas.dispose();
  }
}

function refusalError(error: XmlRefusal): XsdError {
  return {
    line: error.line ?? 0,
    column: error.column ?? 0,
    path: '/',
    message: `${error.code}: ${error.message}`,
  };
}

function unreadable(file: string, error: XsdError): ValidationReport {
  return {
    file,
    standard: null,
    message: null,
    release: null,
    verdict: 'unreadable',
    xsd: { valid: false, errors: [error] },
    rules: [],
  };
}
