/**
 * The TR rules against small canonical-JSON messages: each case changes one thing in a minimal valid
 * message and expects exactly the stated findings (codes and locations) from the whole rule set.
 */
import { describe, expect, it } from 'vitest';
import { allRules, createRuleRunner, runRules } from '../../src/rules/engine.js';
import { trRules } from '../../src/rules/tr/index.js';
import type { RuleContext } from '../../src/rules/types.js';
import { STANDARDS } from '../../src/standard/model.js';
import { build, context, RULE_MESSAGES } from './builders.js';
import { TR_CASES, type RuleCase } from './tr-cases.js';

function findingsOf(
  run: (ctx: RuleContext) => readonly { code: string; locations: readonly string[] }[],
  ctx: RuleContext,
) {
  return Object.fromEntries(run(ctx).map((finding) => [finding.code, finding.locations]));
}

function runnerFor(testCase: RuleCase) {
  if (!testCase.isolated) return runRules;
  const rule = trRules.find((r) => r.code === testCase.rule);
  if (rule === undefined) throw new Error(`no rule ${testCase.rule}`);
  return createRuleRunner([rule]);
}

describe('the minimal messages of the tests', () => {
  for (const standard of STANDARDS) {
    for (const number of RULE_MESSAGES) {
      it(`${standard} ${number} passes every rule`, () => {
        expect(runRules(context(standard, number, build(standard, number)))).toEqual([]);
      });
    }
  }
});

describe('TR rules', () => {
  for (const testCase of TR_CASES) {
    for (const standard of testCase.standards ?? STANDARDS) {
      const verdict = Object.keys(testCase.findings).length === 0 ? 'passes' : 'fails';
      it(`${testCase.rule} ${standard} ${testCase.number} ${verdict}: ${testCase.title}`, () => {
        const bericht = build(standard, testCase.number);
        testCase.change(bericht, standard);
        const ctx = context(standard, testCase.number, bericht);
        expect(findingsOf(runnerFor(testCase), ctx)).toEqual(testCase.findings);
      });
    }
  }

  it('reports retourcode 0001 and the rule explanation on every finding', () => {
    const bericht = build('ijw', '323');
    bericht.Declaratie = {
      ...(bericht.Declaratie as object),
      TotaalIngediendBedrag: { TotaalBedrag: 1, DebetCredit: 'D' },
    };
    const [finding] = runRules(context('ijw', '323', bericht));
    const rule = allRules.find((r) => r.code === 'TR358');
    expect(finding).toEqual({
      code: 'TR358',
      retourcode: '0001',
      locations: expect.any(Array),
      explanation: rule?.explanation,
    });
  });
});
