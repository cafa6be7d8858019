/**
 * The 325 declaratie-antwoord for a 323 (IV087/IV088, FACTS §2.3): the technical answer (0001), a
 * rejected Header, a rejected Declaratie, and rejected Clienten/Prestaties with TR342's consistency —
 * which the project's validator checks on every built 325 (expectValidRetour runs the rules on it).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RetourFinding } from '../../src/retour/builder.js';
import { RULESET_VERSION } from '../../src/rules/version.js';
import { packs } from '../../src/standard/packs.js';
import { MessageValidator } from '../../src/validation/validator.js';
import { toXml } from '../../src/xml/from-json.js';
import type { JsonElement } from '../../src/xml/json-form.js';
import {
  at,
  clone,
  expectValidRetour,
  fixedBuilder,
  fixture,
  load,
  official,
  OfficialXsd,
  reload,
  TODAY,
  verdicts,
  type Loaded,
} from './support.js';

const validator = new MessageValidator();
const officialXsd = new OfficialXsd();
afterAll(() => {
  validator.dispose();
  officialXsd.dispose();
});

const finding = (retourcode: string, location: string): RetourFinding => ({ level: 3, retourcode, location });
const CLIENT = '/Bericht/Declaratie/Clienten/Client';

function build(heen: Loaded, findings: readonly RetourFinding[] = [], id = 'DA1') {
  const retour = fixedBuilder({ id }).build(heen, { rules: heen.report.rules, findings });
  expectValidRetour(retour, validator, officialXsd);
  return retour;
}

function antwoord(bericht: JsonElement): JsonElement {
  return at(bericht, 'DeclaratieAntwoord');
}

/** ReferentieNummer of every Prestatie listed in a 325, per client Bsn. */
function listed(bericht: JsonElement): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const clients = (antwoord(bericht).Clienten as JsonElement | undefined)?.Client as
    JsonElement[] | undefined;
  for (const client of clients ?? []) {
    out[String(client.Bsn)] = (at(client, 'Prestaties').Prestatie as JsonElement[]).map((p) =>
      String(at(p, 'ProductReferentie').ReferentieNummer),
    );
  }
  return out;
}

describe('323 rejected on level 2: the technical 325', () => {
  it('JW323 with a wrong total (TR358) gives the 325 of fixture JW325-afgekeurd-0001.xml', () => {
    const heen = load(validator, fixture('ijw-3.2/valid/JW323.xml'));
    const json = clone(heen.json);
    at(json.Bericht, 'Declaratie', 'TotaalIngediendBedrag').TotaalBedrag = 1;
    const broken = reload(validator, { message: heen.message, json }, 'JW323-tr358');
    expect(broken.report.rules.map((r) => r.code)).toContain('TR358');

    const expected = load(validator, fixture('ijw-3.2/valid/JW325-afgekeurd-0001.xml')).json;
    const expectedHeader = at(expected.Bericht, 'Header');
    const retour = fixedBuilder({
      id: String(at(expectedHeader, 'BerichtIdentificatie').Identificatie),
      now: new Date('2026-05-07T06:00:00Z'),
    }).build(broken, { rules: broken.report.rules });
    expectValidRetour(retour, validator, officialXsd);
    expect(retour.case).toBe('technical');
    // The fixture was checked with the official XSLT 2.10.5; we write our rule set's version.
    expect(retour.json).toEqual({
      ...expected,
      Bericht: { Header: { ...expectedHeader, XsltVersie: RULESET_VERSION } },
    });
    const header = at(retour.json.Bericht, 'Header');
    expect(header.DeclaratieIdentificatie).toEqual(at(heen.json.Bericht, 'Header').BerichtIdentificatie);
    expect(header.XsdVersieDeclaratie).toEqual(at(heen.json.Bericht, 'Header').XsdVersie);
  });

  it('WMO323 with a zero credit amount (CS325): Header only with 0001', () => {
    const heen = load(validator, fixture('iwmo-3.2/valid/WMO323.xml'));
    const json = clone(heen.json);
    const bedrag = at(
      json.Bericht,
      'Declaratie',
      'Clienten',
      'Client',
      0,
      'Prestaties',
      'Prestatie',
      0,
      'IngediendBedrag',
    );
    bedrag.Bedrag = 0;
    bedrag.DebetCredit = 'C';
    const broken = reload(validator, { message: heen.message, json }, 'WMO323-cs325');
    expect(broken.report.verdict).toBe('rejected');
    const retour = build(broken);
    expect(retour.message.name).toBe('WMO325');
    expect(Object.keys(retour.json.Bericht)).toEqual(['Header']);
    expect(at(retour.json.Bericht, 'Header').RetourCodes).toEqual({ RetourCode: ['0001'] });
  });
});

