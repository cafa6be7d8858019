import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { officialExamples } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import type { ValidationReport } from '../../src/validation/report.js';

const REPORT_KEYS = ['file', 'message', 'release', 'rules', 'standard', 'verdict', 'xsd'];

function reports(stdout: string): ValidationReport[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ValidationReport);
}

describe('berichtenpoort validate', () => {
  it('accepts every official example but JW318.xml (xsd-invalid) and WMO317.xml (TR380), as FACTS §12 says', () => {
    const files = officialExamples();
    expect(files).toHaveLength(21);
    const result = runCli(['validate', '--format', 'json', ...files]);
    const out = reports(result.stdout);
    expect(out).toHaveLength(21);
    for (const report of out) {
      expect(Object.keys(report).sort()).toEqual(REPORT_KEYS);
      expect(Object.keys(report.xsd).sort()).toEqual(['errors', 'valid']);
      const name = path.basename(report.file, '.xml');
      expect(report.message).toBe(name);
      expect(report.release).toBe('3.2');
      expect(report.standard).toBe(name.startsWith('WMO') ? 'iwmo' : 'ijw');
      if (name === 'JW318') {
        expect(report.verdict).toBe('xsd-invalid');
        expect(report.xsd.valid).toBe(false);
        expect(report.xsd.errors[0]?.path).toMatch(/^\/Bericht\/Client\/Verzoek/);
      } else if (name === 'WMO317') {
        // GewensteIngangsdatum equals the Dagtekening; the official XSLT rejects it on TR380 too.
        expect(report.verdict).toBe('rejected');
        expect(report.xsd).toEqual({ valid: true, errors: [] });
        expect(report.rules.map((r) => r.code)).toEqual(['TR380']);
        expect(report.rules[0]?.retourcode).toBe('0001');
        expect(report.rules[0]?.locations).toEqual([
          '/Bericht/Header/BerichtIdentificatie/Dagtekening',
          '/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct[1]/GewensteIngangsdatum',
        ]);
      } else {
        expect(report.verdict, report.file).toBe('accepted');
        expect(report.xsd).toEqual({ valid: true, errors: [] });
      }
    }
    expect(result.status).toBe(1); // JW318 and WMO317 are not accepted
  });

  const hostile: Record<string, string> = {
    doctype: '<?xml version="1.0"?><!DOCTYPE Bericht [<!ELEMENT Bericht ANY>]><Bericht/>',
    xxe: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
    'billion laughs':
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join(
        '',
      ) +
      ']><lolz>&lol9;</lolz>',
  };

  for (const [name, xml] of Object.entries(hostile)) {
    it(`prints unreadable for a ${name} input from stdin and exits normally`, () => {
      const result = runCli(['validate', '--format', 'json', '-'], xml);
      expect(result.status).toBe(1);
      const [report] = reports(result.stdout);
      expect(report?.verdict).toBe('unreadable');
      expect(report?.file).toBe('-');
      expect(report?.message).toBeNull();
      expect(report?.xsd.errors[0]?.message).toMatch(/^XML_(DOCTYPE|ENTITY)_FORBIDDEN/);
    });
  }

  it('prints a text report naming the rule, the element and the verdict', () => {
    const jw318 = officialExamples().find((f) => f.endsWith('JW318.xml'))!;
    const result = runCli(['validate', '--format', 'text', jw318]);
    expect(result.stdout).toContain('xsd-invalid (JW318, release 3.2)');
    expect(result.stdout).toMatch(/regel \d+, kolom \d+\s+\/Bericht\/Client\/Verzoek/);
  });

  it('explains the RetourCodes of a retour message in the text report', () => {
    const jw316 = officialExamples().find((f) => f.endsWith('JW316.xml'))!;
    const result = runCli(['validate', '--format', 'text', jw316]);
    expect(result.stdout).toContain('RetourCodes in dit bericht:');
    expect(result.stdout).toMatch(/9347 — ReferentieAanbieder .*\. .*ReferentieAanbieder/);
    expect(result.stdout).toMatch(/0200 — Geen opmerking/);
  });

  it('exits 2 on a usage error', () => {
    expect(runCli(['validate', '--format', 'yaml', 'x.xml']).status).toBe(2);
  });
});
