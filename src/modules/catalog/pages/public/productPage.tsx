import type { VNode } from 'preact';
import { formatDateTime, formatYuan, type Locale } from '../../../../platform/i18n/index.ts';
import {
  Breadcrumbs,
  Button,
  Layout,
  NotificationBanner,
  type PageContext,
  SummaryList,
  shellMessages,
  Table,
  Tag,
} from '../../../../platform/ui/index.ts';
import { attributeDefinition } from '../../domain/attributes.ts';
import type { ProductDocument } from '../../domain/product.ts';
import type { ProductRecord, ProductVersion } from '../../productsRepo.ts';
import { catalogHref } from './catalogQuery.ts';
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
import type { PublicCatalogKey, PublicCatalogTranslate } from './messages.ts';

export interface ProductPageProps {
  ctx: PageContext;
  t: PublicCatalogTranslate;
  product: ProductRecord;
  version: ProductVersion;
  tree: ClassTree;
  /** Every published version, newest first. */
  versions: readonly ProductVersion[];
  /** The older generation this product replaces, if it is still published. */
  replaces: { id: string; nameZh: string; nameEn: string } | undefined;
  successors: readonly { id: string; nameZh: string; nameEn: string }[];
}

const documentKinds: Record<ProductDocument['kind'], PublicCatalogKey> = {
  manual: 'docManual',
  brochure: 'docBrochure',
  test_report: 'docTestReport',
  video: 'docVideo',
  other: 'docOther',
};

/** Paragraphs from text with line breaks. */
function Paragraphs({ text, lang, locale }: { text: string; lang: Locale; locale: Locale }): VNode {
  return (
    <div lang={lang === locale ? undefined : lang} class="fj-product__description">
      {text
        .split(/\n+/)
        .filter((line) => line.trim() !== '')
        .map((line, index) => (
          <p class="fj-body" key={index}>
            {line}
          </p>
        ))}
    </div>
  );
}

