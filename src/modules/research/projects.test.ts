/**
 * The reserve pool end to end over HTTP: an enterprise posts a challenge
 * citing a need topic, a research institute proposes a project answering it,
 * the city screens, reviews, reserves and funds it, the team carries it out
 * against milestones and completes it with results. Also: stopping,
 * withdrawing, a stale version, who sees what (pages, lists, counts, API)
 * and one audit row per write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, Visitor } from '../../../test/support/app.ts';
import { sql } from '../../platform/db/index.ts';
import { deriveStatus, type ProjectStep, publicStatuses } from './domain/projectFlow.ts';
import {
  auditHead,
  auditSince,
  dayFromToday,
  done,
  draftTopic,
  formVersion,
  giveCommand,
  oneOf,
  organisationNamed,
  otherResearcher,
  publishedTopics,
  tokenOf,
} from './testkit.ts';

let t: TestApp;
let topics: string[];
let supplier: Visitor;
let researcher: Visitor;
let city: Visitor;
let outsider: Visitor;
let anonymous: Visitor;

const journey = { challengeId: '', projectId: '', reference: '' };

const statusOf = async (id: string) =>
  (await oneOf<{ status: string }>(t, sql`select status from research_project where id = ${id}`)).status;

/** The project's history as stored, folded through the status table. */
const derived = async (id: string) => {
  const rows = await t.database.db.query<{
    command: ProjectStep['command'];
    details: { decision?: string } | string;
  }>(sql`select command, details from research_project_action where project_id = ${id} order by at, id`);
  return deriveStatus(
    rows.map((r) => {
      const details =
        typeof r.details === 'string' ? (JSON.parse(r.details) as { decision?: string }) : r.details;
      return details.decision === 'reserve' || details.decision === 'not_accept'
        ? { command: r.command, decision: details.decision }
        : { command: r.command };
    }),
  );
};

const proposalFields = (overrides: Record<string, string> = {}): [string, string][] =>
  Object.entries({
    challenge: journey.challengeId,
    title: '楼道爬楼辅助装置的轻量化设计（测试）',
    summary: '采用碳纤维框架，整机重量不超过 20 公斤。',
    needTopics: topics[0] as string,
    team: '项目负责人：测试研究员',
    trlNow: '3',
    trlTarget: '6',
    budget: '800000',
    startsOn: dayFromToday(30),
    endsOn: dayFromToday(400),
    expectedResults: '样机一套，试用 10 户。',
    ...overrides,
  });

async function propose(visitor: Visitor, overrides: Record<string, string> = {}) {
  const response = await visitor.post(
    '/research/projects/new',
    '/research/projects/new',
    proposalFields(overrides),
  );
  expect(response.statusCode, response.body.slice(0, 200)).toBe(303);
  const id = /\/research\/projects\/([0-9a-f-]{36})\?done=proposed$/.exec(
    response.headers.location ?? '',
  )?.[1];
  if (id === undefined) throw new Error(`no project in ${response.headers.location}`);
  return id;
}

beforeAll(async () => {
  t = await testApp();
  topics = await publishedTopics(t);
  [supplier, researcher, city, outsider] = await Promise.all([
    signedInVisitor(t.app, 'demo-supplier'),
    signedInVisitor(t.app, 'demo-researcher'),
    signedInVisitor(t.app, 'demo-city-admin'),
    otherResearcher(t),
  ]);
  anonymous = new Visitor(t.app, '10.40.0.1');
});
afterAll(async () => t.close());

