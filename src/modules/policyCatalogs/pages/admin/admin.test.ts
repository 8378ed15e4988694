import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, Visitor } from '../../../../../test/support/app.ts';
import { sql } from '../../../../platform/db/index.ts';
import { productSummaries } from '../../../catalog/index.ts';
import { declare, object, score } from '../../admissionsService.ts';
import { readSettings, subsidyItems } from '../../catalogsRepo.ts';
import type { CommandContext } from '../../catalogsService.ts';
import { addDays, beijingDay } from '../../domain/policyYear.ts';
import { readSubsidyItemsXlsx, writeSubsidyItemsXlsx } from '../../spreadsheet/index.ts';
import { asList } from './admissionPage.tsx';
import { checkedDraft } from './catalogs.tsx';
import { policyAdminMessages } from './messages.ts';
import { checkedSettings } from './settings.tsx';

let t: TestApp;
let admin: Visitor;
let supplier: Visitor;
let assessor: Visitor;
let anonymous: Visitor;
let dataDir: string;

const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};
const count = async (query: ReturnType<typeof sql>) => Number((await one<{ n: string | number }>(query)).n);
const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;
const lastAudit = (action: string) =>
  one<{ action: string; outcome: string; object_id: string | null; detail: Record<string, unknown> }>(
    sql`select action, outcome, object_id, detail from audit_event where action = ${action} order by seq desc limit 1`,
  );
const catalogId = async (kind: string, year: number) =>
  (await one<{ id: string }>(sql`select id from policy_catalog where kind = ${kind} and year = ${year}`)).id;
const userId = async (username: string) =>
  (await one<{ id: string }>(sql`select id from app_user where username = ${username}`)).id;

/** The cells of a table's body rows, tags removed. */
const tableRows = (html: string, id: string): string[][] => {
  const table = html.slice(html.indexOf('<tbody', html.indexOf(`id="${id}"`)));
  const body = table.slice(0, table.indexOf('</tbody>'));
  return [...body.matchAll(/<tr class="fj-table__row">(.*?)<\/tr>/gs)].map((m) =>
    [...(m[1] ?? '').matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) =>
      (c[1] ?? '').replace(/<[^>]+>/g, ''),
    ),
  );
};

/** The items of a catalog as a workbook, the way an administrator downloads them. */
async function workbookOf(id: string, change?: (items: Awaited<ReturnType<typeof subsidyItems>>) => void) {
  const items = await subsidyItems(t.database.db, id);
  change?.(items);
  const summaries = await productSummaries(
    t.database.db,
    items.flatMap((i) => i.products.map((p) => p.productId)),
  );
  return writeSubsidyItemsXlsx(items, new Map([...summaries].map(([pid, p]) => [pid, p.model])));
}

beforeAll(async () => {
  // Uploads are kept under the data directory while they are read: a temporary one for this file.
  dataDir = await mkdtemp(join(tmpdir(), 'fuju-policy-uploads-'));
  t = await testApp({ env: { FUJU_DATA_DIR: dataDir } });
  [admin, supplier, assessor] = await Promise.all([
    signedInVisitor(t.app, 'demo-city-admin'),
    signedInVisitor(t.app, 'demo-supplier'),
    signedInVisitor(t.app, 'demo-assessor'),
  ]);
  anonymous = new Visitor(t.app);
});
afterAll(async () => {
  await t.close();
  // Every upload was deleted after use: only the empty folder is left.
  expect(await readdir(join(dataDir, 'imports'))).toEqual([]);
  await rm(dataDir, { recursive: true, force: true });
});

