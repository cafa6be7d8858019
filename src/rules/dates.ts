/**
 * Calendar arithmetic on the standard's dates, which are xs:date values without a time zone ('YYYY-MM-DD',
 * RS032). Everything works on the digits of the string: a `Date` object would bring the process's time
 * zone into a calculation that has none, and shift days around midnight.
 *
 * Comparing two well-formed dates as strings is the same as the official XSLT's numeric comparison of
 * `translate(date, '-', '')`, so `compareDates` is plain string order.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A period as the rules see it: an open end (absent Einddatum) lasts forever. */
export interface Period {
  readonly start: string;
  readonly end?: string | undefined;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The parts of a 'YYYY-MM-DD' string, or undefined when it is not of that shape or not a real day. */
export function parseDate(value: string): CalendarDate | undefined {
  const match = DATE_PATTERN.exec(value);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** True for a day that exists in the Gregorian calendar ('2027-06-31' and '2026-02-29' do not). */
export function isRealDate(value: string): boolean {
  return parseDate(value) !== undefined;
}

export function formatDate(date: CalendarDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Negative when a is earlier, 0 when equal, positive when later. */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mustParse(value: string): CalendarDate {
  const date = parseDate(value);
  if (date === undefined) throw new RangeError(`not a calendar date: ${value}`);
  return date;
}

/**
 * Adds (or, when negative, subtracts) whole months; a day that does not exist in the target month is
 * cut back to that month's last day (2024-03-31 minus one month is 2024-02-29), as the official XSLT's
 * `addMonths` with overflow 'truncate' does.
 */
export function addMonths(value: string, months: number): string {
  const { year, month, day } = mustParse(value);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return formatDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

export function addYears(value: string, years: number): string {
  return addMonths(value, years * 12);
}

export function addDays(value: string, days: number): string {
  let { year, month, day } = mustParse(value);
  day += days;
  while (day > daysInMonth(year, month)) {
    day -= daysInMonth(year, month);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  while (day < 1) {
    [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
    day += daysInMonth(year, month);
  }
  return formatDate({ year, month, day });
}

export function firstDayOfMonth(value: string): string {
  const { year, month } = mustParse(value);
  return formatDate({ year, month, day: 1 });
}

export function lastDayOfMonth(value: string): string {
  const { year, month } = mustParse(value);
  return formatDate({ year, month, day: daysInMonth(year, month) });
}

/** Same calendar month of the same year. */
export function sameMonth(a: string, b: string): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

/**
 * Whether two periods share at least one day; both ends are inclusive and an absent end is open. This is
 * the official XSLT's `isPeriodOverlay` (used by TR302, TR386, TR410).
 */
export function periodsOverlap(a: Period, b: Period): boolean {
  const aEndsBeforeB = a.end !== undefined && a.end < b.start;
  const bEndsBeforeA = b.end !== undefined && b.end < a.start;
  return !aEndsBeforeB && !bEndsBeforeA;
}
