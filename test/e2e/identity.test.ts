/**
 * Identity pages in a real browser: axe on every page and state each persona
 * sees, in both languages and two display settings; keyboard-only sign-in
 * journeys (staff with and without a second factor, a resident with a text
 * message code); the idle-session warning; sign-in without JavaScript.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../src/platform/crypto/index.ts';
import { sql } from '../../src/platform/db/index.ts';
import type { TestApp } from '../support/app.ts';
import { repoRoot, testDemoPassword } from '../support/templates.ts';
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
let ids: Record<string, string> = {};
let organisationIds: Record<string, string> = {};
/** The organisation whose change page the system administrator's persona checks. */
const yantaFederation = '西安市雁塔区残疾人联合会';

beforeAll(async () => {
  ({ t, base } = await servedApp());
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
  const rows = await t.database.db.query<{ id: string; username: string }>(
    sql`select id, username from app_user where username is not null`,
  );
  ids = Object.fromEntries(rows.map((r) => [r.username, r.id]));
  const organisations = await t.database.db.query<{ id: string; name_zh: string }>(
    sql`select id, name_zh from organisation`,
  );
  organisationIds = Object.fromEntries(organisations.map((o) => [o.name_zh, o.id]));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const contextFor = (locale: string, display = '', options: { javaScriptEnabled?: boolean } = {}) =>
  contextIn(browser, base, locale, display, options);

const signIn = (page: Page, username: string) => signInAs(page, base, username);

/** A page to check, and how to bring it into the state to check (a form left with errors, say). */
interface PageState {
  readonly path: string;
  readonly name: string;
  readonly prepare?: (page: Page) => Promise<void>;
}

const submitEmpty = (selector: string) => async (page: Page) => {
  await Promise.all([page.waitForLoadState('load'), page.click(`${selector} button[type="submit"]`)]);
  await page.waitForSelector('.fj-error-summary');
};

/** Submits a form that answers with a page of its own (the POST-only full-data views). */
const submitForm = (selector: string) => async (page: Page) => {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 200),
    page.click(`${selector} button[type="submit"]`),
  ]);
  await page.waitForLoadState('load');
  expect(page.url()).toMatch(/\/account\/(reveal|export)$/);
};

const personas: { username: string | null; pages: () => PageState[] }[] = [
  {
    username: null,
    pages: () => [
      { path: '/login', name: 'login' },
      { path: '/login', name: 'login-errors', prepare: submitEmpty('form[action="/login"]') },
      { path: '/login/resident', name: 'login-resident' },
      {
        path: '/login/resident',
        name: 'login-resident-errors',
        prepare: submitEmpty('form[action="/login/resident"]'),
      },
      { path: '/login?signedOut=1', name: 'login-signed-out' },
    ],
  },
  {
    username: 'demo-resident',
    pages: () => [
      { path: '/account', name: 'account' },
      { path: '/account/sessions', name: 'account-sessions' },
      { path: '/account/password', name: 'account-password' },
      {
        path: '/account/password',
        name: 'account-password-errors',
        prepare: submitEmpty('main form[method="post"]'),
      },
      { path: '/account/two-factor', name: 'account-two-factor' },
      { path: '/account/correction', name: 'account-correction' },
      { path: '/account/export', name: 'account-export' },
      { path: '/account', name: 'account-revealed', prepare: submitForm('form[action="/account/reveal"]') },
      {
        path: '/account/export',
        name: 'account-export-page',
        prepare: submitForm('form[action="/account/export"]'),
      },
    ],
  },
  {
    username: 'demo-sysadmin',
    pages: () => [
      { path: '/admin', name: 'admin' },
      { path: '/admin/organisations', name: 'admin-organisations' },
      { path: '/admin/organisations/new', name: 'admin-organisation-new' },
      {
        path: `/admin/organisations/${organisationIds[yantaFederation]}`,
        name: 'admin-organisation-edit',
      },
      {
        path: `/admin/organisations/${organisationIds[yantaFederation]}`,
        name: 'admin-organisation-edit-errors',
        prepare: async (page) => {
          await page.fill('#nameZh', '');
          await submitEmpty('main form[method="post"]')(page);
        },
      },
      { path: '/admin/users', name: 'admin-users' },
      { path: '/admin/users/new', name: 'admin-user-new' },
      { path: `/admin/users/${ids['demo-community-worker']}`, name: 'admin-user' },
    ],
  },
  {
    username: 'demo-security-admin',
    pages: () => [
      { path: `/admin/users/${ids['demo-volunteer']}`, name: 'admin-user-grants' },
      { path: '/admin/tokens', name: 'admin-tokens' },
      { path: '/admin/tokens/new', name: 'admin-token-new' },
    ],
  },
  {
    username: 'demo-auditor',
    pages: () => [
      { path: '/audit', name: 'audit' },
      { path: '/audit?from=2026-13-40', name: 'audit-errors' },
      { path: '/audit/verify', name: 'audit-verify' },
    ],
  },
  {
    username: 'demo-community-worker',
    pages: () => [
      { path: '/staff/residents', name: 'residents' },
      { path: `/staff/residents/${ids['demo-resident']}`, name: 'resident' },
      {
        path: `/staff/residents/${ids['demo-resident']}`,
        name: 'resident-revealed',
        prepare: async (page) => {
          await page.check('input[name="reason"][value="case"]');
          await Promise.all([
            page.waitForLoadState('load'),
            page.click('main form[method="post"] button[type="submit"]'),
          ]);
          await page.waitForSelector('#revealed');
        },
      },
    ],
  },
];

