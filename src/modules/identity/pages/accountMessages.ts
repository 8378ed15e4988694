import { defineMessages } from '../../../platform/i18n/index.ts';

export const accountMessages = defineMessages('identity.account', { title: '' }, { title: '' });
