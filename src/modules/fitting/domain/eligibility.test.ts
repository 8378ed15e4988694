import { describe, expect, it } from 'vitest';
import type { ItemConditions } from '../../policyCatalogs/index.ts';
import {
  checkEligibility,
  decideEligibility,
  type EligibilityInput,
  eligibilityRuleSetVersion,
  OverrideError,
  type RuleId,
  type RuleResult,
} from './eligibility.ts';

type Condition = ItemConditions['conditions'][number];

/** A manual wheelchair as the 2026 catalog's conditions describe it (shaped like policyCatalogs' itemConditions()). */
const wheelchair: ItemConditions = {
  schema: 'fuju.subsidy-item-conditions/1',
  itemCode: '12220301',
  catalogYear: 2026,
  validFrom: '2026-10-01',
  validTo: '2027-09-30',
  conditions: [
    { id: 'localHousehold', clause: '市残联发〔2021〕97号: 本市户籍' },
    {
      id: 'certificateOrChild',
      clause: '市残联发〔2021〕97号: 持第二代或第三代残疾人证，或0-16周岁儿童',
      certificateGenerations: [2, 3],
      childMaxAge: 16,
    },
    { id: 'category', clause: '12220301: 适用残疾类别', anyOf: ['physical', 'multiple'] },
    { id: 'grade', clause: '12220301: 适用残疾等级', anyOf: [1, 2, 3] },
    {
      id: 'serviceLife',
      clause: '市残联发〔2021〕97号: 使用年限内不得重复申请；3年内残疾等级变化的除外',
      years: 5,
      gradeChangeExceptionYears: 3,
    },
    { id: 'quantity', clause: '12220301: 数量限制', max: 1 },
    {
      id: 'notSuppliedByOtherScheme',
      clause: '市残联发〔2021〕97号: 已享受其他社会保障渠道配置的不予重复补贴',
      medicalInsuranceCode: 'C12220301',
    },
  ],
  subsidy: {
    maxSubsidyFen: 100_000,
    productPartFen: 80_000,
    servicePartFen: 20_000,
    ratioPercent: { subsistence: 100, extremePoverty: 100, lowIncome: 90, other: 80 },
  },
};

/** The wheelchair with one condition replaced or added (matched by id). */
function itemWith(condition: Condition): ItemConditions {
  const others = wheelchair.conditions.filter((existing) => existing.id !== condition.id);
  return { ...wheelchair, conditions: [...others, condition] };
}

/** A local adult with a valid 2nd-generation certificate, physical grade 2, never supplied: eligible. */
const base: EligibilityInput = {
  today: '2026-11-28',
  applicant: {
    birthDate: '1980-05-01',
    localHousehold: true,
    certificate: { generation: 2, category: 'physical', grade: 2, validUntil: null, gradeChangedOn: null },
  },
  item: wheelchair,
  previousDeliveries: [],
  suppliedByOtherScheme: false,
  budgetLeftFen: 5_000_000,
};

type Certificate = NonNullable<EligibilityInput['applicant']['certificate']>;

function withApplicant(
  applicant: Partial<EligibilityInput['applicant']>,
  rest: Partial<EligibilityInput> = {},
) {
  return { ...base, ...rest, applicant: { ...base.applicant, ...applicant } };
}

function withCertificate(certificate: Partial<Certificate>, rest: Partial<EligibilityInput> = {}) {
  const current = base.applicant.certificate as Certificate;
  return withApplicant({ certificate: { ...current, ...certificate } }, rest);
}

function resultOf(input: EligibilityInput, rule: RuleId): RuleResult {
  const result = checkEligibility(input).find((candidate) => candidate.rule === rule);
  if (result === undefined) throw new Error(`no result for ${rule}`);
  return result;
}

const verdictOf = (input: EligibilityInput, rule: RuleId) => resultOf(input, rule).verdict;

const allRules: RuleId[] = [
  'localHousehold',
  'certificateOrChild',
  'category',
  'grade',
  'age',
  'itemInForce',
  'serviceLife',
  'notSuppliedByOtherScheme',
  'budget',
];

