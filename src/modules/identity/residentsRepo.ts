import type { Reach } from '../../platform/auth/index.ts';
import type { Keyring } from '../../platform/crypto/index.ts';
import { maskName, maskPhone, maskResidentId } from '../../platform/crypto/index.ts';
import { type Queryable, type SqlQuery, sql } from '../../platform/db/index.ts';

/** A resident account as staff see it: masked unless revealed. */
export interface ResidentView {
  readonly id: string;
  readonly displayName: string;
  readonly phone: string | null;
  readonly residentId: string | null;
  readonly districtCode: string | null;
  readonly districtNameZh: string | null;
  readonly districtNameEn: string | null;
  readonly createdAt: Date;
}

interface ResidentRow {
  id: string;
  display_name: string;
  phone_sealed: string | null;
  resident_id_sealed: string | null;
  district_code: string | null;
  name_zh: string | null;
  name_en: string | null;
  created_at: Date;
}

/** SQL condition: the resident `u` falls within the reach (their district, or themselves). */
export function residentWithinReach(r: Reach): SqlQuery {
  if (r.all) return sql`true`;
  return sql`(u.district_code = any(${r.districtCodes}::text[])
              or (${r.selfUserId}::uuid is not null and u.id = ${r.selfUserId}::uuid))`;
}

function toView(keyring: Keyring, row: ResidentRow, reveal: boolean): ResidentView {
  const phone = row.phone_sealed === null ? null : keyring.open(row.phone_sealed);
  const residentId = row.resident_id_sealed === null ? null : keyring.open(row.resident_id_sealed);
  return {
    id: row.id,
    displayName: reveal ? row.display_name : maskName(row.display_name),
    phone: phone === null ? null : reveal ? phone : maskPhone(phone),
    residentId: residentId === null ? null : reveal ? residentId : maskResidentId(residentId),
    districtCode: row.district_code,
    districtNameZh: row.name_zh,
    districtNameEn: row.name_en,
    createdAt: new Date(row.created_at),
  };
}

const columns = sql`u.id, u.display_name, u.phone_sealed, u.resident_id_sealed, u.district_code, d.name_zh, d.name_en, u.created_at`;

/**
 * Residents within reach, newest first, masked. A phone or ID number typed in
 * the search box is matched through its keyed hash: the plain value is never
 * compared or stored.
 */
export async function listResidents(
  db: Queryable,
  keyring: Keyring,
  r: Reach,
  options: { lookupHash: string | null; page: number; pageSize: number },
): Promise<{ items: ResidentView[]; total: number }> {
  const match =
    options.lookupHash === null
      ? sql`true`
      : sql`(u.phone_hash = ${options.lookupHash} or u.resident_id_hash = ${options.lookupHash})`;
  const where = sql`u.kind = 'resident' and ${residentWithinReach(r)} and ${match}`;
  const [count] = await db.query<{ total: number }>(
    sql`select count(*)::int as total from app_user u where ${where}`,
  );
  const rows = await db.query<ResidentRow>(
    sql`select ${columns} from app_user u left join district d on d.code = u.district_code
        where ${where} order by u.created_at desc, u.id
        limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}`,
  );
  return { items: rows.map((row) => toView(keyring, row, false)), total: count?.total ?? 0 };
}

export async function findResident(
  db: Queryable,
  keyring: Keyring,
  id: string,
  reveal: boolean,
): Promise<ResidentView | undefined> {
  const [row] = await db.query<ResidentRow>(
    sql`select ${columns} from app_user u left join district d on d.code = u.district_code
        where u.id = ${id} and u.kind = 'resident'`,
  );
  return row && toView(keyring, row, reveal);
}
