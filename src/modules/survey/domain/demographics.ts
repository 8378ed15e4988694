/**
 * What is kept in clear with every response, so analytics can break figures
 * down by it: district, age group and disability category. Alone or together
 * they identify nobody in a district of hundreds of thousands, and analytics
 * suppresses any cell under five.
 */
export const ageGroups = ['0-17', '18-44', '45-59', '60-74', '75+'] as const;
export type AgeGroup = (typeof ageGroups)[number];

export const isAgeGroup = (value: unknown): value is AgeGroup =>
  (ageGroups as readonly unknown[]).includes(value);

/** The age group of someone born on `birthDate` (YYYY-MM-DD), on `day`. */
export function ageGroupOn(birthDate: string, day: string): AgeGroup {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  if (age < 18) return '0-17';
  if (age < 45) return '18-44';
  if (age < 60) return '45-59';
  if (age < 75) return '60-74';
  return '75+';
}

export interface Demographics {
  readonly districtCode: string;
  readonly ageGroup: AgeGroup;
  /** 1-7 (DOMAIN.md categories); 0 when the person has no certificate or it is not known. */
  readonly disabilityCategory: number;
}
