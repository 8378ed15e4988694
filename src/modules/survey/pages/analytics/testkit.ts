import type { TestApp } from '../../../../../test/support/app.ts';
import { sql } from '../../../../platform/db/index.ts';
import { insertSubmittedResponses, type KeyedResponse } from '../../bulkResponses.ts';
import { insertCampaign, installQuestionnaire } from '../../campaignRepo.ts';
import { generateResponse, seededRandom } from '../../domain/generate.ts';
import { needsQuestionnaire } from '../../domain/needsQuestionnaire.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { rebuildCampaignTally } from '../../tallyRepo.ts';

/** Districts the test campaigns cover (from the seeded district table). */
export const testDistricts = ['610102', '610103', '610112', '610113', '610116'] as const;

let titles = 0;

/**
 * A campaign of its own for a test, with `count` generated responses (the
 * same for the same seed) loaded as keyed-in paper forms and tallied. The
 * responses come back so a test can count them its own way.
 */
export async function campaignWithResponses(
  t: TestApp,
  options: {
    readonly count: number;
    readonly seed: number;
    readonly districts?: readonly string[];
    readonly title?: { readonly zh: string; readonly en: string };
    readonly status?: 'draft' | 'open' | 'closed';
    /** Another version of the questions (its measures are the default questionnaire's). */
    readonly questionnaire?: Questionnaire;
  },
): Promise<{ id: string; responses: readonly KeyedResponse[] }> {
  const districts = options.districts ?? testDistricts;
  const random = seededRandom(options.seed);
  const responses = Array.from({ length: options.count }, () => ({
    ...generateResponse(random, districts),
    submittedAt: '2026-03-15T10:00:00+08:00',
  }));
  titles += 1;
  const id = await t.database.db.transaction(async (tx) => {
    const [worker] = await tx.query<{ id: string }>(
      sql`select id from app_user where username = 'demo-community-worker'`,
    );
    if (worker === undefined) throw new Error('the demo data has no demo-community-worker');
    const questionnaireId = await installQuestionnaire(tx, options.questionnaire ?? needsQuestionnaire);
    const campaignId = await insertCampaign(
      tx,
      {
        questionnaireId,
        title: options.title ?? { zh: `分析测试调查 ${titles}`, en: `Analytics test campaign ${titles}` },
        startsOn: '2026-03-01',
        endsOn: '2026-03-31',
        districtCodes: districts,
        disabilityCategories: [],
      },
      options.status ?? 'closed',
      null,
    );
    await insertSubmittedResponses(tx, t.keyring, campaignId, worker.id, responses);
    await rebuildCampaignTally(tx, t.keyring, campaignId);
    return campaignId;
  });
  return { id, responses };
}
