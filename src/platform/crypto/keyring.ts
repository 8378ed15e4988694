import { hkdfSync, randomBytes } from 'node:crypto';
import { type Db, type Queryable, sql } from '../db/index.ts';
import { type DataKey, FieldDecryptionError, openField, sealField } from './fieldCipher.ts';
import { hmacSm3 } from './sm3.ts';

export type DataKeyPurpose = 'field' | 'lookup';

export class MasterKeyMismatchError extends Error {
  constructor() {
    super('FUJU_MASTER_KEY does not open the data keys in this database');
    this.name = 'MasterKeyMismatchError';
  }
}

interface DataKeyRow {
  purpose: DataKeyPurpose;
  version: number;
  wrapped: string;
  retired_at: unknown;
}

/** Any fixed number other than the migration lock: every Fuju process takes the same one. */
export const KEYRING_LOCK = 0x66756b72;

const FIELD_KEY_BYTES = 48;
const LOOKUP_KEY_BYTES = 32;
const KIND = /^[a-z][a-z0-9-]*$/;

/**
 * The key that wraps one data_key row, derived from the master key with
 * HKDF-SM3. The row's purpose and version are part of the derivation, so a
 * wrapped key copied into another row (say, the lookup key moved into the
 * field row) no longer opens: the database cannot swap keys' roles.
 */
function wrappingKey(masterKey: Buffer, purpose: DataKeyPurpose, version: number): DataKey {
  const material = Buffer.from(
    hkdfSync('sm3', masterKey, 'fuju data-key wrapping', `fuju/data_key/${purpose}/${version}`, 48),
  );
  return { version, encryptionKey: material.subarray(0, 16), macKey: material.subarray(16) };
}

export function checkMasterKey(masterKey: Buffer): void {
  if (!Buffer.isBuffer(masterKey) || masterKey.length !== 32) {
    throw new RangeError('the master key must be 32 bytes');
  }
}

function unwrap(masterKey: Buffer, row: DataKeyRow): Buffer {
  const key = wrappingKey(masterKey, row.purpose, row.version);
  let encoded: string;
  try {
    encoded = openField(() => key, row.wrapped);
  } catch (error) {
    if (error instanceof FieldDecryptionError && error.problem === 'mac') throw new MasterKeyMismatchError();
    throw new Error(`data_key ${row.purpose} version ${row.version} is damaged (${String(error)})`);
  }
  const material = Buffer.from(encoded, 'base64');
  const expected = row.purpose === 'field' ? FIELD_KEY_BYTES : LOOKUP_KEY_BYTES;
  if (material.length !== expected)
    throw new Error(`data_key ${row.purpose} version ${row.version} is damaged`);
  return material;
}

function fieldKey(version: number, material: Buffer): DataKey {
  return { version, encryptionKey: material.subarray(0, 16), macKey: material.subarray(16) };
}

/**
 * The data keys of one database, unwrapped. Keys live in private fields so
 * that logging or serialising a Keyring shows none of them.
 */
export class Keyring {
  readonly #fieldKeys: ReadonlyMap<number, DataKey>;
  readonly #active: DataKey;
  readonly #lookupKey: Buffer;

  constructor(fieldKeys: readonly DataKey[], activeVersion: number, lookupKey: Buffer) {
    this.#fieldKeys = new Map(fieldKeys.map((key) => [key.version, key]));
    const active = this.#fieldKeys.get(activeVersion);
    if (active === undefined) throw new RangeError(`no field key version ${activeVersion}`);
    this.#active = active;
    if (lookupKey.length !== LOOKUP_KEY_BYTES) throw new RangeError('the lookup key must be 32 bytes');
    this.#lookupKey = lookupKey;
  }

  /** The field key version new values are sealed with. */
  get activeVersion(): number {
    return this.#active.version;
  }

