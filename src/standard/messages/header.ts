/**
 * The Header class every heen message (and the 325) starts with (FACTS §2.1). Shared so the eight
 * message files cannot drift apart; the official XSDs repeat it literally in every message.
 */
import type { ElementDecl, MessageClass, PartyType, StandardId } from '../model.js';

/** The header fixes the release by pattern (CS015/CS025); these are the values of release 3.2. */
const BERICHT_VERSIE = '3';
const BERICHT_SUBVERSIE = '2';

/** The party identifier type: a gemeente is known by its CBS code, an aanbieder by its AGB code. */
export function partyIdType(party: PartyType): string {
  return party === 'gemeente' ? 'LDT_Gemeente' : 'LDT_AgbCode';
}

/** The seven elements of a heen header, in XSD order. */
export function heenHeaderElements(
  berichtCode: Readonly<Record<StandardId, string>>,
  afzender: PartyType,
  ontvanger: PartyType,
): ElementDecl[] {
  return [
    { name: 'BerichtCode', type: 'LDT_BerichtCode', fixedPattern: (standard) => berichtCode[standard] },
    { name: 'BerichtVersie', type: 'LDT_BerichtVersie', fixedPattern: BERICHT_VERSIE },
    { name: 'BerichtSubversie', type: 'LDT_BerichtSubversie', fixedPattern: BERICHT_SUBVERSIE },
    { name: 'Afzender', type: partyIdType(afzender) },
    { name: 'Ontvanger', type: partyIdType(ontvanger) },
    { name: 'BerichtIdentificatie', type: 'CDT_BerichtIdentificatie' },
    { name: 'XsdVersie', type: 'CDT_XsdVersie' },
  ];
}

export function heenHeader(
  berichtCode: Readonly<Record<StandardId, string>>,
  afzender: PartyType,
  ontvanger: PartyType,
): MessageClass {
  return { kind: 'class', name: 'Header', elements: heenHeaderElements(berichtCode, afzender, ontvanger) };
}
