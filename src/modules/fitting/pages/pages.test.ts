import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../test/support/app.ts';
import { sql } from '../../../platform/db/index.ts';
import { rebuildTally } from '../caseRepo.ts';
import { csrfOf, h1Count, itemWithProductOf, oneOf, organisationOf, rowsOf } from './testkit.ts';

let t: TestApp;
let resident: Visitor;
let resident2: Visitor;
let worker: Visitor;
let reviewer: Visitor;
let supplier: Visitor;
let cityAdmin: Visitor;
let supplierOrg: string;

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A case of a demo resident's own. */
const caseOf = async (username: string) =>
  (await oneOf<{ id: string; reference: string }>(
    t,
    sql`select c.id, c.reference from fitting_case c join person p on p.id = c.person_id
          join app_user u on u.id = p.user_id where u.username = ${username} order by c.created_at limit 1`,
  )) as { id: string; reference: string };

/** The cases a list page links to. */
const linkedCases = (html: string) =>
  [...html.matchAll(/<a href="\/applications\/([0-9a-f-]{36})">(FJ-\d{4}-\d{6})<\/a>/g)].map((m) => ({
    id: m[1] as string,
    reference: m[2] as string,
  }));

/** A number in the summary list, by its key. */
const summaryValue = (html: string, key: string) =>
  Number(
    new RegExp(
      `<dt class="fj-summary-list__key">${key}</dt><dd class="fj-summary-list__value">(\\d+)</dd>`,
    ).exec(html)?.[1],
  );

/** Someone registered in a district, who consented to fitting. */
const consentingPersonIn = async (district: string) =>
  (
    await oneOf<{ id: string }>(
      t,
      sql`select p.id from person p where p.district_code = ${district} and p.user_id is null
            and exists (select 1 from person_consent c where c.person_id = p.id and c.purpose = 'fitting'
                          and c.withdrawn_at is null)
          order by p.id limit 1`,
    )
  ).id;

beforeAll(async () => {
  t = await testApp();
  [resident, resident2, worker, reviewer, supplier, cityAdmin] = await Promise.all([
    signedInVisitor(t.app, 'demo-resident'),
    signedInVisitor(t.app, 'demo-resident-2'),
    signedInVisitor(t.app, 'demo-community-worker'),
    signedInVisitor(t.app, 'demo-district-reviewer'),
    signedInVisitor(t.app, 'demo-supplier'),
    signedInVisitor(t.app, 'demo-city-admin'),
  ]);
  supplierOrg = await organisationOf(t, 'demo-supplier');
});
afterAll(async () => {
  await t.close();
});

describe('every page, in Chinese and in English', () => {
  it('renders with one h1 and the page’s language', async () => {
    const own = await caseOf('demo-resident');
    const yanta = await oneOf<{ id: string }>(
      t,
      sql`select id from fitting_case where district_code = '610113' order by created_at limit 1`,
    );
    const supplied = await oneOf<{ id: string }>(
      t,
      sql`select id from fitting_case where supplier_organisation_id = ${supplierOrg}::uuid limit 1`,
    );
    const person = await consentingPersonIn('610113');
    const pages: [Visitor, string][] = [
      [resident, '/my/applications'],
      [resident, '/my/applications/new'],
      [resident, `/applications/${own.id}`],
      [resident, `/applications/${own.id}/print`],
      [reviewer, '/cases'],
      [reviewer, '/cases?status=submitted&overdue=1&sort=newest'],
      [reviewer, `/applications/${yanta.id}`],
      [worker, '/cases/new'],
      [worker, `/cases/new?person=${person}`],
      [supplier, '/cases'],
      [supplier, `/applications/${supplied.id}`],
      [cityAdmin, '/admin/fitting'],
      [cityAdmin, `/applications/${yanta.id}/print`],
    ];
    for (const [visitor, url] of pages) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const response = await visitor.get(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(response.statusCode, `${url} ${lang}`).toBe(200);
        expect(h1Count(response.body), `${url} ${lang}`).toBe(1);
        expect(response.body, `${url} ${lang}`).toContain(`<html lang="${lang}"`);
      }
    }
    // Back to Chinese for the tests that read Chinese words.
    for (const visitor of [resident, reviewer, worker, supplier, cityAdmin])
      await visitor.get('/?lang=zh-CN');
  });
});

