import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../../../../platform/audit/index.ts';
import { auditActor, signedIn, sourceAddress } from '../../../../platform/auth/index.ts';
import { IdParams, PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import { formatDateTime, formatDay, type Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { type AnalyticsDocument, analyticsCsv, analyticsXlsx } from '../../analyticsExport.ts';
import { respondentCounts } from '../../analyticsRepo.ts';
import { surveyApi } from '../../api.ts';
import { listCampaigns } from '../../campaignRepo.ts';
import { textIn } from '../../domain/questionnaire.ts';
import { CampaignAnalyticsPage } from './campaignPage.tsx';
import { drawCharts } from './charts.ts';
import { findingOf } from './findings.ts';
import { NeedsPage } from './listPage.tsx';
import {
  AnalyticsFilters,
  type CampaignAnalytics,
  campaignAnalyticsOr404,
  comparedTitlesOf,
  labelsFor,
} from './load.ts';

/** Everything a download holds, in the reader's language. */
function analyticsDocument(analytics: CampaignAnalytics, locale: Locale): AnalyticsDocument {
  const labels = labelsFor(analytics, locale);
  const { t } = labels;
  const comparedTitle =
    analytics.compared === null ? null : textIn(locale, analytics.compared.campaign.title);
  return {
    labels,
    about: [
      [t('aboutCampaign'), textIn(locale, analytics.campaign.title)],
      [
        t('aboutPeriod'),
        t('period', {
          from: formatDay(analytics.campaign.startsOn, locale),
          to: formatDay(analytics.campaign.endsOn, locale),
        }),
      ],
      [
        t('aboutDistrict'),
        analytics.districtCode === null
          ? t('allDistricts')
          : labels.row('respondentsByDistrict', { kind: 'district', key: analytics.districtCode }),
      ],
      [t('aboutCompare'), comparedTitle ?? t('noCompare')],
      [t('aboutExported'), formatDateTime(new Date(), locale)],
    ],
    tables: analytics.tables,
    findingOf: (table) => findingOf(table, { labels, figures: analytics.figures, comparedTitle }),
  };
}

const downloads = {
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    write: (document: AnalyticsDocument) => analyticsXlsx(document),
  },
  csv: {
    type: 'text/csv; charset=utf-8',
    write: async (document: AnalyticsDocument) => analyticsCsv(document),
  },
} as const;

/**
 * /needs (the campaigns with figures), /needs/campaigns/:id (a campaign's
 * figures: charts, findings and tables) and its downloads; and the survey API.
 */
export function analyticsPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;
  surveyApi(app, { db });

  app.get(
    '/needs',
    { config: { access: 'survey.analytics' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const campaigns = (await listCampaigns(db)).filter((c) => c.status !== 'draft');
      const respondents = await respondentCounts(
        db,
        campaigns.map((c) => c.id),
      );
      const ctx = pageContext(config, assets, request, reply);
      return sendPage(reply, <NeedsPage ctx={ctx} campaigns={campaigns} respondents={respondents} />);
    },
  );

  app.get(
    '/needs/campaigns/:id',
    {
      config: { access: 'survey.analytics', languageKeepsQuery: true },
      schema: {
        hide: true,
        params: IdParams,
        querystring: Type.Object({ ...PageQuery.properties, ...AnalyticsFilters }),
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const analytics = await campaignAnalyticsOr404(db, request);
      const others = (await listCampaigns(db)).filter(
        (c) => c.status !== 'draft' && c.id !== analytics.campaign.id,
      );
      const labels = labelsFor(analytics, request.locale);
      const charts = await drawCharts(analytics.tables, labels, comparedTitlesOf(analytics, request.locale));
      const ctx = pageContext(config, assets, request, reply);
      return sendPage(
        reply,
        <CampaignAnalyticsPage
          ctx={ctx}
          analytics={analytics}
          labels={labels}
          others={others}
          charts={charts}
        />,
      );
    },
  );

  for (const format of ['xlsx', 'csv'] as const) {
    app.get(
      `/needs/campaigns/:id/analytics.${format}`,
      {
        // A download is rate limited on its own, as every bulk export is (SECURITY.md 16).
        config: { access: 'survey.analytics', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          hide: true,
          params: IdParams,
          querystring: Type.Object({ ...PageQuery.properties, ...AnalyticsFilters }),
        },
      },
      async (request, reply) => {
        const actor = signedIn(request);
        const analytics = await campaignAnalyticsOr404(db, request);
        const body = await downloads[format].write(analyticsDocument(analytics, request.locale));
        // What was exported and how, never what it held.
        await recordAudit(db, {
          actor: auditActor(actor),
          action: 'survey.analytics_export',
          object: { type: 'survey_campaign', id: analytics.campaign.id },
          outcome: 'success',
          sourceAddress: sourceAddress(request),
          detail: {
            format,
            district: analytics.districtCode,
            compare: analytics.compared?.campaign.id ?? null,
            tables: analytics.tables.length,
          },
        });
        return reply
          .header(
            'content-disposition',
            `attachment; filename="fuju-need-analytics-${analytics.campaign.id.slice(0, 8)}.${format}"`,
          )
          .type(downloads[format].type)
          .send(body);
      },
    );
  }
}
