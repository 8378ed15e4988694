import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ApiError } from '../../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { evidenceKeys } from '../../domain/needEvidence.ts';
import type { Suppressed } from '../../domain/suppression.ts';
import type { NeedTopic } from '../../needTopicRepo.ts';
import { visibleTopics } from '../../needTopicService.ts';

const Count = (description: string) =>
  Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: `${description}; null when withheld: a count of 1 to 4 (it could point at a person), or one that would let such a count be worked out from a total`,
  });

const Topic = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  titleEn: Type.String(),
  summary: Type.String(),
  summaryEn: Type.String(),
  measures: Type.Array(Type.String(), {
    description: 'Survey measures cited as evidence, e.g. unmet.apl04 (needed, not had: powered wheelchairs)',
  }),
  keywords: Type.Array(Type.String(), {
    description: 'Words of the free-text answers grouped into the topic',
  }),
  isoClasses: Type.Array(Type.String({ pattern: '^[0-9]{4}$' }), {
    description: 'ISO 9999 classes whose fitting follow-ups are cited as evidence',
  }),
  publishedAt: Type.String({ format: 'date-time' }),
  evidence: Type.Object({
    survey: Type.Object(
      {
        campaigns: Type.Integer({ minimum: 0, description: 'Survey campaigns with submitted answers' }),
        measureMentions: Count(
          'Respondents counted once per cited measure (a person may count more than once)',
        ),
        keywordMentions: Count('Respondents who wrote each keyword, added up over the keywords'),
      },
      { description: '需求调查: the needs survey' },
    ),
    followUp: Type.Object(
      {
        followedUp: Count('Fitted people of the classes who were followed up'),
        abandoned: Count('Of them, no longer using the product at the latest follow-up'),
        problemReports: Count(
          'Problems reported (discomfort, poor fit, broken, repair needed), once per case and kind',
        ),
      },
      { description: '适配随访: fitting follow-ups of products in the topic’s ISO classes' },
    ),
  }),
});

const topicOut = (topic: NeedTopic, campaigns: number, figures: Suppressed) => ({
  id: topic.id,
  title: topic.title.zh,
  titleEn: topic.title.en,
  summary: topic.summary.zh,
  summaryEn: topic.summary.en,
  measures: topic.measures,
  keywords: topic.keywords,
  isoClasses: topic.isoClasses,
  publishedAt: (topic.publishedAt ?? topic.updatedAt).toISOString(),
  evidence: {
    survey: {
      campaigns,
      measureMentions: figures.count(evidenceKeys.measureMentions(topic.id)),
      keywordMentions: figures.count(evidenceKeys.keywordMentions(topic.id)),
    },
    followUp: {
      followedUp: figures.count(evidenceKeys.followUp(topic.id, 'followedUp')),
      abandoned: figures.count(evidenceKeys.followUp(topic.id, 'abandoned')),
      problemReports: figures.count(evidenceKeys.followUp(topic.id, 'problemReports')),
    },
  },
});

/** GET /api/v1/need-topics: the published need topics with their evidence totals, as open data. */
export function needTopicsApi(app: FastifyInstance, deps: ModuleDeps): void {
  const { db } = deps;
  app.get(
    '/api/v1/need-topics',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Published need topics with their evidence totals by source, newest first',
        description: '已发布的需求专题及其证据（需求调查、适配随访）合计；少于5的数字不公开',
        tags: ['need topics'],
        response: { 200: Type.Object({ items: Type.Array(Topic) }), 429: ApiError },
      },
    },
    async () => {
      const { topics, evidence, figures } = await visibleTopics(db, { includeDrafts: false });
      return {
        items: topics.map((topic) =>
          topicOut(topic, evidence.get(topic.id)?.survey.campaigns.length ?? 0, figures),
        ),
      };
    },
  );
}
