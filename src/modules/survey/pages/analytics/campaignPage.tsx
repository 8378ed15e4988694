import { formatDay } from '../../../../platform/i18n/index.ts';
import {
  Button,
  FormPage,
  type PageContext,
  Select,
  shellMessages,
  Tag,
} from '../../../../platform/ui/index.ts';
import type { Campaign } from '../../campaignRepo.ts';
import type { FigureTable, TableId } from '../../domain/analytics.ts';
import { textIn } from '../../domain/questionnaire.ts';
import { AnalyticsFigure } from './figure.tsx';
import { findingOf } from './findings.ts';
import type { AnalyticsLabels } from './labels.ts';
import { type CampaignAnalytics, comparedTitlesOf } from './load.ts';
import type { AnalyticsKey } from './messages.ts';

/** The page's sections, in reading order, and the tables each holds. */
const sections: readonly { readonly id: string; readonly tables: readonly TableId[] }[] = [
  { id: 'respondents', tables: ['respondentsByDistrict'] },
  { id: 'wgss', tables: ['wgssByDomain'] },
  { id: 'use', tables: ['productUse'] },
  {
    id: 'need',
    tables: ['needByProduct', 'needByIsoClass', 'unmetByDistrict', 'unmetByCategory', 'unmetByAgeGroup'],
  },
  { id: 'barriers', tables: ['barriers'] },
  { id: 'satisfaction', tables: ['satisfaction'] },
  { id: 'tech', tables: ['techNeeds'] },
  { id: 'comparison', tables: ['comparison'] },
  { id: 'followUps', tables: ['followUps'] },
];

/** The address of a campaign's figures (or of its downloads) with the same filters. */
export function analyticsHref(
  analytics: Pick<CampaignAnalytics, 'campaign' | 'districtCode' | 'compared'>,
  suffix = '',
): string {
  const query = new URLSearchParams();
  if (analytics.districtCode !== null) query.set('district', analytics.districtCode);
  if (analytics.compared !== null) query.set('compare', analytics.compared.campaign.id);
  const search = query.toString();
  return `/needs/campaigns/${analytics.campaign.id}${suffix}${search === '' ? '' : `?${search}`}`;
}

function FiltersForm(props: {
  analytics: CampaignAnalytics;
  labels: AnalyticsLabels;
  others: readonly Campaign[];
}) {
  const { analytics, labels } = props;
  const { t, locale } = labels;
  return (
    <form method="get" action={`/needs/campaigns/${analytics.campaign.id}`} class="fj-filters" novalidate>
      <fieldset class="fj-fieldset">
        <legend class="fj-fieldset__legend fj-fieldset__legend--s">{t('filtersLegend')}</legend>
        <div class="fj-filters__grid">
          <Select
            id="district"
            name="district"
            label={t('fieldDistrict')}
            value={analytics.districtCode ?? ''}
            options={[
              { value: '', text: t('allDistricts') },
              ...analytics.campaign.districtCodes.map((code) => ({
                value: code,
                text: labels.row('respondentsByDistrict', { kind: 'district', key: code }),
              })),
            ]}
          />
          <Select
            id="compare"
            name="compare"
            label={t('fieldCompare')}
            value={analytics.compared?.campaign.id ?? ''}
            options={[
              { value: '', text: t('noCompare') },
              ...props.others.map((c) => ({ value: c.id, text: textIn(locale, c.title) })),
            ]}
          />
        </div>
      </fieldset>
      <div class="fj-filters__actions">
        <Button variant="secondary">{t('show')}</Button>
      </div>
    </form>
  );
}

