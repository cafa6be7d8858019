/**
 * `berichtenpoort audit verify`: recomputes the audit chain in the configured archive (S3 or DATA_DIR) and
 * prints one JSON line naming the first break. With `--ledger` the ledger's copy of the chain head is the
 * anchor too, which also catches a cut-off tail; use it while the gateway is stopped, because a running
 * gateway seals its newest events into the archive only every few seconds.
 */
import { auditVerifyCommand } from '../archive/cli-verify.js';
import { openArchiveOf, openLedger } from '../gateway/open.js';
import { configOrExit } from './config.js';

export async function auditCommand(options: { ledger?: boolean }): Promise<number> {
  const config = configOrExit();
  const archive = await openArchiveOf(config);
  try {
    if (!options.ledger) return await auditVerifyCommand(archive);
    const ledger = await openLedger(config);
    try {
      const head = await ledger.auditHead();
      return await auditVerifyCommand(archive, head ? { expectedHead: head } : {});
    } finally {
      await ledger.close();
    }
  } finally {
    await archive.close();
  }
}
