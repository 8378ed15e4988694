import { formatYuan, type Locale, parseYuanToFen } from '../../../../platform/i18n/index.ts';
import {
  type DisabilityCategory,
  type DisabilityGrade,
  disabilityCategories,
} from '../../../../platform/ids/index.ts';
import type { FieldErrors } from '../../../../platform/ui/index.ts';
import {
  type ApplicantGroup,
  applicantGroups,
  type ItemProblem,
  type RehabItem,
  rehabItemProblems,
  type SubsidyItem,
  subsidyItemProblems,
} from '../../domain/items.ts';
import { groupText, policyLabels } from '../labels.ts';
import { halfWidthDigits, trimmed, wholeNumber } from '../shared.tsx';
import { type AdminKey, type AdminT, policyAdminMessages } from './messages.ts';

/**
 * The forms for one item of a draft, as typed, and how they become items:
 * the form's own parsing (yuan, whole numbers, ISO divisions that exist),
 * then the rules every item obeys (domain/items.ts). Each problem is a
 * message keyed by the id of the field it belongs to.
 */

/** Names and other short texts; descriptions and service texts may run to the domain's 2000. */
export const maxShortText = 200;
export const maxLongText = 2000;
export const maxInsuranceCode = 50;

/** The form field of each applicant group's percent. */
export const ratioFields = {
  subsistence: 'ratioSubsistence',
  extremePoverty: 'ratioExtremePoverty',
  lowIncome: 'ratioLowIncome',
  other: 'ratioOther',
} as const satisfies Record<ApplicantGroup, string>;

export const grades: readonly DisabilityGrade[] = [1, 2, 3, 4];

/** A subsidy item's form: every field as typed, so a refused form shows exactly that. */
export interface SubsidyItemForm {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly descriptionZh: string;
  readonly descriptionEn: string;
  readonly isoCodes: string;
  readonly maxSubsidy: string;
  readonly productPart: string;
  readonly servicePart: string;
  readonly ratios: Readonly<Record<ApplicantGroup, string>>;
  readonly eligibleCategories: readonly string[];
  readonly eligibleGrades: readonly string[];
  readonly ageMin: string;
  readonly ageMax: string;
  readonly serviceLifeYears: string;
  readonly quantityLimit: string;
  /** 'yes', 'no', or '' when neither was chosen. */
  readonly medicalInsurance: string;
  readonly medicalInsuranceCode: string;
  readonly firstOfKind: boolean;
}

export interface RehabItemForm {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly targetGroupZh: string;
  readonly targetGroupEn: string;
  readonly contentZh: string;
  readonly contentEn: string;
  readonly frequencyZh: string;
  readonly frequencyEn: string;
  readonly standardPrice: string;
  readonly subsidy: string;
  readonly eligibleCategories: readonly string[];
  readonly ageMin: string;
  readonly ageMax: string;
}

/** The subsidy form's field ids in the order of the page: the error summary follows it. */
const subsidyFieldOrder = [
  'code',
  'nameZh',
  'nameEn',
  'descriptionZh',
  'descriptionEn',
  'isoCodes',
  'maxSubsidy',
  'productPart',
  'servicePart',
  ...applicantGroups.map((g) => ratioFields[g]),
  'eligibleCategories',
  'eligibleGrades',
  'ageMin',
  'ageMax',
  'serviceLifeYears',
  'quantityLimit',
  'medicalInsurance',
  'medicalInsuranceCode',
  'firstOfKind',
] as const;

const rehabFieldOrder = [
  'code',
  'nameZh',
  'nameEn',
  'targetGroupZh',
  'targetGroupEn',
  'contentZh',
  'contentEn',
  'frequencyZh',
  'frequencyEn',
  'standardPrice',
  'subsidy',
  'eligibleCategories',
  'ageMin',
  'ageMax',
] as const;

/** One ticked checkbox arrives as a string, several as an array. */
const listOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((v) => typeof v === 'string')
      : [];

