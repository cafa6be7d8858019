/**
 * The headers of the messages the builder writes: the retour header (FACTS §2.2, IV028) and the header of
 * the 325 declaratie-antwoord (FACTS §2.1, IV087), which is a heen header of its own with the 323's
 * identification added.
 */
import type { MessageSchema, StandardPack } from '../standard/model.js';
import { RETOUR_CODES } from '../standard/retour.js';
import type { JsonElement } from '../xml/json-form.js';

/** What the receiver adds about itself: identification, date, and the versions it checked with. */
export interface Stamp {
  readonly identificatie: string;
  /** `YYYY-MM-DD`, Europe/Amsterdam. */
  readonly dagtekening: string;
  /** Present only when the message was rejected on level 2 (IV028/IV033). */
  readonly xsltVersie?: string;
}

export function retourCodes(codes: readonly string[]): JsonElement {
  return { RetourCode: [...codes] };
}

/** CDT_XsdVersie of the schemas this gateway builds messages with (IV034). */
function ownXsdVersie(pack: StandardPack): JsonElement {
  return { BasisschemaXsdVersie: pack.xsdVersie.basisschema, BerichtXsdVersie: pack.xsdVersie.bericht };
}

/**
 * Retour header: every element of the heen header copied unchanged (Afzender/Ontvanger too: the retour
 * keeps them, FACTS §1) except BerichtCode, then the receiver's own elements. `codes` undefined means a
 * fully accepted message, whose header carries no RetourCodes at all (example JW308.xml).
 */
export function retourHeader(
  heenHeader: JsonElement,
  retour: MessageSchema,
  pack: StandardPack,
  stamp: Stamp,
  codes: readonly string[] | undefined,
): JsonElement {
  const header: JsonElement = {};
  for (const [name, value] of Object.entries(heenHeader)) {
    header[name] = name === 'BerichtCode' ? retour.berichtCode : structuredClone(value);
  }
  header.IdentificatieRetour = stamp.identificatie;
  header.DagtekeningRetour = stamp.dagtekening;
  if (stamp.xsltVersie !== undefined) header.XsltVersie = stamp.xsltVersie;
  header.XsdVersieRetour = ownXsdVersie(pack);
  if (codes !== undefined) header[RETOUR_CODES] = retourCodes(codes);
  return header;
}

/**
 * 325 header: sent by the 323's receiver, so Afzender and Ontvanger swap (the 325 is gemeente -> aanbieder);
 * its own BerichtIdentificatie and XsdVersie; the 323's identification in DeclaratieIdentificatie (TR337)
 * and its XSD versions in XsdVersieDeclaratie (TR371). RetourCodes is mandatory here.
 */
export function declaratieAntwoordHeader(
  declaratieHeader: JsonElement,
  antwoord: MessageSchema,
  pack: StandardPack,
  stamp: Stamp,
  codes: readonly string[],
): JsonElement {
  const header: JsonElement = {
    BerichtCode: antwoord.berichtCode,
    BerichtVersie: pack.release.versie,
    BerichtSubversie: pack.release.subversie,
    Afzender: structuredClone(required(declaratieHeader, 'Ontvanger')),
    Ontvanger: structuredClone(required(declaratieHeader, 'Afzender')),
    BerichtIdentificatie: { Identificatie: stamp.identificatie, Dagtekening: stamp.dagtekening },
    XsdVersie: ownXsdVersie(pack),
    DeclaratieIdentificatie: structuredClone(required(declaratieHeader, 'BerichtIdentificatie')),
  };
  if (stamp.xsltVersie !== undefined) header.XsltVersie = stamp.xsltVersie;
  header.XsdVersieDeclaratie = structuredClone(required(declaratieHeader, 'XsdVersie'));
  header[RETOUR_CODES] = retourCodes(codes);
  return header;
}

function required(el: JsonElement, name: string): JsonElement[string] {
  const value = el[name];
  if (value === undefined) throw new Error(`heen Header has no ${name}`);
  return value;
}
