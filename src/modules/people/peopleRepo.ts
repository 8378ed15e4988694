import type { Reach } from '../../platform/auth/index.ts';
import {
  type Keyring,
  maskAddress,
  maskName,
  maskPhone,
  maskResidentId,
} from '../../platform/crypto/index.ts';
import { type Queryable, type SqlQuery, sql } from '../../platform/db/index.ts';
import type { DisabilityCategory, DisabilityGrade } from '../../platform/ids/index.ts';
import { ageOn, beijingDay, type Day } from './domain/dates.ts';
import type { Certificate, PersonDetails, SavedSealedValues } from './domain/person.ts';
import type { CertificateGeneration, EconomicStatus, EconomicStatusSource } from './domain/vocabulary.ts';

/** The kind of keyed hash a resident ID is looked up by: identity's accounts use the same. */
export const residentIdHashKind = 'resident-id';
export const phoneHashKind = 'phone';

/** What scope is decided on, read without opening any seal. */
export interface PersonTarget {
  readonly id: string;
  readonly districtCode: string;
  readonly userId: string | null;
}

/** The scope an action on a person falls in (`authorise` and `can`). */
export const personScope = (person: { districtCode: string; userId: string | null }) => ({
  districtCodes: [person.districtCode],
  ownerUserId: person.userId,
});

/** What every view of a person holds: who they are (masked, unless revealed), where they are served, how they live. */
interface PersonBasics {
  readonly id: string;
  readonly name: string;
  readonly residentId: string;
  readonly sex: 'male' | 'female';
  readonly age: number;
  readonly districtCode: string;
  readonly districtNameZh: string;
  readonly districtNameEn: string;
  readonly street: string;
  readonly community: string;
  readonly localHousehold: boolean;
  readonly economicStatus: EconomicStatus;
}

