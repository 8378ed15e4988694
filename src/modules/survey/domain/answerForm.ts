import { toHalfWidth } from '../../../platform/ids/index.ts';
import { isPriorityProduct } from './apl.ts';
import { type AgeGroup, type Demographics, isAgeGroup } from './demographics.ts';
import {
  type Answer,
  type Answers,
  type Condition,
  holds,
  isAnswered,
  type Question,
  type Section,
} from './questionnaire.ts';

/**
 * One section of a questionnaire as an HTML form: the field names and ids of
 * its questions, which of them a page shows, and the posted fields read back
 * into answers with a problem code for each mistake. Pure: the pages turn
 * codes into sentences and the service stores what was read.
 */

/** A posted form: a field given once is a string, a repeated field (ticked boxes) a list. */
export type FormFields = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The field a question is posted in; a grid question posts one field per row. */
export const fieldName = (questionId: string, row?: string): string =>
  row === undefined ? `q.${questionId}` : `q.${questionId}.${row}`;

/**
 * The id of a question's first control (or a grid row's), where the error
 * summary leads. Question and row values never hold a hyphen, so the ids of
 * different questions and rows cannot meet.
 */
export const fieldId = (questionId: string, row?: string): string =>
  row === undefined ? `q-${questionId}` : `q-${questionId}-${row}`;

export type AnswerProblemCode =
  /** A required question (or a required grid's row) left unanswered. */
  | 'required'
  /** A value the question does not offer: a tampered form, never a slip of the hand. */
  | 'invalid'
  /** "None of these" ticked together with something else. */
  | 'exclusive'
  | 'number'
  | 'range'
  | 'date'
  | 'tooLong'
  /** Free text holding what looks like an ID or a phone number (the hint asks for neither). */
  | 'personalData';

export interface AnswerProblem {
  readonly question: string;
  /** The grid row the problem is in. */
  readonly row?: string;
  readonly code: AnswerProblemCode;
}

export interface AnswerReading {
  /** Absent when nothing usable was given. */
  readonly answer?: Answer;
  readonly problems: readonly AnswerProblem[];
}

/** The one value of a field; a list where one value belongs is a tampered form. */
function single(value: string | readonly string[] | undefined): string | null {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  return null;
}

const list = (value: string | readonly string[] | undefined): string[] =>
  (value === undefined ? [] : typeof value === 'string' ? [value] : [...value])
    .map((v) => v.trim())
    .filter((v) => v !== '');

const numberPattern = /^-?\d+(\.\d+)?$/;

/** A number as typed (full-width digits allowed), checked against the question's range. */
export function readNumber(
  question: Question & { kind: 'number' },
  typed: string,
): AnswerReading & { answer?: number } {
  const text = toHalfWidth(typed).replace(/\s+/g, '');
  if (text === '') return { problems: [] };
  if (!numberPattern.test(text)) return { problems: [{ question: question.id, code: 'number' }] };
  const value = Number(text);
  if (value < question.min || value > question.max)
    return { problems: [{ question: question.id, code: 'range' }] };
  return { answer: value, problems: [] };
}

/** Whether a YYYY-MM-DD string names a real calendar day. */
export function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

// The shapes the audit trail refuses too: an 18-character ID number, an 11-digit mobile number.
const personalShapes = [/(?<!\d)\d{17}[\dXx](?![\dA-Za-z])/, /(?<!\d)1[3-9]\d{9}(?!\d)/];

/** Free text with line breaks kept and other control characters dropped; checked for length and numbers. */
export function readText(
  question: Question & { kind: 'text' },
  typed: string,
): AnswerReading & { answer?: string } {
  const text = typed
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n]/gu, '')
    .trim();
  if (text === '') return { problems: [] };
  if ([...text].length > question.maxLength)
    return { problems: [{ question: question.id, code: 'tooLong' }] };
  if (personalShapes.some((shape) => shape.test(toHalfWidth(text))))
    return { problems: [{ question: question.id, code: 'personalData' }] };
  return { answer: text, problems: [] };
}

/** Chosen values checked against what a multiple-choice question offers. */
export function checkChoices(
  question: Question & { kind: 'multiple' },
  values: readonly string[],
): AnswerReading {
  const chosen = [...new Set(values)];
  const offered = question.choices.map((choice) => choice.value);
  if (chosen.some((value) => !offered.includes(value)))
    return { problems: [{ question: question.id, code: 'invalid' }] };
  if (question.exclusive !== undefined && chosen.includes(question.exclusive) && chosen.length > 1)
    return { problems: [{ question: question.id, code: 'exclusive' }] };
  // In the questionnaire's order, whatever order the boxes came in.
  const answer = offered.filter((value) => chosen.includes(value));
  return answer.length === 0 ? { problems: [] } : { answer, problems: [] };
}