describe('the rule set', () => {
  it('answers every rule once, in order, at version 1, and the eligible example meets them all', () => {
    const results = checkEligibility(base);
    expect(results.map((result) => result.rule)).toEqual(allRules);
    expect(results.every((result) => result.version === 1)).toBe(true);
    expect(results.filter((result) => result.verdict === 'notMet')).toEqual([]);
    expect(eligibilityRuleSetVersion).toBe('xian-2021-97/1');
  });

  it('keeps the birth date out of the evidence: the age is what the rules compared', () => {
    const results = checkEligibility(base);
    expect(JSON.stringify(results)).not.toContain('1980-05-01');
    expect(resultOf(base, 'age').evidence.age).toBe(46);
  });

  it('refuses malformed dates and fractional fen instead of comparing them', () => {
    expect(() => checkEligibility({ ...base, today: '2026-11-31' })).toThrow('today is not a calendar day');
    expect(() => checkEligibility({ ...base, previousDeliveries: ['2024/01/01'] })).toThrow(RangeError);
    expect(() => checkEligibility(withCertificate({ validUntil: '' }))).toThrow(RangeError);
    expect(() => checkEligibility(withCertificate({ gradeChangedOn: '2026-02-29' }))).toThrow(RangeError);
    expect(() => checkEligibility({ ...base, item: { ...wheelchair, validTo: '2027-9-30' } })).toThrow(
      RangeError,
    );
    expect(() => checkEligibility({ ...base, budgetLeftFen: 10.5 })).toThrow(
      'budgetLeftFen is not whole fen',
    );
    expect(() => checkEligibility(withApplicant({ birthDate: '2026-11-29' }))).toThrow(RangeError);
  });
});

describe('localHousehold — 市残联发〔2021〕97号: 本市户籍', () => {
  it('is met by a local household registration and not met without one', () => {
    expect(resultOf(base, 'localHousehold')).toMatchObject({
      clause: '市残联发〔2021〕97号: 本市户籍',
      verdict: 'met',
      evidence: { localHousehold: true },
    });
    expect(verdictOf(withApplicant({ localHousehold: false }), 'localHousehold')).toBe('notMet');
  });

  it('still checks the person when the item is not in today’s catalog, citing the policy', () => {
    const result = resultOf(withApplicant({ localHousehold: false }, { item: null }), 'localHousehold');
    expect(result).toMatchObject({ clause: '市残联发〔2021〕97号: 本市户籍', verdict: 'notMet' });
  });

  it('cites the clause the item carries', () => {
    const item = itemWith({ id: 'localHousehold', clause: '市残联发〔2027〕1号: 本市户籍' });
    expect(resultOf({ ...base, item }, 'localHousehold').clause).toBe('市残联发〔2027〕1号: 本市户籍');
  });
});

