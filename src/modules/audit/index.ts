import type { FujuModule } from '../../platform/module.ts';
import { auditMessages } from './messages.ts';
import { auditPages } from './pages.tsx';

/** The auditor's pages over the platform's audit trail (the trail itself is in platform/audit). */
export const auditModule: FujuModule = {
  name: 'audit',
  routes: auditPages,
  messages: [auditMessages],
};
