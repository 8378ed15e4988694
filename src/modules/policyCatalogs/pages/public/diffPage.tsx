import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import { Type } from 'typebox';
import { PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { DisabilityCategory, DisabilityGrade } from '../../../../platform/ids/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  type FieldErrors,
  FormPage,
  type PageContext,
  Select,
  shellMessages,
  Table,
  type TableCell,
} from '../../../../platform/ui/index.ts';
import { type CatalogVersion, listCatalogs } from '../../catalogsRepo.ts';
import { type CatalogDiff, diffCatalogs } from '../../domain/diff.ts';
import {
  applicantGroups,
  type CatalogKind,
  type RehabItem,
  type SubsidyItem,
  type SubsidyRatios,
} from '../../domain/items.ts';
import type { VersionCache } from '../../versionCache.ts';
import {
  categoriesText,
  gradesText,
  groupText,
  kindPath,
  kindText,
  money,
  policyLabels,
  yearsText,
} from '../labels.ts';
import { formatIsoCode, inLocale, itemHref } from '../shared.tsx';
import { type PublicT, publicPolicyMessages } from './messages.ts';
import { catalogTitle, kindCrumbs, versionHref } from './shared.tsx';

/** Every field a reader of the subsidy catalog cares about; the admitted products are not the item's rules. */
export const subsidyDiffFields = [
  'nameZh',
  'nameEn',
  'descriptionZh',
  'descriptionEn',
  'isoCodes',
  'maxSubsidyFen',
  'productPartFen',
  'servicePartFen',
  'ratios',
  'eligibleCategories',
  'eligibleGrades',
  'ageMin',
  'ageMax',
  'serviceLifeYears',
  'quantityLimit',
  'medicalInsurance',
  'medicalInsuranceCode',
  'firstOfKind',
] as const satisfies readonly (keyof SubsidyItem)[];

export const rehabDiffFields = [
  'nameZh',
  'nameEn',
  'targetGroupZh',
  'targetGroupEn',
  'contentZh',
  'contentEn',
  'frequencyZh',
  'frequencyEn',
  'standardPriceFen',
  'subsidyFen',
  'eligibleCategories',
  'ageMin',
  'ageMax',
] as const satisfies readonly (keyof RehabItem)[];

/** A field's value as a reader says it: amounts in yuan, lists as words, nothing as "none". */
export function fieldValueText(field: string, value: unknown, locale: Locale): string {
  const t = publicPolicyMessages.for(locale);
  const l = policyLabels.for(locale);
  if (value === null || value === undefined || value === '') return t('none');
  if (field.endsWith('Fen')) return money(Number(value), locale);
  if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
  switch (field) {
    case 'ratios': {
      const ratios = value as SubsidyRatios;
      return applicantGroups
        .map((g) => t('ratioEntry', { group: groupText(l, g), percent: l('percent', { value: ratios[g] }) }))
        .join(l('listSeparator'));
    }
    case 'eligibleCategories':
      return categoriesText(l, locale, value as DisabilityCategory[]);
    case 'eligibleGrades':
      return gradesText(l, locale, value as DisabilityGrade[]);
    case 'isoCodes':
      return (value as string[]).map(formatIsoCode).join(l('listSeparator'));
    case 'serviceLifeYears':
      return yearsText(l, Number(value));
    case 'quantityLimit':
      return t('quantityN', { count: Number(value) });
    case 'ageMin':
    case 'ageMax':
      return t('ageYears', { age: Number(value) });
    default:
      return String(value);
  }
}

/** Fields written in one language keep their language mark on a page in the other. */
const fieldLang = (field: string): Locale | undefined =>
  field.endsWith('Zh') ? 'zh-CN' : field.endsWith('En') ? 'en' : undefined;

const fieldLabel = (t: PublicT, field: string) => {
  const key = `field_${field}`;
  return publicPolicyMessages.has(key) ? t(key) : field;
};

/** The two-select GET form that leads to a comparison. */
export function CompareForm(props: {
  ctx: PageContext;
  kind: CatalogKind;
  years: readonly number[];
  from?: string;
  to?: string;
  errors?: FieldErrors;
}) {
  const t = publicPolicyMessages.for(props.ctx.locale);
  const shell = shellMessages.for(props.ctx.locale);
  const options = (selected: string | undefined) => [
    ...(selected === undefined || selected === '' || !props.years.map(String).includes(selected)
      ? [{ value: '', text: '' }]
      : []),
    ...props.years.map((year) => ({ value: String(year), text: t('yearN', { year }) })),
  ];
  return (
    <form method="get" action={`${kindPath[props.kind]}/diff`} novalidate>
      <Select
        id="from"
        name="from"
        label={t('fieldFrom')}
        options={options(props.from)}
        value={props.from}
        error={props.errors?.from}
        errorPrefix={shell('errorPrefix')}
      />
      <Select
        id="to"
        name="to"
        label={t('fieldTo')}
        options={options(props.to)}
        value={props.to}
        error={props.errors?.to}
        errorPrefix={shell('errorPrefix')}
      />
      <Button variant="secondary">{t('compareButton')}</Button>
    </form>
  );
}

