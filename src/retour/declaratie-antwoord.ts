/**
 * The DeclaratieAntwoord of a 325 that answers a 323 on content (IV087, FACTS §2.3):
 *
 * - nothing rejected: 8001 "volledig toegewezen", TotaalToegekendBedrag = TotaalIngediendBedrag, no Clienten;
 * - the class Declaratie rejected (e.g. 9333): the DeclaratieAntwoord carries the code and grants 0; the
 *   declaration counts as not sent, so no Clienten are listed (as IV087's example, WMO325-afgewezen-9333);
 * - Clienten/Prestaties rejected: only clients with a finding (OP065), and of those only the rejected
 *   Prestaties: a Prestatie with a finding carries its codes (its Client 0200); a Client with a finding
 *   carries its codes and all its Prestaties come back rejected as 0233 "niet beoordeeld". The
 *   DeclaratieAntwoord is 0200 and grants the submitted total minus the net (debet − credit) amount of the
 *   rejected Prestaties, which is exactly the consistency TR342 checks.
 */
import type { MessageSchema } from '../standard/model.js';
import { RETOUR_CODES } from '../standard/retour.js';
import type { JsonElement } from '../xml/json-form.js';
import { NO_REMARKS, NOT_ASSESSED } from './body.js';
import { retourCodes } from './header.js';
import { BERICHT } from './locate.js';

export const FULLY_GRANTED = '8001';

export interface DeclaratieAntwoord {
  readonly body: JsonElement;
  /** True when any class was rejected (the `classes` case); false for 8001. */
  readonly rejected: boolean;
}

function elements(value: unknown): JsonElement[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is JsonElement => typeof v === 'object' && v !== null && !Array.isArray(v));
}

function child(el: JsonElement, name: string): JsonElement {
  const value = el[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`323 ${name} is missing`);
  }
  return value;
}

/** A CDT_TotaalBedragMetDC / CDT_BedragMetDC as a signed amount: credit (C) counts negative (COD043). */
function signed(el: JsonElement, amountName: string): number {
  const amount = el[amountName];
  if (typeof amount !== 'number') throw new Error(`323 ${amountName} is not an amount`);
  return el.DebetCredit === 'C' ? -amount : amount;
}

/** A signed amount as CDT_TotaalBedragMetDC; zero is debet (CS325 forbids a credit zero). */
function totaal(amount: number): JsonElement {
  return { TotaalBedrag: Math.abs(amount), DebetCredit: amount < 0 ? 'C' : 'D' };
}

/** The 325's Prestatie: the 323's Prestatie unchanged, in the 325's element order, plus its verdict. */
function prestatieAntwoord(
  prestatie: JsonElement,
  antwoord: MessageSchema,
  codes: readonly string[],
): JsonElement {
  const out: JsonElement = {};
  for (const decl of antwoord.classes.Prestatie?.elements ?? []) {
    const value = prestatie[decl.name];
    if (decl.name === RETOUR_CODES) out[RETOUR_CODES] = retourCodes(codes);
    else if (value !== undefined) out[decl.name] = structuredClone(value);
  }
  return out;
}

export function declaratieAntwoord(
  bericht: JsonElement,
  antwoord: MessageSchema,
  codes: ReadonlyMap<string, readonly string[]>,
): DeclaratieAntwoord {
  const declaratie = child(bericht, 'Declaratie');
  const declaratiePath = `${BERICHT}/Declaratie`;
  const ingediend = child(declaratie, 'TotaalIngediendBedrag');
  const head = {
    DeclaratieNummer: structuredClone(declaratie.DeclaratieNummer ?? ''),
    TotaalIngediendBedrag: structuredClone(ingediend),
  };

  const declaratieCodes = codes.get(declaratiePath);
  if (declaratieCodes !== undefined) {
    const body = { ...head, TotaalToegekendBedrag: totaal(0), [RETOUR_CODES]: retourCodes(declaratieCodes) };
    return { body, rejected: true };
  }

  const clienten: JsonElement[] = [];
  let rejectedNet = 0;
  elements(child(declaratie, 'Clienten').Client).forEach((client, i) => {
    const clientPath = `${declaratiePath}/Clienten/Client[${i + 1}]`;
    const clientCodes = codes.get(clientPath);
    const prestaties: JsonElement[] = [];
    elements(child(client, 'Prestaties').Prestatie).forEach((prestatie, j) => {
      const prestatieCodes = codes.get(`${clientPath}/Prestaties/Prestatie[${j + 1}]`);
      if (clientCodes === undefined && prestatieCodes === undefined) return; // granted: not listed
      prestaties.push(prestatieAntwoord(prestatie, antwoord, prestatieCodes ?? [NOT_ASSESSED]));
      rejectedNet += signed(child(prestatie, 'IngediendBedrag'), 'Bedrag');
    });
    if (prestaties.length === 0) return;
    clienten.push({
      Bsn: structuredClone(client.Bsn ?? ''),
      Prestaties: { Prestatie: prestaties },
      [RETOUR_CODES]: retourCodes(clientCodes ?? [NO_REMARKS]),
    });
  });

  if (clienten.length === 0) {
    const body = {
      ...head,
      TotaalToegekendBedrag: structuredClone(ingediend),
      [RETOUR_CODES]: retourCodes([FULLY_GRANTED]),
    };
    return { body, rejected: false };
  }
  const body = {
    ...head,
    TotaalToegekendBedrag: totaal(signed(ingediend, 'TotaalBedrag') - rejectedNet),
    Clienten: { Client: clienten },
    [RETOUR_CODES]: retourCodes([NO_REMARKS]),
  };
  return { body, rejected: true };
}
