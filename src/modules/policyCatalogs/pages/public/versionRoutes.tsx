import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Queryable } from '../../../../platform/db/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import { type DisabilityCategory, disabilityCategories } from '../../../../platform/ids/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { type CatalogVersion, catalogInForce, listCatalogs } from '../../catalogsRepo.ts';
import type { CatalogKind } from '../../domain/items.ts';
import { writeRehabItemsXlsx, writeSubsidyItemsXlsx } from '../../spreadsheet/index.ts';
import type { VersionCache } from '../../versionCache.ts';
import { kindPath } from '../labels.ts';
import { notFound } from '../shared.tsx';
import { SubsidyItemPage } from './itemPage.tsx';
import { publicPolicyMessages } from './messages.ts';
import { RehabPrintPage, SubsidyPrintPage } from './printPage.tsx';
import { ItemParams, publicCatalog, YearParams } from './shared.tsx';
import { RehabVersionPage, SubsidyVersionPage, type VersionContext } from './versionPage.tsx';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const exportName: Readonly<Record<CatalogKind, string>> = {
  subsidy: 'subsidy-catalog',
  rehab: 'rehab-service-catalog',
};

const CategoryQuery = Type.Object({
  ...PageQuery.properties,
  category: Type.Optional(Type.String({ maxLength: 40 })),
});

const isCategory = (value: string): value is DisabilityCategory =>
  (disabilityCategories as readonly string[]).includes(value);

/** The version in force (when this is not it) and the public version of the year before. */
async function versionContext(db: Queryable, catalog: CatalogVersion): Promise<VersionContext> {
  const [inForce, versions] = await Promise.all([
    catalog.status === 'in_force' ? undefined : catalogInForce(db, catalog.kind),
    listCatalogs(db, catalog.kind, { includeDrafts: false }),
  ]);
  // Newest first, so the first earlier year is the one just before.
  const previous = versions.find((v) => v.year < catalog.year);
  return { catalog, inForce, previous };
}

/**
 * GET /<kind>/:year (the items; subsidy items filter by category), its
 * /print and /export.xlsx, and /subsidy-catalogs/:year/items/:code.
 */
export function versionRoutes(app: FastifyInstance, deps: ModuleDeps, cache: VersionCache): void {
  const { config, assets, db } = deps;

  app.get(
    `${kindPath.subsidy}/:year`,
    {
      config: { access: 'public', languageKeepsQuery: true },
      schema: { hide: true, params: YearParams, querystring: CategoryQuery },
    },
    async (request, reply) => {
      const { year } = request.params as { year: number };
      const raw = ((request.query as { category?: string }).category ?? '').trim();
      const catalog = await publicCatalog(db, 'subsidy', year);
      const [version, { items }] = await Promise.all([
        versionContext(db, catalog),
        cache.subsidyView(catalog),
      ]);
      const ctx = pageContext(config, assets, request, reply);
      const valid = raw === '' || isCategory(raw);
      const shown =
        raw !== '' && isCategory(raw) ? items.filter((i) => i.eligibleCategories.includes(raw)) : items;
      return sendPage(
        reply,
        <SubsidyVersionPage
          ctx={ctx}
          version={version}
          items={items}
          shown={shown}
          categories={disabilityCategories}
          category={valid ? raw : ''}
          {...(valid ? {} : { errors: { category: publicPolicyMessages.for(ctx.locale)('err_category') } })}
        />,
        valid ? 200 : 400,
      );
    },
  );

  app.get(
    `${kindPath.rehab}/:year`,
    { config: { access: 'public' }, schema: { hide: true, params: YearParams, querystring: PageQuery } },
    async (request, reply) => {
      const { year } = request.params as { year: number };
      const catalog = await publicCatalog(db, 'rehab', year);
      const [version, items] = await Promise.all([versionContext(db, catalog), cache.rehabItems(catalog)]);
      const ctx = pageContext(config, assets, request, reply);
      return sendPage(reply, <RehabVersionPage ctx={ctx} version={version} items={items} />);
    },
  );

  app.get(
    `${kindPath.subsidy}/:year/items/:code`,
    { config: { access: 'public' }, schema: { hide: true, params: ItemParams, querystring: PageQuery } },
    async (request, reply) => {
      const { year, code } = request.params as { year: number; code: string };
      const catalog = await publicCatalog(db, 'subsidy', year);
      const [version, { items, products }] = await Promise.all([
        versionContext(db, catalog),
        cache.subsidyView(catalog),
      ]);
      const item = items.find((i) => i.code === code);
      if (item === undefined) throw notFound();
      const ctx = pageContext(config, assets, request, reply);
      return sendPage(reply, <SubsidyItemPage ctx={ctx} version={version} item={item} products={products} />);
    },
  );

  app.get(
    `${kindPath.subsidy}/:year/print`,
    { config: { access: 'public' }, schema: { hide: true, params: YearParams, querystring: PageQuery } },
    async (request, reply) => {
      const catalog = await publicCatalog(db, 'subsidy', (request.params as { year: number }).year);
      const { items } = await cache.subsidyView(catalog);
      const ctx = pageContext(config, assets, request, reply);
      return sendPage(reply, <SubsidyPrintPage ctx={ctx} catalog={catalog} items={items} />);
    },
  );

  app.get(
    `${kindPath.rehab}/:year/print`,
    { config: { access: 'public' }, schema: { hide: true, params: YearParams, querystring: PageQuery } },
    async (request, reply) => {
      const catalog = await publicCatalog(db, 'rehab', (request.params as { year: number }).year);
      const items = await cache.rehabItems(catalog);
      const ctx = pageContext(config, assets, request, reply);
      return sendPage(reply, <RehabPrintPage ctx={ctx} catalog={catalog} items={items} />);
    },
  );

  for (const kind of ['subsidy', 'rehab'] as const) {
    app.get(
      `${kindPath[kind]}/:year/export.xlsx`,
      { config: { access: 'public' }, schema: { hide: true, params: YearParams, querystring: PageQuery } },
      async (request, reply) => {
        const catalog = await publicCatalog(db, kind, (request.params as { year: number }).year);
        // Built once per change of the version: a workbook takes tens of milliseconds to write.
        const body = await cache.derived('xlsx', [catalog], async () => {
          if (kind === 'rehab') return writeRehabItemsXlsx(await cache.rehabItems(catalog));
          const { items, products } = await cache.subsidyView(catalog);
          const models = new Map([...products].map(([id, summary]) => [id, summary.model]));
          return writeSubsidyItemsXlsx(items, models);
        });
        return reply
          .type(xlsxType)
          .header('content-disposition', `attachment; filename="${exportName[kind]}-${catalog.year}.xlsx"`)
          .send(body);
      },
    );
  }
}
