/**
 * The rule fixtures (fixtures/rules, written by scripts/generate-rule-fixtures.ts from the rule test cases)
 * through the real command: each file gets exactly the verdict and rule codes its manifest states, the
 * checked-in files are what the generator writes today, and every rule has, in every standard it applies
 * to, a file that fails that rule alone and a file that passes it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateRuleFixtures,
  MANIFEST_FILE,
  RULE_FIXTURES_DIR,
  type NotAsFile,
  type RuleFixture,
  type RuleFixtureManifest,
} from '../../scripts/generate-rule-fixtures.js';
import { allRules } from '../../src/rules/engine.js';
import { STANDARDS, type StandardId } from '../../src/standard/model.js';
import type { ValidationReport } from '../../src/validation/report.js';
import { runCli } from '../support/run-cli.js';

const manifest = JSON.parse(
  readFileSync(path.join(RULE_FIXTURES_DIR, MANIFEST_FILE), 'utf8'),
) as RuleFixtureManifest;

/**
 * Codes the official XSLT tests on one and the same condition, so no message can fail one without the
 * other. A failing fixture that reports such a group still fails "only its rule".
 */
const INSEPARABLE: readonly (readonly string[])[] = [
  // Omvang and Budget both present: the XSLT reports it under both codes.
  ['CD077', 'CD078'],
  // TR383's key (ReferentieAanbieder of an AangevraagdProduct) is also TR101's uniqueness key in the 315.
  ['TR101', 'TR383'],
];

/**
 * Why a rule case may stay out of fixtures/rules: shapes the rule tests exercise on purpose that no
 * XSD-valid message can have. Every `notAsFile` entry must match one of these, so a case that merely slipped
 * (a code outside its code list, say) cannot drop out of the command-line check unnoticed.
 */
const ACCEPTED_REASONS: readonly { readonly reason: RegExp; readonly why: string }[] = [
  {
    reason: /^not schema-valid JSON: expected-single at \$\.Bericht\.Antwoord$/,
    why: 'TR101 keys the 319 on its Antwoord, which the XSD allows once: two Antwoord classes only exist in JSON',
  },
  {
    reason: /^not schema-valid JSON: invalid-date at /,
    why: 'TR134 also checks that a date exists; xs:date rejects such a date before any rule runs',
  },
  {
    reason: /^not schema-valid JSON: not-in-code-list at .*\.Product\.Categorie$/,
    why: 'the iWmo hulpmiddelen exception (category 12) tried in iJw, whose code list has no category 12',
  },
];

function reports(stdout: string): ValidationReport[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ValidationReport);
}

const sameCodes = (a: readonly string[], b: readonly string[]): boolean =>
  [...a].sort().join() === [...b].sort().join();

/** Fails its rule and nothing else but the rule's inseparable companions. */
function failsAlone(fixture: RuleFixture): boolean {
  const { codes } = fixture.expect;
  if (sameCodes(codes, [fixture.rule])) return true;
  return INSEPARABLE.some((group) => group.includes(fixture.rule) && sameCodes(codes, group));
}

describe('the rule fixtures', () => {
  it('are exactly what scripts/generate-rule-fixtures.ts writes (run it after changing a rule case)', () => {
    const generated = generateRuleFixtures();
    const onDisk = [
      MANIFEST_FILE,
      ...STANDARDS.flatMap((standard) =>
        readdirSync(path.join(RULE_FIXTURES_DIR, standard)).map((file) => `${standard}/${file}`),
      ),
    ];
    expect(onDisk.sort()).toEqual([...generated.keys()].sort());
    // The manifest parsed first, so that a difference shows as a readable diff of entries.
    const manifestText = generated.get(MANIFEST_FILE) ?? '';
    expect(manifest).toEqual(JSON.parse(manifestText));
    for (const [file, content] of generated) {
      expect(readFileSync(path.join(RULE_FIXTURES_DIR, file), 'utf8'), `${file} differs`).toBe(content);
    }
  });

  // One command per standard: each process start costs about a second, a few hundred files much less.
  for (const standard of STANDARDS) {
    it(`${standard}: the command gives each file exactly the verdict and rule codes of the manifest`, () => {
      const fixtures = manifest.fixtures.filter((fixture) => fixture.standard === standard);
      expect(fixtures.length).toBeGreaterThan(100);
      const files = fixtures.map((fixture) => path.join(RULE_FIXTURES_DIR, fixture.file));
      const result = runCli(['validate', '--format', 'json', ...files]);
      expect(result.stderr).toBe('');
      const out = reports(result.stdout);
      expect(out.map((report) => report.file)).toEqual(files);
      // Compared as a whole so that a failure lists every file that differs, not just the first.
      const actual = out.map((report) => ({
        file: path.relative(RULE_FIXTURES_DIR, report.file).split(path.sep).join('/'),
        message: report.message,
        verdict: report.verdict,
        codes: report.rules.map((finding) => finding.code),
      }));
      const expected = fixtures.map((fixture) => ({
        file: fixture.file,
        message: fixture.message,
        verdict: fixture.expect.verdict,
        codes: fixture.expect.codes,
      }));
      expect(actual).toEqual(expected);
      for (const report of out) {
        for (const finding of report.rules) expect(finding.retourcode, report.file).toBe('0001');
      }
      expect(result.status).toBe(fixtures.some((f) => f.expect.verdict !== 'accepted') ? 1 : 0);
    });
  }

  it('fail exactly the rule of their name, and pass it, as the manifest says', () => {
    for (const fixture of manifest.fixtures) {
      const name = path.posix.basename(fixture.file, '.xml');
      expect(name, fixture.file).toMatch(new RegExp(`^${fixture.rule}-(fail|pass)(-\\d+)?$`));
      const failing = name.includes('-fail');
      expect(fixture.expect.codes.includes(fixture.rule), fixture.file).toBe(failing);
      expect(fixture.expect.verdict, fixture.file).toBe(
        fixture.expect.codes.length === 0 ? 'accepted' : 'rejected',
      );
    }
  });

  it('leave out only cases no XSD-valid message can be, each for an accepted reason', () => {
    const unaccepted = manifest.notAsFile.filter(
      (entry) => !ACCEPTED_REASONS.some((accepted) => accepted.reason.test(entry.reason)),
    );
    expect(unaccepted).toEqual([]);
    // An accepted reason nothing needs any more is a hole in this test; drop it.
    for (const accepted of ACCEPTED_REASONS) {
      expect(
        manifest.notAsFile.some((entry) => accepted.reason.test(entry.reason)),
        accepted.why,
      ).toBe(true);
    }
  });

  describe('cover every rule', () => {
    const left = (code: string, standard: StandardId, outcome: 'fail' | 'pass'): NotAsFile[] =>
      manifest.notAsFile.filter(
        (entry) => entry.rule === code && entry.standard === standard && entry.outcome === outcome,
      );

    for (const rule of allRules) {
      for (const standard of rule.standards) {
        it(`${rule.code} ${standard}: a file failing only it and a file passing it`, () => {
          const own = manifest.fixtures.filter((f) => f.rule === rule.code && f.standard === standard);
          const fails = own.filter(failsAlone);
          const passes = own.filter((f) => f.expect.verdict === 'accepted');
          // Without a file, only a case left out for an accepted reason (see above) excuses the gap.
          if (fails.length === 0) expect(left(rule.code, standard, 'fail'), 'fail fixture').not.toEqual([]);
          if (passes.length === 0) expect(left(rule.code, standard, 'pass'), 'pass fixture').not.toEqual([]);
          expect(fails.length + passes.length, 'fixture files').toBeGreaterThan(0);
        });
      }
    }
  });
});
