import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { campaignPages } from './campaignPage.tsx';
import { campaignFormPages } from './formPages.tsx';
import { surveysListPage } from './listPage.tsx';
import { questionnairePage } from './questionnairePage.tsx';

/**
 * The survey campaigns: /surveys (what each role may do with surveys), the
 * city administrator's campaign pages (new, edit draft, open, close, workers,
 * progress) and the public view of a questionnaire.
 */
export function campaignsPages(app: FastifyInstance, deps: ModuleDeps): void {
  surveysListPage(app, deps);
  campaignFormPages(app, deps);
  campaignPages(app, deps);
  questionnairePage(app, deps);
}
