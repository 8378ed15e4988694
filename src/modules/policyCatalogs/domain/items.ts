import type { DisabilityCategory, DisabilityGrade } from '../../../platform/ids/index.ts';

export type CatalogKind = 'subsidy' | 'rehab';

/** A version's life: drafted, shown for public notice, in force for its policy year, then replaced. */
export const catalogStatuses = ['draft', 'notice', 'in_force', 'superseded'] as const;
export type CatalogStatus = (typeof catalogStatuses)[number];

/**
 * The groups whose subsidy ratio differs: 低保 (subsistence allowance),
 * 特困 (extreme poverty support), 低收入 (low income) and everyone else.
 */
export const applicantGroups = ['subsistence', 'extremePoverty', 'lowIncome', 'other'] as const;
export type ApplicantGroup = (typeof applicantGroups)[number];

/** Percent of the subsidy paid, per applicant group (integers 0-100). */
export type SubsidyRatios = Readonly<Record<ApplicantGroup, number>>;

export interface AdmittedProduct {
  readonly productId: string;
  readonly priceFen: number;
  /** The admission that brought it in; null for products listed when the version was drafted. */
  readonly admissionId: string | null;
}

/** One line of the fitting-subsidy catalog (辅助器具适配补贴目录). */
export interface SubsidyItem {
  /** The ISO 9999 division followed by a local serial (as Norway adds two digits). */
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly descriptionZh: string;
  readonly descriptionEn: string;
  readonly isoCodes: readonly string[];
  readonly maxSubsidyFen: number;
  readonly productPartFen: number;
  readonly servicePartFen: number;
  readonly ratios: SubsidyRatios;
  readonly eligibleCategories: readonly DisabilityCategory[];
  readonly eligibleGrades: readonly DisabilityGrade[];
  readonly ageMin: number | null;
  readonly ageMax: number | null;
  /** 使用年限: no new subsidy for the same item within it. */
  readonly serviceLifeYears: number;
  readonly quantityLimit: number;
  readonly medicalInsurance: boolean;
  readonly medicalInsuranceCode: string | null;
  /** 首台套 / 首批次 / 首版次. */
  readonly firstOfKind: boolean;
}

/** One line of the basic rehabilitation-services catalog (基本康复服务项目目录). */
export interface RehabItem {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly targetGroupZh: string;
  readonly targetGroupEn: string;
  readonly contentZh: string;
  readonly contentEn: string;
  readonly frequencyZh: string;
  readonly frequencyEn: string;
  readonly standardPriceFen: number;
  readonly subsidyFen: number;
  readonly eligibleCategories: readonly DisabilityCategory[];
  readonly ageMin: number | null;
  readonly ageMax: number | null;
}

export type ItemProblem =
  | {
      readonly field: string;
      readonly problem: 'required' | 'notInteger' | 'negative' | 'tooLong' | 'format';
    }
  | { readonly field: 'servicePartFen'; readonly problem: 'partsNotSum' }
  | { readonly field: 'subsidyFen'; readonly problem: 'overPrice' }
  | { readonly field: 'ageMax'; readonly problem: 'ageOrder' }
  | { readonly field: 'ratios'; readonly problem: 'ratioRange' }
  | { readonly field: 'medicalInsuranceCode'; readonly problem: 'insuranceCodeMissing' };

const isWholeFen = (value: number) => Number.isSafeInteger(value);

function amountProblems(fields: Readonly<Record<string, number>>): ItemProblem[] {
  const problems: ItemProblem[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!isWholeFen(value)) problems.push({ field, problem: 'notInteger' });
    else if (value < 0) problems.push({ field, problem: 'negative' });
  }
  return problems;
}

function textProblems(
  fields: Readonly<Record<string, string>>,
  optional: readonly string[] = [],
): ItemProblem[] {
  const problems: ItemProblem[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (value.trim() === '' && !optional.includes(field)) problems.push({ field, problem: 'required' });
    else if (value.length > 2000) problems.push({ field, problem: 'tooLong' });
  }
  return problems;
}

function ageProblems(ageMin: number | null, ageMax: number | null): ItemProblem[] {
  const problems: ItemProblem[] = [];
  for (const [field, value] of [
    ['ageMin', ageMin],
    ['ageMax', ageMax],
  ] as const) {
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > 150))
      problems.push({ field, problem: 'format' });
  }
  if (problems.length === 0 && ageMin !== null && ageMax !== null && ageMin > ageMax)
    problems.push({ field: 'ageMax', problem: 'ageOrder' });
  return problems;
}

