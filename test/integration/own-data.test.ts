import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/index.ts';
import { signedInVisitor, type TestApp, testApp } from '../support/app.ts';

/**
 * SECURITY.md 21: a resident's export holds everything the programme's
 * modules keep about them — the registry record, their cases with every
 * step, their survey answers — and nobody else's data.
 */
let t: TestApp;

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

const rows = <R>(query: ReturnType<typeof sql>) => t.database.db.query<R>(query);

async function referencesOf(username: string): Promise<string[]> {
  const found = await rows<{ reference: string }>(
    sql`select c.reference from fitting_case c join person p on p.id = c.person_id
        join app_user u on u.id = p.user_id where u.username = ${username} order by c.reference`,
  );
  return found.map((r) => r.reference);
}

interface Exported {
  programme: Record<string, Record<string, unknown>[]>;
}

async function exportOf(username: string) {
  const visitor = await signedInVisitor(t.app, username);
  const response = await visitor.post('/account/export', '/account/export.json', {});
  expect(response.statusCode).toBe(200);
  return { visitor, body: response.body, data: response.json() as Exported };
}

describe('a resident’s own export', () => {
  it('holds their registry record in full, their cases with every step, and their survey answers', async () => {
    const resident = await signedInVisitor(t.app, 'demo-resident');
    const [campaign] = await rows<{ id: string }>(
      sql`select id from survey_campaign where status = 'open' order by starts_on limit 1`,
    );
    expect(campaign).toBeDefined();
    const started = await resident.post(
      `/surveys/${campaign?.id}/respond`,
      `/surveys/${campaign?.id}/respond`,
      {},
    );
    expect(started.statusCode, started.body.slice(0, 300)).toBe(303);
    const responseId = /\/responses\/([0-9a-f-]{36})/.exec(started.headers.location ?? '')?.[1] ?? '';
    const section = `/responses/${responseId}/sections/0`;
    const answered = await resident.post(
      section,
      section,
      ['seeing', 'hearing', 'walking', 'cognition', 'self_care', 'communication'].map((row) => [
        `q.wgss.${row}`,
        row === 'walking' ? 'a_lot' : 'none',
      ]),
    );
    expect(answered.statusCode, answered.body.slice(0, 300)).toBe(303);

    const { data, body } = await exportOf('demo-resident');
    const [record] = data.programme.registryRecord ?? [];
    expect(record?.residentId).toMatch(/^\d{17}[\dX]$/);
    expect(record?.name).toBeTruthy();

    const references = await referencesOf('demo-resident');
    expect(references.length).toBeGreaterThanOrEqual(2);
    expect((data.programme.fittingCases ?? []).map((c) => c.reference).sort()).toEqual(references);
    const history = data.programme.fittingHistory ?? [];
    expect(history.length).toBeGreaterThanOrEqual(references.length);
    expect(new Set(history.map((h) => h.reference))).toEqual(new Set(references));

    const [survey] = data.programme.surveyResponses ?? [];
    expect(survey?.status).toBe('in_progress');
    expect(survey?.wgss).toMatchObject({ walking: 'a_lot', seeing: 'none' });

    // Who on the staff did what is their data, not the resident's.
    const staff = await rows<{ id: string; display_name: string; username: string }>(
      sql`select id, display_name, username from app_user where kind = 'staff'`,
    );
    for (const member of staff) {
      expect(body).not.toContain(member.id);
      expect(body).not.toContain(member.display_name);
    }
  });

  it('holds none of another resident’s cases or answers', async () => {
    const mine = await referencesOf('demo-resident');
    const theirs = await referencesOf('demo-resident-2');
    expect(theirs.length).toBeGreaterThanOrEqual(2);
    const { data, body } = await exportOf('demo-resident-2');
    for (const reference of mine) expect(body).not.toContain(reference);
    expect((data.programme.fittingCases ?? []).map((c) => c.reference).sort()).toEqual(theirs);
    const myId = (await exportOf('demo-resident')).data.programme.registryRecord?.[0]?.residentId;
    expect(myId).toMatch(/^\d{17}[\dX]$/);
    expect(body).not.toContain(String(myId));
    expect(data.programme.surveyResponses).toEqual([]);
  });

  it('shows the same on the readable page, each kind under its own heading, in both languages', async () => {
    const { visitor } = await exportOf('demo-resident');
    const zh = await visitor.post('/account/export', '/account/export', {});
    expect(zh.statusCode).toBe(200);
    for (const heading of ['我的人员库记录', '我的申请', '办理记录', '我的调查回答'])
      expect(zh.body).toContain(heading);
    for (const reference of await referencesOf('demo-resident')) expect(zh.body).toContain(reference);
    const en = await visitor.post('/account/export?lang=en', '/account/export?lang=en', {});
    expect(en.statusCode).toBe(200);
    for (const heading of ['My record in the registry', 'My applications', 'History', 'My survey answers'])
      expect(en.body).toContain(heading);
  });

  it('says so when the account has no registry record', async () => {
    const { data } = await exportOf('demo-volunteer');
    expect(data.programme.registryRecord).toEqual([]);
    expect(data.programme.fittingCases).toEqual([]);
    expect(data.programme.surveyResponses).toEqual([]);
  });
});
