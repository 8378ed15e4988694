import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { sql } from '../../platform/db/index.ts';
import { makeResidentId } from '../../platform/ids/index.ts';
import { issueToken } from '../identity/index.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const fullId = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/;
const fullPhone = /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/;

beforeAll(async () => {
  // Hundreds of generated requests from one address: the rate limit is not under test here.
  t = await testApp({ env: { FUJU_RATE_LIMIT: '1000000' } });
  for (const username of [
    'demo-community-worker',
    'demo-city-admin',
    'demo-resident',
    'demo-assessor',
    'demo-supplier',
    'demo-district-reviewer-2',
  ]) {
    const [user] = await t.database.db.query<{ id: string }>(
      sql`select id from app_user where username = ${username}`,
    );
    tokens[username] = (
      await issueToken(t.database.db, null, null, {
        userId: user?.id as string,
        label: 'people',
        ttlHours: 1,
      })
    ).token;
  }
});
afterAll(() => t.close());

const api = (method: 'GET' | 'POST', url: string, who: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tokens[who]}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

interface Listed {
  items: { id: string; name: string; residentId: string; districtCode: string; accountBound: boolean }[];
  total: number;
}

const personIn = async (district: string) =>
  (
    await t.database.db.query<{ id: string }>(
      sql`select id from person where district_code = ${district} order by birth_date limit 1`,
    )
  )[0]?.id as string;

const registration = (sequence: string, changes: Record<string, unknown> = {}) => {
  const residentId = makeResidentId('610113', '1992-06-15', sequence);
  return {
    name: '接口登记',
    residentId,
    phone: '13700009999',
    districtCode: '610113',
    localHousehold: true,
    certificate: { generation: 2, number: `${residentId}24` },
    economicStatus: 'lowIncome',
    economicStatusSource: 'applicant',
    economicStatusAsOf: '2026-01-10',
    fittingConsent: { givenBy: 'person' },
    ...changes,
  };
};

describe('GET /api/v1/people', () => {
  it('lists only the district’s people for a community worker, masked, and counts only them', async () => {
    const response = await api('GET', '/api/v1/people?pageSize=200', 'demo-community-worker');
    expect(response.statusCode).toBe(200);
    const body = response.json() as Listed;
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.total).toBe(body.items.length);
    expect(new Set(body.items.map((p) => p.districtCode))).toEqual(new Set(['610113']));
    expect(response.body).not.toMatch(fullId);
    expect(response.body).not.toMatch(fullPhone);
    expect(body.items[0]?.residentId).toMatch(/^610113\*{8}\d{3}[\dX]$/);
  });

  it('lists the whole city for the city administrator and the assessor', async () => {
    for (const who of ['demo-city-admin', 'demo-assessor']) {
      const body = (await api('GET', '/api/v1/people?pageSize=200', who)).json() as Listed;
      expect(body.total).toBeGreaterThanOrEqual(24);
      expect(new Set(body.items.map((p) => p.districtCode)).size).toBeGreaterThanOrEqual(8);
    }
  });

  it('lists only their own record for a resident', async () => {
    const body = (await api('GET', '/api/v1/people', 'demo-resident')).json() as Listed;
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ districtCode: '610113', accountBound: true });
  });

  it('finds by a whole ID or phone number through its keyed hash, within reach only', async () => {
    const mine = makeResidentId('610113', '1968-05-12', '031');
    const byId = (
      await api('GET', `/api/v1/people?q=${mine.toLowerCase()}`, 'demo-community-worker')
    ).json() as Listed;
    expect(byId.total).toBe(1);
    const byPhone = (
      await api('GET', '/api/v1/people?q=139-0000-0001', 'demo-community-worker')
    ).json() as Listed;
    expect(byPhone.items.map((p) => p.id)).toEqual(byId.items.map((p) => p.id));
    const elsewhere = makeResidentId('610112', '1975-09-03', '042');
    const out = (await api('GET', `/api/v1/people?q=${elsewhere}`, 'demo-community-worker')).json() as Listed;
    expect(out.total).toBe(0);
    expect((await api('GET', '/api/v1/people?q=12345', 'demo-community-worker')).statusCode).toBe(400);
  });

  it('refuses those without the right, and anyone without a token', async () => {
    expect((await api('GET', '/api/v1/people', 'demo-supplier')).statusCode).toBe(403);
    expect((await t.app.inject('/api/v1/people')).statusCode).toBe(401);
  });
});

