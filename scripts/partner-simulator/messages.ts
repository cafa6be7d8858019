/**
 * The content of the simulator's 305 (start zorg) and 307 (stop zorg), taken from the 301 that started the
 * flow: which toewijzingen to start, the StartProducten and StopProducten, and the message around them.
 * Pure functions: the flow (flow.ts) decides when, these decide what.
 */
import type { MessageNumber, MessageSchema, StandardId } from '../../src/standard/model.js';
import { packs } from '../../src/standard/packs.js';
import type { CanonicalMessage, JsonElement } from '../../src/xml/json-form.js';
import { SimulatorFailure, element, list, pick, stringOf } from './shape.js';
import type { BerichtId } from './types.js';

/** RedenBeeindiging "levering volgens plan beëindigd": the code differs per standard (WMO588 19, JZ588 31). */
const VOLGENS_PLAN: Readonly<Record<StandardId, string>> = { iwmo: '19', ijw: '31' };

/** What the 305 and 307 need of the 301; kept apart from the flow because it is personal data. */
export interface CareContext {
  readonly client: JsonElement;
  readonly products: readonly StartKey[];
}

/** The StartProduct key (TR382: copied unchanged into the StopProduct) plus the toewijzing's end. */
export interface StartKey {
  readonly ToewijzingNummer: string;
  readonly Product?: JsonElement;
  readonly ToewijzingIngangsdatum: string;
  readonly Begindatum: string;
  readonly toewijzingEinddatum?: string;
}

export function messageOf(standard: StandardId, number: MessageNumber): MessageSchema {
  const schema = Object.values(packs[standard].messages).find((m) => m.number === number);
  if (!schema) throw new SimulatorFailure('NO_SCHEMA', `no ${number} in ${standard}`);
  return schema;
}

/**
 * The ToegewezenProducten to start: initial toekenningen only (RedenWijziging empty: a filled one changes
 * or deletes an earlier toewijzing, whose start is not this 301's business), not started before, and
 * whose Ingangsdatum has come (TR134: a Begindatum after the Dagtekening is rejected).
 */
export function startable(
  client: JsonElement,
  today: string,
  isStarted: (toewijzingNummer: string) => boolean,
): StartKey[] {
  const container = client.ToegewezenProducten;
  const products = container ? list(element(container).ToegewezenProduct) : [];
  const keys: StartKey[] = [];
  for (const p of products) {
    const nummer = stringOf(p.ToewijzingNummer);
    const ingangsdatum = stringOf(p.Ingangsdatum);
    if (p.RedenWijziging !== undefined) continue;
    if (ingangsdatum > today) continue;
    if (isStarted(nummer)) continue;
    keys.push({
      ToewijzingNummer: nummer,
      ...(p.Product !== undefined ? { Product: element(p.Product) } : {}),
      ToewijzingIngangsdatum: ingangsdatum,
      // Care starts on the toewijzing's first day; for a retroactive toewijzing that lies in the past,
      // which OP271 allows (report within 5 working days after receiving the 301).
      Begindatum: ingangsdatum,
      ...(typeof p.Einddatum === 'string' ? { toewijzingEinddatum: p.Einddatum } : {}),
    });
  }
  return keys;
}

/** The 305's products: one StartProduct per started toewijzing. */
export function startProducten(care: CareContext): JsonElement {
  const products = care.products.map((p) => ({
    ToewijzingNummer: p.ToewijzingNummer,
    ...(p.Product ? { Product: p.Product } : {}),
    ToewijzingIngangsdatum: p.ToewijzingIngangsdatum,
    Begindatum: p.Begindatum,
    StatusAanlevering: '1',
  }));
  return { StartProducten: { StartProduct: products } };
}

/** The 307's products: each start stopped "volgens plan". */
export function stopProducten(care: CareContext, standard: StandardId, today: string): JsonElement {
  const products = care.products.map((p) => ({
    // TR382: the start's key (ToewijzingNummer, Product, Begindatum) is copied unchanged.
    ToewijzingNummer: p.ToewijzingNummer,
    ...(p.Product ? { Product: p.Product } : {}),
    ToewijzingIngangsdatum: p.ToewijzingIngangsdatum,
    Begindatum: p.Begindatum,
    RedenBeeindiging: VOLGENS_PLAN[standard],
    // Care ends today, or on the toewijzing's Einddatum if that has passed: never after the Dagtekening
    // (TR134) and never after the toewijzing.
    Einddatum:
      p.toewijzingEinddatum !== undefined && p.toewijzingEinddatum < today ? p.toewijzingEinddatum : today,
    StatusAanlevering: '1',
  }));
  return { StopProducten: { StopProduct: products } };
}

export interface RegieInput {
  readonly standard: StandardId;
  readonly schema: MessageSchema;
  readonly id: BerichtId;
  /** The aanbieder's AGB code. */
  readonly afzender: string;
  /** The gemeente of the 301. */
  readonly ontvanger: string;
  /** The 301's Client. */
  readonly client: JsonElement;
  /** StartProducten or StopProducten. */
  readonly products: JsonElement;
}

/** A 305/307 in canonical JSON form, for the 301's client. */
export function regieMessage(input: RegieInput): CanonicalMessage {
  const { schema, id, client } = input;
  const pack = packs[input.standard];
  const naam = element(client.Naam);
  return {
    message: schema.name,
    release: pack.release.label,
    Bericht: {
      Header: {
        BerichtCode: schema.berichtCode,
        BerichtVersie: pack.release.versie,
        BerichtSubversie: pack.release.subversie,
        Afzender: input.afzender,
        Ontvanger: input.ontvanger,
        BerichtIdentificatie: { Identificatie: id.identificatie, Dagtekening: id.dagtekening },
        XsdVersie: {
          BasisschemaXsdVersie: pack.xsdVersie.basisschema,
          BerichtXsdVersie: pack.xsdVersie.bericht,
        },
      },
      Client: {
        Bsn: client.Bsn!,
        Geboortedatum: client.Geboortedatum!,
        Geslacht: client.Geslacht!,
        // CDT_VerkorteNaam: the 301's CDT_VolledigeNaam without Partnernaam and NaamGebruik.
        Naam: pick(naam, ['Geslachtsnaam', 'Voornamen', 'Voorletters']),
        ...input.products,
      },
    },
  };
}
