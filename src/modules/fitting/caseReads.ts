import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit/index.ts';
import { type Action, auditActor, authorise, reach, type SignedInActor } from '../../platform/auth/index.ts';
import type { Db, Queryable } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { type PersonFacts, personFacts, personOfUser } from '../people/index.ts';
import { type CaseScope, type FittingCase, findCase } from './caseRepo.ts';
import { caseRolesOf, caseTarget } from './caseService.ts';
import { type CaseCommand, type CaseRole, commandsFor } from './domain/caseFlow.ts';

/** The case `id` names, its person, and the parts the caller plays on it: 404 (audited) when out of reach. */
export async function authorisedCase(
  db: Db,
  request: FastifyRequest,
  actor: SignedInActor,
  id: string,
  action: Action = 'case.read',
): Promise<{ case: FittingCase; person: PersonFacts; roles: CaseRole[]; commands: CaseCommand[] }> {
  const found = await findCase(db, id);
  const person = found ? await personFacts(db, found.personId) : null;
  if (!found || !person) {
    await authorise(db, request, action, { type: 'case', id }, { districtCodes: [] });
    throw new HttpError(404, 'not_found', 'not found');
  }
  const target = caseTarget(found, person);
  await authorise(db, request, action, { type: 'case', id }, target);
  const roles = caseRolesOf(actor, target);
  const allowed = [...new Set(roles.flatMap((role) => commandsFor(found.status, role)))];
  // A withdrawn consent stops the case: withdrawing it is all that is left (the service refuses the rest too).
  const commands = person.fittingConsent ? allowed : allowed.filter((command) => command === 'withdraw');
  return { case: found, person, roles, commands };
}

/** The SQL reach of the caller's `case.read`: a resident's own record, a district, a supplier, or all. */
export async function caseScopeOf(db: Queryable, actor: SignedInActor): Promise<CaseScope> {
  const r = reach(actor, 'case.read');
  const own = r.selfUserId === null ? null : await personOfUser(db, r.selfUserId);
  return {
    all: r.all,
    districtCodes: r.districtCodes,
    organisationIds: r.organisationIds,
    personId: own?.id ?? null,
  };
}

/** A case and its person's record were read: one audit row (SECURITY.md 25). */
export function recordCaseRead(
  db: Db,
  request: FastifyRequest,
  action: 'case.read' | 'case.list',
  caseId: string | null,
  detail: Record<string, string | number | boolean | null> = {},
) {
  return recordAudit(db, {
    actor: auditActor(request.actor),
    action,
    object: caseId === null ? null : { type: 'case', id: caseId },
    outcome: 'success',
    sourceAddress: request.ip,
    detail,
  });
}
