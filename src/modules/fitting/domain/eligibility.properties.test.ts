import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DisabilityCategory, DisabilityGrade } from '../../../platform/ids/index.ts';
import type { ItemConditions } from '../../policyCatalogs/index.ts';
import {
  checkEligibility,
  decideEligibility,
  type EligibilityInput,
  type RuleId,
  type RuleResult,
  type Verdict,
} from './eligibility.ts';

/*
 * The oracle below decides each rule from a decision table over facts worked
 * out differently from the code under test: ages and elapsed years from
 * yyyymmdd integers, anniversaries by editing the date string with a
 * leap-year test, every other date comparison on the strings themselves.
 */

const categories: readonly DisabilityCategory[] = [
  'visual',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'mental',
  'multiple',
];
const grades: readonly DisabilityGrade[] = [1, 2, 3, 4];

// ---- Generators (they may use Date: only the oracle has to be independent) ----

const iso = (date: Date) => date.toISOString().slice(0, 10);
const utc = (day: string) => new Date(`${day}T00:00:00Z`);

const dayBetween = (min: string, max: string) =>
  fc.date({ min: utc(min), max: new Date(`${max}T23:59:59Z`), noInvalidDate: true }).map(iso);

/** `years` calendar years and `days` days from `day`. */
function shift(day: string, years: number, days: number): string {
  const date = utc(day);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  date.setUTCDate(date.getUTCDate() + days);
  return iso(date);
}

/** Days within two of an anchor `years` away: where the off-by-one mistakes live. */
const near = (anchor: string, years: fc.Arbitrary<number>) =>
  fc.tuple(years, fc.integer({ min: -2, max: 2 })).map(([y, d]) => shift(anchor, y, d));

const leapDays = fc.constantFrom('1960-02-29', '2008-02-29', '2012-02-29', '2020-02-29', '2024-02-29');

const todays = fc.oneof(
  dayBetween('2024-01-01', '2030-12-31'),
  fc.constantFrom('2025-02-28', '2025-03-01', '2027-02-28', '2027-03-01', '2028-02-29', '2028-03-01'),
);

interface ItemSpec {
  readonly generations: readonly (2 | 3)[];
  readonly childMaxAge: number;
  readonly categories: readonly DisabilityCategory[] | null;
  readonly grades: readonly DisabilityGrade[] | null;
  readonly ageBounds: { readonly min: number | null; readonly max: number | null } | null;
  readonly serviceLifeYears: number;
  readonly medicalInsuranceCode: string | null;
  readonly validFrom: string;
  readonly validTo: string;
}

const itemSpecs = (today: string): fc.Arbitrary<ItemSpec | null> =>
  fc.option(
    fc
      .record({
        generations: fc.subarray([2, 3] as const),
        childMaxAge: fc.constantFrom(16, 16, 6, 18),
        categories: fc.option(fc.subarray([...categories]), { freq: 6 }),
        grades: fc.option(fc.subarray([...grades]), { freq: 6 }),
        ageBounds: fc.option(
          fc.record({
            min: fc.option(fc.integer({ min: 0, max: 90 })),
            max: fc.option(fc.integer({ min: 0, max: 90 })),
          }),
          { freq: 2 },
        ),
        serviceLifeYears: fc.integer({ min: 1, max: 8 }),
        medicalInsuranceCode: fc.option(fc.constantFrom('C12220301', 'C09120301')),
        // Mostly a policy year around today; sometimes starting or ending right next to it.
        startsDaysAgo: fc.oneof(fc.constantFrom(-1, 0, 364, 365, 366), fc.integer({ min: -30, max: 400 })),
      })
      .map(({ startsDaysAgo, ...spec }) => {
        const validFrom = shift(today, 0, -startsDaysAgo);
        return { ...spec, validFrom, validTo: shift(validFrom, 1, -1) };
      }),
    { freq: 8 },
  );

