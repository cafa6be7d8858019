/**
 * The CD and CS rules: every rule, in every standard it applies to, has a message that fails that rule
 * and no other CD/CS rule (with the official XSLT's locations), and a near miss that passes them all.
 * The builders themselves are XSD-valid and pass every rule, and so do the official example messages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cdcsRules, passesElfproef, xsdEnforced } from '../../src/rules/cdcs/index.js';
import { addDaysCarry, addMonthsCarry, carryDate } from '../../src/rules/cdcs/xslt-dates.js';
import type { JsonElement } from '../../src/rules/types.js';
import type { MessageNumber, StandardId } from '../../src/standard/model.js';
import { packs } from '../../src/standard/packs.js';
import { MessageValidator } from '../../src/validation/validator.js';
import { fromJson } from '../../src/xml/from-json.js';
import { identify } from '../../src/xml/identify.js';
import { safeParse } from '../../src/xml/safe-parse.js';
import { toJson } from '../../src/xml/to-json.js';
import { officialExamples } from '../support/paths.js';
import { bericht, BUILT_MESSAGES, messageName, type Node } from './cdcs-builders.js';
import type { Case } from './cdcs-cases.js';
import { failing } from './cdcs-failing.js';
import { passing } from './cdcs-passing.js';

const STANDARDS: readonly StandardId[] = ['iwmo', 'ijw'];

/** code -> locations, for every CD/CS rule that applies to the message and fails on it. */
function runAll(
  number: MessageNumber,
  standard: StandardId,
  message: Node | JsonElement,
): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const rule of cdcsRules) {
    if (!rule.messages.includes(number) || !rule.standards.includes(standard)) continue;
    const violations = rule.check({
      standard,
      number,
      messageName: messageName(number, standard),
      // The builders' elements also admit RetourCode's string arrays, which types.ts's JsonValue leaves out.
      bericht: message as JsonElement,
    });
    if (violations.length > 0) found[rule.code] = violations.map((violation) => violation.location);
  }
  return found;
}

function ruleFor(code: string) {
  const rule = cdcsRules.find((candidate) => candidate.code === code);
  if (!rule) throw new Error(`no rule ${code}`);
  return rule;
}

function standardsOf(testCase: Case): readonly StandardId[] {
  return testCase.standards ?? ruleFor(testCase.rule).standards;
}

function edited(testCase: Case, standard: StandardId): Node {
  const message = bericht(testCase.message, standard);
  testCase.edit(message, standard);
  return message;
}

describe('the builders', () => {
  const validator = new MessageValidator();
  for (const standard of STANDARDS) {
    for (const number of BUILT_MESSAGES) {
      it(`${messageName(number, standard)} is XSD-valid and passes every CD/CS rule`, () => {
        const message = bericht(number, standard);
        const converted = fromJson({
          message: messageName(number, standard),
          release: '3.2',
          Bericht: message,
        });
        if (!('xml' in converted)) throw new Error(JSON.stringify(converted.issues));
        const report = validator.validate(new TextEncoder().encode(converted.xml), `${number}.xml`);
        expect(report.xsd.errors).toEqual([]);
        expect(runAll(number, standard, message)).toEqual({});
      });
    }
  }
});

describe('failing cases: exactly the rule under test fails, at the official locations', () => {
  for (const testCase of failing) {
    for (const standard of standardsOf(testCase)) {
      it(`${testCase.rule} ${messageName(testCase.message, standard)}: ${testCase.title}`, () => {
        const found = runAll(testCase.message, standard, edited(testCase, standard));
        expect(found).toEqual({ [testCase.rule]: [...testCase.locations], ...testCase.together });
      });
    }
  }
});

describe('passing cases: near misses pass every CD/CS rule', () => {
  for (const testCase of passing) {
    for (const standard of standardsOf(testCase)) {
      it(`${testCase.rule} ${messageName(testCase.message, standard)}: ${testCase.title}`, () => {
        expect(runAll(testCase.message, standard, edited(testCase, standard))).toEqual({});
      });
    }
  }
});

