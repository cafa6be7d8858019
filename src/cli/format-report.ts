import type { ValidationReport } from '../validation/report.js';

/** The human-readable form of a report (`--format text`). Carries no document values, like the JSON. */
export function formatReportText(report: ValidationReport): string {
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
  return lines.join('\n');
}