describe('the demo', () => {
  it('has two challenges of the demo enterprise, one open, and four projects in different states', async () => {
    const challenges = await t.database.db.query<{ status: string; organisation: string }>(
      sql`select c.status, o.name_zh as organisation from research_challenge c
          join organisation o on o.id = c.organisation_id order by c.created_at`,
    );
    expect(challenges).toEqual([
      { status: 'closed', organisation: '示例康行辅具科技有限公司' },
      { status: 'open', organisation: '示例康行辅具科技有限公司' },
    ]);
    const projects = await t.database.db.query<{ id: string; status: string }>(
      sql`select id, status from research_project order by created_at`,
    );
    expect(projects.map((p) => p.status)).toEqual(['completed', 'in_progress', 'reserved', 'screening']);
    for (const p of projects) expect(await derived(p.id)).toBe(p.status);
    const milestones = await t.database.db.query<{ done: boolean }>(
      sql`select m.done_on is not null as done from research_milestone m
          join research_project p on p.id = m.project_id where p.status = 'in_progress' order by m.due_on`,
    );
    expect(milestones).toEqual([{ done: true }, { done: false }]);
    const completed = await oneOf<{ patents: string | null; standards: string | null }>(
      t,
      sql`select result_patents as patents, result_standards as standards from research_project where status = 'completed'`,
    );
    expect(completed.patents).toContain('专利');
    expect(completed.standards).toContain('标准');
    const audited = await oneOf<{ n: number }>(
      t,
      sql`select count(*)::int as n from audit_event where action like 'project.%' or action like 'challenge.%'`,
    );
    expect(audited.n).toBeGreaterThanOrEqual(4 + 2 + 1);
  });
});

