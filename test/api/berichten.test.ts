/**
 * The message API's rules, on the embedded gateway: authentication on every route but health, a party
 * sees (and replays) only what it sent or received, answered 404 exactly like an unknown id; submissions
 * only for oneself; JSON submissions; size limits; error bodies that never echo the request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageValidator } from '../../src/validation/validator.js';
import { eventually, KEYS, startTestGateway, type TestGateway } from '../support/gateway.js';
import { freshId, wmo301, wmo305 } from '../gateway/messages.js';

let t: TestGateway;
/** Outbound 301 of gemeente 0599 to aanbieder 73451234, failed (the partner was down). */
let failed301: string;
/** Inbound 305 of aanbieder 72106543 to gemeente 0772, answered with a 306. */
let inbound305: string;

beforeAll(async () => {
  t = await startTestGateway('embedded', { MAX_MESSAGE_BYTES: '60000' });
  t.partners.setStatus(503);
  const out = await t.request('POST', '/api/v1/berichten', KEYS.gemeente0599, wmo301(freshId('AC')));
  failed301 = out.body.messageId;
  await eventually(async () => {
    const view = await t.request('GET', `/api/v1/berichten/${failed301}`, KEYS.operator);
    expect(view.body.state).toBe('failed');
  }, 20_000);
  t.partners.setStatus(200);
  const inbound = await t.request('POST', '/api/v1/berichten', KEYS.aanbieder72106543, wmo305(freshId('AC')));
  inbound305 = inbound.body.messageId;
}, 60_000);

afterAll(async () => {
  await t?.close();
}, 30_000);

describe('authentication', () => {
  const routes: [string, string][] = [
    ['POST', '/api/v1/berichten'],
    ['POST', '/api/v1/toewijzingen'],
    ['GET', '/api/v1/berichten'],
    ['GET', '/api/v1/berichten/x'],
    ['GET', '/api/v1/berichten/x/xml'],
    ['GET', '/api/v1/berichten/x/retour'],
    ['POST', '/api/v1/berichten/x/replay'],
  ];
  it.each(routes)('%s %s needs a known bearer key (401 otherwise)', async (method, route) => {
    for (const key of [undefined, 'bp_not_a_key']) {
      const res = await t.request(method, route, key);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
  });

  it('health and readiness need no key; readiness reports every port', async () => {
    expect((await t.request('GET', '/healthz', undefined)).status).toBe(200);
    const ready = await t.request('GET', '/readyz', undefined);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      ledger: { ok: true, engine: 'pglite' },
      transport: { ok: true },
      archive: { ok: true },
    });
  });
});

