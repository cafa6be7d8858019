/** 317 Verzoek om wijziging (VOW): the aanbieder asks to change the client's current toewijzingen (FACTS §1). */
import type { HeenMessageDef } from '../model.js';
import { heenHeader } from './header.js';

const berichtCode = { iwmo: '480', ijw: '486' } as const;

export const m317: HeenMessageDef = {
  kind: 'heen',
  number: '317',
  title: 'Verzoek om wijziging',
  berichtCode,
  afzender: 'aanbieder',
  ontvanger: 'gemeente',
  retour: { number: '318', berichtCode: { iwmo: '481', ijw: '487' } },
  body: { name: 'Client', type: 'Client' },
  documentation: 'Bericht voor een verzoek om wijziging van ondersteuning (Wmo) of jeugdhulp (Jeugdwet).',
  classes: {
    Header: heenHeader(berichtCode, 'aanbieder', 'gemeente'),
    Client: {
      kind: 'class',
      name: 'Client',
      berichtklasse: true,
      elements: [
        { name: 'Bsn', type: 'LDT_BurgerServicenummer' },
        { name: 'Verzoek', type: 'Verzoek' },
      ],
    },
    Verzoek: {
      kind: 'class',
      name: 'Verzoek',
      berichtklasse: true,
      elements: [
        { name: 'ReferentieAanbieder', type: 'LDT_Referentie' },
        { name: 'RedenVerzoek', type: 'LDT_RedenVerzoek' },
        { name: 'OngewijzigdeProducten', type: 'OngewijzigdeProducten', min: 0 },
        { name: 'TeWijzigenProducten', type: 'TeWijzigenProducten', min: 0 },
        { name: 'NieuweProducten', type: 'NieuweProducten', min: 0 },
      ],
    },
    OngewijzigdeProducten: {
      kind: 'class',
      name: 'OngewijzigdeProducten',
      elements: [{ name: 'OngewijzigdProduct', type: 'OngewijzigdProduct', max: 'unbounded' }],
    },
    OngewijzigdProduct: {
      kind: 'class',
      name: 'OngewijzigdProduct',
      berichtklasse: true,
      elements: [{ name: 'ToewijzingNummer', type: 'LDT_Nummer' }],
    },
    TeWijzigenProducten: {
      kind: 'class',
      name: 'TeWijzigenProducten',
      elements: [{ name: 'TeWijzigenProduct', type: 'TeWijzigenProduct', max: 'unbounded' }],
    },
    TeWijzigenProduct: {
      kind: 'class',
      name: 'TeWijzigenProduct',
      berichtklasse: true,
      elements: [
        { name: 'ToewijzingNummer', type: 'LDT_Nummer' },
        { name: 'GewensteIngangsdatum', type: 'LDT_Datum' },
        { name: 'Einddatum', type: 'LDT_Datum', min: 0 },
        { name: 'Omvang', type: 'CDT_Omvang', min: 0 },
        { name: 'Budget', type: 'LDT_Budget', min: 0 },
      ],
    },
    NieuweProducten: {
      kind: 'class',
      name: 'NieuweProducten',
      elements: [{ name: 'NieuwProduct', type: 'NieuwProduct', max: 'unbounded' }],
    },
    NieuwProduct: {
      kind: 'class',
      name: 'NieuwProduct',
      berichtklasse: true,
      elements: [
        { name: 'Product', type: 'CDT_Product', min: 0 },
        { name: 'GewensteIngangsdatum', type: 'LDT_Datum' },
        { name: 'Einddatum', type: 'LDT_Datum', min: 0 },
        { name: 'Omvang', type: 'CDT_Omvang', min: 0 },
        { name: 'Budget', type: 'LDT_Budget', min: 0 },
      ],
    },
  },
};
