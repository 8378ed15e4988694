/**
 * The residents' registry in a real browser. Axe on every registry page and
 * state a community worker and a resident see (empty, with errors, a
 * duplicate, revealed, out of reach), in both languages and two display
 * settings; a worker registering a person and recording their consent with
 * the keyboard only; a resident withdrawing a consent with the keyboard
 * only; both without JavaScript; no sideways scrolling at 320 px.
 *
 * The resident only ever withdraws a research consent the worker records for
 * them within this file: their fitting consent, which the rest of the demo
 * (their fitting cases) depends on, stays as it was.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/index.ts';
import { makeResidentId } from '../../src/platform/ids/index.ts';
import type { TestApp } from '../support/app.ts';
import { contextIn, expectNoAxeViolations, launchBrowser, servedApp, signInAs } from './browser.ts';
import { chooseRadio, focusIsVisible, isFocused, pressButton, reach, send, typeInto } from './keyboard.ts';

const screenshots = '/tmp/people-screenshots';
const locales = ['zh-CN', 'en'] as const;
const displays = [
  { name: 'default', cookie: '' },
  { name: 'x-large-high-contrast', cookie: 'text=x-large&contrast=high' },
];
const settings = locales.flatMap((locale) => displays.map((display) => ({ locale, display })));

let t: TestApp;
let base: string;
let browser: Browser;
/** The community worker, signed in once in their own browser, for the consents the resident then withdraws. */
let worker: { context: BrowserContext; page: Page } | undefined;

const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};

/** The demo resident's own ID number (seed: 雁塔区, born 1968-05-12, sequence 031): registering it again is a duplicate. */
const demoResidentNumber = makeResidentId('610113', '1968-05-12', '031');
/** Valid ID numbers no demo person has (the demo's sequences end at 226), a new one each call. */
let nextSequence = 800;
const freshResidentId = () => makeResidentId('610113', '1991-03-15', String(nextSequence++));

const ids = {
  district: '',
  /** A person of the worker's district with a guardian and a consent: every table of the record shows. */
  record: '',
  /** A person of another district: out of the worker's reach. */
  elsewhere: '',
  /** The demo resident's own record, and their fitting consent (only ever looked at, never withdrawn). */
  demoResident: '',
  fittingConsent: '',
};

beforeAll(async () => {
  ({ t, base } = await servedApp());
  browser = await launchBrowser();
  ids.district = (
    await one<{ code: string }>(
      sql`select o.district_code as code from role_grant g join app_user u on u.id = g.user_id
          join organisation o on o.id = g.organisation_id
          where u.username = 'demo-community-worker' and g.revoked_at is null limit 1`,
    )
  ).code;
  ids.record = (
    await one<{ id: string }>(
      sql`select p.id from person p where p.is_demo and p.district_code = ${ids.district}
            and exists (select 1 from person_guardian g where g.person_id = p.id and g.removed_at is null)
            and exists (select 1 from person_consent c where c.person_id = p.id and c.withdrawn_at is null)
          order by p.birth_date limit 1`,
    )
  ).id;
  ids.elsewhere = (
    await one<{ id: string }>(
      sql`select id from person where is_demo and district_code <> ${ids.district} order by id limit 1`,
    )
  ).id;
  const resident = await one<{ id: string; consent: string }>(
    sql`select p.id, c.id as consent from person p join app_user u on u.id = p.user_id
        join person_consent c on c.person_id = p.id and c.purpose = 'fitting' and c.withdrawn_at is null
        where u.username = 'demo-resident'`,
  );
  ids.demoResident = resident.id;
  ids.fittingConsent = resident.consent;
}, 60_000);
afterAll(async () => {
  await worker?.context.close();
  await browser?.close();
  await t?.close();
});

interface PageState {
  readonly path: string;
  readonly name: string;
  readonly status?: number;
  readonly prepare?: (page: Page) => Promise<void>;
}

const mainForm = 'main form[method="post"]';

/** Sends the form and waits for the error summary, which takes focus and links only to controls. */
const submitForErrors = async (page: Page, form = mainForm) => {
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
};

/** The few answers a registration needs besides name and number: no certificate, no economic support. */
const fillRequiredChoices = async (page: Page) => {
  await page.check('input[name="localHousehold"][value="yes"]');
  await page.check('input[name="certificateGeneration"][value="none"]');
  await page.check('input[name="economicStatus"][value="none"]');
};