describe('GET /api/v1/people/:id', () => {
  it('gives a person within reach, masked, with guardians and consents; 404 out of reach', async () => {
    const yanta = await personIn('610113');
    const response = await api('GET', `/api/v1/people/${yanta}`, 'demo-community-worker');
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toMatch(fullId);
    expect(response.body).not.toMatch(fullPhone);
    const body = response.json() as {
      consents: unknown[];
      guardians: unknown[];
      name: string;
      version: number;
    };
    expect(body.name).toContain('*');
    expect(Array.isArray(body.consents)).toBe(true);
    const weiyang = await personIn('610112');
    expect((await api('GET', `/api/v1/people/${weiyang}`, 'demo-community-worker')).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/people/${weiyang}`, 'demo-district-reviewer-2')).statusCode).toBe(200);
    const [denial] = await t.database.db.query<{ action: string; outcome: string; object_id: string }>(
      sql`select action, outcome, object_id from audit_event where outcome = 'denied' order by seq desc limit 1`,
    );
    expect(denial).toEqual({ action: 'person.read', outcome: 'denied', object_id: weiyang });
  });
});

describe('POST /api/v1/people', () => {
  it('registers (201), binds nothing without an account, and audits once', async () => {
    const response = await api('POST', '/api/v1/people', 'demo-community-worker', registration('301'));
    expect(response.statusCode).toBe(201);
    const body = response.json() as { id: string; accountBound: boolean };
    expect(body.accountBound).toBe(false);
    const [row] = await t.database.db.query<{ action: string; object_id: string }>(
      sql`select action, object_id from audit_event order by seq desc limit 1`,
    );
    expect(row).toEqual({ action: 'person.register', object_id: body.id });
    const detail = (await api('GET', `/api/v1/people/${body.id}`, 'demo-community-worker')).json() as {
      certificate: { category: string; grade: number };
      consents: { purpose: string }[];
      sex: string;
    };
    expect(detail.certificate).toMatchObject({ category: 'hearing', grade: 4 });
    expect(detail.consents.map((c) => c.purpose)).toEqual(['fitting']);
    expect(detail.sex).toBe('male');
  });

  it('answers 409 for an ID number already registered, naming it masked', async () => {
    await api('POST', '/api/v1/people', 'demo-community-worker', registration('303'));
    const again = await api(
      'POST',
      '/api/v1/people',
      'demo-city-admin',
      registration('303', { residentId: makeResidentId('610113', '1992-06-15', '303').toLowerCase() }),
    );
    expect(again.statusCode).toBe(409);
    expect(again.body).toMatch(/610113\*{8}\d{3}[\dX]/);
    expect(again.body).not.toMatch(fullId);
  });

  it('answers 400 with each field’s problem, and refuses fields it does not know', async () => {
    const bad = await api('POST', '/api/v1/people', 'demo-community-worker', {
      ...registration('305'),
      residentId: '610113199206153050',
      certificate: { generation: 3 },
      economicStatusAsOf: undefined,
    });
    expect(bad.statusCode).toBe(400);
    const problems = (bad.json() as { error: { problems: { field: string; problem: string }[] } }).error
      .problems;
    expect(problems.map((p) => `${p.field}:${p.problem}`)).toEqual(
      expect.arrayContaining(['category:required', 'grade:required', 'economicStatusAsOf:required']),
    );
    expect(bad.body).not.toMatch(fullId);
    const extra = await api('POST', '/api/v1/people', 'demo-community-worker', {
      ...registration('307'),
      userId: '00000000-0000-0000-0000-000000000000',
    });
    expect(extra.statusCode).toBe(400);
  });

  it('refuses a district the caller does not serve: 404, audited, nothing written', async () => {
    const before = await t.database.db.query<{ n: number }>(sql`select count(*)::int as n from person`);
    const response = await api(
      'POST',
      '/api/v1/people',
      'demo-community-worker',
      registration('309', { districtCode: '610112' }),
    );
    expect(response.statusCode).toBe(404);
    const after = await t.database.db.query<{ n: number }>(sql`select count(*)::int as n from person`);
    expect(after).toEqual(before);
    const [denial] = await t.database.db.query<{ action: string; outcome: string }>(
      sql`select action, outcome from audit_event order by seq desc limit 1`,
    );
    expect(denial).toEqual({ action: 'person.register', outcome: 'denied' });
    expect((await api('POST', '/api/v1/people', 'demo-resident', registration('311'))).statusCode).toBe(403);
  });

  it('property: random strings in any field get 400 or 201, never a server error', async () => {
    const fields = ['name', 'residentId', 'phone', 'address', 'districtCode', 'street', 'community'] as const;
    let sequence = 400;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.string({ maxLength: 60 }), async (field, value) => {
        sequence++;
        const response = await api('POST', '/api/v1/people', 'demo-city-admin', {
          ...registration(String(sequence)),
          [field]: value,
        });
        expect([201, 400, 404, 409]).toContain(response.statusCode);
        expect(response.body).not.toMatch(fullPhone);
      }),
      { numRuns: 120 },
    );
  });
});

describe('the API reference', () => {
  it('describes the registry’s endpoints, their masking and their errors', async () => {
    const response = await t.app.inject('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const paths = (response.json() as { paths: Record<string, Record<string, { responses: object }>> }).paths;
    expect(Object.keys(paths['/api/v1/people'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/people/{id}']?.get?.responses ?? {})).toContain('404');
    expect(Object.keys(paths['/api/v1/people']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '409']),
    );
    expect((await t.app.inject('/api/docs')).body).toContain('/api/v1/people');
  });
});
