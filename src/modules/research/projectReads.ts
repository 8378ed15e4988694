import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit/index.ts';
import { type Actor, auditActor, authorise, reach } from '../../platform/auth/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { commandsFor, type ProjectCommand, type ProjectPart, publicStatuses } from './domain/projectFlow.ts';
import { findProject, type ProjectVisibility, type ResearchProject } from './projectRepo.ts';
import { maySeeProject, organisationTarget, partsOf } from './researchActor.ts';

/** The projects a reader sees, as SQL filters them: the pool for everyone, more for a team and the city. */
export function visibilityOf(actor: Actor): ProjectVisibility {
  const read = reach(actor, 'project.read');
  const manage = reach(actor, 'project.manage');
  return {
    all: read.all || manage.all,
    organisationIds: [...new Set([...read.organisationIds, ...manage.organisationIds])],
    publicStatuses,
  };
}

/**
 * The project `id` names, the sides the reader plays on it and the commands
 * they may give now; 404 (the denial audited) when it is absent or not theirs to see.
 */
export async function authorisedProject(
  db: Db,
  request: FastifyRequest,
  id: string,
): Promise<{ project: ResearchProject; parts: ProjectPart[]; commands: ProjectCommand[] }> {
  const found = await findProject(db, id);
  const object = { type: 'research_project', id };
  if (!found || !maySeeProject(request.actor, found)) {
    await authorise(
      db,
      request,
      'project.read',
      object,
      found ? organisationTarget(found.organisationId) : {},
    );
    throw new HttpError(404, 'not_found', 'not found');
  }
  const parts = request.actor.kind === 'user' ? partsOf(request.actor, found.organisationId) : [];
  return { project: found, parts, commands: commandsFor(found.status, parts) };
}

/** The reader may see the project but plays no side on it: refused (403) and the denial audited. */
export async function refuseOutsider(db: Db, request: FastifyRequest, projectId: string): Promise<never> {
  await recordAudit(db, {
    actor: auditActor(request.actor),
    action: 'project.act',
    object: { type: 'research_project', id: projectId },
    outcome: 'denied',
    sourceAddress: request.ip,
  });
  throw new HttpError(403, 'forbidden', 'not allowed');
}
