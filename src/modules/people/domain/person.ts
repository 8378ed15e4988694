import {
  type DisabilityCategory,
  type DisabilityGrade,
  disabilityCategories,
  parseDisabilityCertificate,
  parsePhone,
  parseResidentId,
  type ResidentId,
} from '../../../platform/ids/index.ts';
import { beijingDay, type Day, parseDay } from './dates.ts';
import { characterCount, field, hasControlCharacters, isNameLike, looksPersonal } from './text.ts';
import {
  type CertificateGeneration,
  type EconomicStatus,
  type EconomicStatusSource,
  economicStatuses,
  economicStatusSources,
  isOneOf,
} from './vocabulary.ts';

/**
 * Every field of the registration and edit forms, in the order they appear,
 * with every problem each can have. The pages word each pair
 * (`err_<field>_<problem>`); a test checks that every pair has its words.
 */
export const personProblems = {
  name: ['required', 'tooLong', 'characters'],
  residentId: ['required', 'format', 'checksum', 'birthDate', 'duplicate'],
  phone: ['invalid'],
  address: ['tooLong', 'characters'],
  districtCode: ['required'],
  street: ['tooLong', 'characters', 'personal'],
  community: ['tooLong', 'characters', 'personal'],
  localHousehold: ['required'],
  certificateGeneration: ['required'],
  certificateNumber: ['required', 'format', 'otherPerson', 'noCertificate'],
  category: ['required', 'mismatch', 'noCertificate'],
  grade: ['required', 'mismatch', 'noCertificate'],
  validUntil: ['date', 'noCertificate'],
  gradeChangedOn: ['date', 'future', 'beforeBirth', 'noCertificate'],
  economicStatus: ['required'],
  economicStatusSource: ['required'],
  economicStatusAsOf: ['required', 'date', 'future', 'beforeBirth'],
} as const;

export type PersonField = keyof typeof personProblems;
export type PersonProblem<F extends PersonField = PersonField> = (typeof personProblems)[F][number];
export type PersonProblems = { [F in PersonField]?: PersonProblem<F> };
export const personFields = Object.keys(personProblems) as PersonField[];

/** The form as typed: each value a string, '' or absent when left empty; dates as `YYYY-M-D`. */
export type PersonForm = Partial<Record<PersonField, string>>;

export interface Certificate {
  readonly generation: CertificateGeneration;
  /** Normalised (half-width, uppercase); null for a 3rd-generation card whose number was not given. */
  readonly number: string | null;
  readonly category: DisabilityCategory;
  readonly grade: DisabilityGrade;
  /** Null: no end date. */
  readonly validUntil: Day | null;
  readonly gradeChangedOn: Day | null;
}

/** A person's record as checked: ready to be sealed and saved. */
export interface PersonDetails {
  readonly residentId: ResidentId;
  readonly name: string;
  readonly phone: string | null;
  readonly address: string | null;
  readonly districtCode: string;
  readonly street: string;
  readonly community: string;
  readonly localHousehold: boolean;
  readonly certificate: Certificate | null;
  readonly economicStatus: EconomicStatus;
  readonly economicStatusSource: EconomicStatusSource | null;
  readonly economicStatusAsOf: Day | null;
}

/**
 * When editing, the sealed values already saved. Their boxes start empty (a
 * form never shows them in full), and an empty box keeps the saved value.
 */
export interface SavedSealedValues {
  readonly name: string;
  readonly residentId: string;
  readonly phone: string | null;
  readonly address: string | null;
  readonly certificateNumber: string | null;
}

export interface PersonCheckOptions {
  readonly now: Date;
  /** District codes that exist. */
  readonly districtCodes: readonly string[];
  /** Editing: the saved sealed values, and which of the optional ones to delete. */
  readonly saved?: SavedSealedValues | undefined;
  readonly clear?: readonly ('phone' | 'address')[] | undefined;
}

export type PersonCheck = { ok: true; value: PersonDetails } | { ok: false; problems: PersonProblems };

const limits = { name: 40, address: 200, street: 50, community: 50 } as const;

