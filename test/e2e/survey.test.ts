/**
 * Answering the needs survey in a real browser: demo-resident answers the
 * open demo campaign keyboard only (one error state on the way); axe on every
 * answering page and state in both languages; a section posted and advanced
 * with JavaScript off; no sideways scrolling on a grid section at 320 px; and
 * the community worker keying in a paper form keyboard only.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, dayFromToday } from '../../src/modules/survey/pages/answer/testkit.ts';
import { sql } from '../../src/platform/db/index.ts';
import type { TestApp } from '../support/app.ts';
import { testDemoPassword } from '../support/templates.ts';
import { contextIn, expectNoAxeViolations, launchBrowser, servedApp, signInAs } from './browser.ts';
import { chooseRadio, isFocused, pressButton, reach, typeInto } from './keyboard.ts';

/** Screenshots to look at by hand, kept out of the repository. */
const screenshots = '/tmp/fuju-survey-screenshots';

let t: TestApp;
let base: string;
let browser: Browser;
/** The open demo campaign (src/modules/survey/demo.ts); one of the test's own when the demo has none. */
let demoCampaign: string;

const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};

beforeAll(async () => {
  ({ t, base } = await servedApp());
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
  const today = dayFromToday();
  const [open] = await t.database.db.query<{ id: string }>(
    sql`select id from survey_campaign where status = 'open' and starts_on <= ${today}::date
          and ends_on >= ${today}::date and '610113' = any(district_codes)
        order by starts_on limit 1`,
  );
  demoCampaign = open?.id ?? (await createCampaign(t));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function tick(page: Page, name: string, value: string) {
  await reach(page, `input[type="checkbox"][name="${name}"][value="${value}"]`);
  await page.keyboard.press('Space');
}

const continueButton = 'main button[name="nav"][value="next"]';
const sectionUrl = (index: number) => new RegExp(`/responses/[0-9a-f-]{36}/sections/${index}$`);

/** Signs in with the keyboard alone. */
async function signInByKeyboard(page: Page, username: string) {
  await page.goto(`${base}/login`);
  await typeInto(page, '#username', username);
  await typeInto(page, '#password', testDemoPassword);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    page.keyboard.press('Enter'),
  ]);
}

const wgssRows = ['seeing', 'hearing', 'walking', 'cognition', 'self_care', 'communication'];

describe('demo-resident answers the open demo campaign, keyboard only', () => {
  it('starts, meets one error, answers every section and submits', async () => {
    const context = await contextIn(browser, base, 'zh-CN');
    const page = await context.newPage();
    await signInByKeyboard(page, 'demo-resident');
    await page.goto(`${base}/surveys/${demoCampaign}/respond`);
    await expectNoAxeViolations(page, 'start');
    await pressButton(page, 'main form button[type="submit"]', sectionUrl(0));

    // The WG-SS grid, one row left out: the error summary takes focus and leads to that row.
    for (const row of wgssRows.slice(0, 5))
      await chooseRadio(page, '', `q.wgss.${row}`, row === 'walking' ? 'a_lot' : 'none');
    await pressButton(page, continueButton, sectionUrl(0));
    await page.waitForSelector('.fj-error-summary');
    expect(await isFocused(page, '.fj-error-summary')).toBe(true);
    expect(await page.title()).toMatch(/^错误：/);
    await expectNoAxeViolations(page, 'grid with a row missing');
    await page.keyboard.press('Tab');
    expect(await isFocused(page, '.fj-error-summary a[href="#q-wgss-communication"]')).toBe(true);
    await page.keyboard.press('Enter');
    expect(await isFocused(page, '#q-wgss-communication')).toBe(true);
    expect(await page.isChecked('input[name="q.wgss.walking"][value="a_lot"]')).toBe(true);
    await page.keyboard.press('Space');
    await pressButton(page, continueButton, sectionUrl(1));

    // Products: where they came from is asked only once one is ticked (shown live by the script).
    expect(await page.isVisible('#q-source')).toBe(false);
    await tick(page, 'q.products_used', 'apl03');
    expect(await page.isVisible('#q-source')).toBe(true);
    await chooseRadio(page, '', 'q.source', 'government');
    await tick(page, 'q.payer', 'subsidy');
    await tick(page, 'q.products_needed', 'apl04');
    await tick(page, 'q.barriers', 'cost');
    await typeInto(page, '#q-travel_minutes', '40');
    await pressButton(page, continueButton, sectionUrl(2));

    for (const row of ['product', 'assessment', 'training', 'repair'])
      await chooseRadio(page, '', `q.satisfaction.${row}`, 's4');
    await pressButton(page, continueButton, sectionUrl(3));

    await tick(page, 'q.tech_needs', 'smart_mobility');
    await typeInto(page, '#q-tech_need_text', '希望轮椅能自己上下台阶（端到端测试）');
    await pressButton(page, continueButton, /\/responses\/[0-9a-f-]{36}\/check$/);
    await expectNoAxeViolations(page, 'check');
    const check = (await page.textContent('main')) ?? '';
    expect(check).toContain('手动轮椅');
    expect(check).toContain('很困难');
    await pressButton(page, 'main form[action$="/check"] button', /\/responses\/[0-9a-f-]{36}\/done$/);
    expect(await page.textContent('main h1')).toBe('感谢您参加调查');
    await expectNoAxeViolations(page, 'done');
    const id = /responses\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    const stored = await one<{ status: string; mode: string }>(
      sql`select status, mode from survey_response where id = ${id}::uuid`,
    );
    expect(stored).toEqual({ status: 'submitted', mode: 'self' });
    await context.close();
  });
});