describe('axe on every identity page and state', () => {
  for (const persona of personas) {
    for (const locale of locales) {
      it(`${persona.username ?? 'anonymous'} / ${locale}`, async () => {
        for (const display of displays) {
          const context = await contextFor(locale, display.cookie);
          const page = await context.newPage();
          if (persona.username) await signIn(page, persona.username);
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
      }, 120_000);
    }
  }

  it('keeps the second-factor and text-code pages accessible too', async () => {
    const context = await contextFor('en');
    const page = await context.newPage();
    await page.goto(`${base}/login/resident`);
    await page.fill('#phone', '13600000001');
    await Promise.all([
      page.waitForURL(/\/login\/resident\/code/),
      page.click('form[action="/login/resident"] button'),
    ]);
    await expectNoAxeViolations(page, 'en resident code');
    await page.fill('#code', '12');
    await Promise.all([
      page.waitForLoadState('load'),
      page.click('form[action="/login/resident/code"] button'),
    ]);
    await expectNoAxeViolations(page, 'en resident code errors');
    await context.close();
  });
});

describe('keyboard-only journeys', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await contextFor('zh-CN');
    page = await context.newPage();
  });
  afterAll(() => context.close());

  it('staff sign in and out with the keyboard alone', async () => {
    await page.goto(`${base}/login`);
    await tabTo(page, '#username');
    await page.keyboard.type('demo-city-admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type(testDemoPassword);
    await Promise.all([page.waitForURL(`${base}/account`), page.keyboard.press('Enter')]);
    expect(await page.locator('.fj-header__user').textContent()).toContain('demo-city-admin');
    await tabTo(page, '.fj-header form[action="/logout"] button');
    await Promise.all([page.waitForURL(/\/login\?signedOut=1/), page.keyboard.press('Enter')]);
    expect(await page.locator('#signed-out').count()).toBe(1);
  });

  it('staff sign in with a second factor with the keyboard alone', async () => {
    // demo-assessor turns TOTP on first (as a user would on their account page), directly in the data here.
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await t.database.db.query(
      sql`update app_user set totp_secret_sealed = ${t.keyring.seal(secret)}, totp_enabled = true, totp_last_step = null
          where username = 'demo-assessor'`,
    );
    await page.goto(`${base}/login`);
    await tabTo(page, '#username');
    await page.keyboard.type('demo-assessor');
    await page.keyboard.press('Tab');
    await page.keyboard.type(testDemoPassword);
    await Promise.all([page.waitForURL(/\/login\/two-factor/), page.keyboard.press('Enter')]);
    await expectNoAxeViolations(page, 'second factor');
    await tabTo(page, '#code');
    await page.keyboard.type(totpAt(secret, Math.floor(Date.now() / 1000)));
    await Promise.all([page.waitForURL(`${base}/account`), page.keyboard.press('Enter')]);
    expect(await page.locator('.fj-header__user').textContent()).toContain('demo-assessor');
    await tabTo(page, '.fj-header form[action="/logout"] button');
    await Promise.all([page.waitForURL(/signedOut=1/), page.keyboard.press('Enter')]);
  });

  it('a resident signs in with a text message code with the keyboard alone', async () => {
    await page.goto(`${base}/login`);
    await tabTo(page, 'a[href="/login/resident"]');
    await Promise.all([page.waitForURL(`${base}/login/resident`), page.keyboard.press('Enter')]);
    await tabTo(page, '#phone');
    await page.keyboard.type('13600000002');
    await Promise.all([page.waitForURL(/\/login\/resident\/code/), page.keyboard.press('Enter')]);
    const line =
      t
        .logs()
        .split('\n')
        .filter((l) => l.includes('demo SMS to 136****0002'))
        .at(-1) ?? '';
    const code = /(?:验证码是|code is) (\d{6})/.exec(line)?.[1] as string;
    expect(code).toMatch(/^\d{6}$/);
    await tabTo(page, '#code');
    await page.keyboard.type(code);
    await Promise.all([page.waitForURL(/\/account\/resident-id/), page.keyboard.press('Enter')]);
    await expectNoAxeViolations(page, 'bind resident id');
  });
});

