import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { sql } from '../../platform/db/index.ts';
import { disabilityCategories } from '../../platform/ids/index.ts';
import { admitProduct } from './catalogsRepo.ts';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

const get = async (url: string) => {
  const response = await t.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
};

interface ItemOut {
  code: string;
  maxSubsidyFen: number;
  productPartFen: number;
  servicePartFen: number;
  eligibleCategories: string[];
  products: { id: string; priceFen: number }[];
}

describe('GET /api/v1/subsidy-catalogs', () => {
  it('lists the published versions, newest first, without drafts', async () => {
    await t.database.db.query(
      sql`insert into policy_catalog (kind, year, title_zh, title_en, status, starts_on, ends_on)
          values ('subsidy', 2030, '草稿', 'Draft', 'draft', '2030-10-01', '2031-09-30')`,
    );
    const { status, body } = await get('/api/v1/subsidy-catalogs');
    expect(status).toBe(200);
    const items = body.items as { year: number; status: string }[];
    expect(items.map((i) => [i.year, i.status])).toEqual([
      [2026, 'in_force'],
      [2025, 'superseded'],
    ]);
    expect((await get('/api/v1/subsidy-catalogs/2030')).status).toBe(404);
  });

  it('gives the catalog in force: at least 40 items, all seven categories, demo products linked, amounts in whole fen', async () => {
    const { status, body } = await get('/api/v1/subsidy-catalogs/current');
    expect(status).toBe(200);
    expect(body.year).toBe(2026);
    const items = body.items as ItemOut[];
    expect(items.length).toBeGreaterThanOrEqual(40);
    const categories = new Set(items.flatMap((i) => i.eligibleCategories));
    expect([...categories].sort()).toEqual([...disabilityCategories].sort());
    expect(items.filter((i) => i.products.length > 0).length).toBeGreaterThanOrEqual(35);
    for (const item of items) {
      expect(item.productPartFen + item.servicePartFen).toBe(item.maxSubsidyFen);
      for (const fen of [item.maxSubsidyFen, item.productPartFen, ...item.products.map((p) => p.priceFen)])
        expect(Number.isSafeInteger(fen)).toBe(true);
    }
    // Search marks exactly the listed products as subsidised.
    const listed = new Set(items.flatMap((i) => i.products.map((p) => p.id)));
    const flagged = await t.database.db.query<{ id: string }>(
      sql`select id from product where in_subsidy_catalog`,
    );
    expect(new Set(flagged.map((r) => r.id))).toEqual(listed);
  });

  it('gives an earlier year, and 404 for a year without a catalog', async () => {
    const { status, body } = await get('/api/v1/subsidy-catalogs/2025');
    expect(status).toBe(200);
    expect(body.status).toBe('superseded');
    expect((await get('/api/v1/subsidy-catalogs/2019')).status).toBe(404);
    expect((await get('/api/v1/subsidy-catalogs/twenty')).status).toBe(400);
  });

  it("gives one item's machine-readable conditions, citing their clauses", async () => {
    const { status, body } = await get('/api/v1/subsidy-catalogs/2026/items/12220301');
    expect(status).toBe(200);
    const conditions = body.conditions as {
      validFrom: string;
      validTo: string;
      conditions: { id: string; clause: string }[];
    };
    expect(conditions.validFrom).toBe('2026-10-01');
    expect(conditions.validTo).toBe('2027-09-30');
    expect(conditions.conditions.map((c) => c.id)).toEqual(
      expect.arrayContaining(['localHousehold', 'certificateOrChild', 'category', 'grade', 'serviceLife']),
    );
    for (const c of conditions.conditions) expect(c.clause).not.toBe('');
    expect((await get('/api/v1/subsidy-catalogs/2026/items/99999999')).status).toBe(404);
  });
});