describe('visibility: a party sees only the messages it sent or received', () => {
  const reads = ['', '/xml', '/retour'];

  it.each(reads)('GET /berichten/:id%s answers 404 to a party that is not involved', async (suffix) => {
    for (const key of [KEYS.gemeente0772, KEYS.aanbieder72106543]) {
      const res = await t.request('GET', `/api/v1/berichten/${failed301}${suffix}`, key);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    for (const key of [KEYS.gemeente0599, KEYS.aanbieder72106543]) {
      const res = await t.request('GET', `/api/v1/berichten/${inbound305}${suffix}`, key);
      expect(res.status).toBe(key === KEYS.gemeente0599 ? 404 : 200);
    }
    // Unknown ids look exactly the same.
    const unknown = await t.request(
      'GET',
      `/api/v1/berichten/00000000-0000-0000-0000-000000000000${suffix}`,
      KEYS.operator,
    );
    expect(unknown.status).toBe(404);
  });

  it('GET /berichten/:id shows the involved party and the operator state, report, history and links', async () => {
    for (const key of [KEYS.gemeente0599, KEYS.aanbieder73451234, KEYS.operator]) {
      const res = await t.request('GET', `/api/v1/berichten/${failed301}`, key);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: failed301, state: 'failed', messageName: 'WMO301' });
      expect(res.body.history.map((h: { to: string }) => h.to)).toEqual(['routed', 'failed']);
      expect(res.body.report.verdict).toBe('accepted');
      expect(res.body.events.map((e: { type: string }) => e.type)).toEqual([
        'message.outbound',
        'delivery.failed',
      ]);
    }
  });

  it('GET /berichten lists only what the party exchanged; the operator sees all', async () => {
    const of = async (key: string) =>
      ((await t.request('GET', '/api/v1/berichten?limit=500', key)).body.items as { id: string }[]).map(
        (m) => m.id,
      );
    expect(await of(KEYS.gemeente0599)).toContain(failed301);
    expect(await of(KEYS.gemeente0599)).not.toContain(inbound305);
    expect(await of(KEYS.gemeente0772)).toContain(inbound305);
    expect(await of(KEYS.gemeente0772)).not.toContain(failed301);
    expect(await of(KEYS.aanbieder72106543)).not.toContain(failed301);
    expect(await of(KEYS.operator)).toEqual(expect.arrayContaining([failed301, inbound305]));
    const filtered = await t.request('GET', '/api/v1/berichten?state=failed&type=WMO301', KEYS.operator);
    expect(filtered.body.items.map((m: { id: string }) => m.id)).toEqual([failed301]);
    const bad = await t.request('GET', '/api/v1/berichten?state=bogus', KEYS.operator);
    expect(bad.status).toBe(400);
  });

  it('GET /berichten/zoeken finds by BerichtIdentificatie and by conversation key, only what the caller may see', async () => {
    const search = async (key: string, query: string) =>
      (await t.request('GET', `/api/v1/berichten/zoeken?${query}`, key)).body;
    const byKey = 'toewijzingNummer=4871120&owner=0772&standard=iwmo';
    expect((await search(KEYS.operator, byKey)).items.map((m: { id: string }) => m.id)).toContain(inbound305);
    expect((await search(KEYS.gemeente0772, byKey)).items.map((m: { id: string }) => m.id)).toContain(
      inbound305,
    );
    expect((await search(KEYS.gemeente0599, byKey)).items).toEqual([]);
    const view = await t.request('GET', `/api/v1/berichten/${inbound305}`, KEYS.operator);
    const id = view.body.berichtIdentificatie.identificatie;
    const byId = await search(KEYS.aanbieder72106543, `identificatie=${id}&afzender=72106543`);
    // The 306 keeps the header of its 305, BerichtIdentificatie included: both belong to the answer.
    expect(byId.items.map((m: { messageName: string }) => m.messageName)).toEqual(['WMO305', 'WMO306']);
    expect(byId.items[0].id).toBe(inbound305);
    expect((await search(KEYS.gemeente0599, `identificatie=${id}`)).items).toEqual([]);
    const bad = await t.request('GET', '/api/v1/berichten/zoeken?toewijzingNummer=1', KEYS.operator);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_QUERY');
  });

  it('POST /berichten/:id/replay: 404 for a party not involved, allowed for the sender and the operator', async () => {
    for (const key of [KEYS.gemeente0772, KEYS.aanbieder72106543]) {
      expect((await t.request('POST', `/api/v1/berichten/${failed301}/replay`, key)).status).toBe(404);
    }
    // Only failed or unroutable messages can be replayed.
    const notFailed = await t.request('POST', `/api/v1/berichten/${inbound305}/replay`, KEYS.operator);
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.error.code).toBe('NOT_REPLAYABLE');
    const replay = await t.request('POST', `/api/v1/berichten/${failed301}/replay`, KEYS.gemeente0599);
    expect(replay.status).toBe(202);
    await eventually(async () => {
      const view = await t.request('GET', `/api/v1/berichten/${failed301}`, KEYS.gemeente0599);
      expect(view.body.state).toBe('delivered');
    }, 10_000);
  });
});

