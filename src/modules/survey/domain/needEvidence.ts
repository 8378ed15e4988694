import { priorityProducts } from './apl.ts';
import { type FollowUpCount, type FollowUpSum, sumFollowUps } from './followUps.ts';
import { needsQuestionnaire } from './needsQuestionnaire.ts';
import { type Choice, questionById, type Text } from './questionnaire.ts';
import { type SumConstraint, type Suppressed, suppress } from './suppression.ts';

/**
 * The survey measures a need topic may cite, in three groups: a product
 * needed but not had (`unmet.<apl>`), a technology that would help
 * (`tech.<v>`), and what kept people from their products (`barrier.<v>`).
 */
export const measureGroups = ['unmet', 'tech', 'barrier'] as const;
export type MeasureGroup = (typeof measureGroups)[number];

export interface TopicMeasure {
  readonly measure: string;
  readonly group: MeasureGroup;
  /** The product, technology or barrier, as the questionnaire words it. */
  readonly label: Text;
}

const choicesOf = (questionId: string): readonly Choice[] => {
  const question = questionById(needsQuestionnaire, questionId);
  return question !== undefined && question.kind === 'multiple' ? question.choices : [];
};

// "Other" and "none of these" group nothing: a topic names what it is about.
const groupable = (choice: Choice) => choice.value !== 'other' && choice.value !== 'none';

export const topicMeasures: readonly TopicMeasure[] = [
  ...priorityProducts.map((p) => ({ measure: `unmet.${p.code}`, group: 'unmet' as const, label: p.name })),
  ...choicesOf('tech_needs')
    .filter(groupable)
    .map((c) => ({ measure: `tech.${c.value}`, group: 'tech' as const, label: c.label })),
  ...choicesOf('barriers')
    .filter(groupable)
    .map((c) => ({ measure: `barrier.${c.value}`, group: 'barrier' as const, label: c.label })),
];

const byMeasure = new Map(topicMeasures.map((m) => [m.measure, m]));

/** The measure in words, or undefined for a key no questionnaire of this version asks about. */
export const topicMeasure = (measure: string): TopicMeasure | undefined => byMeasure.get(measure);

/** What a topic is made of. */
export interface TopicCriteria {
  readonly measures: readonly string[];
  readonly keywords: readonly string[];
  readonly isoClasses: readonly string[];
}

/** One campaign's tallies, summed over its demographic cells. */
export interface CampaignTally {
  readonly campaignId: string;
  readonly title: Text;
  /** Submitted responses (the `respondents` measure). */
  readonly respondents: number;
  readonly measures: ReadonlyMap<string, number>;
  readonly terms: ReadonlyMap<string, number>;
}

export interface MeasureCount {
  readonly measure: string;
  readonly respondents: number;
}

export interface KeywordCount {
  readonly term: string;
  readonly respondents: number;
}

export interface CampaignEvidence {
  readonly campaignId: string;
  readonly title: Text;
  readonly respondents: number;
  /** In the topic's order. */
  readonly measures: readonly MeasureCount[];
  readonly keywords: readonly KeywordCount[];
}

/** Source "需求调查": what respondents answered and wrote. */
export interface SurveyEvidence {
  /** Campaigns with submitted responses, in the order given. */
  readonly campaigns: readonly CampaignEvidence[];
  /** Each measure over every campaign. */
  readonly measures: readonly MeasureCount[];
  readonly keywords: readonly KeywordCount[];
  /**
   * Respondents counted once per measure they count towards (人次): one
   * person may need a wheelchair and name cost, so this is not a head count.
   */
  readonly measureMentions: number;
  readonly keywordMentions: number;
}

/** Source "适配随访": fitted people of the topic's ISO classes who gave up the product or reported a problem. */
export interface FollowUpEvidence extends Readonly<Record<FollowUpCount, number>> {
  /** Problems with the product (discomfort, poor fit, broken, repair needed), once per case and kind. */
  readonly problemReports: number;
}

export interface NeedEvidence {
  readonly survey: SurveyEvidence;
  readonly followUp: FollowUpEvidence;
}

const sum = (values: readonly number[]) => values.reduce((total, n) => total + n, 0);

/** Whether a follow-up's class falls under one of the topic's classes (codes are prefixes). */
export const inIsoClasses = (isoClass: string, classes: readonly string[]): boolean =>
  classes.some((prefix) => isoClass.startsWith(prefix));

/**
 * A topic's evidence from its sources: the survey's tallies of the topic's
 * measures and keywords in every campaign, and the fitting follow-ups of the
 * products of its ISO classes. Figures are exact; whoever shows them
 * suppresses small ones (`suppressEvidence`).
 */
