import type { Reach } from '../../../../platform/auth/index.ts';
import { type Queryable, sql } from '../../../../platform/db/index.ts';
import type { ProductDetails, ProductStatus, VersionState } from '../../domain/product.ts';
import { productsWithinReach } from '../../productsRepo.ts';
import type { ExportRow } from '../../spreadsheet/write.ts';

/** The suppliers named, with both names, for a choice of supplier. */
export async function organisationNames(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; nameZh: string; nameEn: string }[]> {
  if (ids.length === 0) return [];
  return db.query(
    sql`select id, name_zh as "nameZh", name_en as "nameEn" from organisation
        where id = any(${[...ids]}::uuid[]) order by name_zh`,
  );
}

/** How many products an export within this reach holds. */
export async function countProductsWithin(db: Queryable, within: Reach): Promise<number> {
  const [row] = await db.query<{ n: string | number }>(
    sql`select count(*) as n from product p where ${productsWithinReach(within)}`,
  );
  return Number(row?.n ?? 0);
}

const exportPage = 500;

/**
 * Every product within reach with its latest version (the one being worked
 * on, else the published one), a page at a time by id, so an export of a
 * whole catalog never holds more than a page in memory.
 */
export async function* exportRows(db: Queryable, within: Reach): AsyncGenerator<ExportRow> {
  let afterId: string | null = null;
  for (;;) {
    const rows: {
      id: string;
      supplier_name_zh: string;
      supplier_name_en: string;
      status: ProductStatus;
      version: number;
      details: ProductDetails | string;
      replaces_model: string | null;
    }[] = await db.query(
      sql`select p.id, o.name_zh as supplier_name_zh, o.name_en as supplier_name_en, p.status, v.version, v.details,
            rv.model as replaces_model
          from product p
          join organisation o on o.id = p.supplier_id
          join product_version v on v.product_id = p.id and v.version = coalesce(p.working_version, p.published_version)
          left join product r on r.id = p.replaces_product_id
          left join product_version rv on rv.product_id = r.id
            and rv.version = coalesce(r.working_version, r.published_version)
          where ${productsWithinReach(within)} and (${afterId}::uuid is null or p.id > ${afterId}::uuid)
          order by p.id
          limit ${exportPage}`,
    );
    for (const r of rows) {
      yield {
        id: r.id,
        supplierNameZh: r.supplier_name_zh,
        supplierNameEn: r.supplier_name_en,
        status: r.status,
        version: r.version,
        details: typeof r.details === 'string' ? (JSON.parse(r.details) as ProductDetails) : r.details,
        replacesModel: r.replaces_model,
      };
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < exportPage) return;
    afterId = last.id;
  }
}

/** A version an import wrote, and whether it is still the product's working version. */
export interface ImportedVersion {
  readonly productId: string;
  readonly version: number;
  readonly state: VersionState;
  readonly isWorking: boolean;
}

/**
 * The versions an import wrote. An import writes all its versions and marks
 * itself finished in one transaction, so their creation time is the import's
 * finishing time (`now()` is the transaction's start), by the same user, for
 * the same supplier.
 */
export async function versionsOfImport(db: Queryable, importId: string): Promise<ImportedVersion[]> {
  const rows = await db.query<{
    product_id: string;
    version: number;
    state: VersionState;
    is_working: boolean;
  }>(
    sql`select v.product_id, v.version, v.state, coalesce(p.working_version = v.version, false) as is_working
        from product_import i
        join product_version v on v.created_at = i.finished_at and v.created_by = i.created_by
        join product p on p.id = v.product_id and p.supplier_id = i.supplier_id
        where i.id = ${importId} and i.status = 'imported'
        order by v.product_id`,
  );
  return rows.map((r) => ({
    productId: r.product_id,
    version: r.version,
    state: r.state,
    isWorking: r.is_working,
  }));
}

/** What a draft can be submitted from: a draft or a sent-back version that is still being worked on. */
export const submittable = (v: ImportedVersion): boolean =>
  v.isWorking && (v.state === 'draft' || v.state === 'rejected');
