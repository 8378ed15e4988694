/**
 * Every research page in both languages and its states: one h1, the error
 * summary whose links each lead to a field on the page, what was typed kept,
 * the filters as plain GET forms, and the work area for the city and a team.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { signedInVisitor, type TestApp, testApp, Visitor } from '../../../../test/support/app.ts';
import { sql } from '../../../platform/db/index.ts';
import { csrfOf, h1Count, oneOf, publishedTopics } from '../testkit.ts';

let t: TestApp;
let city: Visitor;
let researcher: Visitor;
let supplier: Visitor;
let anonymous: Visitor;
const demo: Record<string, string> = {};
let openChallenge = '';
let closedChallenge = '';

/** The ids the error summary links to, and whether each names an element of the page. */
function summaryTargets(html: string): { href: string; found: boolean }[] {
  const summary = /<div class="fj-error-summary"[\s\S]*?<\/div>\s*<\/div>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => ({
    href: m[1] as string,
    found: new RegExp(`id="${m[1]}"`).test(html.replace(summary, '')),
  }));
}

const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

beforeAll(async () => {
  t = await testApp();
  await publishedTopics(t);
  [city, researcher, supplier] = await Promise.all([
    signedInVisitor(t.app, 'demo-city-admin'),
    signedInVisitor(t.app, 'demo-researcher'),
    signedInVisitor(t.app, 'demo-supplier'),
  ]);
  anonymous = new Visitor(t.app, '10.41.0.1');
  for (const row of await t.database.db.query<{ id: string; status: string }>(
    sql`select id, status from research_project`,
  ))
    demo[row.status] = row.id;
  openChallenge = (
    await oneOf<{ id: string }>(t, sql`select id from research_challenge where status = 'open'`)
  ).id;
  closedChallenge = (
    await oneOf<{ id: string }>(t, sql`select id from research_challenge where status = 'closed'`)
  ).id;
});
afterAll(async () => t.close());

