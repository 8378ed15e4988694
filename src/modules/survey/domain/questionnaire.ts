import type { Locale } from '../../../platform/i18n/index.ts';

/**
 * A questionnaire is data, not code: sections of questions with skip logic,
 * required rules and text in both languages. A new version is a new row in
 * `questionnaire`; campaigns keep the version they were opened with, so
 * answers are always read against the questions that were asked.
 */

/** Every text a respondent reads exists in both languages (checked by `questionnaireProblems`). */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

/** A text in the reader's language: the Chinese on an English page where no English was written. */
export const textIn = (locale: Locale, text: Text): string =>
  locale === 'zh-CN' || text.en.trim() === '' ? text.zh : text.en;

export interface Choice {
  /** Stored in answers and used in measures: stable across versions, never shown. */
  readonly value: string;
  readonly label: Text;
}

/**
 * When a question or section is shown. A condition may only look at questions
 * asked before it, so the server can always decide what to show from the
 * answers it already has: skip logic works without JavaScript.
 */
export type Condition =
  /** A single or multiple choice answer includes one of these values (for a grid, the row's answer). */
  | { readonly question: string; readonly row?: string; readonly anyOf: readonly string[] }
  /** The question has an answer (a multiple choice: at least one chosen). */
  | { readonly question: string; readonly answered: true }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] };

interface QuestionBase {
  readonly id: string;
  readonly label: Text;
  readonly hint?: Text;
  readonly required: boolean;
  readonly showIf?: Condition;
}

export type Question =
  | (QuestionBase & { readonly kind: 'single'; readonly choices: readonly Choice[] })
  | (QuestionBase & {
      readonly kind: 'multiple';
      readonly choices: readonly Choice[];
      /** A choice that excludes all others ("none of these"). */
      readonly exclusive?: string;
    })
  | (QuestionBase & {
      readonly kind: 'number';
      readonly min: number;
      readonly max: number;
      readonly unit?: Text;
    })
  | (QuestionBase & { readonly kind: 'text'; readonly maxLength: number })
  | (QuestionBase & { readonly kind: 'date' })
  /** Assistive products, picked from the WHO Priority Assistive Products List (see apl.ts), several allowed. */
  | (QuestionBase & { readonly kind: 'product' })
  /** One single-choice answer per row, with the same columns for every row (WG-SS, satisfaction). */
  | (QuestionBase & {
      readonly kind: 'grid';
      readonly rows: readonly Choice[];
      readonly columns: readonly Choice[];
    });

export type QuestionKind = Question['kind'];

export interface Section {
  readonly id: string;
  readonly title: Text;
  readonly intro?: Text;
  readonly showIf?: Condition;
  readonly questions: readonly Question[];
}

export interface Questionnaire {
  readonly code: string;
  readonly version: number;
  readonly title: Text;
  readonly intro: Text;
  readonly sections: readonly Section[];
}

/**
 * One answer, by question kind: single, text and date → string; number →
 * number; multiple and product → the chosen values; grid → row value → column value.
 */
export type Answer = string | number | readonly string[] | Readonly<Record<string, string>>;
export type Answers = Readonly<Record<string, Answer>>;

export const allQuestions = (questionnaire: Questionnaire): Question[] =>
  questionnaire.sections.flatMap((section) => section.questions);

export function questionById(questionnaire: Questionnaire, id: string): Question | undefined {
  for (const section of questionnaire.sections) {
    const found = section.questions.find((question) => question.id === id);
    if (found) return found;
  }
  return undefined;
}

/** Whether a condition holds for the answers given so far (no condition: always). */
export function holds(condition: Condition | undefined, answers: Answers): boolean {
  if (condition === undefined) return true;
  if ('all' in condition) return condition.all.every((c) => holds(c, answers));
  if ('any' in condition) return condition.any.some((c) => holds(c, answers));
  const answer = answers[condition.question];
  if ('answered' in condition) return isAnswered(answer);
  if (answer === undefined) return false;
  if (condition.row !== undefined) {
    const cell =
      typeof answer === 'object' && !Array.isArray(answer) ? (answer as Record<string, string>) : {};
    const value = cell[condition.row];
    return value !== undefined && condition.anyOf.includes(value);
  }
  if (Array.isArray(answer)) return answer.some((value) => condition.anyOf.includes(value));
  return typeof answer === 'string' && condition.anyOf.includes(answer);
}

export function isAnswered(answer: Answer | undefined): boolean {
  if (answer === undefined) return false;
  if (typeof answer === 'number') return true;
  if (typeof answer === 'string') return answer.trim() !== '';
  if (Array.isArray(answer)) return answer.length > 0;
  return Object.keys(answer).length > 0;
}

/** The sections shown for these answers (a section's condition looks only at earlier sections). */
export const shownSections = (questionnaire: Questionnaire, answers: Answers): Section[] =>
  questionnaire.sections.filter((section) => holds(section.showIf, answers));