describe('a resident’s applications', () => {
  it('applies through the form and lands on the new case, which the list shows with a new message', async () => {
    const form = await resident.get('/my/applications/new');
    const chosen = await itemWithProductOf(t, form.body, supplierOrg);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)?.[1] as string;
    const fields: [string, string][] = [
      ['itemCode', chosen.itemCode],
      ['usePlaces', 'home'],
      ['suppliedByOtherScheme', 'no'],
      ['reason', '外出就医需要（页面测试）'],
      ['signedBy', 'person'],
      ['idempotencyKey', key],
      ['_csrf', csrfOf(form.body)],
    ];
    const before = await oneOf<{ n: number }>(t, sql`select count(*)::int as n from fitting_case`);
    const first = await resident.postWithToken('/my/applications/new', fields);
    // The same form sent again (a double click, a retry): the same case, not a second one.
    const again = await resident.postWithToken('/my/applications/new', fields);
    expect(first.statusCode).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    const after = await oneOf<{ n: number }>(t, sql`select count(*)::int as n from fitting_case`);
    expect(after.n).toBe(before.n + 1);
    const landed = await resident.get(first.headers.location as string);
    expect(landed.statusCode).toBe(200);
    expect(landed.body).toContain('申请已提交');
    expect(landed.body).toContain('外出就医需要（页面测试）');
    const reference = /申请 (FJ-\d{4}-\d{6})/.exec(landed.body)?.[1] as string;
    const list = await resident.get('/my/applications');
    expect(list.body).toContain(reference);
    expect(list.body).toMatch(/新消息<\/strong>[^<]*<a href="\/applications\/[0-9a-f-]{36}">/);
    // Shown is read: the next visit has nothing new.
    expect((await resident.get('/my/applications')).body).not.toContain('新消息');
  });

  it('refuses a form with nothing chosen, naming each field, and opens nothing', async () => {
    const form = await resident.get('/my/applications/new');
    const response = await resident.postWithToken('/my/applications/new', [
      ['reason', ''],
      ['signedBy', 'person'],
      ['_csrf', csrfOf(form.body)],
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/<title>错误：/);
    for (const field of ['itemCode', 'usePlaces', 'suppliedByOtherScheme', 'reason'])
      expect(response.body).toContain(`href="#${field}"`);
    // Each message says what to do with its own field.
    expect(response.body).toContain('<a href="#itemCode">请选择辅具项目</a>');
    expect(response.body).toContain('<a href="#reason">请填写理由</a>');
  });

  it('never shows one resident another’s case, its print, or it in their list', async () => {
    const other = await caseOf('demo-resident-2');
    expect((await resident.get(`/applications/${other.id}`)).statusCode).toBe(404);
    expect((await resident.get(`/applications/${other.id}/print`)).statusCode).toBe(404);
    expect((await resident.get('/my/applications')).body).not.toContain(other.reference);
    expect((await resident2.get('/my/applications')).body).toContain(other.reference);
    const denied = await oneOf<{ action: string; outcome: string }>(
      t,
      sql`select action, outcome from audit_event where object_id = ${other.id} order by seq desc limit 1`,
    );
    expect(denied).toEqual({ action: 'case.read', outcome: 'denied' });
  });
});

describe('a community worker applies for someone in their district', () => {
  it('opens a case for a person of the district, and cannot for one of another', async () => {
    const person = await consentingPersonIn('610113');
    const form = await worker.get(`/cases/new?person=${person}`);
    expect(form.statusCode).toBe(200);
    const chosen = await itemWithProductOf(t, form.body, supplierOrg);
    const response = await worker.postWithToken(`/cases/new?person=${person}`, [
      ['itemCode', chosen.itemCode],
      ['usePlaces', 'institution'],
      ['suppliedByOtherScheme', 'no'],
      ['reason', '代为申请（页面测试）'],
      ['signedBy', 'person'],
      ['idempotencyKey', /name="idempotencyKey" value="([^"]+)"/.exec(form.body)?.[1] as string],
      ['_csrf', csrfOf(form.body)],
    ]);
    expect(response.statusCode).toBe(303);
    const id = /\/applications\/([0-9a-f-]{36})/.exec(response.headers.location as string)?.[1] as string;
    const opened = await oneOf<{ person_id: string; district_code: string }>(
      t,
      sql`select person_id, district_code from fitting_case where id = ${id}`,
    );
    expect(opened).toEqual({ person_id: person, district_code: '610113' });
    const elsewhere = await consentingPersonIn('610112');
    expect((await worker.get(`/cases/new?person=${elsewhere}`)).statusCode).toBe(404);
  });
});

