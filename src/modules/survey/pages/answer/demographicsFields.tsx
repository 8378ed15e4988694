import type { Locale } from '../../../../platform/i18n/index.ts';
import { disabilityCategories } from '../../../../platform/ids/index.ts';
import { Radios, Select } from '../../../../platform/ui/index.ts';
import { categoryTargeted, type DemographicsProblem } from '../../domain/answerForm.ts';
import { ageGroups } from '../../domain/demographics.ts';
import { answerMessages } from './messages.ts';
import { ageGroupText, categoryText } from './words.ts';

/** The categories someone may be recorded under in a campaign: its target groups, or all and "not known". */
export const categoriesFor = (targets: readonly number[]): number[] =>
  [0, ...disabilityCategories.map((_, i) => i + 1)].filter((code) => categoryTargeted(targets, code));

export interface DemographicsValues {
  readonly district?: string;
  readonly ageGroup?: string;
  readonly category?: string;
}

/**
 * District, age group and disability category, asked of someone the registry
 * does not know (a resident without a record, an anonymous interview).
 */
export function DemographicsFields({
  locale,
  districts,
  categories,
  values,
  errors,
  errorPrefix,
  showDistrictHint,
}: {
  readonly locale: Locale;
  readonly districts: readonly { readonly code: string; readonly name: string }[];
  readonly categories: readonly number[];
  readonly values: DemographicsValues;
  readonly errors: Readonly<Record<string, string>>;
  readonly errorPrefix: string;
  readonly showDistrictHint: boolean;
}) {
  const t = answerMessages.for(locale);
  return (
    <>
      <Select
        id="district"
        name="district"
        label={t('fieldDistrict')}
        labelSize="s"
        hint={showDistrictHint ? t('fieldDistrictHint') : undefined}
        options={[
          ...(districts.length === 1 ? [] : [{ value: '', text: t('fieldDistrictChoose') }]),
          ...districts.map((d) => ({ value: d.code, text: d.name })),
        ]}
        value={values.district}
        error={errors.district}
        errorPrefix={errorPrefix}
      />
      <Radios
        idPrefix="ageGroup"
        name="ageGroup"
        legend={t('fieldAgeGroup')}
        legendSize="s"
        items={ageGroups.map((group) => ({ value: group, text: ageGroupText(t, group) }))}
        value={values.ageGroup}
        error={errors.ageGroup}
        errorPrefix={errorPrefix}
        small
      />
      <Radios
        idPrefix="category"
        name="category"
        legend={t('fieldCategory')}
        legendSize="s"
        hint={t('fieldCategoryHint')}
        items={categories.map((code) => ({ value: String(code), text: categoryText(locale, code) }))}
        value={values.category}
        error={errors.category}
        errorPrefix={errorPrefix}
        small
      />
    </>
  );
}

/** Messages for the demographics problems, by field. */
export function demographicsErrors(
  locale: Locale,
  problems: Partial<Record<'district' | 'ageGroup' | 'category', DemographicsProblem>>,
): Record<string, string> {
  const t = answerMessages.for(locale);
  const errors: Record<string, string> = {};
  for (const field of ['district', 'ageGroup', 'category'] as const) {
    const problem = problems[field];
    if (problem !== undefined) errors[field] = t(`err_${problem}`);
  }
  return errors;
}
