import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../../test/support/app.ts';
import { sql } from '../../../../platform/db/index.ts';
import { measuresOf } from '../../domain/measures.ts';
import { needsQuestionnaire } from '../../domain/needsQuestionnaire.ts';
import {
  auditAfter,
  auditHead,
  createCampaign,
  dayFromToday,
  h1Count,
  one,
  registeredPerson,
  storedResponse,
  summaryLinks,
  tallyOf,
  wgssFields,
} from './testkit.ts';

let t: TestApp;
let resident: Visitor;
let resident2: Visitor;
let worker: Visitor;
let volunteer: Visitor;

beforeAll(async () => {
  t = await testApp();
  [resident, resident2, worker, volunteer] = await Promise.all([
    signedInVisitor(t.app, 'demo-resident'),
    signedInVisitor(t.app, 'demo-resident-2'),
    signedInVisitor(t.app, 'demo-community-worker'),
    signedInVisitor(t.app, 'demo-volunteer'),
  ]);
});
afterAll(async () => {
  await t.close();
});

const responseIdIn = (location: string | undefined): string => {
  const id = /\/responses\/([0-9a-f-]{36})/.exec(location ?? '')?.[1];
  if (id === undefined) throw new Error(`no response in ${location}`);
  return id;
};

/** A resident starts the campaign from its start page; returns the response's id. */
async function startAsResident(visitor: Visitor, campaignId: string, fields: Record<string, string> = {}) {
  const started = await visitor.post(
    `/surveys/${campaignId}/respond`,
    `/surveys/${campaignId}/respond`,
    fields,
  );
  expect(started.statusCode, started.body.slice(0, 300)).toBe(303);
  return responseIdIn(started.headers.location);
}

const section = (id: string, index: number) => `/responses/${id}/sections/${index}`;

/** Posts a section from its own page, as a browser would. */
const postSection = (visitor: Visitor, id: string, index: number, fields: [string, string][]) =>
  visitor.post(section(id, index), section(id, index), fields);

