import { MessageValidator } from '../validation/validator.js';
import { readInput } from './read-input.js';
import { formatReportText } from './format-report.js';

/** Prints one report per file: JSON lines (one object per file) or text. Returns the exit code. */
export async function validateCommand(files: readonly string[], format: 'json' | 'text'): Promise<number> {
  const validator = new MessageValidator();
  let exitCode = 0;
  try {
    for (const file of files) {
      const report = validator.validate(await readInput(file), file);
      if (report.verdict !== 'accepted') exitCode = 1;
      process.stdout.write((format === 'json' ? JSON.stringify(report) : formatReportText(report)) + '\n');
    }
  } finally {
    validator.dispose();
  }
  return exitCode;
}
