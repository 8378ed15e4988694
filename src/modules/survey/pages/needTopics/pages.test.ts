import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, Visitor } from '../../../../../test/support/app.ts';
import { type SqlQuery, sql } from '../../../../platform/db/index.ts';
import { listNeedTopics } from '../../needTopicRepo.ts';
import { evidenceOf } from '../../needTopicService.ts';
import { seedNeedTopicsDemo } from '../../needTopicsDemo.ts';

let t: TestApp;
let cityAdmin: Visitor;

const rows = <R>(query: SqlQuery) => t.database.db.query<R>(query);
const auditHead = async () =>
  (await rows<{ seq: number }>(sql`select coalesce(max(seq), 0)::int as seq from audit_event`))[0]?.seq ?? 0;
const auditSince = (seq: number) =>
  rows<{ action: string; outcome: string; object_type: string | null; object_id: string | null }>(
    sql`select action, outcome, object_type, object_id from audit_event where seq > ${seq} order by seq`,
  );
const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;
const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
const number = (n: number) => new Intl.NumberFormat('zh-CN').format(n);

const topicIdTitled = async (title: string) =>
  (await rows<{ id: string }>(sql`select id from need_topic where title_zh = ${title}`))[0]?.id as string;

const form = (fields: Record<string, string | readonly string[]>): [string, string][] =>
  Object.entries(fields).flatMap(([name, value]) =>
    (typeof value === 'string' ? [value] : value).map((v): [string, string] => [name, v]),
  );

const draft = {
  titleZh: '外骨骼康复行走',
  titleEn: 'Exoskeletons for walking',
  summaryZh: '下肢瘫痪的人希望借助外骨骼重新行走。',
  summaryEn: 'People with paralysed legs hope to walk again with exoskeletons.',
  measure: ['tech.exoskeleton', 'unmet.apl08'],
  keywords: '外骨骼 机器人',
  isoClasses: '1806',
};

/** Creates a draft through the form; its id. */
async function createDraft(fields: Record<string, string | readonly string[]> = draft): Promise<string> {
  const response = await cityAdmin.post('/needs/topics/new', '/needs/topics/new', form(fields));
  expect(response.statusCode).toBe(303);
  const id = /^\/needs\/topics\/([0-9a-f-]{36})\?done=created$/.exec(
    response.headers.location as string,
  )?.[1];
  expect(id).toBeDefined();
  return id as string;
}

beforeAll(async () => {
  t = await testApp();
  cityAdmin = await signedInVisitor(t.app, 'demo-city-admin');
});
afterAll(async () => {
  await t.close();
});