/** Text as typed, only its ends trimmed (a description keeps its line breaks). */
const typed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function subsidyFormOf(body: Readonly<Record<string, unknown>>): SubsidyItemForm {
  return {
    code: typed(body.code),
    nameZh: typed(body.nameZh),
    nameEn: typed(body.nameEn),
    descriptionZh: typed(body.descriptionZh),
    descriptionEn: typed(body.descriptionEn),
    isoCodes: typed(body.isoCodes),
    maxSubsidy: typed(body.maxSubsidy),
    productPart: typed(body.productPart),
    servicePart: typed(body.servicePart),
    ratios: {
      subsistence: typed(body[ratioFields.subsistence]),
      extremePoverty: typed(body[ratioFields.extremePoverty]),
      lowIncome: typed(body[ratioFields.lowIncome]),
      other: typed(body[ratioFields.other]),
    },
    eligibleCategories: listOf(body.eligibleCategories),
    eligibleGrades: listOf(body.eligibleGrades),
    ageMin: typed(body.ageMin),
    ageMax: typed(body.ageMax),
    serviceLifeYears: typed(body.serviceLifeYears),
    quantityLimit: typed(body.quantityLimit),
    medicalInsurance: trimmed(body.medicalInsurance),
    medicalInsuranceCode: typed(body.medicalInsuranceCode),
    firstOfKind: trimmed(body.firstOfKind) === 'yes',
  };
}

export function rehabFormOf(body: Readonly<Record<string, unknown>>): RehabItemForm {
  return {
    code: typed(body.code),
    nameZh: typed(body.nameZh),
    nameEn: typed(body.nameEn),
    targetGroupZh: typed(body.targetGroupZh),
    targetGroupEn: typed(body.targetGroupEn),
    contentZh: typed(body.contentZh),
    contentEn: typed(body.contentEn),
    frequencyZh: typed(body.frequencyZh),
    frequencyEn: typed(body.frequencyEn),
    standardPrice: typed(body.standardPrice),
    subsidy: typed(body.subsidy),
    eligibleCategories: listOf(body.eligibleCategories),
    ageMin: typed(body.ageMin),
    ageMax: typed(body.ageMax),
  };
}

/** Fen as yuan the way an administrator types them: "1280", "1280.5" → "1280.50", no grouping. */
export function yuanText(fen: number): string {
  const cents = fen % 100;
  const yuan = (fen - cents) / 100;
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
}

const optionalNumberText = (value: number | null) => (value === null ? '' : String(value));

/** A blank form for a new subsidy item: not covered by medical insurance, one at a time. */
export const emptySubsidyForm: SubsidyItemForm = {
  code: '',
  nameZh: '',
  nameEn: '',
  descriptionZh: '',
  descriptionEn: '',
  isoCodes: '',
  maxSubsidy: '',
  productPart: '',
  servicePart: '',
  ratios: { subsistence: '', extremePoverty: '', lowIncome: '', other: '' },
  eligibleCategories: [],
  eligibleGrades: [],
  ageMin: '',
  ageMax: '',
  serviceLifeYears: '',
  quantityLimit: '1',
  medicalInsurance: 'no',
  medicalInsuranceCode: '',
  firstOfKind: false,
};

export const emptyRehabForm: RehabItemForm = {
  code: '',
  nameZh: '',
  nameEn: '',
  targetGroupZh: '',
  targetGroupEn: '',
  contentZh: '',
  contentEn: '',
  frequencyZh: '',
  frequencyEn: '',
  standardPrice: '',
  subsidy: '',
  eligibleCategories: [],
  ageMin: '',
  ageMax: '',
};

export function subsidyFormFrom(item: SubsidyItem): SubsidyItemForm {
  return {
    code: item.code,
    nameZh: item.nameZh,
    nameEn: item.nameEn,
    descriptionZh: item.descriptionZh,
    descriptionEn: item.descriptionEn,
    isoCodes: item.isoCodes.join(' '),
    maxSubsidy: yuanText(item.maxSubsidyFen),
    productPart: yuanText(item.productPartFen),
    servicePart: yuanText(item.servicePartFen),
    ratios: {
      subsistence: String(item.ratios.subsistence),
      extremePoverty: String(item.ratios.extremePoverty),
      lowIncome: String(item.ratios.lowIncome),
      other: String(item.ratios.other),
    },
    eligibleCategories: [...item.eligibleCategories],
    eligibleGrades: item.eligibleGrades.map(String),
    ageMin: optionalNumberText(item.ageMin),
    ageMax: optionalNumberText(item.ageMax),
    serviceLifeYears: String(item.serviceLifeYears),
    quantityLimit: String(item.quantityLimit),
    medicalInsurance: item.medicalInsurance ? 'yes' : 'no',
    medicalInsuranceCode: item.medicalInsuranceCode ?? '',
    firstOfKind: item.firstOfKind,
  };
}

