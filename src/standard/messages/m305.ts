/** 305 Start zorg/ondersteuning: the aanbieder reports that delivery of assigned products started (FACTS §1). */
import type { HeenMessageDef } from '../model.js';
import { heenHeader } from './header.js';

const berichtCode = { iwmo: '418', ijw: '438' } as const;

export const m305: HeenMessageDef = {
  kind: 'heen',
  number: '305',
  title: 'Start zorg/ondersteuning',
  berichtCode,
  afzender: 'aanbieder',
  ontvanger: 'gemeente',
  retour: { number: '306', berichtCode: { iwmo: '419', ijw: '439' } },
  body: { name: 'Client', type: 'Client' },
  documentation:
    'Bericht voor het melden van de start van levering van ondersteuning (Wmo) of jeugdhulp (Jeugdwet).',
  classes: {
    Header: heenHeader(berichtCode, 'aanbieder', 'gemeente'),
    Client: {
      kind: 'class',
      name: 'Client',
      berichtklasse: true,
      elements: [
        { name: 'Bsn', type: 'LDT_BurgerServicenummer' },
        { name: 'Geboortedatum', type: 'CDT_Geboortedatum' },
        { name: 'Geslacht', type: 'LDT_Geslacht' },
        { name: 'Naam', type: 'CDT_VerkorteNaam' },
        { name: 'StartProducten', type: 'StartProducten' },
      ],
    },
    StartProducten: {
      kind: 'class',
      name: 'StartProducten',
      elements: [{ name: 'StartProduct', type: 'StartProduct', max: 'unbounded' }],
    },
    StartProduct: {
      kind: 'class',
      name: 'StartProduct',
      berichtklasse: true,
      elements: [
        { name: 'ToewijzingNummer', type: 'LDT_Nummer', min: 0 },
        { name: 'Product', type: 'CDT_Product', min: 0 },
        { name: 'ToewijzingIngangsdatum', type: 'LDT_Datum', min: 0 },
        { name: 'Begindatum', type: 'LDT_Datum' },
        { name: 'StatusAanlevering', type: 'LDT_StatusAanlevering' },
      ],
    },
  },
};