describe('every research page, in Chinese and English', () => {
  const pages = (): [Visitor, string, string, string][] => [
    [anonymous, '/research', '科技计划项目储备库', 'Research project reserve pool'],
    [anonymous, '/research?status=completed', '已结题：共1个项目', 'Completed: 1 projects'],
    [
      anonymous,
      `/research/challenges/${openChallenge}`,
      '请登录后申报解决方案',
      'sign in to propose a solution',
    ],
    [researcher, `/research/challenges/${openChallenge}`, '申报解决方案', 'Propose a solution'],
    [anonymous, `/research/challenges/${closedChallenge}`, '已截止', 'Closed'],
    [anonymous, `/research/projects/${demo.completed}`, '项目成果', 'Results'],
    [anonymous, `/research/projects/${demo.in_progress}`, '里程碑', 'Milestones'],
    [
      anonymous,
      `/research/projects/${demo.reserved}`,
      '已纳入科技计划项目储备库',
      'In the research project reserve pool',
    ],
    [researcher, `/research/projects/${demo.screening}`, '撤回申报', 'Withdraw the proposal'],
    [city, `/research/projects/${demo.screening}`, '通过形式审查', 'Pass screening'],
    [city, `/research/projects/${demo.reserved}`, '立项资助', 'Fund the project'],
    [researcher, `/research/projects/${demo.in_progress}`, '完成里程碑', 'Complete a milestone'],
    [supplier, `/research/challenges/new`, '发布企业出题', 'Post an enterprise challenge'],
    [city, `/research/challenges/new`, '出题单位', 'Posted by'],
    [researcher, '/research/projects/new', '当前技术就绪水平', 'Technology readiness level now'],
    [city, '/research/manage', '所有项目', 'All projects'],
    [researcher, '/research/manage', '本单位的项目', 'Your organisation’s projects'],
    [supplier, '/research/manage', '本单位的出题', 'Your organisation’s challenges'],
  ];

  it('answers 200 with one h1, in zh-CN and in en', async () => {
    // The language is remembered in a cookie: each visitor is set back to Chinese for the tests that follow.
    onTestFinished(async () => {
      for (const visitor of [anonymous, researcher, city, supplier])
        await visitor.get('/research?lang=zh-CN');
    });
    for (const [visitor, path, zh, en] of pages()) {
      for (const [lang, text] of [
        ['zh-CN', zh],
        ['en', en],
      ] as const) {
        const url = `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
        const response = await visitor.get(url);
        expect(response.statusCode, url).toBe(200);
        expect(h1Count(response.body), url).toBe(1);
        expect(response.body, url).toContain(`<html lang="${lang}"`);
        expect(response.body, url).toContain(text);
      }
    }
  });

  it('writes readiness levels in words, money in yuan and a project’s funding', async () => {
    const page = mainOf((await anonymous.get(`/research/projects/${demo.completed}`)).body);
    expect(page).toContain('TRL 4 实验室环境中原理样机验证');
    expect(page).toContain('TRL 7 实际使用环境中系统原型试用');
    expect(page).toContain('¥1,200,000.00');
    expect(page).toContain('¥1,000,000.00，资助来源：市科技计划项目（示例）');
    const list = mainOf((await anonymous.get('/research')).body);
    expect(list).toContain('TRL 4 → TRL 7');
  });

  it('answers 404 for a project that is not there or not public, and 400 for an id that is not one', async () => {
    expect((await anonymous.get('/research/projects/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
    expect((await anonymous.get(`/research/projects/${demo.screening}`)).statusCode).toBe(404);
    expect(
      (await anonymous.get('/research/challenges/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    expect((await anonymous.get('/research/projects/not-an-id')).statusCode).toBe(400);
  });

  it('sends the signed-out to sign in for the forms and the work area', async () => {
    for (const path of ['/research/projects/new', '/research/challenges/new', '/research/manage']) {
      const response = await anonymous.get(path);
      expect(response.statusCode, path).toBe(303);
      expect(response.headers.location).toContain('/login?returnTo=');
    }
    const resident = await signedInVisitor(t.app, 'demo-resident');
    expect((await resident.get('/research/projects/new')).statusCode).toBe(403);
    expect((await resident.get('/research/manage')).headers.location).toBe('/research');
  });
});

describe('the forms, with their mistakes', () => {
  it('the empty proposal names each missing answer once, each linked to its field, the title saying 错误', async () => {
    const form = await researcher.get('/research/projects/new');
    const response = await researcher.postWithToken('/research/projects/new', [['_csrf', csrfOf(form.body)]]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/<title>错误：/);
    expect(h1Count(response.body)).toBe(1);
    const targets = summaryTargets(response.body);
    expect(targets.map((target) => target.href)).toEqual([
      'title',
      'summary',
      'needTopics',
      'team',
      'trlNow',
      'trlTarget',
      'budget',
      'startsOn',
      'endsOn',
      'expectedResults',
    ]);
    expect(targets.every((target) => target.found)).toBe(true);
    expect(response.body).toContain('请填写项目名称');
    expect(response.body).toMatch(/id="title"[^>]*aria-describedby="title-error"/);
    expect(response.body).toMatch(/id="title"[^>]*aria-invalid="true"/);
  });

  it('keeps what was typed and explains the rules between fields', async () => {
    const form = await researcher.get('/research/projects/new');
    const response = await researcher.postWithToken('/research/projects/new', [
      ['_csrf', csrfOf(form.body)],
      ['title', '保留输入测试'],
      ['summary', '简介'],
      ['team', '团队'],
      ['trlNow', '6'],
      ['trlTarget', '4'],
      ['budget', '12万'],
      ['startsOn', '2027-01-01'],
      ['endsOn', '2026-12-31'],
      ['expectedResults', '成果'],
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('value="保留输入测试"');
    expect(response.body).toMatch(/<option value="6" selected/);
    expect(response.body).toContain('目标技术就绪水平不能低于当前水平');
    expect(response.body).toContain('请填写金额（元）');
    expect(response.body).toContain('结束日期不能早于开始日期');
  });

  it('the empty challenge form of the city names the organisation first', async () => {
    const form = await city.get('/research/challenges/new');
    expect(form.body).toContain('<select');
    const response = await city.postWithToken('/research/challenges/new', [['_csrf', csrfOf(form.body)]]);
    expect(response.statusCode).toBe(400);
    expect(summaryTargets(response.body).map((target) => target.href)).toEqual([
      'organisation',
      'title',
      'description',
      'needTopics',
      'closesOn',
    ]);
    expect(summaryTargets(response.body).every((target) => target.found)).toBe(true);
  });

  it('a supplier posts for its own organisation only, said in words instead of a choice', async () => {
    const form = await supplier.get('/research/challenges/new');
    expect(mainOf(form.body)).toContain('出题单位：示例康行辅具科技有限公司');
    expect(mainOf(form.body)).not.toContain('id="organisation"');
  });

  it('refuses a field the form does not have (no mass assignment)', async () => {
    const form = await researcher.get('/research/projects/new');
    const response = await researcher.postWithToken('/research/projects/new', [
      ['_csrf', csrfOf(form.body)],
      ['status', 'reserved'],
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('错误：');
  });

  it('a command form with mistakes comes back with them by its fields, other forms untouched', async () => {
    const page = await city.get(`/research/projects/${demo.reserved}`);
    const version = /commands\/fund"[\s\S]*?name="version" value="(\d+)"/.exec(page.body)?.[1] as string;
    const response = await city.postWithToken(`/research/projects/${demo.reserved}/commands/fund`, [
      ['_csrf', csrfOf(page.body)],
      ['version', version],
      ['source', ''],
      ['amount', 'abc'],
    ]);
    expect(response.statusCode).toBe(400);
    expect(summaryTargets(response.body)).toEqual([
      { href: 'fund-source', found: true },
      { href: 'fund-amount', found: true },
    ]);
    expect(response.body).toContain('value="abc"');
    expect(response.body).toMatch(/id="stop-reason"[^>]*><\/textarea>|id="stop-reason"[\s\S]*?<\/textarea>/);
  });
});

describe('the filters work as plain GET forms', () => {
  it('filters the public pool by status, with counts in the choice', async () => {
    const page = (await anonymous.get('/research?status=in_progress')).body;
    expect(page).toContain('<form method="get" action="/research"');
    expect(page).toMatch(/<option value="in_progress" selected/);
    expect(page).toContain('实施中（1）');
    const pool = /<ul class="fj-product-list" id="pool">[\s\S]*?<\/ul>\s*<\/section>/.exec(page)?.[0] ?? '';
    expect(pool.match(/<li class="fj-product-list__item">/g)).toHaveLength(1);
    expect(pool).toContain('面向偏瘫患者的轻量化下肢助行外骨骼（示例）');
    expect(pool).not.toContain('可折叠履带式爬楼辅助装置（示例）');
    expect((await anonymous.get('/research?status=screening')).statusCode).toBe(400);
  });

  it('filters the city’s work queue by any status', async () => {
    const page = (await city.get('/research/manage?status=screening')).body;
    expect(page).toContain('带实时字幕的低价智能助听设备（示例）');
    expect(page).not.toContain('面向偏瘫患者的轻量化下肢助行外骨骼（示例）');
  });
});
