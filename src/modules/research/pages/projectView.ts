import type { Db } from '../../../platform/db/index.ts';
import { type ProductSummary, productSummaries, publishedProductsOf } from '../../catalog/index.ts';
import type { NeedTopicSummary } from '../../survey/index.ts';
import { type Challenge, findChallenge } from '../challengeRepo.ts';
import type { ProjectCommand, ProjectPart } from '../domain/projectFlow.ts';
import {
  actionsOf,
  type Milestone,
  milestonesOf,
  type ProjectAction,
  type ResearchProject,
} from '../projectRepo.ts';
import { topicsOf } from './lists.tsx';

/** Everything a project page shows, loaded once. */
export interface ProjectView {
  readonly project: ResearchProject;
  readonly parts: readonly ProjectPart[];
  readonly commands: readonly ProjectCommand[];
  readonly actions: readonly ProjectAction[];
  readonly milestones: readonly Milestone[];
  readonly topics: ReadonlyMap<string, NeedTopicSummary>;
  readonly challenge: Challenge | undefined;
  /** The catalog products recorded as the project's results. */
  readonly resultProducts: readonly ProductSummary[];
  /**
   * What the completion form offers as results: the published products of
   * the project's organisation and of the organisation whose challenge it
   * answers (a researcher's results reach the catalog through that enterprise).
   */
  readonly productChoices: readonly ProductSummary[];
}

export async function loadProjectView(
  db: Db,
  found: { project: ResearchProject; parts: ProjectPart[]; commands: ProjectCommand[] },
): Promise<ProjectView> {
  const { project } = found;
  const challenge = project.challengeId === null ? undefined : await findChallenge(db, project.challengeId);
  const actions = await actionsOf(db, project.id);
  const milestones = await milestonesOf(db, project.id);
  const topics = await topicsOf(db, [project, ...(challenge ? [challenge] : [])]);
  const results = await productSummaries(db, project.resultProductIds);
  const choices: ProductSummary[] = [];
  if (found.commands.includes('complete')) {
    const makers = [...new Set([project.organisationId, ...(challenge ? [challenge.organisationId] : [])])];
    for (const maker of makers) choices.push(...(await publishedProductsOf(db, maker)));
  }
  return {
    ...found,
    actions,
    milestones,
    topics,
    challenge,
    resultProducts: project.resultProductIds.flatMap((id) => {
      const product = results.get(id);
      return product === undefined ? [] : [product];
    }),
    productChoices: choices,
  };
}
