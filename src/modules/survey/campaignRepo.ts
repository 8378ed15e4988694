import { isUuid, type Queryable, sql } from '../../platform/db/index.ts';
import type { CampaignInput, CampaignStatus } from './domain/campaignRules.ts';
import type { Questionnaire } from './domain/questionnaire.ts';

export type { CampaignInput, CampaignStatus } from './domain/campaignRules.ts';

export interface Campaign {
  readonly id: string;
  readonly questionnaireId: string;
  readonly questionnaire: Questionnaire;
  readonly title: { readonly zh: string; readonly en: string };
  readonly startsOn: string;
  readonly endsOn: string;
  readonly districtCodes: readonly string[];
  /** Target disability categories (1-7); empty: everyone. */
  readonly disabilityCategories: readonly number[];
  readonly status: CampaignStatus;
  readonly version: number;
}

interface CampaignRow {
  readonly id: string;
  readonly questionnaire_id: string;
  readonly definition: Questionnaire;
  readonly title_zh: string;
  readonly title_en: string;
  readonly starts_on: string;
  readonly ends_on: string;
  readonly district_codes: string[];
  readonly disability_categories: number[];
  readonly status: CampaignStatus;
  readonly version: number;
}

const campaignSelect = sql`select c.id, c.questionnaire_id, q.definition, c.title_zh, c.title_en,
    to_char(c.starts_on, 'YYYY-MM-DD') as starts_on, to_char(c.ends_on, 'YYYY-MM-DD') as ends_on,
    c.district_codes, c.disability_categories, c.status, c.version
  from survey_campaign c join questionnaire q on q.id = c.questionnaire_id`;

const toCampaign = (row: CampaignRow): Campaign => ({
  id: row.id,
  questionnaireId: row.questionnaire_id,
  questionnaire: row.definition,
  title: { zh: row.title_zh, en: row.title_en },
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  districtCodes: row.district_codes,
  disabilityCategories: row.disability_categories,
  status: row.status,
  version: row.version,
});

export async function campaignById(db: Queryable, id: string): Promise<Campaign | null> {
  if (!isUuid(id)) return null;
  const rows = await db.query<CampaignRow>(sql`${campaignSelect} where c.id = ${id}::uuid`);
  const row = rows[0];
  return row ? toCampaign(row) : null;
}

/** Every campaign, newest first (campaigns are few: a handful a year). */
export async function listCampaigns(db: Queryable): Promise<Campaign[]> {
  const rows = await db.query<CampaignRow>(
    sql`${campaignSelect} order by c.starts_on desc, c.created_at desc`,
  );
  return rows.map(toCampaign);
}

/** Whether the campaign takes answers on `day`: open, and within its period. */
export const takesAnswers = (campaign: Campaign, day: string): boolean =>
  campaign.status === 'open' && campaign.startsOn <= day && day <= campaign.endsOn;

/** Adds a questionnaire version if it is not there yet; returns its id either way. */
export async function installQuestionnaire(tx: Queryable, questionnaire: Questionnaire): Promise<string> {
  await tx.query(
    sql`insert into questionnaire (code, version, title_zh, title_en, definition)
        values (${questionnaire.code}, ${questionnaire.version}, ${questionnaire.title.zh}, ${questionnaire.title.en},
                ${JSON.stringify(questionnaire)}::jsonb)
        on conflict (code, version) do nothing`,
  );
  const rows = await tx.query<{ id: string }>(
    sql`select id from questionnaire where code = ${questionnaire.code} and version = ${questionnaire.version}`,
  );
  const row = rows[0];
  if (!row)
    throw new Error(`questionnaire ${questionnaire.code} v${questionnaire.version} was not installed`);
  return row.id;
}

export interface QuestionnaireSummary {
  readonly id: string;
  readonly code: string;
  readonly version: number;
  readonly title: { readonly zh: string; readonly en: string };
  readonly definition: Questionnaire;
}

interface QuestionnaireRow {
  readonly id: string;
  readonly code: string;
  readonly version: number;
  readonly title_zh: string;
  readonly title_en: string;
  readonly definition: Questionnaire;
}

const questionnaireSelect = sql`select id, code, version, title_zh, title_en, definition from questionnaire`;

