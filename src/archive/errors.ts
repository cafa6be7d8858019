/**
 * The archive's closed error vocabulary. Adapters map every native failure (errno, S3 status) onto one of
 * these codes and keep the original as `cause`, so the pipeline decides on the code alone (retry or not)
 * and an operator still sees what the disk or the bucket said.
 */
export const ARCHIVE_ERRORS = {
  /** The key or hash is not in the archive. */
  NOT_FOUND: { retryable: false, message: 'Object not found in the archive.' },
  /** Stored bytes do not match their address, or an audit segment does not parse or chain. */
  INTEGRITY: { retryable: false, message: 'Archived data failed its integrity check.' },
  /** The storage could not be reached or refused the operation for a reason outside our control. */
  UNAVAILABLE: { retryable: true, message: 'The archive storage is unavailable.' },
  /** A write-once key is already taken by different content: another writer advanced the audit chain. */
  CONFLICT: { retryable: false, message: 'A write-once object already exists with other content.' },
  /** The caller passed something the archive cannot store (a malformed hash, a non-JSON audit field). */
  INVALID_INPUT: { retryable: false, message: 'Invalid input for the archive.' },
} as const;

export type ArchiveErrorCode = keyof typeof ARCHIVE_ERRORS;

export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
  readonly retryable: boolean;

  constructor(
    readonly code: ArchiveErrorCode,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${ARCHIVE_ERRORS[code].message} ${detail}` : ARCHIVE_ERRORS[code].message, options);
    this.retryable = ARCHIVE_ERRORS[code].retryable;
  }
}

export function isArchiveError(error: unknown, code?: ArchiveErrorCode): error is ArchiveError {
  return error instanceof ArchiveError && (code === undefined || error.code === code);
}

/** An adapter that lets a non-archive error escape has a bug; the core still reports it in the vocabulary. */
export function asArchiveError(error: unknown): ArchiveError {
  return error instanceof ArchiveError
    ? error
    : new ArchiveError('UNAVAILABLE', 'Unexpected storage failure.', { cause: error });
}
