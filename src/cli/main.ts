/**
 * The `berichtenpoort` command: validate, convert, retour, audit verify and serve.
 * Exit codes: 0 = every input accepted / converted, 1 = at least one input was not, 2 = usage error.
 */
import { Command, Option } from 'commander';
import { validateCommand } from './validate.js';
import { convertCommand } from './convert.js';
import { serveCommand } from './serve.js';
import { retourCommand } from './retour.js';
import { auditCommand } from './audit.js';

const program = new Command('berichtenpoort')
  .description('Gateway for the iWmo 3.2 / iJw 3.2 berichtenverkeer')
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

program
  .command('validate')
  .description('Validate messages (safe parse, XSD, rules); prints one report per file')
  .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('json'))
  .argument('<file...>', 'message files; - reads standard input')
  .action(async (files: string[], opts: { format: 'json' | 'text' }) => {
    process.exitCode = await validateCommand(files, opts.format);
  });

program
  .command('convert')
  .description('Convert a message between XML and its canonical JSON form')
  .addOption(new Option('--to <format>', 'target form').choices(['json', 'xml']).makeOptionMandatory())
  .argument('<file>', 'message file; - reads standard input')
  .action(async (file: string, opts: { to: 'json' | 'xml' }) => {
    process.exitCode = await convertCommand(file, opts.to);
  });

program
  .command('retour')
  .description('Print the retour message for a heen message (validating it first)')
  .argument('<file>', 'heen message file; - reads standard input')
  .action(async (file: string) => {
    process.exitCode = await retourCommand(file);
  });

program
  .command('audit')
  .description('The audit trail')
  .command('verify')
  .description('Recompute the audit chain in the archive; prints the first break (exit 1) or ok (exit 0)')
  .option('--ledger', "also check the chain against the ledger's copy of its head (gateway stopped)")
  .action(async (opts: { ledger?: boolean }) => {
    process.exitCode = await auditCommand(opts);
  });

program
  .command('serve')
  .description('Start the gateway and its HTTP API (PORT, default 8080)')
  .action(async () => {
    await serveCommand();
  });

await program.parseAsync(process.argv);
