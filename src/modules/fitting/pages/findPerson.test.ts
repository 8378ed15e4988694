import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../test/support/app.ts';
import { sql } from '../../../platform/db/index.ts';
import { makeResidentId } from '../../../platform/ids/index.ts';

let t: TestApp;
let worker: Visitor;
beforeAll(async () => {
  t = await testApp();
  worker = await signedInVisitor(t.app, 'demo-community-worker');
});
afterAll(async () => t.close());

// The demo residents' numbers, built as the demo builds them (seed/xian/demo-accounts.json).
const yantaResident = makeResidentId('610113', '1968-05-12', '031');
const weiyangResident = makeResidentId('610112', '1975-09-03', '042');

describe('a community worker finds the applicant by ID number', () => {
  it('opens the application form for a person of their district', async () => {
    const found = await worker.post('/cases/new', '/cases/new/person', {
      residentId: yantaResident.toLowerCase(),
    });
    expect(found.statusCode).toBe(303);
    const [person] = await t.database.db.query<{ id: string }>(
      sql`select p.id from person p join app_user u on u.id = p.user_id where u.username = 'demo-resident'`,
    );
    expect(found.headers.location).toBe(`/cases/new?person=${person?.id}`);
    expect((await worker.get(found.headers.location as string)).statusCode).toBe(200);
  });

  it('answers a person of another district as not registered, and a wrong number as wrong, echoing neither', async () => {
    const elsewhere = await worker.post('/cases/new', '/cases/new/person', { residentId: weiyangResident });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.body).toContain('人员库中没有您辖区内的这个人');
    expect(elsewhere.body).not.toContain(weiyangResident);
    const wrong = await worker.post('/cases/new', '/cases/new/person', { residentId: '610113196805120310' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('请输入正确的18位居民身份证号码');
    expect(wrong.body).toContain('href="#residentId"');
  });

  it('is not a resident’s page', async () => {
    const resident = await signedInVisitor(t.app, 'demo-resident');
    const csrf = await resident.csrfToken('/account');
    const tried = await resident.postWithToken('/cases/new/person', {
      residentId: weiyangResident,
      _csrf: csrf,
    });
    expect(tried.statusCode).toBe(404);
  });
});
