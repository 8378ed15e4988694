import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { ResponseService } from '../../responseService.ts';
import { blankFormPage } from './blankForm.tsx';
import { checkPages } from './checkPages.tsx';
import { paperPage } from './paperPage.tsx';
import { sectionPage } from './sectionPage.tsx';
import { startPages } from './startPages.tsx';

/**
 * Answering a campaign's questionnaire: a resident for themselves, a
 * community worker interviewing someone or keying in paper forms; one section
 * per page, saved as it is left, checked and submitted; and the blank form to
 * print.
 */
export function answerPages(app: FastifyInstance, deps: ModuleDeps): void {
  const withResponses = { ...deps, responses: new ResponseService({ db: deps.db, keyring: deps.keyring }) };
  startPages(app, withResponses);
  sectionPage(app, withResponses);
  checkPages(app, withResponses);
  paperPage(app, withResponses);
  blankFormPage(app, deps);
}
