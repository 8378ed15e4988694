import { type Action, reach, type SignedInActor } from '../../platform/auth/index.ts';
import type { Queryable } from '../../platform/db/index.ts';
import { listOrganisations, type Organisation } from '../identity/index.ts';
import { needTopicsByIds, publishedNeedTopics } from '../survey/index.ts';
import type { Problem } from './domain/fields.ts';

/**
 * What a challenge or a proposal may name, as only the database knows it:
 * the organisations a user acts for, and the published need topics.
 */

/** Who a city administrator may post a challenge for: an enterprise, or the city federation itself. */
const challengeOrganisationTypes = new Set(['supplier', 'city_federation']);

/**
 * The organisations the actor may act for with this action: their own
 * (a supplier's staff, a researcher), or for the city, every one a challenge
 * may come from.
 */
export async function organisationsFor(
  db: Queryable,
  actor: SignedInActor,
  action: Extract<Action, 'challenge.post' | 'project.propose'>,
): Promise<Organisation[]> {
  const r = reach(actor, action);
  const all = await listOrganisations(db, {});
  if (r.all) return all.filter((o) => action === 'project.propose' || challengeOrganisationTypes.has(o.type));
  return all.filter((o) => r.organisationIds.includes(o.id));
}

/** The organisation chosen on a form, or the only one the actor has; a problem when neither. */
export function chosenOrganisation(
  offered: readonly Organisation[],
  chosen: string | null,
): { id: string } | { problem: Problem } {
  if (chosen !== null)
    return offered.some((o) => o.id === chosen)
      ? { id: chosen }
      : { problem: { field: 'organisation', key: 'invalid' } };
  const [only, ...others] = offered;
  if (only !== undefined && others.length === 0) return { id: only.id };
  return { problem: { field: 'organisation', key: 'required' } };
}

/**
 * Need topics a challenge or project addresses: published ones only, and at
 * least one while any is published (research answers measured need).
 */
export async function topicProblems(db: Queryable, ids: readonly string[]): Promise<Problem[]> {
  if (ids.length === 0)
    return (await publishedNeedTopics(db)).length > 0 ? [{ field: 'needTopics', key: 'required' }] : [];
  const found = await needTopicsByIds(db, ids);
  const published = found.filter((t) => t.status === 'published');
  return published.length === new Set(ids).size ? [] : [{ field: 'needTopics', key: 'topicUnknown' }];
}

/**
 * What only the database can say about a form's choices: the organisation
 * it is for and the topics it cites. A form shows these with its own
 * mistakes, so every problem is named at once.
 */
export async function choiceProblems(
  db: Queryable,
  actor: SignedInActor,
  action: Extract<Action, 'challenge.post' | 'project.propose'>,
  organisationId: string | null,
  topicIds: readonly string[],
): Promise<{ organisationId: string | null; problems: Problem[] }> {
  const organisation = chosenOrganisation(await organisationsFor(db, actor, action), organisationId);
  const problems = await topicProblems(db, topicIds);
  if ('problem' in organisation)
    return { organisationId: null, problems: [organisation.problem, ...problems] };
  return { organisationId: organisation.id, problems };
}
