import { describe, expect, it } from 'vitest';
import { ageOn, assertCalendarDay, yearsAfter } from './age.ts';

describe('ageOn', () => {
  it('counts a year only once the birthday is reached', () => {
    expect(ageOn('2010-11-28', '2026-11-27')).toBe(15);
    expect(ageOn('2010-11-28', '2026-11-28')).toBe(16);
    expect(ageOn('2010-11-28', '2027-11-27')).toBe(16);
    expect(ageOn('2010-11-28', '2027-11-28')).toBe(17);
    expect(ageOn('2026-11-28', '2026-11-28')).toBe(0);
    expect(ageOn('1930-01-01', '2026-12-31')).toBe(96);
  });

  it('gives someone born on 29 Feb their year on 1 Mar in a non-leap year, on 29 Feb in a leap year', () => {
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
  });

  it('refuses days that do not exist and days before the birth', () => {
    expect(() => ageOn('2025-02-29', '2026-01-01')).toThrow(RangeError);
    expect(() => ageOn('2010-1-5', '2026-01-01')).toThrow(RangeError);
    expect(() => ageOn('2010-01-05', '2026-13-01')).toThrow(RangeError);
    expect(() => ageOn('2026-01-02', '2026-01-01')).toThrow('day is before birthDate');
  });
});

describe('yearsAfter', () => {
  it('keeps the month and day, moving 29 Feb to 1 Mar when the later year has none', () => {
    expect(yearsAfter('2021-11-28', 5)).toBe('2026-11-28');
    expect(yearsAfter('2020-02-29', 5)).toBe('2025-03-01');
    expect(yearsAfter('2020-02-29', 4)).toBe('2024-02-29');
    expect(yearsAfter('2099-02-28', 1)).toBe('2100-02-28');
    expect(yearsAfter('2096-02-29', 4)).toBe('2100-03-01');
  });
});

describe('assertCalendarDay', () => {
  it('accepts real days and names the field of a bad one without echoing its value', () => {
    expect(() => assertCalendarDay('2028-02-29', 'today')).not.toThrow();
    expect(() => assertCalendarDay('2027-02-29', 'birthDate')).toThrow(
      'birthDate is not a calendar day (YYYY-MM-DD)',
    );
    expect(() => assertCalendarDay('', 'validUntil')).toThrow(RangeError);
    expect(() => assertCalendarDay('2026-11-28T00:00:00Z', 'today')).toThrow(RangeError);
  });
});
