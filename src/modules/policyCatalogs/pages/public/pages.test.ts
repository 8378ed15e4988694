import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, Visitor } from '../../../../../test/support/app.ts';
import { sql } from '../../../../platform/db/index.ts';
import { formatYuan } from '../../../../platform/i18n/index.ts';
import { findCatalog, findSubsidyItem } from '../../catalogsRepo.ts';
import { createDraft } from '../../catalogsService.ts';
import { applicantGroups, subsidyFor } from '../../domain/items.ts';
import { addDays, beijingDay } from '../../domain/policyYear.ts';

let t: TestApp;
/** The demo admission under public notice. */
let noticeId: string;
/** A demo item of 2026 with admitted products. */
let itemCode: string;

const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};

const get = (url: string) => t.app.inject({ method: 'GET', url });
const count = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].length;
const today = () => beijingDay(new Date());

/** Sets the demo notice's period relative to today (the template may have been built days ago). */
async function noticeRunsFrom(startOffset: number, endOffset: number): Promise<void> {
  await t.database.db.query(
    sql`update admission set notice_starts_on = ${addDays(today(), startOffset)}::date,
          notice_ends_on = ${addDays(today(), endOffset)}::date
        where id = ${noticeId}`,
  );
}

beforeAll(async () => {
  t = await testApp();
  noticeId = (await one<{ id: string }>(sql`select id from admission where status = 'notice'`)).id;
  await noticeRunsFrom(-2, 4);
  itemCode = (
    await one<{ code: string }>(
      sql`select i.code from subsidy_item i join policy_catalog c on c.id = i.catalog_id
          where c.kind = 'subsidy' and c.year = 2026
            and exists (select 1 from subsidy_item_product p where p.item_id = i.id)
          order by i.position limit 1`,
    )
  ).code;
});

afterAll(async () => {
  await t.close();
});

function expectPage(html: string): void {
  expect(count(html, /<h1\b/g)).toBe(1);
  expect(html).toContain('class="fj-breadcrumbs"');
}

describe('every public page, in Chinese and English', () => {
  const pages = (): [string, string, string][] => [
    ['/subsidy-catalogs', '比较两个年度', 'Compare two years'],
    ['/rehab-service-catalogs', '基本康复服务项目目录', 'Basic rehabilitation services catalog'],
    ['/subsidy-catalogs/2026', '适用的残疾类别', 'Disability category'],
    ['/rehab-service-catalogs/2026', '各项目的服务内容', 'What each item provides'],
    [`/subsidy-catalogs/2026/items/${itemCode}`, '谁可以申请', 'Who is eligible'],
    ['/subsidy-catalogs/diff?from=2025&to=2026', '2025年度与2026年度比较', 'Changes from 2025 to 2026'],
    ['/rehab-service-catalogs/diff?from=2025&to=2026', '有变化的项目', 'Changed items'],
    ['/subsidy-catalogs/2026/print', '全部项目', 'All items'],
    ['/rehab-service-catalogs/2026/print', '服务频次', 'How often'],
    ['/notices', '正在公示', 'Under notice now'],
    [`/notices/${noticeId}`, '如何提出异议', 'How to object'],
  ];

  it('answers 200 with one h1 and breadcrumbs in zh-CN', async () => {
    for (const [url, zh] of pages()) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expectPage(response.body);
      expect(response.body, url).toContain('<html lang="zh-CN"');
      expect(response.body, url).toContain(zh);
    }
  });

  it('answers 200 in English with ?lang=en, without the Chinese words of the page', async () => {
    for (const [url, zh, en] of pages()) {
      const response = await get(`${url}${url.includes('?') ? '&' : '?'}lang=en`);
      expect(response.statusCode, url).toBe(200);
      expectPage(response.body);
      expect(response.body, url).toContain('<html lang="en"');
      expect(response.body, url).toContain(en);
      expect(response.body, url).not.toContain(zh);
    }
  });
});

