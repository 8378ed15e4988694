import type { ComponentChildren } from 'preact';
import type { Queryable } from '../../../platform/db/index.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { CountedTable, FreeText, Pagination, Table, type TableCell } from '../../../platform/ui/index.ts';
import { type NeedTopicSummary, needTopicsByIds } from '../../survey/index.ts';
import type { Challenge } from '../challengeRepo.ts';
import { isAccepting } from '../domain/challenge.ts';
import type { ResearchProject } from '../projectRepo.ts';
import { challengeStatusText, researchLabels } from './labels.ts';
import { researchMessages } from './messages.ts';
import {
  challengeHref,
  dayText,
  OrganisationName,
  projectHref,
  StatusTag,
  TopicLinks,
  trlRange,
} from './shared.tsx';

export const projectPageSize = 50;

/** What a challenge and a project both begin with in a table: reference, title, organisation, need topics. */
interface ListedRecord {
  readonly reference: string;
  readonly title: string;
  readonly organisationNameZh: string;
  readonly organisationNameEn: string;
  readonly needTopicIds: readonly string[];
}

const leadColumns = (t: ReturnType<typeof researchMessages.for>, organisationHeader: string) => [
  { header: t('colReference') },
  { header: t('colTitle') },
  { header: organisationHeader },
  { header: t('colTopics') },
];

const leadCells = (
  locale: Locale,
  href: string,
  record: ListedRecord,
  topics: ReadonlyMap<string, NeedTopicSummary>,
): TableCell[] => [
  { content: <a href={href}>{record.reference}</a> },
  { content: <FreeText locale={locale} text={record.title} /> },
  {
    content: (
      <OrganisationName locale={locale} zh={record.organisationNameZh} en={record.organisationNameEn} />
    ),
  },
  { content: <TopicLinks locale={locale} ids={record.needTopicIds} topics={topics} /> },
];

/** Projects as a table: reference, title, organisation, need topics, readiness levels and status. */
export function ProjectTable(props: {
  locale: Locale;
  id: string;
  caption: string;
  count: string;
  projects: readonly ResearchProject[];
  topics: ReadonlyMap<string, NeedTopicSummary>;
}) {
  const { locale } = props;
  const t = researchMessages.for(locale);
  return (
    <CountedTable
      id={props.id}
      count={props.count}
      empty={t('noProjects')}
      caption={props.caption}
      captionSize="m"
      firstCellIsHeader
      columns={[...leadColumns(t, t('colOrganisation')), { header: t('colTrl') }, { header: t('colStatus') }]}
      rows={props.projects.map((p) => [
        ...leadCells(locale, projectHref(p.id), p, props.topics),
        trlRange(locale, p.trlNow, p.trlTarget),
        { content: <StatusTag locale={locale} status={p.status} /> },
      ])}
    />
  );
}

/** One fact of a record in a list: a term and its value, side by side where there is room. */
function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="fj-product-list__fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * Projects as a list of records, each with its facts: it reads in order with
 * a screen reader and reflows on a narrow screen, where a six-column table
 * would squeeze Chinese text into one character a line.
 */
export function ProjectList(props: {
  locale: Locale;
  id: string;
  count: string;
  projects: readonly ResearchProject[];
  topics: ReadonlyMap<string, NeedTopicSummary>;
}) {
  const { locale } = props;
  const t = researchMessages.for(locale);
  return (
    <>
      <p class="fj-body" role="status">
        {props.count}
      </p>
      {props.projects.length === 0 ? (
        <p class="fj-body">{t('noProjects')}</p>
      ) : (
        <ul class="fj-product-list" id={props.id}>
          {props.projects.map((p) => (
            <li class="fj-product-list__item" key={p.id}>
              <h3 class="fj-product-list__title">
                <a href={projectHref(p.id)}>
                  <FreeText locale={locale} text={p.title} />
                </a>
              </h3>
              <p class="fj-tag-list">
                <StatusTag locale={locale} status={p.status} />
              </p>
              <dl class="fj-product-list__facts">
                <Fact term={t('colReference')}>{p.reference}</Fact>
                <Fact term={t('colOrganisation')}>
                  <OrganisationName locale={locale} zh={p.organisationNameZh} en={p.organisationNameEn} />
                </Fact>
                <Fact term={t('colTopics')}>
                  <TopicLinks locale={locale} ids={p.needTopicIds} topics={props.topics} />
                </Fact>
                <Fact term={t('colTrl')}>{trlRange(locale, p.trlNow, p.trlTarget)}</Fact>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Open challenges as a list of records: what is asked, by whom, for which needs, until when. */
export function ChallengeList(props: {
  locale: Locale;
  id: string;
  challenges: readonly Challenge[];
  topics: ReadonlyMap<string, NeedTopicSummary>;
}) {
  const { locale } = props;
  const t = researchMessages.for(locale);
  return (
    <ul class="fj-product-list" id={props.id}>
      {props.challenges.map((c) => (
        <li class="fj-product-list__item" key={c.id}>
          <h3 class="fj-product-list__title">
            <a href={challengeHref(c.id)}>
              <FreeText locale={locale} text={c.title} />
            </a>
          </h3>
          <dl class="fj-product-list__facts">
            <Fact term={t('colReference')}>{c.reference}</Fact>
            <Fact term={t('colPostedBy')}>
              <OrganisationName locale={locale} zh={c.organisationNameZh} en={c.organisationNameEn} />
            </Fact>
            <Fact term={t('colTopics')}>
              <TopicLinks locale={locale} ids={c.needTopicIds} topics={props.topics} />
            </Fact>
            <Fact term={t('colClosesOn')}>{dayText(c.closesOn, locale)}</Fact>
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** Pages of a project list, when there is more than one. */
export function ProjectPages(props: {
  locale: Locale;
  label: string;
  page: number;
  total: number;
  hrefForPage: (page: number) => string;
}) {
  const t = researchMessages.for(props.locale);
  return (
    <Pagination
      label={props.label}
      currentPage={props.page}
      totalPages={Math.max(1, Math.ceil(props.total / projectPageSize))}
      hrefForPage={props.hrefForPage}
      previousText={t('previousPage')}
      nextText={t('nextPage')}
      pageLabel={(page) => t('pageN', { page })}
    />
  );
}

/** Challenges as a table: reference, title, organisation, need topics, closing day and whether it still takes proposals. */
export function ChallengeTable(props: {
  locale: Locale;
  id: string;
  caption: string;
  challenges: readonly Challenge[];
  topics: ReadonlyMap<string, NeedTopicSummary>;
  today: string;
}) {
  const { locale } = props;
  const t = researchMessages.for(locale);
  const l = researchLabels.for(locale);
  return (
    <Table
      id={props.id}
      caption={props.caption}
      captionSize="m"
      firstCellIsHeader
      columns={[
        ...leadColumns(t, t('colPostedBy')),
        { header: t('colClosesOn') },
        { header: t('colStatus') },
      ]}
      rows={props.challenges.map((c) => [
        ...leadCells(locale, challengeHref(c.id), c, props.topics),
        dayText(c.closesOn, locale),
        challengeStatusText(l, isAccepting(c, props.today) ? 'open' : 'closed'),
      ])}
    />
  );
}

/** The need topics the challenges and projects of a page name, loaded once for the whole page. */
export async function topicsOf(
  db: Queryable,
  rows: readonly { readonly needTopicIds: readonly string[] }[],
): Promise<Map<string, NeedTopicSummary>> {
  const topics = await needTopicsByIds(db, [...new Set(rows.flatMap((r) => r.needTopicIds))]);
  return new Map(topics.map((topic) => [topic.id, topic]));
}
