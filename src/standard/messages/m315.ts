/** 315 Verzoek om toewijzing (VOT): the aanbieder asks the gemeente to assign products (FACTS §1). */
import type { HeenMessageDef } from '../model.js';
import { heenHeader } from './header.js';

const berichtCode = { iwmo: '444', ijw: '446' } as const;

export const m315: HeenMessageDef = {
  kind: 'heen',
  number: '315',
  title: 'Verzoek om toewijzing',
  berichtCode,
  afzender: 'aanbieder',
  ontvanger: 'gemeente',
  retour: { number: '316', berichtCode: { iwmo: '445', ijw: '447' } },
  body: { name: 'Client', type: 'Client' },
  documentation:
    'Bericht voor het aanvragen van een toewijzing voor ondersteuning (Wmo) of jeugdhulp (Jeugdwet).',
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
        // Only the Jeugdwet asks whether a gezagsdrager is known (FACTS §1: absent from WMO315).
        { name: 'GezagsdragerBekend', type: 'LDT_JaNee', min: 0, only: 'ijw' },
        { name: 'Commentaar', type: 'LDT_Commentaar', min: 0 },
        { name: 'AangevraagdeProducten', type: 'AangevraagdeProducten' },
      ],
    },
    AangevraagdeProducten: {
      kind: 'class',
      name: 'AangevraagdeProducten',
      elements: [{ name: 'AangevraagdProduct', type: 'AangevraagdProduct', max: 'unbounded' }],
    },
    AangevraagdProduct: {
      kind: 'class',
      name: 'AangevraagdProduct',
      berichtklasse: true,
      elements: [
        { name: 'ReferentieAanbieder', type: 'LDT_Referentie' },
        { name: 'BeschikkingNummer', type: 'LDT_Nummer', min: 0 },
        { name: 'Product', type: 'CDT_Product', min: 0 },
        { name: 'BeschikkingIngangsdatum', type: 'LDT_Datum', min: 0 },
        { name: 'ToewijzingIngangsdatum', type: 'LDT_Datum' },
        { name: 'ToewijzingEinddatum', type: 'LDT_Datum', min: 0 },
        { name: 'Omvang', type: 'CDT_Omvang', min: 0 },
        { name: 'Budget', type: 'LDT_Budget', min: 0 },
        { name: 'Verwijzer', type: 'CDT_Verwijzer' },
        { name: 'Raamcontract', type: 'LDT_JaNee', min: 0 },
        { name: 'Commentaar', type: 'LDT_Commentaar', min: 0 },
      ],
    },
  },
};