function itemConditionsOf(spec: ItemSpec): ItemConditions {
  const code = '12220301';
  const conditions: ItemConditions['conditions'][number][] = [
    { id: 'localHousehold', clause: '市残联发〔2021〕97号: 本市户籍' },
    {
      id: 'certificateOrChild',
      clause: '市残联发〔2021〕97号: 持第二代或第三代残疾人证，或0-16周岁儿童',
      certificateGenerations: spec.generations,
      childMaxAge: spec.childMaxAge,
    },
  ];
  if (spec.categories)
    conditions.push({ id: 'category', clause: `${code}: 适用残疾类别`, anyOf: spec.categories });
  if (spec.grades) conditions.push({ id: 'grade', clause: `${code}: 适用残疾等级`, anyOf: spec.grades });
  if (spec.ageBounds) conditions.push({ id: 'age', clause: `${code}: 适用年龄`, ...spec.ageBounds });
  conditions.push(
    {
      id: 'serviceLife',
      clause: '市残联发〔2021〕97号: 使用年限内不得重复申请；3年内残疾等级变化的除外',
      years: spec.serviceLifeYears,
      gradeChangeExceptionYears: 3,
    },
    { id: 'quantity', clause: `${code}: 数量限制`, max: 1 },
    {
      id: 'notSuppliedByOtherScheme',
      clause: '市残联发〔2021〕97号: 已享受其他社会保障渠道配置的不予重复补贴',
      medicalInsuranceCode: spec.medicalInsuranceCode,
    },
  );
  return {
    schema: 'fuju.subsidy-item-conditions/1',
    itemCode: code,
    catalogYear: Number(spec.validFrom.slice(0, 4)),
    validFrom: spec.validFrom,
    validTo: spec.validTo,
    conditions,
    subsidy: {
      maxSubsidyFen: 100_000,
      productPartFen: 80_000,
      servicePartFen: 20_000,
      ratioPercent: { subsistence: 100, extremePoverty: 100, lowIncome: 90, other: 80 },
    },
  };
}

interface Scenario {
  readonly today: string;
  readonly item: ItemSpec | null;
  readonly input: EligibilityInput;
}

const latestOf = (days: readonly string[]) => [...days].sort().at(-1) ?? null;

const scenarios: fc.Arbitrary<Scenario> = todays.chain((today) =>
  itemSpecs(today).chain((item) => {
    const years = item?.serviceLifeYears ?? 5;
    const ageEdges = [16, 17, (item?.ageBounds?.min ?? 60) + 0, (item?.ageBounds?.max ?? 16) + 1];
    const births = fc
      .oneof(
        dayBetween('1930-01-01', '2026-12-31'),
        near(today, fc.constantFrom(...ageEdges.map((edge) => -edge))),
        leapDays,
      )
      .filter((birth) => birth >= '1930-01-01' && birth <= today);
    const deliveries = fc.array(
      fc.oneof(
        dayBetween('2010-01-01', '2031-12-31'),
        near(today, fc.constant(-years)),
        near(today, fc.integer({ min: -10, max: 0 })),
        leapDays,
      ),
      { maxLength: 4 },
    );
    return fc
      .record({ birthDate: births, previousDeliveries: deliveries })
      .chain(({ birthDate, previousDeliveries }) => {
        const latest = latestOf(previousDeliveries);
        const gradeChanges = fc.oneof(
          dayBetween('2015-01-01', '2031-12-31'),
          near(today, fc.constant(-3)),
          latest === null ? leapDays : near(latest, fc.constant(0)),
          leapDays,
        );
        const certificates = fc.option(
          fc.record({
            generation: fc.constantFrom(2 as const, 3 as const),
            category: fc.constantFrom(...categories),
            grade: fc.constantFrom(...grades),
            validUntil: fc.option(
              fc.oneof(near(today, fc.constant(0)), dayBetween('2020-01-01', '2035-12-31')),
            ),
            gradeChangedOn: fc.option(gradeChanges, { freq: 3 }),
          }),
          { freq: 4 },
        );
        return fc
          .record({
            localHousehold: fc.boolean(),
            certificate: certificates,
            suppliedByOtherScheme: fc.boolean(),
            budgetLeftFen: fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -1_000, max: 50_000_000 })),
          })
          .map(({ localHousehold, certificate, suppliedByOtherScheme, budgetLeftFen }) => ({
            today,
            item,
            input: {
              today,
              applicant: { birthDate, localHousehold, certificate },
              item: item === null ? null : itemConditionsOf(item),
              previousDeliveries,
              suppliedByOtherScheme,
              budgetLeftFen,
            },
          }));
      });
  }),
);

// ---- The oracle ----

