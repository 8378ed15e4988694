import { type Db, type SqlQuery, sql } from '../db/index.ts';
import { insertDataKey, KEYRING_LOCK, keyringFromRows, readDataKeys } from './keyring.ts';

/** A column holding sealed values, and the column that identifies its rows. */
export interface EncryptedColumn {
  readonly table: string;
  readonly idColumn: string;
  readonly column: string;
}

const BATCH_SIZE = 500;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Table and column names cannot be query parameters, so they go into the SQL
 * text itself; only names made of lowercase letters, digits and underscores
 * are let through, which leaves nothing that could end a name or start
 * another statement (SECURITY.md 11).
 */
function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new RangeError(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

/** A query whose text holds checked identifiers and whose values are still parameters. */
const withIdentifiers = (text: string, values: readonly unknown[] = []): SqlQuery => ({ text, values });

/**
 * Makes a new field key version the active one and re-seals every value of
 * `columns` with it. Each batch is its own transaction and the old versions
 * stay in data_key, so a crash or failure at any point leaves every value
 * openable by some version; running rotation again finishes the job.
 * Processes that loaded their keyring earlier keep sealing with the retired
 * version until they reload it; their values open all the same.
 */
export async function rotateFieldKey(
  db: Db,
  masterKey: Buffer,
  columns: readonly EncryptedColumn[],
  onProgress?: (done: number, total: number) => void,
): Promise<{ version: number; reencrypted: number }> {
  const checked = columns.map((c) => ({
    table: identifier(c.table),
    idColumn: identifier(c.idColumn),
    column: identifier(c.column),
  }));

  const version = await db.transaction(async (tx) => {
    await tx.query(sql`select pg_advisory_xact_lock(${KEYRING_LOCK})`);
    const rows = await readDataKeys(tx);
    // Refuses a wrong master key before anything is written.
    keyringFromRows(rows, masterKey);
    const next = Math.max(0, ...rows.filter((row) => row.purpose === 'field').map((row) => row.version)) + 1;
    await tx.query(
      sql`update data_key set retired_at = now() where purpose = 'field' and retired_at is null`,
    );
    await insertDataKey(tx, masterKey, 'field', next);
    return next;
  });
  const keyring = keyringFromRows(await readDataKeys(db), masterKey);
  // Values sealed with any other version count as not done, so sealing with one would never finish.
  if (keyring.activeVersion !== version) throw new Error('another field key rotation ran at the same time');
  // Values already sealed with the new version are done; `.` is not a LIKE wildcard.
  const current = `fj1.${version}.%`;

  let total = 0;
  for (const c of checked) {
    const [row] = await db.query<{ n: number }>(
      withIdentifiers(
        `select count(*)::int as n from ${c.table} where ${c.column} is not null and ${c.column} not like $1`,
        [current],
      ),
    );
    total += row?.n ?? 0;
  }
  let done = 0;
  onProgress?.(done, total);

  for (const c of checked) {
    for (;;) {
      const resealed = await db.transaction(async (tx) => {
        // FOR UPDATE: a value changed by the application meanwhile is not overwritten with its old content.
        const batch = await tx.query<{ id: unknown; sealed: string }>(
          withIdentifiers(
            `select ${c.idColumn} as id, ${c.column} as sealed from ${c.table}
             where ${c.column} is not null and ${c.column} not like $1
             limit ${BATCH_SIZE} for update`,
            [current],
          ),
        );
        for (const { id, sealed } of batch) {
          await tx.query(
            withIdentifiers(`update ${c.table} set ${c.column} = $1 where ${c.idColumn} = $2`, [
              keyring.seal(keyring.open(sealed)),
              id,
            ]),
          );
        }
        return batch.length;
      });
      if (resealed === 0) break;
      done += resealed;
      onProgress?.(done, total);
    }
  }
  return { version, reencrypted: done };
}
