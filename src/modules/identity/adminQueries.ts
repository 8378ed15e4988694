import type { Reach, Role, Target } from '../../platform/auth/index.ts';
import { type Queryable, type SqlQuery, sql } from '../../platform/db/index.ts';
import type { OrganisationType } from './repo.ts';
import { sessionMaxHours } from './sessionsRepo.ts';
import { type UserScopeRow, userScopeColumns, userTargetOf, userWithinReach } from './usersRepo.ts';

/**
 * Read-side SQL for the administration pages. Every list is filtered in SQL
 * by the actor's reach, so a list or a count never shows what opening the
 * objects one by one would refuse (SECURITY.md 7).
 */

/** `%` and `_` typed in a search box are letters, not wildcards. */
const likePrefix = (text: string): string => `${text.replace(/[\\%_]/g, '\\$&')}%`;

export interface UserFilter {
  /** The start of a username, lower case. */
  readonly usernamePrefix?: string | undefined;
  readonly kind?: 'staff' | 'resident' | undefined;
  readonly status?: 'active' | 'disabled' | undefined;
}

export interface UserListRow {
  readonly id: string;
  readonly username: string | null;
  readonly displayName: string;
  readonly kind: 'staff' | 'resident';
  readonly disabled: boolean;
  /** Live roles, oldest grant first. */
  readonly roles: readonly Role[];
}

function userConditions(reach: Reach, filter: UserFilter): SqlQuery {
  const prefix = filter.usernamePrefix ? likePrefix(filter.usernamePrefix) : null;
  return sql`${userWithinReach(reach)}
    and (${prefix}::text is null or u.username like ${prefix}::text)
    and (${filter.kind ?? null}::text is null or u.kind = ${filter.kind ?? null}::text)
    and (${filter.status ?? null}::text is null
         or (${filter.status ?? null}::text = 'disabled') = (u.disabled_at is not null))`;
}

/** One page of the users within reach that match the filter, and how many match in all. */
export async function listUsers(
  db: Queryable,
  reach: Reach,
  filter: UserFilter,
  page: { readonly offset: number; readonly limit: number },
): Promise<{ rows: UserListRow[]; total: number }> {
  const where = userConditions(reach, filter);
  const [count] = await db.query<{ total: number | string }>(
    sql`select count(*) as total from app_user u where ${where}`,
  );
  const rows = await db.query<{
    id: string;
    username: string | null;
    display_name: string;
    kind: 'staff' | 'resident';
    disabled_at: Date | null;
    roles: Role[] | null;
  }>(
    sql`select u.id, u.username, u.display_name, u.kind, u.disabled_at,
          array(select g.role from role_grant g where g.user_id = u.id and g.revoked_at is null
                order by g.granted_at) as roles
        from app_user u where ${where}
        order by u.kind desc, u.username nulls last, u.created_at, u.id
        limit ${page.limit} offset ${page.offset}`,
  );
  return {
    total: Number(count?.total ?? 0),
    rows: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      kind: r.kind,
      disabled: r.disabled_at !== null,
      roles: r.roles ?? [],
    })),
  };
}

export interface UserSummary {
  readonly id: string;
  readonly username: string | null;
  readonly displayName: string;
  readonly kind: 'staff' | 'resident';
  readonly disabled: boolean;
  readonly createdAt: Date;
  /** Sessions that would still let someone in (the same rule as `findLiveSession`). */
  readonly liveSessions: number;
}

/** A user as the administration page shows them: never a phone or an ID number. */
export async function findUserSummary(db: Queryable, id: string): Promise<UserSummary | undefined> {
  const [row] = await db.query<{
    id: string;
    username: string | null;
    display_name: string;
    kind: 'staff' | 'resident';
    disabled_at: Date | null;
    created_at: Date;
    live_sessions: number | string;
  }>(
    sql`select u.id, u.username, u.display_name, u.kind, u.disabled_at, u.created_at,
          (select count(*) from user_session s
            where s.user_id = u.id and s.ended_at is null and s.expires_at > now()
              and s.created_at > now() - make_interval(hours => ${sessionMaxHours})) as live_sessions
        from app_user u where u.id = ${id}`,
  );
  if (!row) return undefined;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    kind: row.kind,
    disabled: row.disabled_at !== null,
    createdAt: new Date(row.created_at),
    liveSessions: Number(row.live_sessions),
  };
}

export interface LiveGrant {
  readonly id: string;
  readonly role: Role;
  readonly organisationId: string | null;
  readonly organisationNameZh: string | null;
  readonly organisationNameEn: string | null;
  readonly grantedAt: Date;
}

