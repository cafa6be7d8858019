/**
 * The rejection cases of FACTS §2.3 for the retours 302 … 320: level 2 (0001), level 3/4 on the Header,
 * level 3/4 on classes. Level-3/4 findings are hand-made: their checks come in a later issue.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RetourInputError, type RetourFinding } from '../../src/retour/builder.js';
import { RULESET_VERSION } from '../../src/rules/version.js';
import { MessageValidator } from '../../src/validation/validator.js';
import {
  at,
  clone,
  expectValidRetour,
  fixedBuilder,
  fixture,
  heenFiles,
  load,
  official,
  OfficialXsd,
  reload,
  verdicts,
  type Loaded,
} from './support.js';

const validator = new MessageValidator();
const officialXsd = new OfficialXsd();
afterAll(() => {
  validator.dispose();
  officialXsd.dispose();
});

const finding = (retourcode: string, location: string, level: 3 | 4 = 3): RetourFinding => ({
  level,
  retourcode,
  location,
});

function build(heen: Loaded, findings: readonly RetourFinding[] = []) {
  const retour = fixedBuilder({ id: 'R1' }).build(heen, { rules: heen.report.rules, findings });
  expectValidRetour(retour, validator, officialXsd);
  return retour;
}

describe('level 2: rejected on a rule of the message itself', () => {
  /** Breaks the elfproef (CS002) of the first client's Bsn: every heen message but the 319 has one. */
  const breakBsn = (heen: Loaded): Loaded => {
    const json = clone(heen.json);
    const client =
      heen.message.number === '323'
        ? at(json.Bericht, 'Declaratie', 'Clienten', 'Client', 0)
        : at(json.Bericht, 'Client');
    client.Bsn = '123456789';
    return reload(validator, { message: heen.message, json }, `${heen.message.name}-bsn`);
  };

  const withBsn = heenFiles().filter(
    (f) => !/(WMO|JW)319/.test(path.basename(f)) && !f.includes('/examples/WMO317'),
  );
  for (const file of withBsn) {
    const label = path.relative(path.resolve(file, '../../..'), file);
    it(`${label} with a bad Bsn: Header only, 0001, XsltVersie`, () => {
      const heen = breakBsn(load(validator, file));
      expect(heen.report.verdict).toBe('rejected');
      expect(heen.report.rules.map((r) => r.code)).toContain('CS002');
      // Level-3/4 findings are ignored: a technically rejected message is not processed any further.
      const retour = build(heen, [finding('9056', '/Bericht/Header')]);
      expect(retour.case).toBe('technical');
      expect(Object.keys(retour.json.Bericht)).toEqual(['Header']);
      const header = at(retour.json.Bericht, 'Header');
      expect(header.XsltVersie).toBe(RULESET_VERSION);
      expect(header.RetourCodes).toEqual({ RetourCode: ['0001'] });
      if (heen.message.number !== '323') {
        expect(header.BerichtIdentificatie).toEqual(at(heen.json.Bericht, 'Header').BerichtIdentificatie);
        expect(Object.keys(header).slice(-5)).toEqual([
          'IdentificatieRetour',
          'DagtekeningRetour',
          'XsltVersie',
          'XsdVersieRetour',
          'RetourCodes',
        ]);
      }
    });
  }

  it('WMO301 with Einddatum before Ingangsdatum (CS003): 0001', () => {
    const heen = load(validator, fixture('iwmo-3.2/valid/WMO301.xml'));
    const json = clone(heen.json);
    const product = at(json.Bericht, 'Client', 'ToegewezenProducten', 'ToegewezenProduct', 0);
    product.Einddatum = '2020-01-01';
    const broken = reload(validator, { message: heen.message, json }, 'WMO301-cs003');
    expect(broken.report.rules.map((r) => r.code)).toContain('CS003');
    const retour = build(broken);
    expect(retour.message.name).toBe('WMO302');
    expect(at(retour.json.Bericht, 'Header').RetourCodes).toEqual({ RetourCode: ['0001'] });
  });

  it('JW319 with Woonplaatsbeginsel removed while RedenAfwijzingVerzoek is 8 (TR377): 0001', () => {
    const heen = load(validator, fixture('ijw-3.2/valid/JW319.xml'));
    const json = clone(heen.json);
    delete at(json.Bericht, 'Antwoord').Woonplaatsbeginsel;
    const broken = reload(validator, { message: heen.message, json }, 'JW319-tr377');
    expect(broken.report.rules.map((r) => r.code)).toEqual(['TR377']);
    const retour = build(broken);
    expect(retour.message.name).toBe('JW320');
    expect(retour.case).toBe('technical');
  });

  it('official WMO317.xml (TR380, as the official XSLT) is answered with a WMO318 0001', () => {
    const heen = load(validator, official('iwmo', 'WMO317'));
    expect(heen.report.rules.map((r) => r.code)).toEqual(['TR380']);
    const retour = build(heen);
    expect(retour.message.name).toBe('WMO318');
    expect(at(retour.json.Bericht, 'Header').RetourCodes).toEqual({ RetourCode: ['0001'] });
  });

  it('JW315 with a bad Bsn gives the shape of fixture JW316-afgekeurd-0001.xml (given its XSLT version)', () => {
    const expected = load(validator, fixture('ijw-3.2/valid/JW316-afgekeurd-0001.xml')).json;
    const heenHeader = at(expected.Bericht, 'Header');
    const heen = breakBsn(load(validator, fixture('ijw-3.2/valid/JW315.xml')));
    const retour = fixedBuilder({ id: String(heenHeader.IdentificatieRetour) }).build(heen, {
      rules: heen.report.rules,
    });
    const header = at(retour.json.Bericht, 'Header');
    expect({ ...header, DagtekeningRetour: '-', XsltVersie: '-' }).toEqual({
      ...heenHeader,
      DagtekeningRetour: '-',
      XsltVersie: '-',
    });
  });
});