  /** Every field key version this keyring can open, oldest first. */
  get versions(): number[] {
    return [...this.#fieldKeys.keys()].sort((a, b) => a - b);
  }

  hasVersion(version: number): boolean {
    return this.#fieldKeys.has(version);
  }

  seal(plaintext: string): string {
    return sealField(this.#active, plaintext);
  }

  /** Opens a value sealed with any version held; throws `FieldDecryptionError` otherwise. */
  open(sealed: string): string {
    return openField((version) => this.#fieldKeys.get(version), sealed);
  }

  /**
   * A keyed SM3 hash for equality look-ups on a sealed column (SECURITY.md 18).
   * `kind` separates the domains, so the same digits as a resident ID and as a
   * phone number hash differently and one column's hashes say nothing about
   * another's. The caller normalises the value first (parseResidentId, parsePhone).
   */
  lookupHash(kind: string, normalisedValue: string): string {
    if (!KIND.test(kind)) throw new RangeError('lookup kind must be lowercase words joined by hyphens');
    return hmacSm3(this.#lookupKey, `${kind}\u0000${normalisedValue}`).toString('hex');
  }
}

export async function readDataKeys(db: Queryable): Promise<DataKeyRow[]> {
  return db.query<DataKeyRow>(
    sql`select purpose, version, wrapped, retired_at from data_key order by purpose, version`,
  );
}

/** Makes a new data key, wrapped with the master key, and stores it. */
export async function insertDataKey(
  tx: Queryable,
  masterKey: Buffer,
  purpose: DataKeyPurpose,
  version: number,
): Promise<void> {
  const material = randomBytes(purpose === 'field' ? FIELD_KEY_BYTES : LOOKUP_KEY_BYTES);
  const wrapped = sealField(wrappingKey(masterKey, purpose, version), material.toString('base64'));
  await tx.query(
    sql`insert into data_key (purpose, version, wrapped) values (${purpose}, ${version}, ${wrapped})`,
  );
}

/** Unwraps every row, so a wrong master key is found before anything is written or used. */
export function keyringFromRows(rows: readonly DataKeyRow[], masterKey: Buffer): Keyring {
  checkMasterKey(masterKey);
  const unwrapped = rows.map((row) => ({ row, material: unwrap(masterKey, row) }));
  const fields = unwrapped.filter(({ row }) => row.purpose === 'field');
  const active = fields.filter(({ row }) => row.retired_at === null).at(-1);
  const lookup =
    unwrapped.filter(({ row }) => row.purpose === 'lookup' && row.retired_at === null).at(-1) ??
    unwrapped.filter(({ row }) => row.purpose === 'lookup').at(-1);
  if (active === undefined || lookup === undefined) {
    throw new Error('data_key has no active field key or no lookup key');
  }
  return new Keyring(
    fields.map(({ row, material }) => fieldKey(row.version, material)),
    active.row.version,
    lookup.material,
  );
}

const isComplete = (rows: readonly DataKeyRow[]): boolean =>
  rows.some((row) => row.purpose === 'field') && rows.some((row) => row.purpose === 'lookup');

/**
 * Loads the database's data keys, creating them on first use. Given a `Db`,
 * the creation runs in its own transaction; given a bare `Queryable`, it is
 * taken to be an open transaction (the advisory lock only holds inside one).
 */
export async function loadKeyring(db: Queryable | Db, masterKey: Buffer): Promise<Keyring> {
  checkMasterKey(masterKey);
  const rows = await readDataKeys(db);
  if (isComplete(rows)) return keyringFromRows(rows, masterKey);
  const create = async (tx: Queryable): Promise<DataKeyRow[]> => {
    // Two processes starting on an empty database both get here; the lock
    // makes the second wait and then find the first one's keys.
    await tx.query(sql`select pg_advisory_xact_lock(${KEYRING_LOCK})`);
    const current = await readDataKeys(tx);
    // A half-made set must open with this master key before it is completed.
    for (const row of current) unwrap(masterKey, row);
    if (!current.some((row) => row.purpose === 'field')) await insertDataKey(tx, masterKey, 'field', 1);
    if (!current.some((row) => row.purpose === 'lookup')) await insertDataKey(tx, masterKey, 'lookup', 1);
    return readDataKeys(tx);
  };
  const created = 'transaction' in db ? await db.transaction(create) : await create(db);
  return keyringFromRows(created, masterKey);
}
