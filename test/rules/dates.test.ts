import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  daysInMonth,
  firstDayOfMonth,
  isLeapYear,
  isRealDate,
  lastDayOfMonth,
  parseDate,
  periodsOverlap,
  sameMonth,
} from '../../src/rules/dates.js';

describe('real dates', () => {
  it.each(['2026-04-01', '2024-02-29', '2000-02-29', '1900-01-01', '2026-12-31'])('%s is real', (d) => {
    expect(isRealDate(d)).toBe(true);
  });
  it.each([
    '2027-06-31',
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-4-1',
    '20260401',
    '2026-04-01Z',
    '',
  ])('%s is not', (d) => {
    expect(isRealDate(d)).toBe(false);
  });
  it('parses the parts', () => {
    expect(parseDate('2026-04-09')).toEqual({ year: 2026, month: 4, day: 9 });
  });
  it('knows the Gregorian leap years', () => {
    expect([1900, 2000, 2024, 2026, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
  });
});

describe('arithmetic', () => {
  it('adds months, cutting a missing day back to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-04-01', -60)).toBe('2021-04-01');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });
  it('adds years', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-04-01', -120)).toBe('1906-04-01');
  });
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', -366)).toBe('2024-12-31');
  });
  it('refuses a date that does not exist', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
  });
  it('finds month boundaries', () => {
    expect(firstDayOfMonth('2026-02-17')).toBe('2026-02-01');
    expect(lastDayOfMonth('2026-02-17')).toBe('2026-02-28');
    expect(lastDayOfMonth('2024-02-01')).toBe('2024-02-29');
    expect(sameMonth('2026-03-01', '2026-03-31')).toBe(true);
    expect(sameMonth('2026-03-31', '2027-03-31')).toBe(false);
  });
  it('compares', () => {
    expect(compareDates('2026-04-01', '2026-04-02')).toBeLessThan(0);
    expect(compareDates('2026-04-01', '2026-04-01')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBeGreaterThan(0);
  });
  it('does not depend on the time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
      expect(lastDayOfMonth('2026-10-25')).toBe('2026-10-31');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('period overlap (inclusive ends, an absent end is open)', () => {
  it.each([
    [{ start: '2026-01-01', end: '2026-06-30' }, { start: '2026-06-30', end: '2026-12-31' }, true],
    [{ start: '2026-01-01', end: '2026-06-30' }, { start: '2026-07-01', end: '2026-12-31' }, false],
    [{ start: '2026-07-01' }, { start: '2026-01-01', end: '2026-06-30' }, false],
    [{ start: '2026-07-01' }, { start: '2026-01-01', end: '2026-07-01' }, true],
    [{ start: '2026-01-01', end: '2026-01-31' }, { start: '2025-01-01' }, true],
    [{ start: '2030-01-01' }, { start: '2026-01-01' }, true],
  ])('%o and %o: %s', (a, b, expected) => {
    expect(periodsOverlap(a, b)).toBe(expected);
    expect(periodsOverlap(b, a)).toBe(expected);
  });
});
