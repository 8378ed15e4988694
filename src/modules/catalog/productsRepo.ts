import type { Reach } from '../../platform/auth/index.ts';
import { isUuid, type Queryable, sql } from '../../platform/db/index.ts';
import type { ProductDetails, ProductStatus, VersionState } from './domain/product.ts';

/** A product as a whole: who supplies it, where it is in its life, which versions matter. */
export interface ProductRecord {
  readonly id: string;
  readonly supplierId: string;
  readonly supplierNameZh: string;
  readonly supplierNameEn: string;
  readonly status: ProductStatus;
  readonly replacesProductId: string | null;
  readonly publishedVersion: number | null;
  readonly workingVersion: number | null;
  readonly inSubsidyCatalog: boolean;
  readonly isDemo: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly withdrawnReason: string | null;
}

/** One version of a product's details, with its review. */
export interface ProductVersion {
  readonly productId: string;
  readonly version: number;
  readonly state: VersionState;
  readonly details: ProductDetails;
  readonly createdAt: Date;
  readonly submittedAt: Date | null;
  readonly reviewedAt: Date | null;
  readonly reviewReason: string | null;
  readonly publishedAt: Date | null;
}

interface ProductRow {
  id: string;
  supplier_id: string;
  supplier_name_zh: string;
  supplier_name_en: string;
  status: ProductStatus;
  replaces_product_id: string | null;
  published_version: number | null;
  working_version: number | null;
  in_subsidy_catalog: boolean;
  is_demo: boolean;
  created_at: Date;
  updated_at: Date;
  withdrawn_reason: string | null;
}

const productColumns = sql`p.id, p.supplier_id, o.name_zh as supplier_name_zh, o.name_en as supplier_name_en,
  p.status, p.replaces_product_id, p.published_version, p.working_version, p.in_subsidy_catalog,
  p.is_demo, p.created_at, p.updated_at, p.withdrawn_reason`;

const toProduct = (row: ProductRow): ProductRecord => ({
  id: row.id,
  supplierId: row.supplier_id,
  supplierNameZh: row.supplier_name_zh,
  supplierNameEn: row.supplier_name_en,
  status: row.status,
  replacesProductId: row.replaces_product_id,
  publishedVersion: row.published_version,
  workingVersion: row.working_version,
  inSubsidyCatalog: row.in_subsidy_catalog,
  isDemo: row.is_demo,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  withdrawnReason: row.withdrawn_reason,
});

interface VersionRow {
  product_id: string;
  version: number;
  state: VersionState;
  details: ProductDetails | string;
  created_at: Date;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  review_reason: string | null;
  published_at: Date | null;
}

const toVersion = (row: VersionRow): ProductVersion => ({
  productId: row.product_id,
  version: row.version,
  state: row.state,
  details: typeof row.details === 'string' ? (JSON.parse(row.details) as ProductDetails) : row.details,
  createdAt: new Date(row.created_at),
  submittedAt: row.submitted_at && new Date(row.submitted_at),
  reviewedAt: row.reviewed_at && new Date(row.reviewed_at),
  reviewReason: row.review_reason,
  publishedAt: row.published_at && new Date(row.published_at),
});

export const isProductId = isUuid;

export async function findProduct(db: Queryable, id: string): Promise<ProductRecord | undefined> {
  if (!isProductId(id)) return undefined;
  const [row] = await db.query<ProductRow>(
    sql`select ${productColumns} from product p join organisation o on o.id = p.supplier_id where p.id = ${id}`,
  );
  return row && toProduct(row);
}

export async function findVersion(
  db: Queryable,
  productId: string,
  version: number,
): Promise<ProductVersion | undefined> {
  const [row] = await db.query<VersionRow>(
    sql`select * from product_version where product_id = ${productId} and version = ${version}`,
  );
  return row && toVersion(row);
}

export async function listVersions(db: Queryable, productId: string): Promise<ProductVersion[]> {
  const rows = await db.query<VersionRow>(
    sql`select * from product_version where product_id = ${productId} order by version desc`,
  );
  return rows.map(toVersion);
}

/** Products that name this one as the generation they replace. */
export async function successorsOf(
  db: Queryable,
  productId: string,
): Promise<{ id: string; nameZh: string; nameEn: string }[]> {
  return db.query(
    sql`select p.id, v.name_zh as "nameZh", v.name_en as "nameEn" from product p
        join product_version v on v.product_id = p.id and v.version = p.published_version
        where p.replaces_product_id = ${productId} and p.status = 'published' order by v.name_zh`,
  );
}

export async function insertProduct(
  tx: Queryable,
  input: {
    supplierId: string;
    replacesProductId: string | null;
    isDemo: boolean;
    inSubsidyCatalog?: boolean;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    sql`insert into product (supplier_id, replaces_product_id, is_demo, in_subsidy_catalog, working_version)
        values (${input.supplierId}, ${input.replacesProductId}, ${input.isDemo},
                ${input.inSubsidyCatalog ?? false}, 1)
        returning id`,
  );
  return (row as { id: string }).id;
}

