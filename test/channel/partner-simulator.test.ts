/**
 * The partner simulator against a fake gateway: a small HTTP server that records what the simulator posts
 * to /api/v1/berichten and, like the real gateway, answers a 305/307 with its retour (306/308) delivered to
 * the simulator's channel URL. Every message the simulator sends must pass our own validator, and the
 * 305/307 must refer to the toewijzing of the 301 that started the flow.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startPartnerSimulator,
  type PartnerSimulator,
  type PartnerSimulatorOptions,
} from '../../scripts/partner-simulator.js';
import { MESSAGE_ID_HEADER } from '../../src/channel/index.js';
import { RetourBuilder, type RetourFinding } from '../../src/retour/builder.js';
import { collectRetourCodes } from '../../src/retour/codes.js';
import { MessageValidator } from '../../src/validation/validator.js';
import type { CanonicalMessage, JsonElement } from '../../src/xml/json-form.js';
import { capturingLogger } from '../support/log-capture.js';
import { REPO_ROOT } from '../support/paths.js';

const API_KEY = 'bp_test_partner_key';
const NOW = new Date('2026-11-20T12:00:00Z');
const TODAY = '2026-11-20';

const validator = new MessageValidator();
const retours = new RetourBuilder();

function fixture(relative: string): Buffer {
  return readFileSync(path.join(REPO_ROOT, 'fixtures', relative));
}

interface Parsed {
  readonly name: string;
  readonly verdict: string;
  readonly json: CanonicalMessage;
}

function parse(xml: Uint8Array | string): Parsed {
  const bytes = typeof xml === 'string' ? new TextEncoder().encode(xml) : xml;
  const inspection = validator.inspect(bytes, 'test');
  inspection.doc?.dispose();
  if (!inspection.message || !inspection.json) {
    throw new Error(`not a valid message: ${JSON.stringify(inspection.report.xsd.errors.slice(0, 2))}`);
  }
  return { name: inspection.message.name, verdict: inspection.report.verdict, json: inspection.json };
}

const el = (value: unknown): JsonElement => value as JsonElement;
const arr = (value: unknown): JsonElement[] => value as JsonElement[];

// ----- the fake gateway ----------------------------------------------------------------------------------

interface Posted {
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly parsed: Parsed;
}

interface FakeGateway {
  readonly url: string;
  readonly posted: Posted[];
  /** Where the retours go: the simulator's channel URL. */
  deliverTo: string;
  /** Level-3 findings to put in the retour of a 305 / 307 (empty: accepted). */
  findings: Partial<Record<'305' | '307', RetourFinding[]>>;
  close(): Promise<void>;
}

async function fakeGateway(): Promise<FakeGateway> {
  const posted: Posted[] = [];
  const gateway: FakeGateway = {
    url: '',
    posted,
    deliverTo: '',
    findings: {},
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url !== '/api/v1/berichten' || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      const parsed = parse(body);
      posted.push({ headers: req.headers, body, parsed });
      const messageId = `m-${++n}`;
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ outcome: 'accepted', messageId, report: { verdict: parsed.verdict } }));
      // Like the gateway: a heen message from the partner is answered with its retour on the channel.
      const number = parsed.name.slice(-3);
      if (number === '305' || number === '307') {
        const inspection = validator.inspect(body, 'heen');
        inspection.doc?.dispose();
        const retour = retours.build(
          { message: inspection.message!, json: inspection.json! },
          { rules: inspection.report.rules, findings: gateway.findings[number] ?? [] },
        );
        void fetch(gateway.deliverTo, {
          method: 'POST',
          headers: {
            'content-type': 'application/xml; charset=utf-8',
            [MESSAGE_ID_HEADER]: `r-${messageId}`,
          },
          body: retour.xml,
        });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (gateway as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return gateway;
}

// ----- set-up --------------------------------------------------------------------------------------------

let gateway: FakeGateway;
let simulator: PartnerSimulator | undefined;
const log = capturingLogger();

beforeAll(async () => {
  gateway = await fakeGateway();
});

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
  gateway.posted.length = 0;
  gateway.findings = {};
});

