/**
 * The research reserve pool in a real browser. An enterprise posts a
 * challenge from a need topic, a research institute proposes a project
 * answering it (refused once for a missing title), the city screens it and
 * reserves it on the experts' review, and an anonymous visitor finds it in
 * the public pool: each person in their own browser, keyboard only, with axe
 * after every step. Also: axe on every research page in its states in both
 * languages; the proposal form without JavaScript; no sideways scrolling at
 * 320 px on /research.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedTopics } from '../../src/modules/research/testkit.ts';
import { sql } from '../../src/platform/db/index.ts';
import type { TestApp } from '../support/app.ts';
import { contextIn, expectNoAxeViolations, launchBrowser, servedApp, signInAs } from './browser.ts';
import { chooseRadio, chooseWithArrows, isFocused, reach, send, typeInto } from './keyboard.ts';

/** Screenshots for a person to look at: outside the repository. */
const screenshots = process.env.FUJU_SCREENSHOTS ?? '/tmp/fuju-screenshots/research';
const locales = ['zh-CN', 'en'] as const;

let t: TestApp;
let base: string;
let browser: Browser;
let topic = '';
const browsers = new Map<string, { context: BrowserContext; page: Page }>();
const demo: Record<string, string> = {};
const journey = { challengeId: '', projectId: '', reference: '' };

const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};

beforeAll(async () => {
  ({ t, base } = await servedApp());
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
  [topic = ''] = await publishedTopics(t);
  for (const row of await t.database.db.query<{ id: string; status: string }>(
    sql`select id, status from research_project`,
  ))
    demo[row.status] = row.id;
  demo.openChallenge = (
    await one<{ id: string }>(sql`select id from research_challenge where status = 'open'`)
  ).id;
  demo.closedChallenge = (
    await one<{ id: string }>(sql`select id from research_challenge where status = 'closed'`)
  ).id;
}, 60_000);
afterAll(async () => {
  for (const { context } of browsers.values()) await context.close();
  await browser?.close();
  await t?.close();
});

async function pageOf(username: string | null): Promise<Page> {
  const key = username ?? 'anonymous';
  const known = browsers.get(key);
  if (known) return known.page;
  const context = await contextIn(browser, base, 'zh-CN');
  const page = await context.newPage();
  if (username !== null) await signInAs(page, base, username);
  browsers.set(key, { context, page });
  return page;
}

/** Follows a link with the keyboard. */
async function follow(page: Page, selector: string, url: RegExp) {
  await reach(page, selector);
  await Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);
}

const statusOf = async () =>
  (await one<{ status: string }>(sql`select status from research_project where id = ${journey.projectId}`))
    .status;

const commandForm = (command: string) => `form[action$="/commands/${command}"]`;

/** A command from the project page with the keyboard: jump to the forms, answer, send, see the banner. */
async function give(page: Page, command: string, fill: (form: string) => Promise<void> = async () => {}) {
  await page.goto(`${base}/research/projects/${journey.projectId}`);
  await reach(page, 'main a[href="#commands-heading"]');
  await page.keyboard.press('Enter');
  const form = commandForm(command);
  await fill(form);
  await send(page, form, new RegExp(`\\?done=${command}$`));
  expect(await isFocused(page, '.fj-notification-banner')).toBe(true);
  await expectNoAxeViolations(page, `after ${command}`);
}

