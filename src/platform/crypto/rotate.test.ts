import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/db.ts';
import { sql } from '../db/index.ts';
import {
  type EncryptedColumn,
  type Keyring,
  loadKeyring,
  MasterKeyMismatchError,
  rotateFieldKey,
  sealedKeyVersion,
} from './index.ts';

const masterKey = randomBytes(32);
const PEOPLE = 1203; // more than two batches of 500
const columns: EncryptedColumn[] = [
  { table: 'rotation_person', idColumn: 'id', column: 'resident_id_sealed' },
  { table: 'rotation_person', idColumn: 'id', column: 'phone_sealed' },
  { table: 'rotation_note', idColumn: 'note_id', column: 'body_sealed' },
];

interface Row {
  id: string;
  sealed: string;
}

describe('field key rotation', () => {
  let t: TestDatabase;
  let keyring: Keyring;
  const plaintext = new Map<string, string>();

  async function allSealed(): Promise<Row[]> {
    return t.db.query<Row>(sql`
      select 'p' || id || 'r' as id, resident_id_sealed as sealed from rotation_person
      union all select 'p' || id || 'f', phone_sealed from rotation_person where phone_sealed is not null
      union all select 'n' || note_id, body_sealed from rotation_note`);
  }

  beforeAll(async () => {
    t = await testDatabase('empty');
    await t.db.exec(`
      create table rotation_person (id integer primary key, resident_id_sealed text not null, phone_sealed text);
      create table rotation_note (note_id uuid primary key default gen_random_uuid(), body_sealed text not null);`);
    keyring = await loadKeyring(t.db, masterKey);
    const rows = Array.from({ length: PEOPLE }, (_, i) => {
      const residentId = `6101131990010${String(i).padStart(5, '0')}`;
      const phone = i % 3 === 0 ? null : `139${String(i).padStart(8, '0')}`;
      plaintext.set(`p${i}r`, residentId);
      if (phone !== null) plaintext.set(`p${i}f`, phone);
      return sql`(${i}, ${keyring.seal(residentId)}, ${phone === null ? null : keyring.seal(phone)})`;
    });
    for (let i = 0; i < rows.length; i += 400) {
      await t.db.query(sql`insert into rotation_person values ${sql.join(rows.slice(i, i + 400), ', ')}`);
    }
    for (const body of ['需要助行器', '随访：轮椅合适']) {
      const [row] = await t.db.query<{ id: string }>(
        sql`insert into rotation_note (body_sealed) values (${keyring.seal(body)}) returning note_id as id`,
      );
      plaintext.set(`n${row?.id}`, body);
    }
  });
  afterAll(() => t.close());

  const fieldVersions = () =>
    t.db.query<{ version: number; retired: boolean }>(
      sql`select version, retired_at is not null as retired from data_key where purpose = 'field' order by version`,
    );

  it('refuses names that are not plain identifiers, before creating a key', async () => {
    for (const bad of ['rotation_person; drop table data_key', 'Rotation', '"x"', '', '1table']) {
      await expect(
        rotateFieldKey(t.db, masterKey, [{ table: bad, idColumn: 'id', column: 'c' }]),
      ).rejects.toThrow(RangeError);
    }
    expect(await fieldVersions()).toEqual([{ version: 1, retired: false }]);
  });

  it('refuses a wrong master key, before creating a key', async () => {
    await expect(rotateFieldKey(t.db, randomBytes(32), columns)).rejects.toBeInstanceOf(
      MasterKeyMismatchError,
    );
    expect(await fieldVersions()).toEqual([{ version: 1, retired: false }]);
  });

  it('re-seals every value with a new version; old versions still open', async () => {
    const [before] = await allSealed();
    const progress: [number, number][] = [];
    const result = await rotateFieldKey(t.db, masterKey, columns, (done, total) =>
      progress.push([done, total]),
    );
    expect(result).toEqual({ version: 2, reencrypted: plaintext.size });
    expect(progress[0]).toEqual([0, plaintext.size]);
    expect(progress.at(-1)).toEqual([plaintext.size, plaintext.size]);
    expect(progress.length).toBeGreaterThan(3);
    expect(await fieldVersions()).toEqual([
      { version: 1, retired: true },
      { version: 2, retired: false },
    ]);

    const current = await loadKeyring(t.db, masterKey);
    expect(current.activeVersion).toBe(2);
    expect(current.hasVersion(1)).toBe(true);
    expect(current.open(before?.sealed ?? '')).toBe(plaintext.get(before?.id ?? ''));
    const rows = await allSealed();
    expect(rows).toHaveLength(plaintext.size);
    for (const row of rows) {
      expect(sealedKeyVersion(row.sealed)).toBe(2);
      expect(current.open(row.sealed)).toBe(plaintext.get(row.id));
    }
  });

  it('leaves every value readable when a rotation stops half-way, and finishes when run again', async () => {
    await t.db.exec(`update rotation_person set resident_id_sealed = 'damaged' where id = 700`);
    await expect(rotateFieldKey(t.db, masterKey, columns)).rejects.toThrow();
    const afterFailure = await loadKeyring(t.db, masterKey);
    expect(afterFailure.activeVersion).toBe(3);
    const versions = new Set<number>();
    for (const row of await allSealed()) {
      if (row.sealed === 'damaged') continue;
      versions.add(sealedKeyVersion(row.sealed));
      expect(afterFailure.open(row.sealed)).toBe(plaintext.get(row.id));
    }
    // The first batch committed with version 3, the batch holding the damaged value rolled back.
    expect(versions).toEqual(new Set([2, 3]));

    await t.db.query(sql`update rotation_person set resident_id_sealed = ${afterFailure.seal(plaintext.get('p700r') ?? '')}
      where id = 700`);
    const result = await rotateFieldKey(t.db, masterKey, columns);
    expect(result.version).toBe(4);
    const current = await loadKeyring(t.db, masterKey);
    for (const row of await allSealed()) {
      expect(sealedKeyVersion(row.sealed)).toBe(4);
      expect(current.open(row.sealed)).toBe(plaintext.get(row.id));
    }
  });
});
