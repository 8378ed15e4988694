import type { FujuModule } from '../../platform/module.ts';
import { seedSurveyDemo } from './demo.ts';
import { surveyOwnData } from './ownData.ts';
import { surveyOwnDataMessages } from './ownDataMessages.ts';
import { analyticsPages } from './pages/analytics/index.ts';
import { analyticsMessages } from './pages/analytics/messages.ts';
import { answerPages } from './pages/answer/index.ts';
import { answerMessages } from './pages/answer/messages.ts';
import { campaignsPages } from './pages/campaigns/index.ts';
import { campaignsMessages } from './pages/campaigns/messages.ts';
import { needTopicsPages } from './pages/needTopics/index.ts';
import { needTopicsMessages } from './pages/needTopics/messages.ts';

export type { NeedTopicSummary } from './needTopicRepo.ts';
export { needTopicsByIds, publishedNeedTopics } from './needTopicRepo.ts';

/**
 * The needs survey (plan task 1): questionnaires as versioned data,
 * campaigns, responses by residents and by community workers, the need
 * analytics and need topics (DOMAIN.md "Measuring need").
 */
export const surveyModule: FujuModule = {
  name: 'survey',
  routes(app, deps) {
    campaignsPages(app, deps);
    answerPages(app, deps);
    analyticsPages(app, deps);
    needTopicsPages(app, deps);
  },
  async seedDemo(tx, context) {
    return seedSurveyDemo(tx, context);
  },
  // Answers are health data.
  encryptedColumns: [{ table: 'survey_response', idColumn: 'id', column: 'answers_sealed' }],
  messages: [campaignsMessages, answerMessages, analyticsMessages, needTopicsMessages, surveyOwnDataMessages],
  ownData: surveyOwnData,
};
