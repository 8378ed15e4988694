import { Type } from 'typebox';
import type { Locale } from '../../../platform/i18n/index.ts';
import {
  disabilityCategories,
  disabilityCategoryText,
  disabilityGradeText,
} from '../../../platform/ids/index.ts';
import {
  Checkboxes,
  DateInput,
  dateInputFieldId,
  type FieldErrors,
  Fieldset,
  type RadioItem,
  Radios,
  Select,
  type SelectOption,
  shellMessages,
  TextInput,
} from '../../../platform/ui/index.ts';
import type { District } from '../../identity/index.ts';
import { type PersonField, type PersonForm, type PersonProblems, personFields } from '../domain/person.ts';
import { consentGivers, economicStatuses, economicStatusSources } from '../domain/vocabulary.ts';
import { type FormT, personFormMessages, problemsText } from './formMessages.ts';
import { economicText, giverText, peopleLabels, sourceText } from './labels.ts';
import { districtText } from './shared.tsx';

/** The three day fields of the form; each is posted as `<name>-year`, `-month` and `-day`. */
const dayFields = ['validUntil', 'gradeChangedOn', 'economicStatusAsOf'] as const;
type DayField = (typeof dayFields)[number];
const isDayField = (field: string): field is DayField => (dayFields as readonly string[]).includes(field);

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const dayParts = Object.fromEntries(
  dayFields.flatMap((f) => ['year', 'month', 'day'].map((part) => [`${f}-${part}`, text(10)])),
);

/** The fields the registration and edit forms post (besides the CSRF token); anything else is refused. */
export const personFormBody = {
  name: text(100),
  residentId: text(40),
  phone: text(40),
  address: text(400),
  districtCode: text(10),
  street: text(100),
  community: text(100),
  localHousehold: text(10),
  certificateGeneration: text(10),
  certificateNumber: text(40),
  category: text(20),
  grade: text(10),
  economicStatus: text(20),
  economicStatusSource: text(20),
  ...dayParts,
};

/** The form as posted: every field a string (a repeated checkbox may come as a list). */
export type FormValues = Readonly<Record<string, string | readonly string[] | undefined>>;

export const one = (value: string | readonly string[] | undefined): string =>
  typeof value === 'string' ? value : '';
export const many = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

/** The posted values in the check's terms: the three boxes of a day become `YYYY-M-D` ('' when all are empty). */
export function personFormOf(values: FormValues): PersonForm {
  const form: Record<string, string> = {};
  for (const field of personFields) {
    if (isDayField(field)) {
      const parts = ['year', 'month', 'day'].map((p) => one(values[`${field}-${p}`]).trim());
      form[field] = parts.every((p) => p === '') ? '' : parts.join('-');
    } else form[field] = one(values[field]);
  }
  return form;
}

/** Where each field's problem links to in the error summary: a day's first box, a group's first option. */
export const fieldAnchor = (field: string): string =>
  isDayField(field) ? dateInputFieldId(field, 'year') : field;

/** The form's problems as the page shows them: keyed by the element to link to, in field order. */
export const personErrors = (t: FormT, problems: PersonProblems): Record<string, string> =>
  problemsText(t, personFields, problems, fieldAnchor);

/** When editing: what is recorded, masked, shown in the hints of the fields left empty to keep it. */
export interface MaskedCurrent {
  readonly name: string;
  readonly residentId: string;
  readonly phone: string | null;
  readonly address: string | null;
  readonly certificateNumber: string | null;
}

/** The fields typed into a box, each labelled by its own name in the catalog. */
type TextField = 'name' | 'residentId' | 'phone' | 'address' | 'street' | 'community' | 'certificateNumber';
/** The fields chosen among radio buttons, likewise. */
type ChoiceField = 'localHousehold' | 'certificateGeneration' | 'economicStatus' | 'economicStatusSource';

export interface PersonFieldsProps {
  readonly locale: Locale;
  readonly values: FormValues;
  readonly errors: FieldErrors;
  readonly districts: readonly District[];
  /** Editing: the masked current values; the sealed fields then start empty. */
  readonly current?: MaskedCurrent | undefined;
}

