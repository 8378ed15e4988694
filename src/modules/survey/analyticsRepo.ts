import { type Queryable, sql } from '../../platform/db/index.ts';
import { type FollowUpOutcome, followUpOutcomes } from '../fitting/index.ts';
import type { Campaign } from './campaignRepo.ts';
import { type AnalyticsInput, brokenDownMeasures, type TallySum } from './domain/analytics.ts';
import { type FollowUpSum, sumFollowUps } from './domain/followUps.ts';
import { needsQuestionnaire } from './domain/needsQuestionnaire.ts';
import { type Question, questionById } from './domain/questionnaire.ts';

/**
 * What the need analytics reads: sums over survey_tally, never a response.
 * One statement gives every measure of a campaign in total, and the few
 * measures broken down by district, disability category and age group
 * (GROUPING SETS, standard SQL) from those measures' cells alone, which the
 * primary key reaches directly. A campaign of any size costs a pass over its
 * tally cells (a few tens of thousands at most), not over its responses.
 */
export async function tallySums(
  db: Queryable,
  campaignId: string,
  districtCode: string | null,
): Promise<TallySum[]> {
  const inDistrict = districtCode === null ? sql`` : sql` and district_code = ${districtCode}`;
  return db.query<TallySum>(
    sql`select measure, 'all' as slice, sum(respondents)::int as respondents
        from survey_tally
        where campaign_id = ${campaignId}::uuid${inDistrict}
        group by measure
        union all
        select measure,
          case when grouping(district_code) = 0 then 'district:' || district_code
               when grouping(disability_category) = 0 then 'category:' || disability_category
               else 'age:' || age_group end,
          sum(respondents)::int
        from survey_tally
        where campaign_id = ${campaignId}::uuid${inDistrict} and measure = any(${[...brokenDownMeasures]}::text[])
        group by grouping sets ((measure, district_code), (measure, disability_category), (measure, age_group))`,
  );
}

/** Submitted responses per campaign, from the tallies (every response counts once as `respondents`). */
export async function respondentCounts(
  db: Queryable,
  campaignIds: readonly string[],
): Promise<Map<string, number>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db.query<{ campaign_id: string; n: number }>(
    sql`select campaign_id, sum(respondents)::int as n from survey_tally
        where campaign_id = any(${[...campaignIds]}::uuid[]) and measure = 'respondents'
        group by campaign_id`,
  );
  return new Map(rows.map((r) => [r.campaign_id, r.n]));
}

/** Fitting follow-ups per ISO class, in one district or the whole city. */
export async function followUpSums(db: Queryable, districtCode: string | null): Promise<FollowUpSum[]> {
  const byClass = new Map<string, FollowUpOutcome[]>();
  for (const outcome of await followUpOutcomes(db)) {
    if (districtCode !== null && outcome.districtCode !== districtCode) continue;
    byClass.set(outcome.isoClass, [...(byClass.get(outcome.isoClass) ?? []), outcome]);
  }
  return [...byClass].map(([isoClass, outcomes]) => ({ isoClass, ...sumFollowUps(outcomes) }));
}

/**
 * The choices of a question, from the campaign's own questionnaire version
 * (the default questionnaire's when that version lacks the question); the
 * choice a respondent ticks to say "none of these" is not one.
 */
function choiceValues(campaign: Campaign, id: string): string[] {
  const question: Question | undefined =
    questionById(campaign.questionnaire, id) ?? questionById(needsQuestionnaire, id);
  if (question === undefined) return [];
  if (question.kind === 'grid') return question.rows.map((row) => row.value);
  if (question.kind === 'single') return question.choices.map((c) => c.value);
  if (question.kind === 'multiple')
    return question.choices.map((c) => c.value).filter((value) => value !== question.exclusive);
  return [];
}

/** Everything the analytics of a campaign (or one district of it) is computed from. */
export async function analyticsInput(
  db: Queryable,
  campaign: Campaign,
  districtCode: string | null,
): Promise<AnalyticsInput> {
  const [sums, followUps] = await Promise.all([
    tallySums(db, campaign.id, districtCode),
    followUpSums(db, districtCode),
  ]);
  return {
    sums,
    districtCodes: districtCode === null ? campaign.districtCodes : [districtCode],
    barriers: choiceValues(campaign, 'barriers'),
    techNeeds: choiceValues(campaign, 'tech_needs'),
    aspects: choiceValues(campaign, 'satisfaction'),
    followUps,
  };
}
