import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { DisabilityCategory } from '../../../../platform/ids/index.ts';
import { disabilityCategoryText } from '../../../../platform/ids/index.ts';
import {
  Button,
  type FieldErrors,
  FormPage,
  NotificationBanner,
  type PageContext,
  Select,
  SummaryList,
  shellMessages,
  Table,
  type TableCell,
} from '../../../../platform/ui/index.ts';
import type { CatalogVersion, StoredSubsidyItem } from '../../catalogsRepo.ts';
import type { RehabItem } from '../../domain/items.ts';
import { ageText, categoriesText, kindPath, money, policyLabels, yearsText } from '../labels.ts';
import { CatalogStatusTag, dayText, FreeText, inLocale, itemHref } from '../shared.tsx';
import { publicPolicyMessages } from './messages.ts';
import { catalogTitle, kindCrumbs, versionHref } from './shared.tsx';

/** What sits around a version's items: its state, banners and the links to print, download and compare. */
export interface VersionContext {
  readonly catalog: CatalogVersion;
  /** The version in force, when this one is not it. */
  readonly inForce: CatalogVersion | undefined;
  /** The public version of the year before, for "compare with". */
  readonly previous: CatalogVersion | undefined;
}

/** Status, policy year, item count and source of a version. */
export function VersionSummary({ locale, catalog }: { locale: Locale; catalog: CatalogVersion }) {
  const t = publicPolicyMessages.for(locale);
  return (
    <SummaryList
      rows={[
        { key: t('rowStatus'), value: <CatalogStatusTag locale={locale} status={catalog.status} /> },
        {
          key: t('rowPeriod'),
          value: t('period', {
            from: dayText(catalog.startsOn, locale),
            to: dayText(catalog.endsOn, locale),
          }),
        },
        { key: t('rowItems'), value: t('itemCount', { count: catalog.itemCount }) },
        ...(catalog.source.trim() === ''
          ? []
          : [{ key: t('rowSource'), value: <FreeText locale={locale} text={catalog.source} /> }]),
      ]}
    />
  );
}

/** Says when a version is not the one that applies now, and where that one is. */
export function StatusBanners({ locale, version }: { locale: Locale; version: VersionContext }) {
  const t = publicPolicyMessages.for(locale);
  const { catalog, inForce } = version;
  const inForceLink = inForce && (
    <p class="fj-body">
      <a href={versionHref(inForce.kind, inForce.year)}>
        {t('inForceLink', { title: catalogTitle(locale, inForce) })}
      </a>
    </p>
  );
  const demo = catalog.isDemo && <p class="fj-body">{t('demoHeading')}</p>;
  // One banner at most: two regions both named "Important" could not be told apart by a screen reader.
  if (catalog.status === 'superseded')
    return (
      <NotificationBanner title={t('bannerTitle')} titleId="status-title" heading={t('supersededHeading')}>
        {inForceLink}
        {demo}
      </NotificationBanner>
    );
  if (catalog.status === 'notice')
    return (
      <NotificationBanner title={t('bannerTitle')} titleId="status-title" heading={t('noticeHeading')}>
        <p class="fj-body">{t('noticeText', { from: dayText(catalog.startsOn, locale) })}</p>
        {inForceLink}
        {demo}
      </NotificationBanner>
    );
  return catalog.isDemo ? (
    <NotificationBanner title={t('bannerTitle')} titleId="demo-title" heading={t('demoHeading')} />
  ) : null;
}

/** The page of one version: heading, banners, summary and links, then its items. */
function VersionPage(props: {
  ctx: PageContext;
  version: VersionContext;
  errors?: FieldErrors;
  children: ComponentChildren;
}) {
  const { ctx, version } = props;
  const { catalog, previous } = version;
  const t = publicPolicyMessages.for(ctx.locale);
  const title = catalogTitle(ctx.locale, catalog);
  const base = versionHref(catalog.kind, catalog.year);
  return (
    <FormPage
      ctx={ctx}
      title={title}
      crumbs={[...kindCrumbs(ctx, catalog.kind), { text: t('yearN', { year: catalog.year }) }]}
      errors={props.errors}
    >
      <h1 class="fj-heading-l">{title}</h1>
      <StatusBanners locale={ctx.locale} version={version} />
      <VersionSummary locale={ctx.locale} catalog={catalog} />
      <h2 class="fj-heading-m">{t('moreTitle')}</h2>
      <ul class="fj-list">
        <li>
          <a href={`${base}/print`}>{t('printLink')}</a>
        </li>
        <li>
          <a href={`${base}/export.xlsx`} download>
            {t('xlsxLink')}
          </a>
        </li>
        {previous && (
          <li>
            <a href={`${kindPath[catalog.kind]}/diff?from=${previous.year}&to=${catalog.year}`}>
              {t('compareWithLink', { year: previous.year })}
            </a>
          </li>
        )}
      </ul>
      {props.children}
    </FormPage>
  );
}

