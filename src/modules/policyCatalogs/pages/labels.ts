import { defineMessages, formatYuan, type Locale } from '../../../platform/i18n/index.ts';
import {
  type DisabilityCategory,
  type DisabilityGrade,
  disabilityCategoryText,
  disabilityGradeText,
} from '../../../platform/ids/index.ts';
import type { AdmissionStatus, Criterion } from '../domain/admission.ts';
import type { ApplicantGroup, CatalogKind, CatalogStatus } from '../domain/items.ts';

/** Words every policy-catalog page uses: statuses, categories, groups, criteria. */
export const policyLabels = defineMessages(
  'policyLabels',
  {
    kind_subsidy: '辅助器具适配补贴目录',
    kind_rehab: '基本康复服务项目目录',
    status_draft: '草稿',
    status_notice: '公示中',
    status_in_force: '执行中',
    status_superseded: '已废止',
    admission_applied: '已申请，待组建评审组',
    admission_under_review: '评审中',
    admission_notice: '公示中',
    admission_admitted: '已纳入目录',
    admission_rejected: '未通过评审',
    admission_objection_upheld: '公示异议成立，未纳入',
    admission_withdrawn: '已撤回',
    group_subsistence: '低保对象',
    group_extremePoverty: '特困人员',
    group_lowIncome: '低收入人员',
    group_other: '其他人员',
    criterion_maturity: '技术成熟度',
    criterion_safety: '安全性',
    criterion_cost: '性价比',
    criterion_feedback: '用户评价',
    gradesAll: '一至四级',
    ageAny: '不限',
    ageRange: '{min}至{max}周岁',
    ageFrom: '{min}周岁及以上',
    ageTo: '{max}周岁及以下',
    years: '{years}年',
    yearOne: '1年',
    listSeparator: '、',
    percent: '{value}%',
    scoreTenths: '{whole}.{tenth}分',
  },
  {
    kind_subsidy: 'Assistive-product fitting subsidy catalog',
    kind_rehab: 'Basic rehabilitation services catalog',
    status_draft: 'Draft',
    status_notice: 'Under public notice',
    status_in_force: 'In force',
    status_superseded: 'Superseded',
    admission_applied: 'Applied, waiting for a panel',
    admission_under_review: 'Under review',
    admission_notice: 'Under public notice',
    admission_admitted: 'Admitted to the catalog',
    admission_rejected: 'Not admitted after review',
    admission_objection_upheld: 'Objection upheld, not admitted',
    admission_withdrawn: 'Withdrawn',
    group_subsistence: 'Subsistence allowance (dibao)',
    group_extremePoverty: 'Extreme poverty support (tekun)',
    group_lowIncome: 'Low income',
    group_other: 'Everyone else',
    criterion_maturity: 'Technical maturity',
    criterion_safety: 'Safety',
    criterion_cost: 'Cost-effectiveness',
    criterion_feedback: 'User feedback',
    gradesAll: 'grades 1 to 4',
    ageAny: 'any age',
    ageRange: 'aged {min} to {max}',
    ageFrom: 'aged {min} or over',
    ageTo: 'aged {max} or under',
    years: '{years} years',
    yearOne: '1 year',
    listSeparator: ', ',
    percent: '{value}%',
    scoreTenths: '{whole}.{tenth} points',
  },
);

type L = ReturnType<typeof policyLabels.for>;

export const catalogStatusText = (l: L, status: CatalogStatus) => l(`status_${status}`);
export const admissionStatusText = (l: L, status: AdmissionStatus) => l(`admission_${status}`);
export const kindText = (l: L, kind: CatalogKind) => l(`kind_${kind}`);
export const groupText = (l: L, group: ApplicantGroup) => l(`group_${group}`);
export const criterionText = (l: L, criterion: Criterion) => l(`criterion_${criterion}`);

export const categoriesText = (l: L, locale: Locale, categories: readonly DisabilityCategory[]) =>
  categories.map((c) => disabilityCategoryText(locale, c)).join(l('listSeparator'));

export function gradesText(l: L, locale: Locale, grades: readonly DisabilityGrade[]): string {
  if (([1, 2, 3, 4] as const).every((g) => grades.includes(g))) return l('gradesAll');
  return grades.map((grade) => disabilityGradeText(locale, grade)).join(l('listSeparator'));
}

export function ageText(l: L, min: number | null, max: number | null): string {
  if (min !== null && max !== null) return l('ageRange', { min, max });
  if (min !== null) return l('ageFrom', { min });
  if (max !== null) return l('ageTo', { max });
  return l('ageAny');
}

/** A weighted score kept in tenths, shown with one decimal. */
export const scoreText = (l: L, tenths: number) =>
  l('scoreTenths', { whole: Math.floor(tenths / 10), tenth: tenths % 10 });

export const money = (fen: number, locale: Locale) => formatYuan(fen, locale);

/** Public URL segment of each kind. */
export const kindPath: Readonly<Record<CatalogKind, string>> = {
  subsidy: '/subsidy-catalogs',
  rehab: '/rehab-service-catalogs',
};

/** A service life: "1 year" needs its own English form. */
export const yearsText = (l: L, years: number) => (years === 1 ? l('yearOne') : l('years', { years }));
