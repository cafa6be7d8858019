import { describe, expect, it } from 'vitest';
import { officialExamples } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import type { ValidationReport } from '../../src/validation/report.js';

const example = (name: string): string => officialExamples().find((f) => f.endsWith(`/${name}.xml`))!;

describe('berichtenpoort retour', () => {
  it('prints the accepted retour of a heen message, which itself validates as accepted', () => {
    const result = runCli(['retour', example('JW305')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('<jw306:BerichtCode>439</jw306:BerichtCode>');
    expect(result.stdout).not.toContain('RetourCode>');
    const report = JSON.parse(runCli(['validate', '-'], result.stdout).stdout) as ValidationReport;
    expect(report.message).toBe('JW306');
    expect(report.verdict).toBe('accepted');
  });

  it('answers a message that fails a level-2 rule with header-only 0001 and the findings on stderr', () => {
    const result = runCli(['retour', example('WMO317')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/<wmo318:RetourCode>0001<\/wmo318:RetourCode>/);
    expect(result.stdout).toMatch(/<wmo318:XsltVersie>\d+\.\d+\.\d+<\/wmo318:XsltVersie>/);
    expect(result.stdout).not.toContain('<wmo318:Client>');
    expect(result.stderr).toContain('TR380');
  });

  it('makes no retour for an XSD-invalid message (the channel answers with Fo01 StUF055)', () => {
    const result = runCli(['retour', example('JW318')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.length).toBeGreaterThan(0);
  });
});