describe('the demo topics', () => {
  it('are three published topics, seeded once', async () => {
    const topics = await listNeedTopics(t.database.db, { includeDrafts: true });
    expect(topics.map((topic) => [topic.title.zh, topic.status])).toEqual(
      expect.arrayContaining([
        ['智能出行与上下楼', 'published'],
        ['盲人出行导航', 'published'],
        ['可负担的智能听力设备', 'published'],
      ]),
    );
    expect(topics.every((topic) => topic.publishedAt !== null)).toBe(true);
    const again = await t.database.db.transaction((tx) => seedNeedTopicsDemo(tx, null));
    expect(again).toBe(0);
  });

  it('have evidence equal to the sums of the survey tallies, per campaign and measure', async () => {
    const topics = await listNeedTopics(t.database.db, { includeDrafts: false });
    const evidence = await evidenceOf(t.database.db, topics);
    let checked = 0;
    for (const topic of topics) {
      const survey = evidence.get(topic.id)?.survey;
      expect(survey?.campaigns.length).toBeGreaterThan(0);
      for (const campaign of survey?.campaigns ?? []) {
        for (const m of campaign.measures) {
          const [sum] = await rows<{ n: number }>(
            sql`select coalesce(sum(respondents), 0)::int as n from survey_tally
                where campaign_id = ${campaign.campaignId}::uuid and measure = ${m.measure}`,
          );
          expect(m.respondents, `${topic.title.zh} ${m.measure}`).toBe(sum?.n);
          checked++;
        }
        for (const k of campaign.keywords) {
          const [sum] = await rows<{ n: number }>(
            sql`select coalesce(sum(respondents), 0)::int as n from survey_term_tally
                where campaign_id = ${campaign.campaignId}::uuid and term = ${k.term}`,
          );
          expect(k.respondents, `${topic.title.zh} ${k.term}`).toBe(sum?.n);
        }
      }
      const [all] = await rows<{ n: number }>(
        sql`select coalesce(sum(respondents), 0)::int as n from survey_tally where measure = any(${topic.measures}::text[])`,
      );
      expect(survey?.measureMentions).toBe(all?.n);
      // The demo campaigns evidence every demo topic.
      expect(survey?.measureMentions).toBeGreaterThan(100);
      expect(survey?.keywordMentions).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('show their evidence in words on the topic page, by source', async () => {
    const id = await topicIdTitled('智能出行与上下楼');
    const page = await new Visitor(t.app).get(`/needs/topics/${id}`);
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    const body = main(page.body);
    expect(body).toContain('需求调查');
    expect(body).toContain('适配随访');
    expect(body).toContain('需要但没有：电动轮椅');
    expect(body).toContain('未获得辅具的原因：买不起');
    expect(body).toContain('自由填写中提到“轮椅”');
    // The city-wide figure of the closed campaign, exactly as the tallies add up.
    const [closed] = await rows<{ id: string; title_zh: string }>(
      sql`select c.id, c.title_zh from survey_campaign c where exists (select 1 from survey_tally t where t.campaign_id = c.id)
          order by c.starts_on limit 1`,
    );
    const [wheelchairs] = await rows<{ n: number }>(
      sql`select sum(respondents)::int as n from survey_tally where campaign_id = ${closed?.id}::uuid and measure = 'unmet.apl04'`,
    );
    expect(body).toContain(closed?.title_zh);
    expect(body).toContain(`>${number(wheelchairs?.n ?? 0)}<`);
    expect(body).toContain('href="/research/challenges/new?topic=');
    expect(body).toContain(`href="/research/projects/new?topic=${id}"`);
    // Published topics offer no command to the public.
    expect(body).not.toContain('name="_csrf"');
    const english = await new Visitor(t.app).get(`/needs/topics/${id}?lang=en`);
    expect(main(english.body)).toContain('Need but do not have: Powered wheelchairs');
    expect(main(english.body)).toContain('<span lang="zh-CN">');
  });

  it('are listed for everyone with evidence totals, and given by the API', async () => {
    const list = await new Visitor(t.app).get('/needs/topics');
    expect(list.statusCode).toBe(200);
    expect(h1Count(list.body)).toBe(1);
    for (const title of ['智能出行与上下楼', '盲人出行导航', '可负担的智能听力设备'])
      expect(main(list.body)).toContain(title);
    expect(main(list.body)).toMatch(/调查项 [\d,]+ 人次/);
    expect(main(list.body)).not.toContain('新建需求专题');

    const api = await t.app.inject({ method: 'GET', url: '/api/v1/need-topics' });
    expect(api.statusCode).toBe(200);
    const items = api.json().items as {
      title: string;
      measures: string[];
      evidence: { survey: { measureMentions: number | null; campaigns: number } };
    }[];
    expect(items).toHaveLength(3);
    for (const item of items) {
      const [all] = await rows<{ n: number }>(
        sql`select coalesce(sum(respondents), 0)::int as n from survey_tally where measure = any(${item.measures}::text[])`,
      );
      expect(item.evidence.survey.measureMentions).toBe(all?.n);
      expect(item.evidence.survey.campaigns).toBeGreaterThan(0);
    }
  });
});

describe('a draft topic', () => {
  it('is created through the form as a draft, with one audit row, and seen only by those who manage topics', async () => {
    const before = await auditHead();
    const id = await createDraft();
    expect(await auditSince(before)).toEqual([
      { action: 'need_topic.create', outcome: 'success', object_type: 'need_topic', object_id: id },
    ]);
    const [saved] = await rows<{
      status: string;
      measures: string[];
      keywords: string[];
      iso_classes: string[];
    }>(sql`select status, measures, keywords, iso_classes from need_topic where id = ${id}::uuid`);
    expect(saved).toEqual({
      status: 'draft',
      measures: ['tech.exoskeleton', 'unmet.apl08'],
      keywords: ['外骨骼', '机器人'],
      iso_classes: ['1806'],
    });
    const own = await cityAdmin.get(`/needs/topics/${id}?done=created`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('需求专题已创建');
    expect(main(own.body)).toContain('草稿');
    expect((await cityAdmin.get('/needs/topics')).body).toContain(`href="/needs/topics/${id}"`);

    const researcher = await signedInVisitor(t.app, 'demo-researcher');
    const denied = await auditHead();
    expect((await researcher.get(`/needs/topics/${id}`)).statusCode).toBe(404);
    expect(await auditSince(denied)).toEqual([
      { action: 'need_topic.manage', outcome: 'denied', object_type: 'need_topic', object_id: id },
    ]);
    expect((await new Visitor(t.app).get(`/needs/topics/${id}`)).statusCode).toBe(404);
    expect((await researcher.get('/needs/topics')).body).not.toContain(id);
    expect((await researcher.get('/needs/topics/new')).statusCode).toBe(403);
    expect((await researcher.get(`/needs/topics/${id}/edit`)).statusCode).toBe(403);
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/need-topics' });
    expect(api.body).not.toContain(id);
  });

  it('becomes public when published, and private again when taken back, each with one audit row', async () => {
    const id = await createDraft({ ...draft, titleZh: '发布测试专题' });
    const before = await auditHead();
    const published = await cityAdmin.post(`/needs/topics/${id}`, `/needs/topics/${id}/publish`, {});
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`/needs/topics/${id}?done=published`);
    expect((await auditSince(before)).map((r) => [r.action, r.object_id])).toEqual([
      ['need_topic.publish', id],
    ]);

    const anonymous = new Visitor(t.app);
    const page = await anonymous.get(`/needs/topics/${id}`);
    expect(page.statusCode).toBe(200);
    expect(main(page.body)).toContain('发布测试专题');
    expect(main((await anonymous.get('/needs/topics')).body)).toContain('发布测试专题');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/need-topics' });
    expect((api.json().items as { id: string }[]).map((i) => i.id)).toContain(id);

    // Publishing twice is a conflict, not a second change.
    const again = await auditHead();
    expect((await cityAdmin.post(`/needs/topics/${id}`, `/needs/topics/${id}/publish`, {})).statusCode).toBe(
      409,
    );
    expect(await auditSince(again)).toEqual([]);

    const back = await auditHead();
    const unpublished = await cityAdmin.post(`/needs/topics/${id}`, `/needs/topics/${id}/unpublish`, {});
    expect(unpublished.headers.location).toBe(`/needs/topics/${id}?done=unpublished`);
    expect((await auditSince(back)).map((r) => r.action)).toEqual(['need_topic.unpublish']);
    expect((await anonymous.get(`/needs/topics/${id}`)).statusCode).toBe(404);
  });

  it('is refused to anyone else who posts publish', async () => {
    const id = await createDraft({ ...draft, titleZh: '不能发布' });
    const supplier = await signedInVisitor(t.app, 'demo-supplier');
    const token = /name="_csrf" value="([^"]+)"/.exec((await supplier.get('/needs/topics')).body)?.[1];
    const response = await supplier.postWithToken(`/needs/topics/${id}/publish`, { _csrf: token ?? '' });
    expect(response.statusCode).toBe(403);
    const [row] = await rows<{ status: string }>(sql`select status from need_topic where id = ${id}::uuid`);
    expect(row?.status).toBe('draft');
  });
});

describe('the topic form', () => {
  it('shows every mistake, linked from the summary, keeping what was typed; nothing is saved', async () => {
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from need_topic`);
    const response = await cityAdmin.post(
      '/needs/topics/new',
      '/needs/topics/new',
      form({
        titleZh: '',
        titleEn: 'Stairs',
        summaryZh: '',
        summaryEn: '',
        keywords: '',
        isoClasses: '122A',
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/<title>错误：/);
    for (const field of ['titleZh', 'summaryZh', 'summaryEn', 'measure-unmet', 'isoClasses'])
      expect(response.body).toContain(`href="#${field}"`);
    expect(response.body).toContain('请输入中文标题');
    expect(response.body).toContain('至少选择一个作为证据的调查项，或填写一个关键词');
    expect(response.body).toContain('“122A”不是');
    expect(response.body).toContain('value="Stairs"');
    expect(response.body).toContain('aria-describedby="isoClasses-hint isoClasses-error"');
    expect(h1Count(response.body)).toBe(1);
    expect(await rows<{ n: number }>(sql`select count(*)::int as n from need_topic`)).toEqual(before);
  });

  it('suggests frequent words no topic groups yet, with counts, and adds the ticked ones', async () => {
    const page = await cityAdmin.get('/needs/topics/new');
    expect(page.statusCode).toBe(200);
    const suggested = [...page.body.matchAll(/name="suggested" type="checkbox" value="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(suggested.length).toBeGreaterThan(0);
    // The demo topics' words and stop words are not suggested again.
    for (const word of ['轮椅', '楼梯', '导航', '助听器', '希望', '设备'])
      expect(suggested).not.toContain(word);
    const [top] = await rows<{ term: string; n: number }>(
      sql`select term, sum(respondents)::int as n from survey_term_tally
          where term <> all(${['轮椅', '楼梯', '爬楼机', '导航', '盲人', '助听器', '字幕', '希望', '设备', '外骨骼', '机器人']}::text[])
          group by term order by n desc, term limit 1`,
    );
    expect(page.body).toContain(`${top?.term}（${number(top?.n ?? 0)} 人）`);

    const word = suggested[0] as string;
    const id = await createDraft({ ...draft, titleZh: '建议词', keywords: '', suggested: [word] });
    const [saved] = await rows<{ keywords: string[] }>(
      sql`select keywords from need_topic where id = ${id}::uuid`,
    );
    expect(saved?.keywords).toEqual([word]);
    const after = await cityAdmin.get('/needs/topics/new');
    expect(after.body).not.toContain(`value="${word}"`);
  });

  it('edits a topic over the version shown, refusing a stale form', async () => {
    const id = await createDraft({ ...draft, titleZh: '编辑测试' });
    const edit = await cityAdmin.get(`/needs/topics/${id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="编辑测试"');
    expect(edit.body).toMatch(/value="tech\.exoskeleton" checked/);
    const version = /name="version" value="(\d+)"/.exec(edit.body)?.[1] as string;
    const token = /name="_csrf" value="([^"]+)"/.exec(edit.body)?.[1] as string;
    const fields = form({ ...draft, titleZh: '编辑后的标题', isoClasses: '1806 1809', version });

    const before = await auditHead();
    const saved = await cityAdmin.postWithToken(`/needs/topics/${id}/edit`, [...fields, ['_csrf', token]]);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/needs/topics/${id}?done=updated`);
    expect((await auditSince(before)).map((r) => [r.action, r.object_id])).toEqual([
      ['need_topic.update', id],
    ]);
    const [row] = await rows<{ title_zh: string; iso_classes: string[]; version: number }>(
      sql`select title_zh, iso_classes, version from need_topic where id = ${id}::uuid`,
    );
    expect(row).toEqual({
      title_zh: '编辑后的标题',
      iso_classes: ['1806', '1809'],
      version: Number(version) + 1,
    });

    // The same form again: someone (this same form) saved since it was shown.
    const stale = await cityAdmin.postWithToken(`/needs/topics/${id}/edit`, [
      ...form({ ...draft, titleZh: '过时的修改', version }),
      ['_csrf', token],
    ]);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('href="#stale"');
    expect(stale.body).toContain('value="过时的修改"');
    const [kept] = await rows<{ title_zh: string }>(
      sql`select title_zh from need_topic where id = ${id}::uuid`,
    );
    expect(kept?.title_zh).toBe('编辑后的标题');
  });

  it('withholds figures under five as “<5”, and one more as “*” where a total would give one away', async () => {
    const campaigns = await rows<{ id: string }>(
      sql`select campaign_id as id from survey_tally group by campaign_id order by campaign_id`,
    );
    expect(campaigns).toHaveLength(2);
    const [first, second] = campaigns as [{ id: string }, { id: string }];
    await t.database.db.query(
      sql`insert into survey_term_tally (campaign_id, term, respondents)
          values (${first.id}::uuid, '罕见词', 3), (${first.id}::uuid, '推算词', 3), (${second.id}::uuid, '推算词', 40)`,
    );
    const cellsOf = (html: string, term: string) =>
      [
        ...(new RegExp(`自由填写中提到“${term}”[\\s\\S]*?</tr>`).exec(main(html))?.[0] ?? '').matchAll(
          /<td[^>]*>([^<]*)<\/td>/g,
        ),
      ].map((m) => m[1]);

    // One campaign's 3, the other's 40 and their 43: the 40 would give the 3 away, so it is withheld too.
    const derived = await createDraft({
      ...draft,
      titleZh: '推算',
      measure: [],
      keywords: '推算词',
      isoClasses: '',
    });
    const page = await cityAdmin.get(`/needs/topics/${derived}`);
    expect(main(page.body)).toContain('本专题没有指定辅具类别');
    expect([...(cellsOf(page.body, '推算词') as string[])].sort()).toEqual(['&lt;5', '*', '43'].sort());

    const rare = await createDraft({
      ...draft,
      titleZh: '罕见',
      measure: [],
      keywords: '罕见词',
      isoClasses: '',
    });
    const cells = cellsOf((await cityAdmin.get(`/needs/topics/${rare}`)).body, '罕见词');
    expect([...(cells as string[])].sort()).toEqual(['&lt;5', '&lt;5', '0'].sort());

    for (const id of [derived, rare])
      await cityAdmin.post(`/needs/topics/${id}`, `/needs/topics/${id}/publish`, {});
    const items = (await t.app.inject({ method: 'GET', url: '/api/v1/need-topics' })).json().items as {
      id: string;
      evidence: { survey: { keywordMentions: number | null } };
    }[];
    const mentions = (id: string) => items.find((i) => i.id === id)?.evidence.survey.keywordMentions;
    expect(mentions(derived)).toBe(43);
    expect(mentions(rare)).toBeNull();
  });
});
