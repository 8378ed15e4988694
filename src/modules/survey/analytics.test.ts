/**
 * The need analytics against an independent count: 2,000 generated responses
 * go into a campaign of their own (loaded and tallied as the demo and the
 * benchmark load theirs), and the figures the analytics gives are compared
 * with counts this test makes itself, straight from the raw answers, without
 * the measures or the analytics code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { sql } from '../../platform/db/index.ts';
import { analyticsInput } from './analyticsRepo.ts';
import { insertSubmittedResponses, type KeyedResponse } from './bulkResponses.ts';
import { campaignById } from './campaignRepo.ts';
import { type FigureTable, type NeedFigures, needFigures } from './domain/analytics.ts';
import { generateResponse, seededRandom } from './domain/generate.ts';
import { campaignWithResponses, testDistricts } from './pages/analytics/testkit.ts';
import { countResponse, rebuildCampaignTally } from './tallyRepo.ts';

let t: TestApp;
let campaignId: string;
let responses: readonly KeyedResponse[];
let figures: NeedFigures;

beforeAll(async () => {
  t = await testApp();
  ({ id: campaignId, responses } = await campaignWithResponses(t, { count: 2000, seed: 20260315 }));
  const campaign = await campaignById(t.database.db, campaignId);
  if (campaign === null) throw new Error('the campaign was not made');
  figures = needFigures(await analyticsInput(t.database.db, campaign, null));
}, 120_000);
afterAll(async () => {
  await t.close();
});

// The independent side: plain counting over the raw answers.
const list = (r: KeyedResponse, id: string): readonly string[] => {
  const answer = r.answers[id];
  return Array.isArray(answer) ? answer : [];
};
const grid = (r: KeyedResponse, id: string): Readonly<Record<string, string>> => {
  const answer = r.answers[id];
  return answer !== undefined && typeof answer === 'object' && !Array.isArray(answer)
    ? (answer as Record<string, string>)
    : {};
};
const howMany = (predicate: (r: KeyedResponse) => boolean) => responses.filter(predicate).length;
const hardIn = (r: KeyedResponse, domain: string) =>
  ['a_lot', 'cannot'].includes(grid(r, 'wgss')[domain] ?? '');
const domains = ['seeing', 'hearing', 'walking', 'cognition', 'self_care', 'communication'];
const uses = (r: KeyedResponse, code: string) => list(r, 'products_used').includes(code);
const lacks = (r: KeyedResponse, code: string) => list(r, 'products_needed').includes(code) && !uses(r, code);
const hasUnmetNeed = (r: KeyedResponse) => list(r, 'products_needed').some((code) => !uses(r, code));
/** What the page must show for a true count: the count, or nothing when it is from 1 to 4. */
const published = (n: number) => (n >= 1 && n <= 4 ? null : n);

function figure(table: string, row: string, column: string): number | null {
  const found = figures.tables.find((x) => x.id === table) as FigureTable;
  const r = found.rows.find((x) => x.key === row);
  const f = r?.figures[found.columns.indexOf(column as never)];
  if (f === undefined || f.unit === 'none') throw new Error(`${table} ${row} ${column}: no figure`);
  return f.value;
}

