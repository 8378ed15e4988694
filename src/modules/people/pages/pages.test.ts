import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../test/support/app.ts';
import { sql } from '../../../platform/db/index.ts';
import { makeResidentId } from '../../../platform/ids/index.ts';

let t: TestApp;
let worker: Visitor;
let admin: Visitor;
let assessor: Visitor;
let resident: Visitor;
let yanta = '';
let weiyang = '';
const fullId = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/;
const fullPhone = /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/;
const demoResidentId = makeResidentId('610113', '1968-05-12', '031');

beforeAll(async () => {
  t = await testApp({ env: { FUJU_RATE_LIMIT: '1000000' } });
  worker = await signedInVisitor(t.app, 'demo-community-worker');
  admin = await signedInVisitor(t.app, 'demo-city-admin');
  assessor = await signedInVisitor(t.app, 'demo-assessor');
  resident = await signedInVisitor(t.app, 'demo-resident');
  const [own] = await t.database.db.query<{ id: string }>(
    sql`select p.id from person p join app_user u on u.id = p.user_id where u.username = 'demo-resident'`,
  );
  yanta = own?.id as string;
  const [other] = await t.database.db.query<{ id: string }>(
    sql`select p.id from person p join app_user u on u.id = p.user_id where u.username = 'demo-resident-2'`,
  );
  weiyang = other?.id as string;
});
afterAll(() => t.close());

const lastAudit = async () =>
  (
    await t.database.db.query<{
      action: string;
      outcome: string;
      object_id: string | null;
      detail: Record<string, unknown>;
    }>(sql`select action, outcome, object_id, detail from audit_event order by seq desc limit 1`)
  )[0];

/** A page in English; the visitor's language is then set back to Chinese (it is kept in a cookie). */
const inEnglish = async (v: Visitor, url: string) => {
  const page = await v.get(`${url}${url.includes('?') ? '&' : '?'}lang=en`);
  await v.get('/?lang=zh-CN');
  return page;
};

const h1s = (body: string) => body.match(/<h1[\s>]/g)?.length ?? 0;

/** The fields of a complete registration form for a new synthetic ID number. */
const registration = (sequence: string, changes: Record<string, string> = {}) => {
  const residentId = makeResidentId('610113', '1985-10-20', sequence);
  return {
    name: '页面登记',
    residentId,
    phone: '13700008888',
    address: '陕西省西安市雁塔区示例路99号',
    districtCode: '610113',
    street: '小寨路街道',
    community: '示例社区',
    localHousehold: 'yes',
    certificateGeneration: '2',
    certificateNumber: `${residentId}13`,
    economicStatus: 'subsistence',
    economicStatusSource: 'civilAffairs',
    'economicStatusAsOf-year': '2026',
    'economicStatusAsOf-month': '1',
    'economicStatusAsOf-day': '5',
    fittingConsent: 'yes',
    consentGivenBy: 'person',
    ...changes,
  };
};

describe('the registry list', () => {
  it('renders in Chinese and English, masked, within reach, and audits one read per page', async () => {
    const zh = await worker.get('/people');
    expect(zh.statusCode).toBe(200);
    expect(h1s(zh.body)).toBe(1);
    expect(zh.body).toContain('人员库');
    expect(zh.body).toContain('610113********');
    expect(zh.body).not.toContain('610112********');
    expect(zh.body).not.toMatch(fullId);
    expect(zh.body).not.toMatch(fullPhone);
    expect(await lastAudit()).toMatchObject({ action: 'person.list', outcome: 'success' });
    const en = await inEnglish(worker, '/people');
    expect(en.body).toContain('Register a person');
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toMatch(/\d+ people/);
  });

  it('finds by a whole number through its keyed hash without echoing it, and filters', async () => {
    const found = await worker.get(`/people?q=${demoResidentId}`);
    expect(found.body).toContain(`/people/${yanta}`);
    expect(found.body).not.toContain(demoResidentId);
    const invalid = await worker.get('/people?q=12345');
    expect(invalid.body).toContain('href="#q"');
    const filtered = await admin.get('/people?district=610112&category=visual');
    expect(filtered.body).toContain(`/people/${weiyang}`);
    expect(filtered.body).not.toContain(`/people/${yanta}`);
  });
});

