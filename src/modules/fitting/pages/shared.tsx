// What every fitting page uses: dates, statuses, the actor a command is given by.
import type { FastifyRequest } from 'fastify';
import { signedIn, sourceAddress } from '../../../platform/auth/index.ts';
import { HttpError } from '../../../platform/http/index.ts';
import { formatDate, type Locale } from '../../../platform/i18n/index.ts';
import { Tag, type TagColour } from '../../../platform/ui/index.ts';
import type { CaseActor } from '../caseService.ts';
import type { CaseStatus } from '../domain/caseFlow.ts';
import { fittingLabels, problemText, statusText } from './labels.ts';
import { fittingPageMessages } from './messages.ts';

export const notFound = () => new HttpError(404, 'not_found', 'not found');

export const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** A form field that may repeat (ticked checkboxes), as a list whether it came once, many times or not at all. */
export const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  );

/** Who gives a command from a page, as the service records it. */
export const caseActor = (request: FastifyRequest): CaseActor => ({
  actor: signedIn(request),
  sourceAddress: sourceAddress(request),
});

export const caseHref = (id: string) => `/applications/${id}`;

/**
 * A form problem as a sentence: a missing answer says what to give, in the
 * field's own words; a measurement's problem names the measurement, or the
 * error summary would list the same words for each of them (WCAG 3.3.1).
 */
export function problemMessage(locale: Locale, field: string, key: string): string {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  // A prescription line's field (`product2`) says which line, in the words of its legend.
  const line = /^(product|quantity)(\d+)$/.exec(field);
  const name = line?.[1] ?? field;
  const required = `required_${name}`;
  const problem = key === 'required' && fittingPageMessages.has(required) ? t(required) : problemText(l, key);
  if (line !== null) return t('lineProblem', { n: Number(line[2]) + 1, problem });
  if (key === 'required' && fittingPageMessages.has(required)) return problem;
  if (field.startsWith('m_') && fittingLabels.has(field))
    return t('measurementProblem', { measurement: l(field as 'm_seat_width'), problem });
  return problem;
}

/**
 * A calendar day (YYYY-MM-DD, a day in Xi'an) as the reader's language writes
 * dates. Noon in Beijing keeps the day whatever the server's zone.
 */
export const dayText = (day: string, locale: Locale): string =>
  formatDate(new Date(`${day}T12:00:00+08:00`), locale);

export const inLocale = (locale: Locale, zh: string, en: string): string =>
  locale === 'zh-CN' || en.trim() === '' ? zh : en;

const statusColours: Readonly<Record<CaseStatus, TagColour>> = {
  submitted: 'blue',
  returned: 'yellow',
  eligibility_checked: 'blue',
  assessment_scheduled: 'blue',
  assessed: 'blue',
  prescribed: 'blue',
  approved: 'green',
  rejected: 'red',
  appealed: 'yellow',
  fitting: 'green',
  delivered: 'green',
  trained: 'green',
  followed_up: 'green',
  closed: 'grey',
  withdrawn: 'grey',
};

/** A case's status in words; the colour only repeats what the words say. */
export function StatusTag({ locale, status }: { locale: Locale; status: CaseStatus }) {
  return <Tag text={statusText(fittingLabels.for(locale), status)} colour={statusColours[status]} />;
}

/** "Overdue" in words next to a due date, never shown by colour alone. */
export function DueText({ locale, dueOn, today }: { locale: Locale; dueOn: string | null; today: string }) {
  const t = fittingPageMessages.for(locale);
  if (dueOn === null) return <>{t('noDueDate')}</>;
  return (
    <>
      {dayText(dueOn, locale)}
      {dueOn < today && (
        <>
          {' '}
          <Tag text={t('overdue')} colour="red" className="fj-fitting-overdue" />
        </>
      )}
    </>
  );
}
