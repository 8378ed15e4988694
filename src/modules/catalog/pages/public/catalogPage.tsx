import type { ComponentChildren, VNode } from 'preact';
import type { Locale } from '../../../../platform/i18n/index.ts';
import { formatYuan } from '../../../../platform/i18n/index.ts';
import {
  type BreadcrumbItem,
  Breadcrumbs,
  Button,
  Checkboxes,
  ErrorSummary,
  Fieldset,
  Layout,
  type PageContext,
  Pagination,
  Radios,
  Select,
  shellMessages,
  Tag,
  TextInput,
} from '../../../../platform/ui/index.ts';
import type { CatalogSearch, ProductSummary } from '../../catalogSearch.ts';
import { attributeDefinition } from '../../domain/attributes.ts';
import {
  type CatalogQuery,
  catalogHref,
  type FieldProblem,
  isBrowse,
  queryPairs,
  rangeFieldId,
} from './catalogQuery.ts';
import {
  attributeLabel,
  attributeName,
  disabilityLabel,
  formatIsoCode,
  formatNumber,
  functionAreaLabel,
  inSentence,
  Named,
  orderedAttributeIds,
  pick,
  slot,
  Text,
  unitLabel,
  withData,
} from './format.tsx';
import { type ClassTree, classPath, nodeTitle } from './lookups.ts';
import type { PublicCatalogTranslate } from './messages.ts';

export type SearchOutcome = Awaited<ReturnType<CatalogSearch['search']>>;
type Facets = SearchOutcome['facets'];

export const pageSize = 20;

export interface CatalogPageProps {
  ctx: PageContext;
  t: PublicCatalogTranslate;
  query: CatalogQuery;
  result: SearchOutcome;
  tree: ClassTree;
  /** Suppliers' names in both languages, by id. */
  suppliers: ReadonlyMap<string, { zh: string; en: string }>;
}

/** "行动（12）" / "Mobility (12)": an option and how many products it would show. */
const withCount = (text: string, count: number, locale: Locale): string =>
  locale === 'en' ? `${text} (${count})` : `${text}（${count}）`;

const productCount = (t: PublicCatalogTranslate, count: number): string =>
  count === 1 ? t('productCountOne') : t('productCount', { count });

/** The message next to a field (and in the error summary) for each problem. */
function problemText(t: PublicCatalogTranslate, locale: Locale, problem: FieldProblem): string {
  if ('attributeId' in problem) {
    const definition = attributeDefinition(problem.attributeId);
    const attribute = inSentence(
      definition ? attributeName(definition, locale) : problem.attributeId,
      locale,
    );
    return t(
      problem.problem === 'minInvalid'
        ? 'rangeMinInvalid'
        : problem.problem === 'maxInvalid'
          ? 'rangeMaxInvalid'
          : 'rangeOrder',
      { attribute },
    );
  }
  if (problem.problem === 'order') return t('priceOrder');
  return t(problem.field === 'minYuan' ? 'priceMinInvalid' : 'priceMaxInvalid');
}

/** The words as searched after spelling corrections: "论椅" → "轮椅". */
function correctedQuery(q: string, corrections: SearchOutcome['corrections']): string {
  let corrected = q;
  for (const { from, to } of corrections) {
    const at = corrected.toLowerCase().indexOf(from.toLowerCase());
    corrected =
      at < 0 ? `${corrected} ${to}` : `${corrected.slice(0, at)}${to}${corrected.slice(at + from.length)}`;
  }
  return corrected === q ? corrections.map((c) => c.to).join(' ') : corrected;
}

