import { defineMessages } from '../../../../platform/i18n/index.ts';

export const needTopicsMessages = defineMessages(
  'survey.needTopics',
  { placeholder: '占位' },
  { placeholder: 'Placeholder' },
);
