import type { Grant, Reach, Role, Target } from '../../platform/auth/index.ts';
import { type Queryable, type SqlQuery, sql } from '../../platform/db/index.ts';

export interface SignInAccount {
  readonly id: string;
  readonly username: string | null;
  readonly kind: 'staff' | 'resident';
  readonly passwordHash: string | null;
  readonly passwordChangedAt: Date | null;
  readonly totpEnabled: boolean;
  readonly disabled: boolean;
}

interface SignInRow {
  id: string;
  username: string | null;
  kind: 'staff' | 'resident';
  password_hash: string | null;
  password_changed_at: Date | null;
  totp_enabled: boolean;
  disabled_at: Date | null;
}

const toAccount = (r: SignInRow): SignInAccount => ({
  id: r.id,
  username: r.username,
  kind: r.kind,
  passwordHash: r.password_hash,
  passwordChangedAt: r.password_changed_at === null ? null : new Date(r.password_changed_at),
  totpEnabled: r.totp_enabled,
  disabled: r.disabled_at !== null,
});

const accountColumns = sql`id, username, kind, password_hash, password_changed_at, totp_enabled, disabled_at`;

export async function findAccountByUsername(
  db: Queryable,
  username: string,
): Promise<SignInAccount | undefined> {
  const [row] = await db.query<SignInRow>(
    sql`select ${accountColumns} from app_user where username = ${username}`,
  );
  return row && toAccount(row);
}

export async function findAccountById(db: Queryable, id: string): Promise<SignInAccount | undefined> {
  const [row] = await db.query<SignInRow>(sql`select ${accountColumns} from app_user where id = ${id}`);
  return row && toAccount(row);
}

export async function findAccountByPhoneHash(
  db: Queryable,
  phoneHash: string,
): Promise<SignInAccount | undefined> {
  const [row] = await db.query<SignInRow>(
    sql`select ${accountColumns} from app_user where phone_hash = ${phoneHash}`,
  );
  return row && toAccount(row);
}

/** The live grants of a user, each with the district its organisation (or the resident) belongs to. */
export async function loadGrants(db: Queryable, userId: string): Promise<Grant[]> {
  const rows = await db.query<{ role: Role; organisation_id: string | null; district_code: string | null }>(
    sql`select g.role, g.organisation_id, coalesce(o.district_code, u.district_code) as district_code
        from role_grant g
        join app_user u on u.id = g.user_id
        left join organisation o on o.id = g.organisation_id
        where g.user_id = ${userId} and g.revoked_at is null
        order by g.granted_at`,
  );
  return rows.map((r) => ({
    role: r.role,
    organisationId: r.organisation_id,
    districtCode: r.district_code,
  }));
}

/**
 * SQL condition: the user `u` falls within the reach. Used by every list, so
 * a list never shows a user that `can` would refuse one by one.
 */
export function userWithinReach(r: Reach): SqlQuery {
  if (r.all) return sql`${r.excludeUserId === null ? sql`true` : sql`u.id <> ${r.excludeUserId}`}`;
  return sql`(
    (${r.selfUserId}::uuid is not null and u.id = ${r.selfUserId}::uuid)
    or u.district_code = any(${r.districtCodes}::text[])
    or exists (select 1 from role_grant g left join organisation o on o.id = g.organisation_id
               where g.user_id = u.id and g.revoked_at is null
                 and (o.district_code = any(${r.districtCodes}::text[]) or g.organisation_id = any(${r.organisationIds}::uuid[])))
  ) and (${r.excludeUserId}::uuid is null or u.id <> ${r.excludeUserId}::uuid)`;
}

/** The scope columns of the user `u`, so a list row can be checked with `can` like a single object. */
export const userScopeColumns = sql`
  array(select g.organisation_id from role_grant g
        where g.user_id = u.id and g.revoked_at is null and g.organisation_id is not null) as scope_organisations,
  array(select o.district_code from role_grant g join organisation o on o.id = g.organisation_id
        where g.user_id = u.id and g.revoked_at is null and o.district_code is not null) as scope_districts,
  u.district_code as own_district`;

export interface UserScopeRow {
  scope_organisations: string[] | null;
  scope_districts: string[] | null;
  own_district: string | null;
}

/**
 * Where a user stands for scope checks: the organisations and districts of
 * their live grants, and for residents their own district.
 */
export function userTargetOf(userId: string, row: UserScopeRow): Target {
  const districts = new Set(row.scope_districts ?? []);
  if (row.own_district !== null) districts.add(row.own_district);
  return {
    organisationIds: row.scope_organisations ?? [],
    districtCodes: [...districts],
    ownerUserId: userId,
  };
}

/** One user as the object of an action; undefined when there is no such user. */
export async function findUserTarget(db: Queryable, userId: string): Promise<Target | undefined> {
  const [row] = await db.query<UserScopeRow>(
    sql`select ${userScopeColumns} from app_user u where u.id = ${userId}`,
  );
  return row && userTargetOf(userId, row);
}
