/**
 * Privacy is declared once, here, at the logger: whatever a call site passes, a BSN, name, address or
 * birth date does not reach a log line. Two layers, because either alone can be bypassed by a careless
 * call: keys that name personal data are dropped whole, and any free text is scrubbed of digit runs that
 * could be a BSN (9 digits) and of anything that looks like a date.
 */

/** Element and field names of the standard that carry personal data (FACTS §1 body classes). */
const PERSONAL_KEYS = new Set(
  [
    'bsn',
    'burgerservicenummer',
    'naam',
    'achternaam',
    'voornamen',
    'voorletters',
    'voorvoegsel',
    'geslachtsnaam',
    'partnernaam',
    'geboortedatum',
    'datum',
    'adres',
    'straatnaam',
    'huisnummer',
    'huisletter',
    'huisnummertoevoeging',
    'postcode',
    'plaatsnaam',
    'telefoon',
    'telefoonnummer',
    'emailadres',
    'commentaar',
    'organisatie',
    'client',
    'clienten',
    'relatie',
    'relaties',
    'contact',
    'contactgegevens',
    'body',
    'xml',
    'payload',
  ].map((k) => k.toLowerCase()),
);

export const REDACTED = '[verwijderd]';

/** Nine or more digits in a row could be a BSN; dates could be a birth date. Both are scrubbed from text. */
const DIGIT_RUN = /\d{9,}/g;
const DATE_LIKE = /\b\d{4}-\d{2}-\d{2}\b|\b\d{2}-\d{2}-\d{4}\b/g;

export function scrubText(text: string): string {
  return text.replace(DIGIT_RUN, REDACTED).replace(DATE_LIKE, REDACTED);
}

/** Returns a deep copy of `value` with personal keys removed and text scrubbed. Cycles are cut. */
export function redact(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 1e8 ? REDACTED : value;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (value instanceof Error) {
    return { name: value.name, message: scrubText(value.message), code: (value as { code?: unknown }).code };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = PERSONAL_KEYS.has(key.toLowerCase()) ? REDACTED : redact(item, seen);
  }
  return out;
}
