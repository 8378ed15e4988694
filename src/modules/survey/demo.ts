import type { Keyring } from '../../platform/crypto/index.ts';
import { type Queryable, sql } from '../../platform/db/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import { findAccountByUsername } from '../identity/index.ts';
import { addDays, beijingDay } from '../policyCatalogs/index.ts';
import { insertSubmittedResponses, type KeyedResponse } from './bulkResponses.ts';
import {
  assignWorker,
  type CampaignInput,
  type CampaignStatus,
  insertCampaign,
  installQuestionnaire,
} from './campaignRepo.ts';
import { generateResponse, seededRandom } from './domain/generate.ts';
import { needsQuestionnaire } from './domain/needsQuestionnaire.ts';
import { seedNeedTopicsDemo } from './needTopicsDemo.ts';
import { rebuildCampaignTally } from './tallyRepo.ts';

/** How many synthetic responses each demo campaign holds: enough for every district's cells to show. */
const closedCampaignResponses = 2400;
const openCampaignResponses = 900;

interface DemoCampaign {
  readonly input: CampaignInput;
  readonly status: CampaignStatus;
  /** Synthetic responses to load, with their generator's seed; none for a draft. */
  readonly responses?: { readonly count: number; readonly seed: number; readonly lastDay: string };
}

/** Days from `first` to `last`, both included. */
const daysBetween = (first: string, last: string): number =>
  Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * Generated responses whose submission times spread evenly over the days from
 * `first` to `last`, within Beijing working hours (08:30-18:00), as a
 * campaign's paper forms would come in.
 */
function spreadResponses(
  seed: number,
  count: number,
  districtCodes: readonly string[],
  first: string,
  last: string,
): KeyedResponse[] {
  const random = seededRandom(seed);
  // A separate stream for the clock, so the answers are those of `generateResponse(seededRandom(seed))`.
  const clock = seededRandom(seed + 1);
  const days = daysBetween(first, last);
  return Array.from({ length: count }, (_, i) => {
    const { who, answers } = generateResponse(random, districtCodes);
    const day = addDays(first, Math.floor((i * days) / count));
    const minutes = 30 + Math.floor(clock() * 570);
    // Beijing is UTC+8: 08:30 Beijing is 00:30 UTC.
    const submittedAt = new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000).toISOString();
    return { who, answers, submittedAt };
  });
}

async function seedCampaign(
  tx: Queryable,
  keyring: Keyring,
  campaign: DemoCampaign,
  createdBy: string,
  workerId: string,
): Promise<number> {
  const id = await insertCampaign(tx, campaign.input, campaign.status, createdBy);
  await assignWorker(tx, id, workerId);
  if (!campaign.responses) return 0;
  const { count, seed, lastDay } = campaign.responses;
  const responses = spreadResponses(
    seed,
    count,
    campaign.input.districtCodes,
    campaign.input.startsOn,
    lastDay,
  );
  await insertSubmittedResponses(tx, keyring, id, workerId, responses);
  await rebuildCampaignTally(tx, keyring, id);
  return count;
}

/**
 * The survey's demo data: the default questionnaire; a finished campaign
 * (2025) with 2,400 synthetic responses from every district, an open one
 * (2026) that takes answers on the demo day with 900 so far, and a draft
 * (2027), so the pages show every status; then the need topics drawn from
 * them. Every response is synthetic (domain/generate.ts).
 */
export async function seedSurveyDemo(tx: Queryable, context: DemoContext): Promise<Record<string, number>> {
  const none = { campaigns: 0, surveyResponses: 0, needTopics: 0 };
  const [existing] = await tx.query<{ n: number }>(sql`select count(*)::int as n from survey_campaign`);
  if ((existing?.n ?? 0) > 0) return none;
  const admin = await findAccountByUsername(tx, 'demo-city-admin');
  const worker = await findAccountByUsername(tx, 'demo-community-worker');
  if (!admin || !worker) return none;

  const questionnaireId = await installQuestionnaire(tx, needsQuestionnaire);
  const districts = await tx.query<{ code: string }>(sql`select code from district order by code`);
  const allDistricts = districts.map((d) => d.code);
  const today = beijingDay(new Date());
  const openStart = addDays(today, -45);
  const campaigns: DemoCampaign[] = [
    {
      input: {
        questionnaireId,
        title: { zh: '2025年科技助残需求调查', en: '2025 technology-for-disability needs survey' },
        startsOn: '2025-09-01',
        endsOn: '2025-11-30',
        districtCodes: allDistricts,
        disabilityCategories: [],
      },
      status: 'closed',
      responses: { count: closedCampaignResponses, seed: 2025, lastDay: '2025-11-30' },
    },
    {
      input: {
        questionnaireId,
        title: { zh: '2026年科技助残需求调查', en: '2026 technology-for-disability needs survey' },
        startsOn: openStart,
        endsOn: addDays(today, 60),
        districtCodes: allDistricts,
        disabilityCategories: [],
      },
      status: 'open',
      // Submitted before the demo day, so the day's own answers (the browser tests') stand apart.
      responses: { count: openCampaignResponses, seed: 2026, lastDay: addDays(today, -1) },
    },
    {
      input: {
        questionnaireId,
        title: {
          zh: '2027年科技助残需求调查（筹备中）',
          en: '2027 technology-for-disability needs survey (in preparation)',
        },
        startsOn: '2027-03-01',
        endsOn: '2027-05-31',
        districtCodes: allDistricts,
        disabilityCategories: [],
      },
      status: 'draft',
    },
  ];
  let surveyResponses = 0;
  for (const campaign of campaigns) {
    surveyResponses += await seedCampaign(tx, context.keyring, campaign, admin.id, worker.id);
  }
  const needTopics = await seedNeedTopicsDemo(tx, admin.id);
  return { campaigns: campaigns.length, surveyResponses, needTopics };
}
