import type { ComponentChildren, VNode } from 'preact';
import type { Locale } from '../../../../platform/i18n/index.ts';
import { formatYuan } from '../../../../platform/i18n/index.ts';
import {
  Breadcrumbs,
  Button,
  Checkboxes,
  ErrorSummary,
  Layout,
  NotificationBanner,
  type PageContext,
  shellMessages,
} from '../../../../platform/ui/index.ts';
import { attributeDefinition } from '../../domain/attributes.ts';
import type { ProductRecord, ProductVersion } from '../../productsRepo.ts';
import {
  AttributeValue,
  attributeLabel,
  disabilityLabel,
  formatIsoCode,
  functionAreaLabel,
  Named,
  orderedAttributeIds,
  pick,
  Text,
} from './format.tsx';
import { type ClassTree, classPath, nodeTitle } from './lookups.ts';
import type { PublicCatalogTranslate } from './messages.ts';

/** More columns than this no longer fit a phone or a magnified screen. */
export const maxCompared = 4;

export const compareHref = (ids: readonly string[]): string =>
  ids.length === 0
    ? '/products/compare'
    : `/products/compare?${new URLSearchParams(ids.map((id) => ['id', id]))}`;

export interface Compared {
  readonly product: ProductRecord;
  readonly version: ProductVersion;
}

interface CompareShellProps {
  ctx: PageContext;
  t: PublicCatalogTranslate;
  title: string;
  hasErrors?: boolean;
  children: ComponentChildren;
}

function CompareShell({ ctx, t, title, hasErrors = false, children }: CompareShellProps): VNode {
  const shell = shellMessages.for(ctx.locale);
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors}>
      <Breadcrumbs
        label={shell('breadcrumbs')}
        items={[
          { text: shell('navHome'), href: '/' },
          { text: t('catalogTitle'), href: '/products' },
          { text: t('compareTitle') },
        ]}
      />
      {children}
      <p class="fj-body">
        <a href="/products">{t('backToCatalog')}</a>
      </p>
    </Layout>
  );
}

/**
 * More than four products were chosen: the choice is shown again, all ticked,
 * so some can be unticked and the comparison asked for again.
 */
export function TooManyPage({
  ctx,
  t,
  chosen,
}: {
  ctx: PageContext;
  t: PublicCatalogTranslate;
  chosen: readonly { id: string; nameZh: string; nameEn: string }[];
}): VNode {
  const { locale } = ctx;
  const shell = shellMessages.for(locale);
  return (
    <CompareShell ctx={ctx} t={t} title={t('compareTooManyTitle')} hasErrors>
      <ErrorSummary title={t('errorSummary')} errors={[{ href: '#id', text: t('compareTooMany') }]} />
      <h1 class="fj-heading-l">{t('compareTooManyTitle')}</h1>
      <p class="fj-body">{t('compareTooManyBody', { count: chosen.length })}</p>
      <form method="get" action="/products/compare" novalidate>
        <Checkboxes
          idPrefix="id"
          name="id"
          legend={t('compareChoose')}
          legendSize="m"
          error={t('compareTooMany')}
          errorPrefix={shell('errorPrefix')}
          values={chosen.map((c) => c.id)}
          items={chosen.map((c) => ({ value: c.id, text: pick(c.nameZh, c.nameEn, locale) }))}
        />
        <Button>{t('compareButton')}</Button>
      </form>
    </CompareShell>
  );
}

const Missing = ({ t }: { t: PublicCatalogTranslate }): VNode => (
  <>
    <span aria-hidden="true">—</span>
    <span class="fj-visually-hidden">{t('notStated')}</span>
  </>
);

interface Row {
  readonly key: string;
  readonly header: string;
  readonly cells: readonly (ComponentChildren | null)[];
}