export function ProductPage({
  ctx,
  t,
  product,
  version,
  tree,
  versions,
  replaces,
  successors,
}: ProductPageProps): VNode {
  const { locale } = ctx;
  const shell = shellMessages.for(locale);
  const d = version.details;
  const name = pick(d.nameZh, d.nameEn, locale);
  const nameLang: Locale = locale === 'en' && d.nameEn.trim() !== '' ? 'en' : 'zh-CN';
  const otherName = locale === 'en' ? d.nameZh : d.nameEn;
  const path = classPath(tree, d.isoCode);
  const division = tree.byCode.get(d.isoCode);
  const attributeIds = orderedAttributeIds(Object.keys(d.attributes));
  const descriptions = [
    { lang: 'zh-CN' as const, text: d.descriptionZh, heading: t('descriptionZh') },
    { lang: 'en' as const, text: d.descriptionEn, heading: t('descriptionEn') },
  ]
    .filter((x) => x.text.trim() !== '')
    .sort((a, b) => (a.lang === locale ? -1 : b.lang === locale ? 1 : 0));
  const none = <span>{t('none')}</span>;
  return (
    <Layout ctx={ctx} title={`${name} - ${t('catalogTitle')}`}>
      <Breadcrumbs
        label={shell('breadcrumbs')}
        items={[
          { text: shell('navHome'), href: '/' },
          { text: t('catalogTitle'), href: '/products' },
          ...path.map((node) => ({
            text: `${formatIsoCode(node.code)} ${nodeTitle(node, locale)}`,
            href: catalogHref([['iso', node.code]]),
          })),
          { text: name },
        ]}
      />
      <h1 class="fj-heading-l fj-product__name" lang={nameLang === locale ? undefined : nameLang}>
        {name}
      </h1>
      {otherName.trim() !== '' && otherName !== name && (
        <p class="fj-lead fj-product__other-name">
          <span class="fj-visually-hidden">{`${t('otherName')}${locale === 'en' ? ': ' : '：'}`}</span>
          <span lang={locale === 'en' ? 'zh-CN' : 'en'}>{otherName}</span>
        </p>
      )}
      {product.isDemo && (
        <NotificationBanner title={t('demoTitle')} titleId="demo-notice" heading={t('demoNotice')} />
      )}
      {product.inSubsidyCatalog && (
        <p class="fj-tag-list">
          <Tag text={t('tagSubsidy')} colour="green" />
        </p>
      )}
      <h2 class="fj-heading-m">{t('productDetails')}</h2>
      <SummaryList
        rows={[
          {
            key: t('modelLabel'),
            value: d.model.trim() === '' ? none : <Text text={d.model} locale={locale} />,
          },
          {
            key: t('supplierLabel'),
            value: <Named zh={product.supplierNameZh} en={product.supplierNameEn} locale={locale} />,
          },
          {
            key: t('classLabel'),
            value:
              path.length === 0 ? (
                <span class="fj-product__code">{formatIsoCode(d.isoCode)}</span>
              ) : (
                <ol class="fj-class-path">
                  {path.map((node) => (
                    <li key={node.code}>
                      <a href={catalogHref([['iso', node.code]])}>
                        <span class="fj-product__code">{formatIsoCode(node.code)}</span>{' '}
                        {nodeTitle(node, locale)}
                      </a>
                    </li>
                  ))}
                </ol>
              ),
          },
          {
            key: t('codeCheck'),
            value: division?.verified ? t('codeVerified') : t('codeUnverified'),
          },
          { key: t('priceLabel'), value: formatYuan(d.priceFen, locale) },
          { key: t('subsidyLabel'), value: product.inSubsidyCatalog ? t('inCatalog') : t('notInCatalog') },
          {
            key: t('functionAreasLabel'),
            value:
              d.functionAreas.length === 0 ? (
                none
              ) : (
                <span class="fj-tag-list">
                  {d.functionAreas.map((area) => (
                    <Tag key={area} text={functionAreaLabel(t, area)} colour="blue" />
                  ))}
                </span>
              ),
          },
          {
            key: t('disabilityCategoriesLabel'),
            value:
              d.disabilityCategories.length === 0 ? (
                none
              ) : (
                <span class="fj-tag-list">
                  {d.disabilityCategories.map((category) => (
                    <Tag key={category} text={disabilityLabel(t, category)} colour="grey" />
                  ))}
                </span>
              ),
          },
          {
            key: t('registrationNumber'),
            value: d.registrationNumber ? <Text text={d.registrationNumber} locale={locale} /> : none,
          },
          {
            key: t('certifications'),
            value:
              d.certifications.length === 0 ? (
                none
              ) : (
                <ul class="fj-product__certifications">
                  {d.certifications.map((c) => (
                    <li key={c}>
                      <Text text={c} locale={locale} />
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
      <form method="get" action="/products/compare" class="fj-product__compare">
        <input type="hidden" name="id" value={product.id} />
        <Button variant="secondary">{t('addToCompare')}</Button>
      </form>
      {descriptions.length > 0 && (
        <>
          <h2 class="fj-heading-m">{t('descriptionHeading')}</h2>
          {descriptions.map((description, index) => (
            <div key={description.lang}>
              {(index > 0 || description.lang !== locale) && (
                <h3 class="fj-heading-s">{description.heading}</h3>
              )}
              <Paragraphs text={description.text} lang={description.lang} locale={locale} />
            </div>
          ))}
        </>
      )}
      <h2 class="fj-heading-m" id="attributes-heading">
        {t('attributesHeading')}
      </h2>
      {attributeIds.length === 0 ? (
        <p class="fj-body">{t('noAttributes')}</p>
      ) : (
        <div class="fj-product__table">
          <Table
            caption={t('attributesHeading')}
            captionVisuallyHidden
            firstCellIsHeader
            columns={[{ header: t('colAttribute') }, { header: t('colValue') }]}
            rows={attributeIds.map((id) => {
              const definition = attributeDefinition(id);
              const value = d.attributes[id] as number | string;
              return [
                definition ? attributeLabel(definition, locale) : id,
                { content: <AttributeValue definition={definition} value={value} locale={locale} /> },
              ];
            })}
          />
        </div>
      )}
      {d.images.length > 0 && (
        <>
          <h2 class="fj-heading-m">{t('imagesHeading')}</h2>
          <ul class="fj-product__images">
            {d.images.map((image) => (
              <li key={image.url}>
                <img src={image.url} alt={pick(image.altZh, image.altEn, locale)} loading="lazy" />
              </li>
            ))}
          </ul>
        </>
      )}
      {d.documents.length > 0 && (
        <>
          <h2 class="fj-heading-m">{t('documentsHeading')}</h2>
          <ul class="fj-list">
            {d.documents.map((document) => (
              <li key={document.url}>
                <a href={document.url}>
                  <Named zh={document.titleZh} en={document.titleEn} locale={locale} />
                </a>{' '}
                ({t(documentKinds[document.kind])})
              </li>
            ))}
          </ul>
        </>
      )}
      {(replaces !== undefined || successors.length > 0) && (
        <>
          <h2 class="fj-heading-m">{t('lineageHeading')}</h2>
          {replaces !== undefined && (
            <p class="fj-body">
              {t('replaces')}{' '}
              <a href={`/products/${replaces.id}`}>
                <Named zh={replaces.nameZh} en={replaces.nameEn} locale={locale} />
              </a>
            </p>
          )}
          {successors.length > 0 && (
            <>
              <p class="fj-body">{t('newerGeneration')}</p>
              <ul class="fj-list">
                {successors.map((successor) => (
                  <li key={successor.id}>
                    <a href={`/products/${successor.id}`}>
                      <Named zh={successor.nameZh} en={successor.nameEn} locale={locale} />
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <h2 class="fj-heading-m">{t('versionsHeading')}</h2>
      <div class="fj-product__table">
        <Table
          caption={t('versionsCaption')}
          captionVisuallyHidden
          firstCellIsHeader
          columns={[{ header: t('colVersion') }, { header: t('colPublished') }]}
          rows={versions.map((v) => [
            `${t('versionN', { version: v.version })}${v.version === version.version ? `${locale === 'en' ? ' ' : ''}${t('currentVersion')}` : ''}`,
            v.publishedAt ? formatDateTime(v.publishedAt, locale) : '',
          ])}
        />
      </div>
      <p class="fj-body">
        <a href={`/api/v1/products/${product.id}`} type="application/json">
          {t('openData')}
        </a>
      </p>
      <p class="fj-body">
        <a href="/products">{t('backToCatalog')}</a>
      </p>
    </Layout>
  );
}
