import type { Keyring } from '../../platform/crypto/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { formatDate, type Locale } from '../../platform/i18n/index.ts';
import { disabilityCategoryText, disabilityGradeText } from '../../platform/ids/index.ts';
import { type OwnDataSection, ownField } from '../../platform/module.ts';
import { listConsents } from './consentsRepo.ts';
import { personOfUser } from './facts.ts';
import { listGuardians } from './guardiansRepo.ts';
import { economicText, giverText, peopleLabels, purposeText, relationText, sexText } from './pages/labels.ts';
import { peopleMessages } from './pages/messages.ts';
import { dayText } from './pages/shared.tsx';
import { findPerson } from './peopleRepo.ts';

/**
 * The registry's part of a resident's own export: their record in full, their
 * consents, and their guardians by relation only — a guardian's name and
 * number are the guardian's data, not the resident's (SECURITY.md 21).
 */
export async function peopleOwnData(
  deps: { readonly db: Db; readonly keyring: Keyring },
  userId: string,
  locale: Locale,
): Promise<OwnDataSection[]> {
  const t = peopleMessages.for(locale);
  const l = peopleLabels.for(locale);
  const facts = await personOfUser(deps.db, userId);
  const person =
    facts === null
      ? undefined
      : await findPerson(deps.db, deps.keyring, facts.id, { reveal: true, now: new Date() });
  if (facts === null || person === undefined)
    return [{ key: 'registryRecord', heading: t('myTitle'), records: [] }];
  const dayField = (key: string, label: string, value: string | null, none = t('notRecorded')) =>
    ownField(key, label, value, value === null ? none : dayText(value, locale));
  const c = person.certificate;
  const guardians = await listGuardians(deps.db, deps.keyring, facts.id, { reveal: false });
  const consents = await listConsents(deps.db, facts.id);
  return [
    {
      key: 'registryRecord',
      heading: t('myTitle'),
      records: [
        {
          heading: t('identityHeading'),
          fields: [
            ownField('name', t('rowName'), person.name),
            ownField('residentId', t('rowResidentId'), person.residentId),
            ownField('sex', t('rowSex'), person.sex, sexText(l, person.sex)),
            dayField('birthDate', t('rowBirthDate'), person.birthDate),
            ownField('phone', t('rowPhone'), person.phone, person.phone ?? t('notRecorded')),
            ownField('address', t('rowAddress'), person.address, person.address ?? t('notRecorded')),
            ownField(
              'district',
              t('rowDistrict'),
              person.districtCode,
              locale === 'zh-CN' ? person.districtNameZh : person.districtNameEn,
            ),
            ownField('street', t('rowStreet'), person.street, person.street || t('notRecorded')),
            ownField('community', t('rowCommunity'), person.community, person.community || t('notRecorded')),
            ownField(
              'localHousehold',
              t('rowHousehold'),
              person.localHousehold,
              person.localHousehold ? l('yes') : l('no'),
            ),
            ownField(
              'economicStatus',
              t('rowEconomic'),
              person.economicStatus,
              economicText(l, person.economicStatus),
            ),
            dayField('economicStatusAsOf', t('rowAsOf'), person.economicStatusAsOf),
          ],
        },
        {
          heading: t('certificateHeading'),
          fields:
            c === null
              ? [ownField('certificate', t('rowCertificate'), null, t('noCertificate'))]
              : [
                  ownField(
                    'certificateGeneration',
                    t('rowCertificate'),
                    c.generation,
                    l(`generation_${c.generation}`),
                  ),
                  ownField(
                    'certificateNumber',
                    t('rowCertificateNumber'),
                    c.number,
                    c.number ?? t('notGiven'),
                  ),
                  ownField(
                    'disabilityCategory',
                    t('rowCategory'),
                    c.category,
                    disabilityCategoryText(locale, c.category),
                  ),
                  ownField('disabilityGrade', t('rowGrade'), c.grade, disabilityGradeText(locale, c.grade)),
                  dayField('certificateValidUntil', t('rowValidUntil'), c.validUntil, t('noEnd')),
                  dayField('gradeChangedOn', t('rowGradeChangedOn'), c.gradeChangedOn),
                ],
        },
      ],
    },
    {
      key: 'guardians',
      heading: t('guardiansHeading'),
      records: guardians.map((g) => ({
        heading: relationText(l, g.relation),
        fields: [
          ownField('relation', t('colRelation'), g.relation, relationText(l, g.relation)),
          ownField('maskedName', t('colGuardianName'), g.name),
          ownField('mayActForYou', t('colProxy'), g.isProxy, g.isProxy ? l('yes') : l('no')),
        ],
      })),
    },
    {
      key: 'consents',
      heading: t('consentsHeading'),
      records: consents.map((consent) => ({
        heading: purposeText(l, consent.purpose),
        fields: [
          ownField('purpose', t('colPurpose'), consent.purpose, purposeText(l, consent.purpose)),
          ownField('givenBy', t('colGivenBy'), consent.givenBy, giverText(l, consent.givenBy)),
          ownField(
            'givenAt',
            t('colGivenAt'),
            consent.givenAt.toISOString(),
            formatDate(consent.givenAt, locale),
          ),
          ownField(
            'withdrawnAt',
            t('colStatus'),
            consent.withdrawnAt?.toISOString() ?? null,
            consent.withdrawnAt === null
              ? t('consentLive')
              : t('consentWithdrawnAt', { at: formatDate(consent.withdrawnAt, locale) }),
          ),
        ],
      })),
    },
  ];
}
