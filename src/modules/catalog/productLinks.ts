import { type Queryable, sql } from '../../platform/db/index.ts';
import { bumpCatalogRevision, isProductId, stampProducts } from './productsRepo.ts';

/**
 * What other modules need to know about a published product to name it and
 * link to it (the policy catalogs list admitted products; fitting will
 * prescribe them), without reaching into the catalog's tables.
 */
export interface ProductSummary {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly model: string;
  readonly isoCode: string;
  readonly priceFen: number;
  readonly supplierId: string;
  readonly supplierNameZh: string;
  readonly supplierNameEn: string;
  readonly registrationNumber: string;
  readonly published: boolean;
}

interface SummaryRow {
  id: string;
  name_zh: string;
  name_en: string;
  model: string;
  iso_code: string;
  price_fen: string | number;
  supplier_id: string;
  supplier_name_zh: string;
  supplier_name_en: string;
  registration: string | null;
  status: string;
}

const summarySelect = sql`select p.id, v.name_zh, v.name_en, v.model, v.iso_code, v.price_fen, p.supplier_id,
    o.name_zh as supplier_name_zh, o.name_en as supplier_name_en,
    v.details ->> 'registrationNumber' as registration, p.status
  from product p
  join organisation o on o.id = p.supplier_id
  join product_version v on v.product_id = p.id and v.version = p.published_version`;

const toSummary = (r: SummaryRow): ProductSummary => ({
  id: r.id,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  model: r.model,
  isoCode: r.iso_code,
  priceFen: Number(r.price_fen),
  supplierId: r.supplier_id,
  supplierNameZh: r.supplier_name_zh,
  supplierNameEn: r.supplier_name_en,
  registrationNumber: r.registration ?? '',
  published: r.status === 'published',
});

/** Products by id, as last published (withdrawn ones included, marked). */
export async function productSummaries(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, ProductSummary>> {
  const valid = ids.filter(isProductId);
  if (valid.length === 0) return new Map();
  const rows = await db.query<SummaryRow>(sql`${summarySelect} where p.id = any(${valid}::uuid[])`);
  return new Map(rows.map((r) => [r.id, toSummary(r)]));
}

/** A supplier's published products (or every supplier's, with null), by name. */
export async function publishedProductsOf(
  db: Queryable,
  supplierId: string | null,
): Promise<ProductSummary[]> {
  const rows = await db.query<SummaryRow>(
    sql`${summarySelect} where p.status = 'published'
          and (${supplierId}::uuid is null or p.supplier_id = ${supplierId}::uuid)
        order by v.name_zh, v.model`,
  );
  return rows.map(toSummary);
}

/** Published products by model number (the seed names products by model). */
export async function publishedProductsByModel(
  db: Queryable,
  models: readonly string[],
): Promise<Map<string, ProductSummary>> {
  if (models.length === 0) return new Map();
  const rows = await db.query<SummaryRow>(
    sql`${summarySelect} where p.status = 'published' and v.model = any(${[...models]}::text[])`,
  );
  return new Map(rows.map((r) => [r.model, toSummary(r)]));
}

/**
 * Makes "in the subsidy catalog" true for exactly these products (those
 * admitted to the catalog in force), telling search about each product whose
 * flag changed. Returns how many changed.
 */
export async function setSubsidyCatalogMembership(
  tx: Queryable,
  productIds: readonly string[],
): Promise<number> {
  const ids = [...new Set(productIds)];
  const changed = await tx.query<{ id: string }>(
    sql`select id from product
        where in_subsidy_catalog <> (id = any(${ids}::uuid[]))`,
  );
  if (changed.length === 0) return 0;
  const revision = await bumpCatalogRevision(tx);
  const changedIds = changed.map((r) => r.id);
  await tx.query(
    sql`update product set in_subsidy_catalog = (id = any(${ids}::uuid[]))
        where id = any(${changedIds}::uuid[])`,
  );
  await stampProducts(tx, changedIds, revision);
  return changedIds.length;
}
