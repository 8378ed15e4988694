import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { sql } from '../../platform/db/index.ts';
import { followUpOutcomes } from './followUpOutcomes.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

describe('follow-up outcomes for the need picture', () => {
  it('count each followed-up case once, and as abandoned only when its latest follow-up found the product unused', async () => {
    const db = t.database.db;
    // Mark the latest follow-up of one demo case as "not in use, broken", and an earlier one of another case likewise.
    const cases = await db.query<{ case_id: string }>(
      sql`select case_id from follow_up where done_on is not null group by case_id order by case_id limit 2`,
    );
    expect(cases.length).toBe(2);
    const [first, second] = cases.map((c) => c.case_id);
    await db.query(
      sql`update follow_up set in_use = false, problems = '{broken}'
          where case_id = ${first}::uuid and month = (select max(month) from follow_up where case_id = ${first}::uuid and done_on is not null)`,
    );
    await db.query(
      sql`update follow_up set in_use = false, problems = '{discomfort}'
          where case_id = ${second}::uuid and month = (select min(month) from follow_up where case_id = ${second}::uuid and done_on is not null)`,
    );
    const raw = await db.query<{
      case_id: string;
      month: number;
      in_use: boolean | null;
      problems: string[];
      item_code: string;
    }>(
      sql`select f.case_id, f.month, f.in_use, f.problems, c.item_code from follow_up f join fitting_case c on c.id = f.case_id
          where f.done_on is not null order by f.case_id, f.month`,
    );
    // The expected figures, counted here from the rows themselves.
    const byCase = new Map<string, typeof raw>();
    for (const row of raw) byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), row]);
    let abandoned = 0;
    let broken = 0;
    let discomfort = 0;
    for (const rows of byCase.values()) {
      if (rows.at(-1)?.in_use === false) abandoned++;
      if (rows.some((r) => r.problems.includes('broken'))) broken++;
      if (rows.some((r) => r.problems.includes('discomfort'))) discomfort++;
    }
    const outcomes = await followUpOutcomes(db);
    const sum = (f: (o: (typeof outcomes)[number]) => number) => outcomes.reduce((n, o) => n + f(o), 0);
    expect(sum((o) => o.followedUp)).toBe(byCase.size);
    expect(sum((o) => o.abandoned)).toBe(abandoned);
    expect(abandoned).toBeGreaterThanOrEqual(1);
    expect(sum((o) => o.broken)).toBe(broken);
    expect(sum((o) => o.discomfort)).toBe(discomfort);
    for (const o of outcomes) expect(o.isoClass).toMatch(/^\d{4}$/);
  });
});
