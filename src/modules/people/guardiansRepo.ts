import { type Keyring, maskName, maskPhone } from '../../platform/crypto/index.ts';
import { type Queryable, sql } from '../../platform/db/index.ts';
import type { GuardianDetails } from './domain/forms.ts';
import type { GuardianRelation } from './domain/vocabulary.ts';

/** A guardian as a page shows them: masked, unless revealed with the record. */
export interface GuardianView {
  readonly id: string;
  readonly name: string;
  readonly phone: string;
  readonly relation: GuardianRelation;
  readonly isProxy: boolean;
  readonly createdAt: Date;
}

interface GuardianRow {
  id: string;
  name_sealed: string;
  phone_sealed: string;
  relation: GuardianRelation;
  is_proxy: boolean;
  created_at: Date;
}

/** The person's current guardians, proxies first. */
export async function listGuardians(
  db: Queryable,
  keyring: Keyring,
  personId: string,
  options: { reveal: boolean },
): Promise<GuardianView[]> {
  const rows = await db.query<GuardianRow>(
    sql`select id, name_sealed, phone_sealed, relation, is_proxy, created_at from person_guardian
        where person_id = ${personId} and removed_at is null order by is_proxy desc, created_at, id`,
  );
  return rows.map((row) => {
    const name = keyring.open(row.name_sealed);
    const phone = keyring.open(row.phone_sealed);
    return {
      id: row.id,
      name: options.reveal ? name : maskName(name),
      phone: options.reveal ? phone : maskPhone(phone),
      relation: row.relation,
      isProxy: row.is_proxy,
      createdAt: new Date(row.created_at),
    };
  });
}

/** Proxies who may act for the person, by their masked name only (no seal is opened). */
export function listProxies(
  db: Queryable,
  personId: string,
): Promise<{ id: string; maskedName: string; relation: GuardianRelation }[]> {
  return db.query(
    sql`select id, name_masked as "maskedName", relation from person_guardian
        where person_id = ${personId} and is_proxy and removed_at is null order by created_at, id`,
  );
}

export async function insertGuardian(
  tx: Queryable,
  keyring: Keyring,
  personId: string,
  guardian: GuardianDetails,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    sql`insert into person_guardian (person_id, name_sealed, name_masked, phone_sealed, relation, is_proxy)
        values (${personId}, ${keyring.seal(guardian.name)}, ${maskName(guardian.name)},
          ${keyring.seal(guardian.phone)}, ${guardian.relation}, ${guardian.isProxy})
        returning id`,
  );
  if (!row) throw new Error('insert into person_guardian returned no row');
  return row.id;
}

/** Marks a current guardian of this person removed; false when there is none by that id. */
export async function removeGuardian(tx: Queryable, personId: string, guardianId: string): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    sql`update person_guardian set removed_at = now()
        where id = ${guardianId} and person_id = ${personId} and removed_at is null returning id`,
  );
  return rows.length === 1;
}
