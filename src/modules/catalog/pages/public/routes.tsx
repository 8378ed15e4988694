import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { HttpError, PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import type { CatalogServices } from '../../catalogServices.ts';
import { isProductId, listVersions, successorsOf } from '../../productsRepo.ts';
import { listOf, toSearchRequest } from '../../searchQuery.ts';
import { CatalogPage, pageSize } from './catalogPage.tsx';
import {
  CatalogQuerySchema,
  parseCatalogQuery,
  type RawCatalogQuery,
  searchRanges,
  unique,
} from './catalogQuery.ts';
import { type Compared, ComparePage, maxCompared, TooManyPage } from './comparePage.tsx';
import { classTree, supplierNames } from './lookups.ts';
import { publicCatalogMessages } from './messages.ts';
import { ProductPage } from './productPage.tsx';

const CompareQuery = Type.Object({
  ...PageQuery.properties,
  id: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 800 }),
      Type.Array(Type.String({ maxLength: 800 }), { maxItems: 20 }),
    ]),
  ),
});

type Found = Awaited<ReturnType<CatalogServices['search']['search']>>;
type Request = Parameters<CatalogServices['search']['search']>[0];

/**
 * Counts for each group of choices as if none of that group were chosen, so
 * ticking one supplier does not hide the others and each count says how many
 * products that choice would show with the other filters (disjunctive facets).
 * The index is in memory: each extra count is a search of no rows.
 */
async function choiceCounts(
  services: CatalogServices,
  request: Request,
  facets: Found['facets'],
): Promise<Found['facets']> {
  const without = async (
    omit: 'iso' | 'functionAreas' | 'disabilityCategories' | 'supplierIds' | 'inSubsidyCatalog',
  ) => (await services.search.search({ ...request, [omit]: undefined, offset: 0, limit: 0 })).facets;
  const chosen = (values: readonly string[] | undefined) => values !== undefined && values.length > 0;
  const [classes, functionAreas, disabilityCategories, suppliers, subsidy] = await Promise.all([
    request.iso === undefined ? undefined : without('iso'),
    chosen(request.functionAreas) ? without('functionAreas') : undefined,
    chosen(request.disabilityCategories) ? without('disabilityCategories') : undefined,
    chosen(request.supplierIds) ? without('supplierIds') : undefined,
    request.inSubsidyCatalog === undefined ? undefined : without('inSubsidyCatalog'),
  ]);
  return {
    ...facets,
    classes: classes?.classes ?? facets.classes,
    functionAreas: functionAreas?.functionAreas ?? facets.functionAreas,
    disabilityCategories: disabilityCategories?.disabilityCategories ?? facets.disabilityCategories,
    suppliers: suppliers?.suppliers ?? facets.suppliers,
    inSubsidyCatalog: subsidy?.inSubsidyCatalog ?? facets.inSubsidyCatalog,
  };
}

/** The public catalog for residents and families: browse, search, one product, and a comparison. */
export function publicCatalogPages(app: FastifyInstance, services: CatalogServices, deps: ModuleDeps): void {
  const { config, assets, db } = deps;

  app.get(
    '/products',
    {
      config: { access: 'public', languageKeepsQuery: true },
      schema: { hide: true, querystring: CatalogQuerySchema },
    },
    async (request, reply) => {
      const query = parseCatalogQuery(request.query as RawCatalogQuery);
      const ctx = pageContext(config, assets, request, reply);
      const t = publicCatalogMessages.for(ctx.locale);
      // A price range the wrong way round is reported, and left out of the search rather than finding nothing.
      const priceInOrder = !(
        query.minFen !== undefined &&
        query.maxFen !== undefined &&
        query.maxFen < query.minFen
      );
      const searchRequest = {
        ...toSearchRequest(
          {
            ...(query.q === '' ? {} : { q: query.q }),
            ...(query.iso === undefined ? {} : { iso: query.iso }),
            function: [...query.functionAreas],
            disability: [...query.disabilityCategories],
            supplier: [...query.supplierIds],
            ...(query.subsidy === undefined ? {} : { subsidy: query.subsidy }),
            ...(query.sort === undefined ? {} : { sort: query.sort }),
            page: query.page,
          },
          priceInOrder ? { minFen: query.minFen, maxFen: query.maxFen } : {},
          pageSize,
        ),
        ranges: searchRanges(query),
      };
      const [found, tree] = await Promise.all([services.search.search(searchRequest), classTree(db)]);
      const result = { ...found, facets: await choiceCounts(services, searchRequest, found.facets) };
      const supplierIds = unique([...result.facets.suppliers.map((s) => s.id), ...query.supplierIds]).filter(
        isProductId,
      );
      const suppliers = await supplierNames(db, supplierIds);
      return sendPage(
        reply,
        <CatalogPage ctx={ctx} t={t} query={query} result={result} tree={tree} suppliers={suppliers} />,
      );
    },
  );

  app.get(
    '/products/compare',
    {
      config: { access: 'public', languageKeepsQuery: true },
      schema: { hide: true, querystring: CompareQuery },
    },
    async (request, reply) => {
      const ctx = pageContext(config, assets, request, reply);
      const t = publicCatalogMessages.for(ctx.locale);
      const asked = unique(listOf((request.query as { id?: string | string[] }).id).map((id) => id.trim()));
      const compared: Compared[] = [];
      for (const id of asked) {
        const published = isProductId(id) ? await services.publishedProduct(id) : undefined;
        if (published) compared.push(published);
      }
      if (compared.length > maxCompared) {
        const chosen = compared.map(({ product, version }) => ({
          id: product.id,
          nameZh: version.details.nameZh,
          nameEn: version.details.nameEn,
        }));
        return sendPage(reply, <TooManyPage ctx={ctx} t={t} chosen={chosen} />);
      }
      const tree = await classTree(db);
      return sendPage(
        reply,
        <ComparePage
          ctx={ctx}
          t={t}
          compared={compared}
          skipped={asked.length - compared.length}
          tree={tree}
        />,
      );
    },
  );

  app.get(
    '/products/:id',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        querystring: PageQuery,
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const published = await services.publishedProduct(id);
      if (!published) throw new HttpError(404, 'not_found', 'not found');
      const { product, version } = published;
      const ctx = pageContext(config, assets, request, reply);
      const t = publicCatalogMessages.for(ctx.locale);
      const [tree, versions, successors, replaced] = await Promise.all([
        classTree(db),
        listVersions(db, product.id),
        successorsOf(db, product.id),
        product.replacesProductId === null ? undefined : services.publishedProduct(product.replacesProductId),
      ]);
      return sendPage(
        reply,
        <ProductPage
          ctx={ctx}
          t={t}
          product={product}
          version={version}
          tree={tree}
          versions={versions.filter((v) => v.publishedAt !== null)}
          replaces={
            replaced && {
              id: replaced.product.id,
              nameZh: replaced.version.details.nameZh,
              nameEn: replaced.version.details.nameEn,
            }
          }
          successors={successors}
        />,
      );
    },
  );
}
