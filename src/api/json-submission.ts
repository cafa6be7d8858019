/**
 * JSON submissions from a back-office: the canonical JSON form of any message, or (for `/toewijzingen`)
 * just the parts of a 301 a back-office knows, with the header filled in by the gateway. Either way the
 * result is XML that then takes the same pipeline as any XML message.
 */
import { amsterdamDate } from '../retour/dagtekening.js';
import { createIdentificatieGenerator } from '../retour/identificatie.js';
import { findMessage, packs } from '../standard/packs.js';
import type { StandardId } from '../standard/model.js';
import { fromJson, type JsonIssue } from '../xml/from-json.js';

const nextIdentificatie = createIdentificatieGenerator();

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The gateway assigns BerichtIdentificatie when the back-office leaves it out (unique, time-ordered). */
function withIdentificatie(json: unknown, now: Date): unknown {
  if (!isObject(json) || !isObject(json.Bericht) || !isObject(json.Bericht.Header)) return json;
  const header = json.Bericht.Header;
  if (header.BerichtIdentificatie !== undefined) return json;
  return {
    ...json,
    Bericht: {
      ...json.Bericht,
      Header: insertAfter(header, 'Ontvanger', 'BerichtIdentificatie', {
        Identificatie: nextIdentificatie(),
        Dagtekening: amsterdamDate(now),
      }),
    },
  };
}

/** Keeps the model's key order (the canonical form is ordered, and so is its XML). */
function insertAfter(object: Json, after: string, key: string, value: unknown): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(object)) {
    out[k] = v;
    if (k === after) out[key] = value;
  }
  if (!(key in out)) out[key] = value;
  return out;
}

export function xmlFromJson(json: unknown, now = new Date()): { xml: string } | { issues: JsonIssue[] } {
  return fromJson(withIdentificatie(json, now));
}

/**
 * `POST /api/v1/toewijzingen`: `{ "standard": "ijw" | "iwmo", "Ontvanger": "<AGB>", "Client": {...} }`, optionally
 * with `BerichtIdentificatie`. Afzender is the calling party; BerichtCode, versions and XsdVersie come from
 * the model.
 */
export function toewijzingJson(body: unknown, partyCode: string): unknown {
  if (!isObject(body)) return body;
  const standard: StandardId = body.standard === 'iwmo' ? 'iwmo' : 'ijw';
  const pack = packs[standard];
  const message = findMessage(`${standard === 'iwmo' ? 'WMO' : 'JW'}301`);
  if (!message) throw new Error('the model has no 301');
  const header: Json = {
    BerichtCode: message.berichtCode,
    BerichtVersie: pack.release.versie,
    BerichtSubversie: pack.release.subversie,
    Afzender: partyCode,
    Ontvanger: body.Ontvanger,
    ...(body.BerichtIdentificatie !== undefined ? { BerichtIdentificatie: body.BerichtIdentificatie } : {}),
    XsdVersie: { BasisschemaXsdVersie: pack.xsdVersie.basisschema, BerichtXsdVersie: pack.xsdVersie.bericht },
  };
  return {
    message: message.name,
    release: pack.release.label,
    Bericht: { Header: header, Client: body.Client },
  };
}
