import { appendAudit } from '../../platform/audit/index.ts';
import {
  auditActor,
  isRole,
  type Role,
  roleOrganisationTypes,
  type SignedInActor,
  separatedRoles,
} from '../../platform/auth/index.ts';
import { checkPassword, hashPassword } from '../../platform/crypto/index.ts';
import { type Db, type Queryable, sql } from '../../platform/db/index.ts';
import type { OrganisationType } from './repo.ts';
import { endAllSessions } from './sessionsRepo.ts';
import type { SignInDeps } from './signIn.ts';
import { createToken, revokeToken } from './tokensRepo.ts';

/** A rule of the domain said no: shown to the user next to the field it names. */
export class AdminRuleError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'AdminRuleError';
  }
}

const audit = (
  tx: Queryable,
  actor: SignedInActor,
  address: string,
  action: string,
  object: { type: string; id: string },
  detail?: Record<string, string | number | boolean | null>,
) =>
  appendAudit(tx, {
    actor: auditActor(actor),
    action,
    object,
    outcome: 'success',
    sourceAddress: address,
    detail,
  });

export interface StaffUserInput {
  readonly username: string;
  readonly displayName: string;
  readonly initialPassword: string;
}

/**
 * A new staff account. Its password is the administrator's choice, so the
 * user must choose their own at first sign-in (password_changed_at stays empty).
 */
export async function createStaffUser(
  deps: SignInDeps,
  actor: SignedInActor,
  address: string,
  input: StaffUserInput,
): Promise<string> {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username)) throw new AdminRuleError('username', 'usernameFormat');
  const problem = checkPassword(input.initialPassword, {
    minLength: 10,
    requireComplexity: deps.config.staffPasswordComplexity,
    related: [username],
  });
  if (problem !== null) throw new AdminRuleError('initialPassword', `password_${problem}`);
  const hash = await hashPassword(input.initialPassword);
  return deps.db.transaction(async (tx) => {
    const [taken] = await tx.query(sql`select 1 from app_user where username = ${username}`);
    if (taken) throw new AdminRuleError('username', 'usernameTaken');
    const [row] = await tx.query<{ id: string }>(
      sql`insert into app_user (kind, username, display_name, password_hash)
          values ('staff', ${username}, ${input.displayName.trim()}, ${hash}) returning id`,
    );
    const id = (row as { id: string }).id;
    await audit(tx, actor, address, 'user.create', { type: 'user', id }, { kind: 'staff' });
    return id;
  });
}

/** Disabling ends every session at once; tokens stop working because their owner is disabled. */
export async function setUserDisabled(
  deps: SignInDeps,
  actor: SignedInActor,
  address: string,
  userId: string,
  disabled: boolean,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.query(
      disabled
        ? sql`update app_user set disabled_at = now() where id = ${userId} and disabled_at is null`
        : sql`update app_user set disabled_at = null where id = ${userId}`,
    );
    const ended = disabled ? await endAllSessions(tx, userId, 'account_disabled') : 0;
    await audit(
      tx,
      actor,
      address,
      disabled ? 'user.disable' : 'user.enable',
      { type: 'user', id: userId },
      {
        sessionsEnded: ended,
      },
    );
  });
}

/**
 * Gives a user a role in an organisation. The organisation's type must suit
 * the role, and the three administrator roles never meet in one person
 * (SECURITY.md 5).
 */
