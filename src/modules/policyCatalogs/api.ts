import type { FastifyInstance } from 'fastify';
import { type TSchema, Type } from 'typebox';
import type { Db } from '../../platform/db/index.ts';
import { ApiError, HttpError } from '../../platform/http/index.ts';
import { disabilityCategories } from '../../platform/ids/index.ts';
import type { ModuleDeps } from '../../platform/module.ts';
import { type CatalogVersion, catalogInForce, findCatalog, listCatalogs } from './catalogsRepo.ts';
import { publicStatuses } from './domain/catalogWorkflow.ts';
import { itemConditions } from './domain/conditions.ts';
import { applicantGroups, type CatalogKind, type RehabItem } from './domain/items.ts';
import type { SubsidyView, VersionCache } from './versionCache.ts';

const errors = { 400: ApiError, 404: ApiError, 429: ApiError };
const Fen = (description: string) =>
  Type.Integer({ minimum: 0, description: `${description}, in fen (1/100 yuan)` });
const Category = Type.Union(disabilityCategories.map((c) => Type.Literal(c)));
const Year = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });

const Version = Type.Object({
  id: Type.String({ format: 'uuid' }),
  year: Type.Integer({
    description: 'Policy year: from its start day (1 Oct by default) to the day before it a year later',
  }),
  status: Type.Union(publicStatuses.map((s) => Type.Literal(s))),
  title: Type.String(),
  titleEn: Type.String(),
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date' }),
  itemCount: Type.Integer(),
});

const AdmittedProduct = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  nameEn: Type.String(),
  model: Type.String(),
  supplier: Type.String(),
  supplierEn: Type.String(),
  priceFen: Fen('Price at which the product was admitted'),
});

const SubsidyItemSchema = Type.Object({
  code: Type.String({ description: 'ISO 9999 division followed by a local serial' }),
  name: Type.String(),
  nameEn: Type.String(),
  description: Type.String(),
  descriptionEn: Type.String(),
  isoCodes: Type.Array(Type.String({ pattern: '^[0-9]{6}$' })),
  maxSubsidyFen: Fen('Maximum subsidy'),
  productPartFen: Fen('Product part of the maximum'),
  servicePartFen: Fen('Service (fitting) part of the maximum'),
  ratios: Type.Object(
    Object.fromEntries(applicantGroups.map((g) => [g, Type.Integer({ minimum: 0, maximum: 100 })])),
    { description: 'Percent of the capped price paid, per applicant group' },
  ),
  serviceLifeYears: Type.Integer({ minimum: 1 }),
  quantityLimit: Type.Integer({ minimum: 1 }),
  eligibleCategories: Type.Array(Category),
  eligibleGrades: Type.Array(Type.Integer({ minimum: 1, maximum: 4 })),
  ageMin: Type.Union([Type.Integer(), Type.Null()]),
  ageMax: Type.Union([Type.Integer(), Type.Null()]),
  medicalInsurance: Type.Boolean(),
  medicalInsuranceCode: Type.Union([Type.String(), Type.Null()]),
  firstOfKind: Type.Boolean({ description: '首台套 / 首批次 / 首版次' }),
  products: Type.Array(AdmittedProduct),
});

const RehabItemSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  targetGroup: Type.String(),
  targetGroupEn: Type.String(),
  content: Type.String(),
  contentEn: Type.String(),
  frequency: Type.String(),
  frequencyEn: Type.String(),
  standardPriceFen: Fen('Standard price'),
  subsidyFen: Fen('Subsidy'),
  eligibleCategories: Type.Array(Category),
  ageMin: Type.Union([Type.Integer(), Type.Null()]),
  ageMax: Type.Union([Type.Integer(), Type.Null()]),
});

const CatalogBody = (item: TSchema) =>
  Type.Object({
    year: Type.Integer(),
    status: Type.Union(publicStatuses.map((s) => Type.Literal(s))),
    title: Type.String(),
    titleEn: Type.String(),
    startsOn: Type.String({ format: 'date' }),
    endsOn: Type.String({ format: 'date' }),
    items: Type.Array(item),
  });

const Condition = Type.Object(
  { id: Type.String(), clause: Type.String() },
  { additionalProperties: true, description: 'One condition with the policy clause it comes from' },
);

const ItemWithConditions = Type.Object({
  year: Type.Integer(),
  item: SubsidyItemSchema,
  conditions: Type.Object({
    schema: Type.Literal('fuju.subsidy-item-conditions/1'),
    itemCode: Type.String(),
    catalogYear: Type.Integer(),
    validFrom: Type.String({ format: 'date' }),
    validTo: Type.String({ format: 'date' }),
    conditions: Type.Array(Condition),
    subsidy: Type.Object({
      maxSubsidyFen: Fen('Maximum subsidy'),
      productPartFen: Fen('Product part'),
      servicePartFen: Fen('Service part'),
      ratioPercent: Type.Object(
        Object.fromEntries(applicantGroups.map((g) => [g, Type.Integer({ minimum: 0, maximum: 100 })])),
      ),
    }),
  }),
});

const versionOut = (c: CatalogVersion) => ({
  id: c.id,
  year: c.year,
  status: c.status,
  title: c.titleZh,
  titleEn: c.titleEn,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  itemCount: c.itemCount,
});

