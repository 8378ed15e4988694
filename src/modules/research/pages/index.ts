import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/module.ts';
import type { ChallengeService } from '../challengeService.ts';
import type { ProjectService } from '../projectService.ts';
import { newChallengePages } from './challengeNew.tsx';
import { challengePages } from './challengePage.tsx';
import { managePage } from './managePage.tsx';
import { projectPages } from './projectPage.tsx';
import { proposePages } from './proposePage.tsx';
import { publicListPage } from './publicList.tsx';

/**
 * The research pages: the public list of open challenges and the reserve
 * pool, a page per challenge and per project (with a form for each command
 * the reader may give), the forms to post a challenge and propose a project,
 * and the work area of the city and the teams.
 */
export function researchPages(
  app: FastifyInstance,
  deps: ModuleDeps & { projects: ProjectService; challenges: ChallengeService },
): void {
  publicListPage(app, deps);
  newChallengePages(app, deps);
  challengePages(app, deps);
  proposePages(app, deps);
  projectPages(app, deps);
  managePage(app, deps);
}
