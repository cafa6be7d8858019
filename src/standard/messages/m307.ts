/** 307 Stop zorg/ondersteuning: the aanbieder reports that delivery ended, temporarily or for good (FACTS §1). */
import type { HeenMessageDef } from '../model.js';
import { heenHeader } from './header.js';

const berichtCode = { iwmo: '420', ijw: '440' } as const;

export const m307: HeenMessageDef = {
  kind: 'heen',
  number: '307',
  title: 'Stop zorg/ondersteuning',
  berichtCode,
  afzender: 'aanbieder',
  ontvanger: 'gemeente',
  retour: { number: '308', berichtCode: { iwmo: '421', ijw: '441' } },
  body: { name: 'Client', type: 'Client' },
  documentation:
    'Bericht voor het melden van de stop van levering van ondersteuning (Wmo) of jeugdhulp (Jeugdwet).',
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
        { name: 'StopProducten', type: 'StopProducten' },
      ],
    },
    StopProducten: {
      kind: 'class',
      name: 'StopProducten',
      elements: [{ name: 'StopProduct', type: 'StopProduct', max: 'unbounded' }],
    },
    StopProduct: {
      kind: 'class',
      name: 'StopProduct',
      berichtklasse: true,
      elements: [
        { name: 'ToewijzingNummer', type: 'LDT_Nummer', min: 0 },
        { name: 'Product', type: 'CDT_Product', min: 0 },
        { name: 'ToewijzingIngangsdatum', type: 'LDT_Datum', min: 0 },
        { name: 'Begindatum', type: 'LDT_Datum' },
        { name: 'RedenBeeindiging', type: 'LDT_RedenBeeindiging' },
        { name: 'Einddatum', type: 'LDT_Datum' },
        { name: 'StatusAanlevering', type: 'LDT_StatusAanlevering' },
      ],
    },
  },
};
