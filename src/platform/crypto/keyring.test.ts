import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/db.ts';
import { sql } from '../db/index.ts';
import { makeResidentId } from '../ids/index.ts';
import { FieldDecryptionError, loadKeyring, MasterKeyMismatchError } from './index.ts';

const masterKey = randomBytes(32);

describe('keyring', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await testDatabase('empty');
    await t.db.exec(`create table keyring_probe (
      id integer primary key,
      resident_id_sealed text not null,
      resident_id_hash text not null,
      phone_sealed text
    )`);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.db.exec('delete from keyring_probe; delete from data_key;');
  });

  const dataKeys = () =>
    t.db.query<{ purpose: string; version: number; retired: boolean }>(
      sql`select purpose, version, retired_at is not null as retired from data_key order by purpose, version`,
    );

  it('creates a field key and a lookup key on first use, and finds them after', async () => {
    const first = await loadKeyring(t.db, masterKey);
    expect(await dataKeys()).toEqual([
      { purpose: 'field', version: 1, retired: false },
      { purpose: 'lookup', version: 1, retired: false },
    ]);
    expect(first.activeVersion).toBe(1);
    expect(first.hasVersion(1)).toBe(true);
    expect(first.hasVersion(2)).toBe(false);
    const again = await loadKeyring(t.db, masterKey);
    expect(again.open(first.seal('610113199001011234'))).toBe('610113199001011234');
    expect(again.lookupHash('phone', '13812341234')).toBe(first.lookupHash('phone', '13812341234'));
  });

  it('creates exactly one version 1 when two processes start at once', async () => {
    const [a, b, c] = await Promise.all([
      loadKeyring(t.db, masterKey),
      loadKeyring(t.db, masterKey),
      t.db.transaction((tx) => loadKeyring(tx, masterKey)),
    ]);
    expect(await dataKeys()).toHaveLength(2);
    expect(b.open(a.seal('x'))).toBe('x');
    expect(c.open(b.seal('y'))).toBe('y');
    expect(a.lookupHash('phone', '13812341234')).toBe(c.lookupHash('phone', '13812341234'));
  });

  it('refuses a master key that did not wrap the data keys, and writes nothing', async () => {
    await loadKeyring(t.db, masterKey);
    const wrong = loadKeyring(t.db, randomBytes(32));
    await expect(wrong).rejects.toBeInstanceOf(MasterKeyMismatchError);
    await expect(wrong).rejects.toThrow('FUJU_MASTER_KEY does not open the data keys in this database');
    await t.db.exec(`delete from data_key where purpose = 'lookup'`);
    await expect(loadKeyring(t.db, randomBytes(32))).rejects.toBeInstanceOf(MasterKeyMismatchError);
    expect(await dataKeys()).toEqual([{ purpose: 'field', version: 1, retired: false }]);
    await expect(loadKeyring(t.db, Buffer.alloc(16))).rejects.toThrow(RangeError);
  });

  it('binds each wrapped key to its row: the lookup key copied into the field row does not open', async () => {
    await loadKeyring(t.db, masterKey);
    await t.db.exec(`update data_key set wrapped = (select wrapped from data_key where purpose = 'lookup')
      where purpose = 'field'`);
    await expect(loadKeyring(t.db, masterKey)).rejects.toBeInstanceOf(MasterKeyMismatchError);
  });

  it('stores no plaintext: a raw dump of sealed columns and data keys holds none of it', async () => {
    const keyring = await loadKeyring(t.db, masterKey);
    const people = Array.from({ length: 20 }, (_, i) => ({
      id: i + 1,
      residentId: makeResidentId('610113', `19${50 + i}-0${(i % 9) + 1}-1${i % 10}`, `${100 + i}`),
      phone: `1381234${String(1000 + i)}`,
    }));
    for (const p of people) {
      await t.db.query(sql`insert into keyring_probe values (${p.id}, ${keyring.seal(p.residentId)},
        ${keyring.lookupHash('resident-id', p.residentId)}, ${keyring.seal(p.phone)})`);
    }
    const dump = JSON.stringify([
      await t.db.query(sql`select * from keyring_probe`),
      await t.db.query(sql`select * from data_key`),
    ]);
    for (const p of people) {
      expect(dump).not.toContain(p.residentId);
      expect(dump).not.toContain(p.residentId.slice(6, 14));
      expect(dump).not.toContain(p.phone);
    }
    expect(dump).not.toContain(masterKey.toString('base64'));
    expect(dump).not.toContain(masterKey.toString('hex'));

    const [found] = await t.db.query<{ id: number; resident_id_sealed: string }>(
      sql`select id, resident_id_sealed from keyring_probe
          where resident_id_hash = ${keyring.lookupHash('resident-id', people[7]?.residentId ?? '')}`,
    );
    expect(found?.id).toBe(8);
    expect(keyring.open(found?.resident_id_sealed ?? '')).toBe(people[7]?.residentId);
  });

  it('refuses a sealed value altered in the database', async () => {
    const keyring = await loadKeyring(t.db, masterKey);
    await t.db.query(
      sql`insert into keyring_probe values (1, ${keyring.seal('11010519491231002X')}, 'h', null)`,
    );
    // Swap two characters of the ciphertext part in place.
    await t.db.exec(`update keyring_probe set resident_id_sealed =
      regexp_replace(resident_id_sealed, '^(fj1\\.1\\.[^.]+\\.)(.)(.)', '\\1\\3\\2')`);
    const [row] = await t.db.query<{ sealed: string }>(
      sql`select resident_id_sealed as sealed from keyring_probe`,
    );
    expect(() => keyring.open(row?.sealed ?? '')).toThrow(FieldDecryptionError);
  });

  it('separates look-up hashes by kind', async () => {
    const keyring = await loadKeyring(t.db, masterKey);
    const hash = keyring.lookupHash('resident-id', '11010519491231002X');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(keyring.lookupHash('phone', '11010519491231002X')).not.toBe(hash);
    expect(keyring.lookupHash('resident-id', '440524188001010014')).not.toBe(hash);
    expect(() => keyring.lookupHash('Resident ID', 'x')).toThrow(RangeError);
  });

  it('shows no key when logged or serialised', async () => {
    const keyring = await loadKeyring(t.db, masterKey);
    const { inspect } = await import('node:util');
    expect(JSON.stringify(keyring)).toBe('{}');
    expect(inspect(keyring, { showHidden: true, depth: 5 })).not.toMatch(/Buffer|[0-9a-f]{32}/);
  });
});
