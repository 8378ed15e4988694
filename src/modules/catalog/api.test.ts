import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { sql } from '../../platform/db/index.ts';
import { findAccountByUsername, issueToken } from '../identity/index.ts';
import { CatalogSearch } from './catalogSearch.ts';
import { demoProducts } from './demo/products.ts';

let t: TestApp;
const tokens: Record<string, string> = {};

const details = (model: string) => ({
  nameZh: `测试折叠手动轮椅 ${model}`,
  nameEn: `Test folding manual wheelchair ${model}`,
  model,
  isoCode: '122203',
  functionAreas: ['mobility'],
  disabilityCategories: ['physical'],
  descriptionZh: '铝合金车架，可折叠。',
  descriptionEn: 'Aluminium frame, folds.',
  attributes: {},
  priceFen: 128_050,
  registrationNumber: null,
  certifications: ['CCC'],
  images: [{ url: 'https://example.org/chair.png', altZh: '侧面照片', altEn: 'Side view' }],
  documents: [],
});

const api = (method: 'GET' | 'POST' | 'PUT', url: string, who?: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    ...(who ? { headers: { authorization: `Bearer ${tokens[who]}` } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  // A second supplier account, in another supplier organisation.
  await db.query(sql`insert into app_user (kind, username, display_name, password_hash)
    select 'staff', 'second-supplier', '第二企业', password_hash from app_user where username = 'demo-supplier'`);
  await db.query(sql`insert into role_grant (user_id, role, organisation_id)
    select u.id, 'supplier_staff', o.id from app_user u, organisation o
    where u.username = 'second-supplier' and o.name_zh = '示例秦声听力设备有限公司'`);
  for (const username of ['demo-supplier', 'demo-city-admin', 'second-supplier']) {
    const account = await findAccountByUsername(db, username);
    if (!account) throw new Error(`no ${username}`);
    tokens[username] = (
      await issueToken(db, null, null, { userId: account.id, label: 'test', ttlHours: 1 })
    ).token;
  }
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/products', () => {
  it('finds wheelchairs with every required field and facets', async () => {
    const response = await api('GET', `/api/v1/products?q=${encodeURIComponent('轮椅')}&pageSize=5`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBeGreaterThan(5);
    expect(body.page).toBe(1);
    expect(body.pageSize).toBe(5);
    expect(body.items).toHaveLength(5);
    for (const item of body.items) {
      expect(item.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(item.name).toContain('轮椅');
      expect(item.nameEn.length).toBeGreaterThan(0);
      expect(item.isoCode).toMatch(/^\d{6}$/);
      expect(typeof item.supplier).toBe('string');
      expect(Number.isInteger(item.priceFen)).toBe(true);
    }
    expect(body.facets.classes.find((c: { code: string }) => c.code === '12').count).toBeGreaterThan(0);
    expect(response.headers['server-timing']).toMatch(
      /search;dur=[\d.]+;desc=(cached|computed), total;dur=[\d.]+/,
    );
  });

  it('filters by class, function area, disability and price in fen', async () => {
    const response = await api(
      'GET',
      '/api/v1/products?iso=22&function=hearing&disability=hearing&priceMin=100000&priceMax=500000&pageSize=100',
    );
    const body = response.json();
    expect(body.total).toBeGreaterThan(0);
    for (const item of body.items) {
      expect(item.isoCode.startsWith('22')).toBe(true);
      expect(item.functionAreas).toContain('hearing');
      expect(item.priceFen).toBeGreaterThanOrEqual(100_000);
      expect(item.priceFen).toBeLessThanOrEqual(500_000);
    }
  });

  it('pages through every match exactly once', async () => {
    const first = (await api('GET', '/api/v1/products?iso=12&pageSize=20')).json();
    const seen = new Set<string>();
    for (let page = 1; page <= Math.ceil(first.total / 20); page++) {
      for (const item of (await api('GET', `/api/v1/products?iso=12&pageSize=20&page=${page}`)).json().items)
        seen.add(item.id);
    }
    expect(seen.size).toBe(first.total);
  });

  it.each([
    'pageSize=101',
    'page=0',
    'priceMin=abc',
    'iso=123',
    'function=flying',
    `q=${'x'.repeat(101)}`,
    'sort=random',
  ])('refuses %s with a JSON error', async (query) => {
    const response = await api('GET', `/api/v1/products?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBeTruthy();
  });

  it('suggests as one types', async () => {
    const body = (await api('GET', `/api/v1/products/suggestions?q=${encodeURIComponent('轮')}`)).json();
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect(body.suggestions.some((s: string) => s.includes('轮椅'))).toBe(true);
  });
});

describe('products, classifications and open data', () => {
  it('gives one published product with its versions, and 404 for anything else', async () => {
    const [row] = await t.database.db.query<{ id: string }>(
      sql`select id from product where status = 'published' limit 1`,
    );
    const body = (await api('GET', `/api/v1/products/${row?.id}`)).json();
    expect(body.details.isoCode).toMatch(/^\d{6}$/);
    expect(body.versions).toEqual([{ version: 1, publishedAt: expect.any(String) }]);
    const missing = await api('GET', '/api/v1/products/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('lists both editions and gives one by slug or year, with 12 classes and a crosswalk', async () => {
    const versions = (await api('GET', '/api/v1/classifications')).json().items;
    expect(versions.map((v: { id: string }) => v.id)).toEqual(['GB/T 16432-2016', 'GB/T 16432-2025']);
    const edition = (await api('GET', '/api/v1/classifications/GB-T-16432-2016')).json();
    expect(edition.nodes.filter((n: { level: number }) => n.level === 1)).toHaveLength(12);
    expect(edition.crosswalk.length).toBeGreaterThan(0);
    expect((await api('GET', '/api/v1/classifications/2025')).json().id).toBe('GB/T 16432-2025');
    expect((await api('GET', '/api/v1/classifications/1999')).statusCode).toBe(404);
  });

  it('exports every published product as EASTIN records in JSON and CSV', async () => {
    const [count] = await t.database.db.query<{ n: number }>(
      sql`select count(*)::int as n from product where status = 'published'`,
    );
    const json = await api('GET', '/api/v1/open-data/products.json');
    expect(json.headers['content-type']).toContain('application/json');
    const records = JSON.parse(json.body);
    expect(records).toHaveLength(count?.n ?? -1);
    expect(records[0]).toMatchObject({
      commercialName: expect.any(String),
      isoCode: expect.stringMatching(/^\d\d \d\d \d\d$/),
    });
    const csv = await api('GET', '/api/v1/open-data/products.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trim().split('\n').length).toBe((count?.n ?? 0) + 1);
    expect(demoProducts().length).toBeGreaterThanOrEqual(300);
  });
});

describe('supplier writes with an API token', () => {
  let productId = '';

  it('creates a draft, refuses a fractional price, and hides drafts from the public', async () => {
    const fractional = await api('POST', '/api/v1/supplier/products', 'demo-supplier', {
      details: { ...details('API-1'), priceFen: 1280.5 },
    });
    expect(fractional.statusCode).toBe(400);
    const noAlt = await api('POST', '/api/v1/supplier/products', 'demo-supplier', {
      details: { ...details('API-1'), images: [{ url: 'https://example.org/a.png', altZh: '', altEn: '' }] },
    });
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.json().error.message).toContain('altRequired');
    const created = await api('POST', '/api/v1/supplier/products', 'demo-supplier', {
      details: details('API-1'),
    });
    expect(created.statusCode).toBe(201);
    productId = created.json().id;
    expect((await api('GET', `/api/v1/products/${productId}`)).statusCode).toBe(404);
    const mine = (await api('GET', '/api/v1/supplier/products?status=draft', 'demo-supplier')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(productId);
  });

  it('keeps another supplier out (404, audited) and the public out (401)', async () => {
    const other = await api('POST', `/api/v1/supplier/products/${productId}/submit`, 'second-supplier', {});
    expect(other.statusCode).toBe(404);
    const theirs = (await api('GET', '/api/v1/supplier/products', 'second-supplier')).json();
    expect(theirs.items.map((i: { id: string }) => i.id)).not.toContain(productId);
    const [denied] = await t.database.db.query<{ n: number }>(
      sql`select count(*)::int as n from audit_event where object_id = ${productId} and outcome = 'denied'`,
    );
    expect(denied?.n).toBe(1);
    // Refused before it reaches the product: no session, so no CSRF token either.
    expect([401, 403]).toContain(
      (await api('POST', `/api/v1/supplier/products/${productId}/submit`, undefined, {})).statusCode,
    );
  });

  it('goes from submitted to published, where search and another process find it, then withdrawn', async () => {
    const elsewhere = new CatalogSearch(t.database.db);
    expect(
      (await elsewhere.search({ q: 'API-1', offset: 0, limit: 5 })).items.map((p) => p.model),
    ).not.toContain('API-1');
    const submitted = await api('POST', `/api/v1/supplier/products/${productId}/submit`, 'demo-supplier', {});
    expect(submitted.json(), submitted.body).toEqual({ status: 'submitted' });
    // A supplier cannot approve; the city administrator can, once.
    expect(
      (await api('POST', `/api/v1/catalog/review/${productId}/approve`, 'demo-supplier', {})).statusCode,
    ).toBe(403);
    expect(
      (await api('POST', `/api/v1/catalog/review/${productId}/approve`, 'demo-city-admin', {})).json().status,
    ).toBe('published');
    expect(
      (await api('POST', `/api/v1/catalog/review/${productId}/approve`, 'demo-city-admin', {})).statusCode,
    ).toBe(409);
    const found = (await api('GET', '/api/v1/products?q=API-1')).json();
    expect(found.items[0].id).toBe(productId);
    // Another app process follows by catalog revision.
    elsewhere.invalidate();
    expect((await elsewhere.search({ q: 'API-1', offset: 0, limit: 5 })).items[0]?.id).toBe(productId);

    // A revision keeps the published version public until it is approved.
    const revised = await api('PUT', `/api/v1/supplier/products/${productId}/draft`, 'demo-supplier', {
      details: { ...details('API-1'), priceFen: 99_900 },
    });
    expect(revised.json().version).toBe(2);
    expect((await api('GET', `/api/v1/products/${productId}`)).json().details.priceFen).toBe(128_050);

    const withdrawn = await api('POST', `/api/v1/supplier/products/${productId}/withdraw`, 'demo-supplier', {
      reason: '停产',
    });
    expect(withdrawn.json().status).toBe('withdrawn');
    expect(
      (await api('GET', '/api/v1/products?q=API-1')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(productId);
    const actions = await t.database.db.query<{ action: string }>(
      sql`select action from audit_event where object_id = ${productId} and outcome = 'success' order by seq`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'product.create',
      'product.submit',
      'product.approve',
      'product.save',
      'product.withdraw',
    ]);
  });
});