export async function liveGrants(db: Queryable, userId: string): Promise<LiveGrant[]> {
  const rows = await db.query<{
    id: string;
    role: Role;
    organisation_id: string | null;
    name_zh: string | null;
    name_en: string | null;
    granted_at: Date;
  }>(
    sql`select g.id, g.role, g.organisation_id, o.name_zh, o.name_en, g.granted_at
        from role_grant g left join organisation o on o.id = g.organisation_id
        where g.user_id = ${userId} and g.revoked_at is null
        order by g.granted_at, g.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    organisationId: r.organisation_id,
    organisationNameZh: r.name_zh,
    organisationNameEn: r.name_en,
    grantedAt: new Date(r.granted_at),
  }));
}

/** A grant, live or not: whose it is decides who may revoke it. */
export async function findGrant(
  db: Queryable,
  grantId: string,
): Promise<{ id: string; userId: string; revoked: boolean } | undefined> {
  const [row] = await db.query<{ id: string; user_id: string; revoked_at: Date | null }>(
    sql`select id, user_id, revoked_at from role_grant where id = ${grantId}`,
  );
  return row && { id: row.id, userId: row.user_id, revoked: row.revoked_at !== null };
}

export interface OrganisationRow {
  readonly id: string;
  readonly type: OrganisationType;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly shortNameZh: string | null;
  readonly districtCode: string | null;
  readonly districtNameZh: string | null;
  readonly districtNameEn: string | null;
}

/** Organisations within reach (an organisation is where it is, and in its district). */
export function listOrganisationsWithin(
  db: Queryable,
  reach: Reach,
  filter: { readonly type?: OrganisationType | undefined; readonly districtCode?: string | undefined },
): Promise<OrganisationRow[]> {
  const type = filter.type ?? null;
  const district = filter.districtCode ?? null;
  return db.query<OrganisationRow>(
    sql`select o.id, o.type, o.name_zh as "nameZh", o.name_en as "nameEn", o.short_name_zh as "shortNameZh",
          o.district_code as "districtCode", d.name_zh as "districtNameZh", d.name_en as "districtNameEn"
        from organisation o left join district d on d.code = o.district_code
        where (${reach.all}::boolean or o.id = any(${reach.organisationIds}::uuid[])
               or o.district_code = any(${reach.districtCodes}::text[]))
          and (${type}::text is null or o.type = ${type}::text)
          and (${district}::text is null or o.district_code = ${district}::text)
        order by o.type, o.district_code nulls first, o.name_zh`,
  );
}

/** One organisation, wherever it is: the caller checks it against the actor's reach. */
export async function findOrganisation(db: Queryable, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.query<OrganisationRow>(
    sql`select o.id, o.type, o.name_zh as "nameZh", o.name_en as "nameEn", o.short_name_zh as "shortNameZh",
          o.district_code as "districtCode", d.name_zh as "districtNameZh", d.name_en as "districtNameEn"
        from organisation o left join district d on d.code = o.district_code
        where o.id = ${id}`,
  );
  return row;
}

/** Where an organisation stands for the policy: itself, and its district if it has one. */
export const organisationTarget = (o: { id: string; districtCode: string | null }): Target => ({
  organisationIds: [o.id],
  districtCodes: o.districtCode === null ? [] : [o.districtCode],
});

export interface TokenRow {
  readonly id: string;
  readonly userId: string;
  readonly username: string | null;
  readonly label: string;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  /** The owner's scope, to check each row's revoke button with `can`. */
  readonly owner: Target;
}

/** The latest 500 tokens of users within reach, newest first. */
export async function listTokensWithin(db: Queryable, reach: Reach): Promise<TokenRow[]> {
  const rows = await db.query<
    {
      id: string;
      user_id: string;
      username: string | null;
      label: string;
      created_at: Date;
      expires_at: Date | null;
      revoked_at: Date | null;
      last_used_at: Date | null;
    } & UserScopeRow
  >(
    sql`select t.id, t.user_id, u.username, t.label, t.created_at, t.expires_at, t.revoked_at, t.last_used_at,
          ${userScopeColumns}
        from api_token t join app_user u on u.id = t.user_id
        where ${userWithinReach(reach)}
        order by t.created_at desc, t.id limit 500`,
  );
  const date = (d: Date | null) => (d === null ? null : new Date(d));
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    username: r.username,
    label: r.label,
    createdAt: new Date(r.created_at),
    expiresAt: date(r.expires_at),
    revokedAt: date(r.revoked_at),
    lastUsedAt: date(r.last_used_at),
    owner: userTargetOf(r.user_id, r),
  }));
}
