import { isUuid, type Queryable, sql } from '../../platform/db/index.ts';
import type { TermCount } from './domain/keywordSuggestions.ts';
import type { CampaignTally, TopicCriteria } from './domain/needEvidence.ts';
import type { Text } from './domain/questionnaire.ts';

/** A need topic as other modules see it: research cites published topics in challenges and projects. */
export interface NeedTopicSummary {
  readonly id: string;
  readonly title: { readonly zh: string; readonly en: string };
  readonly status: 'draft' | 'published';
}

interface TopicRow {
  readonly id: string;
  readonly title_zh: string;
  readonly title_en: string;
  readonly status: 'draft' | 'published';
}

const toSummary = (row: TopicRow): NeedTopicSummary => ({
  id: row.id,
  title: { zh: row.title_zh, en: row.title_en },
  status: row.status,
});

/** Published topics, newest first: the ones a challenge or project may address. */
export async function publishedNeedTopics(db: Queryable): Promise<NeedTopicSummary[]> {
  const rows = await db.query<TopicRow>(
    sql`select id, title_zh, title_en, status from need_topic where status = 'published' order by published_at desc, id`,
  );
  return rows.map(toSummary);
}

/** The topics with these ids (any status), in no particular order; unknown ids are left out. */
export async function needTopicsByIds(db: Queryable, ids: readonly string[]): Promise<NeedTopicSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<TopicRow>(
    sql`select id, title_zh, title_en, status from need_topic where id = any(${[...ids]}::uuid[])`,
  );
  return rows.map(toSummary);
}

/** What the city writes on a topic. */
export interface NeedTopicInput extends TopicCriteria {
  readonly title: Text;
  readonly summary: Text;
}

export interface NeedTopic extends NeedTopicInput, NeedTopicSummary {
  readonly publishedAt: Date | null;
  readonly updatedAt: Date;
  readonly version: number;
}

interface FullTopicRow extends TopicRow {
  readonly summary_zh: string;
  readonly summary_en: string;
  readonly measures: string[];
  readonly keywords: string[];
  readonly iso_classes: string[];
  readonly published_at: Date | null;
  readonly updated_at: Date;
  readonly version: number;
}

const topicSelect = sql`select id, title_zh, title_en, summary_zh, summary_en, measures, keywords, iso_classes,
    status, published_at, updated_at, version
  from need_topic`;

const toTopic = (row: FullTopicRow): NeedTopic => ({
  ...toSummary(row),
  summary: { zh: row.summary_zh, en: row.summary_en },
  measures: row.measures,
  keywords: row.keywords,
  isoClasses: row.iso_classes,
  publishedAt: row.published_at,
  updatedAt: row.updated_at,
  version: row.version,
});

/**
 * Topics for a list: published ones newest first, then (when asked for, by
 * those who manage topics) drafts, last changed first.
 */
export async function listNeedTopics(
  db: Queryable,
  options: { readonly includeDrafts: boolean },
): Promise<NeedTopic[]> {
  const rows = await db.query<FullTopicRow>(
    sql`${topicSelect} where status = 'published' or ${options.includeDrafts}::boolean
        order by status = 'published' desc, published_at desc nulls last, updated_at desc, id`,
  );
  return rows.map(toTopic);
}

export async function needTopicById(db: Queryable, id: string): Promise<NeedTopic | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<FullTopicRow>(sql`${topicSelect} where id = ${id}::uuid`);
  return row === undefined ? undefined : toTopic(row);
}

export async function insertNeedTopic(
  tx: Queryable,
  topic: NeedTopicInput,
  createdBy: string | null,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    sql`insert into need_topic (title_zh, title_en, summary_zh, summary_en, measures, keywords, iso_classes,
                                status, created_by)
        values (${topic.title.zh}, ${topic.title.en}, ${topic.summary.zh}, ${topic.summary.en},
                ${[...topic.measures]}::text[], ${[...topic.keywords]}::text[], ${[...topic.isoClasses]}::text[],
                'draft', ${createdBy}::uuid)
        returning id`,
  );
  if (row === undefined) throw new Error('need_topic insert returned no row');
  return row.id;
}