function subsidyItemsOut({ items, products }: SubsidyView) {
  return items.map((item) => ({
    code: item.code,
    name: item.nameZh,
    nameEn: item.nameEn,
    description: item.descriptionZh,
    descriptionEn: item.descriptionEn,
    isoCodes: item.isoCodes,
    maxSubsidyFen: item.maxSubsidyFen,
    productPartFen: item.productPartFen,
    servicePartFen: item.servicePartFen,
    ratios: item.ratios,
    serviceLifeYears: item.serviceLifeYears,
    quantityLimit: item.quantityLimit,
    eligibleCategories: item.eligibleCategories,
    eligibleGrades: item.eligibleGrades,
    ageMin: item.ageMin,
    ageMax: item.ageMax,
    medicalInsurance: item.medicalInsurance,
    medicalInsuranceCode: item.medicalInsuranceCode,
    firstOfKind: item.firstOfKind,
    products: item.products.flatMap((p) => {
      const summary = products.get(p.productId);
      return summary === undefined
        ? []
        : [
            {
              id: summary.id,
              name: summary.nameZh,
              nameEn: summary.nameEn,
              model: summary.model,
              supplier: summary.supplierNameZh,
              supplierEn: summary.supplierNameEn,
              priceFen: p.priceFen,
            },
          ];
    }),
  }));
}

const rehabItemOut = (item: RehabItem) => ({
  code: item.code,
  name: item.nameZh,
  nameEn: item.nameEn,
  targetGroup: item.targetGroupZh,
  targetGroupEn: item.targetGroupEn,
  content: item.contentZh,
  contentEn: item.contentEn,
  frequency: item.frequencyZh,
  frequencyEn: item.frequencyEn,
  standardPriceFen: item.standardPriceFen,
  subsidyFen: item.subsidyFen,
  eligibleCategories: item.eligibleCategories,
  ageMin: item.ageMin,
  ageMax: item.ageMax,
});

/** A public version by year: drafts are the city's working copies and do not exist for the public. */
async function publicVersion(db: Db, kind: CatalogKind, year: number): Promise<CatalogVersion> {
  const catalog = await findCatalog(db, kind, year);
  if (catalog === undefined || !publicStatuses.includes(catalog.status))
    throw new HttpError(404, 'not_found', 'no published catalog for this year');
  return catalog;
}

async function versionInForce(db: Db, kind: CatalogKind): Promise<CatalogVersion> {
  const catalog = await catalogInForce(db, kind);
  if (catalog === undefined) throw new HttpError(404, 'not_found', 'no catalog is in force');
  return catalog;
}

const paths: Readonly<Record<CatalogKind, string>> = {
  subsidy: '/api/v1/subsidy-catalogs',
  rehab: '/api/v1/rehab-service-catalogs',
};

/** The policy catalogs as open data: versions, the version in force, a year, and each subsidy item's conditions. */
export function policyCatalogsApi(app: FastifyInstance, deps: ModuleDeps, cache: VersionCache): void {
  const { db } = deps;
  // Whole bodies are kept per version revision: every resident's app asks for the same catalog all year.
  const bodies: Record<CatalogKind, (catalog: CatalogVersion) => Promise<unknown>> = {
    subsidy: (catalog) =>
      cache.derived('api-subsidy', [catalog], async () => ({
        ...versionOut(catalog),
        items: subsidyItemsOut(await cache.subsidyView(catalog)),
      })),
    rehab: (catalog) =>
      cache.derived('api-rehab', [catalog], async () => ({
        ...versionOut(catalog),
        items: (await cache.rehabItems(catalog)).map(rehabItemOut),
      })),
  };
  const names: Readonly<Record<CatalogKind, string>> = {
    subsidy: '辅助器具适配补贴目录 (fitting subsidy catalog)',
    rehab: '基本康复服务项目目录 (basic rehabilitation services catalog)',
  };

  for (const kind of ['subsidy', 'rehab'] as const) {
    const itemSchema = kind === 'subsidy' ? SubsidyItemSchema : RehabItemSchema;
    const tags = ['policy catalogs'];
    app.get(
      paths[kind],
      {
        config: { access: 'public' },
        schema: {
          summary: `Published versions of the ${names[kind]}, newest first`,
          tags,
          response: { 200: Type.Object({ items: Type.Array(Version) }), ...errors },
        },
      },
      async () => ({ items: (await listCatalogs(db, kind, { includeDrafts: false })).map(versionOut) }),
    );
    app.get(
      `${paths[kind]}/current`,
      {
        config: { access: 'public' },
        schema: {
          summary: `The ${names[kind]} in force, with its items`,
          tags,
          response: { 200: CatalogBody(itemSchema), ...errors },
        },
      },
      async () => bodies[kind](await versionInForce(db, kind)),
    );
    app.get(
      `${paths[kind]}/:year`,
      {
        config: { access: 'public' },
        schema: {
          summary: `One policy year's ${names[kind]}, with its items`,
          tags,
          params: Year,
          response: { 200: CatalogBody(itemSchema), ...errors },
        },
      },
      async (request) =>
        bodies[kind](await publicVersion(db, kind, (request.params as { year: number }).year)),
    );
  }

  app.get(
    `${paths.subsidy}/:year/items/:code`,
    {
      config: { access: 'public' },
      schema: {
        summary: 'One subsidy item with its machine-readable eligibility conditions',
        description: '补贴目录中的一个项目及其机器可读的适配条件（供适配流程的资格规则使用）',
        tags: ['policy catalogs'],
        params: Type.Object({
          year: Type.Integer({ minimum: 2000, maximum: 2100 }),
          code: Type.String({ pattern: '^[0-9]{6,10}$' }),
        }),
        response: { 200: ItemWithConditions, ...errors },
      },
    },
    async (request) => {
      const { year, code } = request.params as { year: number; code: string };
      const catalog = await publicVersion(db, 'subsidy', year);
      const view = await cache.subsidyView(catalog);
      const item = view.items.find((i) => i.code === code);
      if (item === undefined) throw new HttpError(404, 'not_found', 'no such item in this catalog');
      const [out] = subsidyItemsOut({ items: [item], products: view.products });
      return { year, item: out, conditions: itemConditions(item, catalog) };
    },
  );
}
