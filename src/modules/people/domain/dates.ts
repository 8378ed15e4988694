import { toHalfWidth } from '../../../platform/ids/index.ts';

/** A calendar day as YYYY-MM-DD. */
export type Day = string;

/**
 * The day it is in Xi'an (UTC+8, no daylight saving): a certificate that ends
 * "today" is still valid on a UTC server's yesterday evening.
 */
export const beijingDay = (now: Date): Day =>
  new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A day as people type it into three boxes or one: `2026-3-1`, `2026-03-01`,
 * full-width digits too. Null when it is not a real calendar day between the
 * years 1800 and 2200 (a typed century like 0990 is a mistake, not a date).
 */
export function parseDay(raw: string): Day | null {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(toHalfWidth(raw).trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1800 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

/** Whole years of age on a day: one less until the birthday is reached (29 Feb counts from 1 Mar). */
export function ageOn(birthDate: Day, day: Day): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The same day `months` months earlier or later, clamped to the month's end (demo data, tests). */
export function addMonths(day: Day, months: number): Day {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date, last));
  return first.toISOString().slice(0, 10);
}
