import type { FujuModule } from '../../platform/module.ts';

export type { NeedTopicSummary } from './needTopicRepo.ts';
export { needTopicsByIds, publishedNeedTopics } from './needTopicRepo.ts';

/**
 * The needs survey (plan task 1): questionnaires as versioned data,
 * campaigns, responses by residents and by community workers, the need
 * analytics and need topics (DOMAIN.md "Measuring need").
 */
export const surveyModule: FujuModule = {
  name: 'survey',
  routes() {},
  // Answers are health data.
  encryptedColumns: [{ table: 'survey_response', idColumn: 'id', column: 'answers_sealed' }],
  messages: [],
};
