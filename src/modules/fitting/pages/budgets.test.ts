import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../test/support/app.ts';
import { sql } from '../../../platform/db/index.ts';
import { csrfOf, oneOf, rowsOf } from './testkit.ts';

let t: TestApp;
let cityAdmin: Visitor;

/** The form of a year's budgets, posted with one district's total changed. */
async function postTotals(year: number, change: Readonly<Record<string, string>>) {
  const page = await cityAdmin.get(`/admin/fitting?year=${year}`);
  expect(page.statusCode).toBe(200);
  const districts = [...page.body.matchAll(/name="district" value="(\d{6})"/g)].map((m) => m[1] as string);
  const versions = [...page.body.matchAll(/name="version" value="(\d*)"/g)].map((m) => m[1] as string);
  const totals = districts.map(
    (code) => new RegExp(`id="total-${code}" name="total"[^>]*value="([^"]*)"`).exec(page.body)?.[1] ?? '',
  );
  const fields: [string, string][] = [['year', String(year)]];
  districts.forEach((code, index) => {
    fields.push(
      ['district', code],
      ['total', change[code] ?? totals[index] ?? ''],
      ['version', versions[index] ?? ''],
    );
  });
  return cityAdmin.postWithToken('/admin/fitting', [...fields, ['_csrf', csrfOf(page.body)]]);
}

beforeAll(async () => {
  t = await testApp();
  cityAdmin = await signedInVisitor(t.app, 'demo-city-admin');
});
afterAll(async () => {
  await t.close();
});

describe('district budgets', () => {
  it('sets a district’s total, with one audit row for the change', async () => {
    const before = await oneOf<{ seq: number }>(t, sql`select max(seq)::int as seq from audit_event`);
    const response = await postTotals(2026, { '610113': '2,500,000.50' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/fitting?year=2026&done=budgets');
    const saved = await oneOf<{ total_fen: string }>(
      t,
      sql`select total_fen from district_budget where district_code = '610113' and policy_year = 2026`,
    );
    expect(Number(saved.total_fen)).toBe(250_000_050);
    const audit = await rowsOf<{ action: string; object_id: string }>(
      t,
      sql`select action, object_id from audit_event where seq > ${before.seq} order by seq`,
    );
    expect(audit).toEqual([{ action: 'budget.set', object_id: '610113-2026' }]);
    const page = await cityAdmin.get('/admin/fitting?year=2026&done=budgets');
    expect(page.body).toContain('预算已保存');
    expect(page.body).toContain('¥2,500,000.50');
  });

  it('refuses a total below what approvals have reserved, changing nothing', async () => {
    const held = await oneOf<{
      district_code: string;
      policy_year: number;
      total_fen: string;
      reserved_fen: string;
    }>(
      t,
      sql`select district_code, policy_year, total_fen, reserved_fen from district_budget
          where reserved_fen > 0 order by reserved_fen desc limit 1`,
    );
    const response = await postTotals(held.policy_year, { [held.district_code]: '0.01' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/<title>错误：/);
    expect(response.body).toContain(`href="#total-${held.district_code}"`);
    expect(response.body).toContain('总额不能低于已批准占用的');
    expect(response.body).toContain('value="0.01"');
    const after = await oneOf<{ total_fen: string }>(
      t,
      sql`select total_fen from district_budget
          where district_code = ${held.district_code} and policy_year = ${held.policy_year}`,
    );
    expect(after.total_fen).toBe(held.total_fen);
  });

  it('refuses what is not an amount, and is the city’s page only', async () => {
    const response = await postTotals(2026, { '610112': '十万元' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#total-610112"');
    const reviewer = await signedInVisitor(t.app, 'demo-district-reviewer');
    expect((await reviewer.get('/admin/fitting')).statusCode).toBe(403);
  });
});
