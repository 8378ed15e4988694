/**
 * The survey's staff and analytics pages in a real browser: the campaigns
 * (the list for each role, a new draft, a draft, an open and a closed
 * campaign, the questionnaire), the need analytics (the list, a campaign's
 * figures filtered and compared) and the need topics (the list, a topic, its
 * forms). Axe on every page and state in both languages and two display
 * settings; the city administrator creates and opens a campaign keyboard
 * only; the analytics filters chosen keyboard only and without JavaScript;
 * no sideways scrolling of the page at 320 px; screenshots for a person to
 * look at.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, dayFromToday } from '../../src/modules/survey/pages/answer/testkit.ts';
import { sql } from '../../src/platform/db/index.ts';
import type { TestApp } from '../support/app.ts';
import { contextIn, expectNoAxeViolations, launchBrowser, servedApp, signInAs } from './browser.ts';
import {
  chooseWithArrows,
  focusIsVisible,
  isFocused,
  pressButton,
  reach,
  send,
  typeInto,
} from './keyboard.ts';

/** Screenshots to look at by hand, kept out of the repository. */
const screenshots = process.env.FUJU_SCREENSHOTS ?? '/tmp/fuju-screenshots/survey-staff';
const locales = ['zh-CN', 'en'] as const;
const displays = [
  { name: 'default', cookie: '' },
  { name: 'x-large-high-contrast', cookie: 'text=x-large&contrast=high' },
];
/** The demo's district of the community worker and the district reviewer (雁塔区). */
const yanta = '610113';

let t: TestApp;
let base: string;
let browser: Browser;
const ids = { draft: '', open: '', closed: '', questionnaire: '', topic: '', unstaffedDraft: '' };

const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};

/** The demo campaign in a status: src/modules/survey/demo.ts seeds one of each, read before this file adds its own. */
const demoCampaign = async (status: string) =>
  (await one<{ id: string }>(sql`select id from survey_campaign where status = ${status}`)).id;

