import { defineMessages } from '../../platform/i18n/index.ts';

/** The labels of a resident's own export that the answering pages do not have. */
export const surveyOwnDataMessages = defineMessages(
  'survey.ownData',
  {
    heading: '我的调查回答',
    campaign: '调查',
    status: '状态',
    status_in_progress: '未完成',
    status_submitted: '已提交',
    mode: '填写方式',
    startedAt: '开始时间',
    submittedAt: '提交时间',
  },
  {
    heading: 'My survey answers',
    campaign: 'Survey',
    status: 'Status',
    status_in_progress: 'Not finished',
    status_submitted: 'Submitted',
    mode: 'How it was answered',
    startedAt: 'Started',
    submittedAt: 'Submitted',
  },
);