describe('a resident answers for themselves', () => {
  it('starts, saves a section, comes back later at the same section, and submits into the tallies', async () => {
    const campaignId = await createCampaign(t);
    const start = await resident.get(`/surveys/${campaignId}/respond`);
    expect(start.statusCode).toBe(200);
    expect(h1Count(start.body)).toBe(1);
    // What the registry says about them, in words: their district and no number of theirs.
    expect(start.body).toContain('雁塔区');
    expect(start.body).toContain('这些信息来自您在残疾人信息库中的登记。');

    const id = await startAsResident(resident, campaignId);
    expect((await resident.get(`/responses/${id}`)).headers.location).toBe(section(id, 0));
    const first = await resident.get(section(id, 0));
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('第 1 部分，共 3 部分');
    expect(first.body).toContain('name="q.wgss.seeing"');

    const saved = await postSection(resident, id, 0, [
      ...wgssFields('none').map(([name, value]): [string, string] =>
        name === 'q.wgss.walking' ? [name, 'a_lot'] : [name, value],
      ),
      ['nav', 'next'],
    ]);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(section(id, 1));

    // Products used: the satisfaction section joins the questionnaire; source and payer wait for later.
    const later = await postSection(resident, id, 1, [
      ['q.products_used', 'apl03'],
      ['q.products_used', 'apl01'],
      ['nav', 'later'],
    ]);
    expect(later.headers.location).toBe(`/responses/${id}/saved`);
    expect((await resident.get(`/responses/${id}/saved`)).body).toContain('您的回答已保存');
    expect((await storedResponse(t, id)).resume_section).toBe(1);

    // Later: the campaign's start leads back to the same section, with what was ticked still ticked.
    const back = await resident.get(`/surveys/${campaignId}/respond`);
    expect(back.headers.location).toBe(`/responses/${id}`);
    expect((await resident.get(`/responses/${id}`)).headers.location).toBe(section(id, 1));
    const resumed = await resident.get(section(id, 1));
    expect(resumed.body).toContain('第 2 部分，共 4 部分');
    expect(resumed.body).toMatch(/value="apl03"[^>]*checked/);

    // Moving on asks for the questions the products lead to.
    const missing = await postSection(resident, id, 1, [
      ['q.products_used', 'apl03'],
      ['q.products_used', 'apl01'],
      ['nav', 'next'],
    ]);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('<title>错误：');
    expect(summaryLinks(missing.body)).toEqual(['#q-source', '#q-payer']);
    expect(missing.body).toMatch(/value="apl01"[^>]*checked/);

    const products = await postSection(resident, id, 1, [
      ['q.products_used', 'apl03'],
      ['q.products_used', 'apl01'],
      ['q.source', 'government'],
      ['q.payer', 'subsidy'],
      ['q.products_needed', 'apl04'],
      ['q.barriers', 'cost'],
      ['q.travel_minutes', '40'],
      ['nav', 'next'],
    ]);
    expect(products.headers.location).toBe(section(id, 2));
    const satisfaction: [string, string][] = [
      ['q.satisfaction.product', 's4'],
      ['q.satisfaction.assessment', 's3'],
      ['q.satisfaction.training', 'na'],
      ['q.satisfaction.repair', 's2'],
      ['q.dissatisfaction', 'poor_fit'],
      ['nav', 'next'],
    ];
    expect((await postSection(resident, id, 2, satisfaction)).headers.location).toBe(section(id, 3));
    const technology = await postSection(resident, id, 3, [
      ['q.tech_needs', 'exoskeleton'],
      ['q.tech_need_text', '希望有更轻便的电动轮椅'],
      ['nav', 'next'],
    ]);
    expect(technology.headers.location).toBe(`/responses/${id}/check`);

    const check = await resident.get(`/responses/${id}/check`);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('手杖、拐杖、手动轮椅');
    expect(check.body).toContain(`href="${section(id, 1)}#q-products_used"`);

    const before = await tallyOf(t, campaignId);
    expect(before).toEqual({});
    const seq = await auditHead(t);
    const submitted = await resident.post(`/responses/${id}/check`, `/responses/${id}/check`, {});
    expect(submitted.headers.location).toBe(`/responses/${id}/done`);
    expect(await auditAfter(t, seq)).toEqual(['survey.response_submit:success']);
    const stored = await storedResponse(t, id);
    expect(stored.status).toBe('submitted');
    expect(stored.mode).toBe('self');
    expect(stored.district_code).toBe('610113');
    // The tallies gained exactly this response's measures, once each.
    const tally = await tallyOf(t, campaignId);
    expect(tally).toEqual(Object.fromEntries(measuresOf(stored.answers).map((m) => [m, 1])));
    expect(tally['unmet.apl04']).toBe(1);
    expect(tally['use.apl03']).toBe(1);

    const done = await resident.get(`/responses/${id}/done`);
    expect(done.body).toContain('感谢您参加调查');
    // Submitted: read-only. Its sections lead to the answers without a way to change them.
    expect((await resident.get(section(id, 0))).headers.location).toBe(`/responses/${id}/check`);
    const readOnly = await resident.get(`/responses/${id}/check`);
    expect(readOnly.body).not.toContain('action="/responses');
    const token = await resident.csrfToken(`/responses/${id}/check`);
    const change = await resident.postWithToken(section(id, 0), [...wgssFields('some'), ['_csrf', token]]);
    expect(change.statusCode).toBe(409);
    expect(change.body).toContain('这份回答已经提交');
    const again = await resident.post(`/responses/${id}/check`, `/responses/${id}/check`, {});
    expect(again.headers.location).toBe(`/responses/${id}/done`);
    expect(await tallyOf(t, campaignId)).toEqual(tally);
    // Starting again leads to what was submitted.
    expect((await resident.get(`/surveys/${campaignId}/respond`)).headers.location).toBe(
      `/responses/${id}/done`,
    );
  });

  it('refuses to submit while a required question is missing, and leads to it', async () => {
    const campaignId = await createCampaign(t);
    const id = await startAsResident(resident, campaignId);
    const partial = await postSection(resident, id, 0, [
      ['q.wgss.seeing', 'none'],
      ['q.wgss.hearing', 'some'],
      ['nav', 'later'],
    ]);
    expect(partial.statusCode).toBe(303);
    const refused = await resident.post(`/responses/${id}/check`, `/responses/${id}/check`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('<title>错误：');
    expect(summaryLinks(refused.body)).toEqual([`${section(id, 0)}#q-wgss-walking`]);
    expect(refused.body).toContain('日常活动中的困难：请回答“您在以下方面是否有困难？”');
    expect((await storedResponse(t, id)).status).toBe('in_progress');
    expect(await tallyOf(t, campaignId)).toEqual({});
  });

  it('drops answers to questions that no longer apply, on the same page and after going back', async () => {
    const campaignId = await createCampaign(t);
    const id = await startAsResident(resident2, campaignId);
    await postSection(resident2, id, 0, [...wgssFields('none'), ['nav', 'next']]);
    // Source posted without a product: its condition does not hold, so it is not kept.
    await postSection(resident2, id, 1, [
      ['q.source', 'shop'],
      ['q.products_needed', 'apl14'],
      ['q.barriers', 'cost'],
      ['nav', 'next'],
    ]);
    expect((await storedResponse(t, id)).answers).toEqual({
      wgss: Object.fromEntries(wgssFields('none').map(([f, v]) => [f.slice(7), v])),
      products_needed: ['apl14'],
      barriers: ['cost'],
    });
    // A product ticked but where it came from left out: refused, and the progress already counts the satisfaction part.
    const refused = await postSection(resident2, id, 1, [
      ['q.products_used', 'apl14'],
      ['nav', 'next'],
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('第 2 部分，共 4 部分');
    // With a product used, source, payer and the satisfaction section are answered…
    await postSection(resident2, id, 1, [
      ['q.products_used', 'apl14'],
      ['q.source', 'shop'],
      ['q.payer', 'self_family'],
      ['nav', 'next'],
    ]);
    await postSection(resident2, id, 2, [
      ['q.satisfaction.product', 's5'],
      ['q.satisfaction.assessment', 's5'],
      ['q.satisfaction.training', 's5'],
      ['q.satisfaction.repair', 's5'],
      ['nav', 'previous'],
    ]);
    expect(Object.keys((await storedResponse(t, id)).answers).sort()).toEqual([
      'payer',
      'products_used',
      'satisfaction',
      'source',
      'wgss',
    ]);
    // …then going back and unticking the product drops them all, and the next section is the last one.
    const unticked = await postSection(resident2, id, 1, [['nav', 'next']]);
    expect(unticked.headers.location).toBe(section(id, 3));
    expect(Object.keys((await storedResponse(t, id)).answers)).toEqual(['wgss']);
    expect((await resident2.get(section(id, 2))).headers.location).toBe(section(id, 3));
  });
});

describe('who may start and open a response', () => {
  it('keeps resident B out of resident A’s response: its sections, its check page and its submission', async () => {
    const campaignId = await createCampaign(t);
    const id = await startAsResident(resident, campaignId);
    await postSection(resident, id, 0, [...wgssFields(), ['nav', 'next']]);
    for (const path of [
      `/responses/${id}`,
      section(id, 0),
      `/responses/${id}/check`,
      `/responses/${id}/done`,
    ]) {
      expect((await resident2.get(path)).statusCode, path).toBe(404);
    }
    const token = await resident2.csrfToken(`/surveys/${campaignId}/respond`);
    const submit = await resident2.postWithToken(`/responses/${id}/check`, { _csrf: token });
    expect(submit.statusCode).toBe(404);
    const save = await resident2.postWithToken(section(id, 0), [...wgssFields('cannot'), ['_csrf', token]]);
    expect(save.statusCode).toBe(404);
    expect((await storedResponse(t, id)).status).toBe('in_progress');
    expect((await storedResponse(t, id)).answers).toEqual({
      wgss: Object.fromEntries(wgssFields('none').map(([f, v]) => [f.slice(7), v])),
    });
    const denials = await t.database.db.query<{ n: number }>(
      sql`select count(*)::int as n from audit_event where object_id = ${id} and outcome = 'denied'`,
    );
    expect(denials[0]?.n).toBe(6);
    // The worker of the response's district reaches it; a volunteer does not.
    expect((await worker.get(section(id, 0))).statusCode).toBe(200);
    expect((await volunteer.get(section(id, 0))).statusCode).toBe(403);
  });

  it('refuses a campaign that takes no answers today, and a resident of a district it leaves out', async () => {
    const closed = await createCampaign(t, { startsOn: dayFromToday(-30), endsOn: dayFromToday(-1) });
    const refused = await resident.get(`/surveys/${closed}/respond`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('本次调查现在不接受填写');
    expect(
      (await resident.post(`/surveys/${closed}/respond`, `/surveys/${closed}/respond`, {})).statusCode,
    ).toBe(409);
    const draft = await createCampaign(t, { status: 'draft' });
    expect((await resident.get(`/surveys/${draft}/respond`)).statusCode).toBe(404);
    const yantaOnly = await createCampaign(t, { districtCodes: ['610113'] });
    const outside = await resident2.get(`/surveys/${yantaOnly}/respond`);
    expect(outside.statusCode).toBe(403);
    expect(outside.body).toContain('本次调查不包括您');
    expect((await worker.get(`/surveys/${closed}/interview`)).statusCode).toBe(409);
  });
});

describe('a community worker interviews', () => {
  it('a registered person of their district found by ID number, never echoing the number; once per person', async () => {
    const campaignId = await createCampaign(t);
    const person = await registeredPerson(t, { district: '610113' });
    const page = await worker.get(`/surveys/${campaignId}/interview`);
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    const started = await worker.post(
      `/surveys/${campaignId}/interview`,
      `/surveys/${campaignId}/interview`,
      {
        kind: 'person',
        residentId: person.residentId,
      },
    );
    expect(started.statusCode).toBe(303);
    const id = responseIdIn(started.headers.location);
    const stored = await storedResponse(t, id);
    expect(stored.mode).toBe('proxy');
    expect(stored.person_id).toBe(person.id);
    expect(stored.district_code).toBe('610113');

    // The section page, read by staff for a named person, is audited; it says who is answering.
    const seq = await auditHead(t);
    const first = await worker.get(section(id, 0));
    expect(first.body).toContain('您正在代已登记人员回答');
    expect(await auditAfter(t, seq)).toEqual(['survey.response_read:success']);
    const saveSeq = await auditHead(t);
    const token = /name="_csrf" value="([^"]+)"/.exec(first.body)?.[1] ?? '';
    await worker.postWithToken(section(id, 0), [...wgssFields('some'), ['nav', 'next'], ['_csrf', token]]);
    expect(await auditAfter(t, saveSeq)).toEqual(['survey.response_save:success']);

    // The same person again resumes the same response.
    const again = await worker.post(`/surveys/${campaignId}/interview`, `/surveys/${campaignId}/interview`, {
      kind: 'person',
      residentId: person.residentId,
    });
    expect(again.headers.location).toBe(`/responses/${id}`);
    expect((await worker.get(`/surveys/${campaignId}/interview`)).body).toContain(`href="/responses/${id}"`);
  });

  it('refuses a person of another district as not found, and a mistyped number, without echoing either', async () => {
    const campaignId = await createCampaign(t);
    const elsewhere = await registeredPerson(t, { district: '610112' });
    const refused = await worker.post(
      `/surveys/${campaignId}/interview`,
      `/surveys/${campaignId}/interview`,
      {
        kind: 'person',
        residentId: elsewhere.residentId,
      },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('在您负责的区（县）没有找到这个身份证号码的登记');
    expect(refused.body).not.toContain(elsewhere.residentId);
    expect(summaryLinks(refused.body)).toEqual(['#residentId']);
    const typo = `${elsewhere.residentId.slice(0, 17)}${elsewhere.residentId.endsWith('1') ? '2' : '1'}`;
    const invalid = await worker.post(
      `/surveys/${campaignId}/interview`,
      `/surveys/${campaignId}/interview`,
      {
        kind: 'person',
        residentId: typo,
      },
    );
    expect(invalid.body).toContain('身份证号码有误');
    const count = await one<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from survey_response where campaign_id = ${campaignId}::uuid`,
    );
    expect(count.n).toBe(0);
  });

  it('anonymously, with a district they serve, an age group and a category', async () => {
    const campaignId = await createCampaign(t);
    const url = `/surveys/${campaignId}/interview`;
    const wrong = await worker.post(url, url, { kind: 'anonymous', district: '610112', ageGroup: '45-59' });
    expect(wrong.statusCode).toBe(400);
    expect(summaryLinks(wrong.body)).toEqual(['#district', '#category']);
    expect(wrong.body).toMatch(/value="45-59"[^>]*checked/);
    const started = await worker.post(url, url, {
      kind: 'anonymous',
      district: '610113',
      ageGroup: '45-59',
      category: '4',
    });
    const stored = await storedResponse(t, responseIdIn(started.headers.location));
    expect(stored).toMatchObject({
      mode: 'anonymous',
      person_id: null,
      age_group: '45-59',
      disability_category: 4,
    });
    // Anonymous answers name nobody: reading them is not a read of personal data.
    const seq = await auditHead(t);
    await worker.get(section(responseIdIn(started.headers.location), 0));
    expect(await auditAfter(t, seq)).toEqual([]);
  });
});

describe('keying in paper forms', () => {
  const form: [string, string][] = [
    ['district', '610113'],
    ['ageGroup', '4'],
    ['category', '1'],
    ['q.wgss.seeing', '3'],
    ['q.wgss.hearing', '1'],
    ['q.wgss.walking', '1'],
    ['q.wgss.cognition', '2'],
    ['q.wgss.self_care', '1'],
    ['q.wgss.communication', '1'],
    ['q.products_used', '9'],
    ['q.source', '2'],
    ['q.payer', '1 3'],
    ['q.products_needed', '10，12'],
    ['q.barriers', '1'],
    ['q.satisfaction.product', '4'],
    ['q.satisfaction.assessment', '4'],
    ['q.satisfaction.training', '6'],
    ['q.satisfaction.repair', '6'],
    ['q.tech_needs', '5'],
    ['q.interviewed_on', '2026.3.2'],
  ];

  it('stores a complete form submitted and counted, and comes back empty with the day’s count', async () => {
    const campaignId = await createCampaign(t);
    const url = `/surveys/${campaignId}/paper`;
    const page = await worker.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('第 3 题：您使用的辅助器具主要从哪里获得？');
    const seq = await auditHead(t);
    const saved = await worker.post(url, url, form);
    expect(saved.statusCode, summaryLinks(saved.body).join()).toBe(303);
    expect(saved.headers.location).toBe(`${url}?done=entered&district=610113`);
    expect(await auditAfter(t, seq)).toEqual(['survey.response_submit:success']);
    const row = await one<{ id: string }>(
      t.database.db,
      sql`select id from survey_response where campaign_id = ${campaignId}::uuid`,
    );
    const stored = await storedResponse(t, row.id);
    expect(stored).toMatchObject({
      status: 'submitted',
      mode: 'paper',
      age_group: '60-74',
      disability_category: 1,
    });
    expect(stored.answers).toMatchObject({
      wgss: { seeing: 'a_lot', cognition: 'some' },
      products_used: ['apl09'],
      source: 'hospital',
      payer: ['self_family', 'insurance'],
      products_needed: ['apl10', 'apl12'],
      satisfaction: { training: 'na' },
      tech_needs: ['blind_navigation'],
      interviewed_on: '2026-03-02',
    });
    expect(await tallyOf(t, campaignId)).toEqual(
      Object.fromEntries(measuresOf(stored.answers).map((m) => [m, 1])),
    );

    const next = await worker.get(saved.headers.location as string);
    expect(next.body).toContain('已录入 1 份（今天共录入 1 份）');
    expect(next.body).not.toContain('value="3"');
    expect(next.body).toMatch(/<option value="610113" selected/);
    await worker.post(url, url, form);
    expect((await worker.get(`${url}?done=entered`)).body).toContain('今天共录入 2 份');
  });

  it('refuses wrong codes, skipped questions answered and required ones left out, keeping what was keyed', async () => {
    const campaignId = await createCampaign(t);
    const url = `/surveys/${campaignId}/paper`;
    const keyed = form
      .filter(([name]) => name !== 'q.wgss.hearing' && name !== 'q.products_used')
      .map(([name, value]): [string, string] => (name === 'ageGroup' ? [name, '9'] : [name, value]));
    const refused = await worker.post(url, url, [...keyed, ['q.travel_minutes', '9999']]);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('<title>错误：');
    expect(summaryLinks(refused.body)).toEqual([
      '#ageGroup',
      '#q-wgss-hearing',
      '#q-source',
      '#q-payer',
      '#q-travel_minutes',
      '#q-satisfaction-product',
    ]);
    expect(refused.body).toContain('第 3 题：按跳题说明应留空');
    expect(refused.body).toContain('第 1 题第 2 行：请填写');
    expect(refused.body).toContain('第 7 题：请填写 0 到 600 之间的数字');
    expect(refused.body).toContain('value="10，12"');
    const count = await one<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from survey_response where campaign_id = ${campaignId}::uuid`,
    );
    expect(count.n).toBe(0);
    expect((await resident.get(url)).statusCode).toBe(404);
  });
});

describe('the blank form and the pages in English', () => {
  it('prints every question with its codes and the skip instructions in words', async () => {
    const campaignId = await createCampaign(t);
    const blank = await worker.get(`/surveys/${campaignId}/form`);
    expect(blank.statusCode).toBe(200);
    expect(h1Count(blank.body)).toBe(1);
    expect(blank.body).toContain('若第 2 题未选择任何辅具，请跳过本部分。');
    expect(blank.body).toContain('若第 2 题未选择任何辅具，请跳过本题。');
    expect(blank.body).toContain('若第 5 题未选择任何辅具，请跳过本题。');
    for (const question of needsQuestionnaire.sections.flatMap((s) => s.questions))
      expect(blank.body).toContain(question.label.zh);
    expect((await resident.get(`/surveys/${campaignId}/form`)).statusCode).toBe(200);
    expect((await volunteer.get(`/surveys/${campaignId}/form`)).statusCode).toBe(404);
    const draft = await createCampaign(t, { status: 'draft' });
    expect((await worker.get(`/surveys/${draft}/form`)).statusCode).toBe(404);
  });

  it('renders a section, the check page and the paper page in English with one h1', async () => {
    const campaignId = await createCampaign(t);
    const id = await startAsResident(resident, campaignId);
    for (const path of [section(id, 0), `/responses/${id}/check`, `/surveys/${campaignId}/form`]) {
      const page = await resident.get(`${path}?lang=en`);
      expect(page.statusCode, path).toBe(200);
      expect(page.body, path).toContain('<html lang="en"');
      expect(h1Count(page.body), path).toBe(1);
    }
    const en = await resident.get(section(id, 0));
    expect(en.body).toContain('Part 1 of 3');
    expect(en.body).toContain('Do you have difficulty with the following?');
    const paper = await worker.get(`/surveys/${campaignId}/paper?lang=en`);
    expect(paper.body).toContain('Question 3: Where did you mainly get them?');
    expect(paper.body).toContain('If no product was ticked in question 2, skip this question.');
    await resident.get('/?lang=zh-CN');
    await worker.get('/?lang=zh-CN');
  });
});
