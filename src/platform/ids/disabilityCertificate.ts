import { toHalfWidth } from './normalise.ts';
import { parseResidentId, type ResidentId } from './residentId.ts';

/** Disability categories (GB/T 26341-2010) in code order: code 1 is `visual`. */
export const disabilityCategories = [
  'visual',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'mental',
  'multiple',
] as const;

export type DisabilityCategory = (typeof disabilityCategories)[number];

/** 1 is the most severe. */
export type DisabilityGrade = 1 | 2 | 3 | 4;

/** A 2nd-generation disability certificate number (第二代残疾人证号). */
export interface DisabilityCertificate {
  /** Normalised: half-width, uppercase. */
  readonly number: string;
  readonly residentId: ResidentId;
  readonly category: DisabilityCategory;
  readonly grade: DisabilityGrade;
  /** `B1`–`B9` when the certificate was re-issued with a suffix, otherwise null. */
  readonly suffix: string | null;
}

export type DisabilityCertificateProblem = 'format' | 'residentId' | 'category' | 'grade';

export type DisabilityCertificateResult =
  | { ok: true; value: DisabilityCertificate }
  | { ok: false; problem: DisabilityCertificateProblem };

export function parseDisabilityCertificate(
  raw: string,
  options: { now?: Date } = {},
): DisabilityCertificateResult {
  const number = toHalfWidth(String(raw)).trim().toUpperCase();
  const match = /^(\d{17}[\dX])(\d)(\d)(B[1-9])?$/.exec(number);
  if (!match) return { ok: false, problem: 'format' };
  const [, idPart = '', categoryDigit = '', gradeDigit = '', suffix] = match;
  const residentId = parseResidentId(idPart, options);
  if (!residentId.ok) return { ok: false, problem: 'residentId' };
  const category = disabilityCategories[Number(categoryDigit) - 1];
  if (category === undefined) return { ok: false, problem: 'category' };
  const grade = Number(gradeDigit);
  if (grade !== 1 && grade !== 2 && grade !== 3 && grade !== 4) return { ok: false, problem: 'grade' };
  return {
    ok: true,
    value: { number, residentId: residentId.value, category, grade, suffix: suffix ?? null },
  };
}