describe('from a need topic to the reserve pool, keyboard only', () => {
  it('the enterprise posts a challenge citing the topic', async () => {
    const page = await pageOf('demo-supplier');
    // The topic's own page leads to posting a challenge when it offers the link; otherwise start at the form.
    const topicPage = await page.goto(`${base}/needs/topics/${topic}`);
    const fromTopic = `main a[href="/research/challenges/new?topic=${topic}"]`;
    if (topicPage?.status() === 200 && (await page.locator(fromTopic).count()) > 0) {
      await expectNoAxeViolations(page, 'need topic');
      await follow(page, fromTopic, /\/research\/challenges\/new\?topic=/);
    } else {
      await page.goto(`${base}/research/challenges/new?topic=${topic}`);
    }
    await expectNoAxeViolations(page, 'new challenge');
    expect(await page.isChecked(`input[name="needTopics"][value="${topic}"]`)).toBe(true);
    const form = 'main form[method="post"]';
    await typeInto(page, '#title', '轻便可负担的楼道爬楼辅助（端到端测试）');
    await typeInto(page, '#description', '需要一名家属即可操作、能通过窄楼道的爬楼辅助装置。');
    await typeInto(page, '#budget', '300000');
    const closes = new Date(Date.now() + 8 * 3600_000 + 60 * 86_400_000).toISOString().slice(0, 10);
    await typeInto(page, '#closesOn', closes);
    await send(page, form, /\/research\/challenges\/[0-9a-f-]{36}\?done=posted$/);
    journey.challengeId = /challenges\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(await isFocused(page, '.fj-notification-banner')).toBe(true);
    await expectNoAxeViolations(page, 'challenge posted');
    const stored = await one<{ need_topic_ids: string[]; status: string }>(
      sql`select need_topic_ids, status from research_challenge where id = ${journey.challengeId}`,
    );
    expect(stored).toEqual({ need_topic_ids: [topic], status: 'open' });
  });

  it('a researcher finds it on /research and proposes a project, refused once for a missing title', async () => {
    const page = await pageOf('demo-researcher');
    await follow(page, 'nav a[href="/research"]', /\/research$/);
    expect(await page.getAttribute('nav a[href="/research"]', 'aria-current')).toBe('page');
    await expectNoAxeViolations(page, 'research list as a researcher');
    await follow(
      page,
      `main a[href="/research/challenges/${journey.challengeId}"]`,
      /\/research\/challenges\//,
    );
    await expectNoAxeViolations(page, 'challenge as a researcher');
    await follow(
      page,
      `main a[href="/research/projects/new?challenge=${journey.challengeId}"]`,
      /\/research\/projects\/new\?challenge=/,
    );
    await expectNoAxeViolations(page, 'proposal form');
    expect(await page.inputValue('#challenge')).toBe(journey.challengeId);
    expect(await page.isChecked(`input[name="needTopics"][value="${topic}"]`)).toBe(true);

    const form = 'main form[method="post"]';
    await typeInto(page, '#summary', '碳纤维框架，整机重量不超过 20 公斤。');
    await typeInto(page, '#team', '项目负责人：示例研究员');
    await chooseWithArrows(page, '#trlNow', '3');
    await chooseWithArrows(page, '#trlTarget', '6');
    await typeInto(page, '#budget', '800000');
    const day = (days: number) =>
      new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
    await typeInto(page, '#startsOn', day(30));
    await typeInto(page, '#endsOn', day(400));
    await typeInto(page, '#expectedResults', '样机一套，社区试用 10 户。');
    await send(page, form, /\/research\/projects\/new$/);
    await page.waitForSelector('.fj-error-summary');
    expect(await isFocused(page, '.fj-error-summary')).toBe(true);
    expect(await page.title()).toMatch(/^错误：/);
    await expectNoAxeViolations(page, 'proposal with an error');
    const links = await page
      .locator('.fj-error-summary a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#title']);
    await page.keyboard.press('Tab');
    expect(await isFocused(page, '.fj-error-summary a[href="#title"]')).toBe(true);
    await page.keyboard.press('Enter');
    expect(await isFocused(page, '#title')).toBe(true);
    expect(await page.getAttribute('#title', 'aria-describedby')).toContain('title-error');
    // What was typed is still there.
    expect(await page.inputValue('#budget')).toBe('800000');
    expect(await page.inputValue('#trlTarget')).toBe('6');
    await page.keyboard.type('楼道爬楼辅助装置的轻量化设计（端到端测试）');
    await send(page, form, /\/research\/projects\/[0-9a-f-]{36}\?done=proposed$/);
    journey.projectId = /projects\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    journey.reference = (
      await one<{ reference: string }>(
        sql`select reference from research_project where id = ${journey.projectId}`,
      )
    ).reference;
    expect(await isFocused(page, '.fj-notification-banner')).toBe(true);
    expect(await statusOf()).toBe('screening');
    expect(await page.textContent('main')).toContain('形式审查中');
    await expectNoAxeViolations(page, 'project proposed, as its team');
  });

  it('the city passes screening and records the experts’ review with "reserve"', async () => {
    const page = await pageOf('demo-city-admin');
    await follow(page, 'nav a[href="/research/manage"]', /\/research\/manage$/);
    await expectNoAxeViolations(page, 'work queue');
    await follow(page, `main a[href="/research/projects/${journey.projectId}"]`, /\/research\/projects\//);
    await give(page, 'pass_screening');
    expect(await statusOf()).toBe('expert_review');
    await give(page, 'record_review', async (form) => {
      await typeInto(page, '#record_review-score', '88');
      await typeInto(page, '#record_review-opinion', '技术路线清晰，需求依据充分。');
      await chooseRadio(page, form, 'decision', 'reserve');
    });
    expect(await statusOf()).toBe('reserved');
  });

  it('an anonymous visitor finds the project in the public pool', async () => {
    const page = await pageOf(null);
    await page.goto(`${base}/`);
    await follow(page, 'nav a[href="/research"]', /\/research$/);
    await chooseWithArrows(page, '#status', 'reserved');
    await send(page, 'form[action="/research"]', /status=reserved/);
    expect(await page.textContent('#pool')).toContain(journey.reference);
    await expectNoAxeViolations(page, 'public pool, reserved');
    await follow(page, `#pool a[href="/research/projects/${journey.projectId}"]`, /\/research\/projects\//);
    expect(await page.textContent('main')).toContain('已入库');
    // The review's words stay with the team and the city.
    expect(await page.textContent('main')).not.toContain('技术路线清晰');
    await expectNoAxeViolations(page, 'reserved project, anonymous');
    await page.screenshot({ path: `${screenshots}/research-project.png`, fullPage: true });
  });
});

interface PageState {
  readonly path: () => string;
  readonly name: string;
  readonly prepare?: (page: Page) => Promise<void>;
}

/** Sends a form as it is, to see its errors: the title says so, the summary takes focus, each link leads to a control. */
const submitEmpty = (form: string) => async (page: Page) => {
  await Promise.all([page.waitForLoadState('load'), page.click(`${form} button[type="submit"]`)]);
  await page.waitForSelector('.fj-error-summary');
  expect(await page.title()).toMatch(/^(错误：|Error: )/);
  expect(await page.evaluate(() => document.activeElement?.classList.contains('fj-error-summary'))).toBe(
    true,
  );
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

const personas: { label: string; username: string | null; pages: PageState[] }[] = [
  {
    label: 'anonymous visitor',
    username: null,
    pages: [
      { path: () => '/research', name: 'list' },
      { path: () => '/research?status=completed', name: 'list-completed' },
      { path: () => `/research/challenges/${demo.openChallenge}`, name: 'challenge-open' },
      { path: () => `/research/challenges/${demo.closedChallenge}`, name: 'challenge-closed' },
      { path: () => `/research/projects/${demo.completed}`, name: 'project-completed' },
      { path: () => `/research/projects/${demo.in_progress}`, name: 'project-in-progress' },
    ],
  },
  {
    label: 'enterprise',
    username: 'demo-supplier',
    pages: [
      { path: () => '/research/challenges/new', name: 'challenge-new' },
      {
        path: () => '/research/challenges/new',
        name: 'challenge-new-errors',
        prepare: submitEmpty('main form[method="post"]'),
      },
      { path: () => `/research/challenges/${demo.openChallenge}`, name: 'challenge-own' },
      { path: () => '/research/manage', name: 'manage-enterprise' },
    ],
  },
  {
    label: 'researcher',
    username: 'demo-researcher',
    pages: [
      { path: () => '/research/projects/new', name: 'propose' },
      {
        path: () => '/research/projects/new',
        name: 'propose-errors',
        prepare: submitEmpty('main form[method="post"]'),
      },
      { path: () => `/research/projects/${demo.screening}`, name: 'project-screening-team' },
      { path: () => `/research/projects/${demo.in_progress}`, name: 'project-in-progress-team' },
      {
        path: () => `/research/projects/${demo.in_progress}`,
        name: 'milestone-errors',
        prepare: submitEmpty(commandForm('add_milestone')),
      },
      { path: () => '/research/manage', name: 'manage-team' },
    ],
  },
  {
    label: 'city',
    username: 'demo-city-admin',
    pages: [
      { path: () => '/research/manage', name: 'manage-city' },
      { path: () => '/research/manage?status=screening', name: 'manage-city-screening' },
      { path: () => `/research/projects/${demo.screening}`, name: 'project-screening-city' },
      { path: () => `/research/projects/${demo.reserved}`, name: 'project-reserved-city' },
      {
        path: () => `/research/projects/${demo.reserved}`,
        name: 'fund-errors',
        prepare: submitEmpty(commandForm('fund')),
      },
      { path: () => '/research/challenges/new', name: 'challenge-new-city' },
    ],
  },
];

describe('axe on every research page and state', () => {
  for (const persona of personas) {
    it(`${persona.label}: both languages`, async () => {
      await Promise.all(
        locales.map(async (locale) => {
          const context = await contextIn(browser, base, locale);
          const page = await context.newPage();
          if (persona.username !== null) await signInAs(page, base, persona.username);
          for (const state of persona.pages) {
            const label = `${locale} ${state.name}`;
            const response = await page.goto(`${base}${state.path()}`);
            expect(response?.status(), label).toBe(200);
            await state.prepare?.(page);
            expect(await page.getAttribute('html', 'lang'), label).toBe(locale);
            expect(await page.locator('main h1').count(), `${label} has one h1`).toBe(1);
            await expectNoAxeViolations(page, label);
            if (locale === 'zh-CN')
              await page.screenshot({ path: `${screenshots}/research-${state.name}.png`, fullPage: true });
          }
          await context.close();
        }),
      );
    }, 120_000);
  }
});

describe('without JavaScript, and on a small screen', () => {
  it('proposes a project with JavaScript off', async () => {
    const context = await contextIn(browser, base, 'zh-CN', '', { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, base, 'demo-researcher');
    await page.goto(`${base}/research/projects/new?topic=${topic}`);
    expect(await page.isChecked(`input[name="needTopics"][value="${topic}"]`)).toBe(true);
    await page.fill('#title', '无脚本申报测试项目');
    await page.fill('#summary', '简介');
    await page.fill('#team', '团队');
    await page.selectOption('#trlNow', '2');
    await page.selectOption('#trlTarget', '4');
    await page.fill('#budget', '100000');
    await page.fill('#startsOn', '2027-01-01');
    await page.fill('#endsOn', '2026-01-01');
    await page.fill('#expectedResults', '成果');
    await Promise.all([
      page.waitForURL(/\/research\/projects\/new$/),
      page.click('main form[method="post"] button'),
    ]);
    expect(await page.textContent('.fj-error-summary')).toContain('结束日期不能早于开始日期');
    await page.fill('#endsOn', '2027-12-31');
    await Promise.all([
      page.waitForURL(/\/research\/projects\/[0-9a-f-]{36}\?done=proposed$/),
      page.click('main form[method="post"] button'),
    ]);
    expect(await page.locator('.fj-notification-banner').count()).toBe(1);
    const stored = await one<{ status: string; ends_on: string | Date }>(
      sql`select status, ends_on from research_project where title = '无脚本申报测试项目'`,
    );
    expect(stored.status).toBe('screening');
    await context.close();
  });

  it('has no sideways scrolling at 320 px with extra-large text: the list and a project', async () => {
    const context = await contextIn(browser, base, 'zh-CN', 'text=x-large', {
      viewport: { width: 320, height: 640 },
    });
    const page = await context.newPage();
    for (const path of [
      '/research',
      `/research/projects/${demo.completed}`,
      `/research/challenges/${demo.openChallenge}`,
    ]) {
      await page.goto(`${base}${path}`);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        path,
      ).toBeLessThanOrEqual(0);
    }
    await page.goto(`${base}/research`);
    await page.screenshot({ path: `${screenshots}/research-320.png`, fullPage: true });
    await context.close();
  });

  it('looks right at a desktop width (screenshot of /research for a person to check)', async () => {
    const context = await contextIn(browser, base, 'zh-CN', '', { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/research`);
    await page.screenshot({ path: `${screenshots}/research-list.png`, fullPage: true });
    expect(await page.locator('main h1').textContent()).toBe('科研项目');
    await context.close();
  });
});
