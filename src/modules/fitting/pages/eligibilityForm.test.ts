import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp } from '../../../../test/support/app.ts';
import { sql } from '../../../platform/db/index.ts';
import { issueToken } from '../../identity/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

describe('confirming eligibility with a rule not met', () => {
  it('links the error to the first reason field, and takes the reason as an override', async () => {
    const db = t.database.db;
    const [worker] = await db.query<{ id: string }>(
      sql`select id from app_user where username = 'demo-community-worker'`,
    );
    const { token } = await issueToken(db, null, null, {
      userId: worker?.id as string,
      label: 'test',
      ttlHours: 1,
    });
    const [person] = await db.query<{ id: string }>(
      sql`select p.id from person p join app_user u on u.id = p.user_id where u.username = 'demo-resident'`,
    );
    const [item] = await db.query<{ code: string }>(
      sql`select i.code from subsidy_item i join policy_catalog c on c.id = i.catalog_id
          where c.kind = 'subsidy' and c.status = 'in_force' and 'physical' = any(i.eligible_categories)
            and 2 = any(i.eligible_grades) and (i.age_max is null or i.age_max >= 58) and (i.age_min is null or i.age_min <= 58)
            and not exists (select 1 from fitting_case f where f.person_id = ${person?.id as string} and f.item_code = i.code)
          order by i.code limit 1`,
    );
    // Declared as already supplied by another scheme: that rule is not met.
    const opened = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        personId: person?.id,
        itemCode: item?.code,
        usePlaces: ['home'],
        suppliedByOtherScheme: true,
        reason: '需要',
        signedBy: 'person',
      },
    });
    expect(opened.statusCode).toBe(201);
    const c = opened.json() as { id: string; version: number };
    const page = `/applications/${c.id}`;
    const visitor = await signedInVisitor(t.app, 'demo-community-worker');
    const fields: [string, string][] = [
      ['version', String(c.version)],
      ['overrideRule', 'notSuppliedByOtherScheme'],
      ['overrideReason', ''],
    ];
    const refused = await visitor.post(page, `${page}/commands/confirmEligibility`, fields);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#confirmEligibility-overrides"');
    expect(refused.body).toMatch(/<textarea[^>]*id="confirmEligibility-overrides"[^>]*name="overrideReason"/);
    const withReason: [string, string][] = [
      ['version', String(c.version)],
      ['overrideRule', 'notSuppliedByOtherScheme'],
      ['overrideReason', '医保配置的是另一型号，已核实'],
    ];
    const confirmed = await visitor.post(page, `${page}/commands/confirmEligibility`, withReason);
    expect(confirmed.statusCode, /class="fj-error-summary[\s\S]*?<\/ul>/.exec(confirmed.body)?.[0]).toBe(303);
    const [check] = await db.query<{ overrides: unknown; eligible: boolean }>(
      sql`select overrides, eligible from eligibility_check where case_id = ${c.id} order by checked_at desc, id desc limit 1`,
    );
    expect(check?.eligible).toBe(true);
    expect(JSON.stringify(check?.overrides)).toContain('notSuppliedByOtherScheme');
  });
});
