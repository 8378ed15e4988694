import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/db.ts';
import { type SqlQuery, sql } from '../../platform/db/index.ts';
import { beijingDay } from '../policyCatalogs/index.ts';
import { listCampaigns, takesAnswers } from './campaignRepo.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase('demo');
});
afterAll(() => database.close());

const count = async (query: SqlQuery) => Number((await database.db.query<{ n: number }>(query))[0]?.n);

describe('the survey demo', () => {
  it('has a finished campaign with over 2,000 submitted responses from every district, tallied', async () => {
    const campaigns = await listCampaigns(database.db);
    const closed = campaigns.find((c) => c.status === 'closed');
    expect(closed?.title.zh).toBe('2025年科技助残需求调查');
    const id = closed?.id as string;
    const submitted = await count(
      sql`select count(*)::int as n from survey_response where campaign_id = ${id}::uuid and status = 'submitted'`,
    );
    expect(submitted).toBeGreaterThanOrEqual(2000);
    const districts = await database.db.query<{ code: string }>(sql`select code from district`);
    const answered = await database.db.query<{ district_code: string }>(
      sql`select distinct district_code from survey_response where campaign_id = ${id}::uuid`,
    );
    expect(answered.map((r) => r.district_code).sort()).toEqual(districts.map((d) => d.code).sort());
    const outside = await count(
      sql`select count(*)::int as n from survey_response where campaign_id = ${id}::uuid
          and ((submitted_at at time zone 'Asia/Shanghai')::date < ${closed?.startsOn}::date
               or (submitted_at at time zone 'Asia/Shanghai')::date > ${closed?.endsOn}::date)`,
    );
    expect(outside).toBe(0);
    // Every response counts once under the measure every respondent has.
    const tallied = await count(
      sql`select coalesce(sum(respondents), 0)::int as n from survey_tally
          where campaign_id = ${id}::uuid and measure = 'respondents'`,
    );
    expect(tallied).toBe(submitted);
  });

  it('has exactly one campaign taking answers today, assigned to the demo community worker', async () => {
    const today = beijingDay(new Date());
    const open = (await listCampaigns(database.db)).filter((c) => takesAnswers(c, today));
    expect(open.map((c) => c.title.zh)).toEqual(['2026年科技助残需求调查']);
    const id = open[0]?.id as string;
    const workers = await database.db.query<{ username: string }>(
      sql`select u.username from survey_campaign_worker w join app_user u on u.id = w.user_id
          where w.campaign_id = ${id}::uuid`,
    );
    expect(workers.map((w) => w.username)).toEqual(['demo-community-worker']);
    const late = await count(
      sql`select count(*)::int as n from survey_response where campaign_id = ${id}::uuid
          and (submitted_at at time zone 'Asia/Shanghai')::date >= ${today}::date`,
    );
    expect(late).toBe(0);
    expect(
      await count(sql`select count(*)::int as n from survey_response where campaign_id = ${id}::uuid`),
    ).toBe(900);
  });

  it('shows every status, with a draft among them', async () => {
    const statuses = (await listCampaigns(database.db)).map((c) => c.status).sort();
    expect(statuses).toEqual(['closed', 'draft', 'open']);
  });
});