/** One question's posted field(s) read into an answer. */
export function readAnswer(question: Question, fields: FormFields): AnswerReading {
  const id = question.id;
  const invalid: AnswerReading = { problems: [{ question: id, code: 'invalid' }] };
  switch (question.kind) {
    case 'single': {
      const value = single(fields[fieldName(id)]);
      if (value === null) return invalid;
      if (value === '') return { problems: [] };
      return question.choices.some((choice) => choice.value === value)
        ? { answer: value, problems: [] }
        : invalid;
    }
    case 'multiple':
      return checkChoices(question, list(fields[fieldName(id)]));
    case 'product': {
      const chosen = [...new Set(list(fields[fieldName(id)]))];
      if (chosen.some((code) => !isPriorityProduct(code))) return invalid;
      return chosen.length === 0 ? { problems: [] } : { answer: chosen.sort(), problems: [] };
    }
    case 'number': {
      const value = single(fields[fieldName(id)]);
      return value === null ? invalid : readNumber(question, value);
    }
    case 'date': {
      const value = single(fields[fieldName(id)]);
      if (value === null) return invalid;
      if (value === '') return { problems: [] };
      return isCalendarDay(value)
        ? { answer: value, problems: [] }
        : { problems: [{ question: id, code: 'date' }] };
    }
    case 'text': {
      const value = single(fields[fieldName(id)]);
      return value === null ? invalid : readText(question, value);
    }
    case 'grid': {
      const cells: Record<string, string> = {};
      const problems: AnswerProblem[] = [];
      for (const row of question.rows) {
        const value = single(fields[fieldName(id, row.value)]);
        if (value === '') continue;
        if (value === null || !question.columns.some((column) => column.value === value)) {
          problems.push({ question: id, row: row.value, code: 'invalid' });
        } else cells[row.value] = value;
      }
      return Object.keys(cells).length === 0 ? { problems } : { answer: cells, problems };
    }
  }
}

/** The required-answer problems of a shown question, given what was read for it. */
export function requiredProblems(
  question: Question,
  reading: { readonly answer?: Answer; readonly problems: readonly { readonly row?: string }[] },
): AnswerProblem[] {
  if (!question.required) return [];
  if (question.kind === 'grid') {
    const cells = (reading.answer ?? {}) as Readonly<Record<string, string>>;
    const troubled = new Set(reading.problems.map((p) => p.row));
    return question.rows
      .filter((row) => cells[row.value] === undefined && !troubled.has(row.value))
      .map((row) => ({ question: question.id, row: row.value, code: 'required' as const }));
  }
  return reading.problems.length === 0 && !isAnswered(reading.answer)
    ? [{ question: question.id, code: 'required' }]
    : [];
}

/** The questions a condition looks at. */
export function conditionRefs(condition: Condition | undefined): string[] {
  if (condition === undefined) return [];
  if ('all' in condition) return condition.all.flatMap(conditionRefs);
  if ('any' in condition) return condition.any.flatMap(conditionRefs);
  return [condition.question];
}

/**
 * A condition with what is already known filled in: parts that look at
 * earlier sections are decided from their answers, and what remains looks
 * only at questions of this section (true or false when nothing remains).
 */
export function resolveCondition(
  condition: Condition | undefined,
  sameSection: ReadonlySet<string>,
  earlier: Answers,
): Condition | boolean {
  if (condition === undefined) return true;
  if ('all' in condition) {
    const parts = condition.all.map((c) => resolveCondition(c, sameSection, earlier));
    if (parts.includes(false)) return false;
    const open = parts.filter((p): p is Condition => p !== true);
    return open.length === 0 ? true : open.length === 1 ? (open[0] as Condition) : { all: open };
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => resolveCondition(c, sameSection, earlier));
    if (parts.includes(true)) return true;
    const open = parts.filter((p): p is Condition => p !== false);
    return open.length === 0 ? false : open.length === 1 ? (open[0] as Condition) : { any: open };
  }
  return sameSection.has(condition.question) ? condition : holds(condition, earlier);
}

export interface PageQuestion {
  readonly question: Question;
  /**
   * Set when the question depends on an answer given on the same page: it is
   * shown with a hint saying when to answer it (and hidden live by the page
   * script), and its answer counts only if this holds once the page is read.
   */
  readonly liveCondition?: Condition;
}

/** The answers without those of this section's questions: what the section's conditions may look at. */
export function answersBefore(section: Section, answers: Answers): Answers {
  const own = new Set(section.questions.map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !own.has(id)));
}

