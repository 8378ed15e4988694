import type { Locale } from '../../../../platform/i18n/index.ts';
import { disabilityCategories, disabilityCategoryText } from '../../../../platform/ids/index.ts';
import {
  Checkboxes,
  DateInput,
  type FieldErrors,
  Select,
  shellMessages,
  TextInput,
} from '../../../../platform/ui/index.ts';
import type { District } from '../../../identity/index.ts';
import type { QuestionnaireSummary } from '../../campaignRepo.ts';
import { maxTitleLength } from '../../domain/campaignRules.ts';
import { textIn } from '../../domain/questionnaire.ts';
import { asList, type CampaignForm } from './campaignForm.ts';
import { campaignsMessages } from './messages.ts';
import { districtName } from './shared.tsx';

/** The fields of a campaign, shared by the new-campaign and edit-draft forms. */
export function CampaignFields(props: {
  locale: Locale;
  values: CampaignForm;
  errors: FieldErrors;
  questionnaires: readonly QuestionnaireSummary[];
  districts: readonly District[];
}) {
  const { locale, values, errors } = props;
  const t = campaignsMessages.for(locale);
  const errorPrefix = shellMessages.for(locale)('errorPrefix');
  const day = (field: 'startsOn' | 'endsOn', legend: string) => (
    <DateInput
      id={field}
      namePrefix={field}
      legend={legend}
      legendSize="s"
      hint={t('fieldDayHint')}
      error={errors[`${field}-year`]}
      errorPrefix={errorPrefix}
      labels={{ year: t('dateYear'), month: t('dateMonth'), day: t('dateDay') }}
      value={{ year: values[`${field}-year`], month: values[`${field}-month`], day: values[`${field}-day`] }}
    />
  );
  const title = (field: 'titleZh' | 'titleEn') => (
    <TextInput
      id={field}
      name={field}
      label={t(field === 'titleZh' ? 'fieldTitleZh' : 'fieldTitleEn')}
      hint={t(field === 'titleZh' ? 'fieldTitleZhHint' : 'fieldTitleEnHint')}
      value={values[field] ?? ''}
      error={errors[field]}
      errorPrefix={errorPrefix}
      maxlength={maxTitleLength}
      autocomplete="off"
      spellcheck={field === 'titleEn' ? true : undefined}
    />
  );
  return (
    <>
      {title('titleZh')}
      {title('titleEn')}
      <Select
        id="questionnaireId"
        name="questionnaireId"
        label={t('fieldQuestionnaire')}
        hint={t('fieldQuestionnaireHint')}
        value={values.questionnaireId ?? ''}
        error={errors.questionnaireId}
        errorPrefix={errorPrefix}
        options={[
          { value: '', text: t('chooseOne') },
          ...props.questionnaires.map((q) => ({
            value: q.id,
            text: t('questionnaireOption', { title: textIn(locale, q.title), version: q.version }),
          })),
        ]}
      />
      {day('startsOn', t('fieldStartsOn'))}
      {day('endsOn', t('fieldEndsOn'))}
      <Checkboxes
        idPrefix="districtCodes"
        name="districtCodes"
        legend={t('fieldDistricts')}
        legendSize="s"
        hint={t('fieldDistrictsHint')}
        error={errors.districtCodes}
        errorPrefix={errorPrefix}
        values={asList(values.districtCodes)}
        small
        items={props.districts.map((d) => ({ value: d.code, text: districtName(locale, d) }))}
      />
      <Checkboxes
        idPrefix="disabilityCategories"
        name="disabilityCategories"
        legend={t('fieldCategories')}
        legendSize="s"
        hint={t('fieldCategoriesHint')}
        error={errors.disabilityCategories}
        errorPrefix={errorPrefix}
        values={asList(values.disabilityCategories)}
        small
        items={disabilityCategories.map((category, index) => ({
          value: String(index + 1),
          text: disabilityCategoryText(locale, category),
        }))}
      />
    </>
  );
}
