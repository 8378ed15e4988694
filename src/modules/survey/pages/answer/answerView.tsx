import { formatDay, type Locale } from '../../../../platform/i18n/index.ts';
import { priorityProduct } from '../../domain/apl.ts';
import type { Answer, Choice, Question } from '../../domain/questionnaire.ts';
import { answerMessages } from './messages.ts';
import { inText } from './words.ts';

const han = /[\u3400-\u9fff\uf900-\ufaff]/;

/** What someone typed, marked as Chinese on an English page. */
const Typed = ({ locale, text }: { locale: Locale; text: string }) =>
  locale === 'en' && han.test(text) ? <span lang="zh-CN">{text}</span> : text;

const labelOf = (locale: Locale, choices: readonly Choice[], value: string): string => {
  const choice = choices.find((c) => c.value === value);
  return choice === undefined ? value : inText(locale, choice.label);
};

const gridCells = (answer: Answer): Record<string, string> =>
  (typeof answer === 'object' && !Array.isArray(answer) ? answer : {}) as Record<string, string>;

/** Each row of a grid and its answer in words. */
const gridRows = (
  locale: Locale,
  question: Extract<Question, { kind: 'grid' }>,
  answer: Answer,
): string[] => {
  const t = answerMessages.for(locale);
  const cells = gridCells(answer);
  return question.rows.map((row) =>
    t('rowAnswer', {
      row: inText(locale, row.label),
      answer:
        cells[row.value] === undefined
          ? t('notAnswered')
          : labelOf(locale, question.columns, cells[row.value] as string),
    }),
  );
};

/** An answer in words: choices by their labels, a grid row by row, typed text as typed. */
export function answerWords(locale: Locale, question: Question, answer: Answer | undefined): string {
  const t = answerMessages.for(locale);
  if (answer === undefined) return t('notAnswered');
  const values = Array.isArray(answer) ? (answer as string[]) : [];
  switch (question.kind) {
    case 'single':
      return labelOf(locale, question.choices, String(answer));
    case 'multiple':
      return values.map((value) => labelOf(locale, question.choices, value)).join(t('listSeparator'));
    case 'product':
      return values
        .map((code) => {
          const product = priorityProduct(code);
          return product === undefined ? code : inText(locale, product.name);
        })
        .join(t('listSeparator'));
    case 'grid':
      return gridRows(locale, question, answer).join(t('listSeparator'));
    case 'number':
      return `${String(answer)}${question.unit === undefined ? '' : ` ${inText(locale, question.unit)}`}`;
    case 'date':
      return formatDay(String(answer), locale);
    case 'text':
      return String(answer);
  }
}

/** An answer as the check page shows it: a grid as a list of rows, typed text marked with its language. */
export function AnswerValue({
  locale,
  question,
  answer,
}: {
  readonly locale: Locale;
  readonly question: Question;
  readonly answer: Answer | undefined;
}) {
  if (answer !== undefined && question.kind === 'grid')
    return (
      <ul class="fj-list fj-survey-grid-answer">
        {gridRows(locale, question, answer).map((line, index) => (
          <li key={question.rows[index]?.value}>{line}</li>
        ))}
      </ul>
    );
  if (answer !== undefined && question.kind === 'text')
    return <Typed locale={locale} text={String(answer)} />;
  return <>{answerWords(locale, question, answer)}</>;
}
