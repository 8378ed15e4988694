import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { mayEver, signedIn } from '../../../platform/auth/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../platform/http/index.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  Button,
  Checkboxes,
  FormPage,
  FreeText,
  type PageContext,
  Pagination,
  Select,
  SummaryList,
  shellMessages,
  Table,
} from '../../../platform/ui/index.ts';
import { personLabels } from '../../people/index.ts';
import { beijingDay } from '../../policyCatalogs/index.ts';
import { caseScopeOf, recordCaseRead } from '../caseReads.ts';
import { type CaseSort, caseSorts, countCases, type FittingCase, listCases } from '../caseRepo.ts';
import { type CaseStatus, caseStatuses } from '../domain/caseFlow.ts';
import { fittingLabels, statusText } from './labels.ts';
import { fittingPageMessages } from './messages.ts';
import { districtNames } from './places.ts';
import { caseHref, DueText, StatusTag } from './shared.tsx';

export const queuePageSize = 50;

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const QueueQuery = Type.Object(
  {
    ...PageQuery.properties,
    status: Type.Optional(Type.Union([literals(caseStatuses), Type.Literal('')])),
    overdue: Type.Optional(Type.Literal('1')),
    sort: Type.Optional(literals(caseSorts)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

interface QueueFilter {
  readonly status: CaseStatus | null;
  readonly overdue: boolean;
  readonly sort: CaseSort;
  readonly page: number;
}

/** The address of the queue with these filters (the defaults left out, so addresses stay short). */
export function queueHref(filter: QueueFilter, page = filter.page): string {
  const query = new URLSearchParams();
  if (filter.status !== null) query.set('status', filter.status);
  if (filter.overdue) query.set('overdue', '1');
  if (filter.sort !== 'due') query.set('sort', filter.sort);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text === '' ? '/cases' : `/cases?${text}`;
}

interface Row {
  readonly case: FittingCase;
  readonly maskedName: string;
  readonly maskedResidentId: string;
  readonly district: string;
}

interface Counts {
  readonly byStatus: Partial<Record<CaseStatus, number>>;
  readonly overdue: number;
  readonly total: number;
}

function Filters({ locale, filter, counts }: { locale: Locale; filter: QueueFilter; counts: Counts }) {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  return (
    <form method="get" action="/cases" class="fj-filters" novalidate>
      <h2 class="fj-heading-s">{t('filtersHeading')}</h2>
      <div class="fj-filters__grid">
        <Select
          id="status"
          name="status"
          label={t('filterStatus')}
          options={[
            { value: '', text: t('statusAllCount', { count: counts.total }) },
            ...caseStatuses.map((status) => ({
              value: status,
              text: t('statusCount', { status: statusText(l, status), count: counts.byStatus[status] ?? 0 }),
            })),
          ]}
          value={filter.status ?? ''}
        />
        <Select
          id="sort"
          name="sort"
          label={t('filterSort')}
          options={caseSorts.map((sort) => ({ value: sort, text: t(`sort_${sort}`) }))}
          value={filter.sort}
        />
      </div>
      <Checkboxes
        idPrefix="overdue"
        name="overdue"
        legend={t('filterOverdueLegend')}
        legendSize="s"
        small
        items={[{ value: '1', text: t('filterOverdue') }]}
        values={filter.overdue ? ['1'] : []}
      />
      <div class="fj-filters__actions">
        <Button>{t('applyFilters')}</Button>
        <a href="/cases">{t('clearFilters')}</a>
      </div>
    </form>
  );
}

function QueuePage(props: {
  ctx: PageContext;
  filter: QueueFilter;
  counts: Counts;
  rows: readonly Row[];
  today: string;
  canApply: boolean;
}) {
  const { ctx, filter, counts, today } = props;
  const t = fittingPageMessages.for(ctx.locale);
  const l = fittingLabels.for(ctx.locale);
  const title = shellMessages.for(ctx.locale)('navCases');
  const shown = filter.status === null ? counts.total : (counts.byStatus[filter.status] ?? 0);
  const pages = Math.max(1, Math.ceil(shown / queuePageSize));
  const present = caseStatuses.filter((status) => (counts.byStatus[status] ?? 0) > 0);
  return (
    <FormPage ctx={ctx} title={title} area={{ text: title, href: '/cases' }} crumbs={[]}>
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">{t('queueLead')}</p>
      {props.canApply && (
        <Button href="/cases/new" variant="secondary">
          {t('applyBehalfTitle')}
        </Button>
      )}
      <Filters locale={ctx.locale} filter={filter} counts={counts} />
      <h2 class="fj-heading-m">{t('countsHeading')}</h2>
      <SummaryList
        rows={[
          ...present.map((status) => ({
            key: statusText(l, status),
            value: String(counts.byStatus[status] ?? 0),
          })),
          { key: t('overdueCount'), value: String(counts.overdue) },
          { key: t('totalCount'), value: String(counts.total) },
        ]}
      />
      {props.rows.length === 0 ? (
        <p class="fj-body">{t('queueEmpty')}</p>
      ) : (
        <Table
          id="queue"
          caption={t('queueCaption', { count: shown, page: filter.page, pages })}
          captionSize="m"
          firstCellIsHeader
          columns={[
            { header: t('colReference') },
            { header: t('colName') },
            { header: t('colResidentId') },
            { header: t('colItemCode') },
            { header: t('colDistrict') },
            { header: t('colStatus') },
            { header: t('colDue') },
          ]}
          rows={props.rows.map((row) => [
            { content: <a href={caseHref(row.case.id)}>{row.case.reference}</a> },
            { content: <FreeText locale={ctx.locale} text={row.maskedName} /> },
            row.maskedResidentId,
            row.case.itemCode,
            row.district,
            { content: <StatusTag locale={ctx.locale} status={row.case.status} /> },
            { content: <DueText locale={ctx.locale} dueOn={row.case.dueOn} today={today} /> },
          ])}
        />
      )}
      <Pagination
        label={t('queuePagination')}
        currentPage={filter.page}
        totalPages={pages}
        hrefForPage={(page) => queueHref(filter, page)}
        previousText={t('previousPage')}
        nextText={t('nextPage')}
        pageLabel={(page) => t('pageN', { page })}
      />
    </FormPage>
  );
}

/**
 * GET /cases: the staff work queue within the caller's reach. One list
 * query, one count query and one labels query per page: it is benchmarked
 * against a hundred thousand cases.
 */
export function queuePage(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;
  const districts = districtNames(db);
  app.get(
    '/cases',
    {
      config: { access: 'case.read', languageKeepsQuery: true },
      schema: { hide: true, querystring: QueueQuery },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      if (actor.userKind === 'resident') return reply.redirect('/my/applications', 303);
      const query = request.query as {
        status?: CaseStatus | '';
        overdue?: '1';
        sort?: CaseSort;
        page?: number;
      };
      const filter: QueueFilter = {
        status: query.status === undefined || query.status === '' ? null : query.status,
        overdue: query.overdue === '1',
        sort: query.sort ?? 'due',
        page: query.page ?? 1,
      };
      const today = beijingDay(new Date());
      const scope = await caseScopeOf(db, actor);
      const overdueOn = filter.overdue ? today : null;
      const [found, counts, districtName] = await Promise.all([
        listCases(
          db,
          scope,
          { statuses: filter.status === null ? null : [filter.status], overdueOn },
          { sort: filter.sort, page: filter.page, pageSize: queuePageSize },
        ),
        // Counts for every status (the filter's select shows them), within the overdue filter.
        countCases(db, scope, { statuses: null, overdueOn }, today),
        districts(request.locale),
      ]);
      const labels = await personLabels(
        db,
        found.map((c) => c.personId),
      );
      const rows = found.map((c) => {
        const label = labels.get(c.personId);
        return {
          case: c,
          maskedName: label?.maskedName ?? '',
          maskedResidentId: label?.maskedResidentId ?? '',
          district: districtName(c.districtCode),
        };
      });
      await recordCaseRead(db, request, 'case.list', null, { shown: rows.length, page: filter.page });
      const ctx = pageContext(config, assets, request, reply);
      const canApply = mayEver(actor, 'case.apply');
      return sendPage(
        reply,
        <QueuePage ctx={ctx} filter={filter} counts={counts} rows={rows} today={today} canApply={canApply} />,
      );
    },
  );
}
