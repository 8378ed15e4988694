import { appendAudit } from '../../platform/audit/index.ts';
import { type Actor, can, type SignedInActor, type Target } from '../../platform/auth/index.ts';
import type { Queryable } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import type { Problem } from './domain/fields.ts';
import { isPublicStatus, type ProjectPart, type ProjectStatus } from './domain/projectFlow.ts';

/** Who gives a command, and from where (for the audit trail). */
export interface ResearchActor {
  readonly actor: SignedInActor;
  readonly sourceAddress: string | null;
}

/** Mistakes in what was given, by form field and message key: a form shows them all, the API the first. */
export class ResearchProblem extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => `${p.field}: ${p.key}`).join(', '));
    this.name = 'ResearchProblem';
  }
}

/** Someone else changed the project or challenge since the caller read it (SECURITY.md 29). */
export class StaleRecord extends HttpError {
  constructor() {
    super(409, 'conflict', 'it was changed by someone else: reload it and try again');
  }
}

export const notFound = () => new HttpError(404, 'not_found', 'not found');

/** A project or challenge as the access policy sees it: its organisation. */
export const organisationTarget = (organisationId: string): Target => ({ organisationIds: [organisationId] });

/**
 * The sides an actor plays on a project of this organisation: its team (they
 * may propose for it) and the city (they manage the pool). One user may play both.
 */
export function partsOf(actor: SignedInActor, organisationId: string): ProjectPart[] {
  const target = organisationTarget(organisationId);
  const parts: ProjectPart[] = [];
  if (can(actor, 'project.propose', target)) parts.push('team');
  if (can(actor, 'project.manage', target)) parts.push('city');
  return parts;
}

/** Whether a reader (signed in or not) may see a project: the pool is public, the rest stays with its team and the city. */
export function maySeeProject(
  actor: Actor,
  project: { readonly status: ProjectStatus; readonly organisationId: string },
): boolean {
  if (isPublicStatus(project.status)) return true;
  const target = organisationTarget(project.organisationId);
  return can(actor, 'project.read', target) || can(actor, 'project.manage', target);
}

/** One audit row for a write, in the write's transaction. */
export const auditWrite = (
  tx: Queryable,
  by: ResearchActor,
  action: string,
  object: { type: 'research_project' | 'research_challenge'; id: string },
  detail: Record<string, string | number | boolean | null>,
) =>
  appendAudit(tx, {
    actor: {
      userId: by.actor.userId,
      label: by.actor.label,
      organisationId: by.actor.grants.find((g) => g.organisationId !== null)?.organisationId ?? null,
    },
    action,
    object,
    outcome: 'success',
    sourceAddress: by.sourceAddress,
    detail,
  });
