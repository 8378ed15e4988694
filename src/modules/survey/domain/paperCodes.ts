import { toHalfWidth } from '../../../platform/ids/index.ts';
import {
  type AnswerProblemCode,
  checkChoices,
  conditionRefs,
  type FormFields,
  fieldName,
  isCalendarDay,
  readNumber,
  readText,
  requiredProblems,
} from './answerForm.ts';
import { type PriorityProduct, priorityProducts } from './apl.ts';
import { type AgeGroup, ageGroups } from './demographics.ts';
import {
  type Answer,
  type Answers,
  type Choice,
  type Condition,
  holds,
  type Question,
  type Questionnaire,
} from './questionnaire.ts';

/**
 * The paper form and its keying-in. Every choice on paper has a number
 * printed beside it, and a worker keys the numbers the respondent ticked:
 * choices by their position (1, 2, 3…), products by their number in WHO's
 * list (apl05 is 5), age groups 1-5 and disability categories 0-7. Questions
 * are numbered through the whole questionnaire, so skip instructions can
 * name them ("若第 2 题未选择任何辅具，请跳过本题").
 */

/** The code printed beside the choice at this position. */
export const choiceCode = (index: number): string => String(index + 1);

/** A product's code: its number in WHO's Priority Assistive Products List. */
export const productCode = (product: Pick<PriorityProduct, 'code'>): string =>
  String(Number(product.code.slice(3)));

const productByCode = new Map(priorityProducts.map((p) => [productCode(p), p.code]));

/** Each question's number on paper, counted through every section from 1. */
export function questionNumbers(questionnaire: Questionnaire): ReadonlyMap<string, number> {
  const numbers = new Map<string, number>();
  for (const section of questionnaire.sections)
    for (const question of section.questions) numbers.set(question.id, numbers.size + 1);
  return numbers;
}

/** The age group keyed by its code (1 is the youngest). */
export const ageGroupCode = (group: AgeGroup): string => String(ageGroups.indexOf(group) + 1);
export const ageGroupOfCode = (code: string): AgeGroup | undefined =>
  /^[1-9]$/.test(code) ? ageGroups[Number(code) - 1] : undefined;

/** Codes as keyed: separated by spaces, commas or the Chinese enumeration comma, full-width digits allowed. */
export const splitCodes = (typed: string): string[] =>
  toHalfWidth(typed)
    .split(/[\s,，、;；]+/)
    .filter((code) => code !== '');

/**
 * A date as people write it on paper: 2026-03-15, 2026/3/15, 2026.3.15,
 * 20260315 or 2026年3月15日; null when it is none of these, or no real day.
 */
export function paperDate(typed: string): string | null {
  const text = toHalfWidth(typed).replace(/\s+/g, '');
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const day = `${match[1]}-${(match[2] ?? '').padStart(2, '0')}-${(match[3] ?? '').padStart(2, '0')}`;
  return isCalendarDay(day) ? day : null;
}

export type PaperProblemCode =
  | AnswerProblemCode
  /** A number that is not one of the question's codes. */
  | 'code'
  /** Several codes where the question takes one. */
  | 'single'
  /** Something keyed for a question the form says to skip, given the answers before it. */
  | 'skipped';

export interface PaperProblem {
  readonly question: string;
  readonly row?: string;
  readonly code: PaperProblemCode;
}

type PaperReading = { readonly answer?: Answer; readonly problems: readonly PaperProblem[] };

/** One code out of `choices`, or why not. */
function oneChoice(
  choices: readonly Choice[],
  typed: string,
): { value?: string; problem?: 'code' | 'single' } {
  const codes = splitCodes(typed);
  if (codes.length === 0) return {};
  if (codes.length > 1) return { problem: 'single' };
  const choice = choices[Number(codes[0]) - 1];
  return /^\d+$/.test(codes[0] ?? '') && choice !== undefined ? { value: choice.value } : { problem: 'code' };
}

const raw = (fields: FormFields, name: string): string => {
  const value = fields[name];
  return typeof value === 'string' ? value : (value ?? []).join(' ');
};

/** One question's keyed codes (or written number, date or text) read into an answer. */
export function readKeyed(question: Question, fields: FormFields): PaperReading {
  const id = question.id;
  const typed = raw(fields, fieldName(id));
  switch (question.kind) {
    case 'single': {
      const { value, problem } = oneChoice(question.choices, typed);
      if (problem !== undefined) return { problems: [{ question: id, code: problem }] };
      return value === undefined ? { problems: [] } : { answer: value, problems: [] };
    }
    case 'multiple': {
      const codes = splitCodes(typed);
      const values = codes.map((code) =>
        /^\d+$/.test(code) ? question.choices[Number(code) - 1] : undefined,
      );
      if (values.some((choice) => choice === undefined))
        return { problems: [{ question: id, code: 'code' }] };
      return checkChoices(
        question,
        values.map((choice) => (choice as Choice).value),
      );
    }
    case 'product': {
      const codes = splitCodes(typed).map((code) => code.replace(/^0+(?=\d)/, ''));
      const values = codes.map((code) => productByCode.get(code));
      if (values.some((value) => value === undefined)) return { problems: [{ question: id, code: 'code' }] };
      const chosen = [...new Set(values as string[])].sort();
      return chosen.length === 0 ? { problems: [] } : { answer: chosen, problems: [] };
    }
    case 'grid': {
      const cells: Record<string, string> = {};
      const problems: PaperProblem[] = [];
      for (const row of question.rows) {
        const { value, problem } = oneChoice(question.columns, raw(fields, fieldName(id, row.value)));
        if (problem !== undefined) problems.push({ question: id, row: row.value, code: problem });
        else if (value !== undefined) cells[row.value] = value;
      }
      return Object.keys(cells).length === 0 ? { problems } : { answer: cells, problems };
    }
    case 'number':
      return readNumber(question, typed);
    case 'date': {
      if (typed.trim() === '') return { problems: [] };
      const day = paperDate(typed);
      return day === null ? { problems: [{ question: id, code: 'date' }] } : { answer: day, problems: [] };
    }
    case 'text':
      return readText(question, typed);
  }
}