describe('form checks', () => {
  const zh = policyAdminMessages.for('zh-CN');

  it('accepts a draft for a year from 2000 to 2100 with both titles', () => {
    const good = { kind: 'subsidy', year: ' 2027 ', titleZh: '标题', titleEn: 'Title' };
    expect(checkedDraft(zh, good).draft).toEqual({
      kind: 'subsidy',
      year: 2027,
      titleZh: '标题',
      titleEn: 'Title',
    });
    expect(Object.keys(checkedDraft(zh, { ...good, year: '1999' }).errors)).toEqual(['year']);
    expect(Object.keys(checkedDraft(zh, { ...good, year: '2101' }).errors)).toEqual(['year']);
    expect(Object.keys(checkedDraft(zh, { ...good, year: '2027.5' }).errors)).toEqual(['year']);
    expect(Object.keys(checkedDraft(zh, { year: '', titleZh: '', titleEn: '' }).errors)).toEqual([
      'kind',
      'year',
      'titleZh',
      'titleEn',
    ]);
  });

  it('wants the four weights to add up to 100', () => {
    const good = {
      yearStartMonth: '10',
      yearStartDay: '1',
      noticeDays: '7',
      panelSize: '3',
      weightMaturity: '25',
      weightSafety: '30',
      weightCost: '25',
      weightFeedback: '20',
    };
    expect(checkedSettings(zh, good).settings?.weights).toEqual({
      maturity: 25,
      safety: 30,
      cost: 25,
      feedback: 20,
    });
    expect(checkedSettings(zh, { ...good, weightFeedback: '10' }).errors).toEqual({
      weightMaturity: zh('err_weightsSum', { sum: 90 }),
    });
    expect(Object.keys(checkedSettings(zh, { ...good, yearStartDay: '29', panelSize: '0' }).errors)).toEqual([
      'yearStartDay',
      'panelSize',
    ]);
  });

  it('reads one ticked checkbox as a list of one', () => {
    expect(asList('a')).toEqual(['a']);
    expect(asList(['a', 'b'])).toEqual(['a', 'b']);
    expect(asList(undefined)).toEqual([]);
  });
});

