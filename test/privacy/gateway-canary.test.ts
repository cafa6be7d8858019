/**
 * Privacy canary through the whole gateway: a BSN and a surname that exist nowhere else are planted in
 * messages that take every path (accepted, rejected at level 2, XSD-invalid with the value quoted by
 * libxml2, unreadable, conflicting duplicate, unroutable, forbidden, outbound refused, outbound failed
 * after retries). Then every place an operator, a log collector or a queue consumer could see is searched:
 * log lines, API answers (but the raw XML itself), transport headers, ledger history and the audit trail.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Delivery } from '../../src/transport/port.js';
import { freshId, withIdentificatie, wmo301, wmo305 } from '../gateway/messages.js';
import { eventually, KEYS, startTestGateway, type TestGateway } from '../support/gateway.js';
import { capturingLogger } from '../support/log-capture.js';

const CANARY_BSN = '999912343';
const CANARY_NAME = 'Kanariezang';

const plant = (xml: string) =>
  xml
    .replace(/(<\w+:Bsn>)\d{9}(<\/\w+:Bsn>)/, `$1${CANARY_BSN}$2`)
    .replace(/(<\w+:Achternaam>)[^<]*(<\/\w+:Achternaam>)/, `$1${CANARY_NAME}$2`);

let t: TestGateway;
const { logger, lines } = capturingLogger();
const deliveries: Delivery[] = [];
const answers: string[] = [];

beforeAll(async () => {
  t = await startTestGateway('embedded', {}, { logger });
  await t.gateway.transport.consume('backoffice.0772', async (d) => void deliveries.push(d));
}, 60_000);
afterAll(async () => {
  await t?.close();
});

function clean(label: string, text: string): void {
  expect(text.includes(CANARY_BSN), `${label} leaks the canary BSN`).toBe(false);
  expect(text.includes(CANARY_NAME), `${label} leaks the canary name`).toBe(false);
}

it('sends the canary down every path and finds it nowhere but in the messages themselves', async () => {
  const submit = async (key: string, xml: string) => {
    const res = await t.request('POST', '/api/v1/berichten', key, xml);
    answers.push(res.text);
    return res;
  };
  const inbound = plant(wmo305(freshId('PA')));
  expect(inbound).toContain(CANARY_BSN);
  expect(inbound).toContain(CANARY_NAME);
  const conflictId = freshId('PC');
  const ids: string[] = [];
  const paths: [string, string][] = [
    [KEYS.aanbieder72106543, inbound],
    [KEYS.aanbieder72106543, inbound], // duplicate
    [KEYS.aanbieder72106543, plant(wmo305(conflictId))],
    [
      KEYS.aanbieder72106543,
      plant(wmo305(conflictId)).replace('<bericht:Geslacht>1<', '<bericht:Geslacht>2<'),
    ],
    [KEYS.aanbieder72106543, inbound.replace(/(<basis:Datum>)1958-01-01(<\/basis:Datum>)/, '$11850-01-01$2')],
    [
      KEYS.aanbieder72106543,
      withIdentificatie(inbound, freshId('PX')).replace(`>${CANARY_BSN}<`, `>${CANARY_BSN}0<`),
    ],
    [
      KEYS.aanbieder72106543,
      withIdentificatie(inbound, freshId('PY')).replace(
        /<bericht:Geslacht>1</,
        `<bericht:Geslacht>${CANARY_NAME}<`,
      ),
    ],
    [
      KEYS.aanbieder72106543,
      inbound.replace('</bericht:Client>', `<${CANARY_NAME}>${CANARY_BSN}</bericht:Client>`),
    ],
    [
      KEYS.aanbieder72106543,
      withIdentificatie(inbound, freshId('PU')).replace(
        '<bericht:Ontvanger>0772<',
        '<bericht:Ontvanger>0363<',
      ),
    ],
    [KEYS.aanbieder73451234, inbound], // forbidden
    [
      KEYS.gemeente0599,
      plant(wmo301(freshId('PO'))).replace(/(<iwmo:Datum>)1941-07-01(<\/iwmo:Datum>)/, '$11850-01-01$2'),
    ],
  ];
  for (const [key, xml] of paths) {
    const res = await submit(key, xml);
    if (typeof res.body === 'object' && res.body.messageId) ids.push(res.body.messageId);
  }
  // A body that claims to be JSON but is not: the parser's error quotes it.
  const broken = await fetch(`${t.url}/api/v1/berichten`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEYS.gemeente0599}`, 'content-type': 'application/json' },
    body: `{"Bsn": ${CANARY_NAME} ${CANARY_BSN}`,
  });
  answers.push(await broken.text());
  // An outbound message that fails delivery: the warnings of retries and the dead letter.
  t.partners.setStatus(503);
  const failing = await submit(KEYS.gemeente0599, plant(wmo301(freshId('PF'))));
  ids.push(failing.body.messageId);
  await eventually(async () => {
    const view = await t.request('GET', `/api/v1/berichten/${failing.body.messageId}`, KEYS.operator);
    expect(view.body.state).toBe('failed');
  }, 20_000);
  t.partners.setStatus(200);
  await eventually(() => expect(deliveries.length).toBeGreaterThan(0));

  for (const [i, text] of answers.entries()) clean(`API answer ${i}`, text);
  for (const id of ids) {
    const view = await t.request('GET', `/api/v1/berichten/${id}`, KEYS.operator);
    clean(`GET /berichten/${id} (report, history, links, deliveries)`, view.text);
  }
  clean('GET /berichten', (await t.request('GET', '/api/v1/berichten?limit=500', KEYS.operator)).text);
  for (const d of deliveries) clean('transport headers', JSON.stringify(d.headers));
  clean('audit trail', JSON.stringify(await t.gateway.ledger.listAuditEvents({ limit: 500 })));
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) clean('log line', line);
  // The raw message itself is served to those who may see it: that is its purpose.
  const xml = await t.request('GET', `/api/v1/berichten/${ids[0]}/xml`, KEYS.aanbieder72106543);
  expect(xml.text).toContain(CANARY_BSN);
}, 60_000);