/** The demo resident's number typed again: the form says it is registered and links to that record. */
const registerDuplicate = async (page: Page) => {
  await page.fill('#name', '端到端重复登记');
  await page.fill('#residentId', demoResidentNumber);
  await fillRequiredChoices(page);
  await submitForErrors(page);
  expect(await page.locator('.fj-error-summary a[href="#residentId"]').count()).toBe(1);
  expect(await page.locator(`main a[href="/people/${ids.demoResident}"]`).count()).toBe(1);
  // The number typed is asked for again, never shown back.
  expect(await page.inputValue('#residentId')).toBe('');
};

/** Staff's reveal: a reason chosen, the record shown in full in answer to the POST. */
const revealWithReason = async (page: Page) => {
  await page.check('input[name="reason"][value="case"]');
  await Promise.all([
    page.waitForLoadState('load'),
    page.click('form[action$="/reveal"] button[type="submit"]'),
  ]);
  await page.waitForSelector('#revealed-title');
};

/** A day that is no day, in a form otherwise as saved: the edit page's error. */
const editWithImpossibleDay = async (page: Page) => {
  await page.fill('#economicStatusAsOf-year', '2020');
  await page.fill('#economicStatusAsOf-month', '13');
  await page.fill('#economicStatusAsOf-day', '1');
  await submitForErrors(page);
  expect(await page.locator('.fj-error-summary a[href="#economicStatusAsOf-year"]').count()).toBe(1);
};

const recordPath = (id: string) => `/people/${id}`;

const personas: { label: string; username: string; pages: () => PageState[] }[] = [
  {
    label: 'community worker: the list and registering',
    username: 'demo-community-worker',
    pages: () => [
      { path: '/people', name: 'list' },
      { path: `/people?district=${ids.district}&category=physical`, name: 'list-filtered' },
      {
        path: '/people',
        name: 'list-searched-nothing',
        // Typed into the search box, as staff do: the page shows no one and does not echo the number.
        prepare: async (page) => {
          await page.fill('#q', freshResidentId());
          await Promise.all([page.waitForURL(/\/people\?q=/), page.click('form[action="/people"] button')]);
          expect(await page.locator('#people').count()).toBe(0);
          expect(await page.textContent('main')).toMatch(/没有找到人员。|No people found\./);
          expect(await page.inputValue('#q')).toBe('');
        },
      },
      { path: '/people/new', name: 'register' },
      { path: '/people/new', name: 'register-errors', prepare: (page) => submitForErrors(page) },
      { path: '/people/new', name: 'register-duplicate', prepare: registerDuplicate },
    ],
  },
  {
    label: 'community worker: a record and its forms',
    username: 'demo-community-worker',
    pages: () => [
      {
        path: recordPath(ids.record),
        name: 'record',
        // The commands on its guardian and its consent are part of what axe checks.
        prepare: async (page) => {
          expect(await page.locator('main form[action$="/remove"] button').count()).toBe(1);
          expect(await page.locator('main form[action$="/withdraw"] button').count()).toBe(1);
        },
      },
      { path: recordPath(ids.record), name: 'record-revealed', prepare: revealWithReason },
      { path: `${recordPath(ids.record)}/edit`, name: 'edit' },
      { path: `${recordPath(ids.record)}/edit`, name: 'edit-errors', prepare: editWithImpossibleDay },
      { path: `${recordPath(ids.record)}/guardians/new`, name: 'guardian' },
      {
        path: `${recordPath(ids.record)}/guardians/new`,
        name: 'guardian-errors',
        prepare: (page) => submitForErrors(page),
      },
      { path: `${recordPath(ids.record)}/consents/new`, name: 'consent' },
      {
        path: `${recordPath(ids.record)}/consents/new`,
        name: 'consent-errors',
        prepare: (page) => submitForErrors(page),
      },
      { path: recordPath(ids.elsewhere), name: 'record-out-of-reach', status: 404 },
    ],
  },
  {
    label: 'resident: their own record',
    username: 'demo-resident',
    pages: () => [
      { path: '/my/record', name: 'my-record' },
      {
        path: '/my/record',
        name: 'my-record-revealed',
        prepare: async (page) => {
          await Promise.all([
            page.waitForLoadState('load'),
            page.click('form[action="/my/record/reveal"] button[type="submit"]'),
          ]);
          await page.waitForSelector('#revealed-title');
        },
      },
      { path: `/my/record/consents/${ids.fittingConsent}/withdraw`, name: 'my-consent-withdraw' },
    ],
  },
];

