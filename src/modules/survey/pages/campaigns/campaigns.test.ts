import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, Visitor } from '../../../../../test/support/app.ts';
import { type SqlQuery, sql } from '../../../../platform/db/index.ts';
import { addDays, beijingDay } from '../../../policyCatalogs/index.ts';
import { type Campaign, insertCampaign, listCampaigns } from '../../campaignRepo.ts';

let t: TestApp;
let admin: Visitor;
let worker: Visitor;
let resident: Visitor;
let resident2: Visitor;
let researcher: Visitor;

const today = beijingDay(new Date());
const dayFields = (prefix: string, day: string): [string, string][] => {
  const [year, month, date] = day.split('-') as [string, string, string];
  return [
    [`${prefix}-year`, year],
    [`${prefix}-month`, String(Number(month))],
    [`${prefix}-day`, String(Number(date))],
  ];
};

const rows = <R>(query: SqlQuery) => t.database.db.query<R>(query);
const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
const versionOn = (html: string, action: string) =>
  new RegExp(`action="${action}"[\\s\\S]*?name="version" value="(\\d+)"`).exec(html)?.[1] as string;
/** The error summary's links, in order. */
const summaryLinks = (html: string) =>
  [
    ...(/<div class="fj-error-summary"[\s\S]*?<\/div>\s*<\/div>/.exec(html)?.[0] ?? '').matchAll(
      /href="#([^"]+)"/g,
    ),
  ].map((m) => m[1]);

const auditHead = async () =>
  (await rows<{ seq: number }>(sql`select coalesce(max(seq), 0)::int as seq from audit_event`))[0]?.seq ?? 0;
const auditSince = (seq: number) =>
  rows<{ action: string; outcome: string; object_id: string | null }>(
    sql`select action, outcome, object_id from audit_event where seq > ${seq} order by seq`,
  );
const userId = async (username: string) =>
  (await rows<{ id: string }>(sql`select id from app_user where username = ${username}`))[0]?.id as string;
const campaignRow = async (id: string) =>
  (
    await rows<{ status: string; version: number; title_zh: string; district_codes: string[] }>(
      sql`select status, version, title_zh, district_codes from survey_campaign where id = ${id}::uuid`,
    )
  )[0];

const demoTitles: Record<Campaign['status'], string> = {
  closed: '2025年科技助残需求调查',
  open: '2026年科技助残需求调查',
  draft: '2027年科技助残需求调查（筹备中）',
};

/** The demo's campaign in a status (the tests add campaigns of their own beside them). */
const demoCampaign = async (status: Campaign['status']) =>
  (await listCampaigns(t.database.db)).find((c) => c.title.zh === demoTitles[status]) as Campaign;

/** A campaign made straight in the database (for periods and districts the form would refuse or the demo lacks). */
async function campaignIn(
  districtCodes: string[],
  status: Campaign['status'],
  period: { startsOn: string; endsOn: string } = { startsOn: addDays(today, -1), endsOn: addDays(today, 30) },
  disabilityCategories: number[] = [],
): Promise<string> {
  const questionnaire = await demoCampaign('open');
  return t.database.db.transaction((tx) =>
    insertCampaign(
      tx,
      {
        questionnaireId: questionnaire.questionnaireId,
        title: {
          zh: `测试调查${districtCodes.join('')}${status}`,
          en: `Test survey ${districtCodes.join(' ')}`,
        },
        ...period,
        districtCodes,
        disabilityCategories,
      },
      status,
      null,
    ),
  );
}

/** The fields of a valid new campaign, as a browser posts them. */
const newCampaignFields = async (
  overrides: Record<string, string | string[]> = {},
): Promise<[string, string][]> => {
  const questionnaireId = (await demoCampaign('open')).questionnaireId;
  const fields: Record<string, string | string[]> = {
    titleZh: '2027年试点调查',
    titleEn: '2027 pilot survey',
    questionnaireId,
    districtCodes: ['610113', '610112'],
    ...overrides,
  };
  return [
    ...Object.entries(fields).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
    ),
    ...(overrides['startsOn-year'] === undefined ? dayFields('startsOn', addDays(today, 10)) : []),
    ...(overrides['endsOn-year'] === undefined ? dayFields('endsOn', addDays(today, 70)) : []),
  ];
};

