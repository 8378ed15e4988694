import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/module.ts';
import type { CaseService } from '../caseService.ts';
import { applyPages } from './applyPages.tsx';
import { budgetPages } from './budgets.tsx';
import { casePages } from './casePage.tsx';
import { myApplicationsPage } from './myApplications.tsx';
import { printPage } from './printPage.tsx';
import { queuePage } from './queue.tsx';

/**
 * The fitting-subsidy pages: a resident's applications, the staff's queue,
 * one page per case with a form for each command the reader may give, its
 * print, and the city's district budgets.
 */
export function fittingPages(app: FastifyInstance, deps: ModuleDeps & { cases: CaseService }): void {
  myApplicationsPage(app, deps);
  applyPages(app, deps);
  queuePage(app, deps);
  casePages(app, deps);
  printPage(app, deps);
  budgetPages(app, deps);
}