describe('level 3/4 on the Header: Header only, with the rule code', () => {
  it('answers official JW305.xml with TR135 exactly as official JW306.xml (given its id and date)', () => {
    const heen = load(validator, official('ijw', 'JW305'));
    const retour = fixedBuilder({ id: '7ae60051-e0f', now: new Date('2023-07-26T08:00:00Z') }).build(heen, {
      findings: [finding('8848', '/Bericht/Header/BerichtIdentificatie/Dagtekening', 4)],
    });
    expect(retour.case).toBe('header');
    expect(retour.json).toEqual(load(validator, official('ijw', 'JW306')).json);
    expectValidRetour(retour, validator, officialXsd);
  });

  it('answers official JW301.xml with TR135 in the shape of official JW302.xml', () => {
    const heen = load(validator, official('ijw', 'JW301'));
    const retour = build(heen, [finding('8848', '/Bericht/Header', 4)]);
    const expected = load(validator, official('ijw', 'JW302')).json;
    expect(Object.keys(retour.json.Bericht)).toEqual(Object.keys(expected.Bericht));
    const header = at(retour.json.Bericht, 'Header');
    const expectedHeader = at(expected.Bericht, 'Header');
    expect(Object.keys(header)).toEqual(Object.keys(expectedHeader));
    // The example's data come from another upload of JW301 (other Dagtekening): compare what is not data.
    for (const name of [
      'BerichtCode',
      'BerichtVersie',
      'BerichtSubversie',
      'Afzender',
      'Ontvanger',
      'XsdVersie',
    ]) {
      expect(header[name], name).toEqual(expectedHeader[name]);
    }
    expect(header.RetourCodes).toEqual({ RetourCode: ['8848'] });
  });

  it('answers fixture JW319.xml with TR056 exactly as fixture JW320-header-9056.xml', () => {
    const heen = load(validator, fixture('ijw-3.2/valid/JW319.xml'));
    const retour = fixedBuilder({ id: 'R320-000032', now: new Date('2026-02-16T12:00:00Z') }).build(heen, {
      findings: [finding('9056', '/Bericht/Header/BerichtIdentificatie/Identificatie')],
    });
    expect(retour.json).toEqual(load(validator, fixture('ijw-3.2/valid/JW320-header-9056.xml')).json);
    expectValidRetour(retour, validator, officialXsd);
  });

  it('puts every distinct header code on the Header and drops class findings (IV028: only the Header)', () => {
    const heen = load(validator, fixture('iwmo-3.2/valid/WMO305.xml'));
    const retour = build(heen, [
      finding('9056', '/Bericht/Header'),
      finding('9019', '/Bericht/Client/StartProducten/StartProduct[1]'),
      finding('8848', '/Bericht/Header/BerichtIdentificatie/Dagtekening', 4),
      finding('9056', '/Bericht/Header/BerichtIdentificatie/Identificatie'),
    ]);
    expect(retour.case).toBe('header');
    expect(Object.keys(retour.json.Bericht)).toEqual(['Header']);
    expect(at(retour.json.Bericht, 'Header').RetourCodes).toEqual({ RetourCode: ['9056', '8848'] });
    expect(at(retour.json.Bericht, 'Header').XsltVersie).toBeUndefined();
  });
});