/** Checks one page state in one language: its status, language, single h1, and axe. */
async function checkState(page: Page, state: PageState, locale: string, label: string) {
  const response = await page.goto(`${base}${state.path}`);
  expect(response?.status(), label).toBe(state.status ?? 200);
  await state.prepare?.(page);
  expect(await page.getAttribute('html', 'lang'), label).toBe(locale);
  expect(await page.locator('main h1').count(), `${label} has one h1`).toBe(1);
  await expectNoAxeViolations(page, label);
}

describe('axe on every registry page and state', () => {
  for (const persona of personas) {
    it(`${persona.label}: both languages, default and extra-large high-contrast`, async () => {
      // The four settings in their own browsers at once: axe runs in the browser, so this saves minutes.
      await Promise.all(
        settings.map(async ({ locale, display }) => {
          const context = await contextIn(browser, base, locale, display.cookie);
          const page = await context.newPage();
          await signInAs(page, base, persona.username);
          for (const state of persona.pages()) {
            await checkState(page, state, locale, `${locale} ${display.name} ${state.name}`);
          }
          await context.close();
        }),
      );
    }, 300_000);
  }
});

/** The worker's own browser, signed in once. */
async function workerPage(): Promise<Page> {
  if (worker === undefined) {
    const context = await contextIn(browser, base, 'zh-CN');
    const page = await context.newPage();
    await signInAs(page, base, 'demo-community-worker');
    worker = { context, page };
  }
  return worker.page;
}

/** The worker records the demo resident's consent to research (it has none live): one for them to withdraw. */
async function giveResidentResearchConsent(): Promise<string> {
  const page = await workerPage();
  await page.goto(`${base}${recordPath(ids.demoResident)}/consents/new`);
  await page.check('input[name="purpose"][value="research"]');
  await page.check('input[name="givenBy"][value="person"]');
  await Promise.all([
    page.waitForURL(/\?done=consentGiven$/),
    page.click(`${mainForm} button[type="submit"]`),
  ]);
  return liveResearchConsent();
}

const liveResearchConsent = async () =>
  (
    await one<{ id: string }>(
      sql`select id from person_consent where person_id = ${ids.demoResident} and purpose = 'research'
          and withdrawn_at is null`,
    )
  ).id;

const consentOf = (id: string) =>
  one<{ withdrawn_at: Date | null; purpose: string }>(
    sql`select withdrawn_at, purpose from person_consent where id = ${id}`,
  );

const fittingStillLive = async () => expect((await consentOf(ids.fittingConsent)).withdrawn_at).toBeNull();

const newPersonId = (page: Page) => /\/people\/([0-9a-f-]{36})\?done=registered$/.exec(page.url())?.[1] ?? '';