export async function insertVersion(
  tx: Queryable,
  input: {
    productId: string;
    version: number;
    state: VersionState;
    details: ProductDetails;
    createdBy: string | null;
  },
): Promise<void> {
  const d = input.details;
  await tx.query(
    sql`insert into product_version (product_id, version, state, name_zh, name_en, model, iso_code, price_fen, details, created_by)
        values (${input.productId}, ${input.version}, ${input.state}, ${d.nameZh}, ${d.nameEn}, ${d.model},
                ${d.isoCode}, ${d.priceFen}, ${JSON.stringify(d)}, ${input.createdBy})`,
  );
}

export async function updateVersionDetails(
  tx: Queryable,
  productId: string,
  version: number,
  details: ProductDetails,
): Promise<void> {
  await tx.query(
    sql`update product_version set state = 'draft', name_zh = ${details.nameZh}, name_en = ${details.nameEn},
          model = ${details.model}, iso_code = ${details.isoCode}, price_fen = ${details.priceFen},
          details = ${JSON.stringify(details)}, review_reason = null
        where product_id = ${productId} and version = ${version}`,
  );
}

export async function setVersionState(
  tx: Queryable,
  productId: string,
  version: number,
  change: { state: VersionState; reviewedBy?: string; reason?: string | null },
): Promise<void> {
  const reviewed = change.state === 'published' || change.state === 'rejected';
  await tx.query(
    sql`update product_version set state = ${change.state},
          submitted_at = ${change.state === 'submitted' ? sql`now()` : sql`submitted_at`},
          reviewed_by = ${reviewed ? sql`${change.reviewedBy ?? null}::uuid` : sql`reviewed_by`},
          reviewed_at = ${reviewed ? sql`now()` : sql`reviewed_at`},
          review_reason = ${change.state === 'rejected' ? sql`${change.reason ?? null}::text` : sql`review_reason`},
          published_at = ${change.state === 'published' ? sql`now()` : sql`published_at`}
        where product_id = ${productId} and version = ${version}`,
  );
}

export async function updateProduct(
  tx: Queryable,
  id: string,
  change: {
    status?: ProductStatus;
    publishedVersion?: number | null;
    workingVersion?: number | null;
    withdrawnReason?: string | null;
  },
): Promise<void> {
  // Only the fields given change; each becomes its own assignment.
  const sets = [sql`updated_at = now()`];
  if (change.status !== undefined) {
    sets.push(sql`status = ${change.status}`);
    sets.push(change.status === 'withdrawn' ? sql`withdrawn_at = now()` : sql`withdrawn_at = null`);
  }
  if (change.publishedVersion !== undefined)
    sets.push(sql`published_version = ${change.publishedVersion}::integer`);
  if (change.workingVersion !== undefined)
    sets.push(sql`working_version = ${change.workingVersion}::integer`);
  if (change.withdrawnReason !== undefined)
    sets.push(sql`withdrawn_reason = ${change.withdrawnReason}::text`);
  await tx.query(sql`update product set ${sql.join(sets, ', ')} where id = ${id}`);
}

/**
 * Tells every app process that the public catalog changes in this
 * transaction. Call it first: its row lock orders revisions by commit. Then
 * stamp the products changed with the revision it returns.
 */
export async function bumpCatalogRevision(tx: Queryable): Promise<number> {
  const [row] = await tx.query<{ revision: string | number }>(
    sql`update catalog_revision set revision = revision + 1 returning revision`,
  );
  return Number(row?.revision ?? 0);
}

export async function stampProducts(
  tx: Queryable,
  productIds: readonly string[],
  revision: number,
): Promise<void> {
  if (productIds.length > 0)
    await tx.query(
      sql`update product set index_revision = ${revision} where id = any(${productIds}::uuid[])`,
    );
}

export async function catalogRevision(db: Queryable): Promise<number> {
  const [row] = await db.query<{ revision: string | number }>(sql`select revision from catalog_revision`);
  return Number(row?.revision ?? 0);
}

/** The SQL condition for products a reach covers: a supplier's own, or all of them. */
export function productsWithinReach(r: Reach) {
  if (r.all) return sql`true`;
  if (r.organisationIds.length === 0) return sql`false`;
  return sql`p.supplier_id = any(${r.organisationIds}::uuid[])`;
}

export interface ProductListFilter {
  readonly reach: Reach;
  readonly status?: ProductStatus | undefined;
  /** Only products with a version waiting for review. */
  readonly awaitingReview?: boolean;
  readonly text?: string | undefined;
  readonly offset: number;
  readonly limit: number;
}

export interface ProductListItem {
  readonly id: string;
  readonly supplierNameZh: string;
  readonly supplierNameEn: string;
  readonly status: ProductStatus;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly model: string;
  readonly isoCode: string;
  readonly priceFen: number;
  /** The version shown: the working one when there is one, else the published one. */
  readonly version: number;
  readonly versionState: VersionState;
  readonly updatedAt: Date;
}

