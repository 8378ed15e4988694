import { type Queryable, sql } from '../../platform/db/index.ts';
import type { Questionnaire } from './domain/questionnaire.ts';

export type CampaignStatus = 'draft' | 'open' | 'closed';

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

export async function listQuestionnaires(db: Queryable): Promise<QuestionnaireSummary[]> {
  const rows = await db.query<{
    id: string;
    code: string;
    version: number;
    title_zh: string;
    title_en: string;
    definition: Questionnaire;
  }>(
    sql`select id, code, version, title_zh, title_en, definition from questionnaire order by code, version desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    version: r.version,
    title: { zh: r.title_zh, en: r.title_en },
    definition: r.definition,
  }));
}