describe('every page, in both languages, to the city administrator only', () => {
  const pages = async () => {
    const applied = await one<{ id: string }>(sql`select id from admission where status = 'applied'`);
    return [
      '/admin/policy-catalogs',
      `/admin/policy-catalogs/${await catalogId('subsidy', 2026)}`,
      `/admin/policy-catalogs/${await catalogId('rehab', 2026)}`,
      '/admin/policy-catalogs/settings',
      '/admin/admissions',
      `/admin/admissions/${applied.id}`,
    ];
  };

  it('shows each page in Chinese and in English, with one h1 and breadcrumbs', async () => {
    for (const url of await pages()) {
      const zh = await admin.get(`${url}?lang=zh-CN`);
      expect(zh.statusCode, url).toBe(200);
      expect(zh.body, url).toContain('<html lang="zh-CN"');
      expect(h1Count(zh.body), url).toBe(1);
      expect(zh.body, url).toContain('class="fj-breadcrumbs"');
      const en = await admin.get(`${url}?lang=en`);
      expect(en.statusCode, url).toBe(200);
      expect(en.body, url).toContain('<html lang="en"');
      expect(h1Count(en.body), url).toBe(1);
    }
    await admin.get('/admin/policy-catalogs?lang=zh-CN');
  });

  it('lists both kinds of catalog with links to settings and to the admissions waiting', async () => {
    const page = await admin.get('/admin/policy-catalogs');
    expect(page.body).toContain('href="/admin/policy-catalogs/settings"');
    expect(page.body).toContain('href="/admin/admissions"');
    // The demo has one admission in each of applied, under review and under notice.
    expect(page.body).toContain('3 项申请正在办理');
    expect(tableRows(page.body, 'versions-subsidy').map((r) => [r[0], r[2]])).toEqual([
      ['2026', '执行中'],
      ['2025', '已废止'],
    ]);
    expect(tableRows(page.body, 'versions-rehab')).toHaveLength(2);
    // The new-draft form offers the policy year after today's (which starts on 1 October).
    const today = beijingDay(new Date());
    const running = Number(today.slice(0, 4)) - (today.slice(5) < '10-01' ? 1 : 0);
    expect(page.body).toMatch(
      new RegExp(`id="year"[^>]*value="${running + 1}"|value="${running + 1}"[^>]*id="year"`),
    );
  });

  it('shows a version with its items and the public spreadsheet', async () => {
    const id = await catalogId('subsidy', 2026);
    const items = await count(sql`select count(*) as n from subsidy_item where catalog_id = ${id}`);
    const page = await admin.get(`/admin/policy-catalogs/${id}`);
    expect(page.body).toContain('href="/subsidy-catalogs/2026/export.xlsx"');
    expect(tableRows(page.body, 'items')).toHaveLength(items);
    // In force: no status command and no import form.
    expect(page.body).not.toContain('/status"');
    expect(page.body).not.toContain('enctype="multipart/form-data"');
    const rehab = await admin.get(`/admin/policy-catalogs/${await catalogId('rehab', 2026)}?lang=en`);
    expect(rehab.body).toContain('Who it is for');
    expect(rehab.body).toContain('href="/rehab-service-catalogs/2026/export.xlsx"');
    await admin.get('/admin/policy-catalogs?lang=zh-CN');
  });

  it('lists admissions with a status filter and a way to apply on the city’s behalf', async () => {
    const all = await admin.get('/admin/admissions');
    expect(all.body).toContain('href="/admin/admissions/new"');
    expect(tableRows(all.body, 'admissions')).toHaveLength(3);
    const notice = await admin.get('/admin/admissions?status=notice');
    const rows = tableRows(notice.body, 'admissions');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[3]).toBe('公示中');
    expect(rows[0]?.[0]).toContain('型号');
    // An unknown status is ignored: everything is shown.
    expect(tableRows((await admin.get('/admin/admissions?status=nonsense')).body, 'admissions')).toHaveLength(
      3,
    );
  });

  it('shows an application under review with the undeclared reviewer and links to the product and item', async () => {
    const { id } = await one<{ id: string }>(sql`select id from admission where status = 'under_review'`);
    const page = await admin.get(`/admin/admissions/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/href="\/products\/[0-9a-f-]{36}"/);
    expect(page.body).toMatch(/href="\/subsidy-catalogs\/2026\/items\/\d+"/);
    expect(page.body).toContain('rel="noopener noreferrer"');
    const panel = tableRows(page.body, 'panel');
    expect(panel).toHaveLength(3);
    expect(panel.map((r) => r[1])).toContain('尚未声明');
    expect(page.body).toContain('还不能');
  });

  it('refuses a supplier and an assessor (403) and sends an anonymous visitor to sign in', async () => {
    for (const url of await pages()) {
      expect((await supplier.get(url)).statusCode, url).toBe(403);
      expect((await assessor.get(url)).statusCode, url).toBe(403);
      const refused = await anonymous.get(url);
      expect(refused.statusCode, url).toBe(303);
      expect(refused.headers.location, url).toBe(`/login?returnTo=${encodeURIComponent(url)}`);
    }
    const forged = await supplier.post('/account', '/admin/policy-catalogs', {
      kind: 'subsidy',
      year: '2099',
      titleZh: '伪造',
      titleEn: 'Forged',
    });
    expect(forged.statusCode).toBe(403);
    expect(await count(sql`select count(*) as n from policy_catalog where year = 2099`)).toBe(0);
  });

  it('answers 404 for an unknown version or application', async () => {
    expect((await admin.get(`/admin/policy-catalogs/${randomUUID()}`)).statusCode).toBe(404);
    expect((await admin.get(`/admin/admissions/${randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('a new policy year: draft, spreadsheet, notice and entry into force', () => {
  let draftId: string;
  const newDraft = (fields: Record<string, string>) =>
    admin.post('/admin/policy-catalogs', '/admin/policy-catalogs', fields);

  it('refuses a year outside 2000-2100, keeping what was typed', async () => {
    const refused = await newDraft({ kind: 'subsidy', year: '1999', titleZh: '旧目录', titleEn: 'Old' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#year"');
    expect(refused.body).toContain('value="旧目录"');
    expect(refused.body).toContain('<title>错误：');
    expect(await count(sql`select count(*) as n from policy_catalog where year = 1999`)).toBe(0);
  });

  it('creates a draft for 2027 with the items of 2026, and refuses a second one', async () => {
    const created = await newDraft({
      kind: 'subsidy',
      year: '2027',
      titleZh: '2027年度补贴目录',
      titleEn: 'Subsidy catalog 2027',
    });
    expect(created.statusCode).toBe(303);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/admin\/policy-catalogs\/[0-9a-f-]{36}\?done=draftCreated$/);
    draftId = await catalogId('subsidy', 2027);
    expect(location).toContain(draftId);
    const previous = await catalogId('subsidy', 2026);
    const itemCount = (id: string) =>
      count(sql`select count(*) as n from subsidy_item where catalog_id = ${id}`);
    expect(await itemCount(draftId)).toBe(await itemCount(previous));
    expect(await itemCount(draftId)).toBeGreaterThan(0);
    expect(await lastAudit('policy_catalog.create')).toMatchObject({
      outcome: 'success',
      object_id: draftId,
    });
    const page = await admin.get(location);
    expect(page.body).toContain('已新建草稿');
    expect(page.body).toContain(`href="/admin/policy-catalogs/${draftId}/export.xlsx"`);
    expect(page.body).toContain('enctype="multipart/form-data"');
    const again = await newDraft({ kind: 'subsidy', year: '2027', titleZh: '重复', titleEn: 'Again' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('已经有 2027 年度的版本');
  });

  it('gives a draft’s items as a spreadsheet the reader takes back', async () => {
    const response = await admin.get(`/admin/policy-catalogs/${draftId}/export.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const read = await readSubsidyItemsXlsx(response.rawPayload);
    expect(read.problems).toEqual([]);
    expect(read.items).toHaveLength(
      await count(sql`select count(*) as n from subsidy_item where catalog_id = ${draftId}`),
    );
  });

  it('imports a changed spreadsheet, keeping the products admitted under the items', async () => {
    const [first] = await subsidyItems(t.database.db, draftId);
    if (first === undefined) throw new Error('no item');
    const linksBefore = await count(
      sql`select count(*) as n from subsidy_item_product sp join subsidy_item i on i.id = sp.item_id where i.catalog_id = ${draftId}`,
    );
    const file = await workbookOf(draftId, (items) => {
      items[0] = {
        ...first,
        maxSubsidyFen: first.maxSubsidyFen + 1000,
        productPartFen: first.productPartFen + 1000,
      };
    });
    const url = `/admin/policy-catalogs/${draftId}`;
    const response = await admin.upload(url, `${url}/items`, { name: 'items.xlsx', content: file });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${url}?done=itemsImported`);
    const stored = await one<{ max_subsidy_fen: string | number }>(
      sql`select max_subsidy_fen from subsidy_item where catalog_id = ${draftId} and code = ${first.code}`,
    );
    expect(Number(stored.max_subsidy_fen)).toBe(first.maxSubsidyFen + 1000);
    const linksAfter = await count(
      sql`select count(*) as n from subsidy_item_product sp join subsidy_item i on i.id = sp.item_id where i.catalog_id = ${draftId}`,
    );
    expect(linksAfter).toBe(linksBefore);
    expect(await lastAudit('policy_catalog.items')).toMatchObject({ object_id: draftId });
  });

  it('keeps an item an application names: a file without it is refused, a file with it keeps the same item', async () => {
    const [first, second] = await subsidyItems(t.database.db, draftId);
    if (first === undefined || second === undefined) throw new Error('fewer than two items');
    const [product] = await t.database.db.query<{ id: string; supplier_id: string }>(
      sql`select id, supplier_id from product where status = 'published' limit 1`,
    );
    if (product === undefined) throw new Error('no product');
    const itemId = (
      await one<{ id: string }>(
        sql`select id from subsidy_item where catalog_id = ${draftId} and code = ${second.code}`,
      )
    ).id;
    await t.database.db.query(
      sql`insert into admission (item_id, product_id, applicant_organisation_id, status, price_fen, evidence)
          values (${itemId}, ${product.id}, ${product.supplier_id}, 'withdrawn', 100,
            '{"registrationNumber":"","testReports":[],"trialParticipants":0,"trialSummary":"-"}'::jsonb)`,
    );
    const url = `/admin/policy-catalogs/${draftId}`;
    const without = await workbookOf(draftId, (items) => {
      items.splice(1, 1);
    });
    const refused = await admin.upload(url, `${url}/items`, { name: 'items.xlsx', content: without });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(second.code);
    expect(
      await count(sql`select count(*) as n from subsidy_item where catalog_id = ${draftId}`),
    ).toBeGreaterThan(1);
    const kept = await admin.upload(url, `${url}/items`, {
      name: 'items.xlsx',
      content: await workbookOf(draftId),
    });
    expect(kept.statusCode).toBe(303);
    const after = await one<{ id: string }>(
      sql`select id from subsidy_item where catalog_id = ${draftId} and code = ${second.code}`,
    );
    expect(after.id).toBe(itemId);
  });

  it('refuses a spreadsheet with a fractional amount, showing its row, and changes nothing', async () => {
    const items = await subsidyItems(t.database.db, draftId);
    const second = items[1];
    if (second === undefined) throw new Error('fewer than two items');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await workbookOf(draftId)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    if (sheet === undefined) throw new Error('no sheet');
    let row = 0;
    sheet.eachRow((r, n) => {
      if (String(r.getCell(1).value) === second.code) row = n;
    });
    let amountColumn = 0;
    sheet.getRow(1).eachCell((cell, n) => {
      if (String(cell.value).includes('最高补贴')) amountColumn = n;
    });
    expect(row).toBeGreaterThan(1);
    sheet.getRow(row).getCell(amountColumn).value = 1234.5;
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const url = `/admin/policy-catalogs/${draftId}`;
    const response = await admin.upload(url, `${url}/items`, { name: 'items.xlsx', content: file });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('没有导入任何条目');
    const problems = tableRows(response.body, 'import-problems');
    expect(problems.map((p) => p[0])).toContain(String(row));
    const stored = await one<{ max_subsidy_fen: string | number }>(
      sql`select max_subsidy_fen from subsidy_item where catalog_id = ${draftId} and code = ${second.code}`,
    );
    expect(Number(stored.max_subsidy_fen)).toBe(second.maxSubsidyFen);
  });

  it('refuses a missing file and a file that is not an xlsx workbook', async () => {
    const url = `/admin/policy-catalogs/${draftId}`;
    const csv = await admin.upload(url, `${url}/items`, {
      name: 'items.csv',
      content: Buffer.from('code,name\r\n123456,x\r\n'),
    });
    expect(csv.statusCode).toBe(400);
    expect(csv.body).toContain('href="#file"');
    expect(csv.body).toContain('只能上传 Excel 表格');
    const none = await admin.upload(url, `${url}/items`, { name: '', content: Buffer.alloc(0) });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请选择要上传的表格');
  });

  it('starts the notice, then puts 2027 in force and supersedes 2026', async () => {
    const url = `/admin/policy-catalogs/${draftId}`;
    const status = (command: string) => admin.post(url, `${url}/status`, { command });
    const notice = await status('startNotice');
    expect(notice.statusCode).toBe(303);
    expect(notice.headers.location).toBe(`${url}?done=startNotice`);
    const page = await admin.get(url);
    expect(page.body).toContain('取代正在执行的');
    expect(page.body).toContain('（2026 年度）');
    expect(page.body).toContain('href="/subsidy-catalogs/2027/export.xlsx"');
    expect(page.body).not.toContain('enctype="multipart/form-data"');
    expect((await status('putInForce')).statusCode).toBe(303);
    const statuses = await t.database.db.query<{ year: number; status: string }>(
      sql`select year, status from policy_catalog where kind = 'subsidy' order by year`,
    );
    expect(statuses.map((r) => [Number(r.year), r.status])).toEqual([
      [2025, 'superseded'],
      [2026, 'superseded'],
      [2027, 'in_force'],
    ]);
    expect(await lastAudit('policy_catalog.put_in_force')).toMatchObject({ object_id: draftId });
  });

  it('answers 409 with the page for a command the status does not allow', async () => {
    const url = `/admin/policy-catalogs/${draftId}`;
    const token = await admin.csrfToken('/admin/policy-catalogs');
    const refused = await admin.postWithToken(`${url}/status`, { command: 'reopen', _csrf: token });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('目前的状态下不能这样做');
    expect(
      (await one<{ status: string }>(sql`select status from policy_catalog where id = ${draftId}`)).status,
    ).toBe('in_force');
  });
});

describe('settings', () => {
  const form = {
    yearStartMonth: '10',
    yearStartDay: '1',
    noticeDays: '10',
    panelSize: '3',
    weightMaturity: '25',
    weightSafety: '30',
    weightCost: '25',
    weightFeedback: '20',
  };
  const url = '/admin/policy-catalogs/settings';

  it('refuses weights that add up to 90, keeping what was typed', async () => {
    const refused = await admin.post(url, url, { ...form, weightFeedback: '10' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#weightMaturity"');
    expect(refused.body).toContain('合计为 90');
    expect(refused.body).toMatch(/id="weightFeedback"[^>]*value="10"|value="10"[^>]*id="weightFeedback"/);
    expect((await readSettings(t.database.db)).noticeDays).toBe(7);
  });

  it('refuses a day past the 28th and a panel of nobody', async () => {
    const refused = await admin.post(url, url, { ...form, yearStartDay: '31', panelSize: '0' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#yearStartDay"');
    expect(refused.body).toContain('href="#panelSize"');
  });

  it('saves good settings with an audit row', async () => {
    const saved = await admin.post(url, url, form);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${url}?done=settingsSaved`);
    expect((await readSettings(t.database.db)).noticeDays).toBe(10);
    expect(await lastAudit('policy_catalog.settings')).toMatchObject({
      outcome: 'success',
      detail: expect.objectContaining({ noticeDays: 10, panelSize: 3 }),
    });
    expect((await admin.get(String(saved.headers.location))).body).toContain('已保存设置');
  });
});

describe('an admission from application to an upheld objection', () => {
  let id: string;
  let url: string;
  const reviewers: Record<string, string> = {};
  const reviewerContext = (username: string): CommandContext => ({
    actor: { userId: reviewers[username] ?? null, label: username, organisationId: null },
    sourceAddress: null,
  });
  const statusOf = async () =>
    (await one<{ status: string }>(sql`select status from admission where id = ${id}`)).status;

  beforeAll(async () => {
    id = (await one<{ id: string }>(sql`select id from admission where status = 'applied'`)).id;
    url = `/admin/admissions/${id}`;
    for (const username of ['demo-assessor', 'demo-researcher', 'demo-department', 'demo-district-reviewer'])
      reviewers[username] = await userId(username);
  });

  it('offers the panel candidates and refuses an empty choice', async () => {
    const page = await admin.get(url);
    for (const reviewer of Object.values(reviewers)) expect(page.body).toContain(`value="${reviewer}"`);
    const empty = await admin.post(url, `${url}/panel`, []);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#reviewers"');
    expect(await statusOf()).toBe('applied');
  });

  it('assigns a panel one reviewer or several at a time, and takes off one who has not scored', async () => {
    const single = await admin.post(url, `${url}/panel`, [['reviewers', reviewers['demo-assessor'] ?? '']]);
    expect(single.statusCode).toBe(303);
    expect(single.headers.location).toBe(`${url}?done=panelAssigned`);
    expect(await statusOf()).toBe('under_review');
    const several = await admin.post(url, `${url}/panel`, [
      ['reviewers', reviewers['demo-researcher'] ?? ''],
      ['reviewers', reviewers['demo-department'] ?? ''],
      ['reviewers', reviewers['demo-district-reviewer'] ?? ''],
    ]);
    expect(several.statusCode).toBe(303);
    expect(await count(sql`select count(*) as n from admission_reviewer where admission_id = ${id}`)).toBe(4);
    expect(await lastAudit('admission.assign_panel')).toMatchObject({ object_id: id });
    const removed = await admin.post(url, `${url}/panel/remove`, {
      reviewerId: reviewers['demo-district-reviewer'] ?? '',
    });
    expect(removed.statusCode).toBe(303);
    expect(await count(sql`select count(*) as n from admission_reviewer where admission_id = ${id}`)).toBe(3);
    const weights = await one<{ weights: unknown }>(sql`select weights from admission where id = ${id}`);
    expect(weights.weights).not.toBeNull();
  });

  it('refuses a decision before the panel has scored', async () => {
    const early = await admin.post(url, `${url}/decision`, { outcome: 'notice', reason: '证据充分' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('href="#outcome"');
    expect(early.body).toContain('评审组还没有完成评审');
    expect(early.body).toContain('证据充分');
    expect(await statusOf()).toBe('under_review');
    const noReason = await admin.post(url, `${url}/decision`, { outcome: 'notice', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#decisionReason"');
  });

  it('shows each member’s scores and the weighted mean once they have scored', async () => {
    const scores = { maturity: 80, safety: 90, cost: 70, feedback: 60 };
    for (const username of ['demo-assessor', 'demo-researcher', 'demo-department']) {
      const reviewer = reviewers[username] ?? '';
      await declare(t.database.db, reviewerContext(username), id, reviewer, {
        hasConflict: false,
        statement: '',
      });
      await score(t.database.db, reviewerContext(username), id, reviewer, scores, '证据完整');
    }
    const page = await admin.get(url);
    const panel = tableRows(page.body, 'panel');
    expect(panel).toHaveLength(3);
    // 80×25 + 90×30 + 70×25 + 60×20 = 7650 → 76.5 points.
    expect(panel.map((r) => r[6])).toEqual(['76.5分', '76.5分', '76.5分']);
    expect(panel.map((r) => r[1])).toEqual(['无利益冲突', '无利益冲突', '无利益冲突']);
    expect(page.body).toContain('可以：全部无利益冲突的评审员都已评分');
  });

  it('decides to admit, starting a notice of the configured days', async () => {
    const decided = await admin.post(url, `${url}/decision`, {
      outcome: 'notice',
      reason: '技术成熟，建议纳入。',
    });
    expect(decided.statusCode).toBe(303);
    expect(decided.headers.location).toBe(`${url}?done=decidedNotice`);
    const { noticeDays } = await readSettings(t.database.db);
    const today = beijingDay(new Date());
    const row = await one<{ status: string; notice_starts_on: string; notice_ends_on: string }>(
      sql`select status, notice_starts_on::text as notice_starts_on, notice_ends_on::text as notice_ends_on
          from admission where id = ${id}`,
    );
    expect(row).toEqual({
      status: 'notice',
      notice_starts_on: today,
      notice_ends_on: addDays(today, noticeDays - 1),
    });
  });

  it('will not conclude a notice that is still running', async () => {
    const early = await admin.post(url, `${url}/conclude`, {});
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('href="#conclude"');
    expect(early.body).toContain('现在还不能办结');
    expect(await statusOf()).toBe('notice');
  });

  it('opens an objector’s name and contact for the administrator only, with an audit row', async () => {
    const name = '异议测试人甲';
    const contact = 'objector-test@example.org';
    await object(t.database.db, t.keyring, reviewerContext('anonymous'), id, {
      name,
      contact,
      grounds: '该产品在本市试用时出现故障。',
      today: beijingDay(new Date()),
    });
    const stored = await one<{ objector_sealed: string }>(
      sql`select objector_sealed from admission_objection where admission_id = ${id}`,
    );
    expect(stored.objector_sealed).not.toContain(name);
    const page = await admin.get(url);
    expect(page.body).toContain(name);
    expect(page.body).toContain(contact);
    expect(page.body).toContain('该产品在本市试用时出现故障');
    const read = await lastAudit('admission.objector.read');
    expect(read).toMatchObject({ outcome: 'success', object_id: id, detail: { count: 1 } });
    expect(JSON.stringify(read.detail)).not.toContain(name);
    expect(t.logs()).not.toContain(name);
    expect(t.logs()).not.toContain(contact);
  });

  it('upholds the objection, which ends the admission', async () => {
    const { id: objectionId } = await one<{ id: string }>(
      sql`select id from admission_objection where admission_id = ${id}`,
    );
    const action = `${url}/objections/${objectionId}`;
    const unchosen = await admin.post(url, action, { reason: '核实属实' });
    expect(unchosen.statusCode).toBe(400);
    expect(unchosen.body).toContain(`href="#ruling-${objectionId}"`);
    const upheld = await admin.post(url, action, { ruling: 'upheld', reason: '经核实，故障属实。' });
    expect(upheld.statusCode).toBe(303);
    expect(upheld.headers.location).toBe(`${url}?done=objectionUpheld`);
    expect(await statusOf()).toBe('objection_upheld');
    expect(
      (await one<{ status: string }>(sql`select status from admission_objection where id = ${objectionId}`))
        .status,
    ).toBe('upheld');
    const page = await admin.get(`${url}?done=objectionUpheld`);
    expect(page.body).toContain('异议成立，该产品不纳入目录');
    expect(page.body).toContain('经核实，故障属实');
    // Nothing more can be done to a concluded admission.
    expect(page.body).not.toContain(`action="${url}/decision"`);
    expect(page.body).not.toContain(`action="${url}/conclude"`);
  });
});
