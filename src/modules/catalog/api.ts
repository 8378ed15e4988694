import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { auditActor, authorise, reach, sourceAddress } from '../../platform/auth/index.ts';
import { ApiError, HttpError } from '../../platform/http/index.ts';
import { disabilityCategories } from '../../platform/ids/index.ts';
import type { ProductSummary } from './catalogSearch.ts';
import type { CatalogServices } from './catalogServices.ts';
import {
  currentClassificationVersion,
  listClassificationNodes,
  listClassificationVersions,
  listCrosswalk,
} from './classificationRepo.ts';
import { functionAreas, type ProductDetails } from './domain/product.ts';
import { validateDetails } from './domain/validate.ts';
import { findProduct, listProducts, listVersions, publishedChanges, successorsOf } from './productsRepo.ts';
import {
  approveProduct,
  CatalogCommandError,
  createProduct,
  rejectProduct,
  saveDraft,
  submitProduct,
  withdrawProduct,
} from './productsService.ts';
import { type SearchParams, searchParams, toSearchRequest } from './searchQuery.ts';
import { eastinJsonStream, eastinRecord, writeEastinCsv } from './spreadsheet/eastin.ts';

const IsoCode = Type.String({
  pattern: '^[0-9]{6}$',
  description: 'ISO 9999 / GB/T 16432 division, 6 digits',
});
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 429: ApiError };

const ProductItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String({ description: 'Name in Chinese' }),
  nameEn: Type.String(),
  model: Type.String(),
  isoCode: IsoCode,
  supplier: Type.String({ description: 'Supplier name in Chinese' }),
  supplierEn: Type.String(),
  supplierId: Type.String({ format: 'uuid' }),
  priceFen: Type.Integer({ description: 'Reference price in fen (1/100 yuan)' }),
  functionAreas: Type.Array(Type.String()),
  disabilityCategories: Type.Array(Type.String()),
  inSubsidyCatalog: Type.Boolean(),
  demo: Type.Boolean({ description: 'Invented for demonstration' }),
});

const Count = (key: string, schema = Type.String()) => Type.Object({ [key]: schema, count: Type.Integer() });

const Facets = Type.Object({
  classes: Type.Array(Count('code')),
  subclasses: Type.Array(Count('code')),
  functionAreas: Type.Array(Count('value')),
  disabilityCategories: Type.Array(Count('value')),
  suppliers: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), count: Type.Integer() })),
  priceBuckets: Type.Array(
    Type.Object({
      minFen: Type.Integer(),
      maxFen: Type.Union([Type.Integer(), Type.Null()]),
      count: Type.Integer(),
    }),
  ),
  inSubsidyCatalog: Type.Object({ yes: Type.Integer(), no: Type.Integer() }),
  ranges: Type.Array(
    Type.Object({ attribute: Type.String(), min: Type.Number(), max: Type.Number(), count: Type.Integer() }),
  ),
});

