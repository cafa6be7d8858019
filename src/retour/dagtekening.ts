/**
 * DagtekeningRetour (and a 325's Dagtekening) is the receiver's calendar date. The parties are Dutch, so
 * it is the date in Europe/Amsterdam, not in UTC: between 22:00/23:00 UTC and midnight the two differ, and
 * a UTC date would put a retour on the day before its own heen message (and TR135-style checks at the
 * other side compare with their local date).
 */
const AMSTERDAM = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` (xs:date without zone, RS032) of `at` in Europe/Amsterdam. */
export function amsterdamDate(at: Date): string {
  const parts = Object.fromEntries(AMSTERDAM.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