describe('from a need topic to the reserve pool, and on to results', () => {
  it('the enterprise posts a challenge citing a published topic: one audit row', async () => {
    const form = await supplier.get(`/research/challenges/new?topic=${topics[0]}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(new RegExp(`value="${topics[0]}"[^>]*checked`));
    const before = await auditHead(t);
    const response = await supplier.post('/research/challenges/new', '/research/challenges/new', [
      ['title', '适合老旧楼道的爬楼辅助（测试）'],
      ['description', '需要一名家属即可操作的爬楼辅助装置。'],
      ['needTopics', topics[0] as string],
      ['budget', '300,000'],
      ['closesOn', dayFromToday(60)],
    ]);
    expect(response.statusCode).toBe(303);
    journey.challengeId =
      /\/research\/challenges\/([0-9a-f-]{36})\?done=posted$/.exec(response.headers.location ?? '')?.[1] ??
      '';
    expect(await auditSince(t, before)).toEqual(['challenge.post:success']);
    const stored = await oneOf<{
      reference: string;
      budget_fen: string;
      status: string;
      need_topic_ids: string[];
    }>(
      t,
      sql`select reference, budget_fen, status, need_topic_ids from research_challenge where id = ${journey.challengeId}`,
    );
    expect(stored.reference).toMatch(/^QY-\d{4}-\d{4}$/);
    expect(Number(stored.budget_fen)).toBe(30_000_000);
    expect(stored.need_topic_ids).toEqual([topics[0]]);
    // Open challenges are public, with the way to answer for those who may.
    const page = await anonymous.get(`/research/challenges/${journey.challengeId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('适合老旧楼道的爬楼辅助（测试）');
    expect((await researcher.get(`/research/challenges/${journey.challengeId}`)).body).toContain(
      `href="/research/projects/new?challenge=${journey.challengeId}"`,
    );
    expect((await anonymous.get('/research')).body).toContain(stored.reference);
  });

  it('a researcher proposes a project answering it: screening, KY reference, one audit row', async () => {
    const form = await researcher.get(`/research/projects/new?challenge=${journey.challengeId}`);
    expect(form.body).toMatch(new RegExp(`<option value="${journey.challengeId}" selected`));
    expect(form.body).toMatch(new RegExp(`value="${topics[0]}"[^>]*checked`));
    const before = await auditHead(t);
    journey.projectId = await propose(researcher);
    expect(await auditSince(t, before)).toEqual(['project.propose:success']);
    const stored = await oneOf<{
      reference: string;
      status: string;
      budget_fen: string;
      organisation: string;
    }>(
      t,
      sql`select p.reference, p.status, p.budget_fen, o.name_zh as organisation from research_project p
          join organisation o on o.id = p.organisation_id where p.id = ${journey.projectId}`,
    );
    journey.reference = stored.reference;
    expect(stored).toMatchObject({ status: 'screening', organisation: '示例康复工程研究院' });
    expect(stored.reference).toMatch(/^KY-\d{4}-\d{4}$/);
    expect(Number(stored.budget_fen)).toBe(80_000_000);
  });

  it('while in screening only its team and the city see it: others get 404, and lists and counts leave it out', async () => {
    const path = `/research/projects/${journey.projectId}`;
    expect((await researcher.get(path)).statusCode).toBe(200);
    expect((await city.get(path)).statusCode).toBe(200);
    for (const visitor of [outsider, supplier, anonymous]) {
      const before = await auditHead(t);
      const response = await visitor.get(path);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain(journey.reference);
      expect(await auditSince(t, before)).toEqual(['project.read:denied']);
    }
    const api = await t.app.inject({
      url: path.replace('/research', '/api/v1/research'),
      headers: { authorization: `Bearer ${await tokenOf(t, 'other-researcher')}` },
    });
    expect(api.statusCode).toBe(404);
    for (const visitor of [outsider, anonymous, supplier])
      expect((await visitor.get('/research')).body).not.toContain(journey.reference);
    // The challenge's own page lists only what its reader may see.
    expect((await supplier.get(`/research/challenges/${journey.challengeId}`)).body).not.toContain(
      journey.reference,
    );
    expect((await researcher.get(`/research/challenges/${journey.challengeId}`)).body).toContain(
      journey.reference,
    );
    expect((await researcher.get('/research/manage')).body).toContain(journey.reference);
    expect((await outsider.get('/research/manage')).body).not.toContain(journey.reference);
  });

  it('the team cannot screen its own proposal; the city passes screening and reserves it on review', async () => {
    expect(
      formVersion(
        (await researcher.get(`/research/projects/${journey.projectId}`)).body,
        journey.projectId,
        'pass_screening',
      ),
    ).toBeUndefined();
    const refused = await researcher.postWithToken(
      `/research/projects/${journey.projectId}/commands/pass_screening`,
      [
        ['version', '1'],
        [
          '_csrf',
          (/name="_csrf" value="([^"]+)"/.exec(
            (await researcher.get(`/research/projects/${journey.projectId}`)).body,
          ) ?? [])[1] ?? '',
        ],
      ],
    );
    expect(refused.statusCode).toBe(409);
    expect(await statusOf(journey.projectId)).toBe('screening');

    let before = await auditHead(t);
    await done(city, journey.projectId, 'pass_screening', [['note', '材料齐全']]);
    expect(await auditSince(t, before)).toEqual(['project.pass_screening:success']);
    expect(await statusOf(journey.projectId)).toBe('expert_review');

    before = await auditHead(t);
    await done(city, journey.projectId, 'record_review', [
      ['score', '88'],
      ['opinion', '技术路线清晰'],
      ['decision', 'reserve'],
    ]);
    expect(await auditSince(t, before)).toEqual(['project.record_review:success']);
    expect(await statusOf(journey.projectId)).toBe('reserved');
    const review = await oneOf<{ score: number; decision: string }>(
      t,
      sql`select (details ->> 'score')::int as score, details ->> 'decision' as decision from research_project_action
          where project_id = ${journey.projectId} and command = 'record_review'`,
    );
    expect(review).toEqual({ score: 88, decision: 'reserve' });
  });

  it('reserved, it is public: on /research and in the API for everyone, without the review notes', async () => {
    const list = await anonymous.get('/research');
    expect(list.body).toContain(journey.reference);
    const page = await anonymous.get(`/research/projects/${journey.projectId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('已入库');
    expect(page.body).not.toContain('技术路线清晰');
    expect((await researcher.get(`/research/projects/${journey.projectId}`)).body).toContain('技术路线清晰');
    const api = await t.app.inject({ url: '/api/v1/research/projects?status=reserved' });
    expect(api.statusCode).toBe(200);
    const body = api.json() as { items: { id: string; status: string }[]; total: number };
    expect(body.items.map((p) => p.id)).toContain(journey.projectId);
    expect(body.total).toBe(body.items.length);
    const detail = await t.app.inject({ url: `/api/v1/research/projects/${journey.projectId}` });
    const timeline = (detail.json() as { timeline: { command: string; note: string | null }[] }).timeline;
    expect(timeline.map((a) => a.command)).toEqual(['propose', 'pass_screening', 'record_review']);
    expect(timeline.every((a) => a.note === null)).toBe(true);
  });

  it('an outsider may read a public project but give it no command: 403, audited', async () => {
    const page = await outsider.get(`/research/projects/${journey.projectId}`);
    expect(page.body).not.toContain('/commands/');
    const before = await auditHead(t);
    const response = await outsider.postWithToken(`/research/projects/${journey.projectId}/commands/fund`, [
      ['version', '3'],
      ['source', 'x'],
      ['amount', '1'],
      ['_csrf', (/name="_csrf" value="([^"]+)"/.exec(page.body) ?? [])[1] ?? ''],
    ]);
    expect(response.statusCode).toBe(403);
    expect(await auditSince(t, before)).toEqual(['project.act:denied']);
  });

  it('the city funds it (yuan to fen) and refuses a stale version: 409 on the page and in the API', async () => {
    const page = await city.get(`/research/projects/${journey.projectId}`);
    const version = formVersion(page.body, journey.projectId, 'fund') as string;
    const stale = await city.postWithToken(`/research/projects/${journey.projectId}/commands/fund`, [
      ['version', String(Number(version) - 1)],
      ['source', '市科技计划项目'],
      ['amount', '600000'],
      ['_csrf', (/name="_csrf" value="([^"]+)"/.exec(page.body) ?? [])[1] ?? ''],
    ]);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('此项目刚刚被他人更新过');
    expect(stale.body).toContain('600000');
    const token = await tokenOf(t, 'demo-city-admin');
    const api = await t.app.inject({
      method: 'POST',
      url: `/api/v1/research/projects/${journey.projectId}/actions`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        command: 'fund',
        version: Number(version) - 1,
        source: '市科技计划项目',
        amountFen: 60_000_000,
      },
    });
    expect(api.statusCode).toBe(409);
    expect(await statusOf(journey.projectId)).toBe('reserved');

    await done(city, journey.projectId, 'fund', [
      ['source', '市科技计划项目'],
      ['amount', '600,000.50'],
    ]);
    const funded = await oneOf<{ funded_fen: string; funding_source: string; status: string }>(
      t,
      sql`select funded_fen, funding_source, status from research_project where id = ${journey.projectId}`,
    );
    expect(funded).toEqual({
      funded_fen: expect.anything(),
      funding_source: '市科技计划项目',
      status: 'funded',
    });
    expect(Number(funded.funded_fen)).toBe(60_000_050);
  });

  it('the team starts the work and reports two milestones, one done', async () => {
    await done(researcher, journey.projectId, 'start');
    await done(researcher, journey.projectId, 'add_milestone', [
      ['title', '完成原理样机'],
      ['dueOn', dayFromToday(90)],
    ]);
    await done(researcher, journey.projectId, 'add_milestone', [
      ['title', '社区试用'],
      ['dueOn', dayFromToday(200)],
    ]);
    const page = await researcher.get(`/research/projects/${journey.projectId}`);
    const first = /name="milestone" type="radio" value="([0-9a-f-]{36})"/.exec(page.body)?.[1] as string;
    await done(researcher, journey.projectId, 'complete_milestone', [
      ['milestone', first],
      ['note', '样机通过测试'],
    ]);
    // The same milestone twice is refused on the form, nothing changes.
    const again = await giveCommand(researcher, journey.projectId, 'complete_milestone', [
      ['milestone', first],
    ]);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('这个里程碑已完成或不属于此项目');
    const milestones = await t.database.db.query<{ title: string; done: boolean }>(
      sql`select title, done_on is not null as done from research_milestone where project_id = ${journey.projectId}
          order by due_on`,
    );
    expect(milestones).toEqual([
      { title: '完成原理样机', done: true },
      { title: '社区试用', done: false },
    ]);
    expect(await statusOf(journey.projectId)).toBe('in_progress');
  });

  it('the team completes it with a catalog product, a patent and a standard', async () => {
    const page = await researcher.get(`/research/projects/${journey.projectId}`);
    // The completion form offers the challenge's enterprise's published products.
    const product = /name="products" type="checkbox" value="([0-9a-f-]{36})"/.exec(page.body)?.[1];
    expect(product).toBeDefined();
    const before = await auditHead(t);
    await done(researcher, journey.projectId, 'complete', [
      ['summary', '样机在社区试用，效果良好'],
      ['products', product as string],
      ['patents', '一种爬楼装置（测试专利）'],
      ['standards', '团体标准（测试）'],
    ]);
    expect(await auditSince(t, before)).toEqual(['project.complete:success']);
    const stored = await oneOf<{ result_product_ids: string[]; result_patents: string; status: string }>(
      t,
      sql`select result_product_ids, result_patents, status from research_project where id = ${journey.projectId}`,
    );
    expect(stored).toEqual({
      result_product_ids: [product],
      result_patents: '一种爬楼装置（测试专利）',
      status: 'completed',
    });
    expect(await derived(journey.projectId)).toBe('completed');
    const publicPage = await anonymous.get(`/research/projects/${journey.projectId}`);
    expect(publicPage.body).toContain(`href="/products/${product}"`);
    expect(publicPage.body).toContain('团体标准（测试）');
    expect(publicPage.body).not.toContain('/commands/');
  });

  it('refuses a product that is not a published catalog product', async () => {
    const id = await propose(researcher, { title: '成果产品校验（测试）' });
    await done(city, id, 'pass_screening');
    await done(city, id, 'record_review', [
      ['score', '70'],
      ['opinion', '可以'],
      ['decision', 'reserve'],
    ]);
    await done(city, id, 'fund', [
      ['source', '测试'],
      ['amount', '1000'],
    ]);
    await done(city, id, 'start');
    const response = await giveCommand(city, id, 'complete', [
      ['summary', '结题'],
      ['products', '00000000-0000-4000-8000-000000000000'],
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('所选产品不是产品目录中已发布的产品');
    expect(await statusOf(id)).toBe('in_progress');
  });
});

describe('other endings, and what the table refuses', () => {
  it('the team withdraws a proposal before the pool; not after', async () => {
    const id = await propose(researcher, { title: '撤回测试项目' });
    const before = await auditHead(t);
    await done(researcher, id, 'withdraw', [['reason', '团队调整']]);
    expect(await auditSince(t, before)).toEqual(['project.withdraw:success']);
    expect(await statusOf(id)).toBe('withdrawn');
    expect((await researcher.get(`/research/projects/${id}`)).body).not.toContain('/commands/');
    // Withdrawn proposals stay out of the public pool.
    expect((await anonymous.get(`/research/projects/${id}`)).statusCode).toBe(404);
  });

  it('two commands on the same version at once: one wins, the other is told (409), nothing is written twice', async () => {
    const id = await propose(researcher, { title: '并发测试项目' });
    const token = await tokenOf(t, 'demo-city-admin');
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/research/projects/${id}/actions`,
        headers: { authorization: `Bearer ${token}` },
        payload: { command: 'pass_screening', version: 1 },
      });
    const answers = (await Promise.all([send(), send()])).map((r) => r.statusCode).sort();
    expect(answers).toEqual([200, 409]);
    const actions = await t.database.db.query<{ command: string }>(
      sql`select command from research_project_action where project_id = ${id} order by at`,
    );
    expect(actions.map((a) => a.command)).toEqual(['propose', 'pass_screening']);
    expect(await statusOf(id)).toBe('expert_review');
  });

  it('the city does not accept a proposal, with a reason the team reads', async () => {
    const id = await propose(researcher, { title: '不予通过测试项目' });
    const empty = await giveCommand(city, id, 'not_accept', [['reason', '']]);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#not_accept-reason"');
    await done(city, id, 'not_accept', [['reason', '不在征集方向内']]);
    expect(await statusOf(id)).toBe('not_accepted');
    expect((await researcher.get(`/research/projects/${id}`)).body).toContain('不在征集方向内');
  });

  it('the city stops the demo project in the pool: it leaves the public list', async () => {
    const reserved = await oneOf<{ id: string; reference: string }>(
      t,
      sql`select id, reference from research_project where status = 'reserved' and title like '%盲人室内导航%'`,
    );
    expect((await anonymous.get('/research?status=reserved')).body).toContain(reserved.reference);
    const before = await auditHead(t);
    await done(city, reserved.id, 'stop', [['reason', '合作方退出']]);
    expect(await auditSince(t, before)).toEqual(['project.stop:success']);
    expect(await statusOf(reserved.id)).toBe('stopped');
    expect((await anonymous.get('/research')).body).not.toContain(reserved.reference);
    expect((await anonymous.get(`/research/projects/${reserved.id}`)).statusCode).toBe(404);
    // Its own enterprise still sees it, as the city does.
    expect((await supplier.get(`/research/projects/${reserved.id}`)).statusCode).toBe(200);
  });

  it('a closed challenge takes no more proposals; only its organisation (or the city) closes it', async () => {
    const page = await supplier.get(`/research/challenges/${journey.challengeId}`);
    expect(page.body).toContain(`action="/research/challenges/${journey.challengeId}/close"`);
    expect((await researcher.get(`/research/challenges/${journey.challengeId}`)).body).not.toContain(
      '/close"',
    );
    const refused = await researcher.post(
      `/research/challenges/${journey.challengeId}`,
      `/research/challenges/${journey.challengeId}/close`,
      { version: '1' },
    );
    expect(refused.statusCode).toBe(403);
    // Another enterprise may post challenges, but not close this one: to it the challenge cannot be closed at all.
    const otherEnterprise = await oneOf<{ id: string }>(
      t,
      sql`select id from organisation where type = 'supplier' and name_zh <> '示例康行辅具科技有限公司' order by name_zh limit 1`,
    );
    await t.database.db.query(
      sql`insert into app_user (kind, username, display_name, password_hash)
          select 'staff', 'other-supplier', 'other-supplier', password_hash from app_user where username = 'demo-supplier'`,
    );
    await t.database.db.query(
      sql`insert into role_grant (user_id, role, organisation_id)
          select id, 'supplier_staff', ${otherEnterprise.id}::uuid from app_user where username = 'other-supplier'`,
    );
    const other = await signedInVisitor(t.app, 'other-supplier');
    let before = await auditHead(t);
    const notTheirs = await other.post(
      `/research/challenges/${journey.challengeId}`,
      `/research/challenges/${journey.challengeId}/close`,
      { version: '1' },
    );
    expect(notTheirs.statusCode).toBe(404);
    expect(await auditSince(t, before)).toEqual(['challenge.post:denied']);
    before = await auditHead(t);
    const closed = await supplier.post(
      `/research/challenges/${journey.challengeId}`,
      `/research/challenges/${journey.challengeId}/close`,
      { version: '1' },
    );
    expect(closed.statusCode).toBe(303);
    expect(await auditSince(t, before)).toEqual(['challenge.close:success']);
    const late = await researcher.post('/research/projects/new', '/research/projects/new', proposalFields());
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('所选企业出题已截止或不存在');
    expect((await anonymous.get('/research')).body).not.toContain(
      `/research/challenges/${journey.challengeId}"`,
    );
  });

  it('refuses a draft topic and a proposal for an organisation the proposer does not belong to', async () => {
    const draft = await draftTopic(t);
    const response = await researcher.post(
      '/research/projects/new',
      '/research/projects/new',
      proposalFields({ challenge: '', needTopics: draft }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('所选需求主题不存在或尚未发布');
    const supplierOrg = await organisationNamed(t, '示例康行辅具科技有限公司');
    const elsewhere = await researcher.post(
      '/research/projects/new',
      '/research/projects/new',
      proposalFields({ challenge: '', organisation: supplierOrg }),
    );
    expect(elsewhere.statusCode).toBe(400);
    expect(
      await oneOf<{ n: number }>(
        t,
        sql`select count(*)::int as n from research_project where organisation_id = ${supplierOrg}::uuid and title like '%轻量化设计（测试）'`,
      ),
    ).toEqual({ n: 0 });
  });
});