/** Staff lists (a supplier's products, the review queue): filtered by reach in SQL. */
export async function listProducts(
  db: Queryable,
  filter: ProductListFilter,
): Promise<{ items: ProductListItem[]; total: number }> {
  const text = filter.text?.trim() ? `%${filter.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = sql`${productsWithinReach(filter.reach)}
    and (${filter.status ?? null}::text is null or p.status = ${filter.status ?? null})
    and (${filter.awaitingReview ?? false} = false or v.state = 'submitted')
    and (${text}::text is null or v.name_zh ilike ${text} or v.name_en ilike ${text} or v.model ilike ${text})`;
  const from = sql`from product p join organisation o on o.id = p.supplier_id
    join product_version v on v.product_id = p.id and v.version = coalesce(p.working_version, p.published_version)`;
  const [count] = await db.query<{ n: string | number }>(sql`select count(*) as n ${from} where ${where}`);
  const rows = await db.query<{
    id: string;
    supplier_name_zh: string;
    supplier_name_en: string;
    status: ProductStatus;
    name_zh: string;
    name_en: string;
    model: string;
    iso_code: string;
    price_fen: string | number;
    version: number;
    state: VersionState;
    updated_at: Date;
  }>(
    sql`select p.id, o.name_zh as supplier_name_zh, o.name_en as supplier_name_en, p.status, v.name_zh, v.name_en,
          v.model, v.iso_code, v.price_fen, v.version, v.state, p.updated_at
        ${from} where ${where}
        order by ${filter.awaitingReview ? sql`v.submitted_at` : sql`p.updated_at desc`}, p.id
        limit ${filter.limit} offset ${filter.offset}`,
  );
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      supplierNameZh: r.supplier_name_zh,
      supplierNameEn: r.supplier_name_en,
      status: r.status,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      model: r.model,
      isoCode: r.iso_code,
      priceFen: Number(r.price_fen),
      version: r.version,
      versionState: r.state,
      updatedAt: new Date(r.updated_at),
    })),
  };
}

/** A published product as the search index and the open-data export see it. */
export interface PublishedProduct {
  readonly id: string;
  readonly version: number;
  readonly supplierId: string;
  readonly supplierNameZh: string;
  readonly supplierNameEn: string;
  readonly details: ProductDetails;
  readonly inSubsidyCatalog: boolean;
  readonly replacesProductId: string | null;
  readonly publishedAt: Date;
  readonly updatedAt: Date;
  readonly isDemo: boolean;
}

/**
 * Products whose public face changed after a catalog revision (every
 * published product from revision 0), a page at a time by id: the published
 * ones to index, and the ids of those no longer published.
 */
export async function publishedChanges(
  db: Queryable,
  afterRevision: number,
  afterId: string | null,
  limit: number,
): Promise<{ published: PublishedProduct[]; removed: string[]; lastId: string | null }> {
  const rows = await db.query<{
    id: string;
    version: number;
    supplier_id: string;
    supplier_name_zh: string;
    supplier_name_en: string;
    status: ProductStatus;
    details: ProductDetails | string | null;
    in_subsidy_catalog: boolean;
    replaces_product_id: string | null;
    published_at: Date | null;
    updated_at: Date;
    is_demo: boolean;
  }>(
    sql`select p.id, p.published_version as version, p.supplier_id, o.name_zh as supplier_name_zh,
          o.name_en as supplier_name_en, p.status, v.details, p.in_subsidy_catalog, p.replaces_product_id,
          v.published_at, p.updated_at, p.is_demo
        from product p join organisation o on o.id = p.supplier_id
        left join product_version v on v.product_id = p.id and v.version = p.published_version
        where p.index_revision > ${afterRevision}
          and (${afterId}::uuid is null or p.id > ${afterId}::uuid)
          and (${afterRevision} > 0 or p.status = 'published')
        order by p.id
        limit ${limit}`,
  );
  const published: PublishedProduct[] = [];
  const removed: string[] = [];
  for (const r of rows) {
    if (r.status !== 'published' || r.details === null) {
      removed.push(r.id);
      continue;
    }
    published.push({
      id: r.id,
      version: r.version,
      supplierId: r.supplier_id,
      supplierNameZh: r.supplier_name_zh,
      supplierNameEn: r.supplier_name_en,
      details: typeof r.details === 'string' ? (JSON.parse(r.details) as ProductDetails) : r.details,
      inSubsidyCatalog: r.in_subsidy_catalog,
      replacesProductId: r.replaces_product_id,
      publishedAt: new Date(r.published_at ?? r.updated_at),
      updatedAt: new Date(r.updated_at),
      isDemo: r.is_demo,
    });
  }
  return { published, removed, lastId: rows.at(-1)?.id ?? null };
}
