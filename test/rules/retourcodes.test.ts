/**
 * The retourcode explanations: every WJ001 code is covered and nothing else, the texts are Dutch and carry
 * no client data, the level they name matches the rule that yields the code, and every `rule` is the TR
 * that the reference data (and FACTS §4) ties to that code.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainRetourcode, formatRetourcode, RETOURCODE_EXPLANATIONS } from '../../src/rules/retourcodes.js';
import { codeLists } from '../../src/standard/codelists.js';
import { SHARED } from '../support/paths.js';

const WJ001 = codeLists.WJ001?.values ?? [];
const wj001Codes = WJ001.map((value) => value.code);
const tableCodes = Object.keys(RETOURCODE_EXPLANATIONS);
const entries = Object.entries(RETOURCODE_EXPLANATIONS);

// Short function words that any Dutch sentence of some length contains, and English ones that it does not.
const DUTCH =
  /\b(de|het|een|en|van|is|niet|op|in|met|of|geen|zijn|voor|die|dat|als|bij|naar|deze|wordt|al)\b/gi;
const ENGLISH = /\b(the|and|must|should|which|with|message|please|rejected|check)\b/i;

describe('the WJ001 code list of the project', () => {
  it('is the 59-value list the table is checked against', () => {
    // Guards the tests below against silently passing over an empty or truncated list.
    expect(wj001Codes).toHaveLength(59);
  });
});

describe('RETOURCODE_EXPLANATIONS', () => {
  it('covers every WJ001 code', () => {
    expect(wj001Codes.filter((code) => !tableCodes.includes(code))).toEqual([]);
  });

  it('has no code that is not in WJ001', () => {
    expect(tableCodes.filter((code) => !wj001Codes.includes(code))).toEqual([]);
  });

  it.each(WJ001.map((value) => [value.code, value.meaning] as const))(
    '%s carries the official meaning from the code list',
    (code, meaning) => {
      expect(RETOURCODE_EXPLANATIONS[code]?.meaning).toBe(meaning);
    },
  );

  it.each(entries)('%s has a Dutch explanation and hint without client data', (_code, entry) => {
    for (const text of [entry.explanation, entry.hint]) {
      expect(text.trim().length).toBeGreaterThan(40);
      expect(text.trim()).toMatch(/[.)]$/);
      // Several Dutch function words, no English ones: a text written (or left) in English fails.
      expect(text.match(DUTCH)?.length ?? 0).toBeGreaterThanOrEqual(3);
      expect(text).not.toMatch(ENGLISH);
      // No BSN, AGB code, ToewijzingNummer or amount: a run of 5+ digits is client data or an identifier.
      expect(text).not.toMatch(/\d{5,}/);
      // No placeholders for values to be filled in.
      expect(text).not.toMatch(/[{}<>]|%s|\$\{|\bXXX\b|TODO/);
    }
  });
});

describe('levels and rules', () => {
  it('0001 is the technical rejection on XSLT level of the whole message', () => {
    const entry = RETOURCODE_EXPLANATIONS['0001'];
    expect(entry?.rule).toBeUndefined();
    expect(entry?.explanation).toMatch(/XSLT/);
    expect(entry?.explanation).toMatch(/niveau 2/);
    expect(entry?.explanation).toMatch(/hele bericht/);
  });

  it.each(['0200', '0233', '8001'])('%s is explained as not an error', (code) => {
    const entry = RETOURCODE_EXPLANATIONS[code];
    expect(entry?.rule).toBeUndefined();
    expect(entry?.explanation).toMatch(/^Geen fout/);
  });

  it('every other code names the rule that yields it', () => {
    const general = ['0001', '0200', '0233', '8001'];
    const withoutRule = entries.filter(([code, entry]) => !general.includes(code) && !entry.rule);
    expect(withoutRule.map(([code]) => code)).toEqual([]);
  });

  // Pinned from FACTS §4 so the mapping is checked even where the reference data is not laid out; includes
  // the two codes the WJ001 markdown gets wrong (9069 cites a non-existent TR069; 9355 is missing there).
  it.each([
    ['9069', 'TR382'],
    ['9355', 'TR355'],
    ['9056', 'TR056'],
    ['8848', 'TR135'],
    ['8187', 'TR304'],
    ['8021', 'TR314'],
    ['8017', 'TR323'],
    ['8214', 'TR318'],
    ['0611', 'TR418'],
    ['9346', 'TR346'],
    ['S300', 'TR378'],
    ['S329', 'TR381'],
  ])('%s comes from %s', (code, rule) => {
    expect(RETOURCODE_EXPLANATIONS[code]?.rule).toBe(rule);
  });
});

interface TechnicalRule {
  readonly code: string;
  readonly level: number;
  readonly retourcode: string;
}
interface ReferenceValue {
  readonly code: string;
  readonly rule?: string;
}

const TECHNICAL_RULES = path.join(SHARED, 'rules', 'technical-rules.json');
const REFERENCE_WJ001 = path.join(SHARED, 'codelists', 'WJ001.json');

describe.runIf(existsSync(TECHNICAL_RULES) && existsSync(REFERENCE_WJ001))(
  'against the reference data',
  () => {
    const rules = (JSON.parse(readFileSync(TECHNICAL_RULES, 'utf8')) as { rules: TechnicalRule[] }).rules;
    const reference = (JSON.parse(readFileSync(REFERENCE_WJ001, 'utf8')) as { values: ReferenceValue[] })
      .values;
    const withRule = entries.filter(([, entry]) => entry.rule !== undefined);

    it('has rules to check', () => {
      expect(withRule.length).toBeGreaterThan(50);
    });

    it.each(withRule)(
      '%s names a rule whose retourcode is that code, and states its level',
      (code, entry) => {
        const rule = rules.find((r) => r.code === entry.rule);
        expect(rule, `${entry.rule} is not in technical-rules.json`).toBeDefined();
        expect(rule?.retourcode).toBe(code);
        expect(entry.explanation).toContain(`niveau ${rule?.level}`);
        expect(entry.explanation).toContain(`${entry.rule})`);
      },
    );

    it('gives every code the rule the reference code list gives it', () => {
      const expected = Object.fromEntries(reference.filter((v) => v.rule).map((v) => [v.code, v.rule]));
      const actual = Object.fromEntries(withRule.map(([code, entry]) => [code, entry.rule]));
      expect(actual).toEqual(expected);
    });

    it('explains every retourcode a level-3 or level-4 rule yields', () => {
      const yielded = rules.filter((r) => r.level > 2 && /^[0-9S]\d{3}$/.test(r.retourcode));
      expect(
        yielded.filter((r) => RETOURCODE_EXPLANATIONS[r.retourcode]?.rule !== r.code).map((r) => r.code),
      ).toEqual([]);
    });

    it('lists the same codes as the reference code list', () => {
      expect([...tableCodes].sort()).toEqual(reference.map((v) => v.code).sort());
    });
  },
);

describe('explainRetourcode', () => {
  it('returns the code with its meaning, explanation, hint and rule', () => {
    const found = explainRetourcode('9056');
    expect(found).toEqual({
      code: '9056',
      meaning: 'Identificatie moet per berichtsoort uniek zijn voor de verzendende partij.',
      explanation: expect.stringContaining('Identificatie') as unknown,
      hint: 'Gebruik per berichtsoort een unieke Identificatie en verstuur het bericht opnieuw.',
      rule: 'TR056',
    });
  });

  it('tolerates surrounding whitespace', () => {
    expect(explainRetourcode(' 8848 ')?.code).toBe('8848');
  });

  it.each(['9999', '', '0000', 'constructor', '__proto__', 'toString', 'TR056'])(
    'returns undefined for %j',
    (code) => {
      expect(explainRetourcode(code)).toBeUndefined();
    },
  );
});

describe('formatRetourcode', () => {
  it('gives code, meaning and hint on one line', () => {
    expect(formatRetourcode('9056')).toBe(
      '9056 — Identificatie moet per berichtsoort uniek zijn voor de verzendende partij. ' +
        'Gebruik per berichtsoort een unieke Identificatie en verstuur het bericht opnieuw.',
    );
    expect(formatRetourcode('8848')).toMatch(
      /^8848 — Dagtekening .*\. Controleer de systeemdatum: de Dagtekening mag niet in de toekomst liggen\./,
    );
  });

  it.each(wj001Codes)('%s formats as one tidy line', (code) => {
    const line = formatRetourcode(code);
    expect(line.startsWith(`${code} — `)).toBe(true);
    expect(line).not.toMatch(/\n/);
    expect(line).not.toMatch(/\.\.|\s{2}/);
    // Meanings without a closing full stop get one, so the hint starts a new sentence.
    expect(line).toContain(`. ${RETOURCODE_EXPLANATIONS[code]?.hint ?? 'missing'}`);
  });

  it('says so for an unknown code', () => {
    expect(formatRetourcode('9999')).toMatch(/^9999 — onbekende retourcode/);
  });
});
