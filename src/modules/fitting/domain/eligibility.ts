import type { DisabilityCategory, DisabilityGrade } from '../../../platform/ids/index.ts';
import type { ItemConditions } from '../../policyCatalogs/index.ts';
import { ageOn, assertCalendarDay, yearsAfter } from './age.ts';

export { ageOn } from './age.ts';

/**
 * Who may receive a fitting subsidy for an item under 市残联发〔2021〕97号.
 * Each rule is versioned code (DESIGN habit 4): it cites the clause it
 * implements and returns its verdict with the facts it compared, so a stored
 * decision can be explained and reviewed by a person later (SECURITY 24).
 * Change a rule's behaviour → bump its version, and the rule set's version.
 */
export const eligibilityRuleSetVersion = 'xian-2021-97/1';

export type RuleId =
  | 'localHousehold'
  | 'certificateOrChild'
  | 'category'
  | 'grade'
  | 'age'
  | 'itemInForce'
  | 'serviceLife'
  | 'notSuppliedByOtherScheme'
  | 'budget';

export type Verdict = 'met' | 'notMet' | 'notApplicable';

export interface RuleResult {
  readonly rule: RuleId;
  /** Each rule's own version, starting at 1. */
  readonly version: number;
  /** The policy clause it implements (from the item's conditions when there is one). */
  readonly clause: string;
  readonly verdict: Verdict;
  /** What the verdict rests on: the facts compared, in plain values (no names, no ID numbers). */
  readonly evidence: Readonly<Record<string, string | number | boolean | null>>;
}

export interface EligibilityInput {
  /** ISO yyyy-mm-dd: the Beijing day of the check. */
  readonly today: string;
  readonly applicant: {
    readonly birthDate: string;
    readonly localHousehold: boolean;
    readonly certificate: null | {
      readonly generation: 2 | 3;
      readonly category: DisabilityCategory;
      readonly grade: DisabilityGrade;
      readonly validUntil: string | null;
      readonly gradeChangedOn: string | null;
    };
  };
  /** The item's conditions from the catalog version in force today; null when the item is not in that version. */
  readonly item: ItemConditions | null;
  /** Earlier deliveries of the same item code to this person (ISO dates, any order). */
  readonly previousDeliveries: readonly string[];
  /** The applicant declares the product was already supplied by another scheme (e.g. medical insurance). */
  readonly suppliedByOtherScheme: boolean;
  /** What is left of the district's budget for the policy year, in fen. */
  readonly budgetLeftFen: number;
}

/** A reviewer's decision to set aside one unmet rule, with the reason they give. */
export interface Override {
  readonly rule: RuleId;
  readonly reason: string;
}

export interface EligibilityDecision {
  readonly ruleSetVersion: string;
  /** Every rule, in rule-set order. */
  readonly results: readonly RuleResult[];
  readonly overrides: readonly Override[];
  /** No rule notMet, once overrides are applied (an override turns that rule's notMet into met, keeping the original in results). */
  readonly eligible: boolean;
}

export type OverrideProblem = 'notOverridable' | 'reasonMissing';

/** An override that cannot be accepted; pages turn the problem into a message. */
export class OverrideError extends Error {
  constructor(
    readonly rule: RuleId,
    readonly problem: OverrideProblem,
  ) {
    super(`override of ${rule}: ${problem}`);
    this.name = 'OverrideError';
  }
}

type Condition = ItemConditions['conditions'][number];
type ConditionOf<K extends Condition['id']> = Extract<Condition, { readonly id: K }>;

function conditionOf<K extends Condition['id']>(
  item: ItemConditions | null,
  id: K,
): ConditionOf<K> | undefined {
  return item?.conditions.find((condition): condition is ConditionOf<K> => condition.id === id);
}

const policy = '市残联发〔2021〕97号';

/**
 * The city-wide conditions of the policy. They bind every applicant, so
 * when the item does not carry one (it is not in today's catalog, or its
 * conditions leave it out) the person is still checked against it: failing
 * closed rather than skipping the check.
 */
const cityWide: {
  readonly [K in 'localHousehold' | 'certificateOrChild' | 'notSuppliedByOtherScheme']: ConditionOf<K>;
} = {
  localHousehold: { id: 'localHousehold', clause: `${policy}: 本市户籍` },
  certificateOrChild: {
    id: 'certificateOrChild',
    clause: `${policy}: 持第二代或第三代残疾人证，或0-16周岁儿童`,
    certificateGenerations: [2, 3],
    childMaxAge: 16,
  },
  notSuppliedByOtherScheme: {
    id: 'notSuppliedByOtherScheme',
    clause: `${policy}: 已享受其他社会保障渠道配置的不予重复补贴`,
    medicalInsuranceCode: null,
  },
};

/** Clauses cited when there is no item condition to quote. */
const ruleClauses = {
  category: `${policy}: 按目录所列适用残疾类别`,
  grade: `${policy}: 按目录所列适用残疾等级`,
  age: `${policy}: 按目录所列适用年龄`,
  itemInForce: `${policy}: 申请的辅助器具须在本市辅助器具适配补贴目录内`,
  serviceLife: `${policy}: 使用年限内不得重复申请；3年内残疾等级变化的除外`,
  budget: `${policy}: 在年度补贴资金预算内`,
} as const;