beforeAll(async () => {
  ({ t, base } = await servedApp());
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
  ids.draft = await demoCampaign('draft');
  ids.open = await demoCampaign('open');
  ids.closed = await demoCampaign('closed');
  ids.questionnaire = (
    await one<{ id: string }>(
      sql`select questionnaire_id as id from survey_campaign where id = ${ids.closed}::uuid`,
    )
  ).id;
  // The demo's draft has its district's one worker assigned already: this one has nobody yet.
  ids.unstaffedDraft = await createCampaign(t, { status: 'draft', districtCodes: [yanta] });
  ids.topic = (
    await one<{ id: string }>(
      sql`select id from need_topic where status = 'published' order by published_at, id limit 1`,
    )
  ).id;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

interface PageState {
  readonly path: () => string;
  readonly name: string;
  readonly prepare?: (page: Page) => Promise<void>;
}

/**
 * Sends a form, to see its errors: the title says so, the summary takes
 * focus, each of its links leads to a control and says something different.
 */
const submitForErrors =
  (form: string, before: (page: Page) => Promise<void> = async () => {}) =>
  async (page: Page) => {
    await before(page);
    await Promise.all([page.waitForLoadState('load'), page.click(`${form} button[type="submit"]`)]);
    await page.waitForSelector('.fj-error-summary');
    expect(await page.title()).toMatch(/^(错误：|Error: )/);
    expect(await isFocused(page, '.fj-error-summary')).toBe(true);
    const targets = await page.locator('.fj-error-summary a').evaluateAll((links) =>
      links.map((a) => {
        const target = document.querySelector(a.getAttribute('href') ?? '');
        return `${a.getAttribute('href')} → ${target?.tagName.toLowerCase() ?? 'nothing'}`;
      }),
    );
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(target).toMatch(/→ (input|select|textarea)$/);
    const texts = await page.locator('.fj-error-summary a').allTextContents();
    expect(new Set(texts).size, texts.join(' | ')).toBe(texts.length);
  };

/** Empties text boxes of a form already filled in, so it is sent with those answers missing. */
const clear =
  (...selectors: string[]) =>
  async (page: Page) => {
    for (const selector of selectors) await page.fill(selector, '');
  };

const campaignForm = 'main form[method="post"]';
const topicForm = 'main form[method="post"]';

/** The pages and states each person sees, checked with axe in every language and display setting. */
const personas: { label: string; username: string | null; pages: PageState[]; displays?: string[] }[] = [
  {
    label: 'city administrator, campaigns',
    username: 'demo-city-admin',
    pages: [
      { path: () => '/surveys', name: 'surveys-city' },
      { path: () => '/surveys/new', name: 'campaign-new' },
      {
        path: () => '/surveys/new',
        name: 'campaign-new-errors',
        prepare: submitForErrors(campaignForm),
      },
      { path: () => `/surveys/${ids.draft}`, name: 'campaign-draft' },
      { path: () => `/surveys/${ids.unstaffedDraft}`, name: 'campaign-draft-unstaffed' },
      {
        path: () => `/surveys/${ids.unstaffedDraft}`,
        name: 'campaign-draft-assign-errors',
        prepare: submitForErrors(`form[action$="/workers"]`),
      },
      { path: () => `/surveys/${ids.draft}/edit`, name: 'campaign-edit' },
      {
        path: () => `/surveys/${ids.draft}/edit`,
        name: 'campaign-edit-errors',
        prepare: submitForErrors(campaignForm, clear('#titleEn', '#endsOn-year')),
      },
      { path: () => `/surveys/${ids.open}`, name: 'campaign-open' },
      { path: () => `/surveys/${ids.closed}`, name: 'campaign-closed' },
    ],
  },
  {
    label: 'community worker, campaigns and the questionnaire',
    username: 'demo-community-worker',
    pages: [
      { path: () => '/surveys', name: 'surveys-worker' },
      { path: () => `/questionnaires/${ids.questionnaire}`, name: 'questionnaire-signed-in' },
    ],
  },
  {
    label: 'resident, campaigns',
    username: 'demo-resident',
    pages: [{ path: () => '/surveys', name: 'surveys-resident' }],
  },
  {
    label: 'anonymous visitor, questionnaire and need topics',
    username: null,
    pages: [
      { path: () => `/questionnaires/${ids.questionnaire}`, name: 'questionnaire' },
      { path: () => '/needs/topics', name: 'topics-public' },
      { path: () => `/needs/topics/${ids.topic}`, name: 'topic-public' },
    ],
  },
  {
    label: 'city administrator, need topics',
    username: 'demo-city-admin',
    pages: [
      { path: () => '/needs/topics', name: 'topics-city' },
      { path: () => `/needs/topics/${ids.topic}`, name: 'topic-city' },
      { path: () => '/needs/topics/new', name: 'topic-new' },
      { path: () => '/needs/topics/new', name: 'topic-new-errors', prepare: submitForErrors(topicForm) },
      { path: () => `/needs/topics/${ids.topic}/edit`, name: 'topic-edit' },
      {
        path: () => `/needs/topics/${ids.topic}/edit`,
        name: 'topic-edit-errors',
        prepare: submitForErrors(topicForm, clear('#titleZh', '#summaryEn')),
      },
    ],
  },
  {
    label: 'city administrator, analytics',
    username: 'demo-city-admin',
    pages: [
      { path: () => '/needs', name: 'needs-city' },
      { path: () => `/needs/campaigns/${ids.closed}`, name: 'analytics-city' },
      { path: () => `/needs/campaigns/${ids.closed}?district=${yanta}`, name: 'analytics-district-city' },
      {
        path: () => `/needs/campaigns/${ids.closed}?district=&compare=${ids.open}`,
        name: 'analytics-compared-city',
      },
    ],
  },
  {
    label: 'researcher, analytics',
    username: 'demo-researcher',
    pages: [
      { path: () => '/needs', name: 'needs-researcher' },
      { path: () => `/needs/campaigns/${ids.closed}`, name: 'analytics-researcher' },
      {
        path: () => `/needs/campaigns/${ids.closed}?district=&compare=${ids.open}`,
        name: 'analytics-compared-researcher',
      },
      {
        path: () => `/needs/campaigns/${ids.closed}?district=${yanta}&compare=${ids.open}`,
        name: 'analytics-district-compared-researcher',
      },
    ],
  },
];

describe('the city administrator changes who works on the draft', () => {
  it('removes the assigned worker, is told to choose one, and assigns them again', async () => {
    const context = await contextIn(browser, base, 'zh-CN');
    const page = await context.newPage();
    await signInAs(page, base, 'demo-city-admin');
    await page.goto(`${base}/surveys/${ids.draft}`);
    const assigned = () =>
      t.database.db.query<{ user_id: string }>(
        sql`select user_id from survey_campaign_worker where campaign_id = ${ids.draft}::uuid`,
      );
    const before = await assigned();
    expect(before).toHaveLength(1);
    await Promise.all([
      page.waitForURL(/\?done=workerRemoved#workers$/),
      page.click('#assigned-workers form[action$="/workers/remove"] button'),
    ]);
    expect(await page.textContent('.fj-notification-banner')).toContain('已取消指派');
    expect(await assigned()).toEqual([]);
    await expectNoAxeViolations(page, 'draft with nobody assigned');

    await submitForErrors('form[action$="/workers"]')(page);
    expect(await page.textContent('.fj-error-summary')).toContain('请选择');
    await expectNoAxeViolations(page, 'assigning nobody');

    await page.selectOption('#userId', before[0]?.user_id ?? '');
    await Promise.all([
      page.waitForURL(/\?done=workerAssigned#workers$/),
      page.click('form[action$="/workers"] button[type="submit"]'),
    ]);
    expect(await page.textContent('.fj-notification-banner')).toContain('已指派社区工作人员');
    expect(await page.locator('#assigned-workers tbody tr').count()).toBe(1);
    expect(await assigned()).toEqual(before);
    await expectNoAxeViolations(page, 'draft with a worker assigned');
    await context.close();
  });
});

describe('axe on every survey staff page and state', () => {
  for (const persona of personas) {
    it(`${persona.label}: both languages, default and extra-large high-contrast`, async () => {
      // The four settings in their own browsers at once: axe runs in the browser, so this saves minutes.
      const settings = locales.flatMap((locale) => displays.map((display) => ({ locale, display })));
      await Promise.all(
        settings.map(async ({ locale, display }) => {
          const context = await contextIn(browser, base, locale, display.cookie);
          const page = await context.newPage();
          if (persona.username !== null) await signInAs(page, base, persona.username);
          for (const state of persona.pages) {
            const label = `${locale} ${display.name} ${state.name}`;
            const response = await page.goto(`${base}${state.path()}`);
            expect(response?.status(), label).toBe(200);
            await state.prepare?.(page);
            expect(await page.getAttribute('html', 'lang'), label).toBe(locale);
            expect(await page.locator('main h1').count(), `${label} has one h1`).toBe(1);
            await expectNoAxeViolations(page, label);
            if (display.name === 'default' && locale === 'zh-CN')
              await page.screenshot({ path: `${screenshots}/${state.name}.png`, fullPage: true });
          }
          await context.close();
        }),
      );
    }, 300_000);
  }
});

/** A day as the form's three boxes take it: the year, and the month and day without leading zeros. */
const dayParts = (day: string) => {
  const [year = '', month = '', date = ''] = day.split('-');
  return { year, month: String(Number(month)), day: String(Number(date)) };
};

const campaignRow = (title: string) =>
  one<{ id: string; status: string; title_en: string; starts_on: string | Date; district_codes: string[] }>(
    sql`select id, status, title_en, starts_on, district_codes from survey_campaign where title_zh = ${title}`,
  );

describe('the city administrator creates a campaign and opens it, keyboard only', () => {
  it('meets one error on the way, then sees the draft created and opened', async () => {
    const context = await contextIn(browser, base, 'zh-CN');
    const page = await context.newPage();
    await signInAs(page, base, 'demo-city-admin');
    await page.goto(`${base}/surveys`);
    await reach(page, 'main a[href="/surveys/new"]');
    await Promise.all([page.waitForURL(/\/surveys\/new$/), page.keyboard.press('Enter')]);

    // The questionnaire (the only one) and every district come chosen; the English title is left out.
    expect(await page.inputValue('#questionnaireId')).toBe(ids.questionnaire);
    const title = '2026年秋季辅具需求补充调查（键盘测试）';
    await typeInto(page, '#titleZh', title);
    for (const [field, day] of [
      ['startsOn', dayFromToday(0)],
      ['endsOn', dayFromToday(30)],
    ] as const) {
      const parts = dayParts(day);
      await typeInto(page, `#${field}-year`, parts.year);
      await typeInto(page, `#${field}-month`, parts.month);
      await typeInto(page, `#${field}-day`, parts.day);
    }
    await send(page, campaignForm, /\/surveys\/new$/);
    await page.waitForSelector('.fj-error-summary');
    expect(await isFocused(page, '.fj-error-summary')).toBe(true);
    expect(await page.title()).toMatch(/^错误：/);
    const links = await page
      .locator('.fj-error-summary a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#titleEn']);
    await expectNoAxeViolations(page, 'new campaign with an error');
    await page.keyboard.press('Tab');
    expect(await isFocused(page, '.fj-error-summary a[href="#titleEn"]')).toBe(true);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await isFocused(page, '#titleEn')).toBe(true);
    expect(await focusIsVisible(page)).toBe(true);
    expect(await page.getAttribute('#titleEn', 'aria-describedby')).toContain('titleEn-error');
    // What was typed and chosen is still there.
    expect(await page.inputValue('#titleZh')).toBe(title);
    expect(await page.inputValue('#endsOn-day')).toBe(dayParts(dayFromToday(30)).day);
    expect(await page.isChecked(`input[name="districtCodes"][value="${yanta}"]`)).toBe(true);
    await page.keyboard.type('Autumn 2026 assistive products follow-up survey (keyboard test)');
    await send(page, campaignForm, /\/surveys\/[0-9a-f-]{36}\?done=created$/);
    expect(await isFocused(page, '.fj-notification-banner')).toBe(true);
    expect(await page.textContent('.fj-notification-banner')).toContain('调查活动草稿已创建');
    const created = await campaignRow(title);
    expect(created.status).toBe('draft');
    expect(created.title_en).toBe('Autumn 2026 assistive products follow-up survey (keyboard test)');
    expect(created.district_codes).toContain(yanta);
    expect(page.url()).toContain(created.id);
    await expectNoAxeViolations(page, 'campaign created');

    // Opening is the command under "开启和结束".
    await pressButton(
      page,
      `form[action="/surveys/${created.id}/open"] button[type="submit"]`,
      /\?done=opened$/,
    );
    expect(await isFocused(page, '.fj-notification-banner')).toBe(true);
    expect(await page.textContent('.fj-notification-banner')).toContain('调查活动已开启');
    expect((await campaignRow(title)).status).toBe('open');
    // An open campaign is closed from the same place; it can no longer be edited.
    expect(await page.locator(`form[action="/surveys/${created.id}/close"]`).count()).toBe(1);
    expect(await page.locator(`a[href="/surveys/${created.id}/edit"]`).count()).toBe(0);
    await expectNoAxeViolations(page, 'campaign opened');
    await context.close();
  });
});

const filtersForm = (campaign: string) => `main form[method="get"][action="/needs/campaigns/${campaign}"]`;

describe('the analytics filters, keyboard only and without JavaScript', () => {
  it('a researcher chooses a district and a campaign to compare with the keyboard', async () => {
    const context = await contextIn(browser, base, 'zh-CN');
    const page = await context.newPage();
    await signInAs(page, base, 'demo-researcher');
    await page.goto(`${base}/needs`);
    await reach(page, `main a[href="/needs/campaigns/${ids.closed}"]`);
    await Promise.all([
      page.waitForURL(new RegExp(`/needs/campaigns/${ids.closed}$`)),
      page.keyboard.press('Enter'),
    ]);
    const lead = async () => (await page.locator('main h1 ~ p.fj-body').first().textContent()) ?? '';
    expect(await lead()).toMatch(/^本次调查共有 [\d,]+ 名受访者提交了答卷。$/);
    expect(await page.locator('#figure-comparison').count()).toBe(0);
    expect(await page.textContent('#section-comparison ~ p')).toContain('选择另一次调查');
    const wholeCity = await page.textContent('#table-respondentsByDistrict tbody');

    await chooseWithArrows(page, '#district', yanta);
    await chooseWithArrows(page, '#compare', ids.open);
    await send(page, filtersForm(ids.closed), new RegExp(`\\?district=${yanta}&compare=${ids.open}$`));
    expect(await lead()).toMatch(/^本次调查在雁塔区共有 [\d,]+ 名受访者提交了答卷。$/);
    // The filters stay chosen, the comparison is drawn, and the figures are the district's.
    expect(await page.inputValue('#district')).toBe(yanta);
    expect(await page.inputValue('#compare')).toBe(ids.open);
    expect(await page.locator('#figure-comparison').count()).toBe(1);
    expect(await page.textContent('#figure-comparison')).toContain('2026年科技助残需求调查');
    expect(await page.textContent('#table-respondentsByDistrict tbody')).not.toBe(wholeCity);
    // The downloads hold what the page shows.
    expect(
      await page.locator(`main a[href$="/analytics.csv?district=${yanta}&compare=${ids.open}"]`).count(),
    ).toBe(1);
    await expectNoAxeViolations(page, 'analytics filtered and compared, keyboard');
    await context.close();
  });

  it('filters with JavaScript off', async () => {
    const context = await contextIn(browser, base, 'en', '', { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, base, 'demo-city-admin');
    await page.goto(`${base}/needs/campaigns/${ids.closed}`);
    await page.selectOption('#district', yanta);
    await page.selectOption('#compare', ids.open);
    await Promise.all([
      page.waitForURL(/\?district=610113&compare=/),
      page.click(`${filtersForm(ids.closed)} button[type="submit"]`),
    ]);
    expect(await page.textContent('main')).toMatch(
      /[\d,]+ respondents in Yanta District submitted this survey\./,
    );
    expect(await page.locator('#figure-comparison').count()).toBe(1);
    // Back to the whole city: an empty choice means every district.
    await page.selectOption('#district', '');
    await Promise.all([
      page.waitForURL(/\?district=&compare=/),
      page.click(`${filtersForm(ids.closed)} button[type="submit"]`),
    ]);
    expect(await page.textContent('main')).toMatch(/[\d,]+ respondents submitted this survey\./);
    expect(await page.inputValue('#compare')).toBe(ids.open);
    await context.close();
  });

  it('creates a campaign with JavaScript off', async () => {
    const context = await contextIn(browser, base, 'zh-CN', '', { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, base, 'demo-city-admin');
    await page.goto(`${base}/surveys/new`);
    const title = '无脚本创建的调查活动';
    await page.fill('#titleZh', title);
    await page.fill('#titleEn', 'Campaign created without JavaScript');
    const starts = dayParts(dayFromToday(7));
    const ends = dayParts(dayFromToday(3));
    for (const [field, parts] of [
      ['startsOn', starts],
      ['endsOn', ends],
    ] as const) {
      await page.fill(`#${field}-year`, parts.year);
      await page.fill(`#${field}-month`, parts.month);
      await page.fill(`#${field}-day`, parts.day);
    }
    await Promise.all([
      page.waitForURL(/\/surveys\/new$/),
      page.click(`${campaignForm} button[type="submit"]`),
    ]);
    expect(await page.textContent('.fj-error-summary')).toContain('结束日期');
    const ends2 = dayParts(dayFromToday(40));
    await page.fill('#endsOn-year', ends2.year);
    await page.fill('#endsOn-month', ends2.month);
    await page.fill('#endsOn-day', ends2.day);
    // Only two districts.
    for (const box of await page.locator('input[name="districtCodes"]').all()) await box.uncheck();
    await page.check(`input[name="districtCodes"][value="${yanta}"]`);
    await page.check('input[name="districtCodes"][value="610112"]');
    await page.check('input[name="disabilityCategories"][value="1"]');
    await Promise.all([
      page.waitForURL(/\/surveys\/[0-9a-f-]{36}\?done=created$/),
      page.click(`${campaignForm} button[type="submit"]`),
    ]);
    expect(await page.locator('.fj-notification-banner').count()).toBe(1);
    const created = await campaignRow(title);
    expect(created.status).toBe('draft');
    expect([...created.district_codes].sort()).toEqual(['610112', yanta]);
    await context.close();
  });
});

/** How far the page itself scrolls sideways, and any element wider than the window outside a table's own scroll region. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const width = window.innerWidth;
    const outside = [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .filter((el) => el.closest('.fj-table-container') === null)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`);
    return { overflow: document.documentElement.scrollWidth - width, outside: outside.slice(0, 5) };
  });

describe('on a small screen', () => {
  it('has no sideways scrolling of the page at 320 px; wide tables scroll in their own region', async () => {
    for (const display of ['', 'text=x-large']) {
      const context = await contextIn(browser, base, 'zh-CN', display, {
        viewport: { width: 320, height: 640 },
      });
      const page = await context.newPage();
      await signInAs(page, base, 'demo-city-admin');
      for (const path of [
        '/surveys',
        `/needs/campaigns/${ids.closed}?compare=${ids.open}`,
        '/needs/topics',
      ]) {
        await page.goto(`${base}${path}`);
        const label = `${display || 'default'} ${path}`;
        const found = await sideways(page);
        expect(found.overflow, label).toBeLessThanOrEqual(0);
        expect(found.outside, label).toEqual([]);
        // A table wider than the screen is in a region that scrolls and that the keyboard can reach.
        const regions = await page.locator('main .fj-table-container').evaluateAll((els) =>
          els
            .filter((el) => el.scrollWidth > el.clientWidth)
            .map((el) => ({
              overflowX: getComputedStyle(el).overflowX,
              tabIndex: (el as HTMLElement).tabIndex,
              labelled: el.getAttribute('aria-labelledby') !== null,
            })),
        );
        // The follow-ups table has eleven columns: too wide for 320 px, so the check above has something to check.
        if (path.startsWith('/needs/campaigns/')) expect(regions.length, label).toBeGreaterThan(0);
        for (const region of regions)
          expect(region, label).toEqual({ overflowX: 'auto', tabIndex: 0, labelled: true });
      }
      await context.close();
    }
  }, 180_000);
});

/**
 * The whole page, and the same again in screen-high parts: the figures page is
 * many screens long, too long to look at as one picture.
 */
async function screenshotInParts(page: Page, name: string) {
  await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }));
  const part = width < 600 ? 1200 : 1600;
  for (let y = 0, n = 1; y < height; y += part, n++) {
    const clip = { x: 0, y, width, height: Math.min(part, height - y) };
    await page.screenshot({ path: `${screenshots}/${name}-part${n}.png`, fullPage: true, clip });
  }
}

describe('screenshots for a person to look at', () => {
  it('the figures of the 2025 campaign and the draft campaign, at 1280 and 320 px', async () => {
    for (const width of [1280, 320]) {
      const context = await contextIn(browser, base, 'zh-CN', '', { viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signInAs(page, base, 'demo-city-admin');
      await page.goto(`${base}/needs/campaigns/${ids.closed}?district=${yanta}&compare=${ids.open}`);
      await screenshotInParts(page, `analytics-${width}`);
      await page.goto(`${base}/surveys/${ids.draft}`);
      await screenshotInParts(page, `campaign-draft-${width}`);
      expect(await page.locator('main h1').textContent()).toBe('2027年科技助残需求调查（筹备中）');
      await context.close();
    }
  }, 120_000);
});
