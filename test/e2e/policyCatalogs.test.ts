/**
 * The policy catalogs in a real browser: axe on every page and state (public
 * catalogs, items, differences, print, notices and the objection form; the
 * supplier's applications; a reviewer's panel; the city's catalogs, settings
 * and admissions) in both languages and two display settings. Two admissions
 * run end to end, each person in their own browser: one from a supplier's
 * application (keyboard only) through three reviewers (keyboard only) and the
 * notice period to admitted; one where a member of the public objects
 * (keyboard only) and the city upholds the objection. Also: the objection
 * form without JavaScript, and no sideways scrolling at 320 px.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/modules/policyCatalogs/catalogsService.ts';
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
const reviewers = ['demo-assessor', 'demo-researcher', 'demo-department'] as const;

let t: TestApp;
let base: string;
let browser: Browser;
const ids = { notice: '', review: '', applied: '', catalog2026: '', draft2027: '', ownAdmission: '' };
let undeclaredReviewer = '';

const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};

/** One of demo-supplier's published products and a subsidy item in force that fits it, neither listed nor applied for. */
const unlistedPairOf = (username: string | null) =>
  one<{ product_id: string; item_id: string; code: string; price_fen: string; name_zh: string }>(
    sql`select p.id as product_id, i.id as item_id, i.code, v.price_fen, v.name_zh
        from product p
        join product_version v on v.product_id = p.id and v.version = p.published_version
        join subsidy_item i on v.iso_code = any(i.iso_codes)
        join policy_catalog c on c.id = i.catalog_id and c.status = 'in_force'
        where p.status = 'published'
          and (${username}::text is null or p.supplier_id in (
            select g.organisation_id from role_grant g join app_user u on u.id = g.user_id where u.username = ${username}))
          and not exists (select 1 from subsidy_item_product sp where sp.item_id = i.id and sp.product_id = p.id)
          and not exists (select 1 from admission a where a.product_id = p.id)
        order by v.model desc limit 1`,
  );