/** The facts every rule may read, worked out once. */
interface Facts {
  readonly input: EligibilityInput;
  readonly age: number;
}

type Outcome = Omit<RuleResult, 'rule' | 'version'>;

interface Rule {
  readonly id: RuleId;
  readonly version: number;
  readonly check: (facts: Facts) => Outcome;
}

function localHousehold({ input }: Facts): Outcome {
  const condition = conditionOf(input.item, 'localHousehold') ?? cityWide.localHousehold;
  const { localHousehold } = input.applicant;
  return {
    clause: condition.clause,
    verdict: localHousehold ? 'met' : 'notMet',
    evidence: { localHousehold },
  };
}

/**
 * A certificate counts on its last valid day (validUntil = today). A child
 * counts up to the day before their (childMaxAge + 1)th birthday: "0-16周岁"
 * includes the whole sixteenth year.
 */
function certificateOrChild({ input, age }: Facts): Outcome {
  const condition = conditionOf(input.item, 'certificateOrChild') ?? cityWide.certificateOrChild;
  const { certificate } = input.applicant;
  const certificateCounts =
    certificate !== null &&
    condition.certificateGenerations.includes(certificate.generation) &&
    (certificate.validUntil === null || certificate.validUntil >= input.today);
  const child = age <= condition.childMaxAge;
  const metBy = certificateCounts ? 'certificate' : child ? 'child' : null;
  return {
    clause: condition.clause,
    verdict: metBy === null ? 'notMet' : 'met',
    evidence: {
      generation: certificate?.generation ?? null,
      validUntil: certificate?.validUntil ?? null,
      today: input.today,
      age,
      childMaxAge: condition.childMaxAge,
      metBy,
    },
  };
}

/** A child without a certificate has no category to compare: the item's list does not apply to them. */
function category({ input }: Facts): Outcome {
  const condition = conditionOf(input.item, 'category');
  const { certificate } = input.applicant;
  const evidence = { category: certificate?.category ?? null, anyOf: condition?.anyOf.join(',') ?? null };
  const clause = condition?.clause ?? ruleClauses.category;
  if (condition === undefined || certificate === null) return { clause, verdict: 'notApplicable', evidence };
  return { clause, verdict: condition.anyOf.includes(certificate.category) ? 'met' : 'notMet', evidence };
}

function grade({ input }: Facts): Outcome {
  const condition = conditionOf(input.item, 'grade');
  const { certificate } = input.applicant;
  const evidence = { grade: certificate?.grade ?? null, anyOf: condition?.anyOf.join(',') ?? null };
  const clause = condition?.clause ?? ruleClauses.grade;
  if (condition === undefined || certificate === null) return { clause, verdict: 'notApplicable', evidence };
  return { clause, verdict: condition.anyOf.includes(certificate.grade) ? 'met' : 'notMet', evidence };
}

/** Bounds are whole years of age, both inclusive; a null bound is open. */
function ageInRange({ input, age }: Facts): Outcome {
  const condition = conditionOf(input.item, 'age');
  const evidence = { age, min: condition?.min ?? null, max: condition?.max ?? null };
  const clause = condition?.clause ?? ruleClauses.age;
  if (condition === undefined) return { clause, verdict: 'notApplicable', evidence };
  const inRange =
    (condition.min === null || age >= condition.min) && (condition.max === null || age <= condition.max);
  return { clause, verdict: inRange ? 'met' : 'notMet', evidence };
}

/** Both ends of the policy year are days the item is in force. */
function itemInForce({ input }: Facts): Outcome {
  const { item, today } = input;
  const inForce = item !== null && item.validFrom <= today && today <= item.validTo;
  return {
    clause: ruleClauses.itemInForce,
    verdict: inForce ? 'met' : 'notMet',
    evidence: {
      itemCode: item?.itemCode ?? null,
      catalogYear: item?.catalogYear ?? null,
      validFrom: item?.validFrom ?? null,
      validTo: item?.validTo ?? null,
      today,
    },
  };
}

/**
 * Only the latest delivery matters: each one restarts the service life. The
 * life ends on the delivery's anniversary `years` later (a 29 Feb delivery's
 * anniversary is 1 Mar, as for birthdays), and that day is already free.
 * The grade-change exception needs a change after the latest delivery (a
 * change the delivered product could not have been fitted for) that is at
 * most 3 years old: its third anniversary is the last day it counts.
 */
