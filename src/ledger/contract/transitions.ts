/** The state machine: the table, optimism, races, history. */
import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import {
  INITIAL_STATES,
  MESSAGE_STATES,
  TRANSITIONS,
  type InitialState,
  type MessageState,
} from '../port.js';
import { heen, settle } from './fixtures.js';

/** For every state, the shortest way to reach it: an initial state and the moves after it. */
function pathsToEveryState(): Map<MessageState, MessageState[]> {
  const paths = new Map<MessageState, MessageState[]>(INITIAL_STATES.map((s) => [s, [s]]));
  const queue: MessageState[] = [...INITIAL_STATES];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const next of TRANSITIONS[s] as readonly MessageState[]) {
      if (!paths.has(next)) {
        paths.set(next, [...(paths.get(s) ?? []), next]);
        queue.push(next);
      }
    }
  }
  return paths;
}

export function transitionsContract(ctx: ContractContext): void {
  describe('transitions', () => {
    it('follows the table and keeps the history in order', async () => {
      const ledger = await ctx.fresh();
      const m = await ledger.recordMessage(heen());
      const steps: MessageState[] = ['accepted', 'routed', 'delivered', 'acknowledged'];
      for (const to of steps) {
        const moved = await ledger.transition(m.id, to, {
          actor: 'pipeline',
          reason: `to ${to}`,
          codes: ['0200'],
        });
        expect(moved.state).toBe(to);
      }
      const history = await ledger.getHistory(m.id);
      expect(history.map((h) => [h.from, h.to])).toEqual([
        [null, 'received'],
        ['received', 'accepted'],
        ['accepted', 'routed'],
        ['routed', 'delivered'],
        ['delivered', 'acknowledged'],
      ]);
      expect(history[1]).toMatchObject({ actor: 'pipeline', reason: 'to accepted', codes: ['0200'] });
      const times = history.map((h) => h.at.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect((await ledger.getMessage(m.id))?.updatedAt.getTime()).toBeGreaterThanOrEqual(
        m.createdAt.getTime(),
      );
    });

    it('refuses a move outside the table with CONFLICT and changes nothing', async () => {
      const ledger = await ctx.fresh();
      const m = await ledger.recordMessage(heen());
      await expect(ledger.transition(m.id, 'delivered', { actor: 'x' })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      const rejected = await ledger.transition(m.id, 'rejected', { actor: 'x' });
      for (const to of MESSAGE_STATES) {
        await expect(ledger.transition(m.id, to, { actor: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
      }
      expect(await ledger.getMessage(m.id)).toEqual(rejected);
      expect(await ledger.getHistory(m.id)).toHaveLength(2);
    });

    it('refuses when the message is not in the expected state', async () => {
      const ledger = await ctx.fresh();
      const m = await ledger.recordMessage(heen({ state: 'accepted' }));
      await expect(
        ledger.transition(m.id, 'routed', { actor: 'x', expected: 'received' }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await ledger.transition(m.id, 'routed', { actor: 'x', expected: 'accepted' })).state).toBe(
        'routed',
      );
    });

    it('answers NOT_FOUND for an unknown message and INVALID for an unknown state', async () => {
      const ledger = await ctx.fresh();
      const m = await ledger.recordMessage(heen());
      await expect(
        ledger.transition('01890000-0000-7000-8000-000000000000', 'accepted', { actor: 'x' }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(ledger.transition('nope', 'accepted', { actor: 'x' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(ledger.transition(m.id, 'lost' as never, { actor: 'x' })).rejects.toMatchObject({
        code: 'INVALID',
      });
    });

    it('lets exactly one of two concurrent moves from the same state win', async () => {
      const store = await ctx.newStore();
      const [a, b] = ctx.concurrent
        ? await Promise.all([ctx.open(store), ctx.open(store)])
        : [await ctx.open(store)];
      const m = await a!.recordMessage(heen({ state: 'accepted' }));
      // Both name the state they start from, as the pipeline does: without it, a move that happens to run
      // after the other has committed may legitimately continue from there (unroutable -> routed).
      const { ok, failed } = await settle([
        a!.transition(m.id, 'routed', { actor: 'router', expected: 'accepted' }),
        (b ?? a)!.transition(m.id, 'unroutable', { actor: 'router', expected: 'accepted' }),
      ]);
      expect(ok).toHaveLength(1);
      expect(failed).toMatchObject([{ code: 'CONFLICT' }]);
      const history = await a!.getHistory(m.id);
      expect(history).toHaveLength(2);
      expect(history[1]?.to).toBe(ok[0]?.state);
    });

    it('writes the outbox rows and the new report with the move, atomically', async () => {
      const ledger = await ctx.fresh();
      const m = await ledger.recordMessage(heen({ validationReport: { verdict: 'pending' } }));
      await expect(
        ledger.transition(m.id, 'accepted', {
          actor: 'x',
          outbox: [{ destination: 'q', payloadRef: 'p', headers: { bad: 'a\u0000b' } }],
        }),
      ).rejects.toMatchObject({ code: 'INVALID' });
      expect((await ledger.getMessage(m.id))?.state).toBe('received');
      const moved = await ledger.transition(m.id, 'accepted', {
        actor: 'x',
        validationReport: { verdict: 'accepted' },
        outbox: [{ destination: 'backoffice', payloadRef: `sha256:${m.sha256}`, headers: { type: 'JW315' } }],
      });
      expect(moved.validationReport).toEqual({ verdict: 'accepted' });
      expect(await ledger.listOutbox(m.id)).toMatchObject([
        {
          destination: 'backoffice',
          payloadRef: `sha256:${m.sha256}`,
          headers: { type: 'JW315' },
          state: 'pending',
        },
      ]);
    });

    it('stores every state of the table (the schema and port.ts agree)', async () => {
      const ledger = await ctx.fresh();
      const paths = pathsToEveryState();
      expect([...paths.keys()].sort()).toEqual([...MESSAGE_STATES].sort());
      for (const [state, [first, ...rest]] of paths) {
        const original = first === 'duplicate' ? await ledger.recordMessage(heen()) : undefined;
        let m = await ledger.recordMessage(
          heen({ state: first as InitialState, ...(original ? { duplicateOf: original.id } : {}) }),
        );
        for (const to of rest) m = await ledger.transition(m.id, to, { actor: 'contract' });
        expect(m.state).toBe(state);
      }
    });
  });
}
