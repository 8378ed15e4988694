// What the answering tests share: campaigns of their own, accounts and people of the demo data, tallies.
import type { TestApp } from '../../../../../test/support/app.ts';
import { type Queryable, sql } from '../../../../platform/db/index.ts';
import { installQuestionnaire } from '../../campaignRepo.ts';
import { needsQuestionnaire } from '../../domain/needsQuestionnaire.ts';
import type { Answers } from '../../domain/questionnaire.ts';

/** The Beijing day `days` from today. */
export const dayFromToday = (days = 0): string =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

export async function one<R>(db: Queryable, query: ReturnType<typeof sql>): Promise<R> {
  const [row] = await db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
}

/**
 * A campaign of the default questionnaire, open today unless told otherwise:
 * each test has its own, so demo data and other tests never change what it counts.
 */
export async function createCampaign(
  t: TestApp,
  options: {
    readonly districtCodes?: readonly string[];
    readonly categories?: readonly number[];
    readonly status?: 'draft' | 'open' | 'closed';
    readonly startsOn?: string;
    readonly endsOn?: string;
  } = {},
): Promise<string> {
  return t.database.db.transaction(async (tx) => {
    const questionnaireId = await installQuestionnaire(tx, needsQuestionnaire);
    const row = await one<{ id: string }>(
      tx,
      sql`insert into survey_campaign (questionnaire_id, title_zh, title_en, starts_on, ends_on, district_codes,
            disability_categories, status)
          values (${questionnaireId}::uuid, '测试调查', 'Test survey', ${options.startsOn ?? dayFromToday(-1)}::date,
            ${options.endsOn ?? dayFromToday(30)}::date, ${[...(options.districtCodes ?? ['610113', '610112'])]}::text[],
            ${[...(options.categories ?? [])]}::smallint[], ${options.status ?? 'open'})
          returning id`,
    );
    return row.id;
  });
}

export const userIdOf = async (t: TestApp, username: string): Promise<string> =>
  (await one<{ id: string }>(t.database.db, sql`select id from app_user where username = ${username}`)).id;

/** A registered person and their ID number in full (opened here, as only a test may). */
export async function registeredPerson(
  t: TestApp,
  where: { readonly district: string; readonly withAccount?: boolean },
): Promise<{ id: string; residentId: string; userId: string | null }> {
  const row = await one<{ id: string; resident_id_sealed: string; user_id: string | null }>(
    t.database.db,
    sql`select id, resident_id_sealed, user_id from person
        where district_code = ${where.district} and (user_id is not null) = ${where.withAccount ?? false}
        order by id limit 1`,
  );
  return { id: row.id, residentId: t.keyring.open(row.resident_id_sealed), userId: row.user_id };
}

/** The tallies of a campaign: measure → respondents, over every demographic cell. */
export async function tallyOf(t: TestApp, campaignId: string): Promise<Record<string, number>> {
  const rows = await t.database.db.query<{ measure: string; n: number }>(
    sql`select measure, sum(respondents)::int as n from survey_tally where campaign_id = ${campaignId}::uuid
        group by measure order by measure`,
  );
  return Object.fromEntries(rows.map((r) => [r.measure, r.n]));
}

/** A response as stored, its answers opened. */
export async function storedResponse(t: TestApp, id: string) {
  const row = await one<{
    status: string;
    mode: string;
    answers_sealed: string;
    resume_section: number;
    district_code: string;
    age_group: string;
    disability_category: number;
    person_id: string | null;
    respondent_user_id: string | null;
  }>(
    t.database.db,
    sql`select status, mode, answers_sealed, resume_section, district_code, age_group, disability_category,
          person_id, respondent_user_id
        from survey_response where id = ${id}::uuid`,
  );
  return { ...row, answers: JSON.parse(t.keyring.open(row.answers_sealed)) as Answers };
}

/** The audit rows written after `seq`, as action/outcome pairs. */
export async function auditAfter(t: TestApp, seq: number): Promise<string[]> {
  const rows = await t.database.db.query<{ action: string; outcome: string }>(
    sql`select action, outcome from audit_event where seq > ${seq} order by seq`,
  );
  return rows.map((r) => `${r.action}:${r.outcome}`);
}

export const auditHead = async (t: TestApp): Promise<number> =>
  (await one<{ seq: number }>(t.database.db, sql`select coalesce(max(seq), 0)::int as seq from audit_event`))
    .seq;

/** Every answer of the WG-SS grid, as fields of its section. */
export const wgssFields = (level = 'none'): [string, string][] =>
  ['seeing', 'hearing', 'walking', 'cognition', 'self_care', 'communication'].map((row) => [
    `q.wgss.${row}`,
    level,
  ]);

/** The hrefs of an error summary's links. */
export const summaryLinks = (html: string): string[] =>
  [...(/<div class="fj-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/href="([^"]+)"/g)].map(
    (m) => (m[1] ?? '').replaceAll('&amp;', '&'),
  );

export const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;
