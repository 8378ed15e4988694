// Survey things in words: texts of the questionnaire, demographics, problems and conditions.

import type { Locale } from '../../../../platform/i18n/index.ts';
import { disabilityCategories, disabilityCategoryText } from '../../../../platform/ids/index.ts';
import { type AnswerProblem, fieldId } from '../../domain/answerForm.ts';
import type { ProductDomain } from '../../domain/apl.ts';
import type { AgeGroup } from '../../domain/demographics.ts';
import { type ConditionParts, choiceCode, type PaperProblem } from '../../domain/paperCodes.ts';
import type { Question, Text } from '../../domain/questionnaire.ts';
import { type AnswerT, answerMessages } from './messages.ts';

/** A questionnaire's text in the reader's language. */
export const inText = (locale: Locale, text: Text): string => (locale === 'en' ? text.en : text.zh);

const ageKeys: Readonly<
  Record<AgeGroup, 'age_0_17' | 'age_18_44' | 'age_45_59' | 'age_60_74' | 'age_75_plus'>
> = {
  '0-17': 'age_0_17',
  '18-44': 'age_18_44',
  '45-59': 'age_45_59',
  '60-74': 'age_60_74',
  '75+': 'age_75_plus',
};

export const ageGroupText = (t: AnswerT, group: AgeGroup): string => t(ageKeys[group]);

/** A disability category by its code (1-7), 0: none or not known. */
export function categoryText(locale: Locale, code: number): string {
  const category = disabilityCategories[code - 1];
  return category === undefined
    ? answerMessages.for(locale)('categoryNone')
    : disabilityCategoryText(locale, category);
}

export const domainText = (t: AnswerT, domain: ProductDomain): string => t(`domain_${domain}`);

/** Choices as a list in quotes: “A” or “B”. */
const quotedChoices = (t: AnswerT, locale: Locale, texts: readonly Text[]): string =>
  texts.map((text) => t('quoted', { text: inText(locale, text) })).join(t('or'));

/** A condition as a clause for a respondent: the questions by their words. */
function screenClause(t: AnswerT, locale: Locale, parts: ConditionParts): string {
  if (parts.kind === 'all' || parts.kind === 'any') {
    const key = parts.kind === 'all' ? 'when_and' : 'when_or';
    return parts.parts.map((p) => screenClause(t, locale, p)).reduce((a, b) => t(key, { a, b }));
  }
  const label = inText(locale, parts.question.label);
  if (parts.kind === 'answered') {
    const ticked = ['multiple', 'product', 'grid', 'single'].includes(parts.question.kind);
    return t(ticked ? 'when_answeredChoice' : 'when_answered', { label });
  }
  const choices = quotedChoices(
    t,
    locale,
    parts.choices.map((c) => c.choice.label),
  );
  return parts.row === undefined
    ? t('when_anyOf', { label, choices })
    : t('when_anyOfRow', { label, row: inText(locale, parts.row.choice.label), choices });
}

/** When to answer a question that depends on an answer on the same page ("如果…，请回答本题。"). */
export const conditionHint = (locale: Locale, parts: ConditionParts): string => {
  const t = answerMessages.for(locale);
  return t('when_wrap', { clause: screenClause(t, locale, parts) });
};

/** A condition as a clause on paper: questions and choices by their numbers. */
function paperClause(t: AnswerT, parts: ConditionParts): string {
  if (parts.kind === 'all' || parts.kind === 'any') {
    const key = parts.kind === 'all' ? 'when_and' : 'when_or';
    return parts.parts.map((p) => paperClause(t, p)).reduce((a, b) => t(key, { a, b }));
  }
  if (parts.kind === 'answered') return t('pwhen_answered', { n: parts.number });
  const codes = parts.choices.map((c) => c.code).join(t('or'));
  return parts.row === undefined
    ? t('pwhen_anyOf', { n: parts.number, codes })
    : t('pwhen_anyOfRow', { n: parts.number, r: parts.row.number, codes });
}

