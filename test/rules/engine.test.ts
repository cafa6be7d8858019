/**
 * The rule set as a whole: every rule is well-formed, explained and tested, the TR set is exactly what
 * the official XSLT implements, and the engine runs only what applies and groups findings per code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { allRules, byCode, createRuleRunner, runRules } from '../../src/rules/engine.js';
import type { RuleDef } from '../../src/rules/types.js';
import { RULESET_VERSION } from '../../src/rules/version.js';
import { STANDARDS } from '../../src/standard/model.js';
import { build, context } from './builders.js';
import { failing } from './cdcs-failing.js';
import { passing } from './cdcs-passing.js';
import { TR_CASES } from './tr-cases.js';

const TECHNICAL_RULES = fileURLToPath(
  new URL('../../../shared/istandaard/rules/technical-rules.json', import.meta.url),
);

const trRules = allRules.filter((rule) => rule.kind === 'TR');

describe('every rule', () => {
  it.each(allRules.map((rule) => [rule.code, rule] as const))(
    '%s is well-formed and explained',
    (code, rule) => {
      expect(code).toMatch(/^(TR|CD|CS)\d{3}$/);
      expect(code.slice(0, 2)).toBe(rule.kind);
      expect(rule.level).toBe(2);
      expect(rule.retourcode).toBe('0001');
      expect(rule.messages.length).toBeGreaterThan(0);
      expect(rule.standards.length).toBeGreaterThan(0);
      // A Dutch explanation with a fix hint: several sentences, no long digit runs (BSN, AGB, amounts).
      expect(rule.explanation.length).toBeGreaterThan(60);
      expect(rule.explanation.trim()).toMatch(/[.)]$/);
      expect(rule.explanation).not.toMatch(/\d{6,}/);
    },
  );

  it('has a unique code', () => {
    const codes = allRules.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is listed in code order', () => {
    expect(allRules.map((r) => r.code)).toEqual(byCode(allRules).map((r) => r.code));
  });
});

describe('test coverage of the rules', () => {
  for (const rule of trRules) {
    for (const standard of rule.standards) {
      for (const number of rule.messages) {
        const cases = TR_CASES.filter(
          (c) => c.rule === rule.code && c.number === number && (c.standards ?? STANDARDS).includes(standard),
        );
        it(`${rule.code} ${standard} ${number} has a failing and a passing case`, () => {
          expect(cases.some((c) => rule.code in c.findings)).toBe(true);
          expect(cases.some((c) => !(rule.code in c.findings))).toBe(true);
        });
      }
    }
  }

  // The CD/CS cases (cdcs-failing.ts, cdcs-passing.ts) are written by the same pattern: a failing case per
  // message and standard, and at least one near miss per standard (the minimal messages pass everything).
  for (const rule of allRules.filter((r) => r.kind !== 'TR')) {
    for (const standard of rule.standards) {
      const applies = (c: { rule: string; standards?: readonly string[] }): boolean =>
        c.rule === rule.code && (c.standards ?? rule.standards).includes(standard);
      it(`${rule.code} ${standard} has a passing case`, () => {
        expect(passing.some(applies)).toBe(true);
      });
      for (const number of rule.messages) {
        it(`${rule.code} ${standard} ${number} has a failing case`, () => {
          expect(failing.some((c) => applies(c) && c.message === number)).toBe(true);
        });
      }
    }
  }
});

describe.runIf(existsSync(TECHNICAL_RULES))('the TR set against the reference data', () => {
  interface TechnicalRule {
    code: string;
    messages: string[];
    in_official_xslt: { iwmo: boolean; ijw: boolean };
  }
  const reference = (JSON.parse(readFileSync(TECHNICAL_RULES, 'utf8')) as { rules: TechnicalRule[] }).rules;
  const inXslt = reference.filter((r) => r.in_official_xslt.iwmo || r.in_official_xslt.ijw);

  it('holds exactly the TR rules the official XSLT implements', () => {
    expect(trRules.map((r) => r.code)).toEqual(inXslt.map((r) => r.code).sort());
  });

  it.each(inXslt.map((r) => [r.code, r] as const))(
    '%s applies to the same standards and messages',
    (code, ref) => {
      const rule = trRules.find((r) => r.code === code);
      const standards = STANDARDS.filter((s) => ref.in_official_xslt[s]);
      expect(rule?.standards).toEqual(standards);
      // TR101 also runs on the 319 (the XSLT keys Antwoord); otherwise the messages are the reference's.
      expect(rule?.messages.filter((m) => !(code === 'TR101' && m === '319'))).toEqual(ref.messages);
    },
  );
});

describe('the engine', () => {
  const probe = (code: string, overrides: Partial<RuleDef> = {}): RuleDef => ({
    code,
    kind: 'TR',
    level: 2,
    retourcode: '0001',
    messages: ['323'],
    standards: ['ijw'],
    explanation: `Uitleg ${code}.`,
    check: vi.fn(() => [{ location: '/Bericht/A' }, { location: '/Bericht/B' }, { location: '/Bericht/A' }]),
    ...overrides,
  });

  it('runs only the rules of the message and standard, and groups locations per code without repeats', () => {
    const applicable = probe('TR900');
    const otherStandard = probe('TR901', { standards: ['iwmo'] });
    const otherMessage = probe('TR902', { messages: ['301'] });
    const run = createRuleRunner([applicable, otherStandard, otherMessage]);
    const findings = run(context('ijw', '323', build('ijw', '323')));
    expect(findings).toEqual([
      {
        code: 'TR900',
        retourcode: '0001',
        locations: ['/Bericht/A', '/Bericht/B'],
        explanation: 'Uitleg TR900.',
      },
    ]);
    expect(applicable.check).toHaveBeenCalledTimes(1);
    expect(otherStandard.check).not.toHaveBeenCalled();
    expect(otherMessage.check).not.toHaveBeenCalled();
  });

  it('orders findings by code, whatever order the rules come in', () => {
    const run = createRuleRunner([probe('TR900'), probe('CS900'), probe('CD900')]);
    expect(run(context('ijw', '323', build('ijw', '323'))).map((f) => f.code)).toEqual([
      'CD900',
      'CS900',
      'TR900',
    ]);
  });

  it('gives no findings for a message without rules (a retour)', () => {
    expect(runRules({ standard: 'ijw', number: '302', messageName: 'JW302', bericht: {} })).toEqual([]);
  });

  it('has a rule-set version usable as XsltVersie (n.n.n)', () => {
    expect(RULESET_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