export const subsidyItemCodePattern = /^[0-9]{6,10}$/;
export const rehabItemCodePattern = /^R[0-9]{2,4}$/;
const isoDivisionPattern = /^[0-9]{6}$/;

/** Every rule a subsidy item obeys, whatever it came from (a form, a spreadsheet, the seed). */
export function subsidyItemProblems(item: SubsidyItem): ItemProblem[] {
  const problems: ItemProblem[] = [];
  if (!subsidyItemCodePattern.test(item.code)) problems.push({ field: 'code', problem: 'format' });
  problems.push(
    ...textProblems(
      {
        nameZh: item.nameZh,
        nameEn: item.nameEn,
        descriptionZh: item.descriptionZh,
        descriptionEn: item.descriptionEn,
      },
      ['descriptionZh', 'descriptionEn'],
    ),
  );
  if (item.isoCodes.length === 0 || item.isoCodes.some((code) => !isoDivisionPattern.test(code)))
    problems.push({ field: 'isoCodes', problem: 'format' });
  const amounts = amountProblems({
    maxSubsidyFen: item.maxSubsidyFen,
    productPartFen: item.productPartFen,
    servicePartFen: item.servicePartFen,
  });
  problems.push(...amounts);
  if (amounts.length === 0 && item.productPartFen + item.servicePartFen !== item.maxSubsidyFen)
    problems.push({ field: 'servicePartFen', problem: 'partsNotSum' });
  if (Object.values(item.ratios).some((r) => !Number.isInteger(r) || r < 0 || r > 100))
    problems.push({ field: 'ratios', problem: 'ratioRange' });
  if (item.eligibleCategories.length === 0)
    problems.push({ field: 'eligibleCategories', problem: 'required' });
  if (item.eligibleGrades.length === 0) problems.push({ field: 'eligibleGrades', problem: 'required' });
  problems.push(...ageProblems(item.ageMin, item.ageMax));
  if (!Number.isInteger(item.serviceLifeYears) || item.serviceLifeYears < 1 || item.serviceLifeYears > 50)
    problems.push({ field: 'serviceLifeYears', problem: 'format' });
  if (!Number.isInteger(item.quantityLimit) || item.quantityLimit < 1 || item.quantityLimit > 99)
    problems.push({ field: 'quantityLimit', problem: 'format' });
  if (item.medicalInsurance && (item.medicalInsuranceCode ?? '').trim() === '')
    problems.push({ field: 'medicalInsuranceCode', problem: 'insuranceCodeMissing' });
  return problems;
}

export function rehabItemProblems(item: RehabItem): ItemProblem[] {
  const problems: ItemProblem[] = [];
  if (!rehabItemCodePattern.test(item.code)) problems.push({ field: 'code', problem: 'format' });
  problems.push(
    ...textProblems({
      nameZh: item.nameZh,
      nameEn: item.nameEn,
      targetGroupZh: item.targetGroupZh,
      targetGroupEn: item.targetGroupEn,
      contentZh: item.contentZh,
      contentEn: item.contentEn,
      frequencyZh: item.frequencyZh,
      frequencyEn: item.frequencyEn,
    }),
  );
  const amounts = amountProblems({ standardPriceFen: item.standardPriceFen, subsidyFen: item.subsidyFen });
  problems.push(...amounts);
  if (amounts.length === 0 && item.subsidyFen > item.standardPriceFen)
    problems.push({ field: 'subsidyFen', problem: 'overPrice' });
  if (item.eligibleCategories.length === 0)
    problems.push({ field: 'eligibleCategories', problem: 'required' });
  problems.push(...ageProblems(item.ageMin, item.ageMax));
  return problems;
}

/**
 * What one applicant group receives for an item bought at a price: the
 * capped amount times the group's ratio, rounded down to whole fen so the
 * city never pays a fraction more than the rule says.
 */
export function subsidyFor(
  item: Pick<SubsidyItem, 'maxSubsidyFen' | 'ratios'>,
  group: ApplicantGroup,
  priceFen: number,
): number {
  const capped = Math.min(priceFen, item.maxSubsidyFen);
  return Math.floor((capped * item.ratios[group]) / 100);
}
