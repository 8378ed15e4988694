/**
 * The catalog in a real browser: axe on every catalog page and state (browse,
 * search with and without results, errors, product, compare, the supplier
 * portal with an import report, the city's review and classification pages)
 * in both languages and two display settings; a keyboard-only journey —
 * search, filter, open, compare; the same without JavaScript; the
 * search-as-you-type suggestions; no sideways scroll at 320 px.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/index.ts';
import type { TestApp } from '../support/app.ts';
import { repoRoot } from '../support/templates.ts';
import { contextIn, expectNoAxeViolations, launchBrowser, servedApp, signInAs, tabTo } from './browser.ts';

const screenshots = `${repoRoot}test-results/screenshots`;
const locales = ['zh-CN', 'en'] as const;
const displays = [
  { name: 'default', cookie: '' },
  { name: 'x-large-high-contrast', cookie: 'text=x-large&contrast=high' },
];

let t: TestApp;
let base: string;
let browser: Browser;
let workDir: string;
let productIds: string[] = [];
let submittedId = '';
let badCsv = '';

beforeAll(async () => {
  ({ t, base } = await servedApp());
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
  workDir = mkdtempSync(join(tmpdir(), 'fuju-e2e-catalog-'));
  const db = t.database.db;
  productIds = (
    await db.query<{ id: string }>(
      sql`select p.id from product p join product_version v on v.product_id = p.id and v.version = p.published_version
          where p.status = 'published' and v.name_zh like '%轮椅%' order by v.name_zh limit 5`,
    )
  ).map((r) => r.id);
  // A revision waiting for the city's review: the demo supplier's first product, price changed.
  const [own] = await db.query<{ id: string }>(
    sql`select p.id from product p join app_user u on u.username = 'demo-supplier'
        join role_grant g on g.user_id = u.id and g.organisation_id = p.supplier_id
        where p.status = 'published' order by p.id limit 1`,
  );
  submittedId = own?.id ?? '';
  await db.query(
    sql`insert into product_version (product_id, version, state, name_zh, name_en, model, iso_code, price_fen, details, submitted_at)
        select product_id, 2, 'submitted', name_zh, name_en, model, iso_code, price_fen + 100,
               jsonb_set(details, '{priceFen}', to_jsonb(price_fen + 100)), now()
        from product_version where product_id = ${submittedId} and version = 1`,
  );
  await db.query(sql`update product set working_version = 2 where id = ${submittedId}`);
  badCsv = join(workDir, 'products-with-problems.csv');
  writeFileSync(
    badCsv,
    '\ufeff产品名称,英文名称,型号,分类编码,参考价格（元）\n' +
      '测试轮椅,Test wheelchair,E2E-1,122203,1280.00\n' +
      ',Nameless,E2E-2,999999,12.345\n',
  );
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  rmSync(workDir, { recursive: true, force: true });
});

interface PageState {
  readonly path: string;
  readonly name: string;
  readonly prepare?: (page: Page) => Promise<void>;
}

const importWithProblems = async (page: Page) => {
  await page.setInputFiles('input[type="file"]', badCsv);
  await Promise.all([
    page.waitForURL(/\/supplier\/imports\/[0-9a-f-]{36}/),
    page.click('main form button[type="submit"]'),
  ]);
  // The import runs in the background; the report page offers a plain refresh.
  for (let i = 0; i < 50 && (await page.locator('main table').count()) === 0; i++) {
    await page.waitForTimeout(100);
    await page.reload();
  }
  expect(await page.locator('main table').count()).toBe(1);
};

const submitEmpty = async (page: Page) => {
  await Promise.all([
    page.waitForLoadState('load'),
    page.click('main form[method="post"] button[type="submit"]'),
  ]);
  await page.waitForSelector('.fj-error-summary');
};

const personas: { username: string | null; pages: () => PageState[] }[] = [
  {
    username: null,
    pages: () => [
      { path: '/products', name: 'catalog-browse' },
      { path: '/products?iso=12', name: 'catalog-class' },
      { path: `/products?q=${encodeURIComponent('轮椅')}`, name: 'catalog-search' },
      { path: '/products?q=wheelchiar', name: 'catalog-search-corrected' },
      { path: `/products?q=${encodeURIComponent('飞行汽车')}`, name: 'catalog-search-no-results' },
      { path: '/products?q=zzzzqqqq', name: 'catalog-search-nothing' },
      { path: '/products?minYuan=abc', name: 'catalog-filter-errors' },
      { path: `/products/${productIds[0]}`, name: 'product' },
      { path: `/products/compare?id=${productIds.slice(0, 3).join('&id=')}`, name: 'compare' },
      { path: `/products/compare?id=${productIds.join('&id=')}`, name: 'compare-too-many' },
    ],
  },
  {
    username: 'demo-supplier',
    pages: () => [
      { path: '/supplier/products', name: 'supplier-products' },
      { path: '/supplier/products/new', name: 'supplier-product-new' },
      { path: '/supplier/products/new', name: 'supplier-product-new-errors', prepare: submitEmpty },
      { path: `/supplier/products/${submittedId}`, name: 'supplier-product' },
      { path: '/supplier/imports/new', name: 'supplier-import-new' },
      { path: '/supplier/imports/new', name: 'supplier-import-report', prepare: importWithProblems },
      { path: '/supplier/imports', name: 'supplier-imports' },
    ],
  },
  {
    username: 'demo-city-admin',
    pages: () => [
      { path: '/admin/catalog', name: 'catalog-admin' },
      { path: '/admin/catalog/review', name: 'catalog-review-queue' },
      { path: `/admin/catalog/review/${submittedId}`, name: 'catalog-review' },
      { path: '/admin/catalog/classification', name: 'catalog-classification' },
      { path: '/admin/catalog/synonyms', name: 'catalog-synonyms' },
    ],
  },
];

describe('axe on every catalog page and state', () => {
  for (const persona of personas) {
    for (const locale of locales) {
      it(`${persona.username ?? 'anonymous'} / ${locale}`, async () => {
        for (const display of displays) {
          const context = await contextIn(browser, base, locale, display.cookie);
          const page = await context.newPage();
          if (persona.username) await signInAs(page, base, persona.username);
          for (const state of persona.pages()) {
            const response = await page.goto(`${base}${state.path}`);
            expect(response?.status(), state.path).toBe(200);
            await state.prepare?.(page);
            expect(await page.getAttribute('html', 'lang')).toBe(locale);
            expect(await page.locator('main h1').count(), `${state.name} has one h1`).toBe(1);
            await expectNoAxeViolations(page, `${locale} ${display.name} ${state.name}`);
            if (display.name === 'default' && locale === 'zh-CN') {
              await page.screenshot({ path: `${screenshots}/${state.name}-${locale}.png`, fullPage: true });
            }
          }
          await context.close();
        }
      }, 240_000);
    }
  }
});

describe('finding a product', () => {
  it('search, filter, open and compare with the keyboard alone', async () => {
    const context = await contextIn(browser, base, 'zh-CN');
    const page = await context.newPage();
    await page.goto(`${base}/products`);
    await tabTo(page, '#q');
    await page.keyboard.type('轮椅');
    // With no suggestion chosen, Enter searches for what was typed.
    await Promise.all([page.waitForURL(/q=/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('轮椅');
    const allWheelchairs = await page.locator('.fj-product-list > li').count();
    expect(allWheelchairs).toBeGreaterThan(1);

    await tabTo(page, 'input[name="function"][value="mobility"]', 120);
    await page.keyboard.press('Space');
    await tabTo(page, 'form.fj-catalog__form button[type="submit"]', 120);
    await Promise.all([page.waitForURL(/function=mobility/), page.keyboard.press('Enter')]);
    expect(await page.locator('.fj-product-list > li').count()).toBeGreaterThan(0);

    await tabTo(page, '.fj-product-list a[href^="/products/"]', 200);
    const opened = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).pathname);
    await Promise.all([page.waitForURL(`${base}${opened}`), page.keyboard.press('Enter')]);
    expect(await page.locator('main h1').count()).toBe(1);
    await Promise.all([page.waitForURL(/function=mobility/), page.goBack()]);

    await tabTo(page, '.fj-product-list input[name="id"]', 200);
    await page.keyboard.press('Space');
    await tabTo(page, '.fj-product-list input[name="id"]:not(:checked)', 40);
    await page.keyboard.press('Space');
    await tabTo(page, 'form.fj-catalog__compare button[type="submit"]', 200);
    await Promise.all([page.waitForURL(/\/products\/compare/), page.keyboard.press('Enter')]);
    expect(await page.locator('main table th.fj-compare__product').count()).toBe(2);
    expect(await page.locator('main table th[scope="row"]').count()).toBeGreaterThan(3);
    await context.close();
  }, 60_000);

  it('works the same without JavaScript', async () => {
    const context = await contextIn(browser, base, 'en', '', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/products`);
    await page.fill('#q', 'hearing aid');
    await Promise.all([page.waitForURL(/q=hearing/), page.click('form.fj-catalog-search button')]);
    const names = await page.locator('.fj-product-list a[href^="/products/"]').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    await page.check('input[name="subsidy"][value="yes"]');
    await Promise.all([
      page.waitForURL(/subsidy=yes/),
      page.click('form.fj-catalog__form button[type="submit"]'),
    ]);
    const boxes = page.locator('.fj-product-list input[name="id"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await Promise.all([
      page.waitForURL(/\/products\/compare/),
      page.click('form.fj-catalog__compare button >> nth=0'),
    ]);
    expect(await page.locator('main table th.fj-compare__product').count()).toBe(2);
    await context.close();
  });

  it('suggests words as one types, announced and chosen with the keyboard', async () => {
    const context = await contextIn(browser, base, 'zh-CN');
    const page = await context.newPage();
    await page.goto(`${base}/products`);
    await page.focus('#q');
    await page.keyboard.type('lun');
    await page.waitForSelector('[role="listbox"] [role="option"]');
    expect(await page.getAttribute('#q', 'aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    const active = await page.getAttribute('#q', 'aria-activedescendant');
    expect(active).toBeTruthy();
    await expectNoAxeViolations(page, 'suggestions open');
    await Promise.all([page.waitForURL(/q=/), page.keyboard.press('Enter')]);
    expect(await page.locator('.fj-product-list > li').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('has no sideways scrolling at 320 px with extra-large text', async () => {
    const context = await contextIn(browser, base, 'zh-CN', 'text=x-large', {
      viewport: { width: 320, height: 640 },
    });
    const page = await context.newPage();
    for (const path of [
      '/products',
      `/products?q=${encodeURIComponent('轮椅')}`,
      `/products/${productIds[0]}`,
      `/products/compare?id=${productIds.slice(0, 4).join('&id=')}`,
    ]) {
      await page.goto(`${base}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await signInAs(page, base, 'demo-supplier');
    for (const path of ['/supplier/products', '/supplier/products/new', '/supplier/imports/new']) {
      await page.goto(`${base}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});
