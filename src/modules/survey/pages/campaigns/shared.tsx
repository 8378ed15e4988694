import type { FastifyRequest } from 'fastify';
import { authorise } from '../../../../platform/auth/index.ts';
import type { Db } from '../../../../platform/db/index.ts';
import { HttpError } from '../../../../platform/http/index.ts';
import { formatDay, type Locale } from '../../../../platform/i18n/index.ts';
import {
  type DisabilityCategory,
  disabilityCategories,
  disabilityCategoryText,
} from '../../../../platform/ids/index.ts';
import { FormPage, type FormPageProps, Tag, type TagColour } from '../../../../platform/ui/index.ts';
import { type Campaign, campaignById } from '../../campaignRepo.ts';
import type { CampaignStatus } from '../../domain/campaignRules.ts';
import { type CampaignsT, campaignsMessages } from './messages.ts';

/** Every page here: a FormPage below "首页 › 需求调查" (crumbs empty on /surveys itself). */
export function SurveysPage(props: Omit<FormPageProps, 'area'>) {
  const t = campaignsMessages.for(props.ctx.locale);
  return <FormPage {...props} area={{ text: t('areaTitle'), href: '/surveys' }} />;
}

/** The campaign the route's `:id` names, if the user may manage it (404 otherwise, audited). */
export async function managedCampaign(db: Db, request: FastifyRequest): Promise<Campaign> {
  const { id } = request.params as { id: string };
  const campaign = await campaignById(db, id);
  if (campaign === null) throw new HttpError(404, 'not_found', 'not found');
  await authorise(
    db,
    request,
    'survey.manage',
    { type: 'survey_campaign', id },
    {
      districtCodes: campaign.districtCodes,
    },
  );
  return campaign;
}

const han = /[\u3400-\u9fff]/;

/** Text in the reader's language, the Chinese marked as such on an English page when there is no English. */
export function InLocale({ locale, zh, en }: { locale: Locale; zh: string; en: string }) {
  if (locale === 'zh-CN') return zh;
  if (en.trim() !== '') return en;
  return han.test(zh) ? <span lang="zh-CN">{zh}</span> : zh;
}

export const periodText = (t: CampaignsT, locale: Locale, campaign: Campaign): string =>
  t('period', { start: formatDay(campaign.startsOn, locale), end: formatDay(campaign.endsOn, locale) });

const statusColours: Record<CampaignStatus, TagColour> = { draft: 'grey', open: 'green', closed: 'blue' };

export function CampaignStatusTag({ locale, status }: { locale: Locale; status: CampaignStatus }) {
  const t = campaignsMessages.for(locale);
  return <Tag text={t(`status_${status}`)} colour={statusColours[status]} />;
}

/** A district as the reader's language names it. */
export const districtName = (locale: Locale, district: { nameZh: string; nameEn: string }): string =>
  locale === 'zh-CN' ? district.nameZh : district.nameEn;

/** "The whole city" when a campaign covers every district, else how many it covers. */
export const districtsSummary = (t: CampaignsT, codes: readonly string[], cityDistricts: number): string =>
  codes.length >= cityDistricts
    ? t('allDistricts', { count: codes.length })
    : t('someDistricts', { count: codes.length });

/** The survey stores categories as 1-7, in the order the platform's words list them. */
export const categoryOfNumber = (n: number): DisabilityCategory | undefined => disabilityCategories[n - 1];

export function categoriesText(locale: Locale, categories: readonly number[]): string {
  const t = campaignsMessages.for(locale);
  if (categories.length === 0) return t('everyone');
  return categories
    .map(categoryOfNumber)
    .filter((c): c is DisabilityCategory => c !== undefined)
    .map((c) => disabilityCategoryText(locale, c))
    .join(locale === 'zh-CN' ? '、' : ', ');
}

/** Typed text, marked as Chinese on an English page: one component for the whole platform. */
export { FreeText } from '../../../../platform/ui/index.ts';