describe('certificateOrChild — 市残联发〔2021〕97号: 持第二代或第三代残疾人证，或0-16周岁儿童', () => {
  const noCertificate = (birthDate: string, today: string) =>
    withApplicant({ birthDate, certificate: null }, { today });

  it('is met by a 2nd- or 3rd-generation certificate with no end date', () => {
    expect(resultOf(base, 'certificateOrChild')).toMatchObject({
      clause: '市残联发〔2021〕97号: 持第二代或第三代残疾人证，或0-16周岁儿童',
      verdict: 'met',
      evidence: { generation: 2, validUntil: null, age: 46, metBy: 'certificate' },
    });
    expect(verdictOf(withCertificate({ generation: 3 }), 'certificateOrChild')).toBe('met');
  });

  it('counts a certificate on its last valid day, not the day after', () => {
    expect(verdictOf(withCertificate({ validUntil: '2026-11-28' }), 'certificateOrChild')).toBe('met');
    const expired = resultOf(withCertificate({ validUntil: '2026-11-27' }), 'certificateOrChild');
    expect(expired).toMatchObject({ verdict: 'notMet', evidence: { validUntil: '2026-11-27', metBy: null } });
  });

  it('does not count a generation the item’s condition leaves out', () => {
    const item = itemWith({
      id: 'certificateOrChild',
      clause: '市残联发〔2021〕97号: 持第三代残疾人证，或0-16周岁儿童',
      certificateGenerations: [3],
      childMaxAge: 16,
    });
    expect(verdictOf({ ...base, item }, 'certificateOrChild')).toBe('notMet');
    expect(verdictOf(withCertificate({ generation: 3 }, { item }), 'certificateOrChild')).toBe('met');
  });

  it('is met by a child without a certificate through the whole sixteenth year, not on the 17th birthday', () => {
    expect(resultOf(noCertificate('2010-11-28', '2026-11-28'), 'certificateOrChild')).toMatchObject({
      verdict: 'met',
      evidence: { generation: null, age: 16, childMaxAge: 16, metBy: 'child' },
    });
    expect(verdictOf(noCertificate('2010-11-28', '2027-11-27'), 'certificateOrChild')).toBe('met');
    expect(resultOf(noCertificate('2010-11-28', '2027-11-28'), 'certificateOrChild')).toMatchObject({
      verdict: 'notMet',
      evidence: { age: 17, metBy: null },
    });
    expect(verdictOf(noCertificate('2026-11-28', '2026-11-28'), 'certificateOrChild')).toBe('met');
  });

  it('turns a child born on 29 Feb 17 on 1 Mar of a non-leap year', () => {
    expect(verdictOf(noCertificate('2008-02-29', '2025-02-28'), 'certificateOrChild')).toBe('met');
    expect(verdictOf(noCertificate('2008-02-29', '2025-03-01'), 'certificateOrChild')).toBe('notMet');
  });

  it('lets a child with an expired certificate in as a child', () => {
    const child = withApplicant({
      birthDate: '2015-03-01',
      certificate: {
        generation: 2,
        category: 'physical',
        grade: 2,
        validUntil: '2025-01-01',
        gradeChangedOn: null,
      },
    });
    expect(resultOf(child, 'certificateOrChild').evidence.metBy).toBe('child');
  });

  it('applies the policy’s own condition when the item is not in today’s catalog', () => {
    const result = resultOf(noCertificate('1990-01-01', '2026-11-28'), 'certificateOrChild');
    expect(
      resultOf({ ...noCertificate('1990-01-01', '2026-11-28'), item: null }, 'certificateOrChild'),
    ).toEqual(result);
    expect(result.verdict).toBe('notMet');
  });
});

describe('category — 12220301: 适用残疾类别', () => {
  it('is met when the certificate’s category is one the item lists, not met otherwise', () => {
    expect(resultOf(base, 'category')).toMatchObject({
      clause: '12220301: 适用残疾类别',
      verdict: 'met',
      evidence: { category: 'physical', anyOf: 'physical,multiple' },
    });
    expect(verdictOf(withCertificate({ category: 'multiple' }), 'category')).toBe('met');
    expect(verdictOf(withCertificate({ category: 'visual' }), 'category')).toBe('notMet');
  });

  it('does not apply to a child without a certificate, nor when the item is not in the catalog', () => {
    const child = withApplicant({ birthDate: '2015-06-01', certificate: null });
    expect(resultOf(child, 'category')).toMatchObject({
      verdict: 'notApplicable',
      evidence: { category: null, anyOf: 'physical,multiple' },
    });
    expect(resultOf({ ...base, item: null }, 'category')).toMatchObject({
      clause: '市残联发〔2021〕97号: 按目录所列适用残疾类别',
      verdict: 'notApplicable',
    });
  });
});

describe('grade — 12220301: 适用残疾等级', () => {
  it('is met when the certificate’s grade is one the item lists, not met otherwise', () => {
    expect(resultOf(withCertificate({ grade: 3 }), 'grade')).toMatchObject({
      clause: '12220301: 适用残疾等级',
      verdict: 'met',
      evidence: { grade: 3, anyOf: '1,2,3' },
    });
    expect(verdictOf(withCertificate({ grade: 1 }), 'grade')).toBe('met');
    expect(verdictOf(withCertificate({ grade: 4 }), 'grade')).toBe('notMet');
  });

  it('does not apply to a child without a certificate, nor when the item is not in the catalog', () => {
    expect(verdictOf(withApplicant({ birthDate: '2015-06-01', certificate: null }), 'grade')).toBe(
      'notApplicable',
    );
    expect(verdictOf({ ...base, item: null }, 'grade')).toBe('notApplicable');
  });
});

