import { formatRetourcode } from '../rules/retourcodes.js';
import type { ValidationReport } from '../validation/report.js';

/**
 * The human-readable form of a report (`--format text`). Carries no document values, like the JSON.
 * `retourCodes` are the RetourCodes a retour message or 325 carries: each is explained with what to do.
 */
export function formatReportText(report: ValidationReport, retourCodes: readonly string[] = []): string {
  const what = report.message ? ` (${report.message}, release ${report.release})` : '';
  const lines = [`${report.file}: ${report.verdict}${what}`];
  for (const e of report.xsd.errors) {
    lines.push(`  XSD  regel ${e.line}, kolom ${e.column}  ${e.path}`);
    lines.push(`       ${e.message}`);
  }
  for (const r of report.rules) {
    lines.push(`  ${r.code} (retourcode ${r.retourcode})  ${r.locations.join(', ')}`);
    lines.push(`       ${r.explanation}`);
  }
  if (retourCodes.length > 0) lines.push('  RetourCodes in dit bericht:');
  for (const code of retourCodes) lines.push(`    ${formatRetourcode(code)}`);
  return lines.join('\n');
}
