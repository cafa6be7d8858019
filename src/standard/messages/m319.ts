/** 319 Antwoordbericht: the gemeente answers a VOT/VOW with 'afgewezen' or 'in onderzoek' (FACTS §1). */
import type { HeenMessageDef } from '../model.js';
import { heenHeader } from './header.js';

const berichtCode = { iwmo: '482', ijw: '488' } as const;

export const m319: HeenMessageDef = {
  kind: 'heen',
  number: '319',
  title: 'Antwoordbericht',
  berichtCode,
  afzender: 'gemeente',
  ontvanger: 'aanbieder',
  retour: { number: '320', berichtCode: { iwmo: '483', ijw: '489' } },
  body: { name: 'Antwoord', type: 'Antwoord' },
  documentation:
    'Bericht voor antwoordinformatie over het verzoek om toewijzing of verzoek om wijziging van ondersteuning (Wmo) of jeugdhulp (Jeugdwet).',
  classes: {
    Header: heenHeader(berichtCode, 'gemeente', 'aanbieder'),
    Antwoord: {
      kind: 'class',
      name: 'Antwoord',
      berichtklasse: true,
      elements: [
        { name: 'ReferentieAanbieder', type: 'LDT_Referentie' },
        { name: 'VerzoekAntwoord', type: 'LDT_VerzoekAntwoord' },
        { name: 'RedenAfwijzingVerzoek', type: 'LDT_RedenAfwijzingVerzoek', min: 0 },
        // The woonplaatsbeginsel decides which gemeente is responsible; it exists only under the Jeugdwet
        // (FACTS §1, rules TR377/TR409). The class below is dropped from the iWmo pack as unreachable.
        { name: 'Woonplaatsbeginsel', type: 'Woonplaatsbeginsel', min: 0, only: 'ijw' },
      ],
    },
    Woonplaatsbeginsel: {
      kind: 'class',
      name: 'Woonplaatsbeginsel',
      berichtklasse: true,
      elements: [{ name: 'Gemeente', type: 'LDT_Gemeente' }],
    },
  },
};