describe('age — 12220301: 适用年龄', () => {
  const children = itemWith({ id: 'age', clause: '12220301: 适用年龄', min: null, max: 16 });
  const elders = itemWith({ id: 'age', clause: '12220301: 适用年龄', min: 60, max: null });
  const on = (item: ItemConditions, birthDate: string, today: string) =>
    verdictOf(withApplicant({ birthDate }, { item, today }), 'age');

  it('includes the upper bound’s whole year and ends on the next birthday', () => {
    expect(resultOf(withApplicant({ birthDate: '2010-11-28' }, { item: children }), 'age')).toMatchObject({
      clause: '12220301: 适用年龄',
      verdict: 'met',
      evidence: { age: 16, min: null, max: 16 },
    });
    expect(on(children, '2010-11-28', '2027-11-27')).toBe('met');
    expect(on(children, '2010-11-28', '2027-11-28')).toBe('notMet');
    expect(on(children, '2008-02-29', '2025-02-28')).toBe('met');
    expect(on(children, '2008-02-29', '2025-03-01')).toBe('notMet');
  });

  it('starts on the lower bound’s birthday', () => {
    expect(on(elders, '1966-11-29', '2026-11-28')).toBe('notMet');
    expect(on(elders, '1966-11-28', '2026-11-28')).toBe('met');
    expect(on(elders, '1930-01-01', '2026-11-28')).toBe('met');
  });

  it('checks both bounds when both are set', () => {
    const teens = itemWith({ id: 'age', clause: '12220301: 适用年龄', min: 7, max: 16 });
    expect(on(teens, '2019-11-29', '2026-11-28')).toBe('notMet');
    expect(on(teens, '2019-11-28', '2026-11-28')).toBe('met');
    expect(on(teens, '2009-11-28', '2026-11-28')).toBe('notMet');
  });

  it('does not apply when the item has no age limit or is not in the catalog', () => {
    expect(resultOf(base, 'age')).toMatchObject({
      verdict: 'notApplicable',
      evidence: { age: 46, min: null, max: null },
    });
    expect(verdictOf({ ...base, item: null }, 'age')).toBe('notApplicable');
  });
});

describe('itemInForce — 市残联发〔2021〕97号: 申请的辅助器具须在本市辅助器具适配补贴目录内', () => {
  const onDay = (today: string) => verdictOf({ ...base, today }, 'itemInForce');

  it('is met from the first to the last day of the catalog’s policy year', () => {
    expect(resultOf(base, 'itemInForce')).toMatchObject({
      clause: '市残联发〔2021〕97号: 申请的辅助器具须在本市辅助器具适配补贴目录内',
      verdict: 'met',
      evidence: { itemCode: '12220301', catalogYear: 2026, validFrom: '2026-10-01', validTo: '2027-09-30' },
    });
    expect(onDay('2026-10-01')).toBe('met');
    expect(onDay('2027-09-30')).toBe('met');
    expect(onDay('2026-09-30')).toBe('notMet');
    expect(onDay('2027-10-01')).toBe('notMet');
  });

  it('is not met when the item is not in the catalog in force', () => {
    expect(resultOf({ ...base, item: null }, 'itemInForce')).toMatchObject({
      verdict: 'notMet',
      evidence: { itemCode: null, validFrom: null, validTo: null, today: '2026-11-28' },
    });
  });
});

