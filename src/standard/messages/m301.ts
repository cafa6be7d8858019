/** 301 Toewijzing: the gemeente assigns products for a client to an aanbieder (FACTS §1). */
import type { HeenMessageDef } from '../model.js';
import { heenHeader } from './header.js';

const berichtCode = { iwmo: '414', ijw: '436' } as const;

export const m301: HeenMessageDef = {
  kind: 'heen',
  number: '301',
  title: 'Toewijzing',
  berichtCode,
  afzender: 'gemeente',
  ontvanger: 'aanbieder',
  retour: { number: '302', berichtCode: { iwmo: '415', ijw: '437' } },
  body: { name: 'Client', type: 'Client' },
  documentation:
    'Bericht voor de toewijzing van ondersteuning (Wmo) of jeugdhulp (Jeugdwet) aan een aanbieder.',
  classes: {
    Header: heenHeader(berichtCode, 'gemeente', 'aanbieder'),
    Client: {
      kind: 'class',
      name: 'Client',
      berichtklasse: true,
      elements: [
        { name: 'Bsn', type: 'LDT_BurgerServicenummer' },
        { name: 'Geboortedatum', type: 'CDT_Geboortedatum' },
        { name: 'Geslacht', type: 'LDT_Geslacht' },
        { name: 'Naam', type: 'CDT_VolledigeNaam' },
        { name: 'Communicatie', type: 'CDT_Communicatie', min: 0 },
        { name: 'JuridischeStatus', type: 'LDT_JuridischeStatus', min: 0 },
        { name: 'WettelijkeVertegenwoordiging', type: 'LDT_WettelijkeVertegenwoordiging', min: 0 },
        { name: 'Commentaar', type: 'LDT_Commentaar', min: 0 },
        { name: 'Relaties', type: 'Relaties', min: 0 },
        { name: 'Contactgegevens', type: 'Contactgegevens' },
        { name: 'ToegewezenProducten', type: 'ToegewezenProducten' },
      ],
    },
    Relaties: {
      kind: 'class',
      name: 'Relaties',
      elements: [{ name: 'Relatie', type: 'Relatie', max: 'unbounded' }],
    },
    Relatie: {
      kind: 'class',
      name: 'Relatie',
      berichtklasse: true,
      elements: [
        { name: 'Nummer', type: 'LDT_Persoonsid' },
        { name: 'Volgorde', type: 'LDT_RelatieVolgorde', min: 0 },
        { name: 'Soort', type: 'LDT_SoortRelatie' },
        { name: 'Geboortedatum', type: 'CDT_Geboortedatum', min: 0 },
        { name: 'Geslacht', type: 'LDT_Geslacht', min: 0 },
        { name: 'Naam', type: 'CDT_VolledigeNaam' },
        { name: 'Contact', type: 'Contact' },
      ],
    },
    // One class serves both the relatie's Contact and the client's Contactgegevens/Contact, as in the XSD;
    // being a berichtklasse, each occurrence carries its own RetourCodes in the 302.
    Contact: {
      kind: 'class',
      name: 'Contact',
      berichtklasse: true,
      elements: [
        { name: 'Soort', type: 'LDT_AdresSoort' },
        { name: 'Adres', type: 'CDT_Adres', min: 0 },
        { name: 'Organisatie', type: 'LDT_Organisatienaam', min: 0 },
        { name: 'Telefoon', type: 'CDT_Telefoonnummers', min: 0 },
        { name: 'Emailadres', type: 'LDT_Emailadres', min: 0 },
        { name: 'Periode', type: 'CDT_OpenPeriode', min: 0 },
      ],
    },
    Contactgegevens: {
      kind: 'class',
      name: 'Contactgegevens',
      elements: [{ name: 'Contact', type: 'Contact', max: 'unbounded' }],
    },
    ToegewezenProducten: {
      kind: 'class',
      name: 'ToegewezenProducten',
      elements: [{ name: 'ToegewezenProduct', type: 'ToegewezenProduct', max: 'unbounded' }],
    },
    ToegewezenProduct: {
      kind: 'class',
      name: 'ToegewezenProduct',
      berichtklasse: true,
      elements: [
        { name: 'ToewijzingNummer', type: 'LDT_Nummer' },
        { name: 'ReferentieAanbieder', type: 'LDT_Referentie', min: 0 },
        { name: 'Product', type: 'CDT_Product', min: 0 },
        { name: 'Toewijzingsdatum', type: 'LDT_Datum' },
        { name: 'Toewijzingstijd', type: 'LDT_Tijd' },
        { name: 'Ingangsdatum', type: 'LDT_Datum' },
        { name: 'Einddatum', type: 'LDT_Datum', min: 0 },
        { name: 'RedenWijziging', type: 'LDT_RedenWijziging', min: 0 },
        { name: 'Omvang', type: 'CDT_Omvang', min: 0 },
        { name: 'Budget', type: 'LDT_Budget', min: 0 },
        { name: 'Commentaar', type: 'LDT_Commentaar', min: 0 },
      ],
    },
  },
};
