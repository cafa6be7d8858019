/**
 * Who may see and submit what. One function per question, used by every API route, so no route can grow
 * its own idea of visibility.
 */

/** The authenticated caller, as an API key grants it (api-keys.ts). */
export type Principal =
  /** Sees everything: the console, search, replay. Submits nothing, so every message has a real sender. */
  | { readonly kind: 'operator'; readonly label: string }
  /** A party we represent: its back-office submits outbound messages and reads its own. */
  | { readonly kind: 'party'; readonly code: string; readonly label: string }
  /** A partner on the plain HTTP channel: submits inbound messages and reads those it exchanged. */
  | { readonly kind: 'partner'; readonly code: string; readonly label: string };

/** What visibility needs of a stored message: the header codes and, if known, who submitted it. */
export interface VisibleMessage {
  /** Header values as written (null when the message could not be identified). */
  readonly afzender: string | null;
  readonly ontvanger: string | null;
  /** Code of the party or partner whose API key delivered the message, when recorded. */
  readonly submittedBy?: string | null;
}

/**
 * A party sees the messages it sent or received; the operator sees all.
 *
 * Sent-or-received is symmetric, so the header decides it without the retour rule: a retour's header holds
 * the same two codes as its heen, merely in the heen's order. `submittedBy` lets a caller see its own
 * submission that could not be identified (afzender/ontvanger null), e.g. to read why it was unreadable.
 */
export function canSee(principal: Principal, message: VisibleMessage): boolean {
  if (principal.kind === 'operator') return true;
  const code = principal.code;
  return message.afzender === code || message.ontvanger === code || message.submittedBy === code;
}

/**
 * May `principal` submit a message whose real sender (catalogue.ts `addressOf`) is `sender`?
 * Outbound messages come from our party's back-office, inbound ones from the partner over the channel;
 * either way a caller speaks only for itself. The operator replays stored messages but submits none.
 */
export function canSubmit(
  principal: Principal,
  message: { readonly direction: 'inbound' | 'outbound'; readonly sender: string },
): boolean {
  if (principal.kind === 'operator') return false;
  const expectedKind = message.direction === 'outbound' ? 'party' : 'partner';
  return principal.kind === expectedKind && principal.code === message.sender;
}
