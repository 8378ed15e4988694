import type { Role } from '../../platform/auth/index.ts';
import { type Queryable, sql } from '../../platform/db/index.ts';

/** A staff member as other modules name and choose them (e.g. for an admission review panel). */
export interface StaffMember {
  readonly userId: string;
  readonly displayName: string;
  readonly role: Role;
  readonly organisationId: string;
  readonly organisationNameZh: string;
  readonly organisationNameEn: string;
  /** The organisation's district; null for a city-wide organisation. */
  readonly districtCode: string | null;
}

/** Enabled staff holding any of these roles, one row per user and role, by organisation then name. */
export async function staffHoldingRoles(db: Queryable, roles: readonly Role[]): Promise<StaffMember[]> {
  const rows = await db.query<{
    user_id: string;
    display_name: string;
    role: Role;
    organisation_id: string;
    name_zh: string;
    name_en: string;
    district_code: string | null;
  }>(
    sql`select u.id as user_id, u.display_name, g.role, o.id as organisation_id, o.name_zh, o.name_en, o.district_code
        from app_user u
        join role_grant g on g.user_id = u.id and g.revoked_at is null
        join organisation o on o.id = g.organisation_id
        where u.kind = 'staff' and u.disabled_at is null and g.role = any(${[...roles]}::text[])
        order by o.name_zh, u.display_name, g.role`,
  );
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    role: r.role,
    organisationId: r.organisation_id,
    organisationNameZh: r.name_zh,
    organisationNameEn: r.name_en,
    districtCode: r.district_code,
  }));
}