describe('serviceLife — 市残联发〔2021〕97号: 使用年限内不得重复申请；3年内残疾等级变化的除外', () => {
  const delivered = (previousDeliveries: string[], rest: Partial<EligibilityInput> = {}) => ({
    ...base,
    ...rest,
    previousDeliveries,
  });
  const gradeChange = (gradeChangedOn: string, previousDeliveries: string[], today: string) =>
    withCertificate({ gradeChangedOn }, { previousDeliveries, today });

  it('is met by a first application', () => {
    expect(resultOf(base, 'serviceLife')).toMatchObject({
      clause: '市残联发〔2021〕97号: 使用年限内不得重复申请；3年内残疾等级变化的除外',
      verdict: 'met',
      evidence: { years: 5, lastDelivery: null, eligibleAgainOn: null, exceptionUsed: false },
    });
  });

  it('frees the item on the day the service life ends, not the day before', () => {
    expect(resultOf(delivered(['2021-11-28']), 'serviceLife')).toMatchObject({
      verdict: 'met',
      evidence: { lastDelivery: '2021-11-28', eligibleAgainOn: '2026-11-28', exceptionUsed: false },
    });
    expect(resultOf(delivered(['2021-11-29']), 'serviceLife')).toMatchObject({
      verdict: 'notMet',
      evidence: { eligibleAgainOn: '2026-11-29', exceptionUsed: false },
    });
  });

  it('counts from the latest delivery, whatever the order given', () => {
    const result = resultOf(delivered(['2023-05-01', '2015-01-01', '2019-07-07']), 'serviceLife');
    expect(result).toMatchObject({
      verdict: 'notMet',
      evidence: { lastDelivery: '2023-05-01', eligibleAgainOn: '2028-05-01' },
    });
  });

  it('ends a 29 Feb delivery’s life on 1 Mar when the year has no 29 Feb', () => {
    expect(verdictOf(delivered(['2020-02-29'], { today: '2025-02-28' }), 'serviceLife')).toBe('notMet');
    expect(verdictOf(delivered(['2020-02-29'], { today: '2025-03-01' }), 'serviceLife')).toBe('met');
    const fourYears = itemWith({
      id: 'serviceLife',
      clause: '市残联发〔2021〕97号: 使用年限内不得重复申请；3年内残疾等级变化的除外',
      years: 4,
      gradeChangeExceptionYears: 3,
    });
    expect(
      resultOf(delivered(['2024-02-29'], { today: '2028-02-29', item: fourYears }), 'serviceLife'),
    ).toMatchObject({ verdict: 'met', evidence: { eligibleAgainOn: '2028-02-29' } });
  });

  it('allows a new application within the life when the grade changed after the delivery, up to exactly 3 years ago', () => {
    expect(resultOf(gradeChange('2023-11-28', ['2023-06-01'], '2026-11-28'), 'serviceLife')).toMatchObject({
      verdict: 'met',
      evidence: { gradeChangedOn: '2023-11-28', eligibleAgainOn: '2028-06-01', exceptionUsed: true },
    });
    expect(resultOf(gradeChange('2023-11-27', ['2023-06-01'], '2026-11-28'), 'serviceLife')).toMatchObject({
      verdict: 'notMet',
      evidence: { exceptionUsed: false },
    });
  });

  it('does not use a grade change made before or on the day of the latest delivery, nor a future one', () => {
    expect(verdictOf(gradeChange('2024-01-01', ['2024-03-01'], '2026-11-28'), 'serviceLife')).toBe('notMet');
    expect(verdictOf(gradeChange('2024-03-01', ['2024-03-01'], '2026-11-28'), 'serviceLife')).toBe('notMet');
    expect(verdictOf(gradeChange('2024-03-02', ['2024-03-01'], '2026-11-28'), 'serviceLife')).toBe('met');
    expect(verdictOf(gradeChange('2026-11-29', ['2024-03-01'], '2026-11-28'), 'serviceLife')).toBe('notMet');
  });

  it('counts a 29 Feb grade change until 1 Mar three years on', () => {
    expect(verdictOf(gradeChange('2024-02-29', ['2023-06-01'], '2027-03-01'), 'serviceLife')).toBe('met');
    expect(verdictOf(gradeChange('2024-02-29', ['2023-06-01'], '2027-03-02'), 'serviceLife')).toBe('notMet');
  });

  it('does not apply when the item is not in the catalog', () => {
    expect(resultOf(delivered(['2026-01-01'], { item: null }), 'serviceLife')).toMatchObject({
      verdict: 'notApplicable',
      evidence: { years: null, lastDelivery: '2026-01-01', eligibleAgainOn: null },
    });
  });
});