async function createDraft(overrides: Record<string, string | string[]> = {}): Promise<string> {
  const response = await admin.post('/surveys/new', '/surveys/new', await newCampaignFields(overrides));
  expect(response.statusCode).toBe(303);
  const id = /^\/surveys\/([0-9a-f-]{36})\?done=created$/.exec(response.headers.location as string)?.[1];
  if (id === undefined) throw new Error(`unexpected redirect ${response.headers.location}`);
  return id;
}

/** Posts a version-carrying command form from the campaign page, as a browser would. */
async function command(visitor: Visitor, id: string, name: 'open' | 'close', version?: string) {
  const page = await visitor.get(`/surveys/${id}`);
  const action = `/surveys/${id}/${name}`;
  return visitor.postWithToken(action, {
    version: version ?? versionOn(page.body, action),
    _csrf: csrfOf(page.body),
  });
}

beforeAll(async () => {
  t = await testApp();
  [admin, worker, resident, resident2, researcher] = await Promise.all([
    signedInVisitor(t.app, 'demo-city-admin'),
    signedInVisitor(t.app, 'demo-community-worker'),
    signedInVisitor(t.app, 'demo-resident'),
    signedInVisitor(t.app, 'demo-resident-2'),
    signedInVisitor(t.app, 'demo-researcher'),
  ]);
});
afterAll(async () => {
  await t.close();
});

describe('GET /surveys: what each role may do', () => {
  it('the city administrator sees every campaign with its status, period and submitted count', async () => {
    const page = await admin.get('/surveys');
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    expect(page.body).toContain('href="/surveys/new"');
    for (const status of ['closed', 'open', 'draft'] as const) {
      const c = await demoCampaign(status);
      expect(page.body).toContain(`<a href="/surveys/${c.id}">${c.title.zh}</a>`);
    }
    expect(page.body).toContain('已结束');
    expect(page.body).toContain('进行中');
    expect(page.body).toContain('草稿');
    // The finished campaign's 2,400 responses, formatted as the table shows numbers.
    expect(page.body).toMatch(/>2,?400</);
    expect(page.body).not.toContain('/interview');
  });

  it('in English too, with the campaigns’ English names', async () => {
    const page = await admin.get('/surveys?lang=en');
    await admin.get('/surveys?lang=zh-CN');
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('2025 technology-for-disability needs survey');
    expect(page.body).toContain('New survey campaign');
  });

  it('a community worker sees the open campaign with the three ways of collecting answers', async () => {
    const open = await demoCampaign('open');
    const page = await worker.get('/surveys');
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    for (const path of ['interview', 'paper', 'form'])
      expect(page.body).toContain(`href="/surveys/${open.id}/${path}"`);
    expect(page.body).toContain('已指派给您');
    expect(page.body).toContain('您没有未提交的代填问卷。');
    // Neither closed nor draft campaigns, and no administration.
    expect(page.body).not.toContain((await demoCampaign('closed')).id);
    expect(page.body).not.toContain((await demoCampaign('draft')).id);
    expect(page.body).not.toContain('href="/surveys/new"');
  });

  it('a worker sees open campaigns of their district only, and their unsubmitted drafts', async () => {
    const elsewhere = await campaignIn(['610112'], 'open');
    const here = await campaignIn(['610113', '610112'], 'open');
    const later = await campaignIn(['610113'], 'open', {
      startsOn: addDays(today, 5),
      endsOn: addDays(today, 40),
    });
    const workerId = await userId('demo-community-worker');
    await t.database.db.query(
      sql`insert into survey_response (campaign_id, status, mode, entered_by, district_code, age_group, answers_sealed)
          values (${here}::uuid, 'in_progress', 'anonymous', ${workerId}::uuid, '610113', '18-44',
                  ${t.keyring.seal('{}')})`,
    );
    const page = await worker.get('/surveys');
    expect(page.body).not.toContain(elsewhere);
    expect(page.body).toContain(`href="/surveys/${here}/interview"`);
    expect(page.body).toContain('您有 1 份代填问卷尚未提交。');
    // Not started yet: shown with its start day, without links.
    expect(page.body).toContain(`测试调查610113open`);
    expect(page.body).not.toContain(`href="/surveys/${later}/interview"`);
  });

  it('a resident sees the campaigns asking their district, and whether they have answered', async () => {
    const open = await demoCampaign('open');
    const elsewhere = await campaignIn(['610112'], 'open');
    const page = await resident.get('/surveys');
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    expect(page.body).toContain(`href="/surveys/${open.id}/respond"`);
    expect(page.body).not.toContain(`/surveys/${elsewhere}/respond`);
    expect(page.body).not.toContain('/interview');
    const other = await resident2.get('/surveys');
    expect(other.body).toContain(`href="/surveys/${elsewhere}/respond"`);

    const residentId = await userId('demo-resident');
    await t.database.db.query(
      sql`insert into survey_response (campaign_id, status, mode, respondent_user_id, entered_by, district_code,
            age_group, answers_sealed, submitted_at)
          values (${open.id}::uuid, 'submitted', 'self', ${residentId}::uuid, ${residentId}::uuid, '610113', '45-59',
                  ${t.keyring.seal('{}')}, now())`,
    );
    const after = await resident.get('/surveys');
    expect(after.body).toContain('您已提交这份问卷，谢谢！');
    expect(after.body).not.toContain(`href="/surveys/${open.id}/respond"`);
    await t.database.db.query(
      sql`delete from survey_response where respondent_user_id = ${residentId}::uuid`,
    );
  });

  it('someone with nothing to do with answering or managing surveys is refused, and the refusal recorded', async () => {
    const before = await auditHead();
    const page = await researcher.get('/surveys');
    expect(page.statusCode).toBe(403);
    expect(await auditSince(before)).toEqual([
      { action: 'survey.answer', outcome: 'denied', object_id: null },
    ]);
  });

  it('an anonymous visitor is sent to sign in', async () => {
    const page = await new Visitor(t.app).get('/surveys');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/login\?returnTo=%2Fsurveys/);
  });
});