function serviceLife({ input }: Facts): Outcome {
  const condition = conditionOf(input.item, 'serviceLife');
  const clause = condition?.clause ?? ruleClauses.serviceLife;
  const lastDelivery = input.previousDeliveries.reduce<string | null>(
    (latest, day) => (latest === null || day > latest ? day : latest),
    null,
  );
  const gradeChangedOn = input.applicant.certificate?.gradeChangedOn ?? null;
  const base = { years: condition?.years ?? null, lastDelivery, gradeChangedOn, today: input.today };
  if (condition === undefined)
    return {
      clause,
      verdict: 'notApplicable',
      evidence: { ...base, eligibleAgainOn: null, exceptionUsed: false },
    };
  const eligibleAgainOn = lastDelivery === null ? null : yearsAfter(lastDelivery, condition.years);
  if (eligibleAgainOn === null || eligibleAgainOn <= input.today)
    return { clause, verdict: 'met', evidence: { ...base, eligibleAgainOn, exceptionUsed: false } };
  const exceptionUsed =
    gradeChangedOn !== null &&
    lastDelivery !== null &&
    gradeChangedOn > lastDelivery &&
    gradeChangedOn <= input.today &&
    input.today <= yearsAfter(gradeChangedOn, condition.gradeChangeExceptionYears);
  return {
    clause,
    verdict: exceptionUsed ? 'met' : 'notMet',
    evidence: { ...base, eligibleAgainOn, exceptionUsed },
  };
}

function notSuppliedByOtherScheme({ input }: Facts): Outcome {
  const condition = conditionOf(input.item, 'notSuppliedByOtherScheme') ?? cityWide.notSuppliedByOtherScheme;
  return {
    clause: condition.clause,
    verdict: input.suppliedByOtherScheme ? 'notMet' : 'met',
    evidence: {
      suppliedByOtherScheme: input.suppliedByOtherScheme,
      medicalInsuranceCode: condition.medicalInsuranceCode,
    },
  };
}

/** Any fen left admits the application; whether it covers the whole subsidy is settled at approval. */
function budget({ input }: Facts): Outcome {
  const { budgetLeftFen } = input;
  return {
    clause: ruleClauses.budget,
    verdict: budgetLeftFen > 0 ? 'met' : 'notMet',
    evidence: { budgetLeftFen },
  };
}

const rules: readonly Rule[] = [
  { id: 'localHousehold', version: 1, check: localHousehold },
  { id: 'certificateOrChild', version: 1, check: certificateOrChild },
  { id: 'category', version: 1, check: category },
  { id: 'grade', version: 1, check: grade },
  { id: 'age', version: 1, check: ageInRange },
  { id: 'itemInForce', version: 1, check: itemInForce },
  { id: 'serviceLife', version: 1, check: serviceLife },
  { id: 'notSuppliedByOtherScheme', version: 1, check: notSuppliedByOtherScheme },
  { id: 'budget', version: 1, check: budget },
];

/** Malformed dates or money would make string comparisons lie: refuse them outright. */
function assertWellFormed(input: EligibilityInput): void {
  const { applicant, item } = input;
  assertCalendarDay(input.today, 'today');
  assertCalendarDay(applicant.birthDate, 'birthDate');
  const certificate = applicant.certificate;
  if (certificate?.validUntil != null) assertCalendarDay(certificate.validUntil, 'validUntil');
  if (certificate?.gradeChangedOn != null) assertCalendarDay(certificate.gradeChangedOn, 'gradeChangedOn');
  for (const day of input.previousDeliveries) assertCalendarDay(day, 'previousDeliveries');
  if (item !== null) {
    assertCalendarDay(item.validFrom, 'validFrom');
    assertCalendarDay(item.validTo, 'validTo');
  }
  if (!Number.isSafeInteger(input.budgetLeftFen)) throw new RangeError('budgetLeftFen is not whole fen');
}

/** Every rule's verdict, in rule-set order. */
export function checkEligibility(input: EligibilityInput): RuleResult[] {
  assertWellFormed(input);
  const facts: Facts = { input, age: ageOn(input.applicant.birthDate, input.today) };
  return rules.map(({ id, version, check }) => ({ rule: id, version, ...check(facts) }));
}

/**
 * The decision from the rules' results and a reviewer's overrides. An
 * override may only set aside a rule that is notMet, once, and must say why:
 * the reason is what a later review reads (SECURITY 24).
 */
export function decideEligibility(
  results: readonly RuleResult[],
  overrides: readonly Override[],
): EligibilityDecision {
  // A decision from a partial or reordered list could call someone eligible on rules never checked.
  if (results.length !== rules.length || results.some((result, index) => result.rule !== rules[index]?.id))
    throw new RangeError('results must list every rule once, in rule-set order');
  const overridden = new Set<RuleId>();
  const accepted = overrides.map(({ rule, reason }) => {
    if (reason.trim() === '') throw new OverrideError(rule, 'reasonMissing');
    const result = results.find((candidate) => candidate.rule === rule);
    if (result?.verdict !== 'notMet' || overridden.has(rule)) throw new OverrideError(rule, 'notOverridable');
    overridden.add(rule);
    return { rule, reason: reason.trim() };
  });
  return {
    ruleSetVersion: eligibilityRuleSetVersion,
    results,
    overrides: accepted,
    eligible: results.every((result) => result.verdict !== 'notMet' || overridden.has(result.rule)),
  };
}