/** The questions of a section shown for these answers. */
export const shownQuestions = (section: Section, answers: Answers): Question[] =>
  section.questions.filter((question) => holds(question.showIf, answers));

/**
 * Only what was asked is kept: answers to questions whose condition no longer
 * holds (the respondent went back and changed an earlier answer) are dropped,
 * in question order so a dropped answer also drops what depended on it.
 */
export function keepShownAnswers(questionnaire: Questionnaire, answers: Answers): Answers {
  const kept: Record<string, Answer> = {};
  for (const section of questionnaire.sections) {
    if (!holds(section.showIf, kept)) continue;
    for (const question of section.questions) {
      const answer = answers[question.id];
      if (answer !== undefined && holds(question.showIf, kept)) kept[question.id] = answer;
    }
  }
  return kept;
}

/** Required questions shown but not answered: a response cannot be submitted while any remain. */
export function missingRequired(questionnaire: Questionnaire, answers: Answers): Question[] {
  const missing: Question[] = [];
  for (const section of shownSections(questionnaire, answers)) {
    for (const question of shownQuestions(section, answers)) {
      if (!question.required) continue;
      const answer = answers[question.id];
      if (question.kind === 'grid') {
        const cells = (answer ?? {}) as Record<string, string>;
        if (question.rows.some((row) => cells[row.value] === undefined)) missing.push(question);
      } else if (!isAnswered(answer)) {
        missing.push(question);
      }
    }
  }
  return missing;
}

const idPattern = /^[a-z][a-z0-9_]{0,39}$/;

function conditionQuestions(condition: Condition | undefined): string[] {
  if (condition === undefined) return [];
  if ('all' in condition) return condition.all.flatMap(conditionQuestions);
  if ('any' in condition) return condition.any.flatMap(conditionQuestions);
  return [condition.question];
}

const hasBothLanguages = (text: Text | undefined): boolean =>
  text === undefined || (text.zh.trim() !== '' && text.en.trim() !== '');

/**
 * What is wrong with a questionnaire definition, as sentences for its author
 * (empty when it can be used): ids unique and well formed, every text in both
 * languages, choices unique, number ranges sensible, and every condition
 * looking only at questions asked before it.
 */
export function questionnaireProblems(questionnaire: Questionnaire): string[] {
  const problems: string[] = [];
  const asked = new Set<string>();
  const sectionIds = new Set<string>();
  if (!hasBothLanguages(questionnaire.title) || !hasBothLanguages(questionnaire.intro)) {
    problems.push('the title and introduction need both languages');
  }
  for (const section of questionnaire.sections) {
    if (!idPattern.test(section.id) || sectionIds.has(section.id)) problems.push(`section id ${section.id}`);
    sectionIds.add(section.id);
    if (!hasBothLanguages(section.title) || !hasBothLanguages(section.intro)) {
      problems.push(`section ${section.id} needs both languages`);
    }
    for (const id of conditionQuestions(section.showIf)) {
      if (!asked.has(id))
        problems.push(`section ${section.id} depends on ${id}, which is not asked before it`);
    }
    if (section.questions.length === 0) problems.push(`section ${section.id} has no questions`);
    for (const question of section.questions) {
      if (!idPattern.test(question.id) || asked.has(question.id)) problems.push(`question id ${question.id}`);
      if (!hasBothLanguages(question.label) || !hasBothLanguages(question.hint)) {
        problems.push(`question ${question.id} needs both languages`);
      }
      for (const id of conditionQuestions(question.showIf)) {
        if (!asked.has(id))
          problems.push(`question ${question.id} depends on ${id}, which is not asked before it`);
      }
      const choiceLists =
        question.kind === 'single' || question.kind === 'multiple'
          ? [question.choices]
          : question.kind === 'grid'
            ? [question.rows, question.columns]
            : [];
      for (const list of choiceLists) {
        const values = list.map((choice) => choice.value);
        if (list.length < 2 && question.kind !== 'grid')
          problems.push(`question ${question.id} needs two choices`);
        if (new Set(values).size !== values.length) problems.push(`question ${question.id} repeats a choice`);
        if (values.some((value) => !idPattern.test(value)))
          problems.push(`question ${question.id} choice value`);
        if (!list.every((choice) => hasBothLanguages(choice.label))) {
          problems.push(`question ${question.id} choices need both languages`);
        }
      }
      if (question.kind === 'multiple' && question.exclusive !== undefined) {
        if (!question.choices.some((choice) => choice.value === question.exclusive)) {
          problems.push(`question ${question.id} exclusive choice is not one of its choices`);
        }
      }
      if (question.kind === 'number' && !(question.min < question.max)) {
        problems.push(`question ${question.id} range`);
      }
      if (question.kind === 'text' && !(question.maxLength >= 1 && question.maxLength <= 2000)) {
        problems.push(`question ${question.id} length`);
      }
      asked.add(question.id);
    }
  }
  return problems;
}
