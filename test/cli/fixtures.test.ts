/**
 * The project's own fixtures through the real command: every valid fixture is accepted, every invalid one
 * gets exactly the verdict its manifest names (and, for XSD errors, the element its manifest names), and
 * no report carries the canary BSN or surname planted in the invalid fixtures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../src/paths.js';
import type { ValidationReport } from '../../src/validation/report.js';
import { runCli } from '../support/run-cli.js';

interface ManifestEntry {
  readonly file: string;
  readonly expectedVerdict: 'xsd-invalid' | 'unreadable';
  readonly class: string;
  readonly errorPath?: string;
}
const manifest = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'invalid', 'manifest.json'), 'utf8')) as {
  canaryBsn: string;
  canarySurname: string;
  files: ManifestEntry[];
};

function validate(files: readonly string[]): { reports: ValidationReport[]; stdout: string; stderr: string } {
  const result = runCli(['validate', '--format', 'json', ...files]);
  const reports = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ValidationReport);
  return { reports, stdout: result.stdout, stderr: result.stderr };
}

describe('own fixtures', () => {
  it('accepts every valid fixture of both standards, 28 message types at least', () => {
    const files = ['iwmo-3.2', 'ijw-3.2'].flatMap((std) => {
      const dir = path.join(FIXTURES_DIR, std, 'valid');
      return readdirSync(dir).map((f) => path.join(dir, f));
    });
    const { reports } = validate(files);
    expect(new Set(reports.map((r) => r.message)).size).toBe(28);
    for (const report of reports) expect(report.verdict, report.file).toBe('accepted');
  });

  it('gives every invalid fixture the verdict its manifest names', () => {
    const entries = manifest.files;
    expect(readdirSync(path.join(FIXTURES_DIR, 'invalid')).filter((f) => f.endsWith('.xml'))).toHaveLength(
      entries.length,
    );
    const { reports, stdout, stderr } = validate(
      entries.map((e) => path.join(FIXTURES_DIR, 'invalid', e.file)),
    );
    reports.forEach((report, i) => {
      const entry = entries[i]!;
      expect(report.verdict, `${entry.file} (${entry.class})`).toBe(entry.expectedVerdict);
      if (entry.errorPath) {
        // Our paths keep libxml2's position index on repeated names (Geslacht[2]); the manifest's do not.
        const paths = report.xsd.errors.map((e) => e.path.replace(/\[\d+\]/g, ''));
        expect(paths, entry.file).toContain(entry.errorPath);
      }
    });
    for (const output of [stdout, stderr]) {
      expect(output).not.toContain(manifest.canaryBsn);
      expect(output).not.toContain(manifest.canarySurname);
    }
  });
});
