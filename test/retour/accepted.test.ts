/** Case "no findings": every heen message type of both standards answered as fully accepted. */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MessageValidator } from '../../src/validation/validator.js';
import {
  at,
  expectValidRetour,
  fixedBuilder,
  heenFiles,
  load,
  official,
  OfficialXsd,
  TODAY,
} from './support.js';

const validator = new MessageValidator();
const officialXsd = new OfficialXsd();
afterAll(() => {
  validator.dispose();
  officialXsd.dispose();
});

const ANSWER: Record<string, string> = {
  '301': '302',
  '305': '306',
  '307': '308',
  '315': '316',
  '317': '318',
  '319': '320',
  '323': '325',
};

// Official WMO317.xml breaks TR380 (FACTS §12); it is answered with 0001 in rejected.test.ts.
const accepted = heenFiles().filter((f) => f !== official('iwmo', 'WMO317'));

describe('accepted heen messages', () => {
  it('covers every heen message type of both standards', () => {
    const types = new Set(accepted.map((f) => /^(WMO|JW)3\d\d/.exec(path.basename(f))?.[0]));
    expect([...types].sort()).toEqual(
      ['301', '305', '307', '315', '317', '319', '323'].flatMap((n) => [`JW${n}`, `WMO${n}`]).sort(),
    );
  });

  for (const file of accepted) {
    const label = path.relative(path.resolve(file, '../../..'), file);
    it(`${label}: header-only retour without RetourCodes (325 with 8001 for a 323)`, () => {
      const heen = load(validator, file);
      expect(heen.report.verdict).toBe('accepted');
      const retour = fixedBuilder({ id: 'R1' }).build(heen, { rules: heen.report.rules });
      const prefix = heen.message.standard === 'iwmo' ? 'WMO' : 'JW';
      expect(retour.message.name).toBe(`${prefix}${ANSWER[heen.message.number]}`);
      expect(retour.case).toBe('accepted');
      const heenHeader = at(heen.json.Bericht, 'Header');
      const header = at(retour.json.Bericht, 'Header');

      if (heen.message.number === '323') {
        // IV087: always answered; fully granted = Header 0200 + DeclaratieAntwoord 8001, granted = submitted.
        const declaratie = at(heen.json.Bericht, 'Declaratie');
        expect(Object.keys(retour.json.Bericht)).toEqual(['Header', 'DeclaratieAntwoord']);
        expect(header).toEqual({
          BerichtCode: retour.message.berichtCode,
          BerichtVersie: 3,
          BerichtSubversie: 2,
          Afzender: heenHeader.Ontvanger,
          Ontvanger: heenHeader.Afzender,
          BerichtIdentificatie: { Identificatie: 'R1', Dagtekening: TODAY },
          XsdVersie: { BasisschemaXsdVersie: '1.0.0', BerichtXsdVersie: '1.0.0' },
          DeclaratieIdentificatie: heenHeader.BerichtIdentificatie,
          XsdVersieDeclaratie: heenHeader.XsdVersie,
          RetourCodes: { RetourCode: ['0200'] },
        });
        expect(at(retour.json.Bericht, 'DeclaratieAntwoord')).toEqual({
          DeclaratieNummer: declaratie.DeclaratieNummer,
          TotaalIngediendBedrag: declaratie.TotaalIngediendBedrag,
          TotaalToegekendBedrag: declaratie.TotaalIngediendBedrag,
          RetourCodes: { RetourCode: ['8001'] },
        });
      } else {
        // IV028: header only, no RetourCodes; everything of the heen header unchanged but BerichtCode.
        expect(Object.keys(retour.json.Bericht)).toEqual(['Header']);
        expect(header).toEqual({
          ...heenHeader,
          BerichtCode: retour.message.berichtCode,
          IdentificatieRetour: 'R1',
          DagtekeningRetour: TODAY,
          XsdVersieRetour: { BasisschemaXsdVersie: '1.0.0', BerichtXsdVersie: '1.0.0' },
        });
        expect(Object.keys(header)).toEqual([
          'BerichtCode',
          'BerichtVersie',
          'BerichtSubversie',
          'Afzender',
          'Ontvanger',
          'BerichtIdentificatie',
          'XsdVersie',
          'IdentificatieRetour',
          'DagtekeningRetour',
          'XsdVersieRetour',
        ]);
      }
      expectValidRetour(retour, validator, officialXsd);
    });
  }

  it('answers official JW307.xml with exactly official JW308.xml (given its id and date)', () => {
    const heen = load(validator, official('ijw', 'JW307'));
    const retour = fixedBuilder({ id: '8a554e87-5a3', now: new Date('2023-07-21T09:00:00+02:00') }).build(
      heen,
    );
    expect(retour.json).toEqual(load(validator, official('ijw', 'JW308')).json);
    expect(retour.xml).not.toContain('RetourCode');
    expectValidRetour(retour, validator, officialXsd);
  });
});