const toQuestionnaire = (r: QuestionnaireRow): QuestionnaireSummary => ({
  id: r.id,
  code: r.code,
  version: r.version,
  title: { zh: r.title_zh, en: r.title_en },
  definition: r.definition,
});

export async function listQuestionnaires(db: Queryable): Promise<QuestionnaireSummary[]> {
  const rows = await db.query<QuestionnaireRow>(sql`${questionnaireSelect} order by code, version desc`);
  return rows.map(toQuestionnaire);
}

export async function insertCampaign(
  tx: Queryable,
  input: CampaignInput,
  status: CampaignStatus,
  createdBy: string | null,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    sql`insert into survey_campaign (questionnaire_id, title_zh, title_en, starts_on, ends_on, district_codes,
          disability_categories, status, created_by)
        values (${input.questionnaireId}::uuid, ${input.title.zh}, ${input.title.en}, ${input.startsOn}::date,
                ${input.endsOn}::date, ${[...input.districtCodes]}::text[], ${[...input.disabilityCategories]}::smallint[],
                ${status}, ${createdBy}::uuid)
        returning id`,
  );
  if (!row) throw new Error('survey_campaign insert returned no row');
  return row.id;
}

/**
 * Rewrites a draft campaign if it is still at `version`; false when it is not
 * a draft any more or someone changed it first.
 */
export async function updateDraftCampaign(
  tx: Queryable,
  id: string,
  version: number,
  input: CampaignInput,
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    sql`update survey_campaign set questionnaire_id = ${input.questionnaireId}::uuid, title_zh = ${input.title.zh},
          title_en = ${input.title.en}, starts_on = ${input.startsOn}::date, ends_on = ${input.endsOn}::date,
          district_codes = ${[...input.districtCodes]}::text[],
          disability_categories = ${[...input.disabilityCategories]}::smallint[],
          updated_at = now(), version = version + 1
        where id = ${id}::uuid and version = ${version} and status = 'draft'
        returning id`,
  );
  return rows.length === 1;
}

/** Moves a campaign from one status to the next if it is still at `version`. */
export async function moveCampaign(
  tx: Queryable,
  id: string,
  version: number,
  from: CampaignStatus,
  to: CampaignStatus,
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    sql`update survey_campaign set status = ${to}, updated_at = now(), version = version + 1
        where id = ${id}::uuid and version = ${version} and status = ${from}
        returning id`,
  );
  return rows.length === 1;
}

/** Submitted responses per campaign (campaigns without any are absent). */
export async function submittedCounts(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ campaign_id: string; n: number }>(
    sql`select campaign_id, count(*)::int as n from survey_response where status = 'submitted' group by campaign_id`,
  );
  return new Map(rows.map((r) => [r.campaign_id, Number(r.n)]));
}

export interface DistrictProgress {
  readonly districtCode: string;
  readonly submitted: number;
  readonly inProgress: number;
}

/** How many responses of a campaign are submitted and in progress in each district (counts only). */
export async function progressByDistrict(db: Queryable, campaignId: string): Promise<DistrictProgress[]> {
  const rows = await db.query<{ district_code: string; submitted: number; in_progress: number }>(
    sql`select district_code,
          count(*) filter (where status = 'submitted')::int as submitted,
          count(*) filter (where status = 'in_progress')::int as in_progress
        from survey_response where campaign_id = ${campaignId}::uuid
        group by district_code order by district_code`,
  );
  return rows.map((r) => ({
    districtCode: r.district_code,
    submitted: Number(r.submitted),
    inProgress: Number(r.in_progress),
  }));
}

/** Responses a user has started and not yet submitted, per campaign. */
export async function draftCountsOf(db: Queryable, userId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ campaign_id: string; n: number }>(
    sql`select campaign_id, count(*)::int as n from survey_response
        where entered_by = ${userId}::uuid and status = 'in_progress' group by campaign_id`,
  );
  return new Map(rows.map((r) => [r.campaign_id, Number(r.n)]));
}

/** The users assigned to work on a campaign. */
export async function campaignWorkerIds(db: Queryable, campaignId: string): Promise<string[]> {
  const rows = await db.query<{ user_id: string }>(
    sql`select user_id from survey_campaign_worker where campaign_id = ${campaignId}::uuid order by user_id`,
  );
  return rows.map((r) => r.user_id);
}