describe('the rule set', () => {
  it('has every CD/CS rule the official XSLT applies, once, in code order', () => {
    const codes = cdcsRules.map((rule) => rule.code);
    expect(codes).toEqual([
      ...['CD005', 'CD007', 'CD009', 'CD025', 'CD034', 'CD041', 'CD043', 'CD060', 'CD066', 'CD067', 'CD068'],
      ...['CD075', 'CD076', 'CD077', 'CD078', 'CD079', 'CD080', 'CD085', 'CD086', 'CD087', 'CD095', 'CD096'],
      ...['CS002', 'CS003', 'CS050', 'CS058', 'CS089', 'CS100', 'CS139', 'CS318', 'CS325', 'CS335', 'CS336'],
      ...['CS337', 'CS338', 'CS339', 'CS340', 'CS343'],
    ]);
  });

  it('lists the constraints the XSD enforces instead, with a reason, and has no rule for them', () => {
    expect(xsdEnforced.map((entry) => entry.code)).toEqual(['CS015', 'CS025', 'CS319']);
    for (const entry of xsdEnforced) {
      expect(entry.reason.length).toBeGreaterThan(20);
      expect(cdcsRules.some((rule) => rule.code === entry.code)).toBe(false);
    }
  });

  it('applies CS318 only in iJw and every other rule in both standards', () => {
    for (const rule of cdcsRules) {
      expect(rule.standards).toEqual(rule.code === 'CS318' ? ['ijw'] : ['iwmo', 'ijw']);
    }
  });

  for (const rule of cdcsRules) {
    describe(rule.code, () => {
      it('is a level-2 rule of its kind with retourcode 0001 and a Dutch explanation without client data', () => {
        expect(rule.kind).toBe(rule.code.slice(0, 2));
        expect(rule.level).toBe(2);
        expect(rule.retourcode).toBe('0001');
        expect(rule.explanation.length).toBeGreaterThan(40);
        // A fix hint in Dutch: an imperative such as "Vul", "Laat", "Pas", "Gebruik", ...
        expect(rule.explanation).toMatch(
          /\b(vul|laat|pas|gebruik|zet|maak|declareer|controleer|corrigeer)\b/i,
        );
        // No digit run that could be a BSN, AGB code or date of a person.
        expect(rule.explanation).not.toMatch(/\d{5,}/);
      });

      for (const standard of rule.standards) {
        it(`has a failing and a passing case in ${standard}`, () => {
          const applies = (testCase: Case): boolean =>
            testCase.rule === rule.code && standardsOf(testCase).includes(standard);
          expect(failing.some(applies), 'failing case').toBe(true);
          expect(passing.some(applies), 'passing case').toBe(true);
        });
      }
    });
  }
});

describe('the official example messages', () => {
  const heen = officialExamples().filter((file) => !/(302|306|308|316|318|320)\.xml$/.test(file));

  for (const file of heen) {
    it(`${file.split('/').at(-1) ?? file} passes every CD/CS rule, as with the official XSLT`, () => {
      const bytes = readFileSync(file);
      const doc = safeParse(bytes);
      try {
        const message = identify(doc);
        if (!message) throw new Error('not identified');
        const json = toJson(bytes, message, packs[message.standard]);
        expect(runAll(message.number, message.standard, json.Bericht as JsonElement)).toEqual({});
      } finally {
        doc.dispose();
      }
    });
  }
});

describe('the elfproef of the official XSLT', () => {
  it.each([
    ['123456782', true],
    ['999900006', true],
    ['111222333', true],
    ['000000000', true],
    ['123456789', false],
    ['999999999', false],
    ['12345678X', false],
    ['', false],
  ])('%s -> %s', (bsn, expected) => {
    expect(passesElfproef(bsn)).toBe(expected);
  });
});

describe('the date arithmetic of the official XSLT (CS340)', () => {
  it('carries overflowing days and months', () => {
    expect(carryDate(20230229)).toBe(20230301);
    expect(carryDate(20240229)).toBe(20240229);
    expect(carryDate(20231232)).toBe(20240101);
    expect(carryDate(20231315)).toBe(20240115);
    expect(carryDate(20230431)).toBe(20230501);
  });

  it('treats every year divisible by 4 as a leap year, 2100 included', () => {
    expect(carryDate(21000229)).toBe(21000229);
    expect(carryDate(21000230)).toBe(21000301);
  });

  it('adds a day and a month as CS340 compares them', () => {
    expect(addDaysCarry('2026-03-31', 1)).toBe(20260401);
    expect(addMonthsCarry('2026-03-01', 1)).toBe(20260401);
    expect(addMonthsCarry('2023-01-31', 1)).toBe(20230303);
    expect(addMonthsCarry('2025-12-01', 1)).toBe(20260101);
    expect(addDaysCarry('', 1)).toBeUndefined();
  });
});
