/**
 * The level-3/4 hook: what a cross-message check finds goes into the retour on the failing class, the
 * message is recorded as rejected with the rule's codes, and nothing reaches the back-office.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CrossMessageCheck } from '../../src/pipeline/types.js';
import { eventually, KEYS, startTestGateway, type TestGateway } from '../support/gateway.js';
import { freshId, identificatieOf, retourCodesOf, wmo305 } from './messages.js';

let t: TestGateway;
const seen: string[] = [];
const check: CrossMessageCheck = {
  async check(message) {
    seen.push(message.schema.name);
    // As a level-3 rule would: the started product has no toewijzing in the ledger (TR135 -> 8848).
    return [
      {
        level: 3,
        retourcode: '8848',
        rule: 'TR135',
        location: '/Bericht/Client/StartProducten/StartProduct[1]',
      },
    ];
  },
};

beforeAll(async () => {
  t = await startTestGateway('embedded', {}, { crossChecks: check });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

it('puts a level-3 finding into the retour on its class and records the message as rejected', async () => {
  const id = freshId('L3');
  const res = await t.request('POST', '/api/v1/berichten', KEYS.aanbieder72106543, wmo305(id));
  expect(res.status).toBe(202);
  expect(res.body).toMatchObject({ outcome: 'rejected', state: 'rejected' });
  expect(seen).toEqual(['WMO305']);
  const retour = await eventually(() => {
    const found = t.partners.received.find((r) => identificatieOf(r.xml) === id);
    expect(found).toBeDefined();
    return found!;
  });
  // The header says 0200 (processed), the failing StartProduct carries the rule's code.
  expect(retourCodesOf(retour.xml)).toContain('8848');
  expect(retourCodesOf(retour.xml)[0]).toBe('0200');
  const view = await t.request('GET', `/api/v1/berichten/${res.body.messageId}`, KEYS.operator);
  expect(view.body.history.at(-1)).toMatchObject({ to: 'rejected', codes: ['TR135', '8848'] });
});

it('is not asked about a message that already failed level 2', async () => {
  seen.length = 0;
  const xml = wmo305(freshId('L2')).replace(/(<basis:Datum>)1958-01-01(<\/basis:Datum>)/, '$11850-01-01$2');
  const res = await t.request('POST', '/api/v1/berichten', KEYS.aanbieder72106543, xml);
  expect(res.body.outcome).toBe('rejected');
  expect(seen).toEqual([]);
});
