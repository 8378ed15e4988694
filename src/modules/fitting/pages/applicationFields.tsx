import type { Locale } from '../../../platform/i18n/index.ts';
import { Checkboxes, Radios, shellMessages, Textarea } from '../../../platform/ui/index.ts';
import { usePlaces } from '../caseService.ts';
import { maxReason } from './applicationForm.ts';
import { fittingLabels } from './labels.ts';
import { fittingPageMessages } from './messages.ts';

/**
 * The three questions an application and its correction share: where the
 * product will be used, whether another scheme supplied it, and why it is needed.
 */
export interface ApplicationFieldsProps {
  readonly locale: Locale;
  /** Prefix of the fields' ids, so two forms on one page never share one. */
  readonly idPrefix: string;
  readonly values: {
    readonly usePlaces: readonly string[];
    readonly suppliedByOtherScheme: string;
    readonly reason: string;
  };
  /** Messages by field name. */
  readonly errors: Readonly<Record<string, string>>;
}

export function ApplicationFields({ locale, idPrefix, values, errors }: ApplicationFieldsProps) {
  const t = fittingPageMessages.for(locale);
  const l = fittingLabels.for(locale);
  const errorPrefix = shellMessages.for(locale)('errorPrefix');
  return (
    <>
      <Checkboxes
        idPrefix={`${idPrefix}usePlaces`}
        name="usePlaces"
        legend={t('fieldUsePlaces')}
        legendSize="s"
        hint={t('fieldUsePlacesHint')}
        items={usePlaces.map((place) => ({ value: place, text: l(`place_${place}`) }))}
        values={values.usePlaces}
        error={errors.usePlaces}
        errorPrefix={errorPrefix}
      />
      <Radios
        idPrefix={`${idPrefix}suppliedByOtherScheme`}
        name="suppliedByOtherScheme"
        legend={t('fieldOtherScheme')}
        legendSize="s"
        hint={t('fieldOtherSchemeHint')}
        inline
        items={[
          { value: 'yes', text: t('yes') },
          { value: 'no', text: t('no') },
        ]}
        value={values.suppliedByOtherScheme}
        error={errors.suppliedByOtherScheme}
        errorPrefix={errorPrefix}
      />
      <Textarea
        id={`${idPrefix}reason`}
        name="reason"
        label={t('fieldReason')}
        labelSize="s"
        hint={t('fieldReasonHint', { max: maxReason })}
        value={values.reason}
        rows={5}
        maxlength={maxReason}
        error={errors.reason}
        errorPrefix={errorPrefix}
      />
    </>
  );
}