export function needEvidence(
  topic: TopicCriteria,
  campaigns: readonly CampaignTally[],
  followUps: readonly FollowUpSum[],
): NeedEvidence {
  const answered = campaigns
    .filter((c) => c.respondents > 0)
    .map(
      (c): CampaignEvidence => ({
        campaignId: c.campaignId,
        title: c.title,
        respondents: c.respondents,
        measures: topic.measures.map((measure) => ({ measure, respondents: c.measures.get(measure) ?? 0 })),
        keywords: topic.keywords.map((term) => ({ term, respondents: c.terms.get(term) ?? 0 })),
      }),
    );
  const measures = topic.measures.map((measure, index) => ({
    measure,
    respondents: sum(answered.map((c) => c.measures[index]?.respondents ?? 0)),
  }));
  const keywords = topic.keywords.map((term, index) => ({
    term,
    respondents: sum(answered.map((c) => c.keywords[index]?.respondents ?? 0)),
  }));
  const matching = followUps.filter((f) => inIsoClasses(f.isoClass, topic.isoClasses));
  const followUp = sumFollowUps(matching);
  return {
    survey: {
      campaigns: answered,
      measures,
      keywords,
      measureMentions: sum(measures.map((m) => m.respondents)),
      keywordMentions: sum(keywords.map((k) => k.respondents)),
    },
    followUp: {
      ...followUp,
      problemReports: followUp.discomfort + followUp.poorFit + followUp.broken + followUp.repairNeeded,
    },
  };
}

/**
 * The name of each figure a topic's pages and the API show. A campaign's
 * count of a measure or word is the same figure in every topic that cites
 * it, so it has one key and is withheld alike wherever it appears.
 */
export const evidenceKeys = {
  respondents: (campaignId: string | 'all') => `respondents:${campaignId}`,
  measure: (measure: string, campaignId: string | 'all') => `measure:${measure}:${campaignId}`,
  term: (term: string, campaignId: string | 'all') => `term:${term}:${campaignId}`,
  measureMentions: (topicId: string) => `topic:${topicId}:measureMentions`,
  keywordMentions: (topicId: string) => `topic:${topicId}:keywordMentions`,
  followUp: (topicId: string, field: keyof FollowUpEvidence) => `topic:${topicId}:followUp:${field}`,
} as const;

const problemFields = ['discomfort', 'poorFit', 'broken', 'repairNeeded'] as const;

/**
 * The figures of these topics with small-cell suppression (suppression.ts):
 * 1 to 4 withheld as "<5", and where a shown figure is the sum of others
 * (all campaigns = each campaign; mentions = their rows; problem reports =
 * their kinds), one more withheld so a small one cannot be worked out.
 * Suppress every topic a reader sees together, so a figure that two of them
 * share is withheld on both or neither.
 */
export function suppressEvidence(topics: ReadonlyMap<string, NeedEvidence>): Suppressed {
  const counts = new Map<string, number>();
  const constraints: SumConstraint[] = [];
  const k = evidenceKeys;
  for (const [topicId, { survey, followUp }] of topics) {
    const campaigns = survey.campaigns;
    const ids = campaigns.map((c) => c.campaignId);
    for (const c of campaigns) counts.set(k.respondents(c.campaignId), c.respondents);
    counts.set(
      k.respondents('all'),
      campaigns.reduce((total, c) => total + c.respondents, 0),
    );
    constraints.push({ total: k.respondents('all'), parts: ids.map(k.respondents) });
    survey.measures.forEach((m, index) => {
      for (const c of campaigns)
        counts.set(k.measure(m.measure, c.campaignId), c.measures[index]?.respondents ?? 0);
      counts.set(k.measure(m.measure, 'all'), m.respondents);
      constraints.push({
        total: k.measure(m.measure, 'all'),
        parts: ids.map((id) => k.measure(m.measure, id)),
      });
    });
    survey.keywords.forEach((w, index) => {
      for (const c of campaigns)
        counts.set(k.term(w.term, c.campaignId), c.keywords[index]?.respondents ?? 0);
      counts.set(k.term(w.term, 'all'), w.respondents);
      constraints.push({ total: k.term(w.term, 'all'), parts: ids.map((id) => k.term(w.term, id)) });
    });
    counts.set(k.measureMentions(topicId), survey.measureMentions);
    constraints.push({
      total: k.measureMentions(topicId),
      parts: survey.measures.map((m) => k.measure(m.measure, 'all')),
    });
    counts.set(k.keywordMentions(topicId), survey.keywordMentions);
    constraints.push({
      total: k.keywordMentions(topicId),
      parts: survey.keywords.map((w) => k.term(w.term, 'all')),
    });
    for (const [field, value] of Object.entries(followUp))
      counts.set(k.followUp(topicId, field as keyof FollowUpEvidence), value);
    constraints.push({
      total: k.followUp(topicId, 'problemReports'),
      parts: problemFields.map((field) => k.followUp(topicId, field)),
    });
  }
  return suppress(counts, constraints);
}
