/**
 * The fitting-subsidy case in a real browser. A resident applies online and
 * the case runs to closed through every role, each person in their own
 * browser, keyboard only, with axe after every step. Also: axe on every
 * fitting page in its states (empty, with errors, each status as the role
 * that acts on it) in both languages and two display settings; the apply
 * form and the queue's filters without JavaScript; no sideways scrolling at
 * 320 px; the print page on A4; and one resident kept out of another's case.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/index.ts';
import type { TestApp } from '../support/app.ts';
import { repoRoot } from '../support/templates.ts';
import { contextIn, expectNoAxeViolations, launchBrowser, servedApp, signInAs } from './browser.ts';
import { chooseRadio, chooseWithArrows, isFocused, pressButton, reach, send, typeInto } from './keyboard.ts';

const screenshots = `${repoRoot}test-results/screenshots`;
const locales = ['zh-CN', 'en'] as const;
const displays = [
  { name: 'default', cookie: '' },
  { name: 'x-large-high-contrast', cookie: 'text=x-large&contrast=high' },
];

let t: TestApp;
let base: string;
let browser: Browser;
/** Each person of the journey in their own browser, signed in once and kept to the end. */
const browsers = new Map<string, { context: BrowserContext; page: Page }>();

const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};

/** A demo case in this status that the account reaches (its district, its supplier, or the whole city). */
const caseInReach = async (username: string, status: string) =>
  (
    await one<{ id: string }>(
      sql`select c.id from fitting_case c where c.is_demo and c.status = ${status} and exists (
            select 1 from role_grant g join app_user u on u.id = g.user_id
            left join organisation o on o.id = g.organisation_id
            where u.username = ${username} and g.revoked_at is null and (
              g.role in ('assessor', 'city_admin')
              or (g.role in ('community_worker', 'district_reviewer') and o.district_code = c.district_code)
              or (g.role = 'supplier_staff' and g.organisation_id = c.supplier_organisation_id)))
          order by c.created_at limit 1`,
    )
  ).id;

/** A demo resident's own case, in a status if given. */
const ownCase = (username: string, status: string | null = null) =>
  one<{ id: string; reference: string }>(
    sql`select c.id, c.reference from fitting_case c join person p on p.id = c.person_id
          join app_user u on u.id = p.user_id
          where u.username = ${username} and (${status}::text is null or c.status = ${status})
          order by c.created_at limit 1`,
  );

const ids = {
  supplierOrg: '',
  ownOpen: '',
  ownClosed: '',
  otherResidents: '',
  behalfPerson: '',
  submitted: '',
  returned: '',
  eligibilityChecked: '',
  scheduled: '',
  assessed: '',
  prescribed: '',
  followedUp: '',
  rejected: '',
  withdrawn: '',
  fitting: '',
  appealed: '',
};

beforeAll(async () => {
  ({ t, base } = await servedApp());
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
  ids.supplierOrg = (
    await one<{ id: string }>(
      sql`select g.organisation_id as id from role_grant g join app_user u on u.id = g.user_id
          where u.username = 'demo-supplier' and g.revoked_at is null limit 1`,
    )
  ).id;
  ids.ownOpen = (await ownCase('demo-resident', 'assessment_scheduled')).id;
  ids.ownClosed = (await ownCase('demo-resident', 'closed')).id;
  ids.otherResidents = (await ownCase('demo-resident-2')).id;
  // Someone in the community worker's district who consented to fitting: the worker applies for them.
  ids.behalfPerson = (
    await one<{ id: string }>(
      sql`select p.id from person p where p.user_id is null and p.district_code = (
            select o.district_code from role_grant g join app_user u on u.id = g.user_id
            join organisation o on o.id = g.organisation_id where u.username = 'demo-community-worker' limit 1)
          and exists (select 1 from person_consent c where c.person_id = p.id and c.purpose = 'fitting'
                      and c.withdrawn_at is null)
          order by p.id limit 1`,
    )
  ).id;
  ids.submitted = await caseInReach('demo-community-worker', 'submitted');
  ids.returned = await caseInReach('demo-community-worker', 'returned');
  ids.rejected = await caseInReach('demo-district-reviewer', 'rejected');
  ids.eligibilityChecked = await caseInReach('demo-assessor', 'eligibility_checked');
  ids.scheduled = await caseInReach('demo-assessor', 'assessment_scheduled');
  ids.assessed = await caseInReach('demo-assessor', 'assessed');
  ids.followedUp = await caseInReach('demo-assessor', 'followed_up');
  ids.prescribed = await caseInReach('demo-district-reviewer-2', 'prescribed');
  ids.fitting = await caseInReach('demo-supplier', 'fitting');
  ids.appealed = await caseInReach('demo-city-admin', 'appealed');
  ids.withdrawn = await caseInReach('demo-city-admin', 'withdrawn');
}, 60_000);
afterAll(async () => {
  for (const { context } of browsers.values()) await context.close();
  await browser?.close();
  await t?.close();
});

