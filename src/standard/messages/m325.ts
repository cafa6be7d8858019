/**
 * 325 Declaratie-antwoord: the gemeente's technical and content answer to a 323 (FACTS §1, §2.3).
 *
 * It is sent like a heen message (own BerichtIdentificatie, no retour of its own) but is shaped like a
 * retour: the RetourCodes are written out literally here, as in JW325.xsd, instead of being derived.
 */
import type { HeenMessageDef } from '../model.js';
import { RETOUR_CODES, retourCodesClass } from '../retour.js';
import { heenHeaderElements } from './header.js';

const berichtCode = { iwmo: '485', ijw: '491' } as const;

export const m325: HeenMessageDef = {
  kind: 'heen',
  number: '325',
  title: 'Declaratie-antwoord',
  berichtCode,
  afzender: 'gemeente',
  ontvanger: 'aanbieder',
  // Absent when the 323 was rejected on XSLT checks: then only the Header with 0001 is sent (IV087).
  body: { name: 'DeclaratieAntwoord', type: 'DeclaratieAntwoord', min: 0 },
  documentation:
    'Bericht met retourinformatie voor de declaratie van ondersteuning (Wmo) of jeugdhulp (Jeugdwet).',
  classes: {
    Header: {
      kind: 'class',
      name: 'Header',
      elements: [
        ...heenHeaderElements(berichtCode, 'gemeente', 'aanbieder'),
        // Identify the answered 323 (TR337) and the XSD versions it was built with (TR371).
        { name: 'DeclaratieIdentificatie', type: 'CDT_BerichtIdentificatie' },
        { name: 'XsltVersie', type: 'LDT_Versie', min: 0 },
        { name: 'XsdVersieDeclaratie', type: 'CDT_XsdVersie' },
        // Mandatory here, unlike a retour header: the 325 always reports a verdict.
        { name: RETOUR_CODES, type: RETOUR_CODES },
      ],
    },
    [RETOUR_CODES]: retourCodesClass,
    DeclaratieAntwoord: {
      kind: 'class',
      name: 'DeclaratieAntwoord',
      berichtklasse: true,
      elements: [
        // Unlike in the 323 there is no inline alphanumeric restriction here (JW325.xsd).
        { name: 'DeclaratieNummer', type: 'LDT_IdentificatieDeclaratie' },
        { name: 'TotaalIngediendBedrag', type: 'CDT_TotaalBedragMetDC' },
        { name: 'TotaalToegekendBedrag', type: 'CDT_TotaalBedragMetDC' },
        { name: 'Clienten', type: 'Clienten', min: 0 },
        { name: RETOUR_CODES, type: RETOUR_CODES },
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
        { name: RETOUR_CODES, type: RETOUR_CODES },
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
        { name: RETOUR_CODES, type: RETOUR_CODES },
      ],
    },
  },
};