describe('GET /subsidy-catalogs and /rehab-service-catalogs', () => {
  it('lists the public versions newest first, explains the policy year and links onward', async () => {
    const html = (await get('/subsidy-catalogs')).body;
    const years = [...html.matchAll(/<a href="\/subsidy-catalogs\/(\d{4})">/g)].map((m) => m[1]);
    expect(years).toEqual(['2026', '2025']);
    expect(html).toContain('执行中');
    expect(html).toContain('已废止');
    expect(html).toContain('政策年度从每年10月1日开始，到次年9月30日结束');
    expect(html).toContain('<caption class="fj-table__caption fj-visually-hidden" id="versions-caption">');
    expect(html).toContain('href="/rehab-service-catalogs"');
    expect(html).toContain('href="/notices"');
    // A GET form to the comparison, with both years offered and the usual pair chosen.
    expect(html).toContain('<form method="get" action="/subsidy-catalogs/diff"');
    expect(html).toMatch(/<select[^>]*id="from"[^>]*>[\s\S]*?<option value="2025" selected>/);
    expect(html).toMatch(/<select[^>]*id="to"[^>]*>[\s\S]*?<option value="2026" selected>/);
    const rehab = (await get('/rehab-service-catalogs?lang=en')).body;
    expect(rehab).toContain('href="/subsidy-catalogs"');
    expect(rehab).toContain('starts on October 1 and ends on September 30');
  });
});

describe('GET /subsidy-catalogs/:year', () => {
  const total = async (category?: string) =>
    Number(
      (
        await one<{ n: string }>(
          sql`select count(*) as n from subsidy_item i join policy_catalog c on c.id = i.catalog_id
              where c.kind = 'subsidy' and c.year = 2026
                and (${category ?? null}::text is null or ${category ?? null}::text = any(i.eligible_categories))`,
        )
      ).n,
    );
  const itemRows = (html: string) => count(html, /<a href="\/subsidy-catalogs\/2026\/items\/\d+">/g);

  it('lists every item with its amounts and links to print, download and the previous year', async () => {
    const html = (await get('/subsidy-catalogs/2026')).body;
    const all = await total();
    expect(all).toBeGreaterThanOrEqual(40);
    expect(itemRows(html)).toBe(all);
    expect(html).toContain(`显示${all}个项目，共${all}个`);
    expect(html).toContain('href="/subsidy-catalogs/2026/print"');
    expect(html).toContain('href="/subsidy-catalogs/2026/export.xlsx"');
    expect(html).toContain('href="/subsidy-catalogs/diff?from=2025&amp;to=2026"');
    expect(html).not.toContain('此版本已废止');
    const item = await findSubsidyItem(
      t.database.db,
      (await findCatalog(t.database.db, 'subsidy', 2026))?.id ?? '',
      itemCode,
    );
    expect(html).toContain(formatYuan(item?.maxSubsidyFen ?? -1, 'zh-CN'));
  });

  it('narrows the items by disability category', async () => {
    const hearing = await total('hearing');
    expect(hearing).toBeGreaterThan(0);
    expect(hearing).toBeLessThan(await total());
    const html = (await get('/subsidy-catalogs/2026?category=hearing')).body;
    expect(itemRows(html)).toBe(hearing);
    expect(html).toContain(`显示${hearing}个项目，共${await total()}个`);
    expect(html).toContain('<option value="hearing" selected>');
  });

  it('answers an unknown category with 400 and an error summary linking to the field', async () => {
    const response = await get('/subsidy-catalogs/2026?category=martian');
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/<title>错误：/);
    expect(response.body).toContain('<a href="#category">请从列表中选择残疾类别</a>');
    expect(response.body).toMatch(/<select[^>]*id="category"[^>]*aria-invalid="true"/);
  });

  it('says a superseded version is superseded and links to the version in force', async () => {
    const html = (await get('/subsidy-catalogs/2025')).body;
    expect(html).toContain('此版本已废止，仅供查阅。');
    expect(html).toMatch(/<a href="\/subsidy-catalogs\/2026">查看现行版本：/);
  });

  it('answers a year out of range or not a number with 400, and a year with no version with 404', async () => {
    expect((await get('/subsidy-catalogs/1999')).statusCode).toBe(400);
    expect((await get('/subsidy-catalogs/twenty')).statusCode).toBe(400);
    expect((await get('/subsidy-catalogs/2030')).statusCode).toBe(404);
    expect((await get('/subsidy-catalogs/2026/items/12')).statusCode).toBe(400);
    expect((await get('/subsidy-catalogs/2026/items/99999999')).statusCode).toBe(404);
  });
});

