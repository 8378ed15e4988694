// What every research page uses: addresses, dates, typed text, statuses, need topics and form problems.
import type { FastifyRequest } from 'fastify';
import { type Action, signedIn, sourceAddress } from '../../../platform/auth/index.ts';
import { isUuid, type Queryable } from '../../../platform/db/index.ts';
import { formatDate, type Locale } from '../../../platform/i18n/index.ts';
import { type FieldErrors, FreeText, Tag, type TagColour } from '../../../platform/ui/index.ts';
import type { NeedTopicSummary } from '../../survey/index.ts';
import { choiceProblems } from '../choices.ts';
import type { Problem } from '../domain/fields.ts';
import type { ProjectStatus } from '../domain/projectFlow.ts';
import type { ResearchActor } from '../researchActor.ts';
import { researchLabels, statusText, trlText } from './labels.ts';
import { researchMessages } from './messages.ts';

export const projectHref = (id: string) => `/research/projects/${id}`;
export const challengeHref = (id: string) => `/research/challenges/${id}`;
export const topicHref = (id: string) => `/needs/topics/${id}`;

/** Who gives a command from a page, as the services record it. */
export const researchActor = (request: FastifyRequest): ResearchActor => ({
  actor: signedIn(request),
  sourceAddress: sourceAddress(request),
});

export const trimmed = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A form field that may repeat (ticked boxes), as a list whether it came once, many times or not at all. */
export const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  );

/** A calendar day (YYYY-MM-DD, a day in Xi'an) as the reader's language writes dates; noon keeps the day anywhere. */
export const dayText = (day: string, locale: Locale): string =>
  formatDate(new Date(`${day}T12:00:00+08:00`), locale);

export const inLocale = (locale: Locale, zh: string, en: string): string =>
  locale === 'zh-CN' || en.trim() === '' ? zh : en;

/** An organisation's name in the reader's language, marked as Chinese when only Chinese is known. */
export function OrganisationName({ locale, zh, en }: { locale: Locale; zh: string; en: string }) {
  return <FreeText locale={locale} text={inLocale(locale, zh, en)} />;
}

const statusColours: Readonly<Record<ProjectStatus, TagColour>> = {
  screening: 'blue',
  expert_review: 'blue',
  reserved: 'green',
  funded: 'green',
  in_progress: 'green',
  completed: 'grey',
  not_accepted: 'red',
  withdrawn: 'grey',
  stopped: 'red',
};

/** A project's status in words; the colour only repeats what the words say. */
export function StatusTag({ locale, status }: { locale: Locale; status: ProjectStatus }) {
  return <Tag text={statusText(researchLabels.for(locale), status)} colour={statusColours[status]} />;
}

/** "TRL 3 → TRL 6": where the technology stands and where the project takes it, with the words on the project page. */
export function trlRange(locale: Locale, now: number, target: number): string {
  return researchMessages.for(locale)('trlRange', { now, target });
}

export const trlFull = (locale: Locale, trl: number) => trlText(researchLabels.for(locale), trl);

/** The topics a challenge or project addresses, each linking to its evidence; unknown ids are left out. */
export function TopicLinks({
  locale,
  ids,
  topics,
}: {
  locale: Locale;
  ids: readonly string[];
  topics: ReadonlyMap<string, NeedTopicSummary>;
}) {
  const t = researchMessages.for(locale);
  const named = ids.flatMap((id) => {
    const topic = topics.get(id);
    return topic === undefined ? [] : [topic];
  });
  if (named.length === 0) return <>{t('noTopics')}</>;
  const link = (topic: NeedTopicSummary) => (
    <a href={topicHref(topic.id)}>{inLocale(locale, topic.title.zh, topic.title.en)}</a>
  );
  const [only, ...more] = named;
  if (only !== undefined && more.length === 0) return link(only);
  return (
    <ul class="fj-list">
      {named.map((topic) => (
        <li key={topic.id}>{link(topic)}</li>
      ))}
    </ul>
  );
}

/**
 * A form problem as a sentence: a missing answer says what to give, in the
 * field's own words, so each link of the error summary names its field.
 */
export function problemMessage(locale: Locale, problem: Problem, form?: string): string {
  if (problem.key === 'required') {
    // The same field name on two forms (a project's title, a milestone's) may need its own words.
    for (const key of [`required_${form}_${problem.field}`, `required_${problem.field}`])
      if (researchMessages.has(key)) return researchMessages.for(locale)(key);
  }
  const key = `err_${problem.key}`;
  const l = researchLabels.for(locale);
  return researchLabels.has(key) ? l(key, problem.params) : l('err_invalid');
}

/** The form's own problems, then what the database found about fields the form had no quarrel with. */
export const mergeProblems = (form: readonly Problem[], database: readonly Problem[]): Problem[] => [
  ...form,
  ...database.filter((p) => !form.some((f) => f.field === p.field)),
];

/**
 * A form the domain refused: its problems, with what the database says of
 * the organisation and need topics chosen, so every mistake shows at once.
 */
export async function refusedWithChoices(
  db: Queryable,
  request: FastifyRequest,
  action: Extract<Action, 'challenge.post' | 'project.propose'>,
  body: { readonly organisation?: unknown; readonly needTopics?: unknown },
  problems: readonly Problem[],
): Promise<Problem[]> {
  const organisation = trimmed(body.organisation).trim();
  const topicIds = asList(body.needTopics).filter(isUuid);
  const chosen = await choiceProblems(db, signedIn(request), action, organisation || null, topicIds);
  return mergeProblems(problems, chosen.problems);
}

/** Problems by field (each field's control has the field's name as id), in the order the form shows them. */
export function errorsOf(
  locale: Locale,
  form: string,
  problems: readonly Problem[],
  order: readonly string[],
): FieldErrors {
  const rank = (field: string) => {
    const at = order.indexOf(field);
    return at === -1 ? order.length : at;
  };
  return Object.fromEntries(
    [...problems]
      .sort((a, b) => rank(a.field) - rank(b.field))
      .map((p) => [p.field, problemMessage(locale, p, form)]),
  );
}
