/**
 * The official XSLT's own date arithmetic (templates `adjustDate`, `addDate`, `addMonths`, overflow
 * 'carry'), which CS340 is defined by. It works on dates as numbers yyyymmdd and differs from the calendar
 * in src/rules/dates.ts in two ways that are kept on purpose, so CS340 judges exactly as the XSLT does:
 * a day past the end of the month carries into the next month (2023-01-31 plus one month is 2023-03-03),
 * and every year divisible by 4 is a leap year (2100 included).
 */
import { dateNumber, normalizeSpace } from './util.js';

const THIRTY_DAYS = new Set([4, 6, 9, 11]);
const THIRTY_ONE_DAYS = new Set([1, 3, 5, 7, 8, 10, 12]);

/** Moves overflowing days into the next month and months past 12 into the next year, until stable. */
export function carryDate(yyyymmdd: number): number {
  if (!Number.isFinite(yyyymmdd)) return Number.NaN;
  let date = yyyymmdd;
  for (;;) {
    const day = date % 100;
    const month = Math.floor(date / 100) % 100;
    const year = Math.floor(date / 10000) % 10000;
    let next = date;
    if (day > 30 && THIRTY_DAYS.has(month)) next = date - 30 + 100;
    else if (day > 31 && THIRTY_ONE_DAYS.has(month)) next = date - 31 + 100;
    else if (day > 29 && month === 2 && year % 4 === 0) next = date - 29 + 100;
    else if (day > 28 && month === 2 && year % 4 !== 0) next = date - 28 + 100;
    if (Math.floor(next / 100) % 100 > 12) next = next - 1200 + 10000;
    if (next === date) return date;
    date = next;
  }
}

/** `addDate`: the date plus `days`, as yyyymmdd; undefined for an empty date (the XSLT yields ''). */
export function addDaysCarry(date: string, days: number): number | undefined {
  if (normalizeSpace(date) === '') return undefined;
  return carryDate(dateNumber(date) + days);
}

/** `addMonths` for 0..12 months (all CS340 needs): the month number raised, then carried. */
export function addMonthsCarry(date: string, months: number): number {
  if (months < 0 || months > 12) throw new RangeError('addMonthsCarry handles 0..12 months');
  return carryDate(dateNumber(date) + 100 * months);
}