export function rehabFormFrom(item: RehabItem): RehabItemForm {
  return {
    code: item.code,
    nameZh: item.nameZh,
    nameEn: item.nameEn,
    targetGroupZh: item.targetGroupZh,
    targetGroupEn: item.targetGroupEn,
    contentZh: item.contentZh,
    contentEn: item.contentEn,
    frequencyZh: item.frequencyZh,
    frequencyEn: item.frequencyEn,
    standardPrice: yuanText(item.standardPriceFen),
    subsidy: yuanText(item.subsidyFen),
    eligibleCategories: [...item.eligibleCategories],
    ageMin: optionalNumberText(item.ageMin),
    ageMax: optionalNumberText(item.ageMax),
  };
}

/** The problems found so far: the first one per field stays (the form's own parsing runs first). */
class Problems {
  readonly #messages = new Map<string, string>();

  add(field: string, message: string): void {
    if (!this.#messages.has(field)) this.#messages.set(field, message);
  }

  has(field: string): boolean {
    return this.#messages.has(field);
  }

  get count(): number {
    return this.#messages.size;
  }

  /** Field id → message, in the order of the form. */
  inOrder(order: readonly string[]): FieldErrors {
    const errors: Record<string, string> = {};
    for (const field of order) {
      const message = this.#messages.get(field);
      if (message !== undefined) errors[field] = message;
    }
    return errors;
  }
}

/** A code as typed, with full-width digits made plain and a lower-case r raised. */
const codeOf = (raw: string): string => halfWidthDigits(raw).replace(/\s+/g, '').toUpperCase();

type AmountField = 'maxSubsidy' | 'productPart' | 'servicePart' | 'standardPrice' | 'subsidy';

/** Fen from a yuan amount; NaN (which the domain rules then skip) when the field is in error. */
function amount(t: AdminT, problems: Problems, field: AmountField, raw: string): number {
  if (raw === '') {
    problems.add(field, t(`err_${field}Required`));
    return Number.NaN;
  }
  const fen = parseYuanToFen(raw);
  if (fen === null) problems.add(field, t(`err_${field}Format`));
  return fen ?? Number.NaN;
}

/** A required whole number; NaN when empty or not a whole number (the domain rule gives its range). */
const requiredWhole = (raw: string): number => wholeNumber(raw) ?? Number.NaN;

/** Optional ages: one that is not a whole number is an error here and no age for the domain's order check. */
function ages(t: AdminT, problems: Problems, form: { ageMin: string; ageMax: string }) {
  const read = (field: 'ageMin' | 'ageMax', raw: string): number | null => {
    if (raw === '') return null;
    const value = wholeNumber(raw);
    if (value === null) problems.add(field, t(`err_${field}Format`));
    return value;
  };
  return { ageMin: read('ageMin', form.ageMin), ageMax: read('ageMax', form.ageMax) };
}

/** The ISO divisions typed, split on spaces or commas; each must be a division of the current edition. */
function isoCodes(t: AdminT, problems: Problems, raw: string, known: ReadonlySet<string>): string[] {
  const codes = [
    ...new Set(
      halfWidthDigits(raw)
        .split(/[\s,，、;；]+/)
        .filter((c) => c !== ''),
    ),
  ];
  if (codes.length === 0) problems.add('isoCodes', t('err_isoCodesRequired'));
  const malformed = codes.find((c) => !/^[0-9]{6}$/.test(c));
  if (malformed !== undefined) problems.add('isoCodes', t('err_isoCodeFormat', { code: malformed }));
  const unknown = codes.find((c) => !known.has(c));
  if (unknown !== undefined) problems.add('isoCodes', t('err_isoCodeUnknown', { code: unknown }));
  return problems.has('isoCodes') ? [] : codes;
}

/** The ticked categories in the classification's order; a value the form never offered is ignored. */
const categoriesOf = (values: readonly string[]): DisabilityCategory[] =>
  disabilityCategories.filter((c) => values.includes(c));

const gradesOf = (values: readonly string[]): DisabilityGrade[] =>
  grades.filter((g) => values.includes(String(g)));

/** Each short text's length, which the domain leaves at 2000. */
function shortTexts(t: AdminT, problems: Problems, texts: Readonly<Record<string, [string, AdminKey]>>) {
  for (const [field, [value, label]] of Object.entries(texts))
    if ([...value].length > maxShortText)
      problems.add(field, t('err_textTooLong', { field: t(label), max: maxShortText }));
}

/** The form field a domain rule speaks of (amounts are typed in yuan, the item keeps fen). */
const formFieldOf: Readonly<Record<string, string>> = {
  maxSubsidyFen: 'maxSubsidy',
  productPartFen: 'productPart',
  servicePartFen: 'servicePart',
  standardPriceFen: 'standardPrice',
  subsidyFen: 'subsidy',
  ratios: ratioFields.subsistence,
};

/** The label of each text field, for "too long". */
const textLabels: Readonly<Record<string, AdminKey>> = {
  nameZh: 'itemFieldNameZh',
  nameEn: 'itemFieldNameEn',
  descriptionZh: 'itemFieldDescriptionZh',
  descriptionEn: 'itemFieldDescriptionEn',
  targetGroupZh: 'itemFieldTargetGroupZh',
  targetGroupEn: 'itemFieldTargetGroupEn',
  contentZh: 'itemFieldContentZh',
  contentEn: 'itemFieldContentEn',
  frequencyZh: 'itemFieldFrequencyZh',
  frequencyEn: 'itemFieldFrequencyEn',
};

const requiredMessages: Readonly<Record<string, AdminKey>> = {
  nameZh: 'err_nameZhRequired',
  nameEn: 'err_nameEnRequired',
  targetGroupZh: 'err_targetGroupZhRequired',
  targetGroupEn: 'err_targetGroupEnRequired',
  contentZh: 'err_contentZhRequired',
  contentEn: 'err_contentEnRequired',
  frequencyZh: 'err_frequencyZhRequired',
  frequencyEn: 'err_frequencyEnRequired',
  eligibleCategories: 'err_eligibleCategoriesRequired',
  eligibleGrades: 'err_eligibleGradesRequired',
};

const formatMessages: Readonly<Record<string, AdminKey>> = {
  ageMin: 'err_ageMinFormat',
  ageMax: 'err_ageMaxFormat',
  serviceLifeYears: 'err_serviceLifeYears',
  quantityLimit: 'err_quantityLimit',
  isoCodes: 'err_isoCodesRequired',
  maxSubsidyFen: 'err_maxSubsidyFormat',
  productPartFen: 'err_productPartFormat',
  servicePartFen: 'err_servicePartFormat',
  standardPriceFen: 'err_standardPriceFormat',
  subsidyFen: 'err_subsidyFormat',
};

/** What a domain rule's problem says on the form. */
function domainMessage(
  locale: Locale,
  problem: ItemProblem,
  item: { codeFormat: AdminKey; partsSum?: number; maxSubsidy?: number; price?: number },
): string {
  const t = policyAdminMessages.for(locale);
  switch (problem.problem) {
    case 'partsNotSum':
      return t('err_partsNotSum', {
        sum: formatYuan(item.partsSum ?? 0, locale),
        max: formatYuan(item.maxSubsidy ?? 0, locale),
      });
    case 'overPrice':
      return t('err_subsidyOverPrice', { price: formatYuan(item.price ?? 0, locale) });
    case 'ageOrder':
      return t('err_ageOrder');
    case 'ratioRange':
      return t('err_ratio', { group: groupText(policyLabels.for(locale), 'subsistence') });
    case 'insuranceCodeMissing':
      return t('err_insuranceCodeMissing');
    case 'required':
      return t(requiredMessages[problem.field] ?? 'err_codeRequired');
    case 'tooLong':
      return t('err_textTooLong', {
        field: t(textLabels[problem.field] ?? 'itemFieldCode'),
        max: maxLongText,
      });
    default:
      return t(
        problem.field === 'code' ? item.codeFormat : (formatMessages[problem.field] ?? item.codeFormat),
      );
  }
}

/** Adds the domain rules' problems for fields the form's own parsing found nothing wrong with. */
function addDomainProblems(
  locale: Locale,
  problems: Problems,
  found: readonly ItemProblem[],
  item: Parameters<typeof domainMessage>[2],
): void {
  for (const problem of found) {
    const field = formFieldOf[problem.field] ?? problem.field;
    problems.add(field, domainMessage(locale, problem, item));
  }
}

export type ReadItem<T> = { item: T; errors: FieldErrors } | { item: undefined; errors: FieldErrors };

/** The subsidy item a form describes, or every problem with it. */
export function readSubsidyItem(
  locale: Locale,
  form: SubsidyItemForm,
  knownIsoCodes: ReadonlySet<string>,
): ReadItem<SubsidyItem> {
  const t = policyAdminMessages.for(locale);
  const l = policyLabels.for(locale);
  const problems = new Problems();
  const code = codeOf(form.code);
  if (code === '') problems.add('code', t('err_codeRequired'));
  shortTexts(t, problems, {
    nameZh: [form.nameZh, 'itemFieldNameZh'],
    nameEn: [form.nameEn, 'itemFieldNameEn'],
  });
  const isoCodesRead = isoCodes(t, problems, form.isoCodes, knownIsoCodes);
  const maxSubsidyFen = amount(t, problems, 'maxSubsidy', form.maxSubsidy);
  const productPartFen = amount(t, problems, 'productPart', form.productPart);
  const servicePartFen = amount(t, problems, 'servicePart', form.servicePart);
  const ratios = Object.fromEntries(
    applicantGroups.map((group) => {
      const value = wholeNumber(form.ratios[group]);
      const valid = value !== null && value <= 100;
      if (!valid) problems.add(ratioFields[group], t('err_ratio', { group: groupText(l, group) }));
      // A placeholder in range, so the domain's rule does not repeat the error on another field.
      return [group, valid ? value : 0];
    }),
  ) as Record<ApplicantGroup, number>;
  const { ageMin, ageMax } = ages(t, problems, form);
  if (form.medicalInsurance !== 'yes' && form.medicalInsurance !== 'no')
    problems.add('medicalInsurance', t('err_medicalInsuranceRequired'));
  const medicalInsurance = form.medicalInsurance === 'yes';
  if ([...form.medicalInsuranceCode].length > maxInsuranceCode)
    problems.add(
      'medicalInsuranceCode',
      t('err_textTooLong', { field: t('itemFieldInsuranceCode'), max: maxInsuranceCode }),
    );
  const item: SubsidyItem = {
    code,
    nameZh: form.nameZh,
    nameEn: form.nameEn,
    descriptionZh: form.descriptionZh,
    descriptionEn: form.descriptionEn,
    isoCodes: isoCodesRead,
    maxSubsidyFen,
    productPartFen,
    servicePartFen,
    ratios,
    eligibleCategories: categoriesOf(form.eligibleCategories),
    eligibleGrades: gradesOf(form.eligibleGrades),
    ageMin,
    ageMax,
    serviceLifeYears: requiredWhole(form.serviceLifeYears),
    quantityLimit: requiredWhole(form.quantityLimit),
    medicalInsurance,
    // A code typed and then "no" chosen is not kept: the item is not covered.
    medicalInsuranceCode: medicalInsurance ? form.medicalInsuranceCode : null,
    firstOfKind: form.firstOfKind,
  };
  addDomainProblems(locale, problems, subsidyItemProblems(item), {
    codeFormat: 'err_subsidyCodeFormat',
    partsSum: productPartFen + servicePartFen,
    maxSubsidy: maxSubsidyFen,
  });
  const errors = problems.inOrder(subsidyFieldOrder);
  return problems.count === 0 ? { item, errors } : { item: undefined, errors };
}

/** The rehabilitation-service item a form describes, or every problem with it. */
export function readRehabItem(locale: Locale, form: RehabItemForm): ReadItem<RehabItem> {
  const t = policyAdminMessages.for(locale);
  const problems = new Problems();
  const code = codeOf(form.code);
  if (code === '') problems.add('code', t('err_codeRequired'));
  shortTexts(t, problems, {
    nameZh: [form.nameZh, 'itemFieldNameZh'],
    nameEn: [form.nameEn, 'itemFieldNameEn'],
    targetGroupZh: [form.targetGroupZh, 'itemFieldTargetGroupZh'],
    targetGroupEn: [form.targetGroupEn, 'itemFieldTargetGroupEn'],
    frequencyZh: [form.frequencyZh, 'itemFieldFrequencyZh'],
    frequencyEn: [form.frequencyEn, 'itemFieldFrequencyEn'],
  });
  const standardPriceFen = amount(t, problems, 'standardPrice', form.standardPrice);
  const subsidyFen = amount(t, problems, 'subsidy', form.subsidy);
  const { ageMin, ageMax } = ages(t, problems, form);
  const item: RehabItem = {
    code,
    nameZh: form.nameZh,
    nameEn: form.nameEn,
    targetGroupZh: form.targetGroupZh,
    targetGroupEn: form.targetGroupEn,
    contentZh: form.contentZh,
    contentEn: form.contentEn,
    frequencyZh: form.frequencyZh,
    frequencyEn: form.frequencyEn,
    standardPriceFen,
    subsidyFen,
    eligibleCategories: categoriesOf(form.eligibleCategories),
    ageMin,
    ageMax,
  };
  addDomainProblems(locale, problems, rehabItemProblems(item), {
    codeFormat: 'err_rehabCodeFormat',
    price: standardPriceFen,
  });
  const errors = problems.inOrder(rehabFieldOrder);
  return problems.count === 0 ? { item, errors } : { item: undefined, errors };
}
