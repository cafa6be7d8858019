/**
 * The same software on the zorgaanbieder's side: the party we represent is AGB 72106543, the partner is
 * gemeente 0772. Its back-office sends a 305 out; the gemeente's 306 acknowledges it; the gemeente's 301
 * comes in and is answered with a 302 automatically.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Delivery } from '../../src/transport/port.js';
import { hashApiKey } from '../../src/routing/api-keys.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  freshId,
  identificatieOf,
  retourCodesOf,
  retourFor,
  withIdentificatie,
  wmo301,
  wmo305,
} from './messages.js';

const AANBIEDER_KEY = 'bp_test_provider_72106543';
const GEMEENTE_KEY = 'bp_test_partner_0772';

let t: TestGateway;
const backOffice: Delivery[] = [];

beforeAll(async () => {
  t = await startTestGateway(
    'embedded',
    {},
    {
      routes: (file) => ({
        version: 1,
        parties: [
          {
            code: '72106543',
            kind: 'aanbieder',
            name: 'Aanbieder (test)',
            standards: ['iwmo', 'ijw'],
            backOffice: [{ kind: 'queue', name: 'backoffice.72106543', messages: 'all' }],
          },
        ],
        partners: [
          {
            code: '0772',
            kind: 'gemeente',
            name: 'Gemeente 0772 (test)',
            standards: ['iwmo', 'ijw'],
            channel: { kind: 'http', url: `${file.partners[0]!.channel.url.replace(/\/\d+$/, '')}/0772` },
          },
        ],
        apiKeys: [
          { label: 'provider', party: '72106543', sha256: hashApiKey(AANBIEDER_KEY) },
          { label: 'gemeente', partner: '0772', sha256: hashApiKey(GEMEENTE_KEY) },
        ],
      }),
    },
  );
  await t.gateway.transport.consume('backoffice.72106543', async (d) => void backOffice.push(d));
}, 60_000);
afterAll(async () => {
  await t?.close();
});

it("sends the provider's 305 to the gemeente and takes the 306 that acknowledges it", async () => {
  const id = freshId('PV');
  const res = await t.request('POST', '/api/v1/berichten', AANBIEDER_KEY, wmo305(id));
  expect(res.status).toBe(202);
  const sent = await eventually(() => {
    const found = t.partners.received.find((r) => r.partner === '0772' && identificatieOf(r.xml) === id);
    expect(found).toBeDefined();
    return found!;
  });
  const answer = await t.request('POST', '/api/v1/berichten', GEMEENTE_KEY, retourFor(sent.xml));
  expect(answer.status).toBe(202);
  const heen = await t.request('GET', `/api/v1/berichten/${res.body.messageId}`, AANBIEDER_KEY);
  expect(heen.body.state).toBe('acknowledged');
});

it("answers the gemeente's 301 with a 302 and hands the toewijzing to the provider's back-office", async () => {
  const id = freshId('PT');
  // A 301 from gemeente 0772 to our aanbieder 72106543.
  const xml = withIdentificatie(wmo301(id), id)
    .replace('<wmo301:Afzender>0599<', '<wmo301:Afzender>0772<')
    .replace('<wmo301:Ontvanger>73451234<', '<wmo301:Ontvanger>72106543<');
  const res = await t.request('POST', '/api/v1/berichten', GEMEENTE_KEY, xml);
  expect(res.status).toBe(202);
  expect(res.body.outcome).toBe('accepted');
  const retour = await eventually(() => {
    const found = t.partners.received.find((r) => r.partner === '0772' && identificatieOf(r.xml) === id);
    expect(found).toBeDefined();
    return found!;
  });
  expect(retour.xml).toContain('/wmo302/schema');
  expect(retourCodesOf(retour.xml)).toEqual([]);
  await eventually(() =>
    expect(backOffice.some((d) => d.headers['bp-correlation-id'] === res.body.messageId)).toBe(true),
  );
});