function plainText(text: string, max: number): 'tooLong' | 'characters' | undefined {
  if (characterCount(text) > max) return 'tooLong';
  if (hasControlCharacters(text)) return 'characters';
  return undefined;
}

function clearText(text: string, max: number): 'tooLong' | 'characters' | 'personal' | undefined {
  return plainText(text, max) ?? (looksPersonal(text) ? 'personal' : undefined);
}

const categoryOf = (value: string): DisabilityCategory | undefined =>
  isOneOf(disabilityCategories, value) ? value : undefined;
const gradeOf = (value: string): DisabilityGrade | undefined =>
  value === '1' || value === '2' || value === '3' || value === '4'
    ? (Number(value) as DisabilityGrade)
    : undefined;

/**
 * Checks a registration or an edit field by field. Sex and birth date come
 * from the resident ID; a 2nd-generation certificate's category and grade come
 * from its number, which must be this person's. Nothing here throws, whatever
 * it is given: every problem is a field's problem.
 */
export function checkPerson(form: PersonForm, options: PersonCheckOptions): PersonCheck {
  const problems: PersonProblems = {};
  const saved = options.saved;
  const today = beijingDay(options.now);

  const name = field(form.name) || saved?.name || '';
  if (name === '') problems.name = 'required';
  else if (characterCount(name) > limits.name) problems.name = 'tooLong';
  else if (!isNameLike(name)) problems.name = 'characters';

  const typedId = field(form.residentId) || saved?.residentId || '';
  const parsedId = parseResidentId(typedId, { now: options.now });
  if (typedId === '') problems.residentId = 'required';
  else if (!parsedId.ok) problems.residentId = parsedId.problem;
  const residentId = parsedId.ok ? parsedId.value : undefined;

  let phone: string | null = options.clear?.includes('phone') ? null : (saved?.phone ?? null);
  if (field(form.phone) !== '') {
    const parsed = parsePhone(field(form.phone));
    if (parsed.ok) phone = parsed.value;
    else problems.phone = 'invalid';
  }

  let address: string | null = options.clear?.includes('address') ? null : (saved?.address ?? null);
  if (field(form.address) !== '') {
    address = field(form.address);
    const problem = plainText(address, limits.address);
    if (problem) problems.address = problem;
  }

  const districtCode = field(form.districtCode);
  if (!options.districtCodes.includes(districtCode)) problems.districtCode = 'required';
  const street = field(form.street);
  const streetProblem = clearText(street, limits.street);
  if (streetProblem) problems.street = streetProblem;
  const community = field(form.community);
  const communityProblem = clearText(community, limits.community);
  if (communityProblem) problems.community = communityProblem;

  const household = field(form.localHousehold);
  if (household !== 'yes' && household !== 'no') problems.localHousehold = 'required';

  const certificate = checkCertificate(form, problems, { residentId, saved, today });

  const economicStatus = field(form.economicStatus);
  if (!isOneOf(economicStatuses, economicStatus)) problems.economicStatus = 'required';
  // "None" needs no evidence; any other status says where it was learnt and when.
  const evidenceNeeded = economicStatus !== 'none';
  const source = field(form.economicStatusSource);
  if (source !== '' && !isOneOf(economicStatusSources, source)) problems.economicStatusSource = 'required';
  else if (source === '' && evidenceNeeded) problems.economicStatusSource = 'required';
  const asOf = checkDay(form.economicStatusAsOf);
  if (asOf === undefined) problems.economicStatusAsOf = 'date';
  else if (asOf === null && evidenceNeeded) problems.economicStatusAsOf = 'required';
  else if (asOf !== null && asOf > today) problems.economicStatusAsOf = 'future';
  else if (asOf !== null && residentId && asOf < residentId.birthDate)
    problems.economicStatusAsOf = 'beforeBirth';

  if (Object.keys(problems).length > 0 || residentId === undefined || certificate === undefined) {
    return { ok: false, problems: inFieldOrder(problems) };
  }
  return {
    ok: true,
    value: {
      residentId,
      name,
      phone,
      address,
      districtCode,
      street,
      community,
      localHousehold: household === 'yes',
      certificate,
      economicStatus: economicStatus as EconomicStatus,
      economicStatusSource: source === '' ? null : (source as EconomicStatusSource),
      economicStatusAsOf: asOf ?? null,
    },
  };
}