export function CatalogPage({ ctx, t, query, result, tree, suppliers }: CatalogPageProps): VNode {
  const { locale } = ctx;
  const shell = shellMessages.for(locale);
  const browse = isBrowse(query);
  const errors = query.problems.map((problem) => ({
    field: problem.field,
    text: problemText(t, locale, problem),
  }));
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.text;
  const path = query.iso ? classPath(tree, query.iso) : [];
  const current = path.at(-1);
  const heading = query.q
    ? t('searchTitle', { q: query.q })
    : current && !browse
      ? `${formatIsoCode(current.code)} ${nodeTitle(current, locale)}`
      : t('catalogTitle');
  const crumbs: BreadcrumbItem[] = [
    { text: shell('navHome'), href: '/' },
    { text: t('catalogTitle'), href: '/products' },
    ...path.map((node) => ({
      text: `${formatIsoCode(node.code)} ${nodeTitle(node, locale)}`,
      href: catalogHref([['iso', node.code]]),
    })),
    ...(query.q ? [{ text: t('searchTitle', { q: query.q }), href: '' }] : []),
  ];
  // The last crumb is this page: it is not a link.
  const last = crumbs.length - 1;
  const breadcrumbs = crumbs.map((crumb, index) => (index === last ? { text: crumb.text } : crumb));
  return (
    <Layout
      ctx={ctx}
      title={heading === t('catalogTitle') ? heading : `${heading} - ${t('catalogTitle')}`}
      hasErrors={errors.length > 0}
    >
      <Breadcrumbs label={shell('breadcrumbs')} items={breadcrumbs} />
      {errors.length > 0 && (
        <ErrorSummary
          title={t('errorSummary')}
          errors={errors.map((e) => ({ href: `#${e.field}`, text: e.text }))}
        />
      )}
      <h1 class="fj-heading-l">
        {query.q
          ? withData(t('searchTitle', { q: slot(0) }), [<Text text={query.q} locale={locale} />])
          : heading}
      </h1>
      {browse && <p class="fj-body">{t('catalogLead')}</p>}
      <SearchForm t={t} query={query} />
      {browse ? (
        <ClassBrowse t={t} locale={locale} tree={tree} facets={result.facets} total={result.total} />
      ) : (
        <>
          {current?.level === 1 && query.q === '' && (
            <SubclassBrowse
              t={t}
              locale={locale}
              tree={tree}
              classCode={current.code}
              facets={result.facets}
            />
          )}
          <div class="fj-catalog">
            <div class="fj-catalog__filters">
              <a href="#results" class="fj-catalog__skip">
                {t('skipToResults')}
              </a>
              <FilterForm
                t={t}
                locale={locale}
                query={query}
                facets={result.facets}
                total={result.total}
                tree={tree}
                suppliers={suppliers}
                errorFor={errorFor}
                errorPrefix={shell('errorPrefix')}
              />
            </div>
            <div class="fj-catalog__results" id="results" tabindex={-1}>
              <Results
                t={t}
                locale={locale}
                query={query}
                result={result}
                tree={tree}
                suppliers={suppliers}
              />
            </div>
          </div>
        </>
      )}
    </Layout>
  );
}

/**
 * The search box. The filters already chosen ride along as hidden fields, so
 * changing the words keeps them (they can be removed one by one below).
 * `data-module="product-suggest"` lets the page script add suggestions.
 */
function SearchForm({ t, query }: { t: PublicCatalogTranslate; query: CatalogQuery }): VNode {
  const kept = queryPairs(query).filter(([key]) => key !== 'q' && key !== 'page');
  return (
    <search>
      <form method="get" action="/products" class="fj-catalog-search">
        <div
          class="fj-catalog-search__field"
          data-module="product-suggest"
          data-source="/api/v1/products/suggestions"
          data-label={t('suggestionsLabel')}
          data-count-text={t('suggestionsCount', { count: '{count}' })}
          data-none-text={t('suggestionsNone')}
        >
          <TextInput
            id="q"
            name="q"
            type="search"
            label={t('searchLabel')}
            labelSize="m"
            hint={t('searchHint')}
            value={query.q}
            autocomplete="off"
            spellcheck={false}
            maxlength={100}
          />
        </div>
        {kept.map(([name, value]) => (
          <input type="hidden" name={name} value={value} key={`${name}=${value}`} />
        ))}
        <Button className="fj-catalog-search__button">{t('searchButton')}</Button>
      </form>
    </search>
  );
}