describe('a record', () => {
  it('is shown masked to staff within reach, in both languages; 404 out of reach, audited', async () => {
    const record = await worker.get(`/people/${yanta}`);
    expect(record.statusCode).toBe(200);
    expect(h1s(record.body)).toBe(1);
    expect(record.body).toContain('610113********');
    expect(record.body).toContain('139****0001');
    expect(record.body).not.toMatch(fullId);
    expect(await lastAudit()).toMatchObject({ action: 'person.read', object_id: yanta });
    const en = await inEnglish(worker, `/people/${yanta}`);
    expect(en.body).toContain('Physical');
    expect(en.body).toContain('Show in full');
    expect((await worker.get(`/people/${weiyang}`)).statusCode).toBe(404);
    expect(await lastAudit()).toMatchObject({ action: 'person.read', outcome: 'denied', object_id: weiyang });
  });

  it('is read-only to the assessor: no edit, guardian, consent or reveal forms', async () => {
    const record = await assessor.get(`/people/${weiyang}`);
    expect(record.statusCode).toBe(200);
    expect(record.body).not.toContain('/edit"');
    expect(record.body).not.toContain('/reveal"');
    expect((await assessor.get(`/people/${weiyang}/edit`)).statusCode).toBe(403);
  });

  it('offers to apply for fitting on the person’s behalf only to those who may open a case for them', async () => {
    const link = `href="/cases/new?person=${yanta}"`;
    const record = await worker.get(`/people/${yanta}`);
    expect(record.body).toContain(link);
    expect(record.body).toContain('代为申请辅具适配');
    expect((await inEnglish(worker, `/people/${yanta}`)).body).toContain('Apply for fitting on their behalf');
    const readOnly = await assessor.get(`/people/${yanta}`);
    expect(readOnly.statusCode).toBe(200);
    expect(readOnly.body).not.toContain('/cases/new');
    expect(readOnly.body).not.toContain('代为申请辅具适配');
  });

  it('is shown in full only with a reason, recorded on the trail', async () => {
    const noReason = await worker.post(`/people/${yanta}`, `/people/${yanta}/reveal`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    expect(noReason.body).not.toMatch(fullId);
    const numberInNote = await worker.post(`/people/${yanta}`, `/people/${yanta}/reveal`, {
      reason: 'other',
      note: '回电 13900000001',
    });
    expect(numberInNote.statusCode).toBe(400);
    expect(numberInNote.body).not.toContain('13900000001');
    const revealed = await worker.post(`/people/${yanta}`, `/people/${yanta}/reveal`, {
      reason: 'case',
      note: '办理适配申请',
    });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.body).toContain(demoResidentId);
    expect(revealed.body).toContain('13900000001');
    expect(revealed.body).toContain('1968');
    expect(await lastAudit()).toMatchObject({
      action: 'person.reveal',
      object_id: yanta,
      detail: { reason: 'case', note: '办理适配申请' },
    });
    expect(
      (await worker.post(`/people/${yanta}`, `/people/${weiyang}/reveal`, { reason: 'case' })).statusCode,
    ).toBe(404);
  });
});

