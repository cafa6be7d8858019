/**
 * Derives a retour message (302, 306, 308, 316, 318, 320) from its heen message by the rule of FACTS §2.2,
 * as the iJw retour XSDs show it. The iWmo retour XSDs are not public; deriving both standards from one
 * rule is what makes WMO302..WMO320 trustworthy (the test proves the rule against every JW retour).
 */
import type { ElementDecl, HeenMessageDef, MessageClass, MessageNumber, StandardId } from './model.js';

export const RETOUR_CODES = 'RetourCodes';

/** 1..n RetourCode (codelist WJ001); shared by every retour message and the 325. */
export const retourCodesClass: MessageClass = {
  kind: 'class',
  name: RETOUR_CODES,
  elements: [{ name: 'RetourCode', type: 'LDT_RetourCode', max: 'unbounded' }],
};

/** A retour message of one standard, before namespaces are attached (see packs.ts). */
export interface RetourDef {
  readonly number: MessageNumber;
  readonly heen: MessageNumber;
  readonly berichtCode: string;
  readonly title: string;
  readonly documentation: string;
  readonly body: ElementDecl;
  readonly classes: Readonly<Record<string, MessageClass>>;
}

/**
 * What the receiver adds to the copied heen header: its own identification and date, the XSLT and XSD
 * versions it checked with, and the header-level verdict. RetourCodes is optional here because a fully
 * accepted message is answered with a bare header (JW308 example).
 */
const RETOUR_HEADER_ELEMENTS: readonly ElementDecl[] = [
  { name: 'IdentificatieRetour', type: 'LDT_IdentificatieBericht' },
  { name: 'DagtekeningRetour', type: 'LDT_Datum' },
  { name: 'XsltVersie', type: 'LDT_Versie', min: 0 },
  { name: 'XsdVersieRetour', type: 'CDT_XsdVersie' },
  { name: RETOUR_CODES, type: RETOUR_CODES, min: 0 },
];

function retourHeader(heenHeader: MessageClass, berichtCode: string): MessageClass {
  // Everything of the heen header is copied unchanged except the BerichtCode, which names the retour.
  const copied = heenHeader.elements.map((e) =>
    e.name === 'BerichtCode' ? { ...e, fixedPattern: berichtCode } : e,
  );
  if (copied.every((e) => e.name !== 'BerichtCode')) throw new Error('heen Header has no BerichtCode');
  return { ...heenHeader, elements: [...copied, ...RETOUR_HEADER_ELEMENTS] };
}

export function deriveRetour(heen: HeenMessageDef, standard: StandardId): RetourDef {
  if (!heen.retour) throw new Error(`message ${heen.number} has no retour message`);
  if (heen.classes[RETOUR_CODES]) throw new Error(`message ${heen.number} already has ${RETOUR_CODES}`);
  const header = heen.classes.Header;
  if (!header) throw new Error(`message ${heen.number} has no Header class`);
  const berichtCode = heen.retour.berichtCode[standard];

  const classes: Record<string, MessageClass> = {
    Header: retourHeader(header, berichtCode),
    [RETOUR_CODES]: retourCodesClass,
  };
  for (const [key, cls] of Object.entries(heen.classes)) {
    if (key === 'Header') continue;
    // Each berichtklasse answers for itself with a mandatory RetourCodes as its last child.
    classes[key] = cls.berichtklasse
      ? { ...cls, elements: [...cls.elements, { name: RETOUR_CODES, type: RETOUR_CODES }] }
      : cls;
  }

  return {
    number: heen.retour.number,
    heen: heen.number,
    berichtCode,
    title: `${heen.title} retour`,
    // The official retour XSDs repeat the heen message's root documentation.
    documentation: heen.documentation,
    // A retour on a header-level rejection (or on a fully accepted message) carries no body.
    body: { ...heen.body, min: 0 },
    classes,
  };
}
