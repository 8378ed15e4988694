import type { Locale } from '../../../../platform/i18n/index.ts';
import {
  FormPage,
  type PageContext,
  SummaryList,
  Table,
  type TableCell,
} from '../../../../platform/ui/index.ts';
import type { ProductSummary } from '../../../catalog/index.ts';
import type { StoredSubsidyItem } from '../../catalogsRepo.ts';
import { applicantGroups, subsidyFor } from '../../domain/items.ts';
import { ageText, categoriesText, gradesText, groupText, money, policyLabels, yearsText } from '../labels.ts';
import { formatIsoCode, inLocale, Named } from '../shared.tsx';
import { publicPolicyMessages } from './messages.ts';
import { catalogTitle, kindCrumbs, versionHref } from './shared.tsx';
import { StatusBanners, type VersionContext } from './versionPage.tsx';

const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .filter((line) => line.trim() !== '')
    .map((line, index) => (
      <p class="fj-body" key={index}>
        {line}
      </p>
    ));

function WhatItCovers({ locale, item }: { locale: Locale; item: StoredSubsidyItem }) {
  const t = publicPolicyMessages.for(locale);
  const description = inLocale(locale, item.descriptionZh, item.descriptionEn);
  return (
    <>
      <h2 class="fj-heading-m">{t('sectionWhat')}</h2>
      {description.trim() === '' ? <p class="fj-body">{t('noDescription')}</p> : paragraphs(description)}
      <SummaryList
        rows={[
          {
            key: t('rowIsoCodes'),
            value: (
              <ul class="fj-list">
                {item.isoCodes.map((code) => (
                  <li key={code}>
                    <a href={`/products?iso=${code}`}>{formatIsoCode(code)}</a>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </>
  );
}

function WhoIsEligible({ locale, item }: { locale: Locale; item: StoredSubsidyItem }) {
  const t = publicPolicyMessages.for(locale);
  const l = policyLabels.for(locale);
  return (
    <>
      <h2 class="fj-heading-m">{t('sectionWho')}</h2>
      <SummaryList
        rows={[
          { key: t('rowCategories'), value: categoriesText(l, locale, item.eligibleCategories) },
          { key: t('rowGrades'), value: gradesText(l, locale, item.eligibleGrades) },
          { key: t('rowAge'), value: ageText(l, item.ageMin, item.ageMax) },
        ]}
      />
      <p class="fj-body">{t('generalRules')}</p>
    </>
  );
}

/** The amounts, and what each applicant group receives at most (a product priced at the maximum). */
function HowMuch({ locale, item }: { locale: Locale; item: StoredSubsidyItem }) {
  const t = publicPolicyMessages.for(locale);
  const l = policyLabels.for(locale);
  return (
    <>
      <h2 class="fj-heading-m">{t('sectionHowMuch')}</h2>
      <SummaryList
        rows={[
          { key: t('rowMaxSubsidy'), value: money(item.maxSubsidyFen, locale) },
          { key: t('rowProductPart'), value: money(item.productPartFen, locale) },
          { key: t('rowServicePart'), value: money(item.servicePartFen, locale) },
        ]}
      />
      <Table
        id="ratios"
        caption={t('ratiosCaption')}
        captionSize="s"
        firstCellIsHeader
        columns={[
          { header: t('colGroup') },
          { header: t('colPercent'), numeric: true },
          { header: t('colAmount'), numeric: true },
        ]}
        rows={applicantGroups.map((group): TableCell[] => [
          groupText(l, group),
          l('percent', { value: item.ratios[group] }),
          money(subsidyFor(item, group, item.maxSubsidyFen), locale),
        ])}
      />
      <p class="fj-body">{t('ratiosHint')}</p>
    </>
  );
}

function Limits({ locale, item }: { locale: Locale; item: StoredSubsidyItem }) {
  const t = publicPolicyMessages.for(locale);
  const l = policyLabels.for(locale);
  const years = yearsText(l, item.serviceLifeYears);
  return (
    <>
      <h2 class="fj-heading-m">{t('sectionLimits')}</h2>
      <SummaryList
        rows={[
          {
            key: t('rowServiceLife'),
            value: (
              <>
                <p class="fj-body">{years}</p>
                <p class="fj-body">{t('serviceLifeHint', { years })}</p>
              </>
            ),
          },
          { key: t('rowQuantity'), value: t('quantityN', { count: item.quantityLimit }) },
          {
            key: t('rowMedicalInsurance'),
            value: item.medicalInsurance
              ? t('medicalYes', { code: item.medicalInsuranceCode ?? '' })
              : t('medicalNo'),
          },
          { key: t('rowFirstOfKind'), value: item.firstOfKind ? t('firstOfKindYes') : t('no') },
        ]}
      />
    </>
  );
}

function AdmittedProducts(props: {
  locale: Locale;
  item: StoredSubsidyItem;
  products: ReadonlyMap<string, ProductSummary>;
}) {
  const { locale, item, products } = props;
  const t = publicPolicyMessages.for(locale);
  const listed = item.products.flatMap((p) => {
    const summary = products.get(p.productId);
    return summary === undefined ? [] : [{ ...p, summary }];
  });
  return (
    <>
      <h2 class="fj-heading-m">{t('sectionProducts')}</h2>
      {listed.length === 0 ? (
        <p class="fj-body">{t('noProducts')}</p>
      ) : (
        <>
          <p class="fj-body">{t('productsHint')}</p>
          <Table
            id="products"
            caption={t('productsCaption')}
            captionVisuallyHidden
            firstCellIsHeader
            columns={[
              { header: t('colProduct') },
              { header: t('colModel') },
              { header: t('colSupplier') },
              { header: t('colAdmittedPrice'), numeric: true },
            ]}
            rows={listed.map(({ summary, priceFen }): TableCell[] => {
              const name = <Named locale={locale} zh={summary.nameZh} en={summary.nameEn} />;
              return [
                {
                  content: summary.published ? (
                    <a href={`/products/${summary.id}`}>{name}</a>
                  ) : (
                    <>
                      {name}
                      {t('productWithdrawn')}
                    </>
                  ),
                },
                summary.model,
                {
                  content: <Named locale={locale} zh={summary.supplierNameZh} en={summary.supplierNameEn} />,
                },
                money(priceFen, locale),
              ];
            })}
          />
        </>
      )}
    </>
  );
}

export function SubsidyItemPage(props: {
  ctx: PageContext;
  version: VersionContext;
  item: StoredSubsidyItem;
  products: ReadonlyMap<string, ProductSummary>;
}) {
  const { ctx, version, item } = props;
  const { locale } = ctx;
  const { catalog } = version;
  const t = publicPolicyMessages.for(locale);
  const name = inLocale(locale, item.nameZh, item.nameEn);
  const back = versionHref('subsidy', catalog.year);
  return (
    <FormPage
      ctx={ctx}
      title={`${name} - ${catalogTitle(locale, catalog)}`}
      crumbs={[
        ...kindCrumbs(ctx, 'subsidy'),
        { text: t('yearN', { year: catalog.year }), href: back },
        { text: `${item.code} ${name}` },
      ]}
    >
      <h1 class="fj-heading-l">{name}</h1>
      <p class="fj-lead">{`${t('colCode')} ${item.code} · ${catalogTitle(locale, catalog)}`}</p>
      <StatusBanners locale={locale} version={version} />
      <WhatItCovers locale={locale} item={item} />
      <WhoIsEligible locale={locale} item={item} />
      <HowMuch locale={locale} item={item} />
      <Limits locale={locale} item={item} />
      <AdmittedProducts locale={locale} item={item} products={props.products} />
      <p class="fj-body">
        <a href={`/api/v1/subsidy-catalogs/${catalog.year}/items/${item.code}`} type="application/json">
          {t('conditionsLink')}
        </a>
      </p>
      <p class="fj-body">
        <a href={back}>{t('backTo', { title: catalogTitle(locale, catalog) })}</a>
      </p>
    </FormPage>
  );
}