describe('answers kept per version', () => {
  it('show a product admitted after the first answer, and a product withdrawn from the catalog', async () => {
    const db = t.database.db;
    const before = (await get('/api/v1/subsidy-catalogs/current')).body.items as ItemOut[];
    const item = before.find((i) => i.code === '12220301') as ItemOut;
    const [candidate] = await db.query<{ id: string; item_id: string }>(
      sql`select p.id, i.id as item_id from product p
          join product_version v on v.product_id = p.id and v.version = p.published_version
          join subsidy_item i on i.code = '12220301'
          join policy_catalog c on c.id = i.catalog_id and c.status = 'in_force'
          where p.status = 'published' and v.iso_code = any(i.iso_codes)
            and not exists (select 1 from subsidy_item_product sp where sp.item_id = i.id and sp.product_id = p.id)
          limit 1`,
    );
    if (candidate === undefined) throw new Error('no product to admit');
    await db.transaction((tx) =>
      admitProduct(tx, {
        itemId: candidate.item_id,
        productId: candidate.id,
        priceFen: 50_000,
        admissionId: null,
      }),
    );
    const after = (await get('/api/v1/subsidy-catalogs/current')).body.items as ItemOut[];
    const products = (after.find((i) => i.code === '12220301') as ItemOut).products;
    expect(products.length).toBe(item.products.length + 1);
    expect(products.find((p) => p.id === candidate.id)?.priceFen).toBe(50_000);
    // Withdrawn from the product catalog (its revision moves): no longer offered under the item.
    await db.transaction(async (tx) => {
      await tx.query(sql`update catalog_revision set revision = revision + 1`);
      await tx.query(sql`update product set status = 'withdrawn' where id = ${candidate.id}`);
    });
    const withdrawn = (await get('/api/v1/subsidy-catalogs/2026/items/12220301')).body.item as ItemOut;
    expect(withdrawn.products.some((p) => p.id === candidate.id)).toBe(false);
  });
});

describe('GET /api/v1/rehab-service-catalogs', () => {
  it('gives the rehabilitation-services catalog in force with at least 15 items', async () => {
    const list = await get('/api/v1/rehab-service-catalogs');
    expect((list.body.items as unknown[]).length).toBe(2);
    const { status, body } = await get('/api/v1/rehab-service-catalogs/current');
    expect(status).toBe(200);
    const items = body.items as { code: string; subsidyFen: number; standardPriceFen: number }[];
    expect(items.length).toBeGreaterThanOrEqual(15);
    for (const item of items) expect(item.subsidyFen).toBeLessThanOrEqual(item.standardPriceFen);
  });
});

/** Every schema node of the published API, with the property name it sits under. */
function* properties(node: unknown, name = ''): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const child of node) yield* properties(child, name);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  yield [name, schema];
  for (const [key, child] of Object.entries(schema)) {
    if (key === 'properties' && child !== null && typeof child === 'object')
      for (const [prop, sub] of Object.entries(child as Record<string, unknown>))
        yield* properties(sub, prop);
    else yield* properties(child, name);
  }
}

/** Amounts named …Fen must be integers in every request and response schema. */
function floatAmounts(openapi: unknown): string[] {
  const bad: string[] = [];
  for (const [name, schema] of properties(openapi)) {
    if (!/Fen$|^price(Min|Max)$/.test(name) || !('type' in schema || 'anyOf' in schema)) continue;
    const types = [
      schema.type,
      ...((schema.anyOf as { type?: unknown }[] | undefined) ?? []).map((s) => s.type),
    ];
    if (types.some((type) => type === 'number')) bad.push(name);
  }
  return bad;
}

describe('amounts are whole fen everywhere', () => {
  it('finds no floating-point amount in any schema of the published API', async () => {
    const { status, body } = await get('/api/v1/openapi.json');
    expect(status).toBe(200);
    const amountNames = [...properties(body)].filter(([name]) => /Fen$/.test(name));
    expect(amountNames.length).toBeGreaterThan(10);
    expect(floatAmounts(body)).toEqual([]);
  });

  it('the check fails on a floating-point amount', () => {
    const broken = {
      paths: { '/x': { get: { responses: { 200: { properties: { maxSubsidyFen: { type: 'number' } } } } } } },
    };
    expect(floatAmounts(broken)).toEqual(['maxSubsidyFen']);
  });
});