describe('GET /rehab-service-catalogs/:year', () => {
  it('lists every item with its prices and shows each item’s content', async () => {
    const html = (await get('/rehab-service-catalogs/2026')).body;
    const rows = await t.database.db.query<{ code: string; content_zh: string; subsidy_fen: string }>(
      sql`select i.code, i.content_zh, i.subsidy_fen from rehab_item i join policy_catalog c on c.id = i.catalog_id
          where c.kind = 'rehab' and c.year = 2026`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(html).toContain(`<a href="#item-${row.code}">`);
      expect(html).toContain(`id="item-${row.code}"`);
      expect(html).toContain(row.content_zh);
      expect(html).toContain(formatYuan(Number(row.subsidy_fen), 'zh-CN'));
    }
    expect(html).toContain('href="/rehab-service-catalogs/diff?from=2025&amp;to=2026"');
  });
});

describe('GET /subsidy-catalogs/:year/items/:code', () => {
  it('shows who may apply, the amounts per group in yuan and the admitted products', async () => {
    const catalog = await findCatalog(t.database.db, 'subsidy', 2026);
    const item = await findSubsidyItem(t.database.db, catalog?.id ?? '', itemCode);
    if (item === undefined) throw new Error('no item');
    const html = (await get(`/subsidy-catalogs/2026/items/${itemCode}`)).body;
    expect(html).toContain(item.nameZh);
    expect(html).toContain(formatYuan(item.maxSubsidyFen, 'zh-CN'));
    for (const group of applicantGroups)
      expect(html).toContain(formatYuan(subsidyFor(item, group, item.maxSubsidyFen), 'zh-CN'));
    expect(html).toContain('<caption class="fj-table__caption fj-table__caption--s" id="ratios-caption">');
    const products = await t.database.db.query<{
      id: string;
      name_zh: string;
      model: string;
      price_fen: string;
    }>(
      sql`select p.id, v.name_zh, v.model, sp.price_fen
          from subsidy_item_product sp join subsidy_item i on i.id = sp.item_id
          join product p on p.id = sp.product_id
          join product_version v on v.product_id = p.id and v.version = p.published_version
          where i.catalog_id = ${catalog?.id ?? ''} and i.code = ${itemCode}`,
    );
    expect(products.length).toBeGreaterThan(0);
    for (const product of products) {
      expect(html).toContain(`<a href="/products/${product.id}">${product.name_zh}</a>`);
      expect(html).toContain(product.model);
      expect(html).toContain(formatYuan(Number(product.price_fen), 'zh-CN'));
    }
    expect(html).toContain(`href="/api/v1/subsidy-catalogs/2026/items/${itemCode}"`);
    expect(html).toContain('href="/subsidy-catalogs/2026"');
  });

  it('answers an item the version does not have with 404', async () => {
    expect((await get('/subsidy-catalogs/2025/items/06150301')).statusCode).toBe(404);
    expect((await get('/subsidy-catalogs/2026/items/06150301')).statusCode).toBe(200);
  });
});

/** The codes listed in one section of a comparison page. */
function codesIn(html: string, section: 'added' | 'removed'): string[] {
  const start = html.indexOf(`id="${section}"`);
  const end = html.indexOf('<h2', start + 1);
  const part = html.slice(start, end);
  return [...part.matchAll(/<th scope="row" class="fj-table__header">([0-9R]+)<\/th>/g)].map(
    (m) => m[1] ?? '',
  );
}
const changedCodes = (html: string) => [...html.matchAll(/id="changed-([0-9R]+)"/g)].map((m) => m[1]);