describe('323 rejected on level 3/4', () => {
  it('Header (TR056): Header only with 9056, no XsltVersie', () => {
    const retour = build(load(validator, fixture('ijw-3.2/valid/JW323.xml')), [
      finding('9056', '/Bericht/Header'),
    ]);
    expect(retour.case).toBe('header');
    expect(Object.keys(retour.json.Bericht)).toEqual(['Header']);
    const header = at(retour.json.Bericht, 'Header');
    expect(header.RetourCodes).toEqual({ RetourCode: ['9056'] });
    expect(header.XsltVersie).toBeUndefined();
    expect(header.BerichtIdentificatie).toEqual({ Identificatie: 'DA1', Dagtekening: TODAY });
  });

  it('class Declaratie (TR333): exactly fixture WMO325-afgewezen-9333.xml, granted 0, no Clienten', () => {
    const heen = load(validator, fixture('iwmo-3.2/valid/WMO323.xml'));
    const retour = fixedBuilder({ id: 'DA-26-0005', now: new Date('2026-02-18T12:00:00Z') }).build(heen, {
      // A finding in the Declaratie's own elements belongs to the class Declaratie.
      findings: [
        finding('9333', '/Bericht/Declaratie/DeclaratieNummer'),
        finding('9307', `${CLIENT}[1]/Prestaties/Prestatie[1]`),
      ],
    });
    expectValidRetour(retour, validator, officialXsd);
    expect(retour.case).toBe('classes');
    expect(retour.json).toEqual(load(validator, fixture('iwmo-3.2/valid/WMO325-afgewezen-9333.xml')).json);
  });

  it('Prestaties: only rejected ones, with their Client at 0200; granted = submitted − net rejected (TR342)', () => {
    const heen = load(validator, fixture('ijw-3.2/valid/JW323.xml'));
    // Client[1]/Prestatie[3] is a credit of 1197.00; Client[2]/Prestatie[1] a debit of 6450.00.
    const retour = build(heen, [
      finding('8017', `${CLIENT}[1]/Prestaties/Prestatie[3]/ProductReferentie/VorigReferentieNummer`),
      finding('9307', `${CLIENT}[2]/Prestaties/Prestatie[1]`),
      finding('9308', `${CLIENT}[2]/Prestaties/Prestatie[1]`),
    ]);
    expect(retour.case).toBe('classes');
    expect(listed(retour.json.Bericht)).toEqual({
      '999934016': ['JDL26040003'],
      '999934028': ['JDL26040005'],
    });
    expect(verdicts(retour.json.Bericht)).toEqual({
      '/Bericht/Header': ['0200'],
      '/Bericht/DeclaratieAntwoord': ['0200'],
      '/Bericht/DeclaratieAntwoord/Clienten/Client[1]': ['0200'],
      '/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[1]': ['8017'],
      '/Bericht/DeclaratieAntwoord/Clienten/Client[2]': ['0200'],
      '/Bericht/DeclaratieAntwoord/Clienten/Client[2]/Prestaties/Prestatie[1]': ['9307', '9308'],
    });
    // 8464.00 D submitted; rejected: −1197.00 + 6450.00 = 5253.00 net; granted 3211.00 D.
    expect(antwoord(retour.json.Bericht).TotaalToegekendBedrag).toEqual({
      TotaalBedrag: 321100,
      DebetCredit: 'D',
    });
    // The Prestatie is the 323's, unchanged, plus its RetourCodes.
    const prestatie = structuredClone(
      at(retour.json.Bericht, 'DeclaratieAntwoord', 'Clienten', 'Client', 0, 'Prestaties', 'Prestatie', 0),
    );
    delete prestatie.RetourCodes;
    expect(prestatie).toEqual(
      at(heen.json.Bericht, 'Declaratie', 'Clienten', 'Client', 0, 'Prestaties', 'Prestatie', 2),
    );
  });

  it('a rejected Client: its code, all its Prestaties back as 0233 (or their own code); other clients left out', () => {
    const heen = load(validator, fixture('ijw-3.2/valid/JW323.xml'));
    const retour = build(heen, [
      finding('8187', `${CLIENT}[2]/Bsn`),
      finding('9338', `${CLIENT}[2]/Prestaties/Prestatie[2]`),
    ]);
    expect(listed(retour.json.Bericht)).toEqual({ '999934028': ['JDL26040005', 'JDL26040006'] });
    const v = verdicts(retour.json.Bericht);
    expect(v['/Bericht/DeclaratieAntwoord/Clienten/Client[1]']).toEqual(['8187']);
    expect(v['/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[1]']).toEqual(['0233']);
    expect(v['/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[2]']).toEqual(['9338']);
    // 8464.00 − (6450.00 + 784.00) = 1230.00
    expect(antwoord(retour.json.Bericht).TotaalToegekendBedrag).toEqual({
      TotaalBedrag: 123000,
      DebetCredit: 'D',
    });
  });

  it('every Prestatie rejected: granted 0 as debet (CS325), DeclaratieAntwoord still 0200', () => {
    const heen = load(validator, fixture('ijw-3.2/valid/JW323.xml'));
    const retour = build(heen, [finding('8187', `${CLIENT}[1]`), finding('8187', `${CLIENT}[2]`)]);
    expect(antwoord(retour.json.Bericht).TotaalToegekendBedrag).toEqual({
      TotaalBedrag: 0,
      DebetCredit: 'D',
    });
    expect(antwoord(retour.json.Bericht).RetourCodes).toEqual({ RetourCode: ['0200'] });
  });

  it('official JW323.xml (credits only) with the findings of official JW325.xml: same verdicts, credit total', () => {
    const heen = load(validator, official('ijw', 'JW323'));
    const retour = build(heen, [
      finding('0611', `${CLIENT}[1]/Prestaties/Prestatie[1]/ProductTarief`),
      finding('9339', `${CLIENT}[1]/Prestaties/Prestatie[2]/ProductCategorie`),
      finding('9340', `${CLIENT}[1]/Prestaties/Prestatie[2]/ProductCode`),
      finding('9341', `${CLIENT}[1]/Prestaties/Prestatie[2]/Eenheid`),
      finding('9307', `${CLIENT}[2]/Prestaties/Prestatie[1]/ProductPeriode/Begindatum`),
    ]);
    const expected = load(validator, official('ijw', 'JW325')).json;
    expect(verdicts(retour.json.Bericht)).toEqual(verdicts(expected.Bericht));
    // Element order of the header as in the example; the example also carries an XsltVersie, which IV087
    // requires only on a level-2 rejection.
    const keys = Object.keys(at(expected.Bericht, 'Header')).filter((k) => k !== 'XsltVersie');
    expect(Object.keys(at(retour.json.Bericht, 'Header'))).toEqual(keys);
    expect(Object.keys(antwoord(retour.json.Bericht))).toEqual(Object.keys(antwoord(expected.Bericht)));
    // 580.00 C submitted; rejected credits 50.00 + 240.00 + 50.00 = 340.00 C; granted 240.00 C. (The example's
    // 340.00 C follows from its own RN002 amount of 140.00, which differs from the 323 example's 240.00.)
    expect(antwoord(retour.json.Bericht).TotaalToegekendBedrag).toEqual({
      TotaalBedrag: 24000,
      DebetCredit: 'C',
    });
  });

  it('the validator does catch an inconsistent 325 (so expectValidRetour proves TR342 above)', () => {
    const heen = load(validator, fixture('ijw-3.2/valid/JW323.xml'));
    const retour = build(heen, [finding('9307', `${CLIENT}[2]/Prestaties/Prestatie[1]`)]);
    const json = clone(retour.json);
    at(json.Bericht, 'DeclaratieAntwoord', 'TotaalToegekendBedrag').TotaalBedrag = 846400;
    const xml = toXml(json, retour.message, packs.ijw);
    expect(validator.validate(Buffer.from(xml), 'tampered').rules.map((r) => r.code)).toEqual(['TR342']);
  });
});
