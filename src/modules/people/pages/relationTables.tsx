import { formatDate, type Locale } from '../../../platform/i18n/index.ts';
import { Table } from '../../../platform/ui/index.ts';
import type { ConsentView } from '../consentsRepo.ts';
import type { GuardianView } from '../guardiansRepo.ts';
import { giverText, peopleLabels, purposeText, relationText } from './labels.ts';
import { peopleMessages } from './messages.ts';

/** What a record's tables may take: an id, which makes them a labelled region that scrolls on a narrow screen. */
interface RelationTableProps {
  readonly locale: Locale;
  readonly id?: string;
}

/** A person's guardians; a resident's own page leaves their numbers out (`withPhone`), they are not the resident's. */
export function GuardiansTable({
  locale,
  id,
  guardians,
  withPhone,
}: RelationTableProps & { guardians: readonly GuardianView[]; withPhone: boolean }) {
  const t = peopleMessages.for(locale);
  const l = peopleLabels.for(locale);
  return (
    <Table
      id={id}
      caption={t('guardiansCaption')}
      captionVisuallyHidden
      firstCellIsHeader
      columns={[
        { header: t('colGuardianName') },
        { header: t('colRelation') },
        ...(withPhone ? [{ header: t('colGuardianPhone') }] : []),
        { header: t('colProxy') },
      ]}
      rows={guardians.map((g) => [
        g.name,
        relationText(l, g.relation),
        ...(withPhone ? [g.phone] : []),
        g.isProxy ? l('yes') : l('no'),
      ])}
    />
  );
}

/** Every consent a person gave, live or withdrawn. */
export function ConsentsTable({
  locale,
  id,
  consents,
}: RelationTableProps & { consents: readonly ConsentView[] }) {
  const t = peopleMessages.for(locale);
  const l = peopleLabels.for(locale);
  return (
    <Table
      id={id}
      caption={t('consentsCaption')}
      captionVisuallyHidden
      firstCellIsHeader
      columns={[
        { header: t('colPurpose') },
        { header: t('colGivenBy') },
        { header: t('colGivenAt') },
        { header: t('colStatus') },
      ]}
      rows={consents.map((c) => [
        purposeText(l, c.purpose),
        giverText(l, c.givenBy),
        formatDate(c.givenAt, locale),
        c.withdrawnAt === null
          ? t('consentLive')
          : t('consentWithdrawnAt', { at: formatDate(c.withdrawnAt, locale) }),
      ])}
    />
  );
}