function ClassBrowse({
  t,
  locale,
  tree,
  facets,
  total,
}: {
  t: PublicCatalogTranslate;
  locale: Locale;
  tree: ClassTree;
  facets: Facets;
  total: number;
}): VNode {
  const counts = new Map(facets.classes.map((c) => [c.code, c.count]));
  return (
    <section aria-labelledby="browse-heading">
      <h2 class="fj-heading-m" id="browse-heading">
        {t('browseHeading')}
      </h2>
      <p class="fj-body">{t('browseLead')}</p>
      <ul class="fj-class-list">
        {tree.classes.map((node) => (
          <li class="fj-class-list__item" key={node.code}>
            <a href={catalogHref([['iso', node.code]])} class="fj-class-list__link">
              <span class="fj-class-list__code">{formatIsoCode(node.code)}</span> {nodeTitle(node, locale)}
            </a>
            <span class="fj-class-list__count">{productCount(t, counts.get(node.code) ?? 0)}</span>
          </li>
        ))}
      </ul>
      <p class="fj-body">
        <a href={catalogHref([['sort', 'newest']])}>{t('browseAll', { count: total })}</a>
      </p>
    </section>
  );
}

function SubclassBrowse({
  t,
  locale,
  tree,
  classCode,
  facets,
}: {
  t: PublicCatalogTranslate;
  locale: Locale;
  tree: ClassTree;
  classCode: string;
  facets: Facets;
}): VNode {
  const counts = new Map(facets.subclasses.map((c) => [c.code, c.count]));
  const subclasses = [...tree.byCode.values()].filter(
    (node) => node.level === 2 && node.parentCode === classCode && (counts.get(node.code) ?? 0) > 0,
  );
  return (
    <section aria-labelledby="subclasses-heading">
      <h2 class="fj-heading-m" id="subclasses-heading">
        {t('subclassesHeading')}
      </h2>
      {subclasses.length === 0 ? (
        <p class="fj-body">{t('noSubclasses')}</p>
      ) : (
        <ul class="fj-class-list">
          {subclasses.map((node) => (
            <li class="fj-class-list__item" key={node.code}>
              <a href={catalogHref([['iso', node.code]])} class="fj-class-list__link">
                <span class="fj-class-list__code">{formatIsoCode(node.code)}</span> {nodeTitle(node, locale)}
              </a>
              <span class="fj-class-list__count">{productCount(t, counts.get(node.code) ?? 0)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface FilterFormProps {
  t: PublicCatalogTranslate;
  locale: Locale;
  query: CatalogQuery;
  facets: Facets;
  /** How many products the search found. */
  total: number;
  tree: ClassTree;
  suppliers: ReadonlyMap<string, { zh: string; en: string }>;
  errorFor: (field: string) => string | undefined;
  errorPrefix: string;
}

/** The filters, one fieldset each, with how many products each choice leaves. */
function FilterForm({
  t,
  locale,
  query,
  facets,
  total,
  tree,
  suppliers,
  errorFor,
  errorPrefix,
}: FilterFormProps): VNode {
  const classCounts = new Map(facets.classes.map((c) => [c.code, c.count]));
  // A subclass or division chosen by browsing stays a choice of its own.
  const chosen = query.iso !== undefined && query.iso.length > 2 ? query.iso : undefined;
  const chosenNode = chosen === undefined ? undefined : tree.byCode.get(chosen);
  const classItems = [
    { value: '', text: t('filterAllClasses') },
    ...(chosen === undefined
      ? []
      : [
          {
            value: chosen,
            text: `${formatIsoCode(chosen)} ${chosenNode ? nodeTitle(chosenNode, locale) : ''}`.trim(),
          },
        ]),
    ...tree.classes
      .filter((node) => (classCounts.get(node.code) ?? 0) > 0 || node.code === query.iso)
      .map((node) => ({
        value: node.code,
        text: withCount(
          `${formatIsoCode(node.code)} ${nodeTitle(node, locale)}`,
          classCounts.get(node.code) ?? 0,
          locale,
        ),
      })),
  ];
  const counted = (values: readonly { value: string; count: number }[], selected: readonly string[]) => {
    const counts = new Map(values.map((v) => [v.value, v.count]));
    return (order: readonly string[]) =>
      order
        .filter((value) => (counts.get(value) ?? 0) > 0 || selected.includes(value))
        .map((value) => ({
          value,
          count: counts.get(value) ?? 0,
        }));
  };
  const functionOptions = counted(
    facets.functionAreas,
    query.functionAreas,
  )(
    unionOrder(
      ['mobility', 'seeing', 'hearing', 'communication', 'cognition', 'self_care'],
      facets.functionAreas.map((f) => f.value),
    ),
  );
  const disabilityOptions = counted(
    facets.disabilityCategories,
    query.disabilityCategories,
  )(
    unionOrder(
      ['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'],
      facets.disabilityCategories.map((f) => f.value),
    ),
  );
  const supplierCounts = new Map(facets.suppliers.map((s) => [s.id, s]));
  const supplierIds = unionOrder(
    facets.suppliers.filter((s) => s.count > 0).map((s) => s.id),
    query.supplierIds,
  );
  const supplierName = (id: string) => {
    const names = suppliers.get(id);
    return names ? pick(names.zh, names.en, locale) : (supplierCounts.get(id)?.name ?? id);
  };
  const rangeIds = orderedAttributeIds([
    ...offeredRanges(facets.ranges, total),
    ...query.ranges.map((r) => r.attributeId),
  ]);
  const sortOptions = [
    { value: 'relevance', text: t('sortRelevance') },
    { value: 'price_asc', text: t('sortPriceAsc') },
    { value: 'price_desc', text: t('sortPriceDesc') },
    { value: 'newest', text: t('sortNewest') },
    { value: 'name', text: t('sortName') },
  ];
  const clearPairs: [string, string][] = query.q ? [['q', query.q]] : [];
  return (
    <form
      method="get"
      action="/products"
      class="fj-filters fj-catalog__form"
      novalidate
      aria-labelledby="filters-heading"
    >
      <h2 class="fj-heading-m fj-catalog__form-heading" id="filters-heading">
        {t('filtersHeading')}
      </h2>
      {query.q !== '' && <input type="hidden" name="q" value={query.q} />}
      <Select
        id="sort"
        name="sort"
        label={t('sortLabel')}
        labelSize="s"
        options={sortOptions}
        value={query.sort ?? 'relevance'}
      />
      <Radios
        idPrefix="iso"
        name="iso"
        legend={t('filterClass')}
        legendSize="s"
        small
        value={query.iso ?? ''}
        items={classItems}
      />
      {functionOptions.length > 0 && (
        <Checkboxes
          idPrefix="function"
          name="function"
          legend={t('filterFunction')}
          legendSize="s"
          small
          values={query.functionAreas}
          items={functionOptions.map((o) => ({
            value: o.value,
            text: withCount(functionAreaLabel(t, o.value), o.count, locale),
          }))}
        />
      )}
      {disabilityOptions.length > 0 && (
        <Checkboxes
          idPrefix="disability"
          name="disability"
          legend={t('filterDisability')}
          legendSize="s"
          small
          values={query.disabilityCategories}
          items={disabilityOptions.map((o) => ({
            value: o.value,
            text: withCount(disabilityLabel(t, o.value), o.count, locale),
          }))}
        />
      )}
      {supplierIds.length > 0 && (
        <Checkboxes
          idPrefix="supplier"
          name="supplier"
          legend={t('filterSupplier')}
          legendSize="s"
          small
          values={query.supplierIds}
          items={supplierIds.map((id) => ({
            value: id,
            text: withCount(supplierName(id), supplierCounts.get(id)?.count ?? 0, locale),
          }))}
        />
      )}
      <div class="fj-form-group">
        <Fieldset legend={t('filterPrice')} legendSize="s" describedBy="price-hint">
          <div class="fj-hint" id="price-hint">
            {t('priceHint')}
          </div>
          <div class="fj-catalog__pair">
            <TextInput
              id="minYuan"
              name="minYuan"
              label={t('priceMin')}
              value={query.minYuanText}
              inputmode="decimal"
              prefix="¥"
              spellcheck={false}
              autocomplete="off"
              error={errorFor('minYuan')}
              errorPrefix={errorPrefix}
            />
            <TextInput
              id="maxYuan"
              name="maxYuan"
              label={t('priceMax')}
              value={query.maxYuanText}
              inputmode="decimal"
              prefix="¥"
              spellcheck={false}
              autocomplete="off"
              error={errorFor('maxYuan')}
              errorPrefix={errorPrefix}
            />
          </div>
        </Fieldset>
      </div>
      <Radios
        idPrefix="subsidy"
        name="subsidy"
        legend={t('filterSubsidy')}
        legendSize="s"
        small
        value={query.subsidy ?? 'all'}
        items={[
          {
            value: 'all',
            text: withCount(
              t('subsidyAll'),
              facets.inSubsidyCatalog.true + facets.inSubsidyCatalog.false,
              locale,
            ),
          },
          { value: 'yes', text: withCount(t('subsidyYes'), facets.inSubsidyCatalog.true, locale) },
          { value: 'no', text: withCount(t('subsidyNo'), facets.inSubsidyCatalog.false, locale) },
        ]}
      />
      {rangeIds.length > 0 && (
        <div class="fj-form-group">
          <Fieldset legend={t('filterRanges')} legendSize="s">
            {rangeIds.map((attributeId) => (
              <RangeFields
                key={attributeId}
                t={t}
                locale={locale}
                attributeId={attributeId}
                facet={facets.ranges.find((r) => r.attributeId === attributeId)}
                typed={query.ranges.find((r) => r.attributeId === attributeId)}
                errorFor={errorFor}
                errorPrefix={errorPrefix}
              />
            ))}
          </Fieldset>
        </div>
      )}
      <div class="fj-filters__actions">
        <Button>{t('applyFilters')}</Button>
        <a href={catalogHref(clearPairs)} class="fj-body">
          {t('clearFilters')}
        </a>
      </div>
    </form>
  );
}

/** Most range filters a long form can usefully hold; the attributes most products have come first. */
const maxRangeFilters = 8;

/**
 * Technical ranges worth offering: numeric attributes at least two of the
 * products have (all of them when there is only one), with values that differ.
 */
function offeredRanges(ranges: Facets['ranges'], total: number): string[] {
  return ranges
    .filter((r) => attributeDefinition(r.attributeId)?.kind === 'number')
    .filter((r) => (r.count >= 2 || total <= 1) && (r.min < r.max || total <= 1))
    .sort((a, b) => b.count - a.count || a.attributeId.localeCompare(b.attributeId))
    .slice(0, maxRangeFilters)
    .map((r) => r.attributeId);
}

/** The known order first (as the standard lists them), then anything else. */
function unionOrder(order: readonly string[], extra: readonly string[]): string[] {
  return [...new Set([...order, ...extra])];
}

function RangeFields({
  t,
  locale,
  attributeId,
  facet,
  typed,
  errorFor,
  errorPrefix,
}: {
  t: PublicCatalogTranslate;
  locale: Locale;
  attributeId: string;
  facet: Facets['ranges'][number] | undefined;
  typed: CatalogQuery['ranges'][number] | undefined;
  errorFor: (field: string) => string | undefined;
  errorPrefix: string;
}): VNode | null {
  const definition = attributeDefinition(attributeId);
  if (!definition) return null;
  const minId = rangeFieldId('min', attributeId);
  const maxId = rangeFieldId('max', attributeId);
  const hintId = `range-${attributeId}-hint`;
  const unit = definition.unit ? ` ${unitLabel(definition.unit, locale)}` : '';
  return (
    <div class="fj-catalog__range">
      <Fieldset legend={attributeLabel(definition, locale)} describedBy={facet ? hintId : undefined}>
        {facet && (
          <div class="fj-hint" id={hintId}>
            {t('rangeHint', {
              min: `${formatNumber(facet.min, locale)}${unit}`,
              max: `${formatNumber(facet.max, locale)}${unit}`,
            })}
          </div>
        )}
        <div class="fj-catalog__pair">
          <TextInput
            id={minId}
            name={`min_${attributeId}`}
            label={t('rangeFrom')}
            value={typed?.minText}
            inputmode="decimal"
            spellcheck={false}
            autocomplete="off"
            error={errorFor(minId)}
            errorPrefix={errorPrefix}
          />
          <TextInput
            id={maxId}
            name={`max_${attributeId}`}
            label={t('rangeTo')}
            value={typed?.maxText}
            inputmode="decimal"
            spellcheck={false}
            autocomplete="off"
            error={errorFor(maxId)}
            errorPrefix={errorPrefix}
          />
        </div>
      </Fieldset>
    </div>
  );
}

interface ResultsProps {
  t: PublicCatalogTranslate;
  locale: Locale;
  query: CatalogQuery;
  result: SearchOutcome;
  tree: ClassTree;
  suppliers: ReadonlyMap<string, { zh: string; en: string }>;
}

function Results({ t, locale, query, result, tree, suppliers }: ResultsProps): VNode {
  const pairs = queryPairs(query);
  const totalPages = Math.max(1, Math.ceil(result.total / pageSize));
  const hrefForPage = (page: number) =>
    catalogHref([
      ...pairs.filter(([key]) => key !== 'page'),
      ...(page > 1 ? [['page', String(page)] as [string, string]] : []),
    ]);
  return (
    <>
      <h2 class="fj-heading-m fj-catalog__count">
        {result.total === 1 ? t('resultsFoundOne') : t('resultsFound', { count: result.total })}
      </h2>
      {query.q !== '' && result.corrections.length > 0 && (
        <p class="fj-body fj-catalog__notice">
          {withData(t('showingFor', { to: slot(0), from: slot(1) }), [
            <Text key="to" text={correctedQuery(query.q, result.corrections)} locale={locale} />,
            <Text key="from" text={query.q} locale={locale} />,
          ])}
        </p>
      )}
      {query.q !== '' && result.mode === 'any' && result.total > 0 && (
        <p class="fj-body fj-catalog__notice">{t('anyWordMode')}</p>
      )}
      <SelectedFilters t={t} locale={locale} query={query} tree={tree} suppliers={suppliers} />
      {result.total === 0 && <NoResults t={t} />}
      {result.items.length > 0 && (
        <form
          method="get"
          action="/products/compare"
          class="fj-catalog__compare"
          aria-labelledby="compare-heading"
        >
          <div class="fj-catalog__compare-bar">
            <h3 class="fj-visually-hidden" id="compare-heading">
              {t('compareHeading')}
            </h3>
            <p class="fj-hint fj-catalog__compare-hint" id="compare-hint">
              {t('compareHint')}
            </p>
            <Button variant="secondary">{t('compareButton')}</Button>
          </div>
          <ul class="fj-product-list" aria-label={t('resultsList')}>
            {result.items.map((item) => (
              <ResultItem key={item.id} t={t} locale={locale} item={item} tree={tree} />
            ))}
          </ul>
          <Button variant="secondary">{t('compareButton')}</Button>
        </form>
      )}
      <Pagination
        label={t('pagination')}
        currentPage={Math.min(query.page, totalPages)}
        totalPages={totalPages}
        hrefForPage={hrefForPage}
        previousText={t('previous')}
        nextText={t('next')}
        pageLabel={(page) => t('page', { page })}
      />
    </>
  );
}

function ResultItem({
  t,
  locale,
  item,
  tree,
}: {
  t: PublicCatalogTranslate;
  locale: Locale;
  item: ProductSummary;
  tree: ClassTree;
}): VNode {
  const node = classPath(tree, item.isoCode).at(-1);
  const otherName = locale === 'en' ? item.nameZh : item.nameEn;
  const otherLang: Locale = locale === 'en' ? 'zh-CN' : 'en';
  const checkboxId = `compare-${item.id}`;
  return (
    <li class="fj-product-list__item">
      <h3 class="fj-product-list__title">
        <a href={`/products/${item.id}`}>
          <Named zh={item.nameZh} en={item.nameEn} locale={locale} />
        </a>
      </h3>
      {otherName.trim() !== '' && otherName !== pick(item.nameZh, item.nameEn, locale) && (
        <p class="fj-product-list__other-name" lang={otherLang}>
          {otherName}
        </p>
      )}
      {(item.inSubsidyCatalog || item.isDemo) && (
        <p class="fj-tag-list">
          {item.inSubsidyCatalog && <Tag text={t('tagSubsidy')} colour="green" />}
          {item.isDemo && <Tag text={t('tagDemo')} colour="yellow" />}
        </p>
      )}
      <dl class="fj-product-list__facts">
        <div class="fj-product-list__fact">
          <dt>{t('classLabel')}</dt>
          <dd>
            <span class="fj-product-list__code">{formatIsoCode(item.isoCode)}</span>
            {node ? ` ${nodeTitle(node, locale)}` : ''}
          </dd>
        </div>
        <div class="fj-product-list__fact">
          <dt>{t('supplierLabel')}</dt>
          <dd>
            <Named zh={item.supplierNameZh} en={item.supplierNameEn} locale={locale} />
          </dd>
        </div>
        <div class="fj-product-list__fact">
          <dt>{t('priceLabel')}</dt>
          <dd>{formatYuan(item.priceFen, locale)}</dd>
        </div>
        {item.functionAreas.length > 0 && (
          <div class="fj-product-list__fact">
            <dt>{t('functionAreasLabel')}</dt>
            <dd class="fj-tag-list">
              {item.functionAreas.map((area) => (
                <Tag key={area} text={functionAreaLabel(t, area)} colour="blue" />
              ))}
            </dd>
          </div>
        )}
        {item.disabilityCategories.length > 0 && (
          <div class="fj-product-list__fact">
            <dt>{t('disabilityCategoriesLabel')}</dt>
            <dd class="fj-tag-list">
              {item.disabilityCategories.map((category) => (
                <Tag key={category} text={disabilityLabel(t, category)} colour="grey" />
              ))}
            </dd>
          </div>
        )}
      </dl>
      <div class="fj-checkboxes fj-checkboxes--small fj-product-list__compare">
        <div class="fj-checkboxes__item">
          <input
            class="fj-checkboxes__input"
            id={checkboxId}
            name="id"
            type="checkbox"
            value={item.id}
            aria-describedby="compare-hint"
          />
          <label class="fj-label fj-checkboxes__label" for={checkboxId}>
            {t('addToCompare')}
            <span class="fj-visually-hidden">
              {locale === 'en' ? ': ' : '：'}
              <Named zh={item.nameZh} en={item.nameEn} locale={locale} />
            </span>
          </label>
        </div>
      </div>
    </li>
  );
}

function SelectedFilters({
  t,
  locale,
  query,
  tree,
  suppliers,
}: {
  t: PublicCatalogTranslate;
  locale: Locale;
  query: CatalogQuery;
  tree: ClassTree;
  suppliers: ReadonlyMap<string, { zh: string; en: string }>;
}): VNode | null {
  const pairs = queryPairs(query).filter(([key]) => key !== 'page');
  const without = (remove: (key: string, value: string) => boolean) =>
    catalogHref(pairs.filter(([key, value]) => !remove(key, value)));
  // Each chip's words are made twice (shown, and inside the remove link), so they are a function.
  const chips: { text: () => ComponentChildren; href: string }[] = [];
  if (query.q !== '')
    chips.push({
      text: () => withData(t('selectedQuery', { q: slot(0) }), [<Text text={query.q} locale={locale} />]),
      href: without((k) => k === 'q'),
    });
  const { iso, minFen, maxFen } = query;
  if (iso !== undefined) {
    const node = tree.byCode.get(iso);
    chips.push({
      text: () =>
        `${t('filterClass')}${locale === 'en' ? ': ' : '：'}${formatIsoCode(iso)}${node ? ` ${nodeTitle(node, locale)}` : ''}`,
      href: without((k) => k === 'iso'),
    });
  }
  const colon = locale === 'en' ? ': ' : '：';
  for (const value of query.functionAreas)
    chips.push({
      text: () => `${t('filterFunction')}${colon}${functionAreaLabel(t, value)}`,
      href: without((k, v) => k === 'function' && v === value),
    });
  for (const value of query.disabilityCategories)
    chips.push({
      text: () => `${t('filterDisability')}${colon}${disabilityLabel(t, value)}`,
      href: without((k, v) => k === 'disability' && v === value),
    });
  for (const id of query.supplierIds) {
    const names = suppliers.get(id);
    chips.push({
      text: () => [
        `${t('filterSupplier')}${colon}`,
        names ? <Named zh={names.zh} en={names.en} locale={locale} /> : id,
      ],
      href: without((k, v) => k === 'supplier' && v === id),
    });
  }
  if (minFen !== undefined)
    chips.push({
      text: () => t('selectedPriceMin', { amount: formatYuan(minFen, locale) }),
      href: without((k) => k === 'minYuan'),
    });
  if (maxFen !== undefined)
    chips.push({
      text: () => t('selectedPriceMax', { amount: formatYuan(maxFen, locale) }),
      href: without((k) => k === 'maxYuan'),
    });
  if (query.subsidy !== undefined)
    chips.push({
      text: () => (query.subsidy === 'yes' ? t('subsidyYes') : t('subsidyNo')),
      href: without((k) => k === 'subsidy'),
    });
  for (const range of query.ranges) {
    const definition = attributeDefinition(range.attributeId);
    if (!definition || (range.min === undefined && range.max === undefined)) continue;
    const unit = definition.unit ? ` ${unitLabel(definition.unit, locale)}` : '';
    const min = range.min === undefined ? undefined : `${formatNumber(range.min, locale)}${unit}`;
    const max = range.max === undefined ? undefined : `${formatNumber(range.max, locale)}${unit}`;
    const span =
      min !== undefined && max !== undefined
        ? t('rangeBetween', { min, max })
        : min !== undefined
          ? t('rangeAtLeast', { min })
          : t('rangeAtMost', { max: max ?? '' });
    chips.push({
      text: () => t('selectedRange', { attribute: attributeName(definition, locale), range: span }),
      href: without((k) => k === `min_${range.attributeId}` || k === `max_${range.attributeId}`),
    });
  }
  if (chips.length === 0) return null;
  return (
    <div class="fj-selected-filters">
      <h3 class="fj-heading-s fj-selected-filters__heading" id="selected-filters-heading">
        {t('selectedFilters')}
      </h3>
      <ul class="fj-selected-filters__list" aria-labelledby="selected-filters-heading">
        {chips.map((chip) => (
          <li class="fj-selected-filters__item" key={chip.href}>
            <span class="fj-selected-filters__text">{chip.text()}</span>{' '}
            <a href={chip.href} class="fj-selected-filters__remove">
              {t('removeFilter')}
              <span class="fj-visually-hidden">
                {' '}
                {withData(t('removeFilterHidden', { filter: slot(0) }), [chip.text()])}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function NoResults({ t }: { t: PublicCatalogTranslate }): VNode {
  return (
    <div class="fj-catalog__empty">
      <h3 class="fj-heading-s">{t('noResultsTitle')}</h3>
      <p class="fj-body">{t('noResultsIntro')}</p>
      <ul class="fj-list">
        <li>{t('noResultsSpelling')}</li>
        <li>{t('noResultsFewer')}</li>
        <li>{t('noResultsFilters')}</li>
        <li>
          <a href="/products">{t('noResultsBrowse')}</a>
        </li>
      </ul>
    </div>
  );
}