afterAll(async () => {
  await gateway.close();
  validator.dispose();
});

async function start(
  agbCode: string,
  extra: Partial<PartnerSimulatorOptions> = {},
): Promise<PartnerSimulator> {
  simulator = await startPartnerSimulator({
    port: 0,
    gatewayUrl: gateway.url,
    apiKey: API_KEY,
    agbCode,
    delaysMs: { retour: 0, start: 0, stop: 0 },
    now: () => NOW,
    logger: log.logger,
    ...extra,
  });
  gateway.deliverTo = simulator.url;
  return simulator;
}

async function deliver(sim: PartnerSimulator, xml: Uint8Array, id = 'delivery-1'): Promise<Response> {
  return fetch(sim.url, {
    method: 'POST',
    headers: { 'content-type': 'application/xml; charset=utf-8', [MESSAGE_ID_HEADER]: id },
    body: xml,
  });
}

function postedNamed(suffix: string): Posted[] {
  return gateway.posted.filter((p) => p.parsed.name.endsWith(suffix));
}

// ----- the flow --------------------------------------------------------------------------------------------

const CASES = [
  {
    file: 'iwmo-3.2/valid/WMO301.xml',
    std: 'WMO',
    agb: '73451234',
    gemeente: '0599',
    // 4259870 is deleted (RedenWijziging 13): never started.
    started: ['4260001', '4260002', '4260003'],
    redenBeeindiging: '19',
    einddatum: { '4260001': TODAY, '4260002': TODAY, '4260003': '2026-06-30' } as Record<string, string>,
  },
  {
    file: 'ijw-3.2/valid/JW301.xml',
    std: 'JW',
    agb: '45671234',
    gemeente: '0344',
    // 7309871 changes an earlier toewijzing (RedenWijziging 05): not this 301's start.
    started: ['7310001', '7310002'],
    redenBeeindiging: '31',
    einddatum: { '7310001': '2026-08-31', '7310002': TODAY } as Record<string, string>,
  },
] as const;

