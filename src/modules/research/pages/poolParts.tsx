// What the public list and the work queue share: the buttons to start, counts by status with a filter, the filter's query.
import { Type } from 'typebox';
import { PageQuery } from '../../../platform/http/index.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { Button, ButtonGroup, Select, SummaryList } from '../../../platform/ui/index.ts';
import type { ProjectStatus } from '../domain/projectFlow.ts';
import { researchLabels, statusText } from './labels.ts';
import { researchMessages } from './messages.ts';

/** A list's query: the language, one of the statuses it shows (or all), and a page. */
export const statusQuery = (statuses: readonly ProjectStatus[]) =>
  Type.Object(
    {
      ...PageQuery.properties,
      status: Type.Optional(Type.Union([...statuses.map((s) => Type.Literal(s)), Type.Literal('')])),
      page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    },
    { additionalProperties: false },
  );

/** A list's address for a status and a page, leaving out what is the default; `hash` keeps the reader at the list. */
export function statusPageHref(path: string, status: ProjectStatus | null, page: number, hash = ''): string {
  const query = new URLSearchParams();
  if (status !== null) query.set('status', status);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text === '' ? `${path}${hash}` : `${path}?${text}${hash}`;
}

/** Proposing a project and posting a challenge, for those who may. */
export function StartButtons(props: { locale: Locale; canPost: boolean; canPropose: boolean }) {
  const t = researchMessages.for(props.locale);
  if (!props.canPost && !props.canPropose) return null;
  return (
    <ButtonGroup>
      {props.canPropose && <Button href="/research/projects/new">{t('proposeTitle')}</Button>}
      {props.canPost && (
        <Button href="/research/challenges/new" variant="secondary">
          {t('newChallengeTitle')}
        </Button>
      )}
    </ButtonGroup>
  );
}

/** How many projects there are in each status, then a filter by status (a GET form: it works without JavaScript). */
export function StatusCounts(props: {
  locale: Locale;
  /** The statuses counted, in flow order. */
  statuses: readonly ProjectStatus[];
  /** Those given a row of their own (the work queue leaves out empty ones). */
  rows: readonly ProjectStatus[];
  counts: Partial<Record<ProjectStatus, number>>;
  total: number;
  totalLabel: string;
  status: ProjectStatus | null;
  action: string;
  clearHref: string;
}) {
  const { locale, counts, status } = props;
  const t = researchMessages.for(locale);
  const l = researchLabels.for(locale);
  return (
    <>
      <SummaryList
        rows={[
          ...props.rows.map((s) => ({
            key: statusText(l, s),
            value: t('projectCount', { count: counts[s] ?? 0 }),
          })),
          { key: props.totalLabel, value: t('projectCount', { count: props.total }) },
        ]}
      />
      <form method="get" action={props.action} class="fj-filters" novalidate>
        <Select
          id="status"
          name="status"
          label={t('filterStatus')}
          options={[
            { value: '', text: t('statusAllCount', { count: props.total }) },
            ...props.statuses.map((s) => ({
              value: s,
              text: t('statusCount', { status: statusText(l, s), count: counts[s] ?? 0 }),
            })),
          ]}
          value={status ?? ''}
        />
        <div class="fj-filters__actions">
          <Button>{t('applyFilter')}</Button>
          {status !== null && <a href={props.clearHref}>{t('clearFilter')}</a>}
        </div>
      </form>
    </>
  );
}