describe('GET /<kind>/diff', () => {
  it('shows what changed in the subsidy catalog from 2025 to 2026', async () => {
    const response = await get('/subsidy-catalogs/diff?from=2025&to=2026');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(codesIn(html, 'added').sort()).toEqual(['06150301', '12390601', '22361201']);
    expect(codesIn(html, 'removed').sort()).toEqual(['09121201', '22240601']);
    expect(changedCodes(html).sort()).toEqual(['04330601', '06240901', '12220302', '12230601', '22061501']);
    const newer = await one<{ n: string }>(
      sql`select count(*) as n from subsidy_item i join policy_catalog c on c.id = i.catalog_id
          where c.kind = 'subsidy' and c.year = 2026`,
    );
    expect(html).toContain(`另有${Number(newer.n) - 8}个项目没有变化。`);
    // Each change as field, before and after: money in yuan, lists in words.
    const block = (code: string) =>
      html.slice(html.indexOf(`id="changed-${code}"`)).split('</table>')[0] ?? '';
    expect(block('06240901')).toContain('最高补贴金额');
    expect(block('06240901')).toContain(formatYuan(600_000, 'zh-CN'));
    expect(block('06240901')).toContain(formatYuan(700_000, 'zh-CN'));
    expect(block('12220302')).toContain('3年');
    expect(block('12220302')).toContain('4年');
    expect(block('04330601')).toContain('1级、2级');
    expect(block('22061501')).toContain('低收入人员80%');
    expect(block('22061501')).toContain('低收入人员90%');
  });

  it('shows what changed in the rehabilitation catalog from 2025 to 2026', async () => {
    const html = (await get('/rehab-service-catalogs/diff?from=2025&to=2026&lang=en')).body;
    expect(codesIn(html, 'added').sort()).toEqual(['R20', 'R21']);
    expect(codesIn(html, 'removed')).toEqual(['R15']);
    expect(changedCodes(html).sort()).toEqual(['R05', 'R12']);
    const block = html.slice(html.indexOf('id="changed-R05"')).split('</table>')[0] ?? '';
    expect(block).toContain(formatYuan(1_800_000, 'en'));
    expect(block).toContain(formatYuan(2_000_000, 'en'));
  });

  it('asks again, with 400 and an error summary, for a missing, unknown or repeated year', async () => {
    const same = await get('/subsidy-catalogs/diff?from=2025&to=2025');
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('<a href="#to">请选择两个不同的年度</a>');
    expect(same.body).toMatch(/<title>错误：/);
    const unknown = await get('/subsidy-catalogs/diff?from=1999&to=2026');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('<a href="#from">没有1999年度公布的目录，请从列表中选择</a>');
    const missing = await get('/rehab-service-catalogs/diff?to=2026');
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('<a href="#from">请选择较早的年度</a>');
    const empty = await get('/subsidy-catalogs/diff');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).not.toContain('fj-error-summary');
    expect(empty.body).toContain('<form method="get" action="/subsidy-catalogs/diff"');
  });
});

