import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Queryable } from '../../../../platform/db/index.ts';
import { HttpError } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import { type District, listDistricts } from '../../../identity/index.ts';
import { analyticsInput, tallySums } from '../../analyticsRepo.ts';
import { type Campaign, campaignById } from '../../campaignRepo.ts';
import { comparisonTable, type FigureTable, type NeedFigures, needFigures } from '../../domain/analytics.ts';
import { textIn } from '../../domain/questionnaire.ts';
import { type AnalyticsLabels, analyticsLabels } from './labels.ts';

/** A campaign's figures as one page, download or API answer shows them. */
export interface CampaignAnalytics {
  readonly campaign: Campaign;
  /** The district the figures are filtered to; null: every district of the campaign. */
  readonly districtCode: string | null;
  readonly figures: NeedFigures;
  readonly compared: { readonly campaign: Campaign; readonly figures: NeedFigures } | null;
  /** Every table shown, the comparison last when there is one. */
  readonly tables: readonly FigureTable[];
  readonly districts: ReadonlyMap<string, District>;
}

export interface AnalyticsQuery {
  readonly district?: string | undefined;
  readonly compare?: string | undefined;
}

/** Drafts have no answers and are nobody's figures yet. */
const hasFigures = (campaign: Campaign | null): campaign is Campaign =>
  campaign !== null && campaign.status !== 'draft';

/**
 * The figures of a campaign, or null when there is nothing to show at that
 * address: no such campaign (or a draft), a district the campaign does not
 * cover, or a comparison with a campaign that has no figures.
 */
export async function loadCampaignAnalytics(
  db: Queryable,
  id: string,
  query: AnalyticsQuery,
): Promise<CampaignAnalytics | null> {
  const [campaign, other, districts] = await Promise.all([
    campaignById(db, id),
    query.compare === undefined || query.compare === id ? null : campaignById(db, query.compare),
    listDistricts(db),
  ]);
  if (!hasFigures(campaign)) return null;
  if (query.compare !== undefined && query.compare !== id && !hasFigures(other)) return null;
  const districtCode = query.district ?? null;
  if (districtCode !== null && !campaign.districtCodes.includes(districtCode)) return null;
  const [input, otherSums] = await Promise.all([
    analyticsInput(db, campaign, districtCode),
    hasFigures(other) ? tallySums(db, other.id, districtCode) : null,
  ]);
  const figures = needFigures(input);
  // Only the compared campaign's headline is shown: its own follow-ups and districts do not matter.
  const compared =
    hasFigures(other) && otherSums !== null
      ? { campaign: other, figures: needFigures({ ...input, sums: otherSums, followUps: [] }) }
      : null;
  const tables =
    compared === null || figures.tooFew
      ? figures.tables
      : [...figures.tables, comparisonTable(figures, compared.figures)];
  return {
    campaign,
    districtCode,
    figures,
    compared,
    tables,
    districts: new Map(districts.map((d) => [d.code, d])),
  };
}

export const labelsFor = (analytics: CampaignAnalytics, locale: Locale): AnalyticsLabels =>
  analyticsLabels(locale, analytics.campaign.questionnaire, analytics.districts);

/** The two campaigns' titles when one is compared with another: the comparison chart's series. */
export const comparedTitlesOf = (analytics: CampaignAnalytics, locale: Locale) =>
  analytics.compared === null
    ? undefined
    : {
        current: textIn(locale, analytics.campaign.title),
        compared: textIn(locale, analytics.compared.campaign.title),
      };

/** `district` and `compare` as the filter form sends them: empty means none. */
export const AnalyticsFilters = {
  district: Type.Optional(
    Type.String({ pattern: '^([0-9]{6})?$', description: 'A district of the campaign' }),
  ),
  compare: Type.Optional(
    Type.String({
      pattern: '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$',
      description: 'Another campaign to compare the headline indicators with',
    }),
  ),
};

export const filtersOf = (query: { district?: string; compare?: string }) => ({
  district: query.district === '' ? undefined : query.district,
  compare: query.compare === '' ? undefined : query.compare?.toLowerCase(),
});

/** The figures of the campaign at this address, or 404 (see loadCampaignAnalytics). */
export async function campaignAnalyticsOr404(
  db: Queryable,
  request: FastifyRequest,
): Promise<CampaignAnalytics> {
  const { id } = request.params as { id: string };
  const found = await loadCampaignAnalytics(
    db,
    id,
    filtersOf(request.query as { district?: string; compare?: string }),
  );
  if (found === null) throw new HttpError(404, 'not_found', 'not found');
  return found;
}