export async function grantRole(
  deps: SignInDeps,
  actor: SignedInActor,
  address: string,
  input: { userId: string; role: string; organisationId: string },
): Promise<string> {
  if (!isRole(input.role) || input.role === 'resident') throw new AdminRuleError('role', 'roleUnknown');
  const role: Role = input.role;
  return deps.db.transaction(async (tx) => {
    const [user] = await tx.query<{ kind: string }>(
      sql`select kind from app_user where id = ${input.userId}`,
    );
    if (user?.kind !== 'staff') throw new AdminRuleError('role', 'notStaff');
    const [organisation] = await tx.query<{ type: OrganisationType }>(
      sql`select type from organisation where id = ${input.organisationId}`,
    );
    if (!organisation) throw new AdminRuleError('organisationId', 'organisationUnknown');
    if (!roleOrganisationTypes[role].includes(organisation.type)) {
      throw new AdminRuleError('organisationId', 'roleNotInOrganisationType');
    }
    const held = await tx.query<{ role: Role }>(
      sql`select role from role_grant where user_id = ${input.userId} and revoked_at is null`,
    );
    if (separatedRoles.has(role) && held.some((g) => separatedRoles.has(g.role) && g.role !== role)) {
      throw new AdminRuleError('role', 'separationOfDuties');
    }
    const [existing] = await tx.query(
      sql`select 1 from role_grant where user_id = ${input.userId} and role = ${role}
          and organisation_id = ${input.organisationId} and revoked_at is null`,
    );
    if (existing) throw new AdminRuleError('role', 'alreadyGranted');
    const [row] = await tx.query<{ id: string }>(
      sql`insert into role_grant (user_id, role, organisation_id, granted_by)
          values (${input.userId}, ${role}, ${input.organisationId}, ${actor.userId}) returning id`,
    );
    const id = (row as { id: string }).id;
    await audit(
      tx,
      actor,
      address,
      'grant.create',
      { type: 'role_grant', id },
      {
        userId: input.userId,
        role,
        organisationId: input.organisationId,
      },
    );
    return id;
  });
}

/** Revoking takes effect on the user's next request: grants are read on every request. */
export async function revokeGrant(deps: SignInDeps, actor: SignedInActor, address: string, grantId: string) {
  await deps.db.transaction(async (tx) => {
    const rows = await tx.query<{ user_id: string; role: string }>(
      sql`update role_grant set revoked_at = now(), revoked_by = ${actor.userId}
          where id = ${grantId} and revoked_at is null returning user_id, role`,
    );
    const revoked = rows[0];
    if (!revoked) throw new AdminRuleError('grant', 'alreadyRevoked');
    await audit(
      tx,
      actor,
      address,
      'grant.revoke',
      { type: 'role_grant', id: grantId },
      {
        userId: revoked.user_id,
        role: revoked.role,
      },
    );
  });
}

export async function createOrganisation(
  deps: SignInDeps,
  actor: SignedInActor,
  address: string,
  input: {
    type: OrganisationType;
    nameZh: string;
    nameEn: string;
    shortNameZh: string | null;
    districtCode: string | null;
  },
): Promise<string> {
  if ((input.type === 'district_federation' || input.type === 'community') && input.districtCode === null) {
    throw new AdminRuleError('districtCode', 'districtRequired');
  }
  return deps.db.transaction(async (tx) => {
    const [taken] = await tx.query(sql`select 1 from organisation where name_zh = ${input.nameZh}`);
    if (taken) throw new AdminRuleError('nameZh', 'nameTaken');
    const [row] = await tx.query<{ id: string }>(
      sql`insert into organisation (type, name_zh, name_en, short_name_zh, district_code)
          values (${input.type}, ${input.nameZh}, ${input.nameEn}, ${input.shortNameZh}, ${input.districtCode})
          returning id`,
    );
    const id = (row as { id: string }).id;
    await audit(
      tx,
      actor,
      address,
      'organisation.create',
      { type: 'organisation', id },
      { type: input.type },
    );
    return id;
  });
}

/** The organisation fields an administrator may change; the names are as the audit trail lists them. */
export interface OrganisationChanges {
  readonly nameZh: string;
  readonly nameEn: string;
  readonly shortNameZh: string | null;
  readonly districtCode: string | null;
}

/**
 * Changes an organisation's names and district, and returns the fields that
 * changed (none: nothing is written or audited). The type is deliberately not
 * among them: it decides which roles the organisation's members may hold
 * (`roleOrganisationTypes`), so changing it would silently change what
 * everyone already granted a role there may do. A wrong type is put right by
 * creating the organisation anew and granting the roles there.
 *
 * Moving an organisation to another district moves the reach of its
 * district-bound roles with it, from their holders' next request.
 */