describe('GET /<kind>/:year/print and /export.xlsx', () => {
  it('prints every subsidy item with every field', async () => {
    const html = (await get('/subsidy-catalogs/2026/print')).body;
    expect(html).toContain('<table class="fj-table">');
    expect(count(html, /<th scope="row" class="fj-table__header">\d{6,10}<\/th>/g)).toBeGreaterThanOrEqual(
      40,
    );
    expect(html).toContain('低保对象100%');
    expect(html).toContain('执行中');
  });

  it('downloads each kind as an xlsx workbook', async () => {
    for (const [url, name] of [
      ['/subsidy-catalogs/2026/export.xlsx', 'subsidy-catalog-2026.xlsx'],
      ['/rehab-service-catalogs/2025/export.xlsx', 'rehab-service-catalog-2025.xlsx'],
    ] as const) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(response.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
      expect(response.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    }
  });
});

describe('a draft year', () => {
  beforeAll(async () => {
    await createDraft(
      t.database.db,
      { actor: { userId: null, label: 'system', organisationId: null }, sourceAddress: null },
      {
        kind: 'subsidy',
        year: 2027,
        titleZh: '2027年度补贴目录（草稿）',
        titleEn: 'Subsidy catalog 2027 (draft)',
      },
    );
  });

  it('is not found on any public page, even for the city administrator', async () => {
    for (const url of [
      '/subsidy-catalogs/2027',
      `/subsidy-catalogs/2027/items/${itemCode}`,
      '/subsidy-catalogs/2027/print',
      '/subsidy-catalogs/2027/export.xlsx',
    ])
      expect((await get(url)).statusCode, url).toBe(404);
    const admin = await signedInVisitor(t.app, 'demo-city-admin');
    expect((await admin.get('/subsidy-catalogs/2027')).statusCode).toBe(404);
    const list = (await get('/subsidy-catalogs')).body;
    expect(list).not.toContain('/subsidy-catalogs/2027');
    expect(list).not.toContain('2027年度补贴目录（草稿）');
    const diff = await get('/subsidy-catalogs/diff?from=2026&to=2027');
    expect(diff.statusCode).toBe(400);
    expect(diff.body).toContain('没有2027年度公布的目录');
  });
});

describe('the notices and objections', () => {
  const name = '测试异议人王五';
  const contact = 'objector.wang@example.org';
  const objections = async () =>
    t.database.db.query<{ objector_sealed: string; grounds: string }>(
      sql`select objector_sealed, grounds from admission_objection where admission_id = ${noticeId} order by submitted_at`,
    );

  it('lists the admission under notice with its product, item, price and period', async () => {
    const admission = await one<{ price_fen: string; code: string; name_zh: string }>(
      sql`select a.price_fen, i.code, v.name_zh from admission a join subsidy_item i on i.id = a.item_id
          join product p on p.id = a.product_id
          join product_version v on v.product_id = p.id and v.version = p.published_version
          where a.id = ${noticeId}`,
    );
    const html = (await get('/notices')).body;
    const current = html.slice(html.indexOf('id="current"'), html.indexOf('公示已结束'));
    expect(current).toContain(`<a href="/notices/${noticeId}">${admission.name_zh}</a>`);
    expect(current).toContain(admission.code);
    expect(current).toContain(formatYuan(Number(admission.price_fen), 'zh-CN'));
    expect(current).toContain('公示中');
    // Admissions never put on notice are not listed.
    const applied = await one<{ id: string }>(sql`select id from admission where status = 'applied' limit 1`);
    expect(html).not.toContain(applied.id);
  });

  it('shows one notice with the form and the privacy hint; unknown or unnoticed ids are 404', async () => {
    const html = (await get(`/notices/${noticeId}`)).body;
    expect(html).toContain('评审组一致认为');
    expect(html).toContain('只有市残联的目录管理人员能看到您的姓名和联系方式');
    expect(html).toContain(`<form method="post" action="/notices/${noticeId}/objections" novalidate>`);
    expect(html).toMatch(
      /<div class="fj-hint" id="name-hint">只有市残联的目录管理人员能看到您的姓名和联系方式/,
    );
    expect(html).toMatch(/<input[^>]*id="name"[^>]*aria-describedby="name-hint"/);
    expect(html).toMatch(/<input[^>]*id="contact"[^>]*aria-describedby="contact-hint"/);
    expect(html).toMatch(/<textarea[^>]*id="grounds"[^>]*aria-describedby="grounds-hint"/);
    expect(html).toMatch(/收到的异议<\/dt><dd class="fj-summary-list__value">0条/);
    expect((await get(`/notices/${randomUUID()}`)).statusCode).toBe(404);
    const applied = await one<{ id: string }>(sql`select id from admission where status = 'applied' limit 1`);
    expect((await get(`/notices/${applied.id}`)).statusCode).toBe(404);
    expect((await get('/notices/not-an-id')).statusCode).toBe(400);
  });

  it('refuses a missing or malformed field with 400, keeping what was typed and storing nothing', async () => {
    const visitor = new Visitor(t.app);
    const page = await visitor.get(`/notices/${noticeId}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const missing = await visitor.postWithToken(`/notices/${noticeId}/objections`, {
      _csrf: token,
      name,
      contact,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toMatch(/<title>错误：/);
    expect(missing.body).toContain('<a href="#grounds">请填写异议理由</a>');
    expect(missing.body).toContain(`value="${name}"`);
    const malformed = await visitor.post(`/notices/${noticeId}`, `/notices/${noticeId}/objections`, {
      name,
      contact: 'not a contact',
      grounds: '理由',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('<a href="#contact">请填写有效的电话号码或电子邮箱地址</a>');
    const tooLong = await visitor.post(`/notices/${noticeId}`, `/notices/${noticeId}/objections`, {
      name,
      contact,
      grounds: '长'.repeat(2001),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('<a href="#grounds">异议理由不能超过2000个字</a>');
    expect(await objections()).toHaveLength(0);
  });

  it('refuses a post with a forged CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/notices/${noticeId}/objections`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: 'forged', name, contact, grounds: '理由' }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect(await objections()).toHaveLength(0);
  });

  it('stores an objection sealed, audits it, and shows only that one was received', async () => {
    const visitor = new Visitor(t.app);
    const grounds = '该产品在试用中出现过刹车失灵，建议补充检测报告后再纳入。';
    const response = await visitor.post(`/notices/${noticeId}`, `/notices/${noticeId}/objections`, {
      name,
      contact,
      grounds,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/notices/${noticeId}?done=objection`);
    const stored = await objections();
    expect(stored).toHaveLength(1);
    const [row] = stored;
    expect(row?.grounds).toBe(grounds);
    expect(row?.objector_sealed).not.toContain(name);
    expect(row?.objector_sealed).not.toContain(contact);
    expect(row?.objector_sealed).not.toContain('objector');
    expect(JSON.parse(t.keyring.open(row?.objector_sealed ?? ''))).toEqual({ name, contact });
    const audit = await one<{ object_id: string; outcome: string; actor_label: string; detail: unknown }>(
      sql`select object_id, outcome, actor_label, detail from audit_event
          where action = 'admission.object' order by seq desc limit 1`,
    );
    expect(audit.object_id).toBe(noticeId);
    expect(audit.outcome).toBe('success');
    expect(audit.actor_label).toBe('anonymous');
    expect(JSON.stringify(audit.detail)).not.toContain(name);
    const done = (await visitor.get(`/notices/${noticeId}?done=objection`)).body;
    expect(done).toContain('已收到您的异议');
    expect(done).toMatch(/收到的异议<\/dt><dd class="fj-summary-list__value">1条/);
    for (const html of [
      done,
      (await get(`/notices/${noticeId}?lang=en`)).body,
      (await get('/notices')).body,
    ]) {
      expect(html).not.toContain(name);
      expect(html).not.toContain(contact);
      expect(html).not.toContain(grounds);
    }
  });

  it('takes no objection once the notice has ended, even from a page opened before', async () => {
    const visitor = new Visitor(t.app);
    const opened = await visitor.get(`/notices/${noticeId}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(opened.body)?.[1] ?? '';
    const before = (await objections()).length;
    await noticeRunsFrom(-8, -1);
    try {
      const html = (await get(`/notices/${noticeId}`)).body;
      expect(html).toContain('公示期已经结束，不再接受异议。');
      expect(html).not.toContain(`action="/notices/${noticeId}/objections"`);
      const late = await visitor.postWithToken(`/notices/${noticeId}/objections`, {
        _csrf: token,
        name,
        contact,
        grounds: '理由',
      });
      expect(late.statusCode).toBe(400);
      expect(late.body).toContain('<a href="#objection">公示期已经结束，不能再提出异议</a>');
      expect(await objections()).toHaveLength(before);
    } finally {
      await noticeRunsFrom(-2, 4);
    }
  });
});