/** Saves a topic over the version the editor read; false when someone saved it meanwhile (or it is gone). */
export async function updateNeedTopic(
  tx: Queryable,
  id: string,
  version: number,
  topic: NeedTopicInput,
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    sql`update need_topic set title_zh = ${topic.title.zh}, title_en = ${topic.title.en},
          summary_zh = ${topic.summary.zh}, summary_en = ${topic.summary.en},
          measures = ${[...topic.measures]}::text[], keywords = ${[...topic.keywords]}::text[],
          iso_classes = ${[...topic.isoClasses]}::text[], updated_at = now(), version = version + 1
        where id = ${id}::uuid and version = ${version}
        returning id`,
  );
  return rows.length === 1;
}

/** Publishes a draft or takes a published topic back; false when it was not in the `from` status. */
export async function setNeedTopicStatus(
  tx: Queryable,
  id: string,
  from: 'draft' | 'published',
  to: 'draft' | 'published',
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    sql`update need_topic set status = ${to},
          published_at = case when ${to} = 'published' then now() else null end,
          updated_at = now(), version = version + 1
        where id = ${id}::uuid and status = ${from}
        returning id`,
  );
  return rows.length === 1;
}

/** Every keyword of every topic, draft or published: words already grouped are not suggested again. */
export async function keywordsInTopics(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ keyword: string }>(
    sql`select distinct unnest(keywords) as keyword from need_topic`,
  );
  return rows.map((r) => r.keyword);
}

/** The free-text words of every campaign, added up: what keyword suggestions rank. */
export async function termCounts(db: Queryable): Promise<TermCount[]> {
  const rows = await db.query<{ term: string; respondents: number }>(
    sql`select term, sum(respondents)::int as respondents from survey_term_tally group by term`,
  );
  return rows;
}

/**
 * Each campaign's tallies of these measures and words, summed over its
 * demographic cells, newest campaign first; `respondents` always comes with
 * them, as the base the figures are read against.
 */
export async function campaignTallies(
  db: Queryable,
  measures: readonly string[],
  terms: readonly string[],
): Promise<CampaignTally[]> {
  const [campaigns, measureRows, termRows] = await Promise.all([
    db.query<{ id: string; title_zh: string; title_en: string }>(
      sql`select id, title_zh, title_en from survey_campaign order by starts_on desc, created_at desc`,
    ),
    db.query<{ campaign_id: string; measure: string; respondents: number }>(
      sql`select campaign_id, measure, sum(respondents)::int as respondents from survey_tally
          where measure = any(${['respondents', ...measures]}::text[])
          group by campaign_id, measure`,
    ),
    terms.length === 0
      ? Promise.resolve([])
      : db.query<{ campaign_id: string; term: string; respondents: number }>(
          sql`select campaign_id, term, respondents from survey_term_tally where term = any(${[...terms]}::text[])`,
        ),
  ]);
  const measuresOf = new Map<string, Map<string, number>>();
  const termsOf = new Map<string, Map<string, number>>();
  const cell = (map: Map<string, Map<string, number>>, id: string) => {
    const found = map.get(id) ?? new Map<string, number>();
    map.set(id, found);
    return found;
  };
  for (const row of measureRows) cell(measuresOf, row.campaign_id).set(row.measure, row.respondents);
  for (const row of termRows) cell(termsOf, row.campaign_id).set(row.term, row.respondents);
  return campaigns.map((c) => {
    const counted = measuresOf.get(c.id) ?? new Map<string, number>();
    return {
      campaignId: c.id,
      title: { zh: c.title_zh, en: c.title_en },
      respondents: counted.get('respondents') ?? 0,
      measures: counted,
      terms: termsOf.get(c.id) ?? new Map<string, number>(),
    };
  });
}