function CategoryFilter(props: {
  ctx: PageContext;
  action: string;
  categories: readonly DisabilityCategory[];
  value: string;
  error: string | undefined;
}) {
  const t = publicPolicyMessages.for(props.ctx.locale);
  return (
    <form method="get" action={props.action} novalidate>
      <Select
        id="category"
        name="category"
        label={t('fieldCategory')}
        options={[
          { value: '', text: t('categoryAll') },
          ...props.categories.map((c) => ({ value: c, text: disabilityCategoryText(props.ctx.locale, c) })),
        ]}
        value={props.value}
        error={props.error}
        errorPrefix={shellMessages.for(props.ctx.locale)('errorPrefix')}
      />
      <Button variant="secondary">{t('filterButton')}</Button>
    </form>
  );
}

export function SubsidyVersionPage(props: {
  ctx: PageContext;
  version: VersionContext;
  items: readonly StoredSubsidyItem[];
  shown: readonly StoredSubsidyItem[];
  categories: readonly DisabilityCategory[];
  category: string;
  errors?: FieldErrors;
}) {
  const { ctx, version, shown } = props;
  const { locale } = ctx;
  const t = publicPolicyMessages.for(locale);
  const l = policyLabels.for(locale);
  const year = version.catalog.year;
  return (
    <VersionPage ctx={ctx} version={version} {...(props.errors ? { errors: props.errors } : {})}>
      <h2 class="fj-heading-m">{t('itemsCaption')}</h2>
      <CategoryFilter
        ctx={ctx}
        action={versionHref('subsidy', year)}
        categories={props.categories}
        value={props.category}
        error={props.errors?.category}
      />
      <p class="fj-body" role="status">
        {t('shownCount', { shown: shown.length, total: props.items.length })}
      </p>
      {shown.length === 0 ? (
        <p class="fj-body">{t('noItems')}</p>
      ) : (
        <Table
          id="items"
          caption={t('itemsCaption')}
          captionVisuallyHidden
          firstCellIsHeader
          columns={[
            { header: t('colCode') },
            { header: t('colName') },
            { header: t('colMaxSubsidy'), numeric: true },
            { header: t('colServiceLife') },
            { header: t('colCategories') },
            { header: t('colProducts'), numeric: true },
          ]}
          rows={shown.map((item): TableCell[] => [
            item.code,
            { content: <a href={itemHref(year, item.code)}>{inLocale(locale, item.nameZh, item.nameEn)}</a> },
            money(item.maxSubsidyFen, locale),
            yearsText(l, item.serviceLifeYears),
            categoriesText(l, locale, item.eligibleCategories),
            item.products.length,
          ])}
        />
      )}
    </VersionPage>
  );
}

/** One rehabilitation item in full (they have no page of their own). */
function RehabDetails({ locale, item }: { locale: Locale; item: RehabItem }) {
  const t = publicPolicyMessages.for(locale);
  const l = policyLabels.for(locale);
  return (
    <>
      <h3
        class="fj-heading-s"
        id={`item-${item.code}`}
      >{`${item.code} ${inLocale(locale, item.nameZh, item.nameEn)}`}</h3>
      <SummaryList
        rows={[
          { key: t('rowTargetGroup'), value: inLocale(locale, item.targetGroupZh, item.targetGroupEn) },
          { key: t('rowContent'), value: inLocale(locale, item.contentZh, item.contentEn) },
          { key: t('rowFrequency'), value: inLocale(locale, item.frequencyZh, item.frequencyEn) },
          { key: t('rowCategories'), value: categoriesText(l, locale, item.eligibleCategories) },
          { key: t('rowAge'), value: ageText(l, item.ageMin, item.ageMax) },
          { key: t('rowStandardPrice'), value: money(item.standardPriceFen, locale) },
          { key: t('rowSubsidy'), value: money(item.subsidyFen, locale) },
        ]}
      />
    </>
  );
}

export function RehabVersionPage(props: {
  ctx: PageContext;
  version: VersionContext;
  items: readonly RehabItem[];
}) {
  const { ctx, version, items } = props;
  const { locale } = ctx;
  const t = publicPolicyMessages.for(locale);
  return (
    <VersionPage ctx={ctx} version={version}>
      <h2 class="fj-heading-m">{t('itemsCaption')}</h2>
      {items.length === 0 ? (
        <p class="fj-body">{t('noItems')}</p>
      ) : (
        <Table
          id="items"
          caption={t('itemsCaption')}
          captionVisuallyHidden
          firstCellIsHeader
          columns={[
            { header: t('colCode') },
            { header: t('colName') },
            { header: t('colTargetGroup') },
            { header: t('colFrequency') },
            { header: t('colStandardPrice'), numeric: true },
            { header: t('colSubsidy'), numeric: true },
          ]}
          rows={items.map((item): TableCell[] => [
            item.code,
            { content: <a href={`#item-${item.code}`}>{inLocale(locale, item.nameZh, item.nameEn)}</a> },
            inLocale(locale, item.targetGroupZh, item.targetGroupEn),
            inLocale(locale, item.frequencyZh, item.frequencyEn),
            money(item.standardPriceFen, locale),
            money(item.subsidyFen, locale),
          ])}
        />
      )}
      <h2 class="fj-heading-m">{t('detailsTitle')}</h2>
      {items.map((item) => (
        <RehabDetails key={item.code} locale={locale} item={item} />
      ))}
    </VersionPage>
  );
}
