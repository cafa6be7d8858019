/** Delivery honours a partner's own `maxAttempts` from the routing table, below the gateway's default. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshId, wmo301 } from '../gateway/messages.js';
import { eventually, KEYS, startTestGateway, type TestGateway } from '../support/gateway.js';

let t: TestGateway;

beforeAll(async () => {
  // The gateway allows 5 tries; partner 73451234 only 2.
  t = await startTestGateway(
    'embedded',
    { DELIVERY_MAX_ATTEMPTS: '5', DELIVERY_BACKOFF_MS: '50' },
    {
      routes: (file) => ({
        ...file,
        partners: file.partners.map((p) =>
          p.code === '73451234' ? { ...p, channel: { ...p.channel, maxAttempts: 2 } } : p,
        ),
      }),
    },
  );
}, 60_000);
afterAll(async () => {
  await t?.close();
});

it("dead-letters after the partner's maxAttempts and marks the message failed", async () => {
  t.partners.setStatus(503);
  try {
    const res = await t.request('POST', '/api/v1/berichten', KEYS.gemeente0599, wmo301(freshId('MA')));
    const failed = await eventually(async () => {
      const view = await t.request('GET', `/api/v1/berichten/${res.body.messageId}`, KEYS.operator);
      expect(view.body.state).toBe('failed');
      return view.body;
    }, 10_000);
    expect(failed.history.at(-1).reason).toBe('afleveren mislukt na 2 pogingen');
    // The failure is in the audit trail too, with its code.
    await eventually(async () => {
      const view = await t.request('GET', `/api/v1/berichten/${res.body.messageId}`, KEYS.operator);
      expect(view.body.events.at(-1)).toMatchObject({
        type: 'delivery.failed',
        data: { code: 'CHANNEL_SERVER_ERROR', attempts: 2 },
      });
    });
  } finally {
    t.partners.setStatus(200);
  }
});