function rowsFor(
  t: PublicCatalogTranslate,
  locale: Locale,
  tree: ClassTree,
  compared: readonly Compared[],
): Row[] {
  const listOrMissing = (items: readonly string[], label: (value: string) => string) =>
    items.length === 0 ? null : items.map(label).join(locale === 'en' ? ', ' : '、');
  const rows: Row[] = [
    {
      key: 'class',
      header: t('classLabel'),
      cells: compared.map(({ version }) => {
        const node = classPath(tree, version.details.isoCode).at(-1);
        return (
          <>
            <span class="fj-product__code">{formatIsoCode(version.details.isoCode)}</span>
            {node ? ` ${nodeTitle(node, locale)}` : ''}
          </>
        );
      }),
    },
    {
      key: 'supplier',
      header: t('supplierLabel'),
      cells: compared.map(({ product }) => (
        <Named zh={product.supplierNameZh} en={product.supplierNameEn} locale={locale} />
      )),
    },
    {
      key: 'price',
      header: t('priceLabel'),
      cells: compared.map(({ version }) => formatYuan(version.details.priceFen, locale)),
    },
    {
      key: 'subsidy',
      header: t('subsidyLabel'),
      cells: compared.map(({ product }) => (product.inSubsidyCatalog ? t('inCatalog') : t('notInCatalog'))),
    },
    {
      key: 'function',
      header: t('functionAreasLabel'),
      cells: compared.map(({ version }) =>
        listOrMissing(version.details.functionAreas, (a) => functionAreaLabel(t, a)),
      ),
    },
    {
      key: 'disability',
      header: t('disabilityCategoriesLabel'),
      cells: compared.map(({ version }) =>
        listOrMissing(version.details.disabilityCategories, (c) => disabilityLabel(t, c)),
      ),
    },
  ];
  const attributeIds = orderedAttributeIds(
    compared.flatMap(({ version }) => Object.keys(version.details.attributes)),
  );
  for (const id of attributeIds) {
    const definition = attributeDefinition(id);
    rows.push({
      key: `attribute-${id}`,
      header: definition ? attributeLabel(definition, locale) : id,
      cells: compared.map(({ version }) => {
        const value = version.details.attributes[id];
        return value === undefined || value === '' ? null : (
          <AttributeValue definition={definition} value={value} locale={locale} />
        );
      }),
    });
  }
  rows.push(
    {
      key: 'registration',
      header: t('registrationNumber'),
      cells: compared.map(({ version }) =>
        version.details.registrationNumber ? (
          <Text text={version.details.registrationNumber} locale={locale} />
        ) : null,
      ),
    },
    {
      key: 'certifications',
      header: t('certifications'),
      cells: compared.map(({ version }) =>
        version.details.certifications.length === 0 ? null : (
          <ul class="fj-compare__list">
            {version.details.certifications.map((c) => (
              <li key={c}>
                <Text text={c} locale={locale} />
              </li>
            ))}
          </ul>
        ),
      ),
    },
  );
  return rows;
}

export function ComparePage({
  ctx,
  t,
  compared,
  skipped,
  tree,
}: {
  ctx: PageContext;
  t: PublicCatalogTranslate;
  compared: readonly Compared[];
  skipped: number;
  tree: ClassTree;
}): VNode {
  const { locale } = ctx;
  const ids = compared.map(({ product }) => product.id);
  return (
    <CompareShell ctx={ctx} t={t} title={t('compareTitle')}>
      <h1 class="fj-heading-l">{t('compareTitle')}</h1>
      {skipped > 0 && (
        <NotificationBanner title={t('compareSkippedTitle')} titleId="compare-skipped">
          <p class="fj-body">{t('compareSkipped', { count: skipped })}</p>
        </NotificationBanner>
      )}
      {compared.length === 0 ? (
        <p class="fj-body">{t('compareNone')}</p>
      ) : (
        <>
          {compared.length === 1 && <p class="fj-body">{t('compareOne')}</p>}
          <section class="fj-table-container fj-compare" aria-labelledby="compare-caption" tabindex={0}>
            <table class="fj-table fj-compare__table">
              <caption class="fj-table__caption fj-table__caption--m" id="compare-caption">
                {t('compareCaption', { count: compared.length })}
              </caption>
              <thead class="fj-table__head">
                <tr class="fj-table__row">
                  <th scope="col" class="fj-table__header fj-compare__corner">
                    {t('compareItem')}
                  </th>
                  {compared.map(({ product, version }) => (
                    <th scope="col" class="fj-table__header fj-compare__product" key={product.id}>
                      <a href={`/products/${product.id}`} class="fj-compare__name">
                        <Named zh={version.details.nameZh} en={version.details.nameEn} locale={locale} />
                      </a>
                      <a href={compareHref(ids.filter((id) => id !== product.id))} class="fj-compare__remove">
                        {t('removeProduct')}
                        <span class="fj-visually-hidden">
                          {' '}
                          <Named zh={version.details.nameZh} en={version.details.nameEn} locale={locale} />
                        </span>
                      </a>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody class="fj-table__body">
                {rowsFor(t, locale, tree, compared).map((row) => (
                  <tr class="fj-table__row" key={row.key}>
                    <th scope="row" class="fj-table__header">
                      {row.header}
                    </th>
                    {row.cells.map((cell, index) => (
                      <td class="fj-table__cell" key={ids[index]}>
                        {cell === null || cell === undefined ? <Missing t={t} /> : cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </CompareShell>
  );
}
