import type { DisabilityCategory, DisabilityGrade } from '../../../platform/ids/index.ts';
import type { ApplicantGroup, SubsidyItem } from './items.ts';

/**
 * The machine-readable conditions of one subsidy item, as the fitting
 * workflow's eligibility rules read them. Each condition names the policy
 * clause it comes from, so a verdict can cite it. Catalog-wide rules of
 * 市残联发〔2021〕97号 are included with the item's own limits, so a reader
 * needs nothing else to decide.
 */
export interface ItemConditions {
  readonly schema: 'fuju.subsidy-item-conditions/1';
  readonly itemCode: string;
  readonly catalogYear: number;
  /** The policy year the item is in force for (inclusive ISO dates). */
  readonly validFrom: string;
  readonly validTo: string;
  readonly conditions: readonly Condition[];
  /** Subsidy = floor(min(price, cap) × percent / 100), per applicant group. */
  readonly subsidy: {
    readonly maxSubsidyFen: number;
    readonly productPartFen: number;
    readonly servicePartFen: number;
    readonly ratioPercent: Readonly<Record<ApplicantGroup, number>>;
  };
}

export type Condition =
  | { readonly id: 'localHousehold'; readonly clause: string }
  | {
      readonly id: 'certificateOrChild';
      readonly clause: string;
      readonly certificateGenerations: readonly number[];
      readonly childMaxAge: number;
    }
  | { readonly id: 'category'; readonly clause: string; readonly anyOf: readonly DisabilityCategory[] }
  | { readonly id: 'grade'; readonly clause: string; readonly anyOf: readonly DisabilityGrade[] }
  | { readonly id: 'age'; readonly clause: string; readonly min: number | null; readonly max: number | null }
  | {
      readonly id: 'serviceLife';
      readonly clause: string;
      readonly years: number;
      /** A grade change within this many years allows a new application before the service life ends. */
      readonly gradeChangeExceptionYears: number;
    }
  | { readonly id: 'quantity'; readonly clause: string; readonly max: number }
  | {
      readonly id: 'notSuppliedByOtherScheme';
      readonly clause: string;
      readonly medicalInsuranceCode: string | null;
    };

const rules = '市残联发〔2021〕97号';

export function itemConditions(
  item: SubsidyItem,
  catalog: { readonly year: number; readonly startsOn: string; readonly endsOn: string },
): ItemConditions {
  const conditions: Condition[] = [
    { id: 'localHousehold', clause: `${rules}: 本市户籍` },
    {
      id: 'certificateOrChild',
      clause: `${rules}: 持第二代或第三代残疾人证，或0-16周岁儿童`,
      certificateGenerations: [2, 3],
      childMaxAge: 16,
    },
    { id: 'category', clause: `${item.code}: 适用残疾类别`, anyOf: item.eligibleCategories },
    { id: 'grade', clause: `${item.code}: 适用残疾等级`, anyOf: item.eligibleGrades },
  ];
  if (item.ageMin !== null || item.ageMax !== null)
    conditions.push({ id: 'age', clause: `${item.code}: 适用年龄`, min: item.ageMin, max: item.ageMax });
  conditions.push(
    {
      id: 'serviceLife',
      clause: `${rules}: 使用年限内不得重复申请；3年内残疾等级变化的除外`,
      years: item.serviceLifeYears,
      gradeChangeExceptionYears: 3,
    },
    { id: 'quantity', clause: `${item.code}: 数量限制`, max: item.quantityLimit },
    {
      id: 'notSuppliedByOtherScheme',
      clause: `${rules}: 已享受其他社会保障渠道配置的不予重复补贴`,
      medicalInsuranceCode: item.medicalInsurance ? item.medicalInsuranceCode : null,
    },
  );
  return {
    schema: 'fuju.subsidy-item-conditions/1',
    itemCode: item.code,
    catalogYear: catalog.year,
    validFrom: catalog.startsOn,
    validTo: catalog.endsOn,
    conditions,
    subsidy: {
      maxSubsidyFen: item.maxSubsidyFen,
      productPartFen: item.productPartFen,
      servicePartFen: item.servicePartFen,
      ratioPercent: item.ratios,
    },
  };
}
