/**
 * Calendar arithmetic for the eligibility rules. Every rule counts whole
 * calendar years the way a birthday is counted, so the age limits, the
 * service life and the grade-change window can never disagree about when a
 * year is complete.
 */

const calendarDayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The parts of a YYYY-MM-DD day. A day that does not exist (2026-02-30,
 * 2027-02-29) is refused rather than rolled over, so a typing slip upstream
 * cannot silently shift a verdict by a day. The message names the field,
 * never the value: a birth date is personal data.
 */
function dayParts(day: string, field: string): [number, number, number] {
  const match = calendarDayPattern.exec(day);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const date = Number(match[3]);
    const check = new Date(Date.UTC(2000, 0, 1));
    check.setUTCFullYear(year, month - 1, date);
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === date)
      return [year, month, date];
  }
  throw new RangeError(`${field} is not a calendar day (YYYY-MM-DD)`);
}

/** Refuses anything but a real YYYY-MM-DD day, naming the field. */
export function assertCalendarDay(day: string, field: string): void {
  dayParts(day, field);
}

/**
 * Whole years of age on a day: one less until the birthday is reached.
 * Someone born on 29 Feb reaches their year on 1 Mar in a non-leap year: a
 * year is complete only once its day has come round, and on 28 Feb it has not.
 * A day before the birth is refused: it can only come from corrupt data.
 */
export function ageOn(birthDate: string, day: string): number {
  const [birthYear, birthMonth, birthDay] = dayParts(birthDate, 'birthDate');
  const [year, month, date] = dayParts(day, 'day');
  if (day < birthDate) throw new RangeError('day is before birthDate');
  const birthdayReached = month > birthMonth || (month === birthMonth && date >= birthDay);
  return year - birthYear - (birthdayReached ? 0 : 1);
}

/**
 * The day `years` calendar years after `day`: the same month and day, except
 * that 29 Feb lands on 1 Mar when the later year has no 29 Feb. 1 Mar (not
 * 28 Feb) keeps this in step with ageOn: `yearsAfter(d, n) <= day` exactly
 * when `ageOn(d, day) >= n`.
 */
export function yearsAfter(day: string, years: number): string {
  const [year, month, date] = dayParts(day, 'day');
  const later = new Date(Date.UTC(2000, 0, 1));
  // setUTCFullYear rolls a missing 29 Feb over to 1 Mar, which is the rule above.
  later.setUTCFullYear(year + years, month - 1, date);
  return later.toISOString().slice(0, 10);
}