const dayNumber = (day: string) => Number(day.replaceAll('-', ''));
/** Whole years from one day to another: yyyymmdd integers differ by 10000 per complete year. */
const wholeYears = (from: string, to: string) => Math.floor((dayNumber(to) - dayNumber(from)) / 10000);
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
/** The same month-day `years` later; a 29 Feb with no 29 Feb that year is reached on 1 Mar. */
function anniversary(day: string, years: number): string {
  const year = Number(day.slice(0, 4)) + years;
  const monthDay = day.slice(5);
  return `${year}-${monthDay === '02-29' && !isLeapYear(year) ? '03-01' : monthDay}`;
}

interface Facts {
  readonly localHousehold: boolean;
  readonly age: number;
  readonly certificateCounts: boolean;
  readonly child: boolean;
  readonly hasItem: boolean;
  readonly hasCertificate: boolean;
  readonly categories: readonly DisabilityCategory[] | null;
  readonly categoryListed: boolean;
  readonly grades: readonly DisabilityGrade[] | null;
  readonly gradeListed: boolean;
  readonly hasAgeBounds: boolean;
  readonly ageWithinBounds: boolean;
  readonly inForce: boolean;
  readonly lastDelivery: string | null;
  readonly lifeOver: boolean;
  readonly eligibleAgainOn: string | null;
  readonly gradeChangeCounts: boolean;
  readonly suppliedByOtherScheme: boolean;
  readonly budgetLeftFen: number;
}

function factsOf({ today, item, input }: Scenario): Facts {
  const { certificate, birthDate } = input.applicant;
  const age = wholeYears(birthDate, today);
  const generations: readonly number[] = item?.generations ?? [2, 3];
  const lastDelivery = latestOf(input.previousDeliveries);
  const years = item?.serviceLifeYears ?? null;
  const changedOn = certificate?.gradeChangedOn ?? null;
  return {
    localHousehold: input.applicant.localHousehold,
    age,
    certificateCounts:
      certificate !== null &&
      generations.includes(certificate.generation) &&
      (certificate.validUntil === null || today <= certificate.validUntil),
    child: age <= (item?.childMaxAge ?? 16),
    hasItem: item !== null,
    hasCertificate: certificate !== null,
    categories: item?.categories ?? null,
    categoryListed: certificate !== null && (item?.categories ?? []).includes(certificate.category),
    grades: item?.grades ?? null,
    gradeListed: certificate !== null && (item?.grades ?? []).includes(certificate.grade),
    hasAgeBounds: item?.ageBounds != null,
    ageWithinBounds:
      (item?.ageBounds?.min == null || age >= item.ageBounds.min) &&
      (item?.ageBounds?.max == null || age <= item.ageBounds.max),
    inForce: item !== null && item.validFrom <= today && today <= item.validTo,
    lastDelivery,
    lifeOver: lastDelivery === null || (years !== null && wholeYears(lastDelivery, today) >= years),
    eligibleAgainOn: lastDelivery === null || years === null ? null : anniversary(lastDelivery, years),
    gradeChangeCounts:
      changedOn !== null &&
      lastDelivery !== null &&
      changedOn > lastDelivery &&
      changedOn <= today &&
      today <= anniversary(changedOn, 3),
    suppliedByOtherScheme: input.suppliedByOtherScheme,
    budgetLeftFen: input.budgetLeftFen,
  };
}

interface Row {
  readonly rule: RuleId;
  readonly when: (facts: Facts) => boolean;
  readonly verdict: Verdict;
}

const otherwise = () => true;