interface PageState {
  readonly path: string;
  readonly name: string;
  readonly status?: number;
  readonly prepare?: (page: Page) => Promise<void>;
}

/** A form's own button: the prescription's "add another product" is a submit button too. */
const commandButton = (form: string) => `${form} button[type="submit"]:not([name="addLine"])`;

/**
 * Sends a form as it is, to see its errors: the title says so, the summary
 * takes focus, and each of its links leads to a control that can take focus.
 */
const submitEmpty = (form: string) => async (page: Page) => {
  await Promise.all([page.waitForLoadState('load'), page.click(commandButton(form))]);
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
  // Each link says which answer it is about: the same words twice would leave a listener guessing.
  const texts = await page.locator('.fj-error-summary a').allTextContents();
  expect(new Set(texts).size, texts.join(' | ')).toBe(texts.length);
};
const commandForm = (command: string) => `form[action$="/commands/${command}"]`;

/** Asks the prescription form for one more line: it comes back longer, without errors, the banner saying so focused. */
const addLine = async (page: Page) => {
  await Promise.all([
    page.waitForLoadState('load'),
    page.click(`${commandForm('prescribe')} button[name="addLine"]`),
  ]);
  await page.waitForSelector('#prescribe-product1');
  expect(await page.locator('.fj-error-summary').count()).toBe(0);
  expect(await isFocused(page, '.fj-notification-banner')).toBe(true);
};
const casePath = (id: string) => `/applications/${id}`;

