/** Recording messages: round trip, atomicity, the idempotent receiver, listing. */
import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import { LedgerError } from '../errors.js';
import type { Ledger, Message } from '../port.js';
import { AANBIEDER, GEMEENTE, heen, retourOf, settle, sha256Of, unique } from './fixtures.js';

export function messagesContract(ctx: ContractContext): void {
  describe('recording', () => {
    it('returns what it stored, and getMessage returns the same', async () => {
      const ledger = await ctx.fresh();
      const input = heen({ validationReport: { verdict: 'accepted', rules: [], nested: { a: [1, 'x'] } } });
      const m = await ledger.recordMessage(input);
      expect(m).toMatchObject({
        direction: 'inbound',
        standard: 'ijw',
        messageName: 'JW315',
        berichtCode: '446',
        afzender: AANBIEDER,
        ontvanger: GEMEENTE,
        berichtIdentificatie: input.berichtIdentificatie,
        identificatieRetour: null,
        idempotencyKey: {
          sender: AANBIEDER,
          berichtCode: '446',
          identificatie: input.berichtIdentificatie?.identificatie,
        },
        duplicateOf: null,
        sha256: input.sha256,
        size: 2048,
        state: 'received',
        validationReport: input.validationReport,
      });
      expect(m.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(m.createdAt).toBeInstanceOf(Date);
      expect(await ledger.getMessage(m.id)).toEqual(m);
      expect(await ledger.getHistory(m.id)).toMatchObject([{ messageId: m.id, from: null, to: 'received' }]);
    });

    it('keys a retour on its sender (the heen Ontvanger) and its IdentificatieRetour', async () => {
      const ledger = await ctx.fresh();
      const heenInput = heen();
      await ledger.recordMessage(heenInput);
      const retourInput = retourOf(heenInput);
      const r = await ledger.recordMessage(retourInput);
      expect(r.idempotencyKey).toEqual({
        sender: GEMEENTE,
        berichtCode: '447',
        identificatie: retourInput.identificatieRetour?.identificatie,
      });
      expect(r.identificatieRetour).toEqual(retourInput.identificatieRetour);
      expect(r.berichtIdentificatie).toEqual(heenInput.berichtIdentificatie);
    });

    it('records an unidentified message without a key, as often as it arrives', async () => {
      const ledger = await ctx.fresh();
      const blank = heen({
        standard: null,
        messageName: null,
        berichtCode: null,
        afzender: null,
        ontvanger: null,
        berichtIdentificatie: null,
        state: 'unreadable',
        sha256: sha256Of('garbage'),
      });
      const a = await ledger.recordMessage(blank);
      const b = await ledger.recordMessage(blank);
      expect(a.id).not.toBe(b.id);
      expect(a).toMatchObject({ idempotencyKey: null, berichtIdentificatie: null, state: 'unreadable' });
    });

    it('refuses input outside the contract with INVALID', async () => {
      const ledger = await ctx.fresh();
      const cases = [
        heen({ sha256: 'ABC' }),
        heen({ size: -1 }),
        heen({ state: 'delivered' as never }),
        heen({ state: 'duplicate' }),
        heen({ cause: { actor: '' } }),
        heen({ berichtIdentificatie: { identificatie: unique(), dagtekening: '2024-02-30' } }),
      ];
      for (const input of cases) {
        await expect(ledger.recordMessage(input)).rejects.toMatchObject({ code: 'INVALID' });
      }
      expect((await ledger.listMessages({ limit: 10 })).items).toEqual([]);
    });

    it('stores nothing when a link fails (the message, its transition and its outbox roll back)', async () => {
      const ledger = await ctx.fresh();
      const input = heen({
        links: [{ from: '01890000-0000-7000-8000-000000000000', kind: 'retour' }],
        outbox: [{ destination: 'backoffice', payloadRef: 'sha256:x' }],
      });
      await expect(ledger.recordMessage(input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expectNothingStored(ledger);
      // The key was not taken either: the same message can be recorded once the link is right.
      const ok = await ledger.recordMessage({ ...input, links: [] });
      expect(ok.state).toBe('received');
    });

    it('stores nothing when the database refuses an outbox row', async () => {
      const ledger = await ctx.fresh();
      // PostgreSQL refuses NUL in text; no check of ours catches it, so the refusal comes mid-transaction.
      const input = heen({
        outbox: [{ destination: 'backoffice', payloadRef: 'ok', headers: { x: 'a\u0000b' } }],
      });
      await expect(ledger.recordMessage(input)).rejects.toMatchObject({
        name: 'LedgerError',
        code: 'INVALID',
      });
      await expectNothingStored(ledger);
    });
  });

  describe('idempotent receiver', () => {
    it('finds the holder of a key and refuses a second holder with DUPLICATE and its id', async () => {
      const ledger = await ctx.fresh();
      const input = heen();
      const first = await ledger.recordMessage(input);
      const key = first.idempotencyKey!;
      expect(await ledger.findDuplicate(key)).toEqual(first);
      expect(await ledger.findDuplicate({ ...key, identificatie: unique() })).toBeUndefined();
      const error = await ledger.recordMessage({ ...input, sha256: sha256Of('other bytes') }).catch((e) => e);
      expect(error).toBeInstanceOf(LedgerError);
      expect(error).toMatchObject({ code: 'DUPLICATE', existingId: first.id, retryable: false });
      // The same Identificatie from another sender, or under another BerichtCode, is another key.
      await ledger.recordMessage({ ...input, afzender: '87654321' });
      await ledger.recordMessage({ ...input, berichtCode: '486', messageName: 'JW317' });
    });

    it('lets exactly one of many concurrent inserts of one key win', async () => {
      const store = await ctx.newStore();
      const ledgers = ctx.concurrent
        ? await Promise.all([ctx.open(store), ctx.open(store)])
        : [await ctx.open(store)];
      const input = heen();
      const { ok, failed } = await settle(
        Array.from({ length: 8 }, (_, i) =>
          ledgers[i % ledgers.length]!.recordMessage({ ...input, sha256: sha256Of(`copy ${i}`) }),
        ),
      );
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(7);
      for (const e of failed) expect(e).toMatchObject({ code: 'DUPLICATE', existingId: ok[0]!.id });
      expect((await ledgers[0]!.listMessages({ limit: 10 })).items).toHaveLength(1);
    });

    it('records a TR056 copy as duplicate of the holder without taking the key', async () => {
      const ledger = await ctx.fresh();
      const input = heen();
      const original = await ledger.recordMessage(input);
      const copy = await ledger.recordMessage({
        ...input,
        sha256: sha256Of('changed bytes'),
        state: 'duplicate',
        duplicateOf: original.id,
        cause: { actor: 'pipeline', codes: ['TR056', '9056'] },
      });
      expect(copy).toMatchObject({ state: 'duplicate', duplicateOf: original.id, idempotencyKey: null });
      expect(await ledger.findDuplicate(original.idempotencyKey!)).toEqual(original);
      await expect(
        ledger.recordMessage({
          ...input,
          state: 'duplicate',
          duplicateOf: '01890000-0000-7000-8000-000000000000',
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('listing', () => {
    it('pages newest first by keyset, stable while new messages arrive', async () => {
      const ledger = await ctx.fresh();
      const before: Message[] = [];
      for (let i = 0; i < 25; i++) before.push(await ledger.recordMessage(heen()));
      const expected = before.map((m) => m.id).reverse();
      const seen: string[] = [];
      let page = await ledger.listMessages({ limit: 10 });
      seen.push(...page.items.map((m) => m.id));
      let added = 0;
      for (; added < 5; added++) await ledger.recordMessage(heen());
      while (page.nextCursor) {
        page = await ledger.listMessages({ limit: 10, cursor: page.nextCursor });
        seen.push(...page.items.map((m) => m.id));
        await ledger.recordMessage(heen());
        added += 1;
      }
      expect(seen).toEqual(expected);
      const all = await ledger.listMessages({ limit: 100 });
      expect(all.items).toHaveLength(25 + added);
      expect(all.items.slice(added).map((m) => m.id)).toEqual(expected);
      expect(all.nextCursor).toBeNull();
    });

    it('filters by state, message name, party and direction', async () => {
      const ledger = await ctx.fresh();
      const a = await ledger.recordMessage(heen({ state: 'accepted' }));
      const b = await ledger.recordMessage(heen({ afzender: '11112222', state: 'rejected' }));
      const c = await ledger.recordMessage(
        heen({
          direction: 'outbound',
          messageName: 'JW301',
          berichtCode: '436',
          afzender: '0599',
          ontvanger: AANBIEDER,
        }),
      );
      const ids = async (q: Parameters<Ledger['listMessages']>[0]) =>
        (await ledger.listMessages(q)).items.map((m) => m.id);
      expect(await ids({ limit: 10, state: 'accepted' })).toEqual([a.id]);
      expect(await ids({ limit: 10, messageName: 'JW301' })).toEqual([c.id]);
      expect(await ids({ limit: 10, party: AANBIEDER })).toEqual([c.id, a.id]);
      expect(await ids({ limit: 10, party: '11112222' })).toEqual([b.id]);
      expect(await ids({ limit: 10, direction: 'outbound' })).toEqual([c.id]);
      expect(await ids({ limit: 10, party: GEMEENTE, state: 'rejected' })).toEqual([b.id]);
    });

    it('refuses a malformed cursor or limit with INVALID', async () => {
      const ledger = await ctx.fresh();
      await expect(ledger.listMessages({ limit: 10, cursor: 'nonsense' })).rejects.toMatchObject({
        code: 'INVALID',
      });
      await expect(ledger.listMessages({ limit: 0 })).rejects.toMatchObject({ code: 'INVALID' });
      await expect(ledger.listMessages({ limit: 501 })).rejects.toMatchObject({ code: 'INVALID' });
    });

    it('finds messages by BerichtIdentificatie', async () => {
      const ledger = await ctx.fresh();
      const input = heen();
      const m = await ledger.recordMessage(input);
      const r = await ledger.recordMessage(retourOf(input));
      const { identificatie, dagtekening } = input.berichtIdentificatie!;
      const find = async (q: Parameters<Ledger['findByBerichtIdentificatie']>[0]) =>
        (await ledger.findByBerichtIdentificatie(q)).map((x) => x.id);
      expect(await find({ identificatie })).toEqual([m.id, r.id]);
      expect(await find({ identificatie, afzender: AANBIEDER, berichtCode: '446', dagtekening })).toEqual([
        m.id,
      ]);
      expect(await find({ identificatie, dagtekening: '2024-03-02' })).toEqual([]);
      expect(await find({ identificatie: unique() })).toEqual([]);
      expect(await ledger.getMessage('not-an-id')).toBeUndefined();
      expect(await ledger.getMessage('01890000-0000-7000-8000-000000000000')).toBeUndefined();
    });
  });
}

async function expectNothingStored(ledger: Ledger): Promise<void> {
  expect((await ledger.listMessages({ limit: 10 })).items).toEqual([]);
  expect(await ledger.claimOutbox(10, 1000)).toEqual([]);
}