/** Every field of a person's record, grouped as the record page shows them. */
export function PersonFields({ locale, values, errors, districts, current }: PersonFieldsProps) {
  const t = personFormMessages.for(locale);
  const l = peopleLabels.for(locale);
  const errorPrefix = shellMessages.for(locale)('errorPrefix');
  const error = (field: PersonField) => errors[fieldAnchor(field)];
  const keep = (hint: string, recorded: string | null | undefined) =>
    current === undefined
      ? hint
      : recorded === null || recorded === undefined
        ? `${hint} ${t('keepNone')}`
        : `${hint} ${t('keepHint', { current: recorded })}`;
  const input = (
    field: TextField,
    props: { hint?: string; width?: '10' | '20' | '30'; autocomplete?: string },
  ) => (
    <TextInput
      id={field}
      name={field}
      label={t(field)}
      hint={props.hint}
      value={one(values[field])}
      error={error(field)}
      errorPrefix={errorPrefix}
      width={props.width}
      autocomplete={props.autocomplete ?? 'off'}
      spellcheck={false}
    />
  );
  const day = (field: DayField, legend: string, hint?: string) => (
    <DateInput
      id={field}
      namePrefix={field}
      legend={legend}
      legendSize="s"
      hint={hint}
      error={error(field)}
      errorPrefix={errorPrefix}
      labels={{ year: t('year'), month: t('month'), day: t('day') }}
      value={{
        year: one(values[`${field}-year`]),
        month: one(values[`${field}-month`]),
        day: one(values[`${field}-day`]),
      }}
    />
  );
  /** A list to choose from, starting with "choose one". */
  const select = (field: 'districtCode' | 'category' | 'grade', hint: string, options: SelectOption[]) => (
    <Select
      id={field}
      name={field}
      label={t(field)}
      hint={hint}
      value={one(values[field])}
      error={error(field)}
      errorPrefix={errorPrefix}
      options={[{ value: '', text: t('chooseOne') }, ...options]}
    />
  );
  const radios = (
    field: ChoiceField,
    items: RadioItem[],
    props: { hint?: string; inline?: boolean } = {},
  ) => (
    <Radios
      idPrefix={field}
      name={field}
      legend={t(field)}
      legendSize="s"
      hint={props.hint}
      inline={props.inline}
      value={one(values[field])}
      error={error(field)}
      errorPrefix={errorPrefix}
      items={items}
    />
  );
  const clearable = current ? (['phone', 'address'] as const).filter((f) => current[f] !== null) : [];
  return (
    <>
      <Fieldset legend={t('identityLegend')} legendSize="m">
        {input('name', { hint: keep(t('nameHint'), current?.name), width: '20' })}
        {input('residentId', { hint: keep(t('residentIdHint'), current?.residentId), width: '20' })}
        {input('phone', { hint: keep(t('phoneHint'), current?.phone), width: '20', autocomplete: 'off' })}
        {input('address', { hint: keep(t('addressHint'), current?.address) })}
        {clearable.length > 0 && (
          <Checkboxes
            idPrefix="clear"
            name="clear"
            legend={t('clearLegend')}
            legendSize="s"
            small
            values={many(values.clear)}
            items={clearable.map((f) => ({
              value: f,
              text: f === 'phone' ? t('clearPhone') : t('clearAddress'),
            }))}
          />
        )}
      </Fieldset>
      <Fieldset legend={t('whereLegend')} legendSize="m">
        {select(
          'districtCode',
          t('districtHint'),
          districts.map((d) => ({ value: d.code, text: districtText(locale, d) })),
        )}
        {input('street', { width: '20' })}
        {input('community', { width: '20' })}
        {radios(
          'localHousehold',
          [
            { value: 'yes', text: l('yes') },
            { value: 'no', text: l('no') },
          ],
          { hint: t('localHouseholdHint'), inline: true },
        )}
      </Fieldset>
      <Fieldset legend={t('certificateLegend')} legendSize="m">
        {radios('certificateGeneration', [
          { value: '2', text: l('generation_2') },
          { value: '3', text: l('generation_3') },
          { value: 'none', text: t('certificateNone'), hint: t('certificateNoneHint') },
        ])}
        {input('certificateNumber', {
          hint: keep(t('certificateNumberHint'), current?.certificateNumber),
          width: '30',
        })}
        {select(
          'category',
          t('categoryHint'),
          disabilityCategories.map((c) => ({ value: c, text: disabilityCategoryText(locale, c) })),
        )}
        {select(
          'grade',
          t('gradeHint'),
          ([1, 2, 3, 4] as const).map((g) => ({ value: String(g), text: disabilityGradeText(locale, g) })),
        )}
        {day('validUntil', t('validUntil'), t('validUntilHint'))}
        {day('gradeChangedOn', t('gradeChangedOn'), t('gradeChangedOnHint'))}
      </Fieldset>
      <Fieldset legend={t('economicLegend')} legendSize="m">
        {radios(
          'economicStatus',
          economicStatuses.map((s) => ({ value: s, text: economicText(l, s) })),
        )}
        {radios(
          'economicStatusSource',
          economicStatusSources.map((s) => ({ value: s, text: sourceText(l, s) })),
        )}
        {day('economicStatusAsOf', t('economicStatusAsOf'), t('economicStatusAsOfHint'))}
      </Fieldset>
    </>
  );
}

/** The consent asked for at registration: whether it was given, and by whom. */
export function FittingConsentFields({
  locale,
  values,
  errors,
}: {
  locale: Locale;
  values: FormValues;
  errors: FieldErrors;
}) {
  const t = personFormMessages.for(locale);
  const l = peopleLabels.for(locale);
  const errorPrefix = shellMessages.for(locale)('errorPrefix');
  return (
    <>
      <Checkboxes
        idPrefix="fittingConsent"
        name="fittingConsent"
        legend={t('consentLegend')}
        legendSize="m"
        hint={t('fittingConsentHint')}
        values={many(values.fittingConsent)}
        items={[{ value: 'yes', text: t('fittingConsent') }]}
      />
      <Radios
        idPrefix="consentGivenBy"
        name="consentGivenBy"
        legend={t('consentGivenBy')}
        legendSize="s"
        inline
        value={one(values.consentGivenBy)}
        error={errors.consentGivenBy}
        errorPrefix={errorPrefix}
        items={consentGivers.map((g) => ({ value: g, text: giverText(l, g) }))}
      />
    </>
  );
}
