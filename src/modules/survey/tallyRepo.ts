import type { Keyring } from '../../platform/crypto/index.ts';
import { type Queryable, sql } from '../../platform/db/index.ts';
import type { Demographics } from './domain/demographics.ts';
import { measuresOf } from './domain/measures.ts';
import type { Answers } from './domain/questionnaire.ts';
import { termsOf } from './terms.ts';

/**
 * Counts one submitted response into its campaign's tallies: each of its
 * measures in its demographic cell, and each word of its free text once.
 * Called in the transaction that submits the response, so the tallies are
 * always exactly the submitted responses.
 */
export async function countResponse(
  tx: Queryable,
  campaignId: string,
  who: Demographics,
  answers: Answers,
): Promise<void> {
  await tx.query(
    sql`insert into survey_tally as t (campaign_id, measure, district_code, disability_category, age_group, respondents)
        select ${campaignId}::uuid, m, ${who.districtCode}, ${who.disabilityCategory}, ${who.ageGroup}, 1
        from unnest(${measuresOf(answers)}::text[]) as m
        on conflict (campaign_id, measure, district_code, disability_category, age_group)
        do update set respondents = t.respondents + 1`,
  );
  const terms = termsOf(answers);
  if (terms.length === 0) return;
  await tx.query(
    sql`insert into survey_term_tally as t (campaign_id, term, respondents)
        select ${campaignId}::uuid, term, 1 from unnest(${terms}::text[]) as term
        on conflict (campaign_id, term) do update set respondents = t.respondents + 1`,
  );
}

interface SubmittedRow {
  readonly id: string;
  readonly district_code: string;
  readonly disability_category: number;
  readonly age_group: string;
  readonly answers_sealed: string;
}

const rebuildBatch = 5000;

/**
 * Recounts a campaign's tallies from its submitted responses: after responses
 * are loaded in bulk (demo data, the benchmark), or to check the tallies.
 * Reads the responses in batches and writes the counts once, so memory stays
 * bounded by the number of cells, not of responses. `onProgress` hears how
 * many responses are counted so far.
 */
export async function rebuildCampaignTally(
  tx: Queryable,
  keyring: Keyring,
  campaignId: string,
  onProgress?: (counted: number) => void,
): Promise<number> {
  const cells = new Map<string, number>();
  const terms = new Map<string, number>();
  let counted = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await tx.query<SubmittedRow>(
      sql`select id, district_code, disability_category, age_group, answers_sealed from survey_response
          where campaign_id = ${campaignId}::uuid and status = 'submitted' and id > ${after}::uuid
          order by id limit ${rebuildBatch}`,
    );
    for (const row of rows) {
      const answers = JSON.parse(keyring.open(row.answers_sealed)) as Answers;
      const cell = `${row.district_code}\u0000${row.disability_category}\u0000${row.age_group}`;
      for (const measure of measuresOf(answers)) {
        const key = `${measure}\u0000${cell}`;
        cells.set(key, (cells.get(key) ?? 0) + 1);
      }
      for (const term of termsOf(answers)) terms.set(term, (terms.get(term) ?? 0) + 1);
    }
    counted += rows.length;
    onProgress?.(counted);
    const last = rows.at(-1);
    if (last === undefined || rows.length < rebuildBatch) break;
    after = last.id;
  }
  await tx.query(sql`delete from survey_tally where campaign_id = ${campaignId}::uuid`);
  await tx.query(sql`delete from survey_term_tally where campaign_id = ${campaignId}::uuid`);
  const entries = [...cells];
  for (let i = 0; i < entries.length; i += rebuildBatch) {
    const chunk = entries.slice(i, i + rebuildBatch);
    const parts = chunk.map(([key]) => key.split('\u0000'));
    await tx.query(
      sql`insert into survey_tally (campaign_id, measure, district_code, disability_category, age_group, respondents)
          select ${campaignId}::uuid, m, d, c::smallint, a, n
          from unnest(${parts.map((p) => p[0] ?? '')}::text[], ${parts.map((p) => p[1] ?? '')}::text[],
                      ${parts.map((p) => p[2] ?? '')}::text[], ${parts.map((p) => p[3] ?? '')}::text[],
                      ${chunk.map(([, n]) => n)}::int[]) as x(m, d, c, a, n)`,
    );
  }
  const termEntries = [...terms];
  for (let i = 0; i < termEntries.length; i += rebuildBatch) {
    const chunk = termEntries.slice(i, i + rebuildBatch);
    await tx.query(
      sql`insert into survey_term_tally (campaign_id, term, respondents)
          select ${campaignId}::uuid, term, n
          from unnest(${chunk.map(([term]) => term)}::text[], ${chunk.map(([, n]) => n)}::int[]) as x(term, n)`,
    );
  }
  return counted;
}