describe('need analytics of a 2,000-response campaign, against an independent count', () => {
  it('counts the respondents in each district and in all', () => {
    expect(figure('respondentsByDistrict', 'total', 'respondents')).toBe(2000);
    expect(figures.respondents).toBe(2000);
    for (const code of testDistricts) {
      const n = howMany((r) => r.who.districtCode === code);
      expect(n).toBeGreaterThan(100);
      expect(figure('respondentsByDistrict', code, 'respondents')).toBe(published(n));
    }
  });

  it('finds the same WG-SS difficulty in every domain, and the same disability identifier', () => {
    for (const domain of domains) {
      const n = howMany((r) => hardIn(r, domain));
      expect(figure('wgssByDomain', domain, 'difficulty')).toBe(published(n));
      expect(figure('wgssByDomain', domain, 'difficultyShare')).toBeCloseTo((n / 2000) * 100, 10);
      for (const level of ['none', 'some', 'a_lot', 'cannot']) {
        const atLevel = howMany((r) => grid(r, 'wgss')[domain] === level);
        expect(figure('wgssByDomain', domain, level)).toBe(published(atLevel));
      }
    }
    const identified = howMany((r) => domains.some((d) => hardIn(r, d)));
    expect(figure('respondentsByDistrict', 'total', 'identified')).toBe(published(identified));
    expect(figure('respondentsByDistrict', 'total', 'identifiedShare')).toBeCloseTo(
      (identified / 2000) * 100,
      10,
    );
  });

  it('counts use, unmet need, need and its met share for three products', () => {
    for (const code of ['apl01', 'apl03', 'apl14']) {
      const used = howMany((r) => uses(r, code));
      const unmet = howMany((r) => lacks(r, code));
      expect(used + unmet).toBeGreaterThan(20);
      expect(figure('productUse', code, 'users')).toBe(published(used));
      expect(figure('needByProduct', code, 'met')).toBe(published(used));
      expect(figure('needByProduct', code, 'unmet')).toBe(published(unmet));
      expect(figure('needByProduct', code, 'need')).toBe(published(used + unmet));
      expect(figure('needByProduct', code, 'metShare')).toBeCloseTo((used / (used + unmet)) * 100, 10);
    }
    const anyUse = howMany((r) => list(r, 'products_used').length > 0);
    expect(figure('productUse', 'any', 'users')).toBe(published(anyUse));
  });

  it('counts every barrier among those with unmet need', () => {
    const withUnmetNeed = howMany(hasUnmetNeed);
    for (const barrier of [
      'cost',
      'do_not_know_where',
      'too_far',
      'no_assessment',
      'not_available',
      'other',
    ]) {
      const n = howMany((r) => list(r, 'barriers').includes(barrier));
      expect(figure('barriers', barrier, 'count')).toBe(published(n));
      if (n >= 5) expect(figure('barriers', barrier, 'share')).toBeCloseTo((n / withUnmetNeed) * 100, 10);
    }
    // Cost is the commonest barrier in the generated data, as rATA surveys find: it ranks first.
    const barriers = figures.tables.find((x) => x.id === 'barriers');
    expect(barriers?.rows[0]?.key).toBe('cost');
  });

  it('gives the satisfaction with products the same distribution', () => {
    const scores = responses.map((r) => grid(r, 'satisfaction').product).filter((s) => s !== undefined);
    for (const score of ['s1', 's2', 's3', 's4', 's5']) {
      expect(figure('satisfaction', 'product', score)).toBe(
        published(scores.filter((s) => s === score).length),
      );
    }
    const answered = scores.filter((s) => s !== 'na').length;
    const satisfied = scores.filter((s) => s === 's4' || s === 's5').length;
    expect(figure('satisfaction', 'product', 'answered')).toBe(published(answered));
    expect(figure('satisfaction', 'product', 'satisfiedShare')).toBeCloseTo((satisfied / answered) * 100, 10);
  });

  it('counts unmet need in every age group', () => {
    for (const group of ['0-17', '18-44', '45-59', '60-74', '75+']) {
      const inGroup = responses.filter((r) => r.who.ageGroup === group);
      const unmet = inGroup.filter(hasUnmetNeed).length;
      expect(figure('unmetByAgeGroup', group, 'respondents')).toBe(published(inGroup.length));
      expect(figure('unmetByAgeGroup', group, 'unmet')).toBe(published(unmet));
      expect(figure('unmetByAgeGroup', group, 'unmetShare')).toBeCloseTo((unmet / inGroup.length) * 100, 10);
    }
  });

  it('reads only the tallies: changing the responses themselves changes no figure', async () => {
    await t.database.db.query(
      sql`update survey_response set district_code = '610104', age_group = '0-17'
          where campaign_id = ${campaignId}::uuid`,
    );
    const campaign = await campaignById(t.database.db, campaignId);
    if (campaign === null) throw new Error('the campaign is gone');
    expect(needFigures(await analyticsInput(t.database.db, campaign, null))).toEqual(figures);
  });
});

describe('counting one response as it is submitted', () => {
  it('gives the same tallies as recounting the campaign', async () => {
    const { id } = await campaignWithResponses(t, { count: 50, seed: 99 });
    const random = seededRandom(4242);
    const extra = { ...generateResponse(random, testDistricts), submittedAt: '2026-03-20T09:00:00+08:00' };
    const snapshot = async () =>
      t.database.db.query(
        sql`select measure, district_code, disability_category, age_group, respondents from survey_tally
            where campaign_id = ${id}::uuid
            union all
            select 'term:' || term, '', 0, '', respondents from survey_term_tally where campaign_id = ${id}::uuid
            order by 1, 2, 3, 4`,
      );
    const before = await snapshot();
    await t.database.db.transaction(async (tx) => {
      const [worker] = await tx.query<{ id: string }>(
        sql`select id from app_user where username = 'demo-community-worker'`,
      );
      await insertSubmittedResponses(tx, t.keyring, id, worker?.id ?? '', [extra]);
      await countResponse(tx, id, extra.who, extra.answers);
    });
    const counted = await snapshot();
    expect(counted).not.toEqual(before);
    await t.database.db.transaction((tx) => rebuildCampaignTally(tx, t.keyring, id));
    expect(await snapshot()).toEqual(counted);
  });
});
