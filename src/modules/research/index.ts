import type { FujuModule } from '../../platform/module.ts';
import { researchApi } from './api.ts';
import { ChallengeService } from './challengeService.ts';
import { seedResearchDemo } from './demo.ts';
import { researchPages } from './pages/index.ts';
import { researchLabels } from './pages/labels.ts';
import { researchMessages } from './pages/messages.ts';
import { ProjectService } from './projectService.ts';

/**
 * The research project reserve pool (科技计划项目储备库) and enterprise
 * challenges (企业出题): measured needs become challenges and projects
 * (plan task 1, "以需定研、研为产用").
 */
export const researchModule: FujuModule = {
  name: 'research',
  routes(app, deps) {
    const projects = new ProjectService({ db: deps.db });
    const challenges = new ChallengeService({ db: deps.db });
    researchApi(app, { db: deps.db, projects });
    researchPages(app, { ...deps, projects, challenges });
  },
  async seedDemo(tx, context) {
    return seedResearchDemo(tx, context);
  },
  messages: [researchLabels, researchMessages],
};
