import { toHalfWidth } from './normalise.ts';

/** A resident identity number (居民身份证号码, GB 11643-1999) that passed every check. */
export interface ResidentId {
  /** The 18 characters, half-width, with an uppercase X. */
  readonly number: string;
  /** Where the number was first issued (GB/T 2260); not necessarily where the person lives now. */
  readonly addressCode: string;
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
}

export type ResidentIdProblem = 'format' | 'birthDate' | 'checksum';

export type ResidentIdResult = { ok: true; value: ResidentId } | { ok: false; problem: ResidentIdProblem };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/**
 * The earliest birth date accepted. GB 11643's own published example
 * 440524188001010014 is born in 1880, so a cut-off at 1900 would refuse the
 * standard's example; nobody alive was born before 1900, but the check that
 * matters for them is "not in the future", and 1800 still catches typed
 * centuries like 0990 or 1090.
 */
export const earliestBirthDate = '1800-01-01';

/** The check character (0-9 or X) for the first 17 digits of a resident ID. */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17))
    throw new RangeError('a resident ID check character needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? '';
}

/**
 * Today's date in China Standard Time. Resident IDs record the birth date as
 * the mainland calendar counts it (UTC+8, no daylight saving), so a child born
 * just after midnight in Xi'an is not "born in the future" on a UTC server.
 */
function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function isCalendarDate(isoDate: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isPlausibleBirthDate(isoDate: string, now: Date): boolean {
  // ISO dates compare correctly as strings.
  return isCalendarDate(isoDate) && isoDate >= earliestBirthDate && isoDate <= todayInChina(now);
}

/**
 * Checks a resident ID as typed. The checksum is checked before the birth
 * date so that any single mistyped digit, in the date or not, is reported as
 * the same problem: "a digit is wrong".
 */
export function parseResidentId(raw: string, options: { now?: Date } = {}): ResidentIdResult {
  const number = toHalfWidth(String(raw)).trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, problem: 'format' };
  if (checkCharacter(number.slice(0, 17)) !== number[17]) return { ok: false, problem: 'checksum' };
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (!isPlausibleBirthDate(birthDate, options.now ?? new Date())) return { ok: false, problem: 'birthDate' };
  return {
    ok: true,
    value: {
      number,
      addressCode: number.slice(0, 6),
      birthDate,
      sex: Number(number[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/** Builds a valid resident ID, for demo and test data only. */
export function makeResidentId(addressCode: string, birthDate: string, sequence: string): string {
  if (!/^\d{6}$/.test(addressCode)) throw new RangeError('address code must be 6 digits');
  if (!isCalendarDate(birthDate)) throw new RangeError('birth date must be a real date as YYYY-MM-DD');
  if (!/^\d{3}$/.test(sequence)) throw new RangeError('sequence must be 3 digits');
  const first17 = `${addressCode}${birthDate.replaceAll('-', '')}${sequence}`;
  return first17 + checkCharacter(first17);
}
