/**
 * Validation of one message, levels 1 and 2, producing the report of report.ts:
 * safe parse -> identify -> XSD (the project's own schemas) -> in-message rules.
 *
 * Everything expensive happens once per process: schemas are compiled on first use and cached; each
 * message is parsed once by libxml2 and that one document serves identification and XSD validation; the
 * rules read the JSON form, which is read from the same bytes once libxml2 and the XSD have approved them.
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
import { toJson } from '../xml/to-json.js';
import type { CanonicalMessage } from '../xml/json-form.js';
import { runRules, type RuleRunner } from '../rules/engine.js';
import type { ValidationReport, XsdError } from './report.js';

export interface ValidatorOptions {
  readonly limits?: Partial<SafeParseLimits>;
  readonly schemasDir?: string;
  /**
   * The level-2 rules (default: all of them). `false` stops after the XSD, without building the JSON
   * form: for callers that only need the level-1 verdict, such as the XSD benchmark.
   */
  readonly rules?: RuleRunner | false;
}

/** A parsed, identified message; the caller owns `doc` and must dispose it. */
export interface Inspection {
  readonly report: ValidationReport;
  readonly doc?: XmlDocument;
  readonly message?: MessageSchema;
  /** The canonical JSON form, present once the message is XSD-valid (the rules read it). */
  readonly json?: CanonicalMessage;
}

export class MessageValidator {
  private readonly schemas = new XsdValidatorCache();
  private readonly schemasDir: string;
  private readonly rules: RuleRunner | false;

  constructor(private readonly options: ValidatorOptions = {}) {
    this.schemasDir = options.schemasDir ?? SCHEMAS_DIR;
    this.rules = options.rules ?? runRules;
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
    const pack = packs[message.standard];
    const base = { file, standard: message.standard, message: message.name, release: pack.release.label };
    const xsd = this.schemas.validate(doc, this.schemaPath(message));
    if (!xsd.valid) {
      return { report: { ...base, verdict: 'xsd-invalid', xsd, rules: [] }, doc, message };
    }
    if (!this.rules) {
      return { report: { ...base, verdict: 'accepted', xsd, rules: [] }, doc, message };
    }
    // The JSON form is built once; the rules, the converter and the pipeline share it.
    const json = toJson(bytes, message, pack);
    const rules = this.rules({
      standard: message.standard,
      number: message.number,
      messageName: message.name,
      bericht: json.Bericht,
    });
    return {
      report: { ...base, verdict: rules.length > 0 ? 'rejected' : 'accepted', xsd, rules },
      doc,
      message,
      json,
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
