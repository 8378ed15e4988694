import { readFileSync } from 'node:fs';
import { type Queryable, sql } from '../../platform/db/index.ts';
import {
  type ClassificationNode,
  type CrosswalkEntry,
  insertClassificationVersion,
  insertCrosswalk,
  upsertClassificationNodes,
} from './classificationRepo.ts';
import type { DemoProduct } from './demo/products.ts';
import { bumpCatalogRevision } from './productsRepo.ts';

const seedFile = new URL('../../../seed/xian/catalog/classification.json', import.meta.url);

interface ClassificationFile {
  versions: { id: string; titleZh: string; titleEn: string; source: string; inForceFrom: string | null }[];
  nodes: (Omit<ClassificationNode, 'parentCode' | 'level'> & { version: string })[];
  crosswalk: CrosswalkEntry[];
}

export const readClassificationFile = (): ClassificationFile =>
  JSON.parse(readFileSync(seedFile, 'utf8')) as ClassificationFile;

/** The edition products are classified by: the newest one in force. */
export const currentEdition = 'GB/T 16432-2025';

/** Both editions of GB/T 16432 with the classes, subclasses and divisions the catalog uses, and their crosswalk. */
export async function seedClassification(tx: Queryable): Promise<{ nodes: number }> {
  const file = readClassificationFile();
  const [existing] = await tx.query<{ n: number | string }>(
    sql`select count(*) as n from classification_version`,
  );
  if (Number(existing?.n ?? 0) > 0) return { nodes: 0 };
  for (const version of file.versions)
    await insertClassificationVersion(tx, { ...version, isCurrent: version.id === currentEdition });
  for (const version of file.versions) {
    const nodes = file.nodes
      .filter((n) => n.version === version.id)
      .map(
        (n): ClassificationNode => ({
          code: n.code,
          parentCode: n.code.length === 2 ? null : n.code.slice(0, n.code.length - 2),
          level: (n.code.length / 2) as 1 | 2 | 3,
          titleZh: n.titleZh,
          titleEn: n.titleEn,
          source: n.source,
          verified: n.verified,
          apl: n.apl,
        }),
      );
    await upsertClassificationNodes(tx, version.id, nodes);
  }
  await insertCrosswalk(tx, file.crosswalk);
  return { nodes: file.nodes.length };
}

/** Synonym groups a city starts with; administrators add their own. */
export const startingSynonyms: readonly (readonly string[])[] = [
  ['拐杖', '手杖', '拐棍'],
  ['助听器', '耳背机', '助听设备'],
  ['轮椅', '轮椅车'],
  ['坐便椅', '坐厕椅', '马桶椅'],
  ['洗澡椅', '沐浴椅', '淋浴椅'],
  ['助视器', '放大镜'],
  ['护理床', '病床'],
  ['助行器', '助行架', '步行器'],
  ['假肢', '义肢'],
  ['盲杖', '导盲杖', '白手杖'],
];

/**
 * Writes products as published version 1 in multi-row statements: the demo
 * catalog and the synthetic catalogs benchmarks use. Suppliers are found by
 * their Chinese name; lineage by the product's key.
 */
export async function insertPublishedProducts(
  tx: Queryable,
  products: readonly DemoProduct[],
  options: { isDemo: boolean },
): Promise<number> {
  const suppliers = new Map(
    (
      await tx.query<{ id: string; name_zh: string }>(
        sql`select id, name_zh from organisation where type = 'supplier'`,
      )
    ).map((r) => [r.name_zh, r.id]),
  );
  const revision = await bumpCatalogRevision(tx);
  const ids = new Map<string, string>();
  const batchSize = 500;
  for (let start = 0; start < products.length; start += batchSize) {
    const batch = products.slice(start, start + batchSize);
    const rows = batch.map((p) => {
      const supplierId = suppliers.get(p.supplierNameZh);
      if (!supplierId) throw new Error(`demo supplier missing: ${p.supplierNameZh}`);
      return sql`(${supplierId}::uuid, 'published', 1, ${p.inSubsidyCatalog ?? false}, ${options.isDemo}, ${revision})`;
    });
    const inserted = await tx.query<{ id: string }>(
      sql`insert into product (supplier_id, status, published_version, in_subsidy_catalog, is_demo, index_revision)
          values ${sql.join(rows, ', ')} returning id`,
    );
    batch.forEach((p, i) => {
      ids.set(p.key, (inserted[i] as { id: string }).id);
    });
    await tx.query(
      sql`insert into product_version (product_id, version, state, name_zh, name_en, model, iso_code, price_fen, details,
            submitted_at, reviewed_at, published_at)
          values ${sql.join(
            batch.map(
              (p) =>
                sql`(${ids.get(p.key)}::uuid, 1, 'published', ${p.details.nameZh}, ${p.details.nameEn}, ${p.details.model},
                     ${p.details.isoCode}, ${p.details.priceFen}, ${JSON.stringify(p.details)}::jsonb, now(), now(), now())`,
            ),
            ', ',
          )}`,
    );
  }
  const lineage = products.filter((p) => p.replacesKey !== undefined && ids.has(p.replacesKey));
  if (lineage.length > 0)
    await tx.query(
      sql`update product p set replaces_product_id = o.replaces from (values ${sql.join(
        lineage.map((p) => sql`(${ids.get(p.key)}::uuid, ${ids.get(p.replacesKey as string)}::uuid)`),
        ', ',
      )}) as o (id, replaces) where p.id = o.id`,
    );
  return products.length;
}

/** Seeding runs again on `fuju seed demo`: rows that exist are kept, so the demo catalog is added once. */
export async function hasDemoProducts(tx: Queryable): Promise<boolean> {
  const [row] = await tx.query<{ found: boolean }>(
    sql`select exists (select 1 from product where is_demo) as found`,
  );
  return row?.found ?? false;
}

export async function seedSynonyms(tx: Queryable): Promise<number> {
  const [existing] = await tx.query<{ found: boolean }>(
    sql`select exists (select 1 from search_synonym) as found`,
  );
  if (existing?.found) return 0;
  await tx.query(
    sql`insert into search_synonym (terms) values ${sql.join(
      startingSynonyms.map((terms) => sql`(${terms}::text[])`),
      ', ',
    )}`,
  );
  return startingSynonyms.length;
}
