/**
 * Shared by the retour tests: loading heen messages, a builder with a fixed clock and ids, and the two
 * checks every produced retour must pass — the project's own schema (via MessageValidator, which also
 * runs the level-2 rules on a 325) and, for iJw, the official retour XSD beside the checkout.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { XmlDocument, XmlValidateError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { expect } from 'vitest';
import { RetourBuilder, type HeenMessage, type Retour } from '../../src/retour/builder.js';
import { packs } from '../../src/standard/packs.js';
import type { ValidationReport } from '../../src/validation/report.js';
import { MessageValidator } from '../../src/validation/validator.js';
import { toXml } from '../../src/xml/from-json.js';
import type { CanonicalMessage, JsonElement } from '../../src/xml/json-form.js';
import { REPO_ROOT, SHARED } from '../support/paths.js';

/** Later than every date in the fixtures, so a built 325 passes TR134/TR137 against its own Dagtekening. */
export const CLOCK = new Date('2026-11-20T12:00:00Z');
export const TODAY = '2026-11-20';

export const FIXTURES = path.join(REPO_ROOT, 'fixtures');

export function fixture(relative: string): string {
  return path.join(FIXTURES, relative);
}

export function official(std: 'iwmo' | 'ijw', name: string): string {
  return path.join(SHARED, `${std}-3.2`, 'examples', `${name}.xml`);
}

/** Ids `ID0001`, `ID0002`, …: predictable, and visibly different per retour. */
export function sequentialIds(prefix = 'ID'): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(4, '0')}`;
}

export function fixedBuilder(options: { now?: Date; id?: string } = {}): RetourBuilder {
  const { now = CLOCK, id } = options;
  return new RetourBuilder({
    now: () => now,
    identificatie: id === undefined ? sequentialIds() : () => id,
  });
}

export interface Loaded extends HeenMessage {
  readonly report: ValidationReport;
}

/** Validates (levels 1 and 2) and returns schema, JSON and report; the document is disposed here. */
export function load(validator: MessageValidator, file: string, bytes = readFileSync(file)): Loaded {
  const inspection = validator.inspect(bytes, file);
  inspection.doc?.dispose();
  const { report, message, json } = inspection;
  if (message === undefined || json === undefined) {
    throw new Error(`${file} is ${report.verdict}: ${JSON.stringify(report.xsd.errors[0] ?? '')}`);
  }
  return { report, message, json };
}

/** Re-serialises a (mutated) JSON form and validates it again, as a sender's message would be. */
export function reload(validator: MessageValidator, heen: HeenMessage, label: string): Loaded {
  const xml = toXml(heen.json, heen.message, packs[heen.message.standard]);
  return load(validator, label, Buffer.from(xml, 'utf8'));
}

export function clone(json: CanonicalMessage): CanonicalMessage {
  return structuredClone(json) as CanonicalMessage;
}

/** `el.a.b[0].c` without casts in every test: throws when a step is missing, so a stale path fails loudly. */
export function at(el: JsonElement, ...steps: readonly (string | number)[]): JsonElement {
  let value: unknown = el;
  for (const step of steps) {
    value = (value as Record<string | number, unknown> | undefined)?.[step];
    if (value === undefined) throw new Error(`no ${steps.join('.')}`);
  }
  return value as JsonElement;
}

/** Heen messages that have an answer: every own valid fixture and official example of 301 … 323. */
export function heenFiles(): string[] {
  const isHeen = (f: string): boolean => /^(WMO|JW)3(01|05|07|15|17|19|23)\b.*\.xml$/.test(f);
  const dirs = [
    fixture('iwmo-3.2/valid'),
    fixture('ijw-3.2/valid'),
    path.join(SHARED, 'iwmo-3.2', 'examples'),
    path.join(SHARED, 'ijw-3.2', 'examples'),
  ];
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter(isHeen)
      .sort()
      .map((f) => path.join(dir, f)),
  );
}

/**
 * Every RetourCodes in a message, by the path of the class that carries it (`[n]` on every list item):
 * the verdict skeleton that lets a built retour be compared with an official example whose data differ.
 */
export function verdicts(bericht: JsonElement): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (el: JsonElement, at: string): void => {
    for (const [name, value] of Object.entries(el)) {
      if (name === 'RetourCodes') out[at] = [...((value as JsonElement).RetourCode as string[])];
      else if (Array.isArray(value)) {
        value.forEach((item, i) => {
          if (typeof item === 'object') walk(item, `${at}/${name}[${i + 1}]`);
        });
      } else if (typeof value === 'object') walk(value, `${at}/${name}`);
    }
  };
  walk(bericht, '/Bericht');
  return out;
}

/** The official retour XSDs (iJw only: the iWmo retour XSDs are not public, FACTS §12), compiled once. */
export class OfficialXsd {
  private readonly compiled = new Map<string, { doc: XmlDocument; validator: XsdValidator }>();

  constructor() {
    xmlRegisterFsInputProviders();
  }

  /** libxml2's messages; [] when valid. */
  errors(xml: string, messageName: string): string[] {
    const { validator } = this.schema(messageName);
    const doc = XmlDocument.fromBuffer(Buffer.from(xml, 'utf8'));
    try {
      validator.validate(doc);
      return [];
    } catch (error) {
      if (error instanceof XmlValidateError) return error.details.map((d) => d.message.trim());
      throw error;
    } finally {
      doc.dispose();
    }
  }

  dispose(): void {
    for (const { doc, validator } of this.compiled.values()) {
      validator.dispose();
      doc.dispose();
    }
    this.compiled.clear();
  }

  private schema(messageName: string): { doc: XmlDocument; validator: XsdValidator } {
    let entry = this.compiled.get(messageName);
    if (entry === undefined) {
      const file = path.join(SHARED, 'ijw-3.2', 'xsd', `${messageName}.xsd`);
      const doc = XmlDocument.fromBuffer(readFileSync(file), { url: file });
      entry = { doc, validator: XsdValidator.fromDoc(doc) };
      this.compiled.set(messageName, entry);
    }
    return entry;
  }
}

/**
 * The checks every built retour must pass: the project's own schema (plus, for a 325, the level-2 rules
 * such as TR342) must accept it, the XML must read back to exactly the JSON the builder returned, and an
 * iJw retour must be valid against the official XSD.
 */
export function expectValidRetour(
  retour: Retour,
  validator: MessageValidator,
  officialXsd: OfficialXsd,
): void {
  const inspection = validator.inspect(Buffer.from(retour.xml, 'utf8'), retour.message.name);
  inspection.doc?.dispose();
  expect(inspection.report.message).toBe(retour.message.name);
  expect(inspection.report.xsd.errors).toEqual([]);
  expect(inspection.report.rules).toEqual([]);
  expect(inspection.report.verdict).toBe('accepted');
  expect(inspection.json).toEqual(retour.json);
  if (retour.message.standard === 'ijw') {
    expect(
      officialXsd.errors(retour.xml, retour.message.name),
      `official ${retour.message.name}.xsd`,
    ).toEqual([]);
  }
}
