import type { Locale } from '../../../platform/i18n/index.ts';
import { disabilityCategoryText, disabilityGradeText } from '../../../platform/ids/index.ts';
import { SummaryList, Tag } from '../../../platform/ui/index.ts';
import { beijingDay } from '../domain/dates.ts';
import type { PersonView } from '../peopleRepo.ts';
import { economicText, peopleLabels, sexText, sourceText } from './labels.ts';
import { peopleMessages } from './messages.ts';
import { dayText, FreeText } from './shared.tsx';

/** A person's record in four groups, masked or in full as the view is; `now` decides "expired". */
export function PersonDetailsList({
  locale,
  person,
  now,
}: {
  locale: Locale;
  person: PersonView;
  now: Date;
}) {
  const t = peopleMessages.for(locale);
  const l = peopleLabels.for(locale);
  const c = person.certificate;
  const expired = c?.validUntil != null && c.validUntil < beijingDay(now);
  return (
    <>
      <h2 class="fj-heading-m">{t('identityHeading')}</h2>
      <SummaryList
        rows={[
          { key: t('rowName'), value: person.name },
          { key: t('rowResidentId'), value: person.residentId },
          { key: t('rowSex'), value: sexText(l, person.sex) },
          person.birthDate === null
            ? { key: t('rowAge'), value: t('ageValue', { age: person.age }) }
            : { key: t('rowBirthDate'), value: dayText(person.birthDate, locale) },
          { key: t('rowPhone'), value: person.phone ?? t('notRecorded') },
          { key: t('rowAddress'), value: person.address ?? t('notRecorded') },
        ]}
      />
      <h2 class="fj-heading-m">{t('whereHeading')}</h2>
      <SummaryList
        rows={[
          {
            key: t('rowDistrict'),
            value: locale === 'zh-CN' ? person.districtNameZh : person.districtNameEn,
          },
          {
            key: t('rowStreet'),
            value: <FreeText locale={locale} text={person.street || t('notRecorded')} />,
          },
          {
            key: t('rowCommunity'),
            value: <FreeText locale={locale} text={person.community || t('notRecorded')} />,
          },
          { key: t('rowHousehold'), value: person.localHousehold ? l('yes') : l('no') },
        ]}
      />
      <h2 class="fj-heading-m">{t('certificateHeading')}</h2>
      <SummaryList
        rows={
          c === null
            ? [{ key: t('rowCertificate'), value: t('noCertificate') }]
            : [
                { key: t('rowCertificate'), value: l(`generation_${c.generation}`) },
                { key: t('rowCertificateNumber'), value: c.number ?? t('notGiven') },
                { key: t('rowCategory'), value: disabilityCategoryText(locale, c.category) },
                { key: t('rowGrade'), value: disabilityGradeText(locale, c.grade) },
                {
                  key: t('rowValidUntil'),
                  value:
                    c.validUntil === null ? (
                      t('noEnd')
                    ) : (
                      <>
                        {dayText(c.validUntil, locale)} {expired && <Tag text={t('expired')} colour="red" />}
                      </>
                    ),
                },
                {
                  key: t('rowGradeChangedOn'),
                  value: c.gradeChangedOn === null ? t('notRecorded') : dayText(c.gradeChangedOn, locale),
                },
              ]
        }
      />
      <h2 class="fj-heading-m">{t('economicHeading')}</h2>
      <SummaryList
        rows={[
          { key: t('rowEconomic'), value: economicText(l, person.economicStatus) },
          {
            key: t('rowSource'),
            value:
              person.economicStatusSource === null
                ? t('notRecorded')
                : sourceText(l, person.economicStatusSource),
          },
          {
            key: t('rowAsOf'),
            value:
              person.economicStatusAsOf === null
                ? t('notRecorded')
                : dayText(person.economicStatusAsOf, locale),
          },
        ]}
      />
    </>
  );
}
