import type { Keyring } from '../../platform/crypto/index.ts';
import { type Queryable, sql } from '../../platform/db/index.ts';
import type { Demographics } from './domain/demographics.ts';
import type { Answers } from './domain/questionnaire.ts';

export interface KeyedResponse {
  readonly who: Demographics;
  readonly answers: Answers;
  /** When it was submitted (ISO timestamp). */
  readonly submittedAt: string;
}

const chunkSize = 1000;

/**
 * Loads submitted anonymous responses in bulk, as keyed-in paper forms
 * (demo data, tests and the benchmark). The tallies are not touched: call
 * `rebuildCampaignTally` once after loading.
 */
export async function insertSubmittedResponses(
  tx: Queryable,
  keyring: Keyring,
  campaignId: string,
  enteredBy: string,
  responses: readonly KeyedResponse[],
): Promise<void> {
  for (let i = 0; i < responses.length; i += chunkSize) {
    const chunk = responses.slice(i, i + chunkSize);
    await tx.query(
      sql`insert into survey_response (campaign_id, status, mode, entered_by, district_code, age_group,
            disability_category, answers_sealed, resume_section, started_at, updated_at, submitted_at)
          select ${campaignId}::uuid, 'submitted', 'paper', ${enteredBy}::uuid, d, a, c, s, 0, t, t, t
          from unnest(${chunk.map((r) => r.who.districtCode)}::text[], ${chunk.map((r) => r.who.ageGroup)}::text[],
                      ${chunk.map((r) => r.who.disabilityCategory)}::smallint[],
                      ${chunk.map((r) => keyring.seal(JSON.stringify(r.answers)))}::text[],
                      ${chunk.map((r) => r.submittedAt)}::timestamptz[]) as x(d, a, c, s, t)`,
    );
  }
}