describe('the work queue', () => {
  it('shows a district reviewer only their district’s cases, and counts them alike', async () => {
    const page = await reviewer.get('/cases');
    expect(page.statusCode).toBe(200);
    const shown = linkedCases(page.body);
    expect(shown.length).toBeGreaterThan(0);
    const districts = await rowsOf<{ district_code: string }>(
      t,
      sql`select distinct district_code from fitting_case where id = any(${shown.map((c) => c.id)}::uuid[])`,
    );
    expect(districts).toEqual([{ district_code: '610113' }]);
    const counted = await oneOf<{ n: number }>(
      t,
      sql`select count(*)::int as n from fitting_case where district_code = '610113'`,
    );
    expect(summaryValue(page.body, '合计')).toBe(counted.n);
    expect(page.body).toContain(`全部状态（${counted.n}）`);
    const elsewhere = await rowsOf<{ reference: string }>(
      t,
      sql`select reference from fitting_case where district_code <> '610113'`,
    );
    for (const { reference } of elsewhere) expect(page.body).not.toContain(reference);
  });

  it('marks an overdue case in words, and filters to the overdue ones', async () => {
    const late = await oneOf<{ id: string; reference: string }>(
      t,
      sql`update fitting_case set due_on = ${today()}::date - 3
          where id = (select id from fitting_case where district_code = '610113' and status = 'submitted'
                      order by created_at limit 1)
          returning id, reference`,
    );
    // Changed behind the repository's back: the queue's tally is recounted as after a bulk load.
    await t.database.db.transaction((tx) => rebuildTally(tx));
    const overdue = await reviewer.get('/cases?overdue=1');
    const rows = overdue.body.split('<tr class="fj-table__row">').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('已逾期');
    expect(overdue.body).toContain(late.reference);
    const counted = await oneOf<{ n: number }>(
      t,
      sql`select count(*)::int as n from fitting_case where district_code = '610113' and due_on < ${today()}::date`,
    );
    expect(summaryValue(overdue.body, '已逾期')).toBe(counted.n);
    const submitted = await reviewer.get('/cases?status=submitted&sort=reference');
    const ids = linkedCases(submitted.body).map((c) => c.id);
    const statuses = await rowsOf<{ status: string }>(
      t,
      sql`select distinct status from fitting_case where id = any(${ids}::uuid[])`,
    );
    expect(statuses).toEqual([{ status: 'submitted' }]);
  });

  it('shows a supplier only the cases prescribing its products, and no other case', async () => {
    const page = await supplier.get('/cases');
    const shown = linkedCases(page.body);
    expect(shown.length).toBeGreaterThan(0);
    const suppliers = await rowsOf<{ supplier_organisation_id: string | null }>(
      t,
      sql`select distinct supplier_organisation_id from fitting_case where id = any(${shown.map((c) => c.id)}::uuid[])`,
    );
    expect(suppliers).toEqual([{ supplier_organisation_id: supplierOrg }]);
    const unprescribed = await oneOf<{ id: string }>(
      t,
      sql`select id from fitting_case where supplier_organisation_id is null limit 1`,
    );
    expect((await supplier.get(`/applications/${unprescribed.id}`)).statusCode).toBe(404);
    expect((await supplier.get(`/applications/${unprescribed.id}/print`)).statusCode).toBe(404);
  });

  it('sends a resident to their own applications, and writes one audit row per page shown', async () => {
    expect((await resident.get('/cases')).headers.location).toBe('/my/applications');
    const [before] = await rowsOf<{ seq: number }>(t, sql`select max(seq)::int as seq from audit_event`);
    await reviewer.get('/cases?page=1');
    const rows = await rowsOf<{ action: string }>(
      t,
      sql`select action from audit_event where seq > ${before?.seq ?? 0} order by seq`,
    );
    expect(rows).toEqual([{ action: 'case.list' }]);
  });
});
