import { NoRetourError, RetourBuilder } from '../retour/builder.js';
import { MessageValidator } from '../validation/validator.js';
import { formatReportText } from './format-report.js';
import { readInput } from './read-input.js';

/**
 * `berichtenpoort retour <heen.xml>`: validates the heen message (levels 1 and 2) and prints its retour
 * (or, for a 323, its 325) on stdout. Levels 3/4 need the ledger and reference data and are not run here,
 * so a message that passes level 2 is answered as accepted. Exit 1, with the reason on stderr, when no
 * retour exists (XSD-invalid or unreadable input, or a message that is itself an answer).
 */
export async function retourCommand(file: string, builder = new RetourBuilder()): Promise<number> {
  const input = await readInput(file);
  const validator = new MessageValidator();
  try {
    const inspection = validator.inspect(input, file);
    try {
      const retour = builder.fromInspection(inspection);
      // A rule finding is the reason for the 0001; show it beside the retour, as convert does.
      if (inspection.report.verdict === 'rejected') {
        process.stderr.write(formatReportText(inspection.report) + '\n');
      }
      process.stdout.write(retour.xml);
      return 0;
    } catch (error) {
      if (!(error instanceof NoRetourError)) throw error;
      process.stderr.write(`${file}: ${error.message}\n`);
      if (error.reason !== 'no-retour-message')
        process.stderr.write(formatReportText(inspection.report) + '\n');
      return 1;
    } finally {
      inspection.doc?.dispose();
    }
  } finally {
    validator.dispose();
  }
}