const personas: { label: string; username: string; pages: () => PageState[] }[] = [
  {
    label: 'resident',
    username: 'demo-resident',
    pages: () => [
      { path: '/my/applications', name: 'my-applications' },
      { path: '/my/applications/new', name: 'apply' },
      {
        path: '/my/applications/new',
        name: 'apply-errors',
        prepare: submitEmpty('main form[method="post"]'),
      },
      { path: casePath(ids.ownOpen), name: 'own-case-scheduled' },
      { path: casePath(ids.ownClosed), name: 'own-case-closed' },
      { path: `${casePath(ids.ownClosed)}/print`, name: 'own-case-print' },
      { path: casePath(ids.otherResidents), name: 'other-residents-case', status: 404 },
    ],
  },
  {
    label: 'community worker',
    username: 'demo-community-worker',
    pages: () => [
      { path: '/cases', name: 'queue' },
      { path: '/cases?status=submitted', name: 'queue-submitted' },
      { path: '/cases?overdue=1', name: 'queue-overdue' },
      { path: '/cases/new', name: 'apply-behalf-choose' },
      { path: `/cases/new?person=${ids.behalfPerson}`, name: 'apply-behalf' },
      {
        path: `/cases/new?person=${ids.behalfPerson}`,
        name: 'apply-behalf-errors',
        prepare: submitEmpty('main form[method="post"]'),
      },
      { path: casePath(ids.submitted), name: 'case-submitted-worker' },
      { path: casePath(ids.returned), name: 'case-returned-worker' },
    ],
  },
  {
    label: 'assessor',
    username: 'demo-assessor',
    pages: () => [
      { path: casePath(ids.eligibilityChecked), name: 'case-eligibility-checked-assessor' },
      {
        path: casePath(ids.eligibilityChecked),
        name: 'schedule-errors',
        prepare: submitEmpty(commandForm('scheduleAssessment')),
      },
      { path: casePath(ids.scheduled), name: 'case-scheduled-assessor' },
      {
        path: casePath(ids.scheduled),
        name: 'assessment-errors',
        prepare: submitEmpty(commandForm('recordAssessment')),
      },
      { path: casePath(ids.assessed), name: 'case-assessed-assessor' },
      {
        path: casePath(ids.assessed),
        name: 'prescribe-errors',
        prepare: submitEmpty(commandForm('prescribe')),
      },
      { path: casePath(ids.assessed), name: 'prescribe-line-added', prepare: addLine },
      { path: casePath(ids.followedUp), name: 'case-followed-up-assessor' },
      {
        path: casePath(ids.followedUp),
        name: 'follow-up-errors',
        prepare: submitEmpty(commandForm('recordFollowUp')),
      },
    ],
  },
  {
    label: 'district reviewer',
    username: 'demo-district-reviewer',
    pages: () => [
      { path: '/cases?status=submitted&overdue=1&sort=newest', name: 'queue-reviewer' },
      { path: casePath(ids.submitted), name: 'case-submitted-reviewer' },
      { path: casePath(ids.rejected), name: 'case-rejected-reviewer' },
      { path: casePath(ids.ownClosed), name: 'case-closed-reviewer' },
    ],
  },
  {
    label: 'district reviewer of another district',
    username: 'demo-district-reviewer-2',
    pages: () => [{ path: casePath(ids.prescribed), name: 'case-prescribed-reviewer' }],
  },
  {
    label: 'supplier',
    username: 'demo-supplier',
    pages: () => [
      { path: '/cases', name: 'queue-supplier' },
      { path: casePath(ids.fitting), name: 'case-fitting-supplier' },
      {
        path: casePath(ids.fitting),
        name: 'delivery-errors',
        prepare: submitEmpty(commandForm('recordDelivery')),
      },
      { path: casePath(ids.ownClosed), name: 'case-closed-supplier' },
    ],
  },
  {
    label: 'city administrator',
    username: 'demo-city-admin',
    pages: () => [
      { path: '/admin/fitting', name: 'budgets' },
      { path: casePath(ids.appealed), name: 'case-appealed-city' },
      { path: casePath(ids.withdrawn), name: 'case-withdrawn-city' },
      { path: `${casePath(ids.appealed)}/print`, name: 'case-appealed-print' },
    ],
  },
];

describe('axe on every fitting page and state', () => {
  for (const persona of personas) {
    it(`${persona.label}: both languages, default and extra-large high-contrast`, async () => {
      // The four settings in their own browsers at once: axe runs in the browser, so this saves minutes.
      const settings = locales.flatMap((locale) => displays.map((display) => ({ locale, display })));
      await Promise.all(
        settings.map(async ({ locale, display }) => {
          const context = await contextIn(browser, base, locale, display.cookie);
          const page = await context.newPage();
          await signInAs(page, base, persona.username);
          for (const state of persona.pages()) {
            const label = `${locale} ${display.name} ${state.name}`;
            const response = await page.goto(`${base}${state.path}`);
            expect(response?.status(), label).toBe(state.status ?? 200);
            await state.prepare?.(page);
            expect(await page.getAttribute('html', 'lang'), label).toBe(locale);
            expect(await page.locator('main h1').count(), `${label} has one h1`).toBe(1);
            await expectNoAxeViolations(page, label);
            if (display.name === 'default' && locale === 'zh-CN')
              await page.screenshot({ path: `${screenshots}/fitting-${state.name}.png`, fullPage: true });
          }
          await context.close();
        }),
      );
    }, 120_000);
  }
});

async function pageOf(username: string): Promise<Page> {
  const known = browsers.get(username);
  if (known) return known.page;
  const context = await contextIn(browser, base, 'zh-CN');
  const page = await context.newPage();
  await signInAs(page, base, username);
  browsers.set(username, { context, page });
  return page;
}
/** Follows a link of the main navigation from wherever signing in led, and checks it marks where one is. */
async function followNavLink(page: Page, href: string) {
  const link = `nav a[href="${href}"]`;
  await reach(page, link);
  await Promise.all([page.waitForURL(`${base}${href}`), page.keyboard.press('Enter')]);
  expect(await page.getAttribute(link, 'aria-current')).toBe('page');
}

/** Skips past the case's summary and sections with the page's own link to its forms. */
async function jumpToCommands(page: Page) {
  await reach(page, 'main a[href="#commands-heading"]');
  await page.keyboard.press('Enter');
}

