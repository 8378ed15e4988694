import type { Role } from './roles.ts';

/**
 * Everything an actor may try to do. Each module adds its verbs here, so the
 * whole authorisation policy of the platform is this one file (SECURITY.md 7).
 */
export const actions = [
  'organisation.read',
  'organisation.create',
  'organisation.update',
  'user.read',
  'user.create',
  'user.update',
  'user.disable',
  'grant.create',
  'grant.revoke',
  'token.read',
  'token.create',
  'token.revoke',
  'session.read',
  'session.end',
  'audit.read',
  // A resident's personal data: masked, then in full with a stated reason.
  'resident.read',
  'resident.reveal',
  'account.read',
  'account.update',
  // The assistive-product catalog: suppliers keep their products, the city reviews them.
  'product.read', // unpublished versions, imports and exports of a supplier's products
  'product.edit', // drafts, submission, bulk import
  'product.review', // approve or reject a submitted version
  'product.withdraw',
  'classification.update',
  'synonym.update',
  // The yearly policy catalogs and admission of products to them.
  'policy_catalog.manage', // drafts, items, notice and entry into force; admission settings
  'admission.read', // an application, its evidence and its panel's scores
  'admission.apply', // apply to admit a product to a subsidy item
  'admission.manage', // assign the panel, decide, rule on objections, conclude
  'admission.review', // sit on a panel: declare conflicts and score (only where assigned)
  // The residents' registry (people): certificate, household, economic status, guardians, consent.
  'person.read', // a person's record, masked
  'person.reveal', // a person's ID, phone and address in full, with a stated reason
  'person.register', // register a person, change their record, guardians and consent
  'consent.withdraw', // withdraw a consent one gave oneself (SECURITY.md 20); staff record it with person.register
  // The fitting-subsidy case. Which command a role may give in which status is fitting's own table.
  'case.read', // a case, its timeline and documents
  'case.apply', // open a case for a person
  'case.act', // give a command to a case (the status table says which)
  'budget.manage', // districts' yearly fitting budgets and the fitting settings
  // The needs survey: questionnaires, campaigns, responses and the need analytics.
  'survey.manage', // questionnaires and campaigns, and who works on them
  'survey.answer', // answer a campaign: for oneself, or for people of the district (proxy, paper forms)
  'survey.analytics', // a campaign's aggregate figures (never a single response)
  'need_topic.manage', // group measured needs into topics and publish them
  // The research reserve pool: enterprise challenges and projects.
  'challenge.post', // post and close an enterprise's challenges (企业出题)
  'project.propose', // propose a project and report its milestones and results
  'project.read', // a project that is not (yet) public: the proposing organisation's own
  'project.manage', // screen, review, reserve, fund, stop and complete projects
] as const;

export type Action = (typeof actions)[number];

/** How far a permission reaches from the grant that gives it. */
export type Scope = 'all' | 'district' | 'organisation' | 'self';

export interface Grant {
  readonly role: Role;
  readonly organisationId: string | null;
  /** The organisation's district (or a resident's own); null for city-wide organisations. */
  readonly districtCode: string | null;
}

export interface SignedInActor {
  readonly kind: 'user';
  readonly userId: string;
  /** How the actor appears in the audit trail: a username, never a name or number. */
  readonly label: string;
  readonly userKind: 'staff' | 'resident';
  readonly grants: readonly Grant[];
  readonly via: 'session' | 'token';
  readonly sessionId: string | null;
  readonly tokenId: string | null;
}

/** A session that has passed the password but still owes a second factor (or its enrolment). */
export interface PendingActor {
  readonly kind: 'pending';
  readonly userId: string;
  readonly label: string;
  readonly sessionId: string;
  readonly waitingFor: 'second_factor' | 'enrol_second_factor';
}

export type Actor = { readonly kind: 'anonymous' } | PendingActor | SignedInActor;

export const anonymous: Actor = Object.freeze({ kind: 'anonymous' });

/** What an action is done to, described by the scopes it falls in. */
export interface Target {
  readonly organisationIds?: readonly string[];
  readonly districtCodes?: readonly string[];
  /** The user the object belongs to (the account itself, their session, token or data). */
  readonly ownerUserId?: string | null;
}

const everyone: Partial<Record<Action, Scope>> = {
  'account.read': 'self',
  'account.update': 'self',
  'session.read': 'self',
  'session.end': 'self',
};

/**
 * Role → action → scope. Anything not listed is refused. The three
 * administrators are deliberately disjoint (SECURITY.md 5): the system
 * administrator runs organisations and accounts, the security administrator
 * grants roles and tokens, the auditor only reads the trail.
 */
