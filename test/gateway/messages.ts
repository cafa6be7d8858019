/**
 * Messages for the gateway tests, made from the project's own fixtures: each test gets its own
 * BerichtIdentificatie so tests in one gateway never collide on the idempotency key.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RetourBuilder } from '../../src/retour/builder.js';
import { MessageValidator } from '../../src/validation/validator.js';
import { REPO_ROOT } from '../support/paths.js';

const fixture = (name: string) =>
  readFileSync(path.join(REPO_ROOT, 'fixtures', 'iwmo-3.2', 'valid', name), 'utf8');

let counter = 0;
/** A fresh Identificatie: at most 12 characters (LDT_Identificatie), unique within the test run. */
export function freshId(prefix: string): string {
  counter += 1;
  const run = Date.now().toString(36).slice(-5);
  return `${prefix.slice(0, 2)}${run}${counter.toString(36).padStart(5, '0')}`;
}

/** Replaces the header's BerichtIdentificatie/Identificatie (the first Identificatie in the message). */
export function withIdentificatie(xml: string, identificatie: string): string {
  return xml.replace(/(<(\w+:)?Identificatie>)[^<]*(<\/(\w+:)?Identificatie>)/, `$1${identificatie}$3`);
}

/** WMO305 from aanbieder 72106543 to gemeente 0772. */
export const wmo305 = (id: string) => withIdentificatie(fixture('WMO305.xml'), id);
/** WMO307 from aanbieder 72106543 to gemeente 0772. */
export const wmo307 = (id: string) => withIdentificatie(fixture('WMO307.xml'), id);
/** WMO301 from gemeente 0599 to aanbieder 73451234. */
export const wmo301 = (id: string) => withIdentificatie(fixture('WMO301.xml'), id);

/** A WMO305 that is XSD-valid but fails TR002 (born more than 120 years before the Dagtekening). */
export function wmo305FailingTr002(id: string): string {
  return wmo305(id).replace(/(<basis:Datum>)1958-01-01(<\/basis:Datum>)/, '$11850-01-01$2');
}

/** A WMO301 that is XSD-valid but fails TR002. */
export function wmo301FailingTr002(id: string): string {
  return wmo301(id).replace(/(<iwmo:Datum>)1941-07-01(<\/iwmo:Datum>)/, '$11850-01-01$2');
}

/** A WMO301 the XSD refuses (a letter in the BSN). */
export function wmo301XsdInvalid(id: string): string {
  return wmo301(id).replace(/<wmo301:Bsn>\d+<\/wmo301:Bsn>/, '<wmo301:Bsn>99995100X</wmo301:Bsn>');
}

/** The retour a partner system sends back for a heen message it received (accepted: no codes). */
export function retourFor(heenXml: string): string {
  const validator = new MessageValidator();
  try {
    const inspection = validator.inspect(new TextEncoder().encode(heenXml), 'heen');
    try {
      return new RetourBuilder().fromInspection(inspection).xml;
    } finally {
      inspection.doc?.dispose();
    }
  } finally {
    validator.dispose();
  }
}

/** The Identificatie of a message's header. */
export function identificatieOf(xml: string): string | undefined {
  return /<(?:\w+:)?Identificatie>([^<]*)</.exec(xml)?.[1];
}

/** RetourCode values anywhere in a retour. */
export function retourCodesOf(xml: string): string[] {
  return [...xml.matchAll(/<(?:\w+:)?RetourCode>([^<]*)</g)].map((m) => m[1] ?? '');
}
