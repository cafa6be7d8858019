/**
 * `berichtenpoort audit verify`: checks the audit chain and prints one JSON line, for a person or a
 * monitoring job. Exit codes: 0 = chain intact, 1 = chain broken (the line names the first break),
 * 3 = the archive could not be read, so nothing was verified (the line carries the error code).
 */
import { verifyAuditChain, type VerifyOptions } from './audit-verify.js';
import { asArchiveError } from './errors.js';
import type { ArchivePort } from './port.js';

export const AUDIT_VERIFY_EXIT = { ok: 0, broken: 1, unreadable: 3 } as const;

export async function auditVerifyCommand(
  archive: Pick<ArchivePort, 'readAuditSegments'>,
  options: VerifyOptions & { readonly write?: (line: string) => void } = {},
): Promise<number> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  try {
    const result = await verifyAuditChain(archive, options);
    write(JSON.stringify(result));
    return result.ok ? AUDIT_VERIFY_EXIT.ok : AUDIT_VERIFY_EXIT.broken;
  } catch (error) {
    const { code, message } = asArchiveError(error);
    write(JSON.stringify({ ok: false, error: { code, message } }));
    return AUDIT_VERIFY_EXIT.unreadable;
  }
}
