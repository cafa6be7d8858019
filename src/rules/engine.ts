/**
 * The level-2 rule engine: every TR, CD and CS rule that can be checked inside one message, indexed once
 * at module load by (standard, message number), so checking a message costs only its applicable rules.
 *
 * A message yields at most one finding per rule code; its locations are the rule's violations in the
 * order found, without repeats (the official report writes one Fout per violation; the report contract of
 * src/validation/report.ts groups them per code).
 */
import type { MessageNumber, StandardId } from '../standard/model.js';
import type { RuleFinding } from '../validation/report.js';
import { cdcsRules } from './cdcs/index.js';
import { trRules } from './tr/index.js';
import type { RuleContext, RuleDef } from './types.js';

export type RuleRunner = (ctx: RuleContext) => RuleFinding[];

function indexKey(standard: StandardId, number: MessageNumber): string {
  return `${standard}:${number}`;
}

/** Rules in report order: by code, so CD before CS before TR and numbers ascending. */
export function byCode(rules: readonly RuleDef[]): RuleDef[] {
  return [...rules].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Builds a runner over `rules`; the (standard, message) index is built here, once. */
export function createRuleRunner(rules: readonly RuleDef[]): RuleRunner {
  const index = new Map<string, RuleDef[]>();
  for (const rule of byCode(rules)) {
    for (const standard of rule.standards) {
      for (const number of rule.messages) {
        const key = indexKey(standard, number);
        const list = index.get(key);
        if (list === undefined) index.set(key, [rule]);
        else list.push(rule);
      }
    }
  }
  return (ctx) => {
    const findings = new Map<string, { rule: RuleDef; locations: Set<string> }>();
    for (const rule of index.get(indexKey(ctx.standard, ctx.number)) ?? []) {
      const violations = rule.check(ctx);
      if (violations.length === 0) continue;
      let finding = findings.get(rule.code);
      if (finding === undefined) {
        finding = { rule, locations: new Set() };
        findings.set(rule.code, finding);
      }
      for (const violation of violations) finding.locations.add(violation.location);
    }
    return [...findings.values()].map(({ rule, locations }) => ({
      code: rule.code,
      retourcode: rule.retourcode,
      locations: [...locations],
      explanation: rule.explanation,
    }));
  };
}

/** Every level-2 rule of both standards. */
export const allRules: readonly RuleDef[] = byCode([...trRules, ...cdcsRules]);

/** Checks one message (in canonical JSON form) against every rule that applies to it. */
export const runRules: RuleRunner = createRuleRunner(allRules);
