import { defineMessages } from '../../../platform/i18n/index.ts';

export const adminMessages = defineMessages('identity.admin', { title: '' }, { title: '' });
