import type { Db } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { followUpOutcomes } from '../fitting/index.ts';
import { auditCommand, type CommandContext } from './commands.ts';
import { keywordSuggestions, type TermCount } from './domain/keywordSuggestions.ts';
import { type NeedEvidence, needEvidence, suppressEvidence } from './domain/needEvidence.ts';
import type { Suppressed } from './domain/suppression.ts';
import {
  campaignTallies,
  insertNeedTopic,
  keywordsInTopics,
  listNeedTopics,
  type NeedTopic,
  type NeedTopicInput,
  setNeedTopicStatus,
  termCounts,
  updateNeedTopic,
} from './needTopicRepo.ts';

const topicObject = (id: string) => ({ type: 'need_topic', id });

const sizes = (topic: NeedTopicInput) => ({
  measures: topic.measures.length,
  keywords: topic.keywords.length,
  isoClasses: topic.isoClasses.length,
});

/** A new topic starts as a draft: only the city sees it until it is published. */
export async function createNeedTopic(
  db: Db,
  context: CommandContext,
  topic: NeedTopicInput,
): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await insertNeedTopic(tx, topic, context.actor.userId);
    await auditCommand(tx, context, 'need_topic.create', topicObject(id), sizes(topic));
    return id;
  });
}

/** Saves a topic over the version the editor read: 'stale' when someone saved or published it meanwhile. */
export async function editNeedTopic(
  db: Db,
  context: CommandContext,
  id: string,
  version: number,
  topic: NeedTopicInput,
): Promise<'saved' | 'stale'> {
  return db.transaction(async (tx) => {
    if (!(await updateNeedTopic(tx, id, version, topic))) return 'stale';
    await auditCommand(tx, context, 'need_topic.update', topicObject(id), {
      ...sizes(topic),
      version: version + 1,
    });
    return 'saved';
  });
}

const transitions = {
  publish: { from: 'draft', to: 'published', action: 'need_topic.publish' },
  unpublish: { from: 'published', to: 'draft', action: 'need_topic.unpublish' },
} as const;

/**
 * Publishes a draft (researchers and enterprises then see it and may build
 * on it) or takes a published topic back to draft. A topic already there
 * (a second click, another administrator) is a conflict, not a second change.
 */
export async function changeNeedTopicStatus(
  db: Db,
  context: CommandContext,
  id: string,
  command: keyof typeof transitions,
): Promise<void> {
  const { from, to, action } = transitions[command];
  await db.transaction(async (tx) => {
    if (!(await setNeedTopicStatus(tx, id, from, to)))
      throw new HttpError(409, 'conflict', `the topic is not ${from}`);
    await auditCommand(tx, context, action, topicObject(id));
  });
}

/**
 * Each topic's evidence, by topic id: one read of the tallies for all their
 * measures and words, and one of the fitting follow-ups.
 */
export async function evidenceOf(db: Db, topics: readonly NeedTopic[]): Promise<Map<string, NeedEvidence>> {
  if (topics.length === 0) return new Map();
  const measures = [...new Set(topics.flatMap((t) => t.measures))];
  const keywords = [...new Set(topics.flatMap((t) => t.keywords))];
  const [campaigns, followUps] = await Promise.all([
    campaignTallies(db, measures, keywords),
    followUpOutcomes(db),
  ]);
  return new Map(topics.map((t) => [t.id, needEvidence(t, campaigns, followUps)]));
}

/** Words people wrote that no topic groups yet, besides those typed on the form being filled in. */
export async function suggestedKeywords(db: Db, typed: readonly string[]): Promise<TermCount[]> {
  const [terms, taken] = await Promise.all([termCounts(db), keywordsInTopics(db)]);
  return keywordSuggestions(terms, [...taken, ...typed]);
}

/** The topics a reader sees, with their evidence, and its figures as they may be shown. */
export interface VisibleTopics {
  readonly topics: readonly NeedTopic[];
  readonly evidence: ReadonlyMap<string, NeedEvidence>;
  readonly figures: Suppressed;
}

/**
 * Every topic one kind of reader sees (the public: published ones; those who
 * manage topics: drafts too), suppressed together: a list, a topic's page and
 * the API then withhold a figure alike for the same reader.
 */
export async function visibleTopics(
  db: Db,
  options: { readonly includeDrafts: boolean },
): Promise<VisibleTopics> {
  const topics = await listNeedTopics(db, options);
  const evidence = await evidenceOf(db, topics);
  return { topics, evidence, figures: suppressEvidence(evidence) };
}