describe('notSuppliedByOtherScheme — 市残联发〔2021〕97号: 已享受其他社会保障渠道配置的不予重复补贴', () => {
  it('is not met when another scheme already supplied the product, citing its insurance code', () => {
    expect(resultOf(base, 'notSuppliedByOtherScheme')).toMatchObject({
      clause: '市残联发〔2021〕97号: 已享受其他社会保障渠道配置的不予重复补贴',
      verdict: 'met',
      evidence: { suppliedByOtherScheme: false, medicalInsuranceCode: 'C12220301' },
    });
    expect(verdictOf({ ...base, suppliedByOtherScheme: true }, 'notSuppliedByOtherScheme')).toBe('notMet');
  });

  it('still holds the applicant to the declaration when the item is not in the catalog', () => {
    expect(
      resultOf({ ...base, item: null, suppliedByOtherScheme: true }, 'notSuppliedByOtherScheme'),
    ).toMatchObject({
      clause: '市残联发〔2021〕97号: 已享受其他社会保障渠道配置的不予重复补贴',
      verdict: 'notMet',
      evidence: { medicalInsuranceCode: null },
    });
  });
});

describe('budget — 市残联发〔2021〕97号: 在年度补贴资金预算内', () => {
  it('is met while any fen of the year’s budget is left', () => {
    expect(resultOf({ ...base, budgetLeftFen: 1 }, 'budget')).toMatchObject({
      clause: '市残联发〔2021〕97号: 在年度补贴资金预算内',
      verdict: 'met',
      evidence: { budgetLeftFen: 1 },
    });
    expect(verdictOf({ ...base, budgetLeftFen: 0 }, 'budget')).toBe('notMet');
    expect(verdictOf({ ...base, budgetLeftFen: -500 }, 'budget')).toBe('notMet');
  });
});

describe('decideEligibility', () => {
  const refused = checkEligibility(withApplicant({ localHousehold: false }, { budgetLeftFen: 0 }));

  it('is eligible when no rule is unmet, and records the rule set', () => {
    const decision = decideEligibility(checkEligibility(base), []);
    expect(decision).toMatchObject({ ruleSetVersion: 'xian-2021-97/1', overrides: [], eligible: true });
    expect(decision.results).toHaveLength(9);
  });

  it('is not eligible while any unmet rule is not overridden', () => {
    expect(decideEligibility(refused, []).eligible).toBe(false);
    const one = decideEligibility(refused, [{ rule: 'budget', reason: '追加预算已批复' }]);
    expect(one.eligible).toBe(false);
  });

  it('turns overridden rules into met for the decision, keeping the original verdicts and trimmed reasons', () => {
    const decision = decideEligibility(refused, [
      { rule: 'localHousehold', reason: '  居住证满五年，经区残联集体研究同意 ' },
      { rule: 'budget', reason: '追加预算已批复' },
    ]);
    expect(decision.eligible).toBe(true);
    expect(decision.results).toBe(refused);
    expect(decision.results.find((result) => result.rule === 'localHousehold')?.verdict).toBe('notMet');
    expect(decision.overrides).toEqual([
      { rule: 'localHousehold', reason: '居住证满五年，经区残联集体研究同意' },
      { rule: 'budget', reason: '追加预算已批复' },
    ]);
  });

  const problemOf = (overrides: { rule: RuleId; reason: string }[]) => {
    try {
      decideEligibility(refused, overrides);
    } catch (error) {
      if (error instanceof OverrideError) return { rule: error.rule, problem: error.problem };
      throw error;
    }
    return null;
  };

  it('refuses to override a rule that is met or does not apply, or the same rule twice', () => {
    expect(problemOf([{ rule: 'certificateOrChild', reason: '复核' }])).toEqual({
      rule: 'certificateOrChild',
      problem: 'notOverridable',
    });
    expect(problemOf([{ rule: 'age', reason: '复核' }])).toEqual({ rule: 'age', problem: 'notOverridable' });
    expect(
      problemOf([
        { rule: 'budget', reason: '追加预算' },
        { rule: 'budget', reason: '再次' },
      ]),
    ).toEqual({ rule: 'budget', problem: 'notOverridable' });
  });

  it('refuses an override without a reason', () => {
    expect(problemOf([{ rule: 'budget', reason: '' }])).toEqual({ rule: 'budget', problem: 'reasonMissing' });
    expect(problemOf([{ rule: 'budget', reason: ' \n\u3000' }])).toEqual({
      rule: 'budget',
      problem: 'reasonMissing',
    });
  });

  it('refuses results that do not list every rule in order', () => {
    expect(() => decideEligibility(refused.slice(0, 8), [])).toThrow(RangeError);
    expect(() => decideEligibility([...refused].reverse(), [])).toThrow(RangeError);
  });
});
