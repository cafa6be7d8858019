/** Links between messages and conversation keys: VOT -> retour, VOT -> toewijzing -> start. */
import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import { AANBIEDER, GEMEENTE, heen, retourOf } from './fixtures.js';

const UNKNOWN = '01890000-0000-7000-8000-000000000000';

export function conversationContract(ctx: ContractContext): void {
  describe('links and conversations', () => {
    it('follows a conversation by its keys and links', async () => {
      const ledger = await ctx.fresh();
      const votInput = heen({
        conversationKeys: [{ kind: 'ReferentieAanbieder', owner: AANBIEDER, value: 'REF-1' }],
      });
      const vot = await ledger.recordMessage(votInput);
      const retour = await ledger.recordMessage(
        retourOf(votInput, { links: [{ from: vot.id, kind: 'retour' }] }),
      );
      const toewijzing = await ledger.recordMessage(
        heen({
          direction: 'outbound',
          messageName: 'JW301',
          berichtCode: '436',
          afzender: GEMEENTE,
          ontvanger: AANBIEDER,
          links: [{ from: vot.id, kind: 'answer' }],
          conversationKeys: [
            { kind: 'ReferentieAanbieder', owner: AANBIEDER, value: 'REF-1' },
            { kind: 'ToewijzingNummer', owner: GEMEENTE, value: '4711' },
            { kind: 'ToewijzingNummer', owner: GEMEENTE, value: '4712' },
          ],
        }),
      );
      const start = await ledger.recordMessage(
        heen({ messageName: 'JW305', berichtCode: '438', conversationKeys: [] }),
      );
      await ledger.addConversationKeys(start.id, [
        { kind: 'ToewijzingNummer', owner: GEMEENTE, value: '4711' },
      ]);
      await ledger.link([{ from: toewijzing.id, to: start.id, kind: 'follow-up' }]);
      // Idempotent: adding the same key or link again changes nothing.
      await ledger.addConversationKeys(start.id, [
        { kind: 'ToewijzingNummer', owner: GEMEENTE, value: '4711' },
      ]);
      await ledger.link([{ from: toewijzing.id, to: start.id, kind: 'follow-up' }]);

      const ids = async (
        kind: 'ReferentieAanbieder' | 'ToewijzingNummer',
        owner: string,
        value: string,
        standard = 'ijw',
      ) =>
        (await ledger.findConversation({ standard: standard as 'ijw', kind, owner, value })).map((m) => m.id);
      expect(await ids('ReferentieAanbieder', AANBIEDER, 'REF-1')).toEqual([vot.id, toewijzing.id]);
      expect(await ids('ToewijzingNummer', GEMEENTE, '4711')).toEqual([toewijzing.id, start.id]);
      expect(await ids('ToewijzingNummer', GEMEENTE, '4712')).toEqual([toewijzing.id]);
      // Number spaces are per owner and per legal domain.
      expect(await ids('ToewijzingNummer', '0599', '4711')).toEqual([]);
      expect(await ids('ToewijzingNummer', GEMEENTE, '4711', 'iwmo')).toEqual([]);

      expect(await ledger.getLinks(vot.id)).toEqual([
        { from: vot.id, to: retour.id, kind: 'retour' },
        { from: vot.id, to: toewijzing.id, kind: 'answer' },
      ]);
      expect(await ledger.getLinks(start.id)).toEqual([
        { from: toewijzing.id, to: start.id, kind: 'follow-up' },
      ]);
      expect(await ledger.getConversationKeys(start.id)).toEqual([
        { standard: 'ijw', kind: 'ToewijzingNummer', owner: GEMEENTE, value: '4711' },
      ]);
    });

    it('refuses links and keys to unknown messages, and bad kinds', async () => {
      const ledger = await ctx.fresh();
      const m = await ledger.recordMessage(heen());
      await expect(ledger.link([{ from: m.id, to: UNKNOWN, kind: 'retour' }])).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(ledger.link([{ from: m.id, to: m.id, kind: 'retour' }])).rejects.toMatchObject({
        code: 'INVALID',
      });
      await expect(ledger.link([{ from: m.id, to: m.id, kind: 'sibling' as never }])).rejects.toMatchObject({
        code: 'INVALID',
      });
      await expect(
        ledger.addConversationKeys(UNKNOWN, [{ kind: 'DeclaratieNummer', owner: AANBIEDER, value: 'D1' }]),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(
        ledger.addConversationKeys(m.id, [{ kind: 'Bsn' as never, owner: AANBIEDER, value: '1' }]),
      ).rejects.toMatchObject({ code: 'INVALID' });
      expect(await ledger.getLinks(m.id)).toEqual([]);
      expect(await ledger.getConversationKeys(m.id)).toEqual([]);
    });
  });
}
