/** 323 Declaratie: the aanbieder declares delivered Prestaties, possibly for several clients (FACTS §1). */
import type { HeenMessageDef } from '../model.js';
import { heenHeader } from './header.js';

const berichtCode = { iwmo: '484', ijw: '490' } as const;

/**
 * The 323 has no retour: the 325 answers it. Declaratie, Client and Prestatie are still marked as
 * berichtklassen because the 325 puts its RetourCodes on exactly these classes (IV087/IV088).
 */
export const m323: HeenMessageDef = {
  kind: 'heen',
  number: '323',
  title: 'Declaratie',
  berichtCode,
  afzender: 'aanbieder',
  ontvanger: 'gemeente',
  body: { name: 'Declaratie', type: 'Declaratie' },
  documentation: 'Bericht voor de declaratie van ondersteuning (Wmo) of jeugdhulp (Jeugdwet).',
  classes: {
    Header: heenHeader(berichtCode, 'aanbieder', 'gemeente'),
    Declaratie: {
      kind: 'class',
      name: 'Declaratie',
      berichtklasse: true,
      elements: [
        // The 323 narrows the basis type inline to alphanumerics; the 325 carries the same number unrestricted.
        { name: 'DeclaratieNummer', type: 'LDT_IdentificatieDeclaratie', fixedPattern: '([a-zA-Z0-9])+' },
        { name: 'DeclaratiePeriode', type: 'CDT_GeslotenPeriode' },
        { name: 'DeclaratieDagtekening', type: 'LDT_Datum' },
        { name: 'TotaalIngediendBedrag', type: 'CDT_TotaalBedragMetDC' },
        { name: 'Clienten', type: 'Clienten' },
      ],
    },
    Clienten: {
      kind: 'class',
      name: 'Clienten',
      elements: [{ name: 'Client', type: 'Client', max: 'unbounded' }],
    },
    Client: {
      kind: 'class',
      name: 'Client',
      berichtklasse: true,
      elements: [
        { name: 'Bsn', type: 'LDT_BurgerServicenummer' },
        { name: 'Prestaties', type: 'Prestaties' },
      ],
    },
    Prestaties: {
      kind: 'class',
      name: 'Prestaties',
      elements: [{ name: 'Prestatie', type: 'Prestatie', max: 'unbounded' }],
    },
    Prestatie: {
      kind: 'class',
      name: 'Prestatie',
      berichtklasse: true,
      elements: [
        { name: 'ProductReferentie', type: 'CDT_Referentie' },
        { name: 'ToewijzingNummer', type: 'LDT_Nummer' },
        { name: 'ProductCategorie', type: 'LDT_ProductCategorie' },
        { name: 'ProductCode', type: 'LDT_ProductCode' },
        { name: 'ProductPeriode', type: 'CDT_GeslotenPeriode' },
        { name: 'GeleverdVolume', type: 'LDT_Volume' },
        { name: 'Eenheid', type: 'LDT_Eenheid' },
        { name: 'ProductTarief', type: 'LDT_Bedrag', min: 0 },
        { name: 'IngediendBedrag', type: 'CDT_BedragMetDC' },
      ],
    },
  },
};
