import { MessageValidator } from '../validation/validator.js';
import { fromJson } from '../xml/from-json.js';
import { readInput } from './read-input.js';
import { formatReportText } from './format-report.js';

/**
 * XML -> JSON validates first (only an XSD-valid message has a canonical JSON form); JSON -> XML validates
 * the JSON against the model and prints the issues when it does not fit. Returns the exit code.
 */
export async function convertCommand(file: string, to: 'json' | 'xml'): Promise<number> {
  const input = await readInput(file);
  if (to === 'xml') {
    let json: unknown;
    try {
      json = JSON.parse(input.toString('utf8'));
    } catch {
      process.stderr.write(`${file}: geen geldige JSON\n`);
      return 1;
    }
    const result = fromJson(json);
    if ('issues' in result) {
      process.stderr.write(JSON.stringify({ file, issues: result.issues }, null, 2) + '\n');
      return 1;
    }
    process.stdout.write(result.xml);
    return 0;
  }
  const validator = new MessageValidator();
  try {
    const { report, doc, json } = validator.inspect(input, file);
    doc?.dispose();
    if (!json) {
      process.stderr.write(formatReportText(report) + '\n');
      return 1;
    }
    // A message that breaks a rule still has its JSON form; the rule findings go to stderr as a warning.
    if (report.verdict === 'rejected') process.stderr.write(formatReportText(report) + '\n');
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return 0;
  } finally {
    validator.dispose();
  }
}