function Section(props: {
  id: string;
  labels: AnalyticsLabels;
  tables: readonly FigureTable[];
  analytics: CampaignAnalytics;
  charts: ReadonlyMap<TableId, string>;
}) {
  const { labels, analytics } = props;
  const { t } = labels;
  const context = {
    labels,
    figures: analytics.figures,
    comparedTitle: comparedTitlesOf(analytics, labels.locale)?.compared ?? null,
  };
  return (
    <section aria-labelledby={`section-${props.id}`} class="fj-section-rule">
      <h2 class="fj-heading-m" id={`section-${props.id}`}>
        {t(`section_${props.id}` as AnalyticsKey)}
      </h2>
      {props.id === 'followUps' && (
        <>
          <p class="fj-body">{t('followUpsLead')}</p>
          <p class="fj-body">
            <Tag text={t('sourceSurvey')} colour="blue" /> <Tag text={t('sourceFitting')} colour="yellow" />
          </p>
        </>
      )}
      {props.id === 'comparison' && props.tables.length === 0 && <p class="fj-body">{t('comparisonHint')}</p>}
      {props.tables.map((table) => (
        <AnalyticsFigure
          key={table.id}
          table={table}
          labels={labels}
          finding={findingOf(table, context)}
          svg={props.charts.get(table.id)}
        />
      ))}
    </section>
  );
}

export function CampaignAnalyticsPage(props: {
  ctx: PageContext;
  analytics: CampaignAnalytics;
  labels: AnalyticsLabels;
  others: readonly Campaign[];
  charts: ReadonlyMap<TableId, string>;
}) {
  const { ctx, analytics, labels } = props;
  const { t } = labels;
  const shell = shellMessages.for(ctx.locale);
  const title = textIn(ctx.locale, analytics.campaign.title);
  const { figures } = analytics;
  const districtName =
    analytics.districtCode === null
      ? null
      : labels.row('respondentsByDistrict', { kind: 'district', key: analytics.districtCode });
  const shownSections = sections
    .map((section) => ({
      ...section,
      found: analytics.tables.filter((table) => section.tables.includes(table.id)),
    }))
    .filter((section) => section.found.length > 0 || (section.id === 'comparison' && !figures.tooFew));
  return (
    <FormPage
      ctx={ctx}
      title={title}
      area={{ text: shell('navNeeds'), href: '/needs' }}
      crumbs={[{ text: title }]}
    >
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-lead">
        {t('period', {
          from: formatDay(analytics.campaign.startsOn, ctx.locale),
          to: formatDay(analytics.campaign.endsOn, ctx.locale),
        })}{' '}
        <Tag
          text={t(`status_${analytics.campaign.status}`)}
          colour={analytics.campaign.status === 'open' ? 'green' : 'blue'}
        />
      </p>
      <p class="fj-body">
        {figures.respondents === 0
          ? t('noResponses')
          : figures.tooFew || figures.respondents === null
            ? t('tooFew')
            : districtName === null
              ? t('respondentsLead', { count: labels.count(figures.respondents) })
              : t('respondentsLeadDistrict', {
                  count: labels.count(figures.respondents),
                  district: districtName,
                })}
      </p>
      <FiltersForm analytics={analytics} labels={labels} others={props.others} />
      {!figures.tooFew && (
        <>
          <h2 class="fj-heading-s">{t('downloadsHeading')}</h2>
          <ul class="fj-list">
            <li>
              <a href={analyticsHref(analytics, '/analytics.xlsx')}>{t('downloadXlsx')}</a>
            </li>
            <li>
              <a href={analyticsHref(analytics, '/analytics.csv')}>{t('downloadCsv')}</a>
            </li>
          </ul>
          <h2 class="fj-heading-s">{t('aboutHeading')}</h2>
          <p class="fj-body">{t('aboutFigures')}</p>
          <nav aria-labelledby="contents-title">
            <h2 class="fj-heading-s" id="contents-title">
              {t('contentsLabel')}
            </h2>
            <ul class="fj-list">
              {shownSections.map((section) => (
                <li key={section.id}>
                  <a href={`#section-${section.id}`}>{t(`section_${section.id}` as AnalyticsKey)}</a>
                </li>
              ))}
            </ul>
          </nav>
          {shownSections.map((section) => (
            <Section
              key={section.id}
              id={section.id}
              labels={labels}
              tables={section.found}
              analytics={analytics}
              charts={props.charts}
            />
          ))}
        </>
      )}
    </FormPage>
  );
}
