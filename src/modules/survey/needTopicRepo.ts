import { type Queryable, sql } from '../../platform/db/index.ts';

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
