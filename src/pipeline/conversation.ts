/**
 * The conversation keys a message carries (FACTS §3): every ToewijzingNummer, ReferentieAanbieder and
 * DeclaratieNummer in its body, with the party whose number space they belong to. The ledger stores them
 * so an operator (and later the level-3 rules) can find a whole conversation from any one message.
 */
import type { ConversationKeyInput, ConversationKeyKind } from '../ledger/port.js';
import { partyKindOf } from '../routing/catalogue.js';
import type { HeaderIdentity } from './header.js';

const KINDS: ReadonlySet<string> = new Set<ConversationKeyKind>([
  'ToewijzingNummer',
  'ReferentieAanbieder',
  'DeclaratieNummer',
]);

export function conversationKeysOf(body: unknown, header: HeaderIdentity): ConversationKeyInput[] {
  const codes = [header.afzender, header.ontvanger];
  const gemeente = codes.find((c) => c !== null && partyKindOf(c) === 'gemeente');
  const aanbieder = codes.find((c) => c !== null && partyKindOf(c) === 'aanbieder');
  const found = new Map<string, ConversationKeyInput>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [name, value] of Object.entries(node)) {
      if (KINDS.has(name) && typeof value === 'string') {
        // A ToewijzingNummer is numbered by the gemeente; the other two by the aanbieder.
        const owner = name === 'ToewijzingNummer' ? gemeente : aanbieder;
        if (owner) found.set(`${name}|${value}`, { kind: name as ConversationKeyKind, owner, value });
      } else {
        visit(value);
      }
    }
  };
  visit(body);
  return [...found.values()];
}
