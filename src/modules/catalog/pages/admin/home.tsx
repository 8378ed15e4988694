import type { FastifyInstance } from 'fastify';
import { type Action, mayEver, reach } from '../../../../platform/auth/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { Table, type TableCell } from '../../../../platform/ui/index.ts';
import type { CatalogServices } from '../../catalogServices.ts';
import { productStatuses } from '../../domain/product.ts';
import { listProducts } from '../../productsRepo.ts';
import { supplierMessages } from '../supplier/messages.ts';
import { signedIn } from '../supplier/shared.tsx';
import { type AdminKey, catalogAdminMessages } from './messages.ts';
import { CatalogAdminPage } from './shared.tsx';

/** GET /admin/catalog: what waits for review, products by status, and the sections this user may use. */
export function catalogHomePage(app: FastifyInstance, services: CatalogServices, deps: ModuleDeps): void {
  const { db } = services;
  const { config, assets } = deps;

  app.get(
    '/admin/catalog',
    { config: { access: 'product.review' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const actor = signedIn(request);
      const ctx = pageContext(config, assets, request, reply);
      const t = catalogAdminMessages.for(ctx.locale);
      const ts = supplierMessages.for(ctx.locale);
      // Counted within the reviewer's reach, as the lists are (SECURITY.md 7).
      const within = reach(actor, 'product.review');
      const count = async (filter: { awaitingReview?: boolean; status?: (typeof productStatuses)[number] }) =>
        (await listProducts(db, { reach: within, ...filter, offset: 0, limit: 1 })).total;
      const awaiting = await count({ awaitingReview: true });
      const byStatus = await Promise.all(
        productStatuses.map(async (status) => ({ status, n: await count({ status }) })),
      );
      const sections: { action: Action; href: string; title: AdminKey; text: AdminKey }[] = [
        {
          action: 'product.review',
          href: '/admin/catalog/review',
          title: 'sectionReview',
          text: 'sectionReviewText',
        },
        {
          action: 'product.read',
          href: '/supplier/products',
          title: 'sectionProducts',
          text: 'sectionProductsText',
        },
        {
          action: 'classification.update',
          href: '/admin/catalog/classification',
          title: 'sectionClassification',
          text: 'sectionClassificationText',
        },
        {
          action: 'synonym.update',
          href: '/admin/catalog/synonyms',
          title: 'sectionSynonyms',
          text: 'sectionSynonymsText',
        },
      ];
      return sendPage(
        reply,
        <CatalogAdminPage ctx={ctx} title={t('indexTitle')} crumbs={[]}>
          <h1 class="fj-heading-l">{t('indexTitle')}</h1>
          <p class="fj-body">{t('indexLead')}</p>
          <p class="fj-lead">
            {awaiting === 0 ? (
              t('noneAwaiting')
            ) : (
              <a href="/admin/catalog/review">{t('awaitingCount', { count: awaiting })}</a>
            )}
          </p>
          {sections
            .filter((section) => mayEver(actor, section.action))
            .map((section) => (
              <div key={section.href}>
                <h2 class="fj-heading-m">
                  <a href={section.href}>{t(section.title)}</a>
                </h2>
                <p class="fj-body">{t(section.text)}</p>
              </div>
            ))}
          <Table
            caption={t('countsCaption')}
            captionSize="m"
            firstCellIsHeader
            columns={[{ header: t('colStatus') }, { header: t('colCount'), numeric: true }]}
            rows={byStatus.map(({ status, n }): TableCell[] => [
              ts(`status_${status}`),
              mayEver(actor, 'product.read')
                ? { content: <a href={`/supplier/products?status=${status}`}>{n}</a>, numeric: true }
                : n,
            ])}
          />
        </CatalogAdminPage>,
      );
    },
  );
}