describe('level 3/4 on classes: the client subtree with a verdict on every berichtklasse', () => {
  it('JW315 as official JW316.xml: Header 0200, Client 0200, AangevraagdProduct[1] 9347, [2] 0200', () => {
    const heen = load(validator, official('ijw', 'JW315'));
    const retour = build(heen, [
      finding('9347', '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]'),
    ]);
    expect(retour.case).toBe('classes');
    const expected = load(validator, official('ijw', 'JW316')).json;
    expect(verdicts(retour.json.Bericht)).toEqual(verdicts(expected.Bericht));
    expect(verdicts(retour.json.Bericht)).toEqual({
      '/Bericht/Header': ['0200'],
      '/Bericht/Client': ['0200'],
      '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]': ['9347'],
      '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[2]': ['0200'],
    });
    // The client is copied unchanged: remove the verdicts and the heen body comes back.
    const client = structuredClone(at(retour.json.Bericht, 'Client'));
    delete client.RetourCodes;
    for (const product of at(client, 'AangevraagdeProducten', 'AangevraagdProduct') as unknown as Record<
      string,
      unknown
    >[]) {
      delete product.RetourCodes;
    }
    expect(client).toEqual(at(heen.json.Bericht, 'Client'));
  });

  it('JW305 as IV028 example: StartProduct[2] 9063, the rest 0200', () => {
    const heen = load(validator, official('ijw', 'JW305'));
    const retour = build(heen, [
      finding('9063', '/Bericht/Client/StartProducten/StartProduct[2]/Begindatum'),
    ]);
    expect(verdicts(retour.json.Bericht)).toEqual({
      '/Bericht/Header': ['0200'],
      '/Bericht/Client': ['0200'],
      '/Bericht/Client/StartProducten/StartProduct[1]': ['0200'],
      '/Bericht/Client/StartProducten/StartProduct[2]': ['9063'],
    });
  });

  it('JW301: a nested Relatie/Contact and a ToegewezenProduct; the same class Contact elsewhere stays 0200', () => {
    const heen = load(validator, official('ijw', 'JW301'));
    const retour = build(heen, [
      finding('S300', '/Bericht/Client/Relaties/Relatie[2]/Contact', 4),
      // `[1]` may be left out on a lone sibling, as the official XSLT writes it.
      finding('9332', '/Bericht/Client/ToegewezenProducten/ToegewezenProduct/ToewijzingNummer'),
      finding('9379', '/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]'),
    ]);
    const v = verdicts(retour.json.Bericht);
    expect(v['/Bericht/Client']).toEqual(['0200']);
    expect(v['/Bericht/Client/Relaties/Relatie[1]']).toEqual(['0200']);
    expect(v['/Bericht/Client/Relaties/Relatie[1]/Contact']).toEqual(['0200']);
    expect(v['/Bericht/Client/Relaties/Relatie[2]']).toEqual(['0200']);
    expect(v['/Bericht/Client/Relaties/Relatie[2]/Contact']).toEqual(['S300']);
    expect(v['/Bericht/Client/Contactgegevens/Contact[1]']).toEqual(['0200']);
    expect(v['/Bericht/Client/Contactgegevens/Contact[2]']).toEqual(['0200']);
    expect(v['/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]']).toEqual(['9332', '9379']);
    // Every berichtklasse of JW302 has its verdict: Client, 2 Relatie, 2+2 Contact, the ToegewezenProducten.
    const products = (
      at(heen.json.Bericht, 'Client', 'ToegewezenProducten', 'ToegewezenProduct') as unknown as unknown[]
    ).length;
    expect(Object.keys(v)).toHaveLength(1 + 1 + 2 + 2 + 2 + products);
  });

  it('a rejected class: its own code, the classes below it 0233 unless they have a finding of their own', () => {
    const heen = load(validator, fixture('ijw-3.2/valid/JW317.xml'));
    const retour = build(heen, [
      finding('8187', '/Bericht/Client/Bsn'),
      finding('9351', '/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]'),
    ]);
    const v = verdicts(retour.json.Bericht);
    expect(v['/Bericht/Header']).toEqual(['0200']);
    expect(v['/Bericht/Client']).toEqual(['8187']);
    expect(v['/Bericht/Client/Verzoek']).toEqual(['0233']);
    expect(v['/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]']).toEqual(['9351']);
    const others = Object.entries(v).filter(
      ([p]) => p.startsWith('/Bericht/Client/Verzoek/') && !p.endsWith('TeWijzigenProduct[1]'),
    );
    expect(others.length).toBeGreaterThan(0);
    for (const [p, codes] of others) expect(codes, p).toEqual(['0233']);
  });

  it('JW319 → JW320: Antwoord rejected, its Woonplaatsbeginsel not assessed', () => {
    const heen = load(validator, fixture('ijw-3.2/valid/JW319.xml'));
    const retour = build(heen, [finding('9355', '/Bericht/Antwoord/ReferentieAanbieder')]);
    expect(verdicts(retour.json.Bericht)).toEqual({
      '/Bericht/Header': ['0200'],
      '/Bericht/Antwoord': ['9355'],
      '/Bericht/Antwoord/Woonplaatsbeginsel': ['0233'],
    });
  });

  it('iWmo: WMO307 StopProduct and WMO315 AangevraagdProduct fit the project schemas', () => {
    const stop = build(load(validator, fixture('iwmo-3.2/valid/WMO307.xml')), [
      finding('9069', '/Bericht/Client/StopProducten/StopProduct'),
    ]);
    expect(verdicts(stop.json.Bericht)['/Bericht/Client/StopProducten/StopProduct[1]']).toEqual(['9069']);
    const vot = build(load(validator, fixture('iwmo-3.2/valid/WMO315.xml')), [
      finding('9374', '/Bericht/Client'),
    ]);
    expect(vot.message.name).toBe('WMO316');
    expect(verdicts(vot.json.Bericht)['/Bericht/Client']).toEqual(['9374']);
    expect(verdicts(vot.json.Bericht)['/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]']).toEqual(
      ['0233'],
    );
  });
});

