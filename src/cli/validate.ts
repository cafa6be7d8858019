import { MessageValidator } from '../validation/validator.js';
import { readInput } from './read-input.js';
import { formatReportText } from './format-report.js';
import { collectRetourCodes } from '../retour/codes.js';

/** Prints one report per file: JSON lines (one object per file) or text. Returns the exit code. */
export async function validateCommand(files: readonly string[], format: 'json' | 'text'): Promise<number> {
  const validator = new MessageValidator();
  let exitCode = 0;
  try {
    for (const file of files) {
      const { report, doc, json } = validator.inspect(await readInput(file), file);
      doc?.dispose();
      if (report.verdict !== 'accepted') exitCode = 1;
      const text =
        format === 'json'
          ? JSON.stringify(report)
          : formatReportText(report, collectRetourCodes(json?.Bericht));
      process.stdout.write(text + '\n');
    }
  } finally {
    validator.dispose();
  }
  return exitCode;
}