/**
 * The questions a section's page shows: those whose condition holds for the
 * earlier sections' answers, and those that depend on this section's own
 * answers (the server decides about them once the page is sent).
 */
export function questionsOnPage(section: Section, answers: Answers): PageQuestion[] {
  const earlier = answersBefore(section, answers);
  const sameSection = new Set(section.questions.map((q) => q.id));
  const shown: PageQuestion[] = [];
  for (const question of section.questions) {
    const resolved = resolveCondition(question.showIf, sameSection, earlier);
    if (resolved === false) continue;
    shown.push(resolved === true ? { question } : { question, liveCondition: resolved });
  }
  return shown;
}

export interface SectionReading {
  /** This section's answers, only those of questions shown. */
  readonly answers: Answers;
  readonly problems: readonly AnswerProblem[];
}

/**
 * A section's posted form read into answers. `requireAnswers` asks for every
 * required question shown (to move on); without it (going back, or leaving to
 * finish later) only what was given is checked. A question that depends on
 * an answer of the same page counts only if its condition holds: otherwise
 * what was posted for it is dropped without a word.
 */
export function readSection(
  section: Section,
  fields: FormFields,
  answers: Answers,
  options: { readonly requireAnswers: boolean },
): SectionReading {
  const known: Record<string, Answer> = { ...answersBefore(section, answers) };
  const read: Record<string, Answer> = {};
  const problems: AnswerProblem[] = [];
  for (const { question, liveCondition } of questionsOnPage(section, answers)) {
    if (liveCondition !== undefined && !holds(liveCondition, known)) continue;
    const reading = readAnswer(question, fields);
    problems.push(...reading.problems);
    if (options.requireAnswers) problems.push(...requiredProblems(question, reading));
    if (reading.answer !== undefined) {
      known[question.id] = reading.answer;
      read[question.id] = reading.answer;
    }
  }
  return { answers: read, problems };
}

/** Stored answers as the form fields that show them (a page's values when it opens). */
export function fieldsOf(section: Section, answers: Answers): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const question of section.questions) {
    const answer = answers[question.id];
    if (answer === undefined) continue;
    if (question.kind === 'grid') {
      if (typeof answer !== 'object' || Array.isArray(answer)) continue;
      for (const [row, column] of Object.entries(answer as Record<string, string>))
        fields[fieldName(question.id, row)] = column;
    } else if (Array.isArray(answer)) {
      fields[fieldName(question.id)] = [...answer];
    } else if (typeof answer === 'string' || typeof answer === 'number') {
      fields[fieldName(question.id)] = String(answer);
    }
  }
  return fields;
}

/** Values of one field as a page shows them: a single value, or the ticked values. */
export const fieldValue = (fields: FormFields, name: string): string => {
  const value = fields[name];
  return typeof value === 'string' ? value : (value?.[0] ?? '');
};

export const fieldValues = (fields: FormFields, name: string): string[] => list(fields[name]);

export type DemographicsProblem = 'districtRequired' | 'district' | 'ageGroup' | 'category' | 'notTargeted';

/** Who an anonymous response is about, as given on a form: each field checked for what this campaign and worker allow. */
export function readDemographics(
  given: { readonly district?: string; readonly ageGroup?: string; readonly category?: string },
  allowed: { readonly districtCodes: readonly string[]; readonly categories: readonly number[] },
): {
  demographics?: Demographics;
  problems: Partial<Record<'district' | 'ageGroup' | 'category', DemographicsProblem>>;
} {
  const problems: Partial<Record<'district' | 'ageGroup' | 'category', DemographicsProblem>> = {};
  const district = given.district?.trim() ?? '';
  if (district === '') problems.district = 'districtRequired';
  else if (!allowed.districtCodes.includes(district)) problems.district = 'district';
  const ageGroup = given.ageGroup?.trim() ?? '';
  if (!isAgeGroup(ageGroup)) problems.ageGroup = 'ageGroup';
  const categoryText = given.category?.trim() ?? '';
  const category = /^[0-7]$/.test(categoryText) ? Number(categoryText) : null;
  if (category === null) problems.category = 'category';
  else if (!categoryTargeted(allowed.categories, category)) problems.category = 'notTargeted';
  if (Object.keys(problems).length > 0 || category === null) return { problems };
  return {
    demographics: { districtCode: district, ageGroup: ageGroup as AgeGroup, disabilityCategory: category },
    problems,
  };
}

/** Whether a campaign's target groups take someone of this category (0: no certificate or not known). */
export const categoryTargeted = (targets: readonly number[], category: number): boolean =>
  targets.length === 0 || targets.includes(category);