/** The skip instruction printed on paper ("若第 2 题未选择任何辅具，请跳过本题。"). */
export function skipInstruction(locale: Locale, parts: ConditionParts, of: 'question' | 'section'): string {
  const t = answerMessages.for(locale);
  const target = t(of === 'question' ? 'skipTarget_question' : 'skipTarget_section');
  if (parts.kind === 'answered') {
    const kind = parts.question.kind;
    const key =
      kind === 'product' ? 'skip_noneProduct' : kind === 'multiple' ? 'skip_noneChoice' : 'skip_unanswered';
    return t(key, { n: parts.number, target });
  }
  return t('skip_only', { clause: paperClause(t, parts), target });
}

/** The codes a question takes on paper, as a range ("1–7"). */
export function codesOf(t: AnswerT, question: Question): string {
  const count =
    question.kind === 'single' || question.kind === 'multiple'
      ? question.choices.length
      : question.kind === 'grid'
        ? question.columns.length
        : question.kind === 'product'
          ? 24
          : 0;
  return t('codeRange', { first: choiceCode(0), last: String(count) });
}

/** The choice a multiple-choice question keeps alone ("都不需要"), in words. */
function exclusiveText(locale: Locale, question: Question): string {
  if (question.kind !== 'multiple' || question.exclusive === undefined) return '';
  const choice = question.choices.find((c) => c.value === question.exclusive);
  return choice === undefined ? '' : inText(locale, choice.label);
}

/**
 * A problem of an answer on screen, naming the question (a grid row by the
 * row's words, so each summary link says which answer it is about).
 */
export function answerProblemText(locale: Locale, question: Question, problem: AnswerProblem): string {
  const t = answerMessages.for(locale);
  const row = question.kind === 'grid' ? question.rows.find((r) => r.value === problem.row) : undefined;
  const label = inText(locale, row?.label ?? question.label);
  switch (problem.code) {
    case 'required':
      return question.kind === 'single' || question.kind === 'grid'
        ? t('err_required_choice', { label })
        : question.kind === 'multiple' || question.kind === 'product'
          ? t('err_required_multiple', { label })
          : t('err_required_write', { label });
    case 'range':
      return question.kind === 'number'
        ? t('err_range', { label, min: question.min, max: question.max })
        : t('err_number', { label });
    case 'tooLong':
      return t('err_tooLong', { label, max: question.kind === 'text' ? question.maxLength : 0 });
    case 'exclusive':
      return t('err_exclusive', { label, none: exclusiveText(locale, question) });
    case 'invalid':
    case 'number':
    case 'date':
    case 'personalData':
      return t(`err_${problem.code}`, { label });
  }
}

/** The field an answer's problem leads to. */
export const problemField = (problem: { question: string; row?: string }): string =>
  fieldId(problem.question, problem.row);

/** A problem of a keyed-in paper form, naming the question (and row) by number as printed. */
export function paperProblemText(
  locale: Locale,
  question: Question,
  number: number,
  problem: PaperProblem,
): string {
  const t = answerMessages.for(locale);
  const rowIndex = question.kind === 'grid' ? question.rows.findIndex((r) => r.value === problem.row) : -1;
  const label =
    rowIndex >= 0 ? t('paperRow', { n: number, r: rowIndex + 1 }) : t('paperLabel', { n: number });
  switch (problem.code) {
    case 'code':
      return t('perr_code', { label, codes: codesOf(t, question) });
    case 'range':
      return question.kind === 'number'
        ? t('perr_range', { label, min: question.min, max: question.max })
        : t('perr_number', { label });
    case 'tooLong':
      return t('perr_tooLong', { label, max: question.kind === 'text' ? question.maxLength : 0 });
    case 'exclusive': {
      const index =
        question.kind === 'multiple' ? question.choices.findIndex((c) => c.value === question.exclusive) : -1;
      return t('perr_exclusive', { label, code: choiceCode(index), none: exclusiveText(locale, question) });
    }
    case 'required':
    case 'single':
    case 'skipped':
    case 'invalid':
    case 'number':
    case 'date':
    case 'personalData':
      return t(`perr_${problem.code}`, { label });
  }
}