/** A person as a page or the API shows them: masked, unless `revealed`. */
export interface PersonView extends PersonBasics {
  readonly revealed: boolean;
  readonly phone: string | null;
  readonly address: string | null;
  /** Only when revealed: the masked ID hides it, so the masked view gives the age instead. */
  readonly birthDate: Day | null;
  /** The certificate's number is masked, unless revealed. */
  readonly certificate: Certificate | null;
  readonly economicStatusSource: EconomicStatusSource | null;
  readonly economicStatusAsOf: Day | null;
  readonly userId: string | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A certificate's columns in the clear, dates as text. */
export interface CertificateColumns {
  certificate_generation: number | null;
  disability_category: DisabilityCategory | null;
  disability_grade: number | null;
  certificate_valid_until: string | null;
  grade_changed_on: string | null;
}

/** The certificate a row holds, its sealed number aside; null when the person holds none. */
export const certificateOf = (row: CertificateColumns): Omit<Certificate, 'number'> | null =>
  row.certificate_generation === null || row.disability_category === null
    ? null
    : {
        generation: row.certificate_generation as CertificateGeneration,
        category: row.disability_category,
        grade: row.disability_grade as DisabilityGrade,
        validUntil: row.certificate_valid_until,
        gradeChangedOn: row.grade_changed_on,
      };

interface PersonRow extends CertificateColumns {
  id: string;
  resident_id_sealed: string;
  name_sealed: string;
  name_masked: string;
  phone_sealed: string | null;
  address_sealed: string | null;
  certificate_sealed: string | null;
  sex: 'male' | 'female';
  birth_date: string;
  district_code: string;
  name_zh: string;
  name_en: string;
  street: string;
  community: string;
  local_household: boolean;
  economic_status: EconomicStatus;
  economic_status_source: EconomicStatusSource | null;
  economic_status_as_of: string | null;
  user_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

// Dates as text: a `date` read into a JS Date would shift by the server's time zone.
const personColumns = sql`p.id, p.resident_id_sealed, p.name_sealed, p.name_masked, p.phone_sealed, p.address_sealed,
  p.certificate_sealed, p.sex, p.birth_date::text as birth_date, p.district_code, d.name_zh, d.name_en,
  p.street, p.community, p.local_household, p.certificate_generation, p.disability_category,
  p.disability_grade, p.certificate_valid_until::text as certificate_valid_until,
  p.grade_changed_on::text as grade_changed_on, p.economic_status, p.economic_status_source,
  p.economic_status_as_of::text as economic_status_as_of, p.user_id, p.version, p.created_at, p.updated_at`;

/** Where a row's person is served, their household and economic status: the same in every view. */
const circumstancesOf = (row: PersonRow) => ({
  districtCode: row.district_code,
  districtNameZh: row.name_zh,
  districtNameEn: row.name_en,
  street: row.street,
  community: row.community,
  localHousehold: row.local_household,
  economicStatus: row.economic_status,
});

function toView(keyring: Keyring, row: PersonRow, reveal: boolean, now: Date): PersonView {
  const open = (sealed: string | null, mask: (value: string) => string) => {
    if (sealed === null) return null;
    const value = keyring.open(sealed);
    return reveal ? value : mask(value);
  };
  const certificate = certificateOf(row);
  return {
    id: row.id,
    revealed: reveal,
    name: open(row.name_sealed, maskName) as string,
    residentId: open(row.resident_id_sealed, maskResidentId) as string,
    phone: open(row.phone_sealed, maskPhone),
    address: open(row.address_sealed, maskAddress),
    sex: row.sex,
    birthDate: reveal ? row.birth_date : null,
    age: ageOn(row.birth_date, beijingDay(now)),
    ...circumstancesOf(row),
    certificate: certificate && { ...certificate, number: open(row.certificate_sealed, maskResidentId) },
    economicStatusSource: row.economic_status_source,
    economicStatusAsOf: row.economic_status_as_of,
    userId: row.user_id,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

async function personRow(db: Queryable, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.query<PersonRow>(
    sql`select ${personColumns} from person p join district d on d.code = p.district_code where p.id = ${id}`,
  );
  return row;
}

async function targetWhere(db: Queryable, condition: SqlQuery): Promise<PersonTarget | undefined> {
  const [row] = await db.query<{ id: string; district_code: string; user_id: string | null }>(
    sql`select id, district_code, user_id from person where ${condition}`,
  );
  return row && { id: row.id, districtCode: row.district_code, userId: row.user_id };
}

export const findPersonTarget = (db: Queryable, id: string) => targetWhere(db, sql`id = ${id}`);

export const findByResidentIdHash = (db: Queryable, hash: string) =>
  targetWhere(db, sql`resident_id_hash = ${hash}`);

export async function findPerson(
  db: Queryable,
  keyring: Keyring,
  id: string,
  options: { reveal: boolean; now?: Date },
): Promise<PersonView | undefined> {
  const row = await personRow(db, id);
  return row && toView(keyring, row, options.reveal, options.now ?? new Date());
}

/** The saved sealed values, opened to check an edit against (never shown). */
export async function savedSealedValues(
  db: Queryable,
  keyring: Keyring,
  id: string,
): Promise<SavedSealedValues | undefined> {
  const row = await personRow(db, id);
  if (!row) return undefined;
  const open = (sealed: string | null) => (sealed === null ? null : keyring.open(sealed));
  return {
    name: keyring.open(row.name_sealed),
    residentId: keyring.open(row.resident_id_sealed),
    phone: open(row.phone_sealed),
    address: open(row.address_sealed),
    certificateNumber: open(row.certificate_sealed),
  };
}

/** The columns every save writes, sealed where personal. */
function sealedColumns(keyring: Keyring, details: PersonDetails) {
  const certificate = details.certificate;
  return {
    residentIdSealed: keyring.seal(details.residentId.number),
    residentIdHash: keyring.lookupHash(residentIdHashKind, details.residentId.number),
    nameSealed: keyring.seal(details.name),
    nameMasked: maskName(details.name),
    residentIdMasked: maskResidentId(details.residentId.number),
    phoneSealed: details.phone === null ? null : keyring.seal(details.phone),
    phoneHash: details.phone === null ? null : keyring.lookupHash(phoneHashKind, details.phone),
    addressSealed: details.address === null ? null : keyring.seal(details.address),
    certificateSealed: certificate?.number ? keyring.seal(certificate.number) : null,
  };
}

/** A new person; binds the resident account whose ID hash is the same, if one is free. */
export async function insertPerson(
  tx: Queryable,
  keyring: Keyring,
  details: PersonDetails,
  options: { isDemo?: boolean } = {},
): Promise<{ id: string; userId: string | null }> {
  const c = sealedColumns(keyring, details);
  const certificate = details.certificate;
  const [row] = await tx.query<{ id: string; user_id: string | null }>(sql`
    insert into person (
      resident_id_sealed, resident_id_hash, resident_id_masked, sex, birth_date, name_sealed, name_masked,
      phone_sealed, phone_hash,
      address_sealed, district_code, street, community, local_household, certificate_sealed,
      certificate_generation, disability_category, disability_grade, certificate_valid_until, grade_changed_on,
      economic_status, economic_status_source, economic_status_as_of, user_id, is_demo
    ) values (
      ${c.residentIdSealed}, ${c.residentIdHash}, ${c.residentIdMasked}, ${details.residentId.sex},
      ${details.residentId.birthDate},
      ${c.nameSealed}, ${c.nameMasked}, ${c.phoneSealed}, ${c.phoneHash}, ${c.addressSealed},
      ${details.districtCode}, ${details.street}, ${details.community}, ${details.localHousehold},
      ${c.certificateSealed}, ${certificate?.generation ?? null}, ${certificate?.category ?? null},
      ${certificate?.grade ?? null}, ${certificate?.validUntil ?? null}, ${certificate?.gradeChangedOn ?? null},
      ${details.economicStatus}, ${details.economicStatusSource}, ${details.economicStatusAsOf},
      ${freeAccountWithHash(c.residentIdHash)}, ${options.isDemo ?? false}
    ) returning id, user_id`);
  if (!row) throw new Error('insert into person returned no row');
  return { id: row.id, userId: row.user_id };
}

/**
 * The resident account holding this ID hash and not yet bound to a record
 * (identity seals the same normalised number and hashes it with the same kind).
 */
export const freeAccountWithHash = (hash: string | SqlQuery): SqlQuery =>
  sql`(select u.id from app_user u where u.kind = 'resident' and u.resident_id_hash = ${hash}
       and not exists (select 1 from person b where b.user_id = u.id))`;

/**
 * Saves an edit made from `version`; false when someone saved another edit
 * since (optimistic locking, SECURITY.md 29). A changed ID number unbinds the
 * account of the old one and binds the account of the new one, if any.
 */
export async function updatePerson(
  tx: Queryable,
  keyring: Keyring,
  id: string,
  version: number,
  details: PersonDetails,
): Promise<boolean> {
  const c = sealedColumns(keyring, details);
  const certificate = details.certificate;
  const rows = await tx.query<{ id: string }>(sql`
    update person set
      resident_id_sealed = ${c.residentIdSealed},
      user_id = case when resident_id_hash = ${c.residentIdHash} then user_id
                     else ${freeAccountWithHash(c.residentIdHash)} end,
      resident_id_hash = ${c.residentIdHash}, resident_id_masked = ${c.residentIdMasked},
      sex = ${details.residentId.sex}, birth_date = ${details.residentId.birthDate},
      name_sealed = ${c.nameSealed}, name_masked = ${c.nameMasked},
      phone_sealed = ${c.phoneSealed}, phone_hash = ${c.phoneHash}, address_sealed = ${c.addressSealed},
      district_code = ${details.districtCode}, street = ${details.street}, community = ${details.community},
      local_household = ${details.localHousehold}, certificate_sealed = ${c.certificateSealed},
      certificate_generation = ${certificate?.generation ?? null},
      disability_category = ${certificate?.category ?? null}, disability_grade = ${certificate?.grade ?? null},
      certificate_valid_until = ${certificate?.validUntil ?? null},
      grade_changed_on = ${certificate?.gradeChangedOn ?? null},
      economic_status = ${details.economicStatus}, economic_status_source = ${details.economicStatusSource},
      economic_status_as_of = ${details.economicStatusAsOf},
      version = version + 1, updated_at = now()
    where id = ${id} and version = ${version}
    returning id`);
  return rows.length === 1;
}

/** SQL condition: the person `p` falls within the reach (their district, or their own record). */
export function personWithinReach(r: Reach): SqlQuery {
  if (r.all) return sql`true`;
  return sql`(p.district_code = any(${r.districtCodes}::text[])
              or (${r.selfUserId}::uuid is not null and p.user_id = ${r.selfUserId}::uuid))`;
}

/** One line of the registry, masked. */
export interface PersonSummary extends PersonBasics {
  readonly certificateGeneration: CertificateGeneration | null;
  readonly category: DisabilityCategory | null;
  readonly grade: DisabilityGrade | null;
  readonly accountBound: boolean;
}

export interface PeopleFilter {
  /** A keyed hash of a typed ID or phone number. */
  readonly lookupHash: string | null;
  readonly districtCode: string | null;
  readonly category: DisabilityCategory | null;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * People within reach, newest first, masked, with how many there are. A
 * typed ID or phone number is matched through its keyed hash only.
 */
export async function listPeople(
  db: Queryable,
  keyring: Keyring,
  r: Reach,
  filter: PeopleFilter,
  now: Date = new Date(),
): Promise<{ items: PersonSummary[]; total: number }> {
  const where = sql`${personWithinReach(r)}
    and (${filter.lookupHash}::text is null or p.resident_id_hash = ${filter.lookupHash} or p.phone_hash = ${filter.lookupHash})
    and (${filter.districtCode}::text is null or p.district_code = ${filter.districtCode})
    and (${filter.category}::text is null or p.disability_category = ${filter.category})`;
  const [count] = await db.query<{ total: number }>(
    sql`select count(*)::int as total from person p where ${where}`,
  );
  const rows = await db.query<PersonRow>(
    sql`select ${personColumns} from person p join district d on d.code = p.district_code where ${where}
        order by p.created_at desc, p.id limit ${filter.pageSize} offset ${(filter.page - 1) * filter.pageSize}`,
  );
  const today = beijingDay(now);
  const items = rows.map((row) => ({
    id: row.id,
    name: row.name_masked,
    residentId: maskResidentId(keyring.open(row.resident_id_sealed)),
    sex: row.sex,
    age: ageOn(row.birth_date, today),
    ...circumstancesOf(row),
    certificateGeneration: row.certificate_generation as CertificateGeneration | null,
    category: row.disability_category,
    grade: row.disability_grade as DisabilityGrade | null,
    accountBound: row.user_id !== null,
  }));
  return { items, total: count?.total ?? 0 };
}