/** Staff open the case from its address, as from a notice or a colleague's message. */
const openByAddress = async (page: Page) => {
  await page.goto(`${base}${casePath(journey.caseId)}`);
};

/** The resident opens the case from My applications, with the keyboard. */
const openFromMyApplications = async (page: Page) => {
  await followNavLink(page, '/my/applications');
  await reach(page, `main a[href="${casePath(journey.caseId)}"]`);
  await Promise.all([page.waitForURL(`${base}${casePath(journey.caseId)}`), page.keyboard.press('Enter')]);
};

/** Gives a command from the case page with the keyboard, after `fill` has answered its questions. */
async function give(
  page: Page,
  command: string,
  fill: (form: string) => Promise<void> = async () => {},
  open: (page: Page) => Promise<void> = openByAddress,
) {
  await open(page);
  await jumpToCommands(page);
  const form = commandForm(command);
  await fill(form);
  await pressButton(page, commandButton(form), new RegExp(`\\?done=${command}$`));
  // The success banner takes focus, so what happened is read out first.
  expect(await isFocused(page, '.fj-notification-banner')).toBe(true);
  expect(await statusOf()).toBe(statusAfter[command]);
  await expectNoAxeViolations(page, `after ${command}`);
}

const statusAfter: Record<string, string> = {
  confirmEligibility: 'eligibility_checked',
  scheduleAssessment: 'assessment_scheduled',
  recordAssessment: 'assessed',
  prescribe: 'prescribed',
  approve: 'approved',
  startFitting: 'fitting',
  recordDelivery: 'fitting',
  confirmReceipt: 'delivered',
  recordTraining: 'trained',
  recordFollowUp: 'followed_up',
  close: 'closed',
};

const journey = { caseId: '', reference: '', itemCode: '', productId: '' };

const statusOf = async () =>
  (await one<{ status: string }>(sql`select status from fitting_case where id = ${journey.caseId}`)).status;

/** The Beijing day `days` from today, as the forms take a date. */
const dayFromToday = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/**
 * An item of the catalog in force that fits demo-resident (category, grade,
 * age) and that they have no case for yet, with one of the demo supplier's
 * products admitted under it: the supplier then takes the case on.
 */
const itemForResident = () =>
  one<{ code: string; product_id: string }>(
    sql`select i.code, sp.product_id from subsidy_item i
        join policy_catalog c on c.id = i.catalog_id and c.kind = 'subsidy' and c.status = 'in_force'
        join subsidy_item_product sp on sp.item_id = i.id
        join product p on p.id = sp.product_id and p.supplier_id = ${ids.supplierOrg}::uuid
        join person pe on pe.user_id = (select id from app_user where username = 'demo-resident')
        cross join lateral (select extract(year from age(current_date, pe.birth_date)) as years) a
        where pe.disability_category = any(i.eligible_categories)
          and pe.disability_grade = any(i.eligible_grades)
          and (i.age_min is null or i.age_min < a.years) and (i.age_max is null or i.age_max > a.years)
          and not exists (select 1 from fitting_case f where f.person_id = pe.id and f.item_code = i.code)
        order by i.code, sp.product_id limit 1`,
  );

