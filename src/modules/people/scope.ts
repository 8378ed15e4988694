import type { FastifyRequest } from 'fastify';
import { type Action, authorise, can } from '../../platform/auth/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { listDistricts } from '../identity/index.ts';
import { findPersonTarget, type PersonTarget, personScope } from './peopleRepo.ts';

export const notFound = () => new HttpError(404, 'not_found', 'not found');

/** The person the route's `:id` names, if the signed-in user may do `action` to them (404 otherwise, audited). */
export async function authorisedPerson(
  db: Db,
  request: FastifyRequest,
  action: Action,
): Promise<PersonTarget> {
  const { id } = request.params as { id: string };
  const target = await findPersonTarget(db, id);
  if (target === undefined) throw notFound();
  await authorise(db, request, action, { type: 'person', id }, personScope(target));
  return target;
}

/**
 * Registering or moving a person into a district the caller does not serve is
 * refused as any object out of scope is: 404, and the refusal audited. A code
 * that names no district is left to the form's own check, which words it as
 * the field's problem.
 */
export async function refuseUnservedDistrict(
  db: Db,
  request: FastifyRequest,
  districtCode: string,
): Promise<void> {
  const target = { districtCodes: [districtCode] };
  if (can(request.actor, 'person.register', target)) return;
  const known = (await listDistricts(db)).map((d) => d.code);
  if (!known.includes(districtCode)) return;
  await authorise(db, request, 'person.register', { type: 'district', id: districtCode }, target);
}
