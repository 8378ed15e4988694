import { type Queryable, sql } from '../../platform/db/index.ts';
import type { AgeGroup, Demographics } from './domain/demographics.ts';

export type ResponseStatus = 'in_progress' | 'submitted';
/** self: a resident for themselves; proxy: a worker for a registered person; anonymous: a worker with demographics only; paper: a paper form keyed in. */
export type ResponseMode = 'self' | 'proxy' | 'anonymous' | 'paper';

/** A response as its pages need it; the answers stay sealed until the service opens them. */
export interface SurveyResponse {
  readonly id: string;
  readonly campaignId: string;
  readonly status: ResponseStatus;
  readonly mode: ResponseMode;
  readonly personId: string | null;
  readonly respondentUserId: string | null;
  readonly enteredBy: string;
  readonly who: Demographics;
  readonly answersSealed: string;
  /** The section to resume at; the questionnaire's section count: the check page. */
  readonly resumeSection: number;
  readonly startedAt: Date;
  readonly submittedAt: Date | null;
  readonly version: number;
}

interface ResponseRow {
  readonly id: string;
  readonly campaign_id: string;
  readonly status: ResponseStatus;
  readonly mode: ResponseMode;
  readonly person_id: string | null;
  readonly respondent_user_id: string | null;
  readonly entered_by: string;
  readonly district_code: string;
  readonly age_group: string;
  readonly disability_category: number;
  readonly answers_sealed: string;
  readonly resume_section: number;
  readonly started_at: Date | string;
  readonly submitted_at: Date | string | null;
  readonly version: number;
}

const responseColumns = sql`id, campaign_id, status, mode, person_id, respondent_user_id, entered_by, district_code,
  age_group, disability_category, answers_sealed, resume_section, started_at, submitted_at, version`;

const toResponse = (row: ResponseRow): SurveyResponse => ({
  id: row.id,
  campaignId: row.campaign_id,
  status: row.status,
  mode: row.mode,
  personId: row.person_id,
  respondentUserId: row.respondent_user_id,
  enteredBy: row.entered_by,
  who: {
    districtCode: row.district_code.trim(),
    ageGroup: row.age_group as AgeGroup,
    disabilityCategory: Number(row.disability_category),
  },
  answersSealed: row.answers_sealed,
  resumeSection: Number(row.resume_section),
  startedAt: new Date(row.started_at),
  submittedAt: row.submitted_at === null ? null : new Date(row.submitted_at),
  version: Number(row.version),
});

export async function responseById(db: Queryable, id: string): Promise<SurveyResponse | null> {
  const [row] = await db.query<ResponseRow>(
    sql`select ${responseColumns} from survey_response where id = ${id}::uuid`,
  );
  return row ? toResponse(row) : null;
}

/** The response, locked until the transaction ends: saves and the submission of one response take turns. */
export async function lockResponse(tx: Queryable, id: string): Promise<SurveyResponse | null> {
  const [row] = await tx.query<ResponseRow>(
    sql`select ${responseColumns} from survey_response where id = ${id}::uuid for update`,
  );
  return row ? toResponse(row) : null;
}

/**
 * The one response of a campaign that belongs to this account or this
 * registered person, however it was started (by the resident or by a worker).
 */
export async function responseOfRespondent(
  db: Queryable,
  campaignId: string,
  respondent: { readonly userId: string | null; readonly personId: string | null },
): Promise<SurveyResponse | null> {
  const [row] = await db.query<ResponseRow>(
    sql`select ${responseColumns} from survey_response
        where campaign_id = ${campaignId}::uuid
          and (respondent_user_id = ${respondent.userId}::uuid or person_id = ${respondent.personId}::uuid)
        order by started_at limit 1`,
  );
  return row ? toResponse(row) : null;
}

/** A response as it is first written: the database gives its id, times, section and version. */
export type NewResponse = Pick<
  SurveyResponse,
  'campaignId' | 'status' | 'mode' | 'personId' | 'respondentUserId' | 'enteredBy' | 'who' | 'answersSealed'
>;

/**
 * Adds a response; null when the person or account already has one for the
 * campaign (the unique indexes decide, so two tabs starting at once make one).
 */
export async function insertResponse(tx: Queryable, response: NewResponse): Promise<string | null> {
  const submitted = response.status === 'submitted';
  const [row] = await tx.query<{ id: string }>(
    sql`insert into survey_response (campaign_id, status, mode, person_id, respondent_user_id, entered_by,
          district_code, age_group, disability_category, answers_sealed, submitted_at)
        values (${response.campaignId}::uuid, ${response.status}, ${response.mode}, ${response.personId}::uuid,
          ${response.respondentUserId}::uuid, ${response.enteredBy}::uuid, ${response.who.districtCode},
          ${response.who.ageGroup}, ${response.who.disabilityCategory},
          ${response.answersSealed}, ${submitted ? sql`now()` : sql`null`})
        on conflict do nothing
        returning id`,
  );
  return row?.id ?? null;
}

/** Stores a response's answers and where to resume. */
export async function saveAnswers(
  tx: Queryable,
  id: string,
  answersSealed: string,
  resumeSection: number,
): Promise<void> {
  await tx.query(
    sql`update survey_response set answers_sealed = ${answersSealed}, resume_section = ${resumeSection},
          updated_at = now(), version = version + 1
        where id = ${id}::uuid`,
  );
}

/** Marks a response submitted, with its final answers. */
export async function markSubmitted(tx: Queryable, id: string, answersSealed: string): Promise<void> {
  await tx.query(
    sql`update survey_response set status = 'submitted', answers_sealed = ${answersSealed},
          submitted_at = now(), updated_at = now(), version = version + 1
        where id = ${id}::uuid and status = 'in_progress'`,
  );
}

/** How many paper forms this worker keyed in for the campaign on a Beijing day. */
export async function paperCountOn(
  db: Queryable,
  campaignId: string,
  enteredBy: string,
  day: string,
): Promise<number> {
  const [row] = await db.query<{ n: number | string }>(
    sql`select count(*) as n from survey_response
        where campaign_id = ${campaignId}::uuid and entered_by = ${enteredBy}::uuid and mode = 'paper'
          and (submitted_at at time zone 'Asia/Shanghai')::date = ${day}::date`,
  );
  return Number(row?.n ?? 0);
}

export interface UnfinishedInterview {
  readonly id: string;
  readonly mode: ResponseMode;
  readonly who: Demographics;
  readonly startedAt: Date;
}

/** The interviews a worker started for a campaign and has not submitted yet, newest first. */
export async function unfinishedInterviews(
  db: Queryable,
  campaignId: string,
  enteredBy: string,
): Promise<UnfinishedInterview[]> {
  const rows = await db.query<ResponseRow>(
    sql`select ${responseColumns} from survey_response
        where campaign_id = ${campaignId}::uuid and entered_by = ${enteredBy}::uuid
          and status = 'in_progress' and mode in ('proxy', 'anonymous')
        order by started_at desc limit 50`,
  );
  return rows.map((row) => {
    const response = toResponse(row);
    return { id: response.id, mode: response.mode, who: response.who, startedAt: response.startedAt };
  });
}