describe('a resident applies online and the case runs to closed, keyboard only', () => {
  it('the resident applies from My applications and lands on the case, with its status and next step', async () => {
    const chosen = await itemForResident();
    journey.itemCode = chosen.code;
    journey.productId = chosen.product_id;
    const page = await pageOf('demo-resident');
    await followNavLink(page, '/my/applications');
    await expectNoAxeViolations(page, 'my applications');
    await reach(page, 'main a[href="/my/applications/new"]');
    await Promise.all([page.waitForURL(/\/my\/applications\/new$/), page.keyboard.press('Enter')]);
    await expectNoAxeViolations(page, 'apply form');

    // First without a reason: the error summary takes focus and leads to the field.
    const form = 'main form[method="post"]';
    await chooseWithArrows(page, '#itemCode', journey.itemCode);
    await reach(page, 'input[name="usePlaces"][value="home"]');
    await page.keyboard.press('Space');
    await chooseRadio(page, form, 'suppliedByOtherScheme', 'no');
    await send(page, form, /\/my\/applications\/new$/);
    await page.waitForSelector('.fj-error-summary');
    expect(await isFocused(page, '.fj-error-summary')).toBe(true);
    expect(await page.title()).toMatch(/^错误：/);
    await expectNoAxeViolations(page, 'apply form with an error');
    await page.keyboard.press('Tab');
    expect(await isFocused(page, '.fj-error-summary a[href="#reason"]')).toBe(true);
    await page.keyboard.press('Enter');
    expect(await isFocused(page, '#reason')).toBe(true);
    expect(await page.getAttribute('#reason', 'aria-describedby')).toContain('reason-error');
    // What was chosen is still chosen.
    expect(await page.inputValue('#itemCode')).toBe(journey.itemCode);
    expect(await page.isChecked('input[name="usePlaces"][value="home"]')).toBe(true);
    await page.keyboard.type('上下楼困难，需要辅具出行（端到端测试）');
    await send(page, form, /\/applications\/[0-9a-f-]{36}\?done=submit$/);

    journey.caseId = /applications\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    journey.reference = (
      await one<{ reference: string }>(sql`select reference from fitting_case where id = ${journey.caseId}`)
    ).reference;
    expect(await statusOf()).toBe('submitted');
    expect(await isFocused(page, '.fj-notification-banner')).toBe(true);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('申请已提交');
    expect(main).toContain(journey.reference);
    expect(main).toContain('已提交，待资格审核');
    expect(main).toContain('社区或区残联将核对您的资格。');
    await expectNoAxeViolations(page, 'case submitted, as the resident');
  });

  it('the community worker opens it from the queue and confirms eligibility', async () => {
    const page = await pageOf('demo-community-worker');
    await followNavLink(page, '/cases');
    await expectNoAxeViolations(page, 'queue');
    await chooseWithArrows(page, '#status', 'submitted');
    await send(page, 'form[action="/cases"]', /status=submitted/);
    await expectNoAxeViolations(page, 'queue of submitted cases');
    await reach(page, `main a[href="${casePath(journey.caseId)}"]`);
    await Promise.all([
      page.waitForURL(new RegExp(`${casePath(journey.caseId)}$`)),
      page.keyboard.press('Enter'),
    ]);
    await expectNoAxeViolations(page, 'case to confirm');
    await give(page, 'confirmEligibility', async (form) => {
      // A condition not met on paper is set aside with a reason; none may be.
      const rules = await page
        .locator(`${form} textarea[name="overrideReason"]`)
        .evaluateAll((els) => els.map((el) => el.id));
      for (const id of rules) await typeInto(page, `#${id}`, '已核实补充材料（端到端测试）');
    });
  });

  it('the assessor arranges and records the assessment, refused once for a measurement out of range, and prescribes', async () => {
    const page = await pageOf('demo-assessor');
    await give(page, 'scheduleAssessment', async (form) => {
      await chooseRadio(page, form, 'mode', 'on_site');
      await typeInto(page, '#scheduleAssessment-scheduledOn', dayFromToday(1));
    });

    await page.goto(`${base}${casePath(journey.caseId)}`);
    await jumpToCommands(page);
    const form = commandForm('recordAssessment');
    await chooseRadio(page, form, 'functionArea', 'mobility');
    await typeInto(page, '#recordAssessment-m_seat_width', '450');
    await typeInto(page, '#recordAssessment-m_seat_depth', '40');
    await typeInto(page, '#recordAssessment-m_lower_leg_length', '41.5');
    await typeInto(page, '#recordAssessment-m_body_weight', '62');
    await typeInto(page, '#recordAssessment-findings', '坐姿平衡良好，建议轻便型辅具（端到端测试）');
    await send(page, form, /\/commands\/recordAssessment$/);
    await page.waitForSelector('.fj-error-summary');
    expect(await isFocused(page, '.fj-error-summary')).toBe(true);
    expect(await page.title()).toMatch(/^错误：/);
    const links = await page
      .locator('.fj-error-summary a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#recordAssessment-m_seat_width']);
    expect(await page.textContent('.fj-error-summary a')).toBe('座宽（厘米）：数值超出合理范围，请核对');
    expect(await page.getAttribute('#recordAssessment-m_seat_width', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#recordAssessment-m_seat_depth')).toBe('40');
    await expectNoAxeViolations(page, 'assessment with a measurement out of range');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await isFocused(page, '#recordAssessment-m_seat_width')).toBe(true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('42');
    await send(page, form, /\?done=recordAssessment$/);
    expect(await statusOf()).toBe('assessed');
    await expectNoAxeViolations(page, 'after recordAssessment');

    await give(page, 'prescribe', async (prescribe) => {
      const product = `${journey.itemCode}:${journey.productId}`;
      await chooseWithArrows(page, '#prescribe-product0', product);
      await reach(page, '#prescribe-quantity0');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('1');
      // "Add another" comes back with one more line: the banner saying so takes focus, the next Tab is the new line.
      await pressButton(page, `${prescribe} button[name="addLine"]`, /\/commands\/prescribe$/);
      expect(await isFocused(page, '.fj-notification-banner')).toBe(true);
      await page.keyboard.press('Tab');
      expect(await isFocused(page, '#prescribe-product1')).toBe(true);
      expect(await page.inputValue('#prescribe-product0')).toBe(product);
      await expectNoAxeViolations(page, 'prescription with a line added');
      // The new line is left on "choose a product": it is not part of the prescription.
    });
    const lines = await t.database.db.query<{ item_code: string; product_id: string; quantity: number }>(
      sql`select item_code, product_id, quantity from prescription_line where case_id = ${journey.caseId}`,
    );
    expect(lines).toEqual([{ item_code: journey.itemCode, product_id: journey.productId, quantity: 1 }]);
  });

  it('the district reviewer approves', async () => {
    await give(await pageOf('demo-district-reviewer'), 'approve');
  });

  it('the supplier starts fitting and records the delivery', async () => {
    const page = await pageOf('demo-supplier');
    await give(page, 'startFitting');
    await give(page, 'recordDelivery', async () => {
      await typeInto(page, '#recordDelivery-serialNumber', 'SN-E2E-20260001');
    });
  });

  it('the resident confirms receipt', async () => {
    await give(await pageOf('demo-resident'), 'confirmReceipt', undefined, openFromMyApplications);
  });

  it('the supplier records the training', async () => {
    const page = await pageOf('demo-supplier');
    await give(page, 'recordTraining', async () => {
      await typeInto(page, '#recordTraining-notes', '已培训日常使用与保养（端到端测试）');
    });
  });

  it('the resident reports the first follow-up themselves; the assessor records the other two', async () => {
    const answer = (page: Page, method: string) => async (form: string) => {
      await chooseRadio(page, form, 'method', method);
      await chooseRadio(page, form, 'inUse', 'yes');
      await chooseRadio(page, form, 'useFrequency', 'daily');
      await chooseRadio(page, form, 'productSatisfaction', '4');
      await chooseRadio(page, form, 'serviceSatisfaction', '5');
      await chooseRadio(page, form, 'repairNeeded', 'no');
    };
    const resident = await pageOf('demo-resident');
    await give(resident, 'recordFollowUp', answer(resident, 'self_report'), openFromMyApplications);
    const assessor = await pageOf('demo-assessor');
    await give(assessor, 'recordFollowUp', answer(assessor, 'phone'));
    await give(assessor, 'recordFollowUp', answer(assessor, 'visit'));
    const done = await t.database.db.query<{ method: string }>(
      sql`select method from follow_up where case_id = ${journey.caseId} order by month`,
    );
    expect(done.map((f) => f.method)).toEqual(['self_report', 'phone', 'visit']);
  });

  it('the district reviewer closes it; the resident sees it closed, with every step in the timeline', async () => {
    await give(await pageOf('demo-district-reviewer'), 'close');
    const page = await pageOf('demo-resident');
    await openFromMyApplications(page);
    expect(await page.locator('main dd strong').first().textContent()).toBe('已办结');
    const steps = await page.locator('main section[aria-labelledby="timeline-heading"] li').allTextContents();
    const commands = [
      '提交申请',
      '确认资格',
      '安排评估',
      '记录评估',
      '出具适配方案',
      '批准',
      '开始适配',
      '记录交付',
      '确认收货',
      '记录使用培训',
      '记录回访',
      '记录回访',
      '记录回访',
      '办结',
    ];
    expect(steps).toHaveLength(commands.length);
    for (const [n, command] of commands.entries()) expect(steps[n]).toContain(`：${command}（`);
    expect(await page.locator('main form[action*="/commands/"]').count()).toBe(0);
    await expectNoAxeViolations(page, 'closed case, as the resident');
  });
});

describe('without JavaScript, on a small screen, on paper, and out of reach', () => {
  it('applies and filters the queue with JavaScript off', async () => {
    const context = await contextIn(browser, base, 'zh-CN', '', { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, base, 'demo-resident-2');
    await page.goto(`${base}/my/applications/new`);
    const item = await page.locator('#itemCode option[value]:not([value=""])').first().getAttribute('value');
    await page.selectOption('#itemCode', item ?? '');
    await page.check('input[name="usePlaces"][value="home"]');
    await page.check('input[name="suppliedByOtherScheme"][value="no"]');
    await page.fill('#reason', '外出需要（无脚本测试）');
    await Promise.all([
      page.waitForURL(/\/applications\/[0-9a-f-]{36}\?done=submit$/),
      page.click('main form[method="post"] button[type="submit"]'),
    ]);
    expect(await page.locator('.fj-notification-banner').count()).toBe(1);
    await context.close();

    const staff = await contextIn(browser, base, 'zh-CN', '', { javaScriptEnabled: false });
    const queue = await staff.newPage();
    await signInAs(queue, base, 'demo-community-worker');
    await queue.goto(`${base}/cases`);
    await queue.selectOption('#status', 'submitted');
    await Promise.all([queue.waitForURL(/status=submitted/), queue.click('form[action="/cases"] button')]);
    const statuses = await queue.locator('#queue tbody tr td:nth-child(6)').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) expect(status.trim()).toBe('已提交，待资格审核');
    await queue.check('#overdue');
    await Promise.all([queue.waitForURL(/overdue=1/), queue.click('form[action="/cases"] button')]);
    expect(queue.url()).toContain('status=submitted');
    expect(await queue.isChecked('#overdue')).toBe(true);
    await staff.close();
  });

  it('has no sideways scrolling at 320 px with extra-large text: the queue, a case and the apply form', async () => {
    const viewport = { width: 320, height: 640 };
    const overflow = (page: Page) =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    for (const [username, paths] of [
      ['demo-resident', ['/my/applications', '/my/applications/new', casePath(ids.ownClosed)]],
      ['demo-community-worker', ['/cases', '/cases?status=submitted', casePath(ids.submitted)]],
      ['demo-assessor', [casePath(ids.scheduled)]],
    ] as const) {
      const context = await contextIn(browser, base, 'zh-CN', 'text=x-large', { viewport });
      const page = await context.newPage();
      await signInAs(page, base, username);
      for (const path of paths) {
        await page.goto(`${base}${path}`);
        expect(await overflow(page), `${username} ${path}`).toBeLessThanOrEqual(0);
      }
      await context.close();
    }
  });

  it('prints the application and receipt on A4 as its content only', async () => {
    // A4 portrait at 96 CSS pixels to the inch; high contrast on screen, black on white on paper.
    const context = await contextIn(browser, base, 'en', 'contrast=high', {
      viewport: { width: 794, height: 1123 },
    });
    const page = await context.newPage();
    await signInAs(page, base, 'demo-resident');
    await page.goto(`${base}${casePath(ids.ownClosed)}/print`);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.fj-nav', '.fj-footer', '.fj-breadcrumbs', '.fj-skip-link', '.fj-header__account'])
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    expect(
      await page
        .locator('form')
        .evaluateAll((forms) => forms.filter((f) => f.getClientRects().length > 0).length),
    ).toBe(0);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(255, 255, 255)',
    );
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)');
    const { reference } = await one<{ reference: string }>(
      sql`select reference from fitting_case where id = ${ids.ownClosed}`,
    );
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain(reference);
    expect(main).toContain('Signature');
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await context.close();
  });

  it("keeps one resident out of another's case and its print (the not-found page)", async () => {
    const page = await pageOf('demo-resident');
    const { reference } = await one<{ reference: string }>(
      sql`select reference from fitting_case where id = ${ids.otherResidents}`,
    );
    for (const path of [casePath(ids.otherResidents), `${casePath(ids.otherResidents)}/print`]) {
      const response = await page.goto(`${base}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await page.textContent('main'), path).not.toContain(reference);
      await expectNoAxeViolations(page, `not found: ${path}`);
    }
  });
});