/** Submits a form with the mouse, for the axe states: the keyboard is the journey above's. */
async function submit(page: Page, button: string) {
  await Promise.all([page.waitForLoadState('load'), page.click(button)]);
}

/** Checks the page's language, its one h1, and axe; an error state also has its summary focused. */
async function audit(page: Page, locale: string, label: string, error = false) {
  expect(await page.getAttribute('html', 'lang'), label).toBe(locale);
  expect(await page.locator('main h1').count(), `${label}: one h1`).toBe(1);
  if (error) {
    await page.waitForSelector('.fj-error-summary');
    expect(await isFocused(page, '.fj-error-summary'), `${label}: summary focused`).toBe(true);
    const targets = await page.locator('.fj-error-summary a').evaluateAll((links) =>
      links.map((a) => {
        const href = a.getAttribute('href') ?? '';
        const target = href.startsWith('#') ? document.querySelector(href) : null;
        return href.startsWith('#') ? (target?.tagName.toLowerCase() ?? 'nothing') : 'page';
      }),
    );
    for (const target of targets) expect(target, label).toMatch(/^(input|select|textarea|page)$/);
  }
  await expectNoAxeViolations(page, `${locale} ${label}`);
  if (locale === 'zh-CN')
    await page.screenshot({
      path: `${screenshots}/${label.replace(/[^a-z0-9]+/gi, '-')}.png`,
      fullPage: true,
    });
}

