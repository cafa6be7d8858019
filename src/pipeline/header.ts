/**
 * The header identity of a message: who sent it to whom and how it identifies itself. Read from the
 * canonical JSON when the message is XSD-valid (the trustworthy case), and best-effort from the parsed
 * document when it is not, so that even a refused message is recorded with the parties that may see it.
 */
import type { XmlDocument } from 'libxml2-wasm';
import type { BerichtIdentificatie } from '../ledger/port.js';
import type { JsonElement } from '../xml/json-form.js';

export interface HeaderIdentity {
  readonly berichtCode: string | null;
  readonly afzender: string | null;
  readonly ontvanger: string | null;
  readonly berichtIdentificatie: BerichtIdentificatie | null;
  /** Retour messages only. */
  readonly identificatieRetour: BerichtIdentificatie | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function headerFromJson(bericht: JsonElement): HeaderIdentity {
  const header = bericht.Header as JsonElement;
  const id = header.BerichtIdentificatie as JsonElement;
  const identificatie = text(id.Identificatie);
  const dagtekening = text(id.Dagtekening);
  const retourId = text(header.IdentificatieRetour);
  const retourDag = text(header.DagtekeningRetour);
  return {
    berichtCode: text(header.BerichtCode),
    afzender: text(header.Afzender),
    ontvanger: text(header.Ontvanger),
    berichtIdentificatie: identificatie && dagtekening ? { identificatie, dagtekening } : null,
    identificatieRetour: retourId && retourDag ? { identificatie: retourId, dagtekening: retourDag } : null,
  };
}

const PARTY = /^(?:\d{4}|\d{8})$/;
const CODE = /^\d{3}$/;
const IDENTIFICATIE = /^[\x21-\x7e ]{1,12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Best effort on a document that failed the XSD: a value is taken only when it has the shape the standard
 * gives it, so a malformed header yields nulls rather than junk (or personal data) in the ledger.
 */
export function headerFromDocument(doc: XmlDocument): HeaderIdentity {
  const field = (path: string, shape: RegExp): string | null => {
    const steps = ['Bericht', 'Header', ...path.split('/')].map((n) => `*[local-name()='${n}']`).join('/');
    const value = doc.get(`/${steps}`)?.content.trim();
    return value !== undefined && shape.test(value) ? value : null;
  };
  const identificatie = field('BerichtIdentificatie/Identificatie', IDENTIFICATIE);
  const dagtekening = field('BerichtIdentificatie/Dagtekening', DATE);
  return {
    // Left out on purpose: a message refused at level 1 counts as not sent (OP286), so it must not take
    // its Identificatie away from the corrected message the sender will send next (see pipeline.ts).
    berichtCode: field('BerichtCode', CODE),
    afzender: field('Afzender', PARTY),
    ontvanger: field('Ontvanger', PARTY),
    berichtIdentificatie: identificatie && dagtekening ? { identificatie, dagtekening } : null,
    identificatieRetour: null,
  };
}
