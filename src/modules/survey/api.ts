import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../platform/db/index.ts';
import { ApiError, IdParams } from '../../platform/http/index.ts';
import { respondentCounts } from './analyticsRepo.ts';
import { type Campaign, listCampaigns, listQuestionnaires } from './campaignRepo.ts';
import { type Figure, type FigureTable, headlineIds, tableIds } from './domain/analytics.ts';
import { isSmall, minimumCount } from './domain/suppression.ts';
import type { AnalyticsLabels } from './pages/analytics/labels.ts';
import {
  AnalyticsFilters,
  type CampaignAnalytics,
  campaignAnalyticsOr404,
  labelsFor,
} from './pages/analytics/load.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 429: ApiError };
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Count = Type.Object({
  count: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: `Null when withheld: a count from 1 to ${minimumCount - 1}`,
  }),
  suppressed: Type.Boolean(),
});

const CampaignItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Text,
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date' }),
  districts: Type.Array(Type.String({ description: 'GB/T 2260 district code' })),
  status: literals(['open', 'closed'] as const),
  submitted: Count,
});

const Cell = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()], {
    description:
      'A count, a percentage or a change in percentage points (one decimal); null when withheld or empty',
  }),
  suppressed: Type.Boolean({
    description: 'Withheld: a count under 5, a count that would reveal one, or a share of either',
  }),
});

const AnalyticsTable = Type.Object({
  id: literals(tableIds),
  title: Text,
  columns: Type.Array(
    Type.Object({
      id: Type.String(),
      unit: literals(['count', 'percent', 'points'] as const),
      label: Text,
    }),
  ),
  rows: Type.Array(
    Type.Object({ key: Type.String(), kind: Type.String(), label: Text, cells: Type.Array(Cell) }),
  ),
});

const Analytics = Type.Object({
  campaign: CampaignItem,
  district: Type.Union([Type.String(), Type.Null()]),
  compare: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  minimumCount: Type.Integer({ description: 'The smallest count published' }),
  tooFewToShow: Type.Boolean({ description: 'Under 5 respondents: no table is published' }),
  respondents: Count,
  headline: Type.Array(
    Type.Object({
      id: literals(headlineIds),
      percent: Type.Union([Type.Number(), Type.Null()]),
      suppressed: Type.Boolean(),
    }),
  ),
  tables: Type.Array(AnalyticsTable),
});

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

const countOf = (n: number) =>
  isSmall(n) ? { count: null, suppressed: true } : { count: n, suppressed: false };

const campaignItem = (campaign: Campaign, submitted: number) => ({
  id: campaign.id,
  title: { zh: campaign.title.zh, en: campaign.title.en },
  startsOn: campaign.startsOn,
  endsOn: campaign.endsOn,
  districts: [...campaign.districtCodes],
  status: campaign.status === 'closed' ? ('closed' as const) : ('open' as const),
  submitted: countOf(submitted),
});

function cell(figure: Figure) {
  if (figure.unit === 'none') return { value: null, suppressed: false };
  if (figure.unit === 'count') return { value: figure.value, suppressed: figure.suppression !== 'shown' };
  return { value: figure.value === null ? null : oneDecimal(figure.value), suppressed: figure.withheld };
}

function tableJson(table: FigureTable, zh: AnalyticsLabels, en: AnalyticsLabels) {
  const both = (say: (labels: AnalyticsLabels) => string) => ({ zh: say(zh), en: say(en) });
  return {
    id: table.id,
    title: both((l) => l.title(table.id)),
    columns: table.columns.map((column, index) => {
      const unit = table.rows
        .map((row) => row.figures[index]?.unit)
        .find((u) => u !== undefined && u !== 'none');
      return {
        id: column,
        unit: unit === 'percent' || unit === 'points' ? unit : ('count' as const),
        label: both((l) => l.column(table.id, column)),
      };
    }),
    rows: table.rows.map((row) => ({
      key: row.key,
      kind: row.kind,
      label: both((l) => l.row(table.id, row)),
      cells: row.figures.map(cell),
    })),
  };
}

function analyticsJson(analytics: CampaignAnalytics, submitted: number) {
  const { figures } = analytics;
  const zh = labelsFor(analytics, 'zh-CN');
  const en = labelsFor(analytics, 'en');
  return {
    campaign: campaignItem(analytics.campaign, submitted),
    district: analytics.districtCode,
    compare: analytics.compared?.campaign.id ?? null,
    minimumCount,
    tooFewToShow: figures.tooFew,
    respondents:
      figures.respondents === null
        ? { count: null, suppressed: true }
        : { count: figures.respondents, suppressed: false },
    headline: figures.headline.map((h) => ({
      id: h.id,
      percent: h.percent === null ? null : oneDecimal(h.percent),
      suppressed: h.withheld,
    })),
    tables: analytics.tables.map((table) => tableJson(table, zh, en)),
  };
}

/**
 * The survey in the public API: questionnaires and campaigns for anyone (no
 * answer is ever in them), and a campaign's need analytics for the roles
 * that read figures — the same tables as the page, withheld the same way.
 */
export function surveyApi(app: FastifyInstance, deps: { db: Db }): void {
  const { db } = deps;

  app.get(
    '/api/v1/questionnaires',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Questionnaires, every version, with their questions as data',
        description: '调查问卷（所有版本），问题以数据形式给出',
        tags: ['survey'],
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String({ format: 'uuid' }),
                code: Type.String(),
                version: Type.Integer(),
                title: Text,
                definition: Type.Object(
                  {},
                  { additionalProperties: true, description: 'Sections, questions, choices and skip logic' },
                ),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async () => ({
      items: (await listQuestionnaires(db)).map((q) => ({
        id: q.id,
        code: q.code,
        version: q.version,
        title: { zh: q.title.zh, en: q.title.en },
        definition: q.definition,
      })),
    }),
  );

  app.get(
    '/api/v1/campaigns',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Survey campaigns that are open or closed, with how many responses were submitted',
        description: '开放中和已结束的调查活动及已提交的答卷数',
        tags: ['survey'],
        response: { 200: Type.Object({ items: Type.Array(CampaignItem) }), ...errors },
      },
    },
    async () => {
      const campaigns = (await listCampaigns(db)).filter((c) => c.status !== 'draft');
      const counts = await respondentCounts(
        db,
        campaigns.map((c) => c.id),
      );
      return { items: campaigns.map((c) => campaignItem(c, counts.get(c.id) ?? 0)) };
    },
  );

  app.get(
    '/api/v1/campaigns/:id/analytics',
    {
      config: { access: 'survey.analytics' },
      schema: {
        summary: 'A campaign’s need analytics: the tables of its analytics page, counts under 5 withheld',
        description: '调查活动的需求分析：与分析页面相同的表格，少于5的数字不公布',
        tags: ['survey'],
        params: IdParams,
        querystring: Type.Object(AnalyticsFilters, { additionalProperties: false }),
        response: { 200: Analytics, ...errors },
      },
    },
    async (request) => {
      const analytics = await campaignAnalyticsOr404(db, request);
      const counts = await respondentCounts(db, [analytics.campaign.id]);
      return analyticsJson(analytics, counts.get(analytics.campaign.id) ?? 0);
    },
  );
}