describe('axe on every answering page and state, in both languages', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`the resident's pages (${locale})`, async () => {
      const campaign = await createCampaign(t);
      const context = await contextIn(browser, base, locale);
      const page = await context.newPage();
      await signInAs(page, base, 'demo-resident-2');
      await page.goto(`${base}/surveys/${campaign}/respond`);
      await audit(page, locale, 'start');
      await submit(page, 'main form button[type="submit"]');
      const id = /responses\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
      await audit(page, locale, 'section 1');
      await submit(page, continueButton);
      await audit(page, locale, 'section 1, errors', true);
      await submit(page, 'main button[name="nav"][value="later"]');
      await audit(page, locale, 'saved');
      await page.goto(`${base}/responses/${id}/check`);
      await audit(page, locale, 'check, nothing answered');
      await submit(page, 'main form[action$="/check"] button');
      await audit(page, locale, 'check, errors', true);
      await page.goto(`${base}/responses/${id}/sections/0`);
      for (const row of wgssRows) await page.check(`input[name="q.wgss.${row}"][value="some"]`);
      await submit(page, continueButton);
      await audit(page, locale, 'section 2');
      await page.check('input[name="q.products_used"][value="apl14"]');
      await page.fill('#q-travel_minutes', '9999');
      await submit(page, continueButton);
      await audit(page, locale, 'section 2, errors', true);
      await page.check('input[name="q.source"][value="hospital"]');
      await page.check('input[name="q.payer"][value="insurance"]');
      await page.fill('#q-travel_minutes', '20');
      await submit(page, continueButton);
      await audit(page, locale, 'section 3');
      await submit(page, continueButton);
      await audit(page, locale, 'section 3, errors', true);
      for (const row of ['product', 'assessment', 'training', 'repair'])
        await page.check(`input[name="q.satisfaction.${row}"][value="s3"]`);
      await submit(page, continueButton);
      await audit(page, locale, 'section 4');
      // "None of these" with something else: the one error this section can have.
      await page.check('input[name="q.tech_needs"][value="exoskeleton"]');
      await page.check('input[name="q.tech_needs"][value="none"]');
      await submit(page, continueButton);
      await audit(page, locale, 'section 4, errors', true);
      await page.uncheck('input[name="q.tech_needs"][value="exoskeleton"]');
      await page.fill('#q-interviewed_on', '2026-03-02');
      await submit(page, continueButton);
      await audit(page, locale, 'check');
      await submit(page, 'main form[action$="/check"] button');
      await audit(page, locale, 'done');
      await page.goto(`${base}/surveys/${campaign}/form`);
      await audit(page, locale, 'blank form');
      await context.close();
    }, 120_000);

    it(`the community worker's pages (${locale})`, async () => {
      const campaign = await createCampaign(t);
      const context = await contextIn(browser, base, locale);
      const page = await context.newPage();
      await signInAs(page, base, 'demo-community-worker');
      await page.goto(`${base}/surveys/${campaign}/interview`);
      await audit(page, locale, 'interview');
      await submit(page, 'main form:has(input[value="anonymous"]) button');
      await audit(page, locale, 'interview, errors', true);
      await submit(page, 'main form:has(input[value="person"]) button');
      await audit(page, locale, 'interview, no ID number', true);
      await page.check('input[name="ageGroup"][value="60-74"]');
      await page.check('input[name="category"][value="1"]');
      await submit(page, 'main form:has(input[value="anonymous"]) button');
      await audit(page, locale, 'anonymous interview, section 1');
      for (const row of wgssRows) await page.check(`input[name="q.wgss.${row}"][value="none"]`);
      await submit(page, 'main button[name="nav"][value="later"]');
      await audit(page, locale, 'interview saved');
      await page.goto(`${base}/surveys/${campaign}/interview`);
      await audit(page, locale, 'interview with one unfinished');
      await page.goto(`${base}/surveys/${campaign}/paper`);
      await audit(page, locale, 'paper entry');
      await page.fill('#q-source', '1');
      await submit(page, 'main form.fj-paper-entry button');
      await audit(page, locale, 'paper entry, errors', true);
      await page.fill('#ageGroup', '3');
      await page.fill('#category', '0');
      for (const row of wgssRows) await page.fill(`#q-wgss-${row}`, '1');
      await page.fill('#q-source', '');
      await submit(page, 'main form.fj-paper-entry button');
      expect(page.url()).toContain('done=entered');
      await audit(page, locale, 'paper entry, saved');
      if (locale === 'zh-CN') {
        await page.screenshot({ path: `${screenshots}/paper-entry.png`, fullPage: true });
        await page.goto(`${base}/surveys/${campaign}/form`);
        await page.screenshot({ path: `${screenshots}/blank-form.png`, fullPage: true });
        // On A4: about 794 CSS pixels wide, the page's content only, nothing wider than the paper.
        await page.setViewportSize({ width: 794, height: 1123 });
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.fj-nav').first().isVisible()).toBe(false);
        expect(await page.locator('.fj-breadcrumbs').first().isVisible()).toBe(false);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        ).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${screenshots}/blank-form-print.png`, fullPage: true });
        await page.pdf({ path: `${screenshots}/blank-form.pdf`, format: 'A4' });
        await page.emulateMedia({ media: 'screen' });
      }
      await page.goto(`${base}/surveys/${campaign}/form`);
      await audit(page, locale, 'blank form');
      await context.close();
    }, 120_000);
  }
});

describe('without JavaScript, and on a small screen', () => {
  it('posts a section and advances with JavaScript off; every question stays shown with its hint', async () => {
    const campaign = await createCampaign(t);
    const context = await contextIn(browser, base, 'zh-CN', '', { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, base, 'demo-resident');
    await page.goto(`${base}/surveys/${campaign}/respond`);
    await Promise.all([page.waitForURL(sectionUrl(0)), page.click('main form button[type="submit"]')]);
    for (const row of wgssRows) await page.check(`input[name="q.wgss.${row}"][value="none"]`);
    await Promise.all([page.waitForURL(sectionUrl(1)), page.click(continueButton)]);
    expect(await page.isVisible('#q-source')).toBe(true);
    expect(await page.textContent('main')).toContain(
      '如果您在“您现在使用哪些辅助器具？”中选择了任何一项，请回答本题。',
    );
    // Where-from answered without a product: dropped, and the next section is the last one.
    await page.check('input[name="q.source"][value="shop"]');
    await Promise.all([page.waitForURL(sectionUrl(3)), page.click(continueButton)]);
    const id = /responses\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    const stored = await one<{ answers_sealed: string }>(
      sql`select answers_sealed from survey_response where id = ${id}::uuid`,
    );
    expect(Object.keys(JSON.parse(t.keyring.open(stored.answers_sealed)))).toEqual(['wgss']);
    await context.close();
  });

  it('has no sideways scrolling at 320 px on the grid sections, with extra-large text too', async () => {
    const campaign = await createCampaign(t);
    for (const display of ['', 'text=x-large']) {
      const context = await contextIn(browser, base, 'zh-CN', display, {
        viewport: { width: 320, height: 640 },
      });
      const page = await context.newPage();
      await signInAs(page, base, 'demo-resident-2');
      await page.goto(`${base}/surveys/${campaign}/respond`);
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (!/\/responses\//.test(page.url()))
        await Promise.all([page.waitForURL(sectionUrl(0)), page.click('main form button[type="submit"]')]);
      const id = /responses\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
      await page.goto(`${base}/responses/${id}/sections/0`);
      expect(await overflow(), `${display} section 1`).toBeLessThanOrEqual(0);
      if (display === '') await page.screenshot({ path: `${screenshots}/section-320.png`, fullPage: true });
      for (const row of wgssRows) await page.check(`input[name="q.wgss.${row}"][value="none"]`);
      await page.click(continueButton);
      await page.waitForURL(sectionUrl(1));
      await page.check('input[name="q.products_used"][value="apl01"]');
      await page.check('input[name="q.source"][value="shop"]');
      await page.check('input[name="q.payer"][value="self_family"]');
      await Promise.all([page.waitForURL(sectionUrl(2)), page.click(continueButton)]);
      expect(await overflow(), `${display} satisfaction grid`).toBeLessThanOrEqual(0);
      for (const path of [`/surveys/${campaign}/form`, `/responses/${id}/check`]) {
        await page.goto(`${base}${path}`);
        expect(await overflow(), `${display} ${path}`).toBeLessThanOrEqual(0);
      }
      await context.close();
    }
  }, 120_000);
});

describe('the community worker keys in a paper form, keyboard only', () => {
  it('tabs from box to box, saves with Enter, and hears how many are in', async () => {
    const before = await one<{ n: number }>(
      sql`select count(*)::int as n from survey_response where campaign_id = ${demoCampaign}::uuid and mode = 'paper'`,
    );
    const context = await contextIn(browser, base, 'zh-CN');
    const page = await context.newPage();
    await signInByKeyboard(page, 'demo-community-worker');
    await page.goto(`${base}/surveys/${demoCampaign}/paper`);
    await typeInto(page, '#ageGroup', '4');
    await page.keyboard.press('Tab');
    expect(await isFocused(page, '#category')).toBe(true);
    await page.keyboard.type('4');
    // Each WG-SS row is the next box: Tab, code, Tab, code…
    for (const code of ['1', '1', '3', '1', '2', '1']) {
      await page.keyboard.press('Tab');
      await page.keyboard.type(code);
    }
    expect(await isFocused(page, '#q-wgss-communication')).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('1 3');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('4');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1 4');
    expect(await isFocused(page, '#q-barriers')).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('30');
    // A product used: the satisfaction rows are asked too.
    for (const code of ['4', '3', '6', '6']) {
      await page.keyboard.press('Tab');
      await page.keyboard.type(code);
    }
    expect(await isFocused(page, '#q-satisfaction-repair')).toBe(true);
    await Promise.all([page.waitForURL(/done=entered/), page.keyboard.press('Enter')]);
    expect(await isFocused(page, '.fj-notification-banner')).toBe(true);
    const after = await one<{ n: number }>(
      sql`select count(*)::int as n from survey_response where campaign_id = ${demoCampaign}::uuid and mode = 'paper'`,
    );
    expect(after.n).toBe(before.n + 1);
    expect(await page.textContent('.fj-notification-banner')).toMatch(/已录入 1 份（今天共录入 \d+ 份）/);
    // The form is empty again, ready for the next one.
    expect(await page.inputValue('#q-wgss-seeing')).toBe('');
    await expectNoAxeViolations(page, 'paper entry after saving, keyboard');
    await context.close();
  });
});