export async function updateOrganisation(
  deps: SignInDeps,
  actor: SignedInActor,
  address: string,
  id: string,
  input: OrganisationChanges,
): Promise<string[]> {
  return deps.db.transaction(async (tx) => {
    // Locked, so two administrators saving at once cannot each audit a change the other overwrote.
    const [current] = await tx.query<{
      type: OrganisationType;
      name_zh: string;
      name_en: string;
      short_name_zh: string | null;
      district_code: string | null;
    }>(
      sql`select type, name_zh, name_en, short_name_zh, district_code from organisation
          where id = ${id} for update`,
    );
    if (!current) throw new AdminRuleError('organisation', 'organisationUnknown');
    if (
      (current.type === 'district_federation' || current.type === 'community') &&
      input.districtCode === null
    ) {
      throw new AdminRuleError('districtCode', 'districtRequired');
    }
    const [taken] = await tx.query(
      sql`select 1 from organisation where name_zh = ${input.nameZh} and id <> ${id}`,
    );
    if (taken) throw new AdminRuleError('nameZh', 'nameTaken');
    // Column names, not values: the trail says what was changed, the table says what it is now.
    const changed = [
      current.name_zh !== input.nameZh && 'name_zh',
      current.name_en !== input.nameEn && 'name_en',
      current.short_name_zh !== input.shortNameZh && 'short_name_zh',
      current.district_code !== input.districtCode && 'district_code',
    ].filter((field): field is string => field !== false);
    if (changed.length === 0) return changed;
    await tx.query(
      sql`update organisation set name_zh = ${input.nameZh}, name_en = ${input.nameEn},
            short_name_zh = ${input.shortNameZh}, district_code = ${input.districtCode}
          where id = ${id}`,
    );
    await audit(
      tx,
      actor,
      address,
      'organisation.update',
      { type: 'organisation', id },
      {
        fields: changed.join(','),
      },
    );
    return changed;
  });
}

/**
 * A staff account's display name (how the account is recognised, often its
 * post). Residents' names are their real names, shown masked to staff, and
 * are put right through the resident's own correction request instead.
 * Returns whether anything changed; an unchanged name writes nothing.
 */
export async function renameUser(
  deps: SignInDeps,
  actor: SignedInActor,
  address: string,
  userId: string,
  displayName: string,
): Promise<boolean> {
  const name = displayName.trim();
  if (name === '' || name.length > 100) throw new AdminRuleError('displayName', 'displayNameLength');
  return deps.db.transaction(async (tx) => {
    const [user] = await tx.query<{ kind: string; display_name: string }>(
      sql`select kind, display_name from app_user where id = ${userId} for update`,
    );
    if (user?.kind !== 'staff') throw new AdminRuleError('displayName', 'renameNotStaff');
    if (user.display_name === name) return false;
    await tx.query(sql`update app_user set display_name = ${name} where id = ${userId}`);
    await audit(tx, actor, address, 'user.update', { type: 'user', id: userId }, { field: 'display_name' });
    return true;
  });
}

/**
 * A token for a script or a department's system: acts as its user with that
 * user's scope. The token itself is returned once and never stored.
 */
export async function issueToken(
  db: Db,
  actor: SignedInActor | null,
  address: string | null,
  input: { userId: string; label: string; ttlHours: number | null },
): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  return db.transaction(async (tx) => {
    const created = await createToken(tx, { ...input, createdBy: actor?.userId ?? null });
    await appendAudit(tx, {
      actor: actor
        ? auditActor(actor)
        : { userId: null, label: 'system (fuju token create)', organisationId: null },
      action: 'token.create',
      object: { type: 'api_token', id: created.id },
      outcome: 'success',
      sourceAddress: address,
      detail: { userId: input.userId, ttlHours: input.ttlHours },
    });
    return created;
  });
}

export async function withdrawToken(
  deps: SignInDeps,
  actor: SignedInActor,
  address: string,
  tokenId: string,
) {
  await deps.db.transaction(async (tx) => {
    if (!(await revokeToken(tx, tokenId))) throw new AdminRuleError('token', 'alreadyRevoked');
    await audit(tx, actor, address, 'token.revoke', { type: 'api_token', id: tokenId });
  });
}
