import { parsePhone } from '../../../platform/ids/index.ts';
import { characterCount, field, hasControlCharacters, isNameLike, looksPersonal } from './text.ts';
import {
  type ConsentGiver,
  type ConsentPurpose,
  consentGivers,
  consentPurposes,
  type GuardianRelation,
  guardianRelations,
  isOneOf,
  type RevealReason,
  revealReasons,
} from './vocabulary.ts';

/** The smaller forms of a record: a guardian, a consent, a reason to reveal. Each field's possible problems. */
export const guardianProblems = {
  guardianName: ['required', 'tooLong', 'characters'],
  guardianPhone: ['required', 'invalid'],
  relation: ['required'],
  isProxy: ['required'],
} as const;
export const consentProblems = {
  purpose: ['required', 'alreadyGiven'],
  givenBy: ['required'],
} as const;
export const revealProblems = {
  reason: ['required'],
  note: ['tooLong', 'characters', 'personal'],
} as const;

type Problems<P extends Record<string, readonly string[]>> = { -readonly [F in keyof P]?: P[F][number] };
export type GuardianProblems = Problems<typeof guardianProblems>;
export type ConsentProblems = Problems<typeof consentProblems>;
export type RevealProblems = Problems<typeof revealProblems>;

type Checked<T, P> = { ok: true; value: T } | { ok: false; problems: P };

export interface GuardianDetails {
  readonly name: string;
  readonly phone: string;
  readonly relation: GuardianRelation;
  readonly isProxy: boolean;
}

export function checkGuardian(
  form: Partial<Record<keyof typeof guardianProblems, string>>,
): Checked<GuardianDetails, GuardianProblems> {
  const problems: GuardianProblems = {};
  const name = field(form.guardianName);
  if (name === '') problems.guardianName = 'required';
  else if (characterCount(name) > 40) problems.guardianName = 'tooLong';
  else if (!isNameLike(name)) problems.guardianName = 'characters';
  const typedPhone = field(form.guardianPhone);
  const phone = parsePhone(typedPhone);
  if (typedPhone === '') problems.guardianPhone = 'required';
  else if (!phone.ok) problems.guardianPhone = 'invalid';
  const relation = field(form.relation);
  if (!isOneOf(guardianRelations, relation)) problems.relation = 'required';
  const isProxy = field(form.isProxy);
  if (isProxy !== 'yes' && isProxy !== 'no') problems.isProxy = 'required';
  if (Object.keys(problems).length > 0 || !phone.ok) return { ok: false, problems };
  return {
    ok: true,
    value: { name, phone: phone.value, relation: relation as GuardianRelation, isProxy: isProxy === 'yes' },
  };
}

export interface ConsentDetails {
  readonly purpose: ConsentPurpose;
  readonly givenBy: ConsentGiver;
}

export function checkConsent(
  form: Partial<Record<keyof typeof consentProblems, string>>,
): Checked<ConsentDetails, ConsentProblems> {
  const problems: ConsentProblems = {};
  const purpose = field(form.purpose);
  const givenBy = field(form.givenBy);
  if (!isOneOf(consentPurposes, purpose)) problems.purpose = 'required';
  if (!isOneOf(consentGivers, givenBy)) problems.givenBy = 'required';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { purpose: purpose as ConsentPurpose, givenBy: givenBy as ConsentGiver } };
}

export interface RevealDetails {
  readonly reason: RevealReason;
  /** Null when left empty. */
  readonly note: string | null;
}

/** A reason to see a record in full. The note goes on the audit trail, so it must hold no number. */
export function checkReveal(
  form: Partial<Record<keyof typeof revealProblems, string>>,
): Checked<RevealDetails, RevealProblems> {
  const problems: RevealProblems = {};
  const reason = field(form.reason);
  if (!isOneOf(revealReasons, reason)) problems.reason = 'required';
  const note = field(form.note);
  if (characterCount(note) > 200) problems.note = 'tooLong';
  // NUL and its kind cannot be stored on the trail; line breaks can.
  else if (hasControlCharacters(note.replace(/[\r\n\t]/g, ''))) problems.note = 'characters';
  else if (looksPersonal(note)) problems.note = 'personal';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { reason: reason as RevealReason, note: note === '' ? null : note } };
}