describe('who sees which projects: lists, counts and the API', () => {
  const statusesIn = (body: { items: { status: string }[] }) => new Set(body.items.map((p) => p.status));

  it('everyone sees the pool only; a team its own besides; the city everything', async () => {
    const anonymousList = (await t.app.inject({ url: '/api/v1/research/projects' })).json() as {
      items: { status: string; organisation: { name: string } }[];
      total: number;
    };
    for (const status of statusesIn(anonymousList)) expect(publicStatuses).toContain(status);
    const all = await oneOf<{ n: number }>(t, sql`select count(*)::int as n from research_project`);
    const pool = await oneOf<{ n: number }>(
      t,
      sql`select count(*)::int as n from research_project where status = any(${[...publicStatuses]}::text[])`,
    );
    expect(anonymousList.total).toBe(pool.n);

    const asResearcher = (
      await t.app.inject({
        url: '/api/v1/research/projects',
        headers: { authorization: `Bearer ${await tokenOf(t, 'demo-researcher')}` },
      })
    ).json() as { items: { status: string; organisation: { name: string } }[]; total: number };
    expect(statusesIn(asResearcher)).toContain('screening');
    for (const p of asResearcher.items)
      if (!(publicStatuses as readonly string[]).includes(p.status))
        expect(p.organisation.name).toBe('示例康复工程研究院');

    const asCity = (
      await t.app.inject({
        url: '/api/v1/research/projects',
        headers: { authorization: `Bearer ${await tokenOf(t, 'demo-city-admin')}` },
      })
    ).json() as { total: number };
    expect(asCity.total).toBe(all.n);

    const screeningForAnyone = (
      await t.app.inject({ url: '/api/v1/research/projects?status=screening' })
    ).json() as {
      items: unknown[];
      total: number;
    };
    expect(screeningForAnyone).toMatchObject({ items: [], total: 0 });
    expect((await t.app.inject({ url: '/api/v1/research/projects?status=nonsense' })).statusCode).toBe(400);
  });

  it('the public counts on /research are the pool’s, whoever reads them', async () => {
    const counts = await t.database.db.query<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from research_project group by status`,
    );
    const total = counts
      .filter((c) => (publicStatuses as readonly string[]).includes(c.status))
      .reduce((sum, c) => sum + c.n, 0);
    for (const visitor of [anonymous, researcher, city]) {
      const body = (await visitor.get('/research')).body;
      expect(body).toContain(`全部状态（${total}）`);
    }
    const manage = (await city.get('/research/manage')).body;
    expect(manage).toContain(`全部状态（${counts.reduce((sum, c) => sum + c.n, 0)}）`);
  });
});
