import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../../test/support/app.ts';
import { sql } from '../../../../platform/db/index.ts';
import { formatYuan } from '../../../../platform/i18n/index.ts';
import { demoProducts } from '../../demo/products.ts';
import { insertPublishedProducts } from '../../demo.ts';
import { attributeDefinition } from '../../domain/attributes.ts';

let t: TestApp;

interface ApiItem {
  id: string;
  name: string;
  nameEn: string;
  priceFen: number;
  functionAreas: string[];
}

beforeAll(async () => {
  t = await testApp();
  // The demo template carries the demo catalog; seed it only if this template has none.
  const [row] = await t.database.db.query<{ n: number | string }>(
    sql`select count(*) as n from product where status = 'published'`,
  );
  if (Number(row?.n ?? 0) === 0)
    await t.database.db.transaction((tx) => insertPublishedProducts(tx, demoProducts(), { isDemo: true }));
});

afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

async function api(url: string): Promise<{ items: ApiItem[]; total: number }> {
  const response = await get(url);
  expect(response.statusCode).toBe(200);
  return response.json();
}

const count = (html: string, pattern: RegExp): number => [...html.matchAll(pattern)].length;

/** The product links of a results page, in order. */
const resultIds = (html: string): string[] =>
  [...html.matchAll(/<h3 class="fj-product-list__title"><a href="\/products\/([0-9a-f-]{36})"/g)].map(
    (m) => m[1] ?? '',
  );

/** "找到 12 件产品" / "12 products found" → 12. */
function foundCount(html: string): number {
  const heading = /<h2 class="fj-heading-m fj-catalog__count">([^<]*)<\/h2>/.exec(html)?.[1] ?? '';
  return Number(/\d+/.exec(heading)?.[0] ?? Number.NaN);
}

/** Text that is not marked as Chinese: elements with lang="zh-CN" (and their contents) removed, then tags. */
function textNotMarkedChinese(html: string): string {
  let rest = html.replace(/<head>[\s\S]*?<\/head>/, '');
  for (;;) {
    // Innermost first: an element with no element of the same name inside it.
    const next = rest.replace(/<(\w+)\b[^>]*\slang="zh-CN"[^>]*>(?:(?!<\1\b)[\s\S])*?<\/\1>/g, '');
    if (next === rest) break;
    rest = next;
  }
  return rest.replace(/<[^>]*>/g, ' ');
}

const han = /[\u3400-\u9fff\uf900-\ufaff]/;

function expectOnePageHeading(html: string): void {
  expect(count(html, /<h1\b/g)).toBe(1);
  expect(html).toContain('class="fj-breadcrumbs"');
}

describe('GET /products (browse)', () => {
  it('lists the 12 classes of the current edition with their product counts', async () => {
    const response = await get('/products');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expectOnePageHeading(html);
    expect(count(html, /class="fj-class-list__item"/g)).toBe(12);
    expect(html).toMatch(/<a href="\/products\?iso=12" class="fj-class-list__link">/);
    expect(html).toMatch(/\d+ 件产品/);
    // Works without a script: a GET form with a labelled search box and its hint.
    expect(html).toMatch(/<form method="get" action="\/products"/);
    expect(html).toContain('<label class="fj-label fj-label--m" for="q">搜索产品</label>');
    expect(html).toContain('可输入中文、拼音、首字母、繁体或英文');
    expect(html).toContain('data-module="product-suggest"');
  });

  it('shows a class’s subclasses with counts, and the class path in the breadcrumbs', async () => {
    const html = (await get('/products?iso=12')).body;
    expectOnePageHeading(html);
    expect(html).toContain('id="subclasses-heading"');
    expect(html).toMatch(/<a href="\/products\?iso=12\d\d" class="fj-class-list__link">/);
    const subclass = /href="\/products\?iso=(12\d\d)" class="fj-class-list__link"/.exec(html)?.[1] ?? '';
    const deeper = (await get(`/products?iso=${subclass}`)).body;
    const crumbs = /<nav class="fj-breadcrumbs"[\s\S]*?<\/nav>/.exec(deeper)?.[0] ?? '';
    expect(crumbs).toContain('href="/products?iso=12"');
    expect(crumbs).toContain(`${subclass.slice(0, 2)} ${subclass.slice(2)}`);
    expect(crumbs).toContain('aria-current="page"');
  });
});

