/**
 * Replaying an `unroutable` message: while the routing table still has no route the operator is told so
 * (409 STILL_UNROUTABLE); once a table with the route is loaded, the message takes the path it would have
 * taken at first: routed, a retour for its sender, the JSON for the back-office.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { RetourBuilder } from '../../src/retour/builder.js';
import { createRouter } from '../../src/routing/router.js';
import { parseRoutingTable } from '../../src/routing/table.js';
import { KEYS, startTestGateway, testRoutingFile, type TestGateway } from '../support/gateway.js';
import { freshId, wmo305 } from './messages.js';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('embedded');
}, 60_000);
afterAll(async () => {
  await t?.close();
});

it('replays an unroutable message once a route exists, and says so while none does', async () => {
  const xml = wmo305(freshId('RR')).replace('<bericht:Ontvanger>0772<', '<bericht:Ontvanger>0363<');
  const res = await t.request('POST', '/api/v1/berichten', KEYS.aanbieder72106543, xml);
  expect(res.body.outcome).toBe('unroutable');
  const id: string = res.body.messageId;

  const still = await t.request('POST', `/api/v1/berichten/${id}/replay`, KEYS.operator);
  expect(still.status).toBe(409);
  expect(still.body.error.code).toBe('STILL_UNROUTABLE');

  // The operator adds gemeente 0363 to the table; a gateway started with it routes the message.
  const file = testRoutingFile(t.partners.url);
  const fixed = parseRoutingTable({
    ...file,
    parties: [
      ...file.parties,
      {
        ...file.parties[1]!,
        code: '0363',
        name: 'Gemeente 0363 (test)',
        backOffice: [{ kind: 'queue', name: 'backoffice.0363', messages: 'all' }],
      },
    ],
  });
  const g = t.gateway;
  const pipeline = new Pipeline({
    ledger: g.ledger,
    archive: g.archive,
    router: createRouter(fixed),
    validator: g.validator,
    retours: new RetourBuilder(),
    audit: g.audit,
    logger: g.logger,
  });
  const message = (await g.ledger.getMessage(id))!;
  const moved = await pipeline.reroute(message, 'operator:test');
  expect(moved?.state).toBe('routed');
  const outbox = await g.ledger.listOutbox(id);
  expect(outbox.map((o) => o.destination)).toEqual(['backoffice.0363']);
  const links = await g.ledger.getLinks(id);
  expect(links.map((l) => l.kind)).toEqual(['retour']);
  const history = await g.ledger.getHistory(id);
  expect(history.map((h) => h.to)).toEqual(['unroutable', 'routed']);
  // A second replay finds nothing to do.
  expect(await pipeline.reroute((await g.ledger.getMessage(id))!, 'operator:test')).toBeUndefined();
});