/** A typed day: null when left empty, undefined when it is not a real day. */
function checkDay(raw: string | undefined): Day | null | undefined {
  const text = field(raw);
  if (text === '' || /^-*$/.test(text)) return null;
  return parseDay(text) ?? undefined;
}

/** The certificate part of the form; undefined when it has a problem (recorded in `problems`). */
function checkCertificate(
  form: PersonForm,
  problems: PersonProblems,
  context: { residentId: ResidentId | undefined; saved: SavedSealedValues | undefined; today: Day },
): Certificate | null | undefined {
  const before = Object.keys(problems).length;
  const generation = field(form.certificateGeneration);
  const typedNumber = field(form.certificateNumber);
  const typedCategory = field(form.category);
  const typedGrade = field(form.grade);
  const validUntil = checkDay(form.validUntil);
  const gradeChangedOn = checkDay(form.gradeChangedOn);

  if (generation === 'none') {
    // Left over from a choice changed without JavaScript: refused rather than dropped unseen.
    if (typedNumber !== '') problems.certificateNumber = 'noCertificate';
    if (typedCategory !== '') problems.category = 'noCertificate';
    if (typedGrade !== '') problems.grade = 'noCertificate';
    if (validUntil !== null) problems.validUntil = 'noCertificate';
    if (gradeChangedOn !== null) problems.gradeChangedOn = 'noCertificate';
    return Object.keys(problems).length > before ? undefined : null;
  }
  if (generation !== '2' && generation !== '3') {
    problems.certificateGeneration = 'required';
    return undefined;
  }

  const number = typedNumber || context.saved?.certificateNumber || '';
  let fromNumber: { category: DisabilityCategory; grade: DisabilityGrade; number: string } | undefined;
  if (number === '') {
    if (generation === '2') problems.certificateNumber = 'required';
  } else {
    const parsed = parseDisabilityCertificate(number);
    if (!parsed.ok) problems.certificateNumber = 'format';
    else if (context.residentId && parsed.value.residentId.number !== context.residentId.number)
      problems.certificateNumber = 'otherPerson';
    else fromNumber = parsed.value;
  }

  let category = categoryOf(typedCategory);
  let grade = gradeOf(typedGrade);
  if (typedCategory !== '' && category === undefined) problems.category = 'required';
  if (typedGrade !== '' && grade === undefined) problems.grade = 'required';
  if (fromNumber) {
    // The number says the category and grade: a different choice beside it is a contradiction.
    if (category !== undefined && category !== fromNumber.category) problems.category = 'mismatch';
    if (grade !== undefined && grade !== fromNumber.grade) problems.grade = 'mismatch';
    category = fromNumber.category;
    grade = fromNumber.grade;
  } else if (generation === '3') {
    if (category === undefined) problems.category ??= 'required';
    if (grade === undefined) problems.grade ??= 'required';
  }

  if (validUntil === undefined) problems.validUntil = 'date';
  if (gradeChangedOn === undefined) problems.gradeChangedOn = 'date';
  else if (gradeChangedOn !== null && gradeChangedOn > context.today) problems.gradeChangedOn = 'future';
  else if (gradeChangedOn !== null && context.residentId && gradeChangedOn < context.residentId.birthDate)
    problems.gradeChangedOn = 'beforeBirth';

  if (Object.keys(problems).length > before || category === undefined || grade === undefined)
    return undefined;
  return {
    generation: generation === '2' ? 2 : 3,
    number: fromNumber?.number ?? null,
    category,
    grade,
    validUntil: validUntil ?? null,
    gradeChangedOn: gradeChangedOn ?? null,
  };
}

function inFieldOrder(problems: PersonProblems): PersonProblems {
  const ordered: Record<string, string> = {};
  for (const name of personFields) {
    const problem = problems[name];
    if (problem !== undefined) ordered[name] = problem;
  }
  return ordered as PersonProblems;
}
