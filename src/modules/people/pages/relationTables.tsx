import type { ComponentChildren } from 'preact';
import { formatDate, type Locale } from '../../../platform/i18n/index.ts';
import { Table } from '../../../platform/ui/index.ts';
import type { ConsentView } from '../consentsRepo.ts';
import type { GuardianView } from '../guardiansRepo.ts';
import { giverText, peopleLabels, purposeText, relationText } from './labels.ts';
import { peopleMessages } from './messages.ts';

/** The commands on one row (the record page's remove and withdraw buttons). */
type RowAction<T> = (row: T) => ComponentChildren;

/** What a record's tables may add: an id to scroll them by, and a last column of commands on each row. */
interface RelationTableProps<T> {
  readonly locale: Locale;
  readonly id?: string;
  readonly action?: RowAction<T> | undefined;
}

const actionColumn = <T,>(locale: Locale, action: RowAction<T> | undefined) =>
  action === undefined ? [] : [{ header: peopleMessages.for(locale)('colActions') }];

const actionCell = <T,>(row: T, action: RowAction<T> | undefined) =>
  action === undefined ? [] : [{ content: action(row) }];

/** A person's guardians; a resident's own page leaves their numbers out (`withPhone`), they are not the resident's. */
export function GuardiansTable({
  locale,
  id,
  guardians,
  withPhone,
  action,
}: RelationTableProps<GuardianView> & { guardians: readonly GuardianView[]; withPhone: boolean }) {
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
        ...actionColumn(locale, action),
      ]}
      rows={guardians.map((g) => [
        g.name,
        relationText(l, g.relation),
        ...(withPhone ? [g.phone] : []),
        g.isProxy ? l('yes') : l('no'),
        ...actionCell(g, action),
      ])}
    />
  );
}

/** Every consent a person gave, live or withdrawn. */
export function ConsentsTable({
  locale,
  id,
  consents,
  action,
}: RelationTableProps<ConsentView> & { consents: readonly ConsentView[] }) {
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
        ...actionColumn(locale, action),
      ]}
      rows={consents.map((c) => [
        purposeText(l, c.purpose),
        giverText(l, c.givenBy),
        formatDate(c.givenAt, locale),
        c.withdrawnAt === null
          ? t('consentLive')
          : t('consentWithdrawnAt', { at: formatDate(c.withdrawnAt, locale) }),
        ...actionCell(c, action),
      ])}
    />
  );
}
