import type { FujuModule } from '../../platform/module.ts';

/**
 * The research project reserve pool (科技计划项目储备库) and enterprise
 * challenges (企业出题): measured needs become challenges and projects
 * (plan task 1, "以需定研、研为产用").
 */
export const researchModule: FujuModule = {
  name: 'research',
  routes() {},
  messages: [],
};
