/**
 * The gateway's flows end to end, over HTTP, on the embedded adapters and on the real services
 * (PostgreSQL, RabbitMQ, s3rver): heen in -> retour out, duplicate, conflicting duplicate, outbound invalid,
 * outbound delivered and acknowledged by the partner's retour, partner down -> failed -> replay -> delivered.
 */
import { mustNotSkip } from '../support/ci.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/transport/port.js';
import {
  eventually,
  KEYS,
  realServicesUnavailable,
  startTestGateway,
  type GatewayMode,
  type TestGateway,
} from '../support/gateway.js';
import {
  freshId,
  identificatieOf,
  retourCodesOf,
  retourFor,
  withIdentificatie,
  wmo301,
  wmo301FailingTr002,
  wmo301XsdInvalid,
  wmo305,
  wmo305FailingTr002,
  wmo307,
} from './messages.js';

const unavailable = await realServicesUnavailable();

for (const mode of ['embedded', 'real'] as GatewayMode[]) {
  describe(`gateway flows (${mode})`, () => {
    if (mode === 'real' && unavailable !== undefined) {
      // On CI a missing service fails the run; a developer without the services sees a skip.
      it.skipIf(!mustNotSkip())(`needs the real services (${unavailable})`, () => {
        throw new Error(`real services unavailable: ${unavailable}`);
      });
      return;
    }

    let t: TestGateway;
    const backOffice: Delivery[] = [];
    beforeAll(async () => {
      t = await startTestGateway(mode);
      await t.gateway.transport.consume('backoffice.0772', async (d) => void backOffice.push(d));
      await t.gateway.transport.consume('backoffice.0599', async (d) => void backOffice.push(d));
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    }, 60_000);

    const retoursTo = (partner: string, identificatie: string) =>
      t.partners.received.filter((r) => r.partner === partner && identificatieOf(r.xml) === identificatie);
    /** The one retour (or message) the partner received for `identificatie`, once it is there. */
    const oneTo = (partner: string, identificatie: string) =>
      eventually(() => {
        const found = retoursTo(partner, identificatie);
        expect(found).toHaveLength(1);
        return found[0]!;
      });
    const state = async (id: string) =>
      (await t.request('GET', `/api/v1/berichten/${id}`, KEYS.operator)).body;

    it('inbound 305: accepted, a 306 without RetourCodes goes back, the JSON goes to the back-office', async () => {
      const id = freshId('IN');
      const res = await t.request('POST', '/api/v1/berichten', KEYS.aanbieder72106543, wmo305(id));
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ outcome: 'accepted', state: 'routed' });
      const retour = await oneTo('72106543', id);
      expect(retour.xml).toContain('/wmo306/schema');
      expect(retourCodesOf(retour.xml)).toEqual([]);
      const delivery = await eventually(() => {
        const d = backOffice.find((b) => b.headers['bp-correlation-id'] === res.body.messageId);
        expect(d).toBeDefined();
        return d!;
      });
      const envelope = JSON.parse(new TextDecoder().decode(delivery.body));
      expect(envelope).toMatchObject({ kind: 'bericht', message: 'WMO305', verdict: 'accepted' });
      expect(envelope.json.Bericht.Header.BerichtIdentificatie.Identificatie).toBe(id);
      // The retour is served next to the message, and the ledger links them.
      const xml = await t.request('GET', `/api/v1/berichten/${res.body.messageId}/retour`, KEYS.operator);
      expect(xml.text).toBe(retour.xml);
      const view = await state(res.body.messageId);
      expect(view.links).toEqual(
        expect.arrayContaining([expect.objectContaining({ to: res.body.retourId, kind: 'retour' })]),
      );
    });

    it('inbound 305 failing a level-2 rule: a 306 with 0001; nothing reaches the back-office', async () => {
      const id = freshId('RJ');
      const res = await t.request(
        'POST',
        '/api/v1/berichten',
        KEYS.aanbieder72106543,
        wmo305FailingTr002(id),
      );
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ outcome: 'rejected', state: 'rejected' });
      expect(res.body.report.rules.map((r: { code: string }) => r.code)).toEqual(['TR002']);
      const retour = await oneTo('72106543', id);
      expect(retourCodesOf(retour.xml)).toEqual(['0001']);
      expect(backOffice.some((b) => b.headers['bp-correlation-id'] === res.body.messageId)).toBe(false);
    });

    it('inbound 307: accepted and answered with a 308', async () => {
      const id = freshId('ST');
      const res = await t.request('POST', '/api/v1/berichten', KEYS.aanbieder72106543, wmo307(id));
      expect(res.body).toMatchObject({ outcome: 'accepted' });
      const retour = await oneTo('72106543', id);
      expect(retour.xml).toContain('/wmo308/schema');
    });

    it('the same message twice: the same outcome, one retour, one back-office delivery', async () => {
      const id = freshId('DU');
      const xml = wmo305(id);
      const first = await t.request('POST', '/api/v1/berichten', KEYS.aanbieder72106543, xml);
      const second = await t.request('POST', '/api/v1/berichten', KEYS.aanbieder72106543, xml);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({
        outcome: 'duplicate',
        messageId: first.body.messageId,
        retourId: first.body.retourId,
      });
      await eventually(() => expect(retoursTo('72106543', id)).toHaveLength(1));
      await eventually(() =>
        expect(
          backOffice.filter((b) => b.headers['bp-correlation-id'] === first.body.messageId),
        ).toHaveLength(1),
      );
      // Give a second delivery every chance to show up before concluding there is none.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(retoursTo('72106543', id)).toHaveLength(1);
      expect(backOffice.filter((b) => b.headers['bp-correlation-id'] === first.body.messageId)).toHaveLength(
        1,
      );
    });

    it('the same Identificatie with other content: 409 TR056 and a retour carrying 9056', async () => {
      const id = freshId('CF');
      await t.request('POST', '/api/v1/berichten', KEYS.aanbieder72106543, wmo305(id));
      const other = wmo305(id).replace(
        '<bericht:Geslacht>1</bericht:Geslacht>',
        '<bericht:Geslacht>2</bericht:Geslacht>',
      );
      const res = await t.request('POST', '/api/v1/berichten', KEYS.aanbieder72106543, other);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ outcome: 'conflict', state: 'duplicate', code: 'TR056' });
      const retours = await eventually(() => {
        const found = retoursTo('72106543', id);
        expect(found).toHaveLength(2);
        return found;
      });
      expect(retours.map((r) => retourCodesOf(r.xml).includes('9056')).sort()).toEqual([false, true]);
    });

    it('outbound invalid: refused with the report and never sent', async () => {
      const ruleId = freshId('OR');
      const rule = await t.request(
        'POST',
        '/api/v1/berichten',
        KEYS.gemeente0599,
        wmo301FailingTr002(ruleId),
      );
      expect(rule.status).toBe(422);
      expect(rule.body).toMatchObject({ outcome: 'rejected', code: 'INVALID_MESSAGE' });
      expect(rule.body.report.rules[0].code).toBe('TR002');
      const xsdId = freshId('OX');
      const xsd = await t.request('POST', '/api/v1/berichten', KEYS.gemeente0599, wmo301XsdInvalid(xsdId));
      expect(xsd.status).toBe(422);
      expect(xsd.body).toMatchObject({ outcome: 'xsd-invalid', code: 'StUF055' });
      expect(JSON.stringify(xsd.body)).not.toContain('99995100X');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(retoursTo('73451234', ruleId)).toEqual([]);
      expect(retoursTo('73451234', xsdId)).toEqual([]);
    });

    it("outbound 301: delivered to the partner; the partner's 302 acknowledges it", async () => {
      const id = freshId('OK');
      const res = await t.request('POST', '/api/v1/berichten', KEYS.gemeente0599, wmo301(id));
      expect(res.status).toBe(202);
      const sent = await oneTo('73451234', id);
      await eventually(async () => expect((await state(res.body.messageId)).state).toBe('delivered'));
      const answer = await t.request(
        'POST',
        '/api/v1/berichten',
        KEYS.aanbieder73451234,
        retourFor(sent.xml),
      );
      expect(answer.status).toBe(202);
      const heen = await state(res.body.messageId);
      expect(heen.state).toBe('acknowledged');
      expect(heen.links).toEqual(
        expect.arrayContaining([expect.objectContaining({ to: answer.body.messageId, kind: 'retour' })]),
      );
      // The back-office hears of the retour too.
      await eventually(() =>
        expect(backOffice.some((b) => b.headers['bp-correlation-id'] === answer.body.messageId)).toBe(true),
      );
    });

    it('partner down: retries, then failed; replayed once it is back: delivered', async () => {
      t.partners.setStatus(503);
      const id = freshId('DN');
      let res: Awaited<ReturnType<TestGateway['request']>> | undefined;
      try {
        res = await t.request('POST', '/api/v1/berichten', KEYS.gemeente0599, wmo301(id));
        expect(res.status).toBe(202);
        const messageId = res.body.messageId;
        await eventually(async () => expect((await state(messageId)).state).toBe('failed'), 20_000);
      } finally {
        t.partners.setStatus(200);
      }
      if (!res) throw new Error('not submitted');
      const failed = await state(res.body.messageId);
      expect(failed.history.at(-1)).toMatchObject({ to: 'failed' });
      const listed = await t.request('GET', '/api/v1/berichten?state=failed', KEYS.operator);
      expect(listed.body.items.map((m: { id: string }) => m.id)).toContain(res.body.messageId);

      const replay = await t.request('POST', `/api/v1/berichten/${res.body.messageId}/replay`, KEYS.operator);
      expect(replay.status).toBe(202);
      await eventually(async () => expect((await state(res.body.messageId)).state).toBe('delivered'), 20_000);
      expect(retoursTo('73451234', id)).toHaveLength(1);
      const audit = await t.gateway.ledger.listAuditEvents({ subject: res.body.messageId, limit: 100 });
      expect(audit.map((e) => e.type)).toContain('operator.replay');
    }, 60_000);

    it('an inbound message for a gemeente we do not represent is recorded as unroutable, never dropped', async () => {
      const id = freshId('UR');
      const xml = withIdentificatie(wmo305(id), id).replace(
        '<bericht:Ontvanger>0772<',
        '<bericht:Ontvanger>0363<',
      );
      const res = await t.request('POST', '/api/v1/berichten', KEYS.aanbieder72106543, xml);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ outcome: 'unroutable', state: 'unroutable' });
      const listed = await t.request('GET', '/api/v1/berichten?state=unroutable', KEYS.operator);
      expect(listed.body.items.map((m: { id: string }) => m.id)).toContain(res.body.messageId);
    });
  });
}
