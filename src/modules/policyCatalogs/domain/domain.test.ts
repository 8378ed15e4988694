import { describe, expect, it } from 'vitest';
import { readRehabSeed, readSubsidySeed } from '../seedFiles.ts';
import { concludeNotice, noticeEndsOn, panelState, weightedTenths, weightsProblem } from './admission.ts';
import { catalogAllows } from './catalogWorkflow.ts';
import { itemConditions } from './conditions.ts';
import { diffCatalogs } from './diff.ts';
import { type SubsidyItem, subsidyFor, subsidyItemProblems } from './items.ts';
import { addDays, policyYearBounds, policyYearOf } from './policyYear.ts';

const october = { month: 10, day: 1 };

const wheelchair: SubsidyItem = {
  code: '12220301',
  nameZh: '普通轮椅',
  nameEn: 'Manual wheelchair',
  descriptionZh: '',
  descriptionEn: '',
  isoCodes: ['122203'],
  maxSubsidyFen: 100_000,
  productPartFen: 80_000,
  servicePartFen: 20_000,
  ratios: { subsistence: 100, extremePoverty: 100, lowIncome: 90, other: 80 },
  eligibleCategories: ['physical', 'multiple'],
  eligibleGrades: [1, 2, 3, 4],
  ageMin: null,
  ageMax: null,
  serviceLifeYears: 5,
  quantityLimit: 1,
  medicalInsurance: false,
  medicalInsuranceCode: null,
  firstOfKind: false,
};

describe('policy year', () => {
  it('runs 1 Oct to 30 Sep and is named by the year it starts in', () => {
    expect(policyYearBounds(2026, october)).toEqual({ startsOn: '2026-10-01', endsOn: '2027-09-30' });
    expect(policyYearOf('2026-11-28', october)).toBe(2026);
    expect(policyYearOf('2026-09-30', october)).toBe(2025);
    expect(policyYearOf('2026-10-01', october)).toBe(2026);
    // A calendar-year policy is one setting away.
    expect(policyYearBounds(2026, { month: 1, day: 1 })).toEqual({
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    });
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });
});

describe('subsidy items', () => {
  it('accepts a valid item and refuses fractional fen, parts that do not add up and a missing insurance code', () => {
    expect(subsidyItemProblems(wheelchair)).toEqual([]);
    expect(subsidyItemProblems({ ...wheelchair, maxSubsidyFen: 100_000.5 })).toContainEqual({
      field: 'maxSubsidyFen',
      problem: 'notInteger',
    });
    expect(subsidyItemProblems({ ...wheelchair, servicePartFen: 10_000 })).toContainEqual({
      field: 'servicePartFen',
      problem: 'partsNotSum',
    });
    expect(subsidyItemProblems({ ...wheelchair, medicalInsurance: true })).toContainEqual({
      field: 'medicalInsuranceCode',
      problem: 'insuranceCodeMissing',
    });
    expect(subsidyItemProblems({ ...wheelchair, ageMin: 17, ageMax: 16 })).toContainEqual({
      field: 'ageMax',
      problem: 'ageOrder',
    });
  });

  it('pays min(price, cap) × the group ratio, rounded down to whole fen', () => {
    expect(subsidyFor(wheelchair, 'subsistence', 150_000)).toBe(100_000);
    expect(subsidyFor(wheelchair, 'other', 150_000)).toBe(80_000);
    expect(subsidyFor(wheelchair, 'lowIncome', 33_333)).toBe(29_999);
  });

  it('every item of the seeded catalogs is valid', () => {
    for (const year of [2025, 2026]) {
      for (const item of readSubsidySeed(year).items) expect(subsidyItemProblems(item)).toEqual([]);
      expect(readRehabSeed(year).items.length).toBeGreaterThanOrEqual(15);
    }
  });
});