const DetailsSchema = Type.Object(
  {
    nameZh: Type.String({ maxLength: 200 }),
    nameEn: Type.String({ maxLength: 200 }),
    model: Type.String({ maxLength: 100 }),
    isoCode: IsoCode,
    functionAreas: Type.Array(Type.Union(functionAreas.map((f) => Type.Literal(f))), {
      maxItems: 6,
      uniqueItems: true,
    }),
    disabilityCategories: Type.Array(Type.Union(disabilityCategories.map((c) => Type.Literal(c))), {
      maxItems: 7,
      uniqueItems: true,
    }),
    descriptionZh: Type.String({ maxLength: 4000 }),
    descriptionEn: Type.String({ maxLength: 4000 }),
    attributes: Type.Record(
      Type.String({ pattern: '^[A-Za-z_]{1,40}$' }),
      Type.Union([Type.Number(), Type.String({ maxLength: 100 })]),
    ),
    priceFen: Type.Integer({ minimum: 1, description: 'Integer fen: a fraction is refused' }),
    registrationNumber: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
    certifications: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 }),
    images: Type.Array(
      Type.Object(
        {
          url: Type.String({ maxLength: 500 }),
          altZh: Type.String({ maxLength: 300 }),
          altEn: Type.String({ maxLength: 300 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
    documents: Type.Array(
      Type.Object(
        {
          url: Type.String({ maxLength: 500 }),
          kind: Type.Union(
            ['manual', 'brochure', 'test_report', 'video', 'other'].map((k) => Type.Literal(k)),
          ),
          titleZh: Type.String({ maxLength: 200 }),
          titleEn: Type.String({ maxLength: 200 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);

const ProductDetail = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.String(),
  version: Type.Integer(),
  publishedAt: Type.String({ format: 'date-time' }),
  supplier: Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() }),
  details: DetailsSchema,
  inSubsidyCatalog: Type.Boolean(),
  replaces: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  replacedBy: Type.Array(Type.Object({ id: Type.String(), nameZh: Type.String(), nameEn: Type.String() })),
  versions: Type.Array(
    Type.Object({ version: Type.Integer(), publishedAt: Type.Union([Type.String(), Type.Null()]) }),
  ),
  demo: Type.Boolean(),
});

export const toItem = (p: ProductSummary) => ({
  id: p.id,
  name: p.nameZh,
  nameEn: p.nameEn,
  model: p.model,
  isoCode: p.isoCode,
  supplier: p.supplierNameZh,
  supplierEn: p.supplierNameEn,
  supplierId: p.supplierId,
  priceFen: p.priceFen,
  functionAreas: [...p.functionAreas],
  disabilityCategories: [...p.disabilityCategories],
  inSubsidyCatalog: p.inSubsidyCatalog,
  demo: p.isDemo,
});

/** A signed-in actor, or 401 (routes with an action for access are never reached anonymously). */
const actorOf = (request: FastifyRequest) => {
  if (request.actor.kind !== 'user') throw new HttpError(401, 'unauthorized', 'sign in first');
  return request.actor;
};

export const commandContext = (request: FastifyRequest) => ({
  actor: auditActor(actorOf(request)),
  sourceAddress: sourceAddress(request),
});

/** Repeated searches' response bodies, kept per search generation (see CatalogSearch). */
const maxCachedBodies = 1000;

/** The catalog over HTTP: public search and records, open data, and suppliers' and reviewers' writes. */
export function catalogApi(app: FastifyInstance, services: CatalogServices): void {
  const { db, search } = services;
  const bodies = new Map<string, string>();
  // Built from typed values only, so plain JSON serialisation writes exactly what the schema declares.
  const serialiseProducts = (page: unknown) => JSON.stringify(page);
  const publicBase = (request: FastifyRequest) =>
    services.publicUrl ?? `${request.protocol}://${request.host}`;

  app.get(
    '/api/v1/products',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Search published assistive products',
        description: '检索已发布的辅助器具：中文、拼音、首字母、繁体、英文均可，支持分面筛选',
        tags: ['catalog'],
        querystring: Type.Object({
          ...searchParams,
          priceMin: Type.Optional(Type.Integer({ minimum: 0, description: 'Lowest price in fen' })),
          priceMax: Type.Optional(Type.Integer({ minimum: 0, description: 'Highest price in fen' })),
        }),
        response: {
          200: Type.Object(
            {
              items: Type.Array(ProductItem),
              total: Type.Integer(),
              page: Type.Integer(),
              pageSize: Type.Integer(),
              facets: Facets,
              corrections: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
            },
            { description: 'One page of matching products, with facet counts over all matches' },
          ),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const query = request.query as SearchParams & { priceMin?: number; priceMax?: number };
      const started = performance.now();
      await search.fresh();
      // A repeated question (the same query string) gets the body sent last time, already serialised.
      const key = `${search.generation}|${request.url}`;
      let body = bodies.get(key);
      const cached = body !== undefined;
      if (body === undefined) {
        const searchRequest = toSearchRequest(query, { minFen: query.priceMin, maxFen: query.priceMax }, 20);
        const result = await search.search(searchRequest);
        const f = result.facets;
        body = serialiseProducts({
          items: result.items.map(toItem),
          total: result.total,
          page: searchRequest.page,
          pageSize: searchRequest.pageSize,
          facets: {
            ...f,
            inSubsidyCatalog: { yes: f.inSubsidyCatalog.true, no: f.inSubsidyCatalog.false },
            ranges: f.ranges.map((r) => ({
              attribute: r.attributeId,
              min: r.min,
              max: r.max,
              count: r.count,
            })),
          },
          corrections: result.corrections,
        });
        if (bodies.size >= maxCachedBodies) bodies.delete(bodies.keys().next().value as string);
        bodies.set(key, body);
      }
      // Search alone, and the whole request from its arrival (the benchmark's server time).
      reply.header(
        'server-timing',
        `search;dur=${(performance.now() - started).toFixed(2)};desc=${cached ? 'cached' : 'computed'}, total;dur=${reply.elapsedTime.toFixed(2)}`,
      );
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/api/v1/products/suggestions',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Search-as-you-type suggestions',
        description: '输入时的检索建议',
        tags: ['catalog'],
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 50 }) }),
        response: { 200: Type.Object({ suggestions: Type.Array(Type.String()) }), ...errors },
      },
    },
    async (request) => ({ suggestions: await search.suggest((request.query as { q: string }).q, 8) }),
  );

  app.get(
    '/api/v1/products/:id',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One published product, with its lineage and published versions',
        description: '单个已发布产品，含迭代关系和历次发布版本',
        tags: ['catalog'],
        params: Id,
        response: { 200: ProductDetail, ...errors },
      },
    },
    async (request) => {
      const published = await services.publishedProduct((request.params as { id: string }).id);
      if (!published) throw new HttpError(404, 'not_found', 'no published product with this id');
      const { product, version } = published;
      const versions = (await listVersions(db, product.id)).filter((v) => v.publishedAt !== null);
      return {
        id: product.id,
        status: product.status,
        version: version.version,
        publishedAt: (version.publishedAt ?? product.updatedAt).toISOString(),
        supplier: { id: product.supplierId, name: product.supplierNameZh, nameEn: product.supplierNameEn },
        details: version.details,
        inSubsidyCatalog: product.inSubsidyCatalog,
        replaces: product.replacesProductId,
        replacedBy: await successorsOf(db, product.id),
        versions: versions.map((v) => ({
          version: v.version,
          publishedAt: v.publishedAt?.toISOString() ?? null,
        })),
        demo: product.isDemo,
      };
    },
  );

  app.get(
    '/api/v1/classifications',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Editions of the ISO 9999 / GB/T 16432 classification',
        description: '康复辅助器具分类（GB/T 16432）的各个版本',
        tags: ['catalog'],
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                slug: Type.String(),
                titleZh: Type.String(),
                titleEn: Type.String(),
                source: Type.String(),
                inForceFrom: Type.Union([Type.String(), Type.Null()]),
                current: Type.Boolean(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async () => ({
      items: (await listClassificationVersions(db)).map((v) => ({
        id: v.id,
        slug: classificationSlug(v.id),
        titleZh: v.titleZh,
        titleEn: v.titleEn,
        source: v.source,
        inForceFrom: v.inForceFrom,
        current: v.isCurrent,
      })),
    }),
  );

  app.get(
    '/api/v1/classifications/:version',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One edition of the classification: classes, subclasses and divisions, and its crosswalk',
        description: '某一版分类的类、次类、支类，以及与其他版本的对照',
        tags: ['catalog'],
        params: Type.Object({
          version: Type.String({
            maxLength: 40,
            description: 'The edition: its slug (GB-T-16432-2025), id or year',
          }),
        }),
        response: {
          200: Type.Object({
            id: Type.String(),
            nodes: Type.Array(
              Type.Object({
                code: Type.String(),
                parentCode: Type.Union([Type.String(), Type.Null()]),
                level: Type.Integer(),
                titleZh: Type.String(),
                titleEn: Type.String(),
                source: Type.String(),
                verified: Type.Boolean(),
                apl: Type.Boolean(),
              }),
            ),
            crosswalk: Type.Array(
              Type.Object({
                fromCode: Type.String(),
                toVersion: Type.String(),
                toCode: Type.String(),
                relation: Type.String(),
                verified: Type.Boolean(),
                note: Type.String(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const wanted = (request.params as { version: string }).version;
      const versions = await listClassificationVersions(db);
      const version = versions.find(
        (v) => v.id === wanted || classificationSlug(v.id) === wanted || v.id.endsWith(`-${wanted}`),
      );
      if (!version) throw new HttpError(404, 'not_found', 'no such classification edition');
      return {
        id: version.id,
        nodes: await listClassificationNodes(db, version.id),
        crosswalk: (await listCrosswalk(db, version.id)).map(({ fromVersion: _, ...rest }) => rest),
      };
    },
  );

  // Open data: every published product as EASTIN's shared record, streamed page by page.
  async function* eastinRecords(baseUrl: string) {
    const isoVersion = (await currentClassificationVersion(db)) ?? '';
    let afterId: string | null = null;
    for (;;) {
      const page = await publishedChanges(db, 0, afterId, 1000);
      for (const p of page.published)
        yield eastinRecord({
          id: p.id,
          details: p.details,
          supplier: { nameZh: p.supplierNameZh, nameEn: p.supplierNameEn },
          publishedAt: p.publishedAt,
          updatedAt: p.updatedAt,
          isoVersion,
          sourceUrl: `${baseUrl}/products/${p.id}`,
        });
      if (page.lastId === null) return;
      afterId = page.lastId;
    }
  }
  const openDataSchema = (format: string) => ({
    summary: `Open data: every published product as an EASTIN record (${format})`,
    description: `开放数据：全部已发布产品，采用 EASTIN 产品记录字段（${format}）`,
    tags: ['open data'],
    response: { 200: Type.String({ description: `A ${format} file, streamed` }), 429: ApiError },
  });
  app.get(
    '/api/v1/open-data/products.json',
    { config: { access: 'public' }, schema: openDataSchema('JSON') },
    async (request, reply) => {
      reply.type('application/json; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="fuju-products.json"');
      return reply.send(eastinJsonStream(eastinRecords(publicBase(request))));
    },
  );
  app.get(
    '/api/v1/open-data/products.csv',
    { config: { access: 'public' }, schema: openDataSchema('CSV') },
    async (request, reply) => {
      reply.type('text/csv; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="fuju-products.csv"');
      const output = new PassThrough();
      void writeEastinCsv(output, eastinRecords(publicBase(request))).catch((error: unknown) => {
        output.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      return reply.send(output);
    },
  );

  // Suppliers' writes: with a session (and its CSRF token) or with an API token.
  const ProductList = Type.Object({
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        status: Type.String(),
        nameZh: Type.String(),
        nameEn: Type.String(),
        model: Type.String(),
        isoCode: Type.String(),
        priceFen: Type.Integer(),
        version: Type.Integer(),
        versionState: Type.String(),
        supplier: Type.String(),
      }),
    ),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

  app.get(
    '/api/v1/supplier/products',
    {
      config: { access: 'product.read' },
      schema: {
        summary: 'The caller’s organisation’s products in every state (the city sees all)',
        description: '本企业全部状态的产品（市残联可见全部）',
        tags: ['catalog'],
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union(['draft', 'submitted', 'published', 'withdrawn'].map((s) => Type.Literal(s))),
          ),
          awaitingReview: Type.Optional(Type.Boolean()),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: ProductList, ...errors },
      },
    },
    async (request) => {
      const query = request.query as {
        status?: 'draft' | 'submitted' | 'published' | 'withdrawn';
        awaitingReview?: boolean;
        page?: number;
        pageSize?: number;
      };
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
      const { items, total } = await listProducts(db, {
        reach: reach(actorOf(request), 'product.read'),
        status: query.status,
        awaitingReview: query.awaitingReview ?? false,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      return {
        items: items.map((i) => ({ ...i, supplier: i.supplierNameZh })),
        total,
        page,
        pageSize,
      };
    },
  );

  const detailsProblems = async (details: ProductDetails, reply: FastifyReply) => {
    const problems = validateDetails(details, await services.knownIsoCodes());
    if (problems.length === 0) return false;
    await reply.code(400).send({
      error: { code: 'invalid_product', message: problems.map((p) => `${p.field}: ${p.message}`).join('; ') },
    });
    return true;
  };

  app.post(
    '/api/v1/supplier/products',
    {
      config: { access: 'product.edit' },
      schema: {
        summary: 'Create a product as a draft',
        description: '新建产品草稿',
        tags: ['catalog'],
        body: Type.Object(
          {
            supplierId: Type.Optional(
              Type.String({
                format: 'uuid',
                description: 'Needed only when the caller acts for several suppliers',
              }),
            ),
            replacesProductId: Type.Optional(
              Type.String({ format: 'uuid', description: 'The older generation this one replaces' }),
            ),
            details: DetailsSchema,
            _csrf: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), version: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        supplierId?: string;
        replacesProductId?: string;
        details: ProductDetails;
      };
      const supplierId = services.supplierFor(actorOf(request), body.supplierId);
      if (!supplierId)
        throw new HttpError(400, 'supplier_required', 'say which supplier the product belongs to');
      await authorise(
        db,
        request,
        'product.edit',
        { type: 'organisation', id: supplierId },
        { organisationIds: [supplierId] },
      );
      if (await detailsProblems(body.details, reply)) return reply;
      const created = await run(() =>
        createProduct(db, commandContext(request), {
          supplierId,
          details: body.details,
          replacesProductId: body.replacesProductId ?? null,
        }),
      );
      return reply.code(201).send({ id: created.productId, version: created.version });
    },
  );

  app.put(
    '/api/v1/supplier/products/:id/draft',
    {
      config: { access: 'product.edit' },
      schema: {
        summary: 'Save the working draft (a published product gets a new version)',
        description: '保存草稿；已发布产品将生成新版本',
        tags: ['catalog'],
        params: Id,
        body: Type.Object(
          { details: DetailsSchema, _csrf: Type.Optional(Type.String()) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ version: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => {
      const product = await services.productFor(request, 'product.edit');
      const { details } = request.body as { details: ProductDetails };
      if (await detailsProblems(details, reply)) return reply;
      return run(() => saveDraft(db, commandContext(request), product.id, details));
    },
  );

  const command = (
    path: string,
    action: 'product.edit' | 'product.review' | 'product.withdraw',
    summary: string,
    description: string,
    work: (request: FastifyRequest, productId: string, reason: string) => Promise<void>,
    needsReason: boolean,
  ) =>
    app.post(
      path,
      {
        config: { access: action },
        schema: {
          summary,
          description,
          tags: ['catalog'],
          params: Id,
          body: Type.Object(
            {
              ...(needsReason ? { reason: Type.String({ minLength: 1, maxLength: 1000 }) } : {}),
              _csrf: Type.Optional(Type.String()),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ status: Type.String() }), ...errors },
        },
      },
      async (request) => {
        const product = await services.productFor(request, action);
        const reason = (request.body as { reason?: string } | undefined)?.reason ?? '';
        await run(() => work(request, product.id, reason));
        services.search.invalidate();
        const after = await findProduct(db, product.id);
        return { status: after?.status ?? product.status };
      },
    );

  command(
    '/api/v1/supplier/products/:id/submit',
    'product.edit',
    'Submit the draft for review',
    '提交审核',
    (request, id) => submitProduct(db, commandContext(request), id),
    false,
  );
  command(
    '/api/v1/supplier/products/:id/withdraw',
    'product.withdraw',
    'Withdraw a published product',
    '下架产品',
    (request, id, reason) => withdrawProduct(db, commandContext(request), id, reason),
    true,
  );
  command(
    '/api/v1/catalog/review/:id/approve',
    'product.review',
    'Approve and publish the submitted version',
    '审核通过并发布',
    (request, id) => approveProduct(db, commandContext(request), id),
    false,
  );
  command(
    '/api/v1/catalog/review/:id/reject',
    'product.review',
    'Send the submitted version back with a reason',
    '退回并说明理由',
    (request, id, reason) => rejectProduct(db, commandContext(request), id, reason),
    true,
  );
}

/** A URL-safe name for an edition: 'GB/T 16432-2025' → 'GB-T-16432-2025'. */
export const classificationSlug = (id: string): string => id.replace(/[/\s]+/g, '-');

/** Runs a command, turning a refusal into the API's 409 or 404. */
async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CatalogCommandError) {
      if (error.code === 'not_found') throw new HttpError(404, 'not_found', error.message);
      throw new HttpError(409, error.code, error.message);
    }
    throw error;
  }
}