export const permissions: Readonly<Record<Role, Partial<Record<Action, Scope>>>> = {
  resident: {
    'resident.read': 'self',
    'resident.reveal': 'self',
    'person.read': 'self',
    'person.reveal': 'self',
    'consent.withdraw': 'self',
    'case.read': 'self',
    'case.apply': 'self',
    'case.act': 'self',
    'survey.answer': 'self',
  },
  community_worker: {
    'resident.read': 'district',
    'resident.reveal': 'district',
    'person.read': 'district',
    'person.reveal': 'district',
    'person.register': 'district',
    'case.read': 'district',
    'case.apply': 'district',
    'case.act': 'district',
    'survey.answer': 'district',
  },
  // Panel members: 'self' reaches only the panels they were assigned to.
  // The assistive-technology service centre assesses for the whole city.
  assessor: { 'admission.review': 'self', 'person.read': 'all', 'case.read': 'all', 'case.act': 'all' },
  district_reviewer: {
    'user.read': 'district',
    'resident.read': 'district',
    'resident.reveal': 'district',
    'admission.review': 'self',
    'person.read': 'district',
    'person.reveal': 'district',
    'person.register': 'district',
    'case.read': 'district',
    'case.act': 'district',
    'survey.analytics': 'all',
  },
  city_admin: {
    'organisation.read': 'all',
    'user.read': 'all',
    'resident.read': 'all',
    'resident.reveal': 'all',
    'product.read': 'all',
    'product.review': 'all',
    'product.withdraw': 'all',
    'classification.update': 'all',
    'synonym.update': 'all',
    'policy_catalog.manage': 'all',
    'admission.read': 'all',
    'admission.apply': 'all',
    'admission.manage': 'all',
    'person.read': 'all',
    'person.reveal': 'all',
    'person.register': 'all',
    'case.read': 'all',
    'case.act': 'all',
    'budget.manage': 'all',
    'survey.manage': 'all',
    'survey.analytics': 'all',
    'need_topic.manage': 'all',
    'challenge.post': 'all',
    'project.read': 'all',
    'project.manage': 'all',
  },
  // A supplier reaches the cases whose prescribed product is theirs.
  supplier_staff: {
    'product.read': 'organisation',
    'product.edit': 'organisation',
    'product.withdraw': 'organisation',
    'admission.read': 'organisation',
    'admission.apply': 'organisation',
    'case.read': 'organisation',
    'case.act': 'organisation',
    // R&D enterprises post challenges and propose projects of their own.
    'challenge.post': 'organisation',
    'project.propose': 'organisation',
    'project.read': 'organisation',
  },
  department_officer: { 'admission.review': 'self', 'survey.analytics': 'all' },
  researcher: {
    'admission.review': 'self',
    'survey.analytics': 'all',
    'project.propose': 'organisation',
    'project.read': 'organisation',
  },
  volunteer: {},
  auditor: { 'audit.read': 'all' },
  security_admin: {
    'organisation.read': 'all',
    'user.read': 'all',
    'user.disable': 'all',
    'grant.create': 'all',
    'grant.revoke': 'all',
    'token.read': 'all',
    'token.create': 'all',
    'token.revoke': 'all',
    'session.read': 'all',
    'session.end': 'all',
  },
  system_admin: {
    'organisation.read': 'all',
    'organisation.create': 'all',
    'organisation.update': 'all',
    'user.read': 'all',
    'user.create': 'all',
    'user.update': 'all',
    'user.disable': 'all',
  },
};

/** Nobody grants themselves a role, mints their own token or disables their own account. */
const neverOnSelf: ReadonlySet<Action> = new Set([
  'grant.create',
  'grant.revoke',
  'token.create',
  'token.revoke',
  'user.disable',
]);

/**
 * The part of the world an actor reaches with one action: lists and counts
 * are filtered by it in SQL, and `can` checks single objects against it, so
 * a list never shows what a direct request would refuse.
 */
export interface Reach {
  readonly all: boolean;
  readonly districtCodes: readonly string[];
  readonly organisationIds: readonly string[];
  readonly selfUserId: string | null;
  /** Objects owned by this user are excluded even when a wider scope covers them. */
  readonly excludeUserId: string | null;
}

const nowhere: Reach = {
  all: false,
  districtCodes: [],
  organisationIds: [],
  selfUserId: null,
  excludeUserId: null,
};

export function reach(actor: Actor, action: Action): Reach {
  if (actor.kind !== 'user') return nowhere;
  let all = false;
  const districtCodes = new Set<string>();
  const organisationIds = new Set<string>();
  let self = everyone[action] === 'self';
  for (const grant of actor.grants) {
    const scope = permissions[grant.role][action];
    if (scope === 'all') all = true;
    else if (scope === 'district' && grant.districtCode !== null) districtCodes.add(grant.districtCode);
    else if (scope === 'organisation' && grant.organisationId !== null)
      organisationIds.add(grant.organisationId);
    else if (scope === 'self') self = true;
  }
  const excluded = neverOnSelf.has(action);
  return {
    all,
    districtCodes: [...districtCodes],
    organisationIds: [...organisationIds],
    selfUserId: self && !excluded ? actor.userId : null,
    excludeUserId: excluded ? actor.userId : null,
  };
}

/** Whether the actor may do this action to anything at all (the route-level check). */
export function mayEver(actor: Actor, action: Action): boolean {
  const r = reach(actor, action);
  return r.all || r.districtCodes.length > 0 || r.organisationIds.length > 0 || r.selfUserId !== null;
}

/** Whether a target falls within a reach. */
export function within(r: Reach, target: Target): boolean {
  const owner = target.ownerUserId ?? null;
  if (r.excludeUserId !== null && owner === r.excludeUserId) return false;
  if (r.all) return true;
  if (r.selfUserId !== null && owner === r.selfUserId) return true;
  if (target.districtCodes?.some((code) => r.districtCodes.includes(code))) return true;
  return target.organisationIds?.some((id) => r.organisationIds.includes(id)) ?? false;
}

/** The one authorisation question: may this actor do this action to this object? */
export function can(actor: Actor, action: Action, target: Target): boolean {
  return within(reach(actor, action), target);
}
