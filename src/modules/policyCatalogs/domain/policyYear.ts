/** The day the policy (application) year starts: 1 Oct under 市残联发〔2021〕97号. */
export interface YearStart {
  readonly month: number;
  readonly day: number;
}

const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * Policy year N runs from its start day in calendar year N to the day before
 * the start in N + 1: with a 1 Oct start, 2026 is 2026-10-01 … 2027-09-30.
 */
export function policyYearBounds(year: number, start: YearStart): { startsOn: string; endsOn: string } {
  const next = new Date(Date.UTC(year + 1, start.month - 1, start.day));
  next.setUTCDate(next.getUTCDate() - 1);
  return {
    startsOn: isoDate(year, start.month, start.day),
    endsOn: isoDate(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()),
  };
}

/** The policy year a calendar day (YYYY-MM-DD, Beijing time) falls in. */
export function policyYearOf(day: string, start: YearStart): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const beforeStart = month < start.month || (month === start.month && date < start.day);
  return beforeStart ? year - 1 : year;
}

/** Today's date in China Standard Time (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function beijingDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The day `days` days after an ISO date. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