describe('registering', () => {
  it('renders the form in both languages, with only the districts served', async () => {
    const zh = await worker.get('/people/new');
    expect(zh.statusCode).toBe(200);
    expect(h1s(zh.body)).toBe(1);
    expect(zh.body).toContain('value="610113"');
    expect(zh.body).not.toContain('value="610112"');
    expect(zh.body).toContain('<fieldset');
    const en = await inEnglish(worker, '/people/new');
    expect(en.body).toContain('Register a person');
    expect(en.body).toContain('Certificate number');
  });

  it('shows every problem linked to its field, without echoing the numbers, never a 500', async () => {
    const response = await worker.post('/people/new', '/people/new', {
      ...registration('501'),
      residentId: `${makeResidentId('610113', '1985-10-20', '501').slice(0, 17)}0`,
      certificateNumber: '',
      'validUntil-year': '2026',
      'validUntil-month': '2',
      'validUntil-day': '30',
      consentGivenBy: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>错误：');
    for (const anchor of ['#residentId', '#certificateNumber', '#validUntil-year', '#consentGivenBy'])
      expect(response.body).toContain(`href="${anchor}"`);
    expect(response.body).toContain('aria-describedby="residentId-hint residentId-error"');
    expect(response.body).not.toMatch(fullId);
    expect(response.body).not.toMatch(fullPhone);
    expect(response.body).toContain('value="页面登记"');
  });

  it('registers, shows the record with a banner, and refuses the same ID again naming it masked', async () => {
    const created = await worker.post('/people/new', '/people/new', registration('503'));
    expect(created.statusCode).toBe(303);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/people\/[0-9a-f-]{36}\?done=registered$/);
    const record = await worker.get(location);
    expect(record.body).toContain('已登记。');
    expect(record.body).toContain('页**记');
    expect(record.body).toContain('视力残疾');
    const again = await worker.post('/people/new', '/people/new', {
      ...registration('503'),
      residentId: makeResidentId('610113', '1985-10-20', '503').toLowerCase(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toMatch(/人员库中已有这个身份证号（610113\*{8}\d{3}[\dX]）/);
    expect(again.body).toContain(`href="${location.split('?')[0]}"`);
  });

  it('refuses a district the worker does not serve: 404, audited', async () => {
    const response = await worker.post(
      '/people/new',
      '/people/new',
      registration('505', { districtCode: '610112' }),
    );
    expect(response.statusCode).toBe(404);
    expect(await lastAudit()).toMatchObject({ action: 'person.register', outcome: 'denied' });
    expect((await resident.get('/people/new')).statusCode).toBe(403);
  });
});

describe('changing a record', () => {
  const form = (version: string, changes: Record<string, string> = {}) => ({
    version,
    districtCode: '610113',
    localHousehold: 'yes',
    certificateGeneration: '2',
    economicStatus: 'lowIncome',
    economicStatusSource: 'applicant',
    'economicStatusAsOf-year': '2026',
    'economicStatusAsOf-month': '2',
    'economicStatusAsOf-day': '1',
    ...changes,
  });

  it('keeps sealed values left empty, and refuses a stale version', async () => {
    const created = await worker.post('/people/new', '/people/new', registration('507'));
    const record = String(created.headers.location).split('?')[0] as string;
    const edit = await worker.get(`${record}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('name="version" value="1"');
    expect(edit.body).toContain('不修改请留空。现在登记的是：页**记');
    expect(edit.body).not.toMatch(fullId);
    expect((await inEnglish(worker, `${record}/edit`)).body).toContain(
      'Leave empty to keep what is recorded',
    );
    const saved = await worker.post(`${record}/edit`, `${record}/edit`, form('1', { street: '新街道' }));
    expect(saved.statusCode).toBe(303);
    const page = await worker.get(String(saved.headers.location));
    expect(page.body).toContain('已保存修改。');
    expect(page.body).toContain('新街道');
    expect(page.body).toContain('页**记');
    expect(page.body).toContain('137****8888');
    const stale = await worker.post(`${record}/edit`, `${record}/edit`, form('1', { street: '旧版本' }));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('其他人已经保存了这条记录');
    expect((await worker.get(record)).body).not.toContain('旧版本');
  });
});

describe('guardians and consents', () => {
  it('renders the guardian and consent forms in both languages', async () => {
    const guardianZh = await worker.get(`/people/${yanta}/guardians/new`);
    expect(guardianZh.statusCode).toBe(200);
    expect(h1s(guardianZh.body)).toBe(1);
    expect(guardianZh.body).toContain('添加监护人或家属');
    expect((await inEnglish(worker, `/people/${yanta}/guardians/new`)).body).toContain(
      'May act for the person',
    );
    const consentZh = await worker.get(`/people/${yanta}/consents/new`);
    expect(consentZh.body).toContain('为辅具适配服务处理敏感个人信息');
    expect((await inEnglish(worker, `/people/${yanta}/consents/new`)).body).toContain('Record a consent');
    expect((await worker.get(`/people/${weiyang}/guardians/new`)).statusCode).toBe(404);
  });

  it('adds and removes a guardian, masked on the record', async () => {
    const bad = await worker.post(`/people/${yanta}/guardians/new`, `/people/${yanta}/guardians/new`, {
      guardianName: '',
      guardianPhone: '139',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#guardianName"');
    const added = await worker.post(`/people/${yanta}/guardians/new`, `/people/${yanta}/guardians/new`, {
      guardianName: '示例监护人',
      guardianPhone: '13600002222',
      relation: 'spouse',
      isProxy: 'yes',
    });
    expect(added.statusCode).toBe(303);
    const record = await worker.get(`/people/${yanta}?done=guardianAdded`);
    expect(record.body).toContain('示***人');
    expect(record.body).toContain('136****2222');
    const [guardian] = await t.database.db.query<{ id: string }>(
      sql`select id from person_guardian where person_id = ${yanta} and removed_at is null`,
    );
    const removed = await worker.post(
      `/people/${yanta}`,
      `/people/${yanta}/guardians/${guardian?.id}/remove`,
      {},
    );
    expect(removed.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'person.guardian_remove', object_id: yanta });
    expect((await worker.get(`/people/${yanta}`)).body).not.toContain('136****2222');
  });

  it('records and withdraws a consent; without fitting consent the record says applications need it', async () => {
    const [consent] = await t.database.db.query<{ id: string }>(
      sql`select id from person_consent where person_id = ${yanta} and purpose = 'fitting' and withdrawn_at is null`,
    );
    const withdrawn = await worker.post(
      `/people/${yanta}`,
      `/people/${yanta}/consents/${consent?.id}/withdraw`,
      {},
    );
    expect(withdrawn.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({
      action: 'person.consent_withdraw',
      detail: { purpose: 'fitting' },
    });
    const record = await worker.get(`/people/${yanta}?done=consentWithdrawn`);
    expect(record.body).toContain('不能办理适配申请');
    expect(record.body).toContain('已撤回同意');
    const consentForm = await inEnglish(worker, `/people/${yanta}/consents/new`);
    expect(consentForm.body).toContain('Record a consent');
    const given = await worker.post(`/people/${yanta}/consents/new`, `/people/${yanta}/consents/new`, {
      purpose: 'fitting',
      givenBy: 'person',
    });
    expect(given.statusCode).toBe(303);
    const twice = await worker.post(`/people/${yanta}/consents/new`, `/people/${yanta}/consents/new`, {
      purpose: 'fitting',
      givenBy: 'person',
    });
    expect(twice.statusCode).toBe(409);
    expect((await worker.get(`/people/${yanta}`)).body).not.toContain('不能办理适配申请');
  });
});

describe('a resident’s own record', () => {
  it('shows their own record masked, and in full at their asking, audited', async () => {
    const mine = await resident.get('/my/record');
    expect(mine.statusCode).toBe(200);
    expect(h1s(mine.body)).toBe(1);
    expect(mine.body).toContain('610113********');
    expect(mine.body).not.toMatch(fullId);
    expect(await lastAudit()).toMatchObject({ action: 'person.read', object_id: yanta });
    expect((await inEnglish(resident, '/my/record')).body).toContain('My record in the registry');
    const full = await resident.post('/my/record', '/my/record/reveal', {});
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain(demoResidentId);
    expect(await lastAudit()).toMatchObject({
      action: 'person.reveal',
      object_id: yanta,
      detail: { reason: 'own' },
    });
  });

  it('sees no one else’s record', async () => {
    expect((await resident.get(`/people/${weiyang}`)).statusCode).toBe(404);
    // The registry list is staff's: a resident is sent to their own record.
    const list = await resident.get('/people');
    expect(list.statusCode).toBe(303);
    expect(list.headers.location).toBe('/my/record');
  });

  it('is told to contact their community worker when no record is bound', async () => {
    const page = await admin.get('/my/record');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('请联系您所在社区的残疾人专干登记');
    expect((await inEnglish(admin, '/my/record')).body).toContain('Ask the disability officer');
    expect((await admin.post('/my/record', '/my/record/reveal', {})).statusCode).toBe(404);
  });
});
