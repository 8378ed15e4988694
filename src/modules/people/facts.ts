import { appendAudit } from '../../platform/audit/index.ts';
import type { Keyring } from '../../platform/crypto/index.ts';
import { type Db, type Queryable, type SqlQuery, sql } from '../../platform/db/index.ts';
import { systemContext } from './context.ts';
import type { Day } from './domain/dates.ts';
import type { Certificate } from './domain/person.ts';
import type { EconomicStatus } from './domain/vocabulary.ts';
import { listProxies } from './guardiansRepo.ts';
import { type CertificateColumns, certificateOf, freeAccountWithHash } from './peopleRepo.ts';

/** What other modules (fitting's eligibility rules) need to know about a person: nothing sealed. */
export interface PersonFacts {
  readonly id: string;
  readonly districtCode: string;
  readonly userId: string | null;
  readonly birthDate: Day;
  readonly sex: 'male' | 'female';
  readonly localHousehold: boolean;
  /** The number aside: it is sealed. */
  readonly certificate: Omit<Certificate, 'number'> | null;
  readonly economicStatus: EconomicStatus;
  /** Consent for the fitting purpose given and not withdrawn. */
  readonly fittingConsent: boolean;
  /** Guardians who may act for the person (user accounts are not linked; names masked). */
  readonly proxies: readonly {
    readonly id: string;
    readonly maskedName: string;
    readonly relation: string;
  }[];
}

interface FactsRow extends CertificateColumns {
  id: string;
  district_code: string;
  user_id: string | null;
  birth_date: string;
  sex: 'male' | 'female';
  local_household: boolean;
  economic_status: EconomicStatus;
  fitting_consent: boolean;
}

async function factsWhere(db: Queryable, condition: SqlQuery): Promise<PersonFacts | null> {
  const [row] = await db.query<FactsRow>(
    sql`select p.id, p.district_code, p.user_id, p.birth_date::text as birth_date, p.sex, p.local_household,
          p.certificate_generation, p.disability_category, p.disability_grade,
          p.certificate_valid_until::text as certificate_valid_until, p.grade_changed_on::text as grade_changed_on,
          p.economic_status,
          exists (select 1 from person_consent c where c.person_id = p.id and c.purpose = 'fitting'
                  and c.withdrawn_at is null) as fitting_consent
        from person p where ${condition}`,
  );
  if (!row) return null;
  return {
    id: row.id,
    districtCode: row.district_code,
    userId: row.user_id,
    birthDate: row.birth_date,
    sex: row.sex,
    localHousehold: row.local_household,
    certificate: certificateOf(row),
    economicStatus: row.economic_status,
    fittingConsent: row.fitting_consent,
    proxies: await listProxies(db, row.id),
  };
}

export function personFacts(db: Queryable, personId: string): Promise<PersonFacts | null> {
  return factsWhere(db, sql`p.id = ${personId}`);
}

const isDb = (db: Queryable): db is Db => 'transaction' in db;

/**
 * Binds a resident's account to the registry record with the same ID number,
 * when neither is bound yet: the person was registered before the resident
 * added their ID to their account. The binding and its audit row are one
 * transaction (given a bare Queryable, it is taken to be an open one).
 * Returns the bound record's id, or null when there is none to bind.
 */
export async function bindAccountToPerson(db: Queryable, userId: string): Promise<string | null> {
  const bind = async (tx: Queryable): Promise<string | null> => {
    const [row] = await tx.query<{ id: string }>(
      sql`update person p set user_id = ${userId}
          where p.user_id is null
            and p.resident_id_hash = (select u.resident_id_hash from app_user u where u.id = ${userId})
            and ${userId}::uuid = ${freeAccountWithHash(sql`p.resident_id_hash`)}
          returning p.id`,
    );
    if (!row) return null;
    await appendAudit(tx, {
      actor: systemContext.actor,
      action: 'person.bind',
      object: { type: 'person', id: row.id },
      outcome: 'success',
      sourceAddress: null,
      detail: { userId },
    });
    return row.id;
  };
  return isDb(db) ? db.transaction(bind) : bind(db);
}

/** The record bound to a resident's account, binding it first if it can be. */
export async function personOfUser(db: Queryable, userId: string): Promise<PersonFacts | null> {
  const bound = await factsWhere(db, sql`p.user_id = ${userId}`);
  if (bound !== null) return bound;
  const id = await bindAccountToPerson(db, userId);
  return id === null ? null : personFacts(db, id);
}

/** Masked display names and masked ID numbers for lists (one query for many ids). */
export async function personLabels(
  db: Queryable,
  ids: readonly string[],
): Promise<
  Map<
    string,
    { readonly maskedName: string; readonly maskedResidentId: string; readonly districtCode: string }
  >
> {
  const labels = new Map<string, { maskedName: string; maskedResidentId: string; districtCode: string }>();
  if (ids.length === 0) return labels;
  const rows = await db.query<{
    id: string;
    name_masked: string;
    resident_id_masked: string;
    district_code: string;
  }>(
    sql`select id, name_masked, resident_id_masked, district_code from person where id = any(${[...ids]}::uuid[])`,
  );
  for (const row of rows) {
    labels.set(row.id, {
      maskedName: row.name_masked,
      maskedResidentId: row.resident_id_masked,
      districtCode: row.district_code,
    });
  }
  return labels;
}

/** Full name/phone/address for a caller already authorised to reveal (the caller audits). */
export async function personContact(
  db: Queryable,
  keyring: Keyring,
  personId: string,
): Promise<{ name: string; phone: string | null; address: string | null } | null> {
  const [row] = await db.query<{
    name_sealed: string;
    phone_sealed: string | null;
    address_sealed: string | null;
  }>(sql`select name_sealed, phone_sealed, address_sealed from person where id = ${personId}`);
  if (!row) return null;
  return {
    name: keyring.open(row.name_sealed),
    phone: row.phone_sealed === null ? null : keyring.open(row.phone_sealed),
    address: row.address_sealed === null ? null : keyring.open(row.address_sealed),
  };
}
