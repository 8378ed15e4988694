import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../../platform/i18n/index.ts';
import { FormPage, type PageContext, Table, type TableCell } from '../../../../platform/ui/index.ts';
import type { CatalogVersion, StoredSubsidyItem } from '../../catalogsRepo.ts';
import type { RehabItem } from '../../domain/items.ts';
import { ageText, categoriesText, gradesText, money, policyLabels, yearsText } from '../labels.ts';
import { inLocale } from '../shared.tsx';
import { fieldValueText } from './diffPage.tsx';
import { publicPolicyMessages } from './messages.ts';
import { catalogTitle, kindCrumbs, versionHref } from './shared.tsx';
import { VersionSummary } from './versionPage.tsx';

/** Lines of one cell, each on its own line when printed. */
function Lines({ lines }: { lines: readonly string[] }) {
  return (
    <>
      {lines.map((line, index) => (
        <span key={index}>
          {index > 0 && <br />}
          {line}
        </span>
      ))}
    </>
  );
}

/**
 * A plain page that prints well: the version's state and every item with
 * every field in one table. The layout has no print styles to hook into, so
 * the page carries nothing that would not make sense on paper.
 */
function PrintPage(props: { ctx: PageContext; catalog: CatalogVersion; children: ComponentChildren }) {
  const { ctx, catalog } = props;
  const t = publicPolicyMessages.for(ctx.locale);
  const title = catalogTitle(ctx.locale, catalog);
  return (
    <FormPage
      ctx={ctx}
      title={t('printTitle', { title })}
      crumbs={[
        ...kindCrumbs(ctx, catalog.kind),
        { text: t('yearN', { year: catalog.year }), href: versionHref(catalog.kind, catalog.year) },
        { text: t('printLink') },
      ]}
    >
      <h1 class="fj-heading-l">{title}</h1>
      <VersionSummary locale={ctx.locale} catalog={catalog} />
      {props.children}
    </FormPage>
  );
}

function subsidyRow(locale: Locale, item: StoredSubsidyItem): TableCell[] {
  const t = publicPolicyMessages.for(locale);
  const l = policyLabels.for(locale);
  const other = [
    item.medicalInsurance ? t('medicalCode', { code: item.medicalInsuranceCode ?? '' }) : t('medicalNo'),
    ...(item.firstOfKind ? [t('firstOfKindShort')] : []),
  ];
  return [
    item.code,
    inLocale(locale, item.nameZh, item.nameEn),
    fieldValueText('isoCodes', item.isoCodes, locale),
    t('amountsText', {
      max: money(item.maxSubsidyFen, locale),
      product: money(item.productPartFen, locale),
      service: money(item.servicePartFen, locale),
    }),
    fieldValueText('ratios', item.ratios, locale),
    {
      content: (
        <Lines
          lines={[
            categoriesText(l, locale, item.eligibleCategories),
            gradesText(l, locale, item.eligibleGrades),
            ageText(l, item.ageMin, item.ageMax),
          ]}
        />
      ),
    },
    t('limitsText', {
      years: yearsText(l, item.serviceLifeYears),
      quantity: t('quantityN', { count: item.quantityLimit }),
    }),
    { content: <Lines lines={other} /> },
  ];
}

export function SubsidyPrintPage(props: {
  ctx: PageContext;
  catalog: CatalogVersion;
  items: readonly StoredSubsidyItem[];
}) {
  const { ctx } = props;
  const t = publicPolicyMessages.for(ctx.locale);
  return (
    <PrintPage ctx={ctx} catalog={props.catalog}>
      <Table
        id="print-items"
        caption={t('printCaption')}
        captionSize="m"
        firstCellIsHeader
        columns={[
          { header: t('colCode') },
          { header: t('colName') },
          { header: t('colIsoCodes') },
          { header: t('colAmounts') },
          { header: t('colRatios') },
          { header: t('colEligibility') },
          { header: t('colLimits') },
          { header: t('colOther') },
        ]}
        rows={props.items.map((item) => subsidyRow(ctx.locale, item))}
      />
    </PrintPage>
  );
}

export function RehabPrintPage(props: {
  ctx: PageContext;
  catalog: CatalogVersion;
  items: readonly RehabItem[];
}) {
  const { ctx } = props;
  const { locale } = ctx;
  const t = publicPolicyMessages.for(locale);
  const l = policyLabels.for(locale);
  return (
    <PrintPage ctx={ctx} catalog={props.catalog}>
      <Table
        id="print-items"
        caption={t('printCaption')}
        captionSize="m"
        firstCellIsHeader
        columns={[
          { header: t('colCode') },
          { header: t('colName') },
          { header: t('colTargetGroup') },
          { header: t('colContent') },
          { header: t('colFrequency') },
          { header: t('colEligibility') },
          { header: t('colStandardPrice'), numeric: true },
          { header: t('colSubsidy'), numeric: true },
        ]}
        rows={props.items.map((item): TableCell[] => [
          item.code,
          inLocale(locale, item.nameZh, item.nameEn),
          inLocale(locale, item.targetGroupZh, item.targetGroupEn),
          inLocale(locale, item.contentZh, item.contentEn),
          inLocale(locale, item.frequencyZh, item.frequencyEn),
          {
            content: (
              <Lines
                lines={[
                  categoriesText(l, locale, item.eligibleCategories),
                  ageText(l, item.ageMin, item.ageMax),
                ]}
              />
            ),
          },
          money(item.standardPriceFen, locale),
          money(item.subsidyFen, locale),
        ])}
      />
    </PrintPage>
  );
}