describe.each(CASES)('partner simulator: $file', (c) => {
  it('answers the 301 with an accepted 302, then sends a 305 and a 307 that refer to the toewijzing', async () => {
    const sim = await start(c.agb);
    const xml = fixture(c.file);
    const heen = parse(xml);
    const heenHeader = el(heen.json.Bericht.Header);
    const heenId = el(heenHeader.BerichtIdentificatie);
    const heenClient = el(heen.json.Bericht.Client);
    const toegewezen = new Map(
      arr(el(heenClient.ToegewezenProducten).ToegewezenProduct).map((p) => [p.ToewijzingNummer as string, p]),
    );

    const res = await deliver(sim, xml);
    expect(res.status).toBe(202);
    const flow = await sim.waitFor('308', { identificatie: heenId.Identificatie as string }, 15_000);
    expect(flow.status).toBe('completed');
    expect(flow.history.map((h) => h.stage)).toEqual(['301', '302', '305', '306', '307', '308']);
    expect(flow.started).toEqual(c.started);

    // What reached the gateway: 302, 305, 307, in that order, with the partner's API key, as raw XML.
    expect(gateway.posted.map((p) => p.parsed.name)).toEqual([`${c.std}302`, `${c.std}305`, `${c.std}307`]);
    for (const p of gateway.posted) {
      expect(p.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(p.headers['content-type']).toMatch(/^application\/xml/);
    }

    // 302: the 301's header copied unchanged, no RetourCodes (accepted), valid against our schema.
    const [r302] = postedNamed('302');
    expect(r302!.parsed.verdict).toBe('accepted');
    const h302 = el(r302!.parsed.json.Bericht.Header);
    expect(h302.Afzender).toBe(c.gemeente);
    expect(h302.Ontvanger).toBe(c.agb);
    expect(h302.BerichtIdentificatie).toEqual(heenHeader.BerichtIdentificatie);
    expect(h302.DagtekeningRetour).toBe(TODAY);
    expect(collectRetourCodes(r302!.parsed.json.Bericht)).toEqual([]);
    expect(r302!.parsed.json.Bericht.Client).toBeUndefined();

    // 305: our own header (AGB -> gemeente), the 301's client, one StartProduct per started toewijzing.
    const [m305] = postedNamed('305');
    expect(m305!.parsed.verdict).toBe('accepted');
    const h305 = el(m305!.parsed.json.Bericht.Header);
    expect(h305.Afzender).toBe(c.agb);
    expect(h305.Ontvanger).toBe(c.gemeente);
    const id305 = el(h305.BerichtIdentificatie);
    expect(id305.Dagtekening).toBe(TODAY);
    expect(id305.Identificatie).not.toBe(heenId.Identificatie);
    expect(String(id305.Identificatie).length).toBeLessThanOrEqual(12);
    const client305 = el(m305!.parsed.json.Bericht.Client);
    expect(client305.Bsn).toBe(heenClient.Bsn);
    expect(client305.Geboortedatum).toEqual(heenClient.Geboortedatum);
    expect(el(client305.Naam).Geslachtsnaam).toEqual(el(heenClient.Naam).Geslachtsnaam);
    const starts = arr(el(client305.StartProducten).StartProduct);
    expect(starts.map((s) => s.ToewijzingNummer)).toEqual(c.started);
    for (const s of starts) {
      const t = toegewezen.get(s.ToewijzingNummer as string)!;
      expect(s.Product).toEqual(t.Product);
      expect(s.ToewijzingIngangsdatum).toBe(t.Ingangsdatum);
      expect(s.Begindatum).toBe(t.Ingangsdatum);
      expect(s.StatusAanlevering).toBe('1');
    }

    // 307: a new Identificatie; each StopProduct repeats its start's key (TR382) and ends within the toewijzing.
    const [m307] = postedNamed('307');
    expect(m307!.parsed.verdict).toBe('accepted');
    const h307 = el(m307!.parsed.json.Bericht.Header);
    expect([h307.Afzender, h307.Ontvanger]).toEqual([c.agb, c.gemeente]);
    expect(el(h307.BerichtIdentificatie).Identificatie).not.toBe(id305.Identificatie);
    const client307 = el(m307!.parsed.json.Bericht.Client);
    expect(client307.Bsn).toBe(heenClient.Bsn);
    const stops = arr(el(client307.StopProducten).StopProduct);
    expect(stops.map((s) => s.ToewijzingNummer)).toEqual(c.started);
    stops.forEach((stop, i) => {
      const startKey = starts[i]!;
      for (const key of ['ToewijzingNummer', 'Product', 'ToewijzingIngangsdatum', 'Begindatum']) {
        expect(stop[key]).toEqual(startKey[key]);
      }
      expect(stop.RedenBeeindiging).toBe(c.redenBeeindiging);
      expect(stop.Einddatum).toBe(c.einddatum[stop.ToewijzingNummer as string]);
      expect(stop.StatusAanlevering).toBe('1');
    });

    // The simulator recorded the 301 and the two retours it received, all without RetourCodes.
    expect(sim.received.map((r) => [r.messageName, r.retourCodes])).toEqual([
      [`${c.std}301`, []],
      [`${c.std}306`, []],
      [`${c.std}308`, []],
    ]);
    expect(sim.received[1]!.berichtIdentificatie).toEqual({
      identificatie: id305.Identificatie,
      dagtekening: TODAY,
    });
    expect(sim.sent.map((s) => [s.messageName, s.ok, s.outcome])).toEqual([
      [`${c.std}302`, true, 'accepted'],
      [`${c.std}305`, true, 'accepted'],
      [`${c.std}307`, true, 'accepted'],
    ]);
  });
});

describe('partner simulator: rejections and redeliveries', () => {
  it('a 301 that breaks an in-message rule gets a 302 with RetourCode 0001 and no start', async () => {
    const sim = await start('73451234');
    // One digit off: the Bsn fails the elfproef (CS002), a level-2 rejection.
    const broken = fixture('iwmo-3.2/valid/WMO301.xml').toString('utf8').replace('999951002', '999951003');
    expect(parse(broken).verdict).toBe('rejected');
    expect((await deliver(sim, new TextEncoder().encode(broken))).status).toBe(202);
    const flow = await sim.settled({ toewijzingNummer: '4260001' }, 15_000);
    expect(flow.status).toBe('toewijzing-rejected');
    expect(flow.codes).toEqual(['0001']);
    expect(gateway.posted.map((p) => p.parsed.name)).toEqual(['WMO302']);
    const r302 = gateway.posted[0]!.parsed;
    expect(r302.verdict).toBe('accepted');
    expect(collectRetourCodes(r302.json.Bericht)).toEqual(['0001']);
    await expect(sim.waitFor('305', { toewijzingNummer: '4260001' }, 1_000)).rejects.toThrow(
      /ended as toewijzing-rejected/,
    );
  });

  it('a 306 with RetourCodes ends the flow: no 307 follows', async () => {
    const sim = await start('45671234');
    gateway.findings['305'] = [
      {
        level: 3,
        retourcode: '9019',
        location: '/Bericht/Client/StartProducten/StartProduct[1]',
        rule: 'TR019',
      },
    ];
    await deliver(sim, fixture('ijw-3.2/valid/JW301.xml'));
    const flow = await sim.settled({ toewijzingNummer: '7310001' }, 15_000);
    expect(flow.status).toBe('start-rejected');
    expect(flow.codes).toContain('9019');
    expect(gateway.posted.map((p) => p.parsed.name)).toEqual(['JW302', 'JW305']);
  });

  it('the same delivery twice (same message id) is answered once; a resent 301 starts nothing twice', async () => {
    const sim = await start('73451234');
    const xml = fixture('iwmo-3.2/valid/WMO301.xml');
    expect((await deliver(sim, xml, 'same-id')).status).toBe(202);
    expect((await deliver(sim, xml, 'same-id')).status).toBe(200);
    expect((await deliver(sim, xml, 'other-id')).status).toBe(200);
    await sim.waitFor('308', {}, 15_000);
    expect(gateway.posted.map((p) => p.parsed.name)).toEqual(['WMO302', 'WMO305', 'WMO307']);
    expect(sim.flows()).toHaveLength(1);
  });

  it('refuses an XSD-invalid delivery with 400 StUF055 and a 301 for another aanbieder with 422', async () => {
    const sim = await start('99999999');
    const invalid = await deliver(sim, fixture('invalid/JW301-missing-mandatory-element.xml'), 'd-1');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ code: 'StUF055' });
    const elsewhere = await deliver(sim, fixture('iwmo-3.2/valid/WMO301.xml'), 'd-2');
    expect(elsewhere.status).toBe(422);
    expect(sim.flows()).toEqual([]);
    expect(gateway.posted).toEqual([]);
  });

  it('a gateway that refuses a message ends the flow as send-failed', async () => {
    const sim = await start('73451234', { gatewayUrl: `${gateway.url}/nowhere`, sendAttempts: 1 });
    await deliver(sim, fixture('iwmo-3.2/valid/WMO301.xml'));
    const flow = await sim.settled({}, 15_000);
    expect(flow.status).toBe('send-failed');
    expect(flow.codes).toEqual(['HTTP_404']);
    expect(sim.sent.map((s) => [s.messageName, s.ok, s.httpStatus])).toEqual([['WMO302', false, 404]]);
  });

  it('never logs the personal data it handles', async () => {
    const sim = await start('73451234');
    await deliver(sim, fixture('iwmo-3.2/valid/WMO301.xml'));
    await sim.waitFor('308', {}, 15_000);
    const logged = log.lines.join('\n');
    expect(logged).toContain('301 received');
    for (const personal of ['999951002', 'Kooijman', 'Geertruida', '1941-07-01', 'Polderhof', '3073CD']) {
      expect(logged).not.toContain(personal);
    }
    expect(JSON.stringify(sim.flows())).not.toContain('999951002');
  });
});