interface DiffView<T> {
  readonly diff: CatalogDiff<T>;
  readonly name: (item: T) => string;
  readonly href: (year: number, item: T) => string;
  readonly amount: (item: T) => number;
  readonly amountHeader: string;
}

function ItemsTable<T extends { code: string }>(props: {
  locale: Locale;
  /** Makes the table a scroll region of its own on a narrow screen. */
  id: string;
  caption: string;
  items: readonly T[];
  year: number;
  view: DiffView<T>;
}) {
  const t = publicPolicyMessages.for(props.locale);
  return (
    <Table
      id={props.id}
      caption={props.caption}
      captionVisuallyHidden
      firstCellIsHeader
      columns={[
        { header: t('colCode') },
        { header: t('colName') },
        { header: props.view.amountHeader, numeric: true },
      ]}
      rows={props.items.map((item): TableCell[] => [
        item.code,
        { content: <a href={props.view.href(props.year, item)}>{props.view.name(item)}</a> },
        money(props.view.amount(item), props.locale),
      ])}
    />
  );
}

function DiffSections<T extends { code: string }>(props: {
  locale: Locale;
  from: number;
  to: number;
  view: DiffView<T>;
}) {
  const { locale, from, to, view } = props;
  const t = publicPolicyMessages.for(locale);
  const { added, removed, changed, unchanged } = view.diff;
  const none = <p class="fj-body">{t('noneInSection')}</p>;
  return (
    <>
      <h2 class="fj-heading-m" id="added">
        {t('addedTitle', { count: added.length })}
      </h2>
      {added.length === 0 ? (
        none
      ) : (
        <ItemsTable
          locale={locale}
          id="added-items"
          caption={t('addedCaption', { year: to })}
          items={added}
          year={to}
          view={view}
        />
      )}
      <h2 class="fj-heading-m" id="removed">
        {t('removedTitle', { count: removed.length })}
      </h2>
      {removed.length === 0 ? (
        none
      ) : (
        <ItemsTable
          locale={locale}
          id="removed-items"
          caption={t('removedCaption', { year: to })}
          items={removed}
          year={from}
          view={view}
        />
      )}
      <h2 class="fj-heading-m" id="changed">
        {t('changedTitle', { count: changed.length })}
      </h2>
      {changed.length === 0 && none}
      {changed.map((change) => (
        <div key={change.code} id={`changed-${change.code}`}>
          <h3 class="fj-heading-s">
            <a href={view.href(to, change.to)}>{`${change.code} ${view.name(change.to)}`}</a>
          </h3>
          <Table
            id={`changes-${change.code}`}
            caption={t('changeCaption', { code: change.code, name: view.name(change.to) })}
            captionVisuallyHidden
            firstCellIsHeader
            columns={[
              { header: t('colField') },
              { header: t('colInYear', { year: from }) },
              { header: t('colInYear', { year: to }) },
            ]}
            rows={change.changes.map((c): TableCell[] => [
              fieldLabel(t, c.field),
              { content: <span lang={fieldLang(c.field)}>{fieldValueText(c.field, c.from, locale)}</span> },
              { content: <span lang={fieldLang(c.field)}>{fieldValueText(c.field, c.to, locale)}</span> },
            ])}
          />
        </div>
      ))}
      <p class="fj-body">{t('unchangedText', { count: unchanged })}</p>
    </>
  );
}

/** The sections comparing two public versions of a kind, each kind with its own item type. */
async function diffSections(
  cache: VersionCache,
  locale: Locale,
  older: CatalogVersion,
  newer: CatalogVersion,
): Promise<VNode> {
  const t = publicPolicyMessages.for(locale);
  const name = (item: { nameZh: string; nameEn: string }) => inLocale(locale, item.nameZh, item.nameEn);
  if (newer.kind === 'subsidy') {
    const diff = await cache.derived('diff', [older, newer], async () => {
      const [before, after] = await Promise.all([cache.subsidyView(older), cache.subsidyView(newer)]);
      return diffCatalogs<SubsidyItem>(before.items, after.items, subsidyDiffFields);
    });
    const view: DiffView<SubsidyItem> = {
      diff,
      name,
      href: (year, item) => itemHref(year, item.code),
      amount: (item) => item.maxSubsidyFen,
      amountHeader: t('colMaxSubsidy'),
    };
    return <DiffSections locale={locale} from={older.year} to={newer.year} view={view} />;
  }
  const diff = await cache.derived('diff', [older, newer], async () => {
    const [before, after] = await Promise.all([cache.rehabItems(older), cache.rehabItems(newer)]);
    return diffCatalogs<RehabItem>(before, after, rehabDiffFields);
  });
  const view: DiffView<RehabItem> = {
    diff,
    name,
    href: (year, item) => `${versionHref('rehab', year)}#item-${item.code}`,
    amount: (item) => item.subsidyFen,
    amountHeader: t('colSubsidy'),
  };
  return <DiffSections locale={locale} from={older.year} to={newer.year} view={view} />;
}

