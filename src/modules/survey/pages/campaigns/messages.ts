import { defineMessages } from '../../../../platform/i18n/index.ts';

export const campaignsMessages = defineMessages(
  'survey.campaigns',
  { placeholder: '占位' },
  { placeholder: 'Placeholder' },
);
