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

/** An answer as the check page shows it: choices by their words, a grid row by row, typed text as typed. */
export function AnswerValue({
  locale,
  question,
  answer,
}: {
  readonly locale: Locale;
  readonly question: Question;
  readonly answer: Answer | undefined;
}) {
  const t = answerMessages.for(locale);
  if (answer === undefined) return <>{t('notAnswered')}</>;
  switch (question.kind) {
    case 'single':
      return <>{labelOf(locale, question.choices, String(answer))}</>;
    case 'multiple':
      return (
        <>
          {(Array.isArray(answer) ? answer : [])
            .map((value: string) => labelOf(locale, question.choices, value))
            .join(t('listSeparator'))}
        </>
      );
    case 'product':
      return (
        <>
          {(Array.isArray(answer) ? answer : [])
            .map((code: string) => {
              const product = priorityProduct(code);
              return product === undefined ? code : inText(locale, product.name);
            })
            .join(t('listSeparator'))}
        </>
      );
    case 'grid': {
      const cells = (typeof answer === 'object' && !Array.isArray(answer) ? answer : {}) as Record<
        string,
        string
      >;
      return (
        <ul class="fj-list fj-survey-grid-answer">
          {question.rows.map((row) => (
            <li key={row.value}>
              {t('rowAnswer', {
                row: inText(locale, row.label),
                answer:
                  cells[row.value] === undefined
                    ? t('notAnswered')
                    : labelOf(locale, question.columns, cells[row.value] as string),
              })}
            </li>
          ))}
        </ul>
      );
    }
    case 'number':
      return (
        <>
          {String(answer)}
          {question.unit === undefined ? '' : ` ${inText(locale, question.unit)}`}
        </>
      );
    case 'date':
      return <>{formatDay(String(answer), locale)}</>;
    case 'text':
      return <Typed locale={locale} text={String(answer)} />;
  }
}