const DiffQuery = Type.Object({
  ...PageQuery.properties,
  from: Type.Optional(Type.String({ maxLength: 20 })),
  to: Type.Optional(Type.String({ maxLength: 20 })),
});

/** Which public version a typed year names, or the message that says why it names none. */
function chosenVersion(
  t: PublicT,
  versions: readonly CatalogVersion[],
  raw: string | undefined,
  missing: 'err_fromMissing' | 'err_toMissing',
): CatalogVersion | string {
  const year = (raw ?? '').trim();
  if (year === '') return t(missing);
  return versions.find((v) => String(v.year) === year) ?? t('err_yearUnknown', { year: year.slice(0, 10) });
}

/** GET /subsidy-catalogs/diff and /rehab-service-catalogs/diff?from=&to=. */
export function diffPages(app: FastifyInstance, deps: ModuleDeps, cache: VersionCache): void {
  const { config, assets, db } = deps;
  for (const kind of ['subsidy', 'rehab'] as const) {
    app.get(
      `${kindPath[kind]}/diff`,
      {
        config: { access: 'public', languageKeepsQuery: true },
        schema: { hide: true, querystring: DiffQuery },
      },
      async (request, reply) => {
        const query = request.query as { from?: string; to?: string };
        const ctx = pageContext(config, assets, request, reply);
        const t = publicPolicyMessages.for(ctx.locale);
        const versions = await listCatalogs(db, kind, { includeDrafts: false });
        const asked = query.from !== undefined || query.to !== undefined;
        const older = chosenVersion(t, versions, query.from, 'err_fromMissing');
        const newer = chosenVersion(t, versions, query.to, 'err_toMissing');
        const errors: Record<string, string> = {};
        if (typeof older === 'string') errors.from = older;
        if (typeof newer === 'string') errors.to = newer;
        if (typeof older !== 'string' && typeof newer !== 'string' && older.year === newer.year)
          errors.to = t('err_sameYear');
        const form = (
          <CompareForm
            ctx={ctx}
            kind={kind}
            years={versions.map((v) => v.year)}
            from={query.from ?? String(versions[1]?.year ?? '')}
            to={query.to ?? String(versions[0]?.year ?? '')}
            errors={asked ? errors : {}}
          />
        );
        const crumbs = kindCrumbs(ctx, kind);
        if (typeof older === 'string' || typeof newer === 'string' || Object.keys(errors).length > 0) {
          // Arriving with no years is a question, not a mistake: only a filled form gets errors.
          return sendPage(
            reply,
            <FormPage
              ctx={ctx}
              title={`${t('compareTitle')} - ${kindText(policyLabels.for(ctx.locale), kind)}`}
              crumbs={[...crumbs, { text: t('compareTitle') }]}
              errors={asked ? errors : undefined}
            >
              <h1 class="fj-heading-l">{t('compareTitle')}</h1>
              <p class="fj-body">{t('compareLead')}</p>
              {form}
            </FormPage>,
            asked ? 400 : 200,
          );
        }
        const sections = await diffSections(cache, ctx.locale, older, newer);
        const title = t('diffTitle', { from: older.year, to: newer.year });
        return sendPage(
          reply,
          <FormPage
            ctx={ctx}
            title={`${title} - ${kindText(policyLabels.for(ctx.locale), kind)}`}
            crumbs={[...crumbs, { text: title }]}
          >
            <h1 class="fj-heading-l">{title}</h1>
            <p class="fj-lead">{t('diffLead', { from: older.year, to: newer.year })}</p>
            <ul class="fj-list">
              {[older, newer].map((v) => (
                <li key={v.year}>
                  <a href={versionHref(kind, v.year)}>{catalogTitle(ctx.locale, v)}</a>
                </li>
              ))}
            </ul>
            {sections}
            <h2 class="fj-heading-m">{t('compareTitle')}</h2>
            {form}
          </FormPage>,
        );
      },
    );
  }
}