describe('submissions', () => {
  it('a caller submits only for itself: another sender, a partner sending outbound, the operator: 403', async () => {
    const forOther = await t.request('POST', '/api/v1/berichten', KEYS.gemeente0772, wmo301(freshId('FO')));
    expect(forOther.status).toBe(403);
    const asOperator = await t.request('POST', '/api/v1/berichten', KEYS.operator, wmo305(freshId('FO')));
    expect(asOperator.status).toBe(403);
    const wrongPartner = await t.request(
      'POST',
      '/api/v1/berichten',
      KEYS.aanbieder73451234,
      wmo305(freshId('FO')),
    );
    expect(wrongPartner.status).toBe(403);
    expect(forOther.body).toMatchObject({ outcome: 'forbidden', code: 'FORBIDDEN' });
  });

  it('takes the canonical JSON of any message and assigns BerichtIdentificatie when it is absent', async () => {
    const validator = new MessageValidator();
    const inspection = validator.inspect(new TextEncoder().encode(wmo301('X')), 'x');
    inspection.doc?.dispose();
    validator.dispose();
    const json = structuredClone(inspection.json!) as unknown as {
      Bericht: { Header: Record<string, unknown> };
    };
    delete json.Bericht.Header.BerichtIdentificatie;
    const res = await t.request('POST', '/api/v1/berichten', KEYS.gemeente0599, json);
    expect(res.status).toBe(202);
    expect(res.body.outcome).toBe('accepted');
    const xml = await t.request('GET', `/api/v1/berichten/${res.body.messageId}/xml`, KEYS.gemeente0599);
    expect(xml.text).toMatch(/<iwmo:Identificatie>[0-9a-z]{12}<\/iwmo:Identificatie>/);
  });

  it('POST /toewijzingen fills the header of a 301 from the calling party', async () => {
    const validator = new MessageValidator();
    const inspection = validator.inspect(new TextEncoder().encode(wmo301('X')), 'x');
    inspection.doc?.dispose();
    validator.dispose();
    const client = (inspection.json!.Bericht as { Client: unknown }).Client;
    const res = await t.request('POST', '/api/v1/toewijzingen', KEYS.gemeente0599, {
      standard: 'iwmo',
      Ontvanger: '73451234',
      Client: client,
    });
    expect(res.status).toBe(202);
    const view = await t.request('GET', `/api/v1/berichten/${res.body.messageId}`, KEYS.gemeente0599);
    expect(view.body).toMatchObject({ messageName: 'WMO301', afzender: '0599', ontvanger: '73451234' });
    const partner = await t.request('POST', '/api/v1/toewijzingen', KEYS.aanbieder73451234, {});
    expect(partner.status).toBe(403);
  });

  it('JSON that does not fit the message: 422 with JSON paths, no values echoed', async () => {
    const res = await t.request('POST', '/api/v1/toewijzingen', KEYS.gemeente0599, {
      standard: 'iwmo',
      Ontvanger: '73451234',
      Client: { Bsn: '99991234X' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_JSON_MESSAGE');
    expect(res.body.issues.length).toBeGreaterThan(0);
    expect(res.body.issues[0].path).toEqual(expect.any(String));
    expect(res.text).not.toContain('99991234X');
  });

  it('a body that is not JSON: 400 INVALID_JSON, neither echoed nor logged', async () => {
    const res = await fetch(`${t.url}/api/v1/berichten`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.gemeente0599}`, 'content-type': 'application/json' },
      body: '{"Bsn": Kanariezang 999912343',
    });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(JSON.parse(text).error.code).toBe('INVALID_JSON');
    expect(text).not.toContain('Kanariezang');
  });

  it('bodies are size-limited; errors never echo the request', async () => {
    const big = wmo301(freshId('BG')).replace(
      '</wmo301:Bericht>',
      `<!--${'x'.repeat(70_000)}--></wmo301:Bericht>`,
    );
    const res = await t.request('POST', '/api/v1/berichten', KEYS.gemeente0599, big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const empty = await t.request('POST', '/api/v1/berichten', KEYS.gemeente0599, '');
    expect(empty.status).toBe(400);
    const garbage = await t.request('POST', '/api/v1/berichten', KEYS.gemeente0599, 'not xml 999951002');
    expect(garbage.status).toBe(400);
    expect(garbage.body.outcome).toBe('unreadable');
    expect(garbage.text).not.toContain('999951002');
  });
});