beforeAll(async () => {
  ({ t, base } = await servedApp());
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
  const byStatus = async (status: string) =>
    (
      await one<{ id: string }>(
        sql`select id from admission where status = ${status} order by created_at limit 1`,
      )
    ).id;
  ids.notice = await byStatus('notice');
  ids.review = await byStatus('under_review');
  ids.applied = await byStatus('applied');
  // The demo notice runs from the day the test template was built: keep it open today.
  await t.database.db.query(
    sql`update admission set notice_starts_on = current_date - 1, notice_ends_on = current_date + 5 where id = ${ids.notice}`,
  );
  ids.catalog2026 = (
    await one<{ id: string }>(sql`select id from policy_catalog where kind = 'subsidy' and year = 2026`)
  ).id;
  ids.draft2027 = await createDraft(
    t.database.db,
    { actor: { userId: null, label: 'e2e', organisationId: null }, sourceAddress: null },
    {
      kind: 'subsidy',
      year: 2027,
      titleZh: '2027年度补贴目录（草稿）',
      titleEn: 'Subsidy catalog 2027 (draft)',
    },
  );
  const own = await t.database.db.query<{ id: string }>(
    sql`select a.id from admission a join role_grant g on g.organisation_id = a.applicant_organisation_id
        join app_user u on u.id = g.user_id where u.username = 'demo-supplier' limit 1`,
  );
  ids.ownAdmission = own[0]?.id ?? '';
  undeclaredReviewer = (
    await one<{ username: string }>(
      sql`select u.username from admission_reviewer r join app_user u on u.id = r.reviewer_id
          where r.admission_id = ${ids.review} and r.has_conflict is null limit 1`,
    )
  ).username;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

interface PageState {
  readonly path: string;
  readonly name: string;
  readonly status?: number;
  readonly prepare?: (page: Page) => Promise<void>;
}

const submitEmpty = (form: string) => async (page: Page) => {
  await Promise.all([page.waitForLoadState('load'), page.click(`${form} button[type="submit"]`)]);
  await page.waitForSelector('.fj-error-summary');
};

const personas: { label: string; username: () => string | null; pages: () => PageState[] }[] = [
  {
    label: 'anonymous',
    username: () => null,
    pages: () => [
      { path: '/subsidy-catalogs', name: 'subsidy-catalogs' },
      { path: '/subsidy-catalogs/2026', name: 'subsidy-catalog-2026' },
      { path: '/subsidy-catalogs/2026?category=hearing', name: 'subsidy-catalog-hearing' },
      { path: '/subsidy-catalogs/2026?category=flying', name: 'subsidy-catalog-bad-category', status: 400 },
      { path: '/subsidy-catalogs/2025', name: 'subsidy-catalog-2025-superseded' },
      { path: '/subsidy-catalogs/2026/items/12220301', name: 'subsidy-item' },
      { path: '/subsidy-catalogs/2026/items/06150301', name: 'subsidy-item-first-of-kind' },
      { path: '/subsidy-catalogs/diff?from=2025&to=2026', name: 'subsidy-diff' },
      { path: '/subsidy-catalogs/diff?from=2026&to=2026', name: 'subsidy-diff-errors', status: 400 },
      { path: '/subsidy-catalogs/2026/print', name: 'subsidy-print' },
      { path: '/rehab-service-catalogs', name: 'rehab-catalogs' },
      { path: '/rehab-service-catalogs/2026', name: 'rehab-catalog-2026' },
      { path: '/rehab-service-catalogs/diff?from=2025&to=2026', name: 'rehab-diff' },
      { path: '/rehab-service-catalogs/2026/print', name: 'rehab-print' },
      { path: '/notices', name: 'notices' },
      { path: `/notices/${ids.notice}`, name: 'notice' },
      {
        path: `/notices/${ids.notice}`,
        name: 'notice-objection-errors',
        prepare: submitEmpty('form[action$="/objections"]'),
      },
    ],
  },
  {
    label: 'supplier',
    username: () => 'demo-supplier',
    pages: () => [
      { path: '/supplier/admissions', name: 'supplier-admissions' },
      { path: '/supplier/admissions/new', name: 'supplier-admission-new' },
      {
        path: '/supplier/admissions/new',
        name: 'supplier-admission-new-errors',
        prepare: submitEmpty('main form[method="post"]'),
      },
      ...(ids.ownAdmission
        ? [{ path: `/supplier/admissions/${ids.ownAdmission}`, name: 'supplier-admission' }]
        : []),
    ],
  },
  {
    label: 'reviewer yet to declare',
    username: () => undeclaredReviewer,
    pages: () => [
      { path: '/reviews', name: 'reviews' },
      { path: `/reviews/${ids.review}`, name: 'review-declare' },
      {
        path: `/reviews/${ids.review}`,
        name: 'review-declare-errors',
        prepare: submitEmpty('form[action$="/declaration"]'),
      },
    ],
  },
  {
    label: 'city administrator',
    username: () => 'demo-city-admin',
    pages: () => [
      { path: '/admin/policy-catalogs', name: 'policy-admin' },
      { path: `/admin/policy-catalogs/${ids.catalog2026}`, name: 'policy-admin-catalog' },
      { path: `/admin/policy-catalogs/${ids.draft2027}`, name: 'policy-admin-draft' },
      { path: `/admin/policy-catalogs/${ids.draft2027}/items/new`, name: 'policy-admin-item-new' },
      {
        path: `/admin/policy-catalogs/${ids.draft2027}/items/new`,
        name: 'policy-admin-item-new-errors',
        prepare: submitEmpty('main form[method="post"]'),
      },
      { path: `/admin/policy-catalogs/${ids.draft2027}/items/12220301/edit`, name: 'policy-admin-item-edit' },
      {
        path: `/admin/policy-catalogs/${ids.draft2027}/items/12220301/delete`,
        name: 'policy-admin-item-delete',
      },
      { path: '/admin/policy-catalogs/settings', name: 'policy-admin-settings' },
      { path: '/admin/admissions', name: 'admissions' },
      { path: `/admin/admissions/${ids.applied}`, name: 'admission-applied' },
      { path: `/admin/admissions/${ids.review}`, name: 'admission-under-review' },
      { path: `/admin/admissions/${ids.notice}`, name: 'admission-notice' },
      { path: '/admin/admissions/new', name: 'admission-new-by-city' },
    ],
  },
];

describe('axe on every policy-catalog page and state', () => {
  for (const persona of personas) {
    for (const locale of locales) {
      it(`${persona.label} / ${locale}`, async () => {
        for (const display of displays) {
          const context = await contextIn(browser, base, locale, display.cookie);
          const page = await context.newPage();
          const username = persona.username();
          if (username) await signInAs(page, base, username);
          for (const state of persona.pages()) {
            const response = await page.goto(`${base}${state.path}`);
            expect(response?.status(), state.path).toBe(state.status ?? 200);
            await state.prepare?.(page);
            expect(await page.getAttribute('html', 'lang')).toBe(locale);
            expect(await page.locator('main h1').count(), `${state.name} has one h1`).toBe(1);
            await expectNoAxeViolations(page, `${locale} ${display.name} ${state.name}`);
            if (display.name === 'default' && locale === 'zh-CN')
              await page.screenshot({ path: `${screenshots}/${state.name}-${locale}.png`, fullPage: true });
          }
          await context.close();
        }
      }, 240_000);
    }
  }
});

/** Each person in their own browser, signed in. */
async function personIn(
  username: string | null,
  locale = 'zh-CN',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await contextIn(browser, base, locale);
  const page = await context.newPage();
  if (username) await signInAs(page, base, username);
  return { context, page };
}

/** Chooses an option of a focused select with the arrow keys, as a keyboard user does. */
async function chooseWithArrows(page: Page, selector: string, value: string) {
  await tabTo(page, selector, 80);
  for (let i = 0; i < 600; i++) {
    if ((await page.inputValue(selector)) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not choose ${value} in ${selector}`);
}

async function typeInto(page: Page, selector: string, text: string) {
  await tabTo(page, selector, 80);
  await page.keyboard.type(text);
}

async function pressSubmit(page: Page, form: string, url: RegExp) {
  await tabTo(page, `${form} button[type="submit"]`, 80);
  await Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);
}

const statusOf = async (id: string) =>
  (await one<{ status: string }>(sql`select status from admission where id = ${id}`)).status;

/** Three reviewers, each in their own browser, declare no conflict and score with the keyboard. */
async function panelScores(admissionId: string) {
  for (const [n, reviewer] of reviewers.entries()) {
    const { context, page } = await personIn(reviewer);
    await page.goto(`${base}/reviews/${admissionId}`);
    await expectNoAxeViolations(page, `${reviewer} declaration`);
    await tabTo(page, '#hasConflict', 80);
    await page.keyboard.press('Space');
    await pressSubmit(page, 'form[action$="/declaration"]', /\/reviews\//);
    await page.waitForSelector('form[action$="/scores"]');
    await expectNoAxeViolations(page, `${reviewer} scores form`);
    for (const [criterion, score] of [
      ['maturity', 80 + n],
      ['safety', 90],
      ['cost', 75],
      ['feedback', 70],
    ] as const)
      await typeInto(page, `#${criterion}`, String(score));
    await typeInto(page, '#comment', '证据充分，建议纳入。');
    await pressSubmit(page, 'form[action$="/scores"]', /\/reviews\//);
    await page.waitForSelector('#my-scores');
    await expectNoAxeViolations(page, `${reviewer} scored`);
    await context.close();
  }
}

async function adminAssignsPanel(page: Page, admissionId: string) {
  await page.goto(`${base}/admin/admissions/${admissionId}`);
  for (const reviewer of reviewers) {
    const userId = (await one<{ id: string }>(sql`select id from app_user where username = ${reviewer}`)).id;
    await page.check(`input[name="reviewers"][value="${userId}"]`);
  }
  await Promise.all([
    page.waitForLoadState('load'),
    page.click('form[action$="/panel"] button[type="submit"]'),
  ]);
  expect(await statusOf(admissionId)).toBe('under_review');
  await expectNoAxeViolations(page, 'panel assigned');
}

async function adminDecidesNotice(page: Page, admissionId: string) {
  await page.goto(`${base}/admin/admissions/${admissionId}`);
  await page.check('#outcome');
  await page.fill('#decisionReason', '评审组认为技术成熟、安全，性价比高，拟纳入目录。');
  await Promise.all([
    page.waitForLoadState('load'),
    page.click('form[action$="/decision"] button[type="submit"]'),
  ]);
  expect(await statusOf(admissionId)).toBe('notice');
  await expectNoAxeViolations(page, 'decided: notice');
}

describe('admission end to end', () => {
  it('a supplier applies, three reviewers score, the notice runs its period, and the product is admitted', async () => {
    const pair = await unlistedPairOf('demo-supplier');
    const supplier = await personIn('demo-supplier');
    await supplier.page.goto(`${base}/supplier/admissions/new`);
    await chooseWithArrows(supplier.page, '#productId', pair.product_id);
    await chooseWithArrows(supplier.page, '#itemId', pair.item_id);
    await typeInto(supplier.page, '#price', (Number(pair.price_fen) / 100).toFixed(2));
    await typeInto(supplier.page, '#registrationNumber', '陕械备20260001号');
    await typeInto(supplier.page, '#trialParticipants', '36');
    await typeInto(supplier.page, '#trialSummary', '在三个社区辅具服务站试用六周，使用者满意。');
    await pressSubmit(supplier.page, 'main form[method="post"]', /\/supplier\/admissions\/[0-9a-f-]{36}/);
    const admissionId = /admissions\/([0-9a-f-]{36})/.exec(supplier.page.url())?.[1] ?? '';
    expect(await statusOf(admissionId)).toBe('applied');
    await expectNoAxeViolations(supplier.page, 'applied');

    const admin = await personIn('demo-city-admin');
    await adminAssignsPanel(admin.page, admissionId);
    await panelScores(admissionId);
    await adminDecidesNotice(admin.page, admissionId);

    const publicVisitor = await personIn(null);
    await publicVisitor.page.goto(`${base}/notices/${admissionId}`);
    expect(await publicVisitor.page.textContent('main')).toContain(pair.name_zh);
    await expectNoAxeViolations(publicVisitor.page, 'notice open');

    // Before its last day the notice cannot be concluded; then the calendar moves on.
    await admin.page.goto(`${base}/admin/admissions/${admissionId}`);
    await Promise.all([
      admin.page.waitForLoadState('load'),
      admin.page.click('form[action$="/conclude"] button'),
    ]);
    expect(await statusOf(admissionId)).toBe('notice');
    await expectNoAxeViolations(admin.page, 'conclude refused');
    await t.database.db.query(
      sql`update admission set notice_starts_on = current_date - 8, notice_ends_on = current_date - 2 where id = ${admissionId}`,
    );
    await admin.page.goto(`${base}/admin/admissions/${admissionId}`);
    await Promise.all([
      admin.page.waitForLoadState('load'),
      admin.page.click('form[action$="/conclude"] button'),
    ]);
    expect(await statusOf(admissionId)).toBe('admitted');
    await expectNoAxeViolations(admin.page, 'admitted');

    await publicVisitor.page.goto(`${base}/subsidy-catalogs/2026/items/${pair.code}`);
    expect(await publicVisitor.page.textContent('main')).toContain(pair.name_zh);
    await supplier.page.goto(`${base}/supplier/admissions/${admissionId}`);
    await expectNoAxeViolations(supplier.page, 'supplier sees admitted');
    for (const person of [supplier, admin, publicVisitor]) await person.context.close();
  }, 240_000);

  it('a member of the public objects, the city upholds it, and the product is not admitted', async () => {
    const pair = await unlistedPairOf(null);
    const admin = await personIn('demo-city-admin');
    // The city applies on its own initiative this time.
    await admin.page.goto(`${base}/admin/admissions/new`);
    await admin.page.selectOption('#productId', pair.product_id);
    await admin.page.selectOption('#itemId', pair.item_id);
    await admin.page.fill('#price', (Number(pair.price_fen) / 100).toFixed(2));
    await admin.page.fill('#trialParticipants', '12');
    await admin.page.fill('#trialSummary', '市级辅具中心组织试用两周。');
    await Promise.all([
      admin.page.waitForURL(/\/admin\/admissions\/[0-9a-f-]{36}/),
      admin.page.click('main form[method="post"] button[type="submit"]'),
    ]);
    const admissionId = /admissions\/([0-9a-f-]{36})/.exec(admin.page.url())?.[1] ?? '';
    await adminAssignsPanel(admin.page, admissionId);
    await panelScores(admissionId);
    await adminDecidesNotice(admin.page, admissionId);

    const objector = await personIn(null, 'en');
    await objector.page.goto(`${base}/notices/${admissionId}`);
    await typeInto(objector.page, '#name', 'A resident');
    await typeInto(objector.page, '#contact', 'resident@example.org');
    await typeInto(objector.page, '#grounds', 'The brakes failed twice during the community trial.');
    await pressSubmit(objector.page, 'form[action$="/objections"]', /done=objection/);
    await expectNoAxeViolations(objector.page, 'objection sent');
    expect(await objector.page.textContent('main')).not.toContain('resident@example.org');

    await admin.page.goto(`${base}/admin/admissions/${admissionId}`);
    expect(await admin.page.textContent('main')).toContain('resident@example.org');
    await expectNoAxeViolations(admin.page, 'objection to rule on');
    const form = admin.page.locator('form[action*="/objections/"]');
    await form.locator('input[name="ruling"][value="upheld"]').check();
    await form.locator('textarea[name="reason"]').fill('经核实，试用记录显示刹车故障属实。');
    await Promise.all([admin.page.waitForLoadState('load'), form.locator('button[type="submit"]').click()]);
    expect(await statusOf(admissionId)).toBe('objection_upheld');
    await expectNoAxeViolations(admin.page, 'objection upheld');
    const listed = await t.database.db.query(
      sql`select 1 from subsidy_item_product where item_id = ${pair.item_id} and product_id = ${pair.product_id}`,
    );
    expect(listed).toEqual([]);
    await objector.page.goto(`${base}/notices/${admissionId}`);
    expect(await objector.page.locator('form[action$="/objections"]').count()).toBe(0);
    await expectNoAxeViolations(objector.page, 'notice after upheld objection');
    for (const person of [admin, objector]) await person.context.close();
  }, 240_000);
});

describe('without JavaScript and on a small screen', () => {
  it('sends an objection with JavaScript off', async () => {
    const context = await contextIn(browser, base, 'zh-CN', '', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/notices/${ids.notice}`);
    await page.fill('#name', '一位居民');
    await page.fill('#contact', 'someone@example.org');
    await page.fill('#grounds', '价格高于市场价。');
    await Promise.all([
      page.waitForURL(/done=objection/),
      page.click('form[action$="/objections"] button[type="submit"]'),
    ]);
    expect(await page.locator('.fj-notification-banner').count()).toBe(1);
    await page.goto(`${base}/subsidy-catalogs/2026?category=visual`);
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('prints a catalog on A4 as its content only, every item in full', async () => {
    // A4 portrait at 96 CSS pixels to the inch.
    // In high contrast on screen: paper gets black on white all the same.
    const context = await contextIn(browser, base, 'en', 'contrast=high', {
      viewport: { width: 794, height: 1123 },
    });
    const page = await context.newPage();
    await page.goto(`${base}/subsidy-catalogs/2026/print`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.fj-nav').isVisible()).toBe(false);
    expect(await page.locator('.fj-footer').isVisible()).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(255, 255, 255)',
    );
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)');
    const items = (
      await one<{ n: string }>(
        sql`select count(*) as n from subsidy_item i join policy_catalog c on c.id = i.catalog_id
            where c.kind = 'subsidy' and c.year = 2026`,
      )
    ).n;
    expect(await page.locator('main table tbody tr').count()).toBe(Number(items));
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(`${base}/rehab-service-catalogs/2026/print`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('has no sideways scrolling at 320 px with extra-large text', async () => {
    const context = await contextIn(browser, base, 'zh-CN', 'text=x-large', {
      viewport: { width: 320, height: 640 },
    });
    const page = await context.newPage();
    const paths = [
      '/subsidy-catalogs',
      '/subsidy-catalogs/2026',
      '/subsidy-catalogs/2026/items/12220301',
      '/subsidy-catalogs/diff?from=2025&to=2026',
      '/rehab-service-catalogs/2026',
      '/notices',
      `/notices/${ids.notice}`,
    ];
    for (const path of paths) {
      await page.goto(`${base}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await signInAs(page, base, 'demo-city-admin');
    for (const path of ['/admin/policy-catalogs', '/admin/admissions', `/admin/admissions/${ids.notice}`]) {
      await page.goto(`${base}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});
