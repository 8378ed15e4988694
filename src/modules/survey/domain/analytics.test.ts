import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnalyticsInput,
  brokenDownMeasures,
  comparisonTable,
  type Figure,
  type FigureTable,
  needFigures,
  type Slice,
  type TallySum,
} from './analytics.ts';
import { generateResponse, seededRandom } from './generate.ts';
import { measuresOf } from './measures.ts';

/** What survey_tally's GROUPING SETS query gives for these responses (analyticsRepo.ts), summed here in memory. */
function sumsOf(responses: ReturnType<typeof generateResponse>[]): TallySum[] {
  const sums = new Map<string, number>();
  const add = (measure: string, slice: Slice) => {
    const key = `${measure}|${slice}`;
    sums.set(key, (sums.get(key) ?? 0) + 1);
  };
  for (const { who, answers } of responses) {
    for (const measure of measuresOf(answers)) {
      add(measure, 'all');
      if ((brokenDownMeasures as readonly string[]).includes(measure)) {
        add(measure, `district:${who.districtCode}`);
        add(measure, `category:${who.disabilityCategory}`);
        add(measure, `age:${who.ageGroup}`);
      }
    }
  }
  return [...sums].map(([key, respondents]) => {
    const [measure = '', slice = 'all'] = key.split('|');
    return { measure, slice: slice as Slice, respondents };
  });
}

function input(responses: ReturnType<typeof generateResponse>[], districtCodes: string[]): AnalyticsInput {
  return {
    sums: sumsOf(responses),
    districtCodes,
    barriers: [
      'cost',
      'not_available',
      'do_not_know_where',
      'too_far',
      'no_assessment',
      'no_help',
      'not_suitable',
      'other',
    ],
    techNeeds: [
      'smart_mobility',
      'exoskeleton',
      'brain_computer_interface',
      'smart_hearing',
      'blind_navigation',
    ],
    aspects: ['product', 'assessment', 'training', 'repair'],
    followUps: [
      {
        isoClass: '1222',
        followedUp: 12,
        abandoned: 3,
        discomfort: 5,
        poorFit: 0,
        broken: 7,
        noLongerNeeded: 1,
        repairNeeded: 6,
      },
      {
        isoClass: '2206',
        followedUp: 40,
        abandoned: 9,
        discomfort: 2,
        poorFit: 4,
        broken: 0,
        noLongerNeeded: 0,
        repairNeeded: 0,
      },
    ],
  };
}

const column = (table: FigureTable, id: string) => table.columns.indexOf(id as never);
const counted = (f: Figure | undefined) => (f?.unit === 'count' ? f : undefined);

describe('the need analytics of a campaign', () => {
  const campaign = (seed: number, count: number, districts: string[]) => {
    const random = seededRandom(seed);
    return Array.from({ length: count }, () => generateResponse(random, districts));
  };

  it('never shows a count from 1 to 4, nor leaves one that a shown total gives back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 80 }),
        fc.subarray(['610102', '610103', '610112', '610113', '610116'], { minLength: 1 }),
        (seed, count, districts) => {
          const figures = needFigures(input(campaign(seed, count, districts), districts));
          expect(figures.tooFew).toBe(count < 5);
          for (const table of figures.tables) {
            for (const row of table.rows) {
              for (const figure of row.figures) {
                if (figure.unit === 'count' && figure.value !== null) {
                  expect(figure.value >= 1 && figure.value <= 4, `${table.id} ${row.key}`).toBe(false);
                }
              }
            }
            // A column with a shown total row never has exactly one count withheld.
            const total = table.rows.find((r) => r.kind === 'total');
            if (total === undefined) continue;
            table.columns.forEach((_, index) => {
              const sum = counted(total.figures[index]);
              if (sum === undefined || sum.value === null) return;
              const parts = table.rows
                .filter((r) => r.kind !== 'total')
                .map((r) => counted(r.figures[index]));
              expect(parts.filter((p) => p?.value === null).length, `${table.id} column ${index}`).not.toBe(
                1,
              );
            });
          }
          // need = met + unmet, per product: one withheld alone would be the need less the other.
          const need = figures.tables.find((t) => t.id === 'needByProduct');
          for (const row of need?.rows ?? []) {
            const [met, unmet, sum] = [0, 1, 2].map((i) => counted(row.figures[i]));
            if (sum?.value === null) continue;
            expect([met, unmet].filter((f) => f?.value === null).length).not.toBe(1);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('hides a share whose count is withheld, and shows it otherwise', () => {
    const figures = needFigures(input(campaign(7, 300, ['610113', '610116']), ['610113', '610116']));
    for (const table of figures.tables) {
      for (const row of table.rows) {
        for (const figure of row.figures) {
          if (figure.unit === 'percent' && figure.withheld) expect(figure.value).toBeNull();
        }
      }
    }
    const followUps = figures.tables.find((t) => t.id === 'followUps');
    const wheelchairs = followUps?.rows.find((r) => r.key === '1222');
    // 3 abandoned of 12: the count is "<5", and so its share is not shown either.
    expect(wheelchairs?.figures[column(followUps as FigureTable, 'abandoned')]).toEqual({
      unit: 'count',
      value: null,
      suppression: 'small',
    });
    expect(wheelchairs?.figures[column(followUps as FigureTable, 'abandonedShare')]).toEqual({
      unit: 'percent',
      value: null,
      withheld: true,
    });
  });

  it('publishes nothing for fewer than five respondents', () => {
    const figures = needFigures(input(campaign(3, 4, ['610113']), ['610113']));
    expect(figures).toMatchObject({ respondents: null, tooFew: true, tables: [] });
    expect(figures.headline.every((h) => h.percent === null)).toBe(true);
    expect(needFigures(input([], ['610113']))).toMatchObject({ respondents: 0, tooFew: true });
  });

  it('compares headline indicators in percentage points', () => {
    const a = needFigures(input(campaign(1, 400, ['610113']), ['610113']));
    const b = needFigures(input(campaign(2, 400, ['610113']), ['610113']));
    const table = comparisonTable(a, b);
    const unmet = table.rows.find((r) => r.key === 'unmetAny');
    const [current, compared, change] = unmet?.figures ?? [];
    expect(current?.unit === 'percent' && compared?.unit === 'percent' && change?.unit === 'points').toBe(
      true,
    );
    if (current?.unit === 'percent' && compared?.unit === 'percent' && change?.unit === 'points') {
      expect(change.value).toBeCloseTo((current.value ?? 0) - (compared.value ?? 0), 10);
    }
  });
});
