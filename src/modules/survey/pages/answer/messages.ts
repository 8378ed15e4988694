import { defineMessages } from '../../../../platform/i18n/index.ts';

export const answerMessages = defineMessages(
  'survey.answer',
  { placeholder: '占位' },
  { placeholder: 'Placeholder' },
);
