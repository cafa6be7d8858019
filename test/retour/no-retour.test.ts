/**
 * When no retour exists (FACTS §2.3 level 1, §1): XSD-invalid or unreadable input, and messages that are
 * themselves answers. The channel answers the first two with a Fo01 (a later issue); here the builder
 * must refuse with a typed error that names the reason and no client data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NoRetourError, type NoRetourReason } from '../../src/retour/builder.js';
import { MessageValidator } from '../../src/validation/validator.js';
import { fixedBuilder, fixture, load, official } from './support.js';

const validator = new MessageValidator();
afterAll(() => validator.dispose());

interface InvalidFixture {
  readonly file: string;
  readonly expectedVerdict: string;
}
const manifest = JSON.parse(readFileSync(fixture('invalid/manifest.json'), 'utf8')) as {
  canaryBsn: string;
  canarySurname: string;
  files: InvalidFixture[];
};
const CANARY = new RegExp(`${manifest.canaryBsn}|${manifest.canarySurname}`, 'i');

function refusal(run: () => unknown): NoRetourError {
  try {
    run();
  } catch (error) {
    if (error instanceof NoRetourError) return error;
    throw error;
  }
  throw new Error('expected a NoRetourError');
}

function fromFile(file: string): NoRetourError {
  const inspection = validator.inspect(readFileSync(file), path.basename(file));
  try {
    return refusal(() => fixedBuilder().fromInspection(inspection));
  } finally {
    inspection.doc?.dispose();
  }
}

describe('no retour for input that fails level 1', () => {
  const files = manifest.files.filter(
    (f) => f.expectedVerdict === 'xsd-invalid' || f.expectedVerdict === 'unreadable',
  );
  it('has invalid fixtures of both kinds', () => {
    expect(new Set(files.map((f) => f.expectedVerdict))).toEqual(new Set(['xsd-invalid', 'unreadable']));
  });
  for (const { file, expectedVerdict } of files) {
    it(`${file}: NoRetourError ${expectedVerdict}`, () => {
      const error = fromFile(fixture(`invalid/${file}`));
      expect(error.reason).toBe(expectedVerdict as NoRetourReason);
      expect(error.message).toMatch(/^Geen retourbericht: /);
      expect(error.message).not.toMatch(CANARY);
    });
  }
});

describe('no retour for a message that is itself an answer', () => {
  const answers = [
    fixture('ijw-3.2/valid/JW302.xml'),
    fixture('iwmo-3.2/valid/WMO308.xml'),
    fixture('ijw-3.2/valid/JW325.xml'),
    fixture('iwmo-3.2/valid/WMO325.xml'),
    official('ijw', 'JW316'),
    official('ijw', 'JW320'),
  ];
  for (const file of answers) {
    it(`${path.basename(file)}: NoRetourError no-retour-message`, () => {
      const error = fromFile(file);
      expect(error.reason).toBe('no-retour-message');
      expect(error.messageName).toBe(path.basename(file, '.xml'));
    });
  }

  it('build() refuses an answer message as well', () => {
    const heen = load(validator, fixture('ijw-3.2/valid/JW325.xml'));
    expect(refusal(() => fixedBuilder().build(heen)).reason).toBe('no-retour-message');
  });
});

describe('misuse', () => {
  it('refuses an inspection made without the level-2 rules: its verdict would be a guess', () => {
    const withoutRules = new MessageValidator({ rules: false });
    try {
      const inspection = withoutRules.inspect(readFileSync(fixture('ijw-3.2/valid/JW301.xml')), 'JW301');
      inspection.doc?.dispose();
      expect(() => fixedBuilder().fromInspection(inspection)).toThrow(/without rules/);
    } finally {
      withoutRules.dispose();
    }
  });

  it('refuses JSON of another message than the schema handed in', () => {
    const jw301 = load(validator, fixture('ijw-3.2/valid/JW301.xml'));
    const jw305 = load(validator, fixture('ijw-3.2/valid/JW305.xml'));
    expect(() => fixedBuilder().build({ message: jw305.message, json: jw301.json })).toThrow(/JW301/);
  });
});
