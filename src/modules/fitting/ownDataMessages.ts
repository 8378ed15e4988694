import { defineMessages } from '../../platform/i18n/index.ts';

/** The labels of a resident's own export that no case page needs. */
export const fittingOwnDataMessages = defineMessages(
  'fittingOwnData',
  {
    at: '时间',
    step: '办理事项',
    part: '办理方',
    note: '说明',
    unread: '未读',
  },
  {
    at: 'Time',
    step: 'Step',
    part: 'Done by',
    note: 'Note',
    unread: 'Unread',
  },
);