/** The campaigns a user is assigned to. */
export async function campaignIdsOfWorker(db: Queryable, userId: string): Promise<Set<string>> {
  const rows = await db.query<{ campaign_id: string }>(
    sql`select campaign_id from survey_campaign_worker where user_id = ${userId}::uuid`,
  );
  return new Set(rows.map((r) => r.campaign_id));
}

/** Assigns a worker; false when they already were. */
export async function assignWorker(tx: Queryable, campaignId: string, userId: string): Promise<boolean> {
  const rows = await tx.query<{ user_id: string }>(
    sql`insert into survey_campaign_worker (campaign_id, user_id) values (${campaignId}::uuid, ${userId}::uuid)
        on conflict do nothing returning user_id`,
  );
  return rows.length === 1;
}

/** Removes a worker; false when they were not assigned. */
export async function removeWorker(tx: Queryable, campaignId: string, userId: string): Promise<boolean> {
  const rows = await tx.query<{ user_id: string }>(
    sql`delete from survey_campaign_worker where campaign_id = ${campaignId}::uuid and user_id = ${userId}::uuid
        returning user_id`,
  );
  return rows.length === 1;
}

/**
 * Campaigns that reach into a part of the city (all of it, or some districts),
 * newest first: the administrators' list, filtered in SQL like every list.
 */
export async function campaignsWithin(
  db: Queryable,
  scope: { readonly all: boolean; readonly districtCodes: readonly string[] },
): Promise<Campaign[]> {
  const rows = await db.query<CampaignRow>(
    sql`${campaignSelect} where ${scope.all} or c.district_codes && ${[...scope.districtCodes]}::text[]
        order by c.starts_on desc, c.created_at desc`,
  );
  return rows.map(toCampaign);
}

/**
 * Open campaigns a community worker works on, whose period has not ended by
 * `day`: those in their districts and those they are assigned to.
 */
export async function openCampaignsForWorker(
  db: Queryable,
  userId: string,
  districtCodes: readonly string[],
  day: string,
): Promise<Campaign[]> {
  const rows = await db.query<CampaignRow>(
    sql`${campaignSelect} where c.status = 'open' and c.ends_on >= ${day}::date
          and (c.district_codes && ${[...districtCodes]}::text[]
               or exists (select 1 from survey_campaign_worker w where w.campaign_id = c.id and w.user_id = ${userId}::uuid))
        order by c.starts_on desc, c.created_at desc`,
  );
  return rows.map(toCampaign);
}

/**
 * Campaigns taking answers on `day` that ask a resident: in their district
 * and for their disability category (a campaign with no categories asks
 * everyone). Null district: every campaign taking answers.
 */
export async function campaignsAsking(
  db: Queryable,
  who: { readonly districtCode: string | null; readonly disabilityCategory: number | null },
  day: string,
): Promise<Campaign[]> {
  const rows = await db.query<CampaignRow>(
    sql`${campaignSelect} where c.status = 'open' and c.starts_on <= ${day}::date and c.ends_on >= ${day}::date
          and (${who.districtCode}::text is null or ${who.districtCode}::text = any(c.district_codes))
          and (cardinality(c.disability_categories) = 0 or ${who.disabilityCategory}::smallint is null
               or ${who.disabilityCategory}::smallint = any(c.disability_categories))
        order by c.starts_on desc, c.created_at desc`,
  );
  return rows.map(toCampaign);
}

/** The status of a resident's own response to each campaign they have started. */
export async function ownResponseStatuses(
  db: Queryable,
  userId: string,
): Promise<Map<string, 'in_progress' | 'submitted'>> {
  const rows = await db.query<{ campaign_id: string; status: 'in_progress' | 'submitted' }>(
    sql`select campaign_id, status from survey_response where respondent_user_id = ${userId}::uuid`,
  );
  return new Map(rows.map((r) => [r.campaign_id, r.status]));
}

export async function questionnaireById(db: Queryable, id: string): Promise<QuestionnaireSummary | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<QuestionnaireRow>(sql`${questionnaireSelect} where id = ${id}::uuid`);
  return row ? toQuestionnaire(row) : null;
}
