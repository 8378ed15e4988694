// Who is acting and what they may do: roles, the one policy (`can`) and the route guard.
export type { Access, AuthenticationOptions } from './guard.ts';
export { auditActor, authentication, authorise, signedIn, sourceAddress } from './guard.ts';
export type { Action, Actor, Grant, PendingActor, Reach, Scope, SignedInActor, Target } from './policy.ts';
export { actions, anonymous, can, mayEver, reach } from './policy.ts';
export type { Role } from './roles.ts';
export {
  isRole,
  personalDataRoles,
  roleOrganisationTypes,
  roles,
  separatedRoles,
} from './roles.ts';