describe('idle session warning (WCAG 2.2.1)', () => {
  it('warns before the session ends and extends it in place', async () => {
    const context = await contextFor('en');
    const page = await context.newPage();
    await signIn(page, 'demo-researcher');
    // Five minutes left: the warning is due now.
    await t.database.db.query(
      sql`update user_session set expires_at = now() + interval '4 minutes'
          where ended_at is null and user_id = ${ids['demo-researcher']}`,
    );
    await page.goto(`${base}/accessibility`);
    const warning = page.locator('.fj-session-warning');
    await warning.waitFor({ state: 'visible' });
    expect(await warning.getAttribute('role')).toBe('alert');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('fj-session-warning'))).toBe(
      true,
    );
    await expectNoAxeViolations(page, 'session warning');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await warning.waitFor({ state: 'hidden' });
    const [session] = await t.database.db.query<{ minutes: number }>(
      sql`select extract(epoch from expires_at - now()) / 60 as minutes from user_session
          where ended_at is null and user_id = ${ids['demo-researcher']} order by last_seen_at desc limit 1`,
    );
    expect(Number(session?.minutes)).toBeGreaterThan(25);
    await context.close();
  });
});

describe('without JavaScript', () => {
  it('signs in, shows the account and signs out', async () => {
    const context = await contextFor('zh-CN', '', { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, 'demo-resident-2');
    expect(new URL(page.url()).pathname).toBe('/account');
    await Promise.all([
      page.waitForURL(/signedOut=1/),
      page.click('.fj-header form[action="/logout"] button'),
    ]);
    await context.close();
  });
});

describe('reflow when signed in', () => {
  it('has no sideways scrolling at 320 px with extra-large text', async () => {
    for (const persona of personas.filter((p) => p.username !== null)) {
      const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
      await context.addCookies([
        { name: 'fuju_lang', value: 'en', url: base },
        { name: 'fuju_display', value: encodeURIComponent('text=x-large'), url: base },
      ]);
      const page = await context.newPage();
      await signIn(page, persona.username as string);
      for (const state of persona.pages().filter((s) => !s.prepare)) {
        await page.goto(`${base}${state.path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${persona.username} ${state.path}`).toBeLessThanOrEqual(0);
      }
      await context.close();
    }
  }, 120_000);
});