/** Read top to bottom: the first row of a rule whose condition holds gives its verdict. */
const decisionTable: readonly Row[] = [
  { rule: 'localHousehold', when: (f) => f.localHousehold, verdict: 'met' },
  { rule: 'localHousehold', when: otherwise, verdict: 'notMet' },
  { rule: 'certificateOrChild', when: (f) => f.certificateCounts || f.child, verdict: 'met' },
  { rule: 'certificateOrChild', when: otherwise, verdict: 'notMet' },
  { rule: 'category', when: (f) => f.categories === null || !f.hasCertificate, verdict: 'notApplicable' },
  { rule: 'category', when: (f) => f.categoryListed, verdict: 'met' },
  { rule: 'category', when: otherwise, verdict: 'notMet' },
  { rule: 'grade', when: (f) => f.grades === null || !f.hasCertificate, verdict: 'notApplicable' },
  { rule: 'grade', when: (f) => f.gradeListed, verdict: 'met' },
  { rule: 'grade', when: otherwise, verdict: 'notMet' },
  { rule: 'age', when: (f) => !f.hasAgeBounds, verdict: 'notApplicable' },
  { rule: 'age', when: (f) => f.ageWithinBounds, verdict: 'met' },
  { rule: 'age', when: otherwise, verdict: 'notMet' },
  { rule: 'itemInForce', when: (f) => f.inForce, verdict: 'met' },
  { rule: 'itemInForce', when: otherwise, verdict: 'notMet' },
  { rule: 'serviceLife', when: (f) => !f.hasItem, verdict: 'notApplicable' },
  { rule: 'serviceLife', when: (f) => f.lifeOver, verdict: 'met' },
  { rule: 'serviceLife', when: (f) => f.gradeChangeCounts, verdict: 'met' },
  { rule: 'serviceLife', when: otherwise, verdict: 'notMet' },
  { rule: 'notSuppliedByOtherScheme', when: (f) => f.suppliedByOtherScheme, verdict: 'notMet' },
  { rule: 'notSuppliedByOtherScheme', when: otherwise, verdict: 'met' },
  { rule: 'budget', when: (f) => f.budgetLeftFen > 0, verdict: 'met' },
  { rule: 'budget', when: otherwise, verdict: 'notMet' },
];

const ruleOrder = [...new Set(decisionTable.map((row) => row.rule))];

function expectedVerdict(facts: Facts, rule: RuleId): Verdict {
  const row = decisionTable.find((candidate) => candidate.rule === rule && candidate.when(facts));
  if (row === undefined) throw new Error(`the decision table has no row for ${rule}`);
  return row.verdict;
}

const evidenceOf = (results: readonly RuleResult[], rule: RuleId) =>
  results.find((result) => result.rule === rule)?.evidence;

describe('eligibility rules against an independent decision table', () => {
  it('agree on every rule’s verdict, the evidence dates rest on, and the decision', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenarios, (scenario) => {
        const facts = factsOf(scenario);
        const results = checkEligibility(scenario.input);
        expect(results.map((result) => result.rule)).toEqual(ruleOrder);
        for (const result of results) {
          expect({ rule: result.rule, verdict: result.verdict }).toEqual({
            rule: result.rule,
            verdict: expectedVerdict(facts, result.rule),
          });
          seen.add(`${result.rule}:${result.verdict}`);
        }
        expect(evidenceOf(results, 'age')?.age).toBe(facts.age);
        if (facts.hasItem) {
          const serviceLife = evidenceOf(results, 'serviceLife');
          expect(serviceLife?.eligibleAgainOn).toBe(facts.eligibleAgainOn);
          expect(serviceLife?.exceptionUsed).toBe(!facts.lifeOver && facts.gradeChangeCounts);
          if (serviceLife?.exceptionUsed) seen.add('serviceLife:exception');
        }
        const metBy = evidenceOf(results, 'certificateOrChild')?.metBy;
        expect(metBy).toBe(facts.certificateCounts ? 'certificate' : facts.child ? 'child' : null);
        if (metBy === 'child') seen.add('certificateOrChild:child');

        const anyNotMet = ruleOrder.some((rule) => expectedVerdict(facts, rule) === 'notMet');
        expect(decideEligibility(results, []).eligible).toBe(!anyNotMet);
        const overrides = results
          .filter((result) => result.verdict === 'notMet')
          .map((result) => ({ rule: result.rule, reason: '经集体研究同意' }));
        const reviewed = decideEligibility(results, overrides);
        expect(reviewed.eligible).toBe(true);
        expect(reviewed.results).toBe(results);
      }),
      { numRuns: 2_500 },
    );
    // The generators must reach every verdict of every rule, or agreement above proves little.
    for (const rule of ruleOrder) {
      const verdicts = new Set(decisionTable.filter((row) => row.rule === rule).map((row) => row.verdict));
      for (const verdict of verdicts) expect(seen).toContain(`${rule}:${verdict}`);
    }
    expect(seen).toContain('serviceLife:exception');
    expect(seen).toContain('certificateOrChild:child');
  });
});