describe('keyboard only', () => {
  it('the community worker registers a person, corrects the one mistake, and records their consent', async () => {
    const context = await contextIn(browser, base, 'zh-CN');
    const page = await context.newPage();
    await signInAs(page, base, 'demo-community-worker');
    await page.goto(`${base}/people/new`);
    const residentId = freshResidentId();

    // Everything but the ID number: one problem, the summary takes focus and leads to the field.
    await typeInto(page, '#name', '键盘登记测试');
    // The worker serves one district: it is chosen already.
    expect(await page.inputValue('#districtCode')).toBe(ids.district);
    await chooseRadio(page, mainForm, 'localHousehold', 'yes');
    await chooseRadio(page, mainForm, 'certificateGeneration', 'none');
    await chooseRadio(page, mainForm, 'economicStatus', 'none');
    await send(page, mainForm, /\/people\/new$/);
    await page.waitForSelector('.fj-error-summary');
    expect(await isFocused(page, '.fj-error-summary')).toBe(true);
    expect(await focusIsVisible(page)).toBe(true);
    expect(await page.title()).toMatch(/^错误：/);
    expect(
      await page.locator('.fj-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ).toEqual(['#residentId']);
    await expectNoAxeViolations(page, 'register with one problem');
    await page.keyboard.press('Tab');
    expect(await isFocused(page, '.fj-error-summary a[href="#residentId"]')).toBe(true);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await isFocused(page, '#residentId')).toBe(true);
    expect(await focusIsVisible(page)).toBe(true);
    expect(await page.getAttribute('#residentId', 'aria-describedby')).toContain('residentId-error');
    // What was answered is still answered.
    expect(await page.inputValue('#name')).toBe('键盘登记测试');
    expect(await page.isChecked('input[name="certificateGeneration"][value="none"]')).toBe(true);
    await page.keyboard.type(residentId);
    await send(page, mainForm, /\/people\/[0-9a-f-]{36}\?done=registered$/);

    const personId = newPersonId(page);
    expect(await isFocused(page, '.fj-notification-banner--success')).toBe(true);
    expect(await page.textContent('.fj-notification-banner--success')).toContain('已登记。');
    const saved = await one<{ district_code: string; local_household: boolean; consents: number }>(
      sql`select district_code, local_household,
            (select count(*)::int from person_consent c where c.person_id = p.id) as consents
          from person p where p.id = ${personId}`,
    );
    expect(saved).toEqual({ district_code: ids.district, local_household: true, consents: 0 });
    await expectNoAxeViolations(page, 'registered');

    await reach(page, `main a[href="${recordPath(personId)}/consents/new"]`);
    await Promise.all([page.waitForURL(/\/consents\/new$/), page.keyboard.press('Enter')]);
    await chooseRadio(page, mainForm, 'purpose', 'fitting');
    await chooseRadio(page, mainForm, 'givenBy', 'person');
    await send(page, mainForm, /\?done=consentGiven$/);
    expect(await isFocused(page, '.fj-notification-banner--success')).toBe(true);
    const consents = await t.database.db.query<{ purpose: string; given_by: string }>(
      sql`select purpose, given_by from person_consent where person_id = ${personId} and withdrawn_at is null`,
    );
    expect(consents).toEqual([{ purpose: 'fitting', given_by: 'person' }]);
    expect(await page.locator('#consents tbody tr').count()).toBe(1);
    await expectNoAxeViolations(page, 'consent recorded');
    await context.close();
  });

  it('the resident withdraws a consent from their record: link, confirmation, button', async () => {
    const consent = await giveResidentResearchConsent();
    const context = await contextIn(browser, base, 'zh-CN');
    const page = await context.newPage();
    await signInAs(page, base, 'demo-resident');
    await page.goto(`${base}/my/record`);
    const link = `main a[href="/my/record/consents/${consent}/withdraw"]`;
    await reach(page, link);
    await Promise.all([page.waitForURL(/\/withdraw$/), page.keyboard.press('Enter')]);
    expect(await page.textContent('main h1')).toBe('撤回同意');
    await pressButton(page, `${mainForm} button[type="submit"]`, /\/my\/record\?done=ownConsentWithdrawn$/);
    expect(await isFocused(page, '.fj-notification-banner--success')).toBe(true);
    expect(await page.textContent('.fj-notification-banner--success')).toContain('已撤回您的同意');
    expect(await page.locator(link).count()).toBe(0);
    expect((await consentOf(consent)).withdrawn_at).not.toBeNull();
    await fittingStillLive();
    await expectNoAxeViolations(page, 'own consent withdrawn');
    await context.close();
  });
});

describe('without JavaScript', () => {
  it('registers a person', async () => {
    const context = await contextIn(browser, base, 'zh-CN', '', { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, base, 'demo-community-worker');
    await page.goto(`${base}/people/new`);
    await page.fill('#name', '无脚本登记测试');
    await page.fill('#residentId', freshResidentId());
    await fillRequiredChoices(page);
    await page.check('input[name="fittingConsent"][value="yes"]');
    await page.check('input[name="consentGivenBy"][value="guardian"]');
    await Promise.all([
      page.waitForURL(/\/people\/[0-9a-f-]{36}\?done=registered$/),
      page.click(`${mainForm} button[type="submit"]`),
    ]);
    expect(await page.locator('.fj-notification-banner--success').count()).toBe(1);
    const consents = await t.database.db.query<{ purpose: string; given_by: string }>(
      sql`select purpose, given_by from person_consent where person_id = ${newPersonId(page)}`,
    );
    expect(consents).toEqual([{ purpose: 'fitting', given_by: 'guardian' }]);
    await context.close();
  });

  it("withdraws the resident's own consent", async () => {
    const consent = await giveResidentResearchConsent();
    const context = await contextIn(browser, base, 'zh-CN', '', { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, base, 'demo-resident');
    await page.goto(`${base}/my/record`);
    await Promise.all([
      page.waitForURL(/\/withdraw$/),
      page.click(`main a[href="/my/record/consents/${consent}/withdraw"]`),
    ]);
    await Promise.all([
      page.waitForURL(/\/my\/record\?done=ownConsentWithdrawn$/),
      page.click(`${mainForm} button[type="submit"]`),
    ]);
    expect(await page.locator('.fj-notification-banner--success').count()).toBe(1);
    expect((await consentOf(consent)).withdrawn_at).not.toBeNull();
    await fittingStillLive();
    await context.close();
  });
});

describe('on a small screen', () => {
  it('has no sideways scrolling at 320 px: the list, a record and the own record, both languages and displays', async () => {
    const viewport = { width: 320, height: 800 };
    for (const { locale, display } of settings) {
      for (const [username, pages] of [
        [
          'demo-community-worker',
          [
            ['/people', '#people tbody a'],
            [
              recordPath(ids.record),
              'main form[action*="/guardians/"] button, main form[action*="/consents/"] button',
            ],
          ],
        ],
        ['demo-resident', [['/my/record', 'main a[href^="/my/record/consents/"]']]],
      ] as const) {
        const context = await contextIn(browser, base, locale, display.cookie, { viewport });
        const page = await context.newPage();
        await signInAs(page, base, username);
        for (const [path, commands] of pages) {
          const label = `${locale} ${display.name} ${path}`;
          await page.goto(`${base}${path}`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(width, label).toBeLessThanOrEqual(320);
          // What one does on the page is in sight, not at the far end of a table scrolled sideways.
          const edges = await page
            .locator(commands)
            .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().right)));
          expect(edges.length, label).toBeGreaterThan(0);
          for (const edge of edges) expect(edge, `${label} ${commands}`).toBeLessThanOrEqual(320);
        }
        await context.close();
      }
    }
  }, 300_000);

  it('takes screenshots of the list, a record and the own record at 1280 and 320 px', async () => {
    for (const locale of locales) {
      for (const width of [1280, 320]) {
        for (const [username, path, name] of [
          ['demo-community-worker', '/people', 'list'],
          ['demo-community-worker', recordPath(ids.record), 'record'],
          ['demo-resident', '/my/record', 'my-record'],
        ] as const) {
          const context = await contextIn(browser, base, locale, '', { viewport: { width, height: 900 } });
          const page = await context.newPage();
          await signInAs(page, base, username);
          await page.goto(`${base}${path}`);
          await page.screenshot({ path: `${screenshots}/${name}-${locale}-${width}.png`, fullPage: true });
          await context.close();
        }
      }
    }
  }, 300_000);
});

// Last: each withdrawal leaves the resident's record with one more withdrawn consent.
describe('after withdrawing, in every language and display', () => {
  it('the resident sees the banner on their record, and axe finds nothing', async () => {
    // One setting after another: the worker records a consent, the resident withdraws it.
    for (const { locale, display } of settings) {
      const consent = await giveResidentResearchConsent();
      const context = await contextIn(browser, base, locale, display.cookie);
      const page = await context.newPage();
      await signInAs(page, base, 'demo-resident');
      await page.goto(`${base}/my/record/consents/${consent}/withdraw`);
      await Promise.all([
        page.waitForURL(/\/my\/record\?done=ownConsentWithdrawn$/),
        page.click(`${mainForm} button[type="submit"]`),
      ]);
      const label = `${locale} ${display.name} my-record-withdrawn`;
      expect(await page.getAttribute('html', 'lang'), label).toBe(locale);
      expect(await page.locator('main h1').count(), label).toBe(1);
      expect(await page.locator('.fj-notification-banner--success').count(), label).toBe(1);
      await expectNoAxeViolations(page, label);
      await context.close();
    }
    await fittingStillLive();
  }, 300_000);
});
