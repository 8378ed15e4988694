import { defineMessages } from '../../../../platform/i18n/index.ts';

export const analyticsMessages = defineMessages(
  'survey.analytics',
  { placeholder: '占位' },
  { placeholder: 'Placeholder' },
);