describe('findings that do not fit the message', () => {
  const heen = () => load(validator, official('ijw', 'JW315'));
  const cases: [string, RetourFinding, string][] = [
    [
      'index beyond the count',
      finding('9347', '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[3]'),
      'unknown-location',
    ],
    [
      'element of another message',
      finding('9347', '/Bericht/Client/ToegewezenProducten'),
      'unknown-location',
    ],
    ['optional element absent', finding('9347', '/Bericht/Client/Communicatie'), 'unknown-location'],
    ['index on a single element', finding('9347', '/Bericht/Client[2]'), 'unknown-location'],
    ['below a simple element', finding('9347', '/Bericht/Client/Bsn/Foo'), 'unknown-location'],
    ['the root itself', finding('9347', '/Bericht'), 'malformed-location'],
    ['not from /Bericht', finding('9347', 'Client/Bsn'), 'malformed-location'],
    ['XPath predicates', finding('9347', "/Bericht/Client[Bsn='1']"), 'malformed-location'],
    ['unknown retourcode', finding('9999', '/Bericht/Client'), 'unknown-retourcode'],
    ['general retourcode 0200', finding('0200', '/Bericht/Client'), 'general-retourcode'],
    ['general retourcode 0001', finding('0001', '/Bericht/Header'), 'general-retourcode'],
  ];
  for (const [what, bad, code] of cases) {
    it(`refuses ${what} (${code})`, () => {
      let caught: unknown;
      try {
        fixedBuilder().build(heen(), { findings: [bad] });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(RetourInputError);
      expect((caught as RetourInputError).code).toBe(code);
      // The text may be logged: it names paths and codes, never values of the message.
      expect((caught as Error).message).not.toMatch(/999900006|Wit/);
    });
  }
});

describe('the checks themselves', () => {
  it('the official XSD check rejects a retour whose class lacks its RetourCodes', () => {
    const xml = readFileSync(fixture('invalid/JW302-missing-class-retourcodes.xml'), 'utf8');
    expect(officialXsd.errors(xml, 'JW302').length).toBeGreaterThan(0);
  });
});