describe('GET /products (search)', () => {
  it('finds wheelchairs for 轮椅', async () => {
    const response = await get(`/products?q=${encodeURIComponent('轮椅')}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expectOnePageHeading(html);
    const ids = resultIds(html);
    expect(ids.length).toBeGreaterThan(0);
    expect(foundCount(html)).toBeGreaterThanOrEqual(ids.length);
    const api = await get(`/api/v1/products?q=${encodeURIComponent('轮椅')}`);
    const first = (api.json() as { items: ApiItem[] }).items[0];
    expect(first?.name).toContain('轮椅');
    expect(ids[0]).toBe(first?.id);
    // Each result: name linked, ISO code as the standard prints it, price in yuan, a compare box.
    expect(html).toMatch(/<span class="fj-product-list__code">\d\d \d\d \d\d<\/span>/);
    expect(html).toContain(formatYuan(first?.priceFen ?? 0, 'zh-CN'));
    expect(html).toMatch(/<form method="get" action="\/products\/compare"/);
    expect(html).toMatch(
      /<input class="fj-checkboxes__input" id="compare-[0-9a-f-]{36}" name="id" type="checkbox"/,
    );
    // The English name is marked as English on the Chinese page.
    expect(html).toMatch(/<p class="fj-product-list__other-name" lang="en">/);
    expect(html).toContain('<title>“轮椅”的搜索结果 - 辅具产品目录');
  });

  it('finds the same by pinyin, and says when a typo was corrected', async () => {
    const pinyin = (await get('/products?q=lunyi')).body;
    expect(resultIds(pinyin).length).toBeGreaterThan(0);
    const typo = (await get('/products?q=whellchair')).body;
    expect(resultIds(typo).length).toBeGreaterThan(0);
    expect(typo).toContain(
      '<p class="fj-body fj-catalog__notice">显示“<span lang="en">wheelchair</span>”的结果',
    );
  });

  it('says when it fell back to products matching any of the words', async () => {
    const q = encodeURIComponent('轮椅 助听器');
    const fromApi = (await get(`/api/v1/products?q=${q}`)).json() as { total: number };
    const html = (await get(`/products?q=${q}`)).body;
    expect(foundCount(html)).toBe(fromApi.total);
    expect(html).toContain('没有同时包含所有搜索词的产品');
  });

  it('narrows the results by function area, listing the filter with a link to remove it', async () => {
    const all = (await get('/products?sort=name')).body;
    const hearing = (await get('/products?sort=name&function=hearing')).body;
    expect(foundCount(hearing)).toBeGreaterThan(0);
    expect(foundCount(hearing)).toBeLessThan(foundCount(all));
    const fromApi = await api('/api/v1/products?function=hearing');
    expect(foundCount(hearing)).toBe(fromApi.total);
    expect(hearing).toMatch(
      /<input class="fj-checkboxes__input" id="function[-\d]*" name="function" type="checkbox" value="hearing" checked/,
    );
    expect(hearing).toContain('class="fj-selected-filters__remove"');
    expect(hearing).toContain('href="/products?sort=name"');
    // Other function areas still offered, with how many each would show.
    expect(hearing).toMatch(/value="mobility"/);
  });

  it('filters by price typed in yuan, converted to fen exactly', async () => {
    const html = (await get('/products?minYuan=1000&maxYuan=3,000.5')).body;
    expect(html).not.toContain('fj-error-summary');
    const fromApi = await api('/api/v1/products?priceMin=100000&priceMax=300050&pageSize=100');
    expect(fromApi.total).toBeGreaterThan(0);
    expect(foundCount(html)).toBe(fromApi.total);
    for (const item of fromApi.items) {
      expect(item.priceFen).toBeGreaterThanOrEqual(100_000);
      expect(item.priceFen).toBeLessThanOrEqual(300_050);
    }
    expect(html).toContain('最低 ¥1,000.00');
    expect(html).toContain('最高 ¥3,000.50');
    expect(html).toContain('value="3,000.5"');
  });

  it('shows an error summary linking to a price it cannot read, not a 400', async () => {
    const response = await get('/products?q=%E8%BD%AE%E6%A4%85&minYuan=12.345&maxYuan=-5');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toMatch(/<title>错误：/);
    expect(html).toContain('data-module="error-summary"');
    expect(html).toContain('<a href="#minYuan">最低价格请填写金额');
    expect(html).toContain('<a href="#maxYuan">最高价格请填写金额');
    expect(html).toMatch(
      /<input[^>]*id="minYuan"[^>]*aria-describedby="minYuan-error"[^>]*aria-invalid="true"/,
    );
    // The fieldset's hint is read with the group.
    expect(html).toContain('aria-describedby="price-hint"');
    expect(html).toContain('value="12.345"');
    // The words still find what they can.
    expect(resultIds(html).length).toBeGreaterThan(0);
    const order = (await get('/products?minYuan=500&maxYuan=100')).body;
    expect(order).toContain('<a href="#maxYuan">最高价格不能低于最低价格</a>');
  });

  it('offers technical ranges for attributes in the results, labelled with units', async () => {
    const html = (await get(`/products?q=${encodeURIComponent('轮椅')}`)).body;
    expect(html).toMatch(/name="min_seatWidth"/);
    expect(html).toContain('座宽（cm）');
    const narrowed = (await get(`/products?q=${encodeURIComponent('轮椅')}&min_seatWidth=45`)).body;
    expect(foundCount(narrowed)).toBeLessThanOrEqual(foundCount(html));
    const bad = (await get(`/products?q=${encodeURIComponent('轮椅')}&min_seatWidth=wide`)).body;
    expect(bad).toContain('<a href="#range-min-seatWidth">座宽的最小值请填写数字');
  });

  it('pages 20 at a time and keeps the query when paging', async () => {
    const first = (await get('/products?sort=name&function=mobility')).body;
    expect(foundCount(first)).toBeGreaterThan(20);
    expect(resultIds(first)).toHaveLength(20);
    expect(first).toContain('href="/products?function=mobility&amp;sort=name&amp;page=2"');
    const second = (await get('/products?function=mobility&sort=name&page=2')).body;
    expect(resultIds(second)[0]).not.toBe(resultIds(first)[0]);
  });

  it('helps when nothing is found', async () => {
    const html = (await get('/products?q=zzqqxxjj')).body;
    expect(foundCount(html)).toBe(0);
    expect(html).toContain('没有找到符合条件的产品');
    expect(html).toContain('检查搜索词有没有输错');
    expect(html).toContain('<a href="/products">按类别浏览全部产品</a>');
  });
});

describe('GET /products/:id', () => {
  it('shows a published product with its attributes and units', async () => {
    const { items } = await api(`/api/v1/products?q=${encodeURIComponent('轮椅')}`);
    const item = items[0] as ApiItem;
    const detail = (await get(`/api/v1/products/${item.id}`)).json() as {
      details: { attributes: Record<string, number | string>; isoCode: string };
    };
    const response = await get(`/products/${item.id}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expectOnePageHeading(html);
    expect(html).toContain(`<h1 class="fj-heading-l fj-product__name">${item.name}</h1>`);
    expect(html).toContain(formatYuan(item.priceFen, 'zh-CN'));
    const numeric = Object.entries(detail.details.attributes).find(([, v]) => typeof v === 'number');
    expect(numeric).toBeDefined();
    const [attributeId, value] = numeric as [string, number];
    const definition = attributeDefinition(attributeId);
    expect(html).toContain(`<th scope="row" class="fj-table__header">${definition?.zh}`);
    if (definition?.unit)
      expect(html).toContain(
        `（${definition.unit === 'in' ? '英寸' : definition.unit === 'y' ? '岁' : definition.unit === 'h' ? '小时' : definition.unit}）`,
      );
    expect(html).toContain(String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    // The class path, the open-data record and the comparison form.
    expect(html).toContain(`href="/products?iso=${detail.details.isoCode.slice(0, 2)}"`);
    expect(html).toContain(`href="/api/v1/products/${item.id}"`);
    expect(html).toContain(`<input type="hidden" name="id" value="${item.id}"/>`);
    expect(html).toContain('发布记录');
  });

  it('is a 404 page for an unknown or malformed id', async () => {
    const unknown = await get('/products/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('text/html');
    expect(unknown.body).toContain('找不到这个页面');
    expect((await get('/products/not-an-id')).statusCode).toBe(404);
  });
});

describe('GET /products/compare', () => {
  async function someIds(n: number): Promise<string[]> {
    const { items } = await api('/api/v1/products?sort=name&pageSize=10');
    return items.slice(0, n).map((i) => i.id);
  }

  it('compares two products in a table with column and row headers', async () => {
    const [a, b] = await someIds(2);
    const response = await get(`/products/compare?id=${a}&id=${b}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expectOnePageHeading(html);
    expect(html).toContain(
      '<caption class="fj-table__caption fj-table__caption--m" id="compare-caption">2 件产品的对比</caption>',
    );
    expect(count(html, /<th scope="col"/g)).toBe(3);
    expect(count(html, /<th scope="row"/g)).toBeGreaterThanOrEqual(8);
    expect(html).toContain(`<a href="/products/${a}" class="fj-compare__name">`);
    // Each product can be removed; a missing value is a dash read as "not stated".
    expect(html).toContain(`href="/products/compare?id=${b}" class="fj-compare__remove"`);
    expect(html).toContain('<span class="fj-visually-hidden">未注明</span>');
    // Comma-separated ids work the same.
    const commas = (await get(`/products/compare?id=${a},${b}`)).body;
    expect(count(commas, /<th scope="col"/g)).toBe(3);
  });

  it('asks for at most 4 when given 5, without failing', async () => {
    const ids = await someIds(5);
    const response = await get(`/products/compare?${ids.map((id) => `id=${id}`).join('&')}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expectOnePageHeading(html);
    expect(html).toMatch(/<title>错误：/);
    expect(html).toContain('<a href="#id">请最多选择 4 件产品</a>');
    expect(count(html, /name="id" type="checkbox"/g)).toBe(5);
    expect(html).not.toContain('<table');
  });

  it('skips unknown ids with a notice', async () => {
    const [a] = await someIds(1);
    const html = (await get(`/products/compare?id=${a}&id=00000000-0000-4000-8000-000000000000&id=junk`))
      .body;
    expect(html).toContain('有 2 件产品没有显示');
    expect(count(html, /<th scope="col"/g)).toBe(2);
    const none = (await get('/products/compare')).body;
    expect(none).toContain('还没有选择要对比的产品');
  });
});

describe('English pages', () => {
  it('leave no Chinese interface text, only product data marked lang="zh-CN"', async () => {
    const { items } = await api('/api/v1/products?q=wheelchair');
    const [a, b] = items.map((i) => i.id);
    const urls = [
      '/products?lang=en',
      '/products?iso=12&lang=en',
      '/products?q=wheelchair&lang=en',
      '/products?q=wheelchair&minYuan=abc&function=mobility&lang=en',
      '/products?q=zzqqxxjj&lang=en',
      `/products/${a}?lang=en`,
      `/products/compare?id=${a}&id=${b}&lang=en`,
      '/products/compare?lang=en',
    ];
    for (const url of urls) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('<html lang="en"');
      const left = textNotMarkedChinese(response.body);
      const found = left.split(/\s+/).filter((word) => han.test(word));
      expect(found, url).toEqual([]);
    }
  });

  it('reads prices as CN¥ and the search box in English', async () => {
    const html = (await get('/products?q=wheelchair&lang=en')).body;
    expect(html).toMatch(/CN¥[\d,]+\.\d\d/);
    expect(html).toContain('>Search products</label>');
    expect(html).toMatch(/\d+ products? found/);
  });
});