/** The first field of a question (or its first row) that holds anything, for a 'skipped' problem. */
function keyedRow(question: Question, fields: FormFields): { row?: string } | null {
  if (question.kind === 'grid') {
    const row = question.rows.find((r) => raw(fields, fieldName(question.id, r.value)).trim() !== '');
    return row === undefined ? null : { row: row.value };
  }
  return raw(fields, fieldName(question.id)).trim() === '' ? null : {};
}

/**
 * A whole keyed-in paper form, checked as the form's skip instructions say:
 * a question whose section or condition does not hold for the answers before
 * it must be left empty, and every required question that holds must be
 * answered. A question whose condition looks at an answer keyed wrongly is
 * only checked for its own form: whether it should be skipped is not known
 * until the earlier answer is put right.
 */
export function readPaperForm(
  questionnaire: Questionnaire,
  fields: FormFields,
): { answers: Answers; problems: PaperProblem[] } {
  const answers: Record<string, Answer> = {};
  const problems: PaperProblem[] = [];
  const unsure = new Set<string>();
  for (const section of questionnaire.sections) {
    for (const question of section.questions) {
      const looksAt = [...conditionRefs(section.showIf), ...conditionRefs(question.showIf)];
      const reading = readKeyed(question, fields);
      if (looksAt.some((id) => unsure.has(id))) {
        unsure.add(question.id);
        problems.push(...reading.problems);
        continue;
      }
      if (!holds(section.showIf, answers) || !holds(question.showIf, answers)) {
        const keyed = keyedRow(question, fields);
        if (keyed !== null) problems.push({ question: question.id, ...keyed, code: 'skipped' });
        continue;
      }
      problems.push(...reading.problems, ...requiredProblems(question, reading));
      if (reading.problems.length > 0) unsure.add(question.id);
      if (reading.answer !== undefined) answers[question.id] = reading.answer;
    }
  }
  return { answers, problems };
}

/** A condition in parts the pages can put into words, with question numbers and the codes on paper. */
export type ConditionParts =
  | { readonly kind: 'answered'; readonly question: Question; readonly number: number }
  | {
      readonly kind: 'anyOf';
      readonly question: Question;
      readonly number: number;
      readonly row?: { readonly choice: Choice; readonly number: number };
      readonly choices: readonly { readonly choice: Choice; readonly code: string }[];
    }
  | { readonly kind: 'all'; readonly parts: readonly ConditionParts[] }
  | { readonly kind: 'any'; readonly parts: readonly ConditionParts[] };

/** The choices a condition names, with their codes: a product question's are products. */
function namedChoices(question: Question, values: readonly string[]) {
  const offered: readonly { choice: Choice; code: string }[] =
    question.kind === 'single' || question.kind === 'multiple'
      ? question.choices.map((choice, i) => ({ choice, code: choiceCode(i) }))
      : question.kind === 'grid'
        ? question.columns.map((choice, i) => ({ choice, code: choiceCode(i) }))
        : question.kind === 'product'
          ? priorityProducts.map((p) => ({ choice: { value: p.code, label: p.name }, code: productCode(p) }))
          : [];
  return offered.filter(({ choice }) => values.includes(choice.value));
}

/** The parts of a condition (a valid questionnaire's conditions only name questions it asks). */
export function conditionParts(questionnaire: Questionnaire, condition: Condition): ConditionParts {
  if ('all' in condition)
    return { kind: 'all', parts: condition.all.map((c) => conditionParts(questionnaire, c)) };
  if ('any' in condition)
    return { kind: 'any', parts: condition.any.map((c) => conditionParts(questionnaire, c)) };
  const numbers = questionNumbers(questionnaire);
  const question = questionnaire.sections
    .flatMap((s) => s.questions)
    .find((q) => q.id === condition.question);
  if (question === undefined) throw new Error(`condition names ${condition.question}, which is not asked`);
  const number = numbers.get(question.id) ?? 0;
  if ('answered' in condition) return { kind: 'answered', question, number };
  const rowIndex =
    condition.row !== undefined && question.kind === 'grid'
      ? question.rows.findIndex((r) => r.value === condition.row)
      : -1;
  const row = question.kind === 'grid' ? question.rows[rowIndex] : undefined;
  return {
    kind: 'anyOf',
    question,
    number,
    ...(row === undefined ? {} : { row: { choice: row, number: rowIndex + 1 } }),
    choices: namedChoices(question, condition.anyOf),
  };
}