describe('a new campaign', () => {
  it('only the city administrator may open the form', async () => {
    expect((await worker.get('/surveys/new')).statusCode).toBe(403);
    expect((await resident.get('/surveys/new')).statusCode).toBe(403);
    const page = await admin.get('/surveys/new');
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    // The usual campaign is preselected: the one questionnaire, every district.
    expect(page.body).toMatch(/<option value="[0-9a-f-]{36}" selected/);
    expect(
      page.body.match(/name="districtCodes" type="checkbox" value="\d{6}" checked/g)?.length,
    ).toBeGreaterThan(10);
  });

  it('a post from someone else is refused before anything is read', async () => {
    const token = csrfOf((await worker.get('/surveys')).body);
    const response = await worker.postWithToken('/surveys/new', [
      ...(await newCampaignFields()),
      ['_csrf', token],
    ]);
    expect(response.statusCode).toBe(403);
  });

  it('an empty form gets an error summary linking to each field, in the order of the form', async () => {
    const before = await auditHead();
    const response = await admin.post('/surveys/new', '/surveys/new', [['questionnaireId', '']]);
    expect(response.statusCode).toBe(400);
    expect(summaryLinks(response.body)).toEqual([
      'titleZh',
      'titleEn',
      'questionnaireId',
      'startsOn-year',
      'endsOn-year',
      'districtCodes',
    ]);
    expect(response.body).toContain('请至少选择一个调查区县');
    expect(response.body).toContain('aria-describedby="titleZh-hint titleZh-error"');
    expect(await auditSince(before)).toEqual([]);
  });

  it('a period that does not make sense is refused, and what was typed is kept', async () => {
    const response = await admin.post(
      '/surveys/new',
      '/surveys/new',
      await newCampaignFields({
        'startsOn-year': '2030',
        'startsOn-month': '2',
        'startsOn-day': '30',
        'endsOn-year': '2030',
        'endsOn-month': '1',
        'endsOn-day': '1',
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(summaryLinks(response.body)).toEqual(['startsOn-year']);
    expect(response.body).toContain('开始日期不是有效的日期');
    expect(response.body).toContain('value="2027年试点调查"');
    const past = await admin.post(
      '/surveys/new',
      '/surveys/new',
      await newCampaignFields({
        ...Object.fromEntries(dayFields('startsOn', addDays(today, -30))),
        ...Object.fromEntries(dayFields('endsOn', addDays(today, -1))),
      }),
    );
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('结束日期已经过去');
  });

  it('districts not in the city are refused', async () => {
    const response = await admin.post(
      '/surveys/new',
      '/surveys/new',
      await newCampaignFields({ districtCodes: '999999' }),
    );
    expect(response.statusCode).toBe(400);
    expect(summaryLinks(response.body)).toEqual(['districtCodes']);
  });

  it('a valid form creates a draft, with one audit row', async () => {
    const before = await auditHead();
    const id = await createDraft({ disabilityCategories: ['4', '1'] });
    expect(await auditSince(before)).toEqual([
      { action: 'survey.campaign_create', outcome: 'success', object_id: id },
    ]);
    const row = await campaignRow(id);
    expect(row).toMatchObject({ status: 'draft', version: 1, title_zh: '2027年试点调查' });
    expect([...(row?.district_codes ?? [])]).toEqual(['610112', '610113']);
    const page = await admin.get(`/surveys/${id}?done=created`);
    expect(page.body).toContain('调查活动草稿已创建。');
    expect(page.body).toContain('视力残疾、肢体残疾');
    expect(page.body).toContain(`href="/surveys/${id}/edit"`);
  });
});

describe('the campaign page', () => {
  it('shows the demo’s finished campaign: details, links and counts by district, nothing to change', async () => {
    const closed = await demoCampaign('closed');
    const page = await admin.get(`/surveys/${closed.id}`);
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    expect(page.body).toContain(`href="/needs/campaigns/${closed.id}"`);
    expect(page.body).toContain(`href="/surveys/${closed.id}/form"`);
    expect(page.body).toContain(`href="/questionnaires/${closed.questionnaireId}"`);
    expect(page.body).toContain('本活动已经结束');
    expect(page.body).not.toContain(`action="/surveys/${closed.id}/open"`);
    expect(page.body).not.toContain(`action="/surveys/${closed.id}/workers"`);
    expect(page.body).toContain('小寨路街道残疾人专干（示例）');
    const total = /<th scope="row"[^>]*>合计<\/th>\s*<td[^>]*>([\d,]+)<\/td>/.exec(page.body)?.[1];
    expect(total?.replace(',', '')).toBe('2400');
  });

  it('in English', async () => {
    const open = await demoCampaign('open');
    const page = await admin.get(`/surveys/${open.id}?lang=en`);
    await admin.get('/surveys?lang=zh-CN');
    expect(page.body).toContain('<h1 class="fj-heading-l">2026 technology-for-disability needs survey</h1>');
    expect(page.body).toContain('Close the campaign');
  });

  it('is the administrators’: others get 403, an unknown campaign 404', async () => {
    const open = await demoCampaign('open');
    expect((await worker.get(`/surveys/${open.id}`)).statusCode).toBe(403);
    expect((await researcher.get(`/surveys/${open.id}`)).statusCode).toBe(403);
    expect((await admin.get('/surveys/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('changing a draft', () => {
  it('saves the change with the version read, and refuses a stale one', async () => {
    const id = await createDraft();
    const form = await admin.get(`/surveys/${id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(h1Count(form.body)).toBe(1);
    expect(form.body).toContain('value="2027年试点调查"');
    const version = versionOn(form.body, `/surveys/${id}/edit`);
    expect(version).toBe('1');
    const fields = await newCampaignFields({ titleZh: '2027年试点调查（修订）', districtCodes: '610113' });
    const before = await auditHead();
    const saved = await admin.postWithToken(`/surveys/${id}/edit`, [
      ...fields,
      ['version', version],
      ['_csrf', csrfOf(form.body)],
    ]);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/surveys/${id}?done=updated`);
    expect(await auditSince(before)).toEqual([
      { action: 'survey.campaign_update', outcome: 'success', object_id: id },
    ]);
    expect(await campaignRow(id)).toMatchObject({ version: 2, title_zh: '2027年试点调查（修订）' });

    // The same form sent again: someone (the same person, in another tab) changed it meanwhile.
    const stale = await admin.postWithToken(`/surveys/${id}/edit`, [
      ...(await newCampaignFields({ titleZh: '覆盖' })),
      ['version', version],
      ['_csrf', csrfOf(form.body)],
    ]);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('有人修改了这个调查活动');
    expect(summaryLinks(stale.body)).toEqual(['campaign-form']);
    // The form shows what is saved now, with the new version.
    expect(stale.body).toContain('value="2027年试点调查（修订）"');
    expect(versionOn(stale.body, `/surveys/${id}/edit`)).toBe('2');
    expect(await campaignRow(id)).toMatchObject({ version: 2, title_zh: '2027年试点调查（修订）' });
  });

  it('a form with errors changes nothing', async () => {
    const id = await createDraft();
    const form = await admin.get(`/surveys/${id}/edit`);
    const response = await admin.postWithToken(`/surveys/${id}/edit`, [
      ...(await newCampaignFields({ titleEn: '' })),
      ['version', '1'],
      ['_csrf', csrfOf(form.body)],
    ]);
    expect(response.statusCode).toBe(400);
    expect(summaryLinks(response.body)).toEqual(['titleEn']);
    expect(await campaignRow(id)).toMatchObject({ version: 1 });
  });

  it('an open campaign has no edit form, and an edit posted to it is refused', async () => {
    const open = await demoCampaign('open');
    const page = await admin.get(`/surveys/${open.id}/edit`);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(`/surveys/${open.id}`);
    const token = csrfOf((await admin.get(`/surveys/${open.id}`)).body);
    const response = await admin.postWithToken(`/surveys/${open.id}/edit`, [
      ...(await newCampaignFields()),
      ['version', String(open.version)],
      ['_csrf', token],
    ]);
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('这个调查活动当前的状态不允许这样操作。');
    expect((await campaignRow(open.id))?.title_zh).toBe(open.title.zh);
  });
});

describe('opening and closing', () => {
  it('draft → open → closed, one audit row each, and a stale form is refused', async () => {
    const id = await createDraft();
    const page = await admin.get(`/surveys/${id}`);
    const draftVersion = versionOn(page.body, `/surveys/${id}/open`);
    let before = await auditHead();
    const opened = await command(admin, id, 'open');
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(`/surveys/${id}?done=opened`);
    expect(await auditSince(before)).toEqual([
      { action: 'survey.campaign_open', outcome: 'success', object_id: id },
    ]);
    expect(await campaignRow(id)).toMatchObject({ status: 'open', version: 2 });

    before = await auditHead();
    const again = await command(admin, id, 'open', draftVersion);
    expect(again.statusCode).toBe(409);
    expect(summaryLinks(again.body)).toEqual(['status']);
    expect(await auditSince(before)).toEqual([]);

    const openPage = await admin.get(`/surveys/${id}?done=opened`);
    expect(openPage.body).toContain('调查活动已开启，开始收集答卷。');
    expect(openPage.body).not.toContain(`href="/surveys/${id}/edit"`);

    before = await auditHead();
    const closed = await command(admin, id, 'close');
    expect(closed.statusCode).toBe(303);
    expect(await auditSince(before)).toEqual([
      { action: 'survey.campaign_close', outcome: 'success', object_id: id },
    ]);
    expect(await campaignRow(id)).toMatchObject({ status: 'closed', version: 3 });
    const closedPage = await admin.get(`/surveys/${id}`);
    expect(closedPage.body).not.toContain(`action="/surveys/${id}/close"`);
    expect(closedPage.body).not.toContain(`action="/surveys/${id}/open"`);
  });

  it('a draft whose period is over cannot be opened', async () => {
    const id = await campaignIn(['610113'], 'draft', {
      startsOn: addDays(today, -60),
      endsOn: addDays(today, -1),
    });
    const response = await command(admin, id, 'open');
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('调查时间已经结束，不能开启');
    expect(await campaignRow(id)).toMatchObject({ status: 'draft' });
  });

  it('only administrators give the commands', async () => {
    const id = await createDraft();
    const token = csrfOf((await worker.get('/surveys')).body);
    const response = await worker.postWithToken(`/surveys/${id}/open`, { version: '1', _csrf: token });
    expect(response.statusCode).toBe(403);
    expect(await campaignRow(id)).toMatchObject({ status: 'draft' });
  });
});

describe('community workers', () => {
  it('are assigned from the campaign’s districts and removed, one audit row each', async () => {
    const id = await createDraft({ districtCodes: '610113' });
    const page = await admin.get(`/surveys/${id}`);
    expect(page.body).toContain('还没有指派社区工作人员。');
    const workerId = await userId('demo-community-worker');
    expect(page.body).toContain(`<option value="${workerId}">`);

    let before = await auditHead();
    const assigned = await admin.postWithToken(`/surveys/${id}/workers`, {
      userId: workerId,
      _csrf: csrfOf(page.body),
    });
    expect(assigned.statusCode).toBe(303);
    expect(assigned.headers.location).toBe(`/surveys/${id}?done=workerAssigned#workers`);
    expect(await auditSince(before)).toEqual([
      { action: 'survey.worker_assign', outcome: 'success', object_id: id },
    ]);
    const withWorker = await admin.get(`/surveys/${id}`);
    expect(withWorker.body).toContain('小寨路街道残疾人专干（示例）');
    expect(withWorker.body).toContain(`action="/surveys/${id}/workers/remove"`);

    // Sent twice: nothing more is written.
    before = await auditHead();
    await admin.postWithToken(`/surveys/${id}/workers`, { userId: workerId, _csrf: csrfOf(page.body) });
    expect(await auditSince(before)).toEqual([]);

    before = await auditHead();
    const removed = await admin.postWithToken(`/surveys/${id}/workers/remove`, {
      userId: workerId,
      _csrf: csrfOf(page.body),
    });
    expect(removed.statusCode).toBe(303);
    expect(await auditSince(before)).toEqual([
      { action: 'survey.worker_remove', outcome: 'success', object_id: id },
    ]);
    expect(await rows(sql`select 1 from survey_campaign_worker where campaign_id = ${id}::uuid`)).toEqual([]);
  });

  it('a worker of another district, or no worker chosen, is refused', async () => {
    const id = await createDraft({ districtCodes: '610112' });
    const page = await admin.get(`/surveys/${id}`);
    const workerId = await userId('demo-community-worker');
    expect(page.body).not.toContain(`<option value="${workerId}">`);
    const before = await auditHead();
    const refused = await admin.postWithToken(`/surveys/${id}/workers`, {
      userId: workerId,
      _csrf: csrfOf(page.body),
    });
    expect(refused.statusCode).toBe(409);
    expect(summaryLinks(refused.body)).toEqual(['userId']);
    const empty = await admin.postWithToken(`/surveys/${id}/workers`, {
      userId: '',
      _csrf: csrfOf(page.body),
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请选择要指派的社区工作人员');
    expect(await auditSince(before)).toEqual([]);
  });
});

describe('GET /questionnaires/:id', () => {
  it('shows anyone the whole questionnaire, with when each part is asked, in both languages', async () => {
    const { questionnaireId } = await demoCampaign('open');
    const visitor = new Visitor(t.app);
    const page = await visitor.get(`/questionnaires/${questionnaireId}`);
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    expect(page.body).toContain('<h1 class="fj-heading-l">科技助残需求调查</h1>');
    expect(page.body).toContain('第 3 部分：对辅具和服务的满意程度');
    expect(page.body).toContain('本部分只在以下情况出现：“您现在使用哪些辅助器具？”已回答。');
    expect(page.body).toContain('选了“都不需要”就不能再选其他项。');
    expect(page.body).toContain('看东西，即使戴着眼镜');
    const en = await visitor.get(`/questionnaires/${questionnaireId}?lang=en`);
    expect(en.body).toContain('Asked only when “Which assistive products do you use now?” is answered.');
    expect(en.body).toContain('From 0 to 600 minutes');
    // Every word of the questionnaire itself is in English (the header's language link aside).
    const main = en.body.slice(en.body.indexOf('<main'), en.body.indexOf('</main>'));
    expect(main).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('an unknown questionnaire is 404', async () => {
    const page = await new Visitor(t.app).get('/questionnaires/00000000-0000-4000-8000-000000000000');
    expect(page.statusCode).toBe(404);
  });
});