describe('year-to-year difference', () => {
  const fields = [
    'nameZh',
    'maxSubsidyFen',
    'productPartFen',
    'servicePartFen',
    'serviceLifeYears',
    'ratios',
    'eligibleGrades',
  ] as const;

  it('finds added, removed and changed items on a test pair, field by field', () => {
    const older: SubsidyItem[] = [
      wheelchair,
      { ...wheelchair, code: '12030601', nameZh: '腋拐', serviceLifeYears: 3 },
      { ...wheelchair, code: '09121201', nameZh: '加高坐便器座' },
      { ...wheelchair, code: '22061501', nameZh: '助听器', ratios: { ...wheelchair.ratios, lowIncome: 80 } },
    ];
    const newer: SubsidyItem[] = [
      { ...wheelchair, maxSubsidyFen: 120_000, productPartFen: 100_000 },
      { ...wheelchair, code: '12030601', nameZh: '腋拐', serviceLifeYears: 3 },
      { ...wheelchair, code: '22061501', nameZh: '助听器' },
      { ...wheelchair, code: '06150301', nameZh: '外骨骼', firstOfKind: true },
    ];
    const diff = diffCatalogs(older, newer, fields);
    expect(diff.added.map((i) => i.code)).toEqual(['06150301']);
    expect(diff.removed.map((i) => i.code)).toEqual(['09121201']);
    expect(diff.unchanged).toBe(1);
    expect(diff.changed.map((c) => [c.code, c.changes])).toEqual([
      [
        '12220301',
        [
          { field: 'maxSubsidyFen', from: 100_000, to: 120_000 },
          { field: 'productPartFen', from: 80_000, to: 100_000 },
        ],
      ],
      [
        '22061501',
        [
          {
            field: 'ratios',
            from: { subsistence: 100, extremePoverty: 100, lowIncome: 80, other: 80 },
            to: wheelchair.ratios,
          },
        ],
      ],
    ]);
  });

  it('gives the seeded 2025 → 2026 difference', () => {
    const diff = diffCatalogs(readSubsidySeed(2025).items, readSubsidySeed(2026).items, fields);
    expect(diff.added.map((i) => i.code).sort()).toEqual(['06150301', '12390601', '22361201']);
    expect(diff.removed.map((i) => i.code).sort()).toEqual(['09121201', '22240601']);
    expect(diff.changed.map((c) => c.code).sort()).toEqual([
      '04330601',
      '06240901',
      '12220302',
      '12230601',
      '22061501',
    ]);
  });
});

describe('admission', () => {
  const weights = { maturity: 25, safety: 30, cost: 25, feedback: 20 };
  const scores = { maturity: 80, safety: 90, cost: 70, feedback: 60 };

  it('weights scores in tenths of a point and checks the weights sum to 100', () => {
    // 80×25 + 90×30 + 70×25 + 60×20 = 7650 → 76.5
    expect(weightedTenths(scores, weights)).toBe(765);
    expect(weightsProblem(weights)).toBeUndefined();
    expect(weightsProblem({ ...weights, cost: 15 })).toBe('notHundred');
    expect(weightsProblem({ ...weights, cost: 24.5, feedback: 20.5 })).toBe('notInteger');
  });

  it('is ready for a decision only when the whole panel, free of conflict and at least the panel size, has scored', () => {
    const scored = { hasConflict: false, scores };
    expect(panelState([scored, scored], weights, 3).readyForDecision).toBe(false);
    expect(panelState([scored, scored, scored], weights, 3)).toMatchObject({
      readyForDecision: true,
      meanTenths: 765,
    });
    expect(
      panelState([scored, scored, scored, { hasConflict: null, scores: null }], weights, 3).readyForDecision,
    ).toBe(false);
    const recused = { hasConflict: true, scores: null };
    expect(panelState([scored, scored, recused], weights, 3)).toMatchObject({
      readyForDecision: false,
      recused: 1,
    });
    expect(panelState([scored, scored, scored, recused], weights, 3).readyForDecision).toBe(true);
  });

  it('runs a notice for its full days and concludes only after the last one', () => {
    expect(noticeEndsOn('2026-12-01', 7)).toBe('2026-12-07');
    expect(concludeNotice('2026-12-07', '2026-12-07', [])).toBe('noticeStillOpen');
    expect(concludeNotice('2026-12-08', '2026-12-07', [])).toBe('admitted');
    expect(concludeNotice('2026-12-08', '2026-12-07', [{ status: 'dismissed' }])).toBe('admitted');
    expect(concludeNotice('2026-12-08', '2026-12-07', [{ status: 'open' }])).toBe('waitForRulings');
    expect(concludeNotice('2026-12-03', '2026-12-07', [{ status: 'upheld' }])).toBe('objection_upheld');
  });

  it('a catalog takes items only as a draft', () => {
    expect(catalogAllows('draft', 'editItems')).toBe(true);
    expect(catalogAllows('notice', 'editItems')).toBe(false);
    expect(catalogAllows('in_force', 'putInForce')).toBe(false);
  });
});

describe('machine-readable conditions', () => {
  it("states the rules of 97号 and the item's own limits, each with its clause", () => {
    const conditions = itemConditions(
      { ...wheelchair, ageMin: 0, ageMax: 16 },
      { year: 2026, startsOn: '2026-10-01', endsOn: '2027-09-30' },
    );
    expect(conditions.conditions.map((c) => c.id)).toEqual([
      'localHousehold',
      'certificateOrChild',
      'category',
      'grade',
      'age',
      'serviceLife',
      'quantity',
      'notSuppliedByOtherScheme',
    ]);
    expect(conditions.conditions.find((c) => c.id === 'serviceLife')).toMatchObject({
      years: 5,
      gradeChangeExceptionYears: 3,
    });
    expect(JSON.parse(JSON.stringify(conditions))).toEqual(conditions);
    expect(
      itemConditions(wheelchair, { year: 2026, startsOn: '', endsOn: '' }).conditions.some(
        (c) => c.id === 'age',
      ),
    ).toBe(false);
  });
});
