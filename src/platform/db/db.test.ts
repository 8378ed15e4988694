import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase, testTarget } from '../../../test/support/db.ts';
import { MigrationChangedError, migrate, openPostgres, readMigrations, sql } from './index.ts';

describe('sql tag', () => {
  it('turns values into numbered parameters', () => {
    const q = sql`select * from district where code = ${'610113'} and kind = ${'district'}`;
    expect(q.text).toBe('select * from district where code = $1 and kind = $2');
    expect(q.values).toEqual(['610113', 'district']);
  });

  it('splices fragments and renumbers their parameters', () => {
    const rows = sql.join([sql`(${1}, ${'a'})`, sql`(${2}, ${'b'})`], ', ');
    const q = sql`insert into t values ${rows} returning ${'x'}`;
    expect(q.text).toBe('insert into t values ($1, $2), ($3, $4) returning $5');
    expect(q.values).toEqual([1, 'a', 2, 'b', 'x']);
  });
});

describe('database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await testDatabase('empty');
  });
  afterAll(() => t.close());

  it('keeps injection attempts as values', async () => {
    const payload = "610113'; drop table district; --";
    const rows = await t.db.query(sql`select code from district where code = ${payload}`);
    expect(rows).toEqual([]);
    const [count] = await t.db.query<{ n: number }>(sql`select count(*)::int as n from schema_migration`);
    expect(count?.n).toBe(readMigrations().length);
  });

  it('rolls back the whole transaction when one step fails', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(
          sql`insert into district (code, name_zh, name_en, kind, source) values ('619999', '测试', 'Test', 'district', 'test')`,
        );
        await tx.query(
          sql`insert into district (code, name_zh, name_en, kind, source) values ('bad', '错', 'Bad', 'district', 'test')`,
        );
      }),
    ).rejects.toThrow();
    expect(await t.db.query(sql`select code from district where code = '619999'`)).toEqual([]);
  });

  it('applies nothing when already up to date', async () => {
    expect(await migrate(t.db)).toEqual([]);
  });

  it('refuses a migration that changed after it was applied', async () => {
    const changed = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(t.db, changed)).rejects.toThrow(MigrationChangedError);
  });

  it('applies a new migration once, even when two processes race', async () => {
    const extra = {
      id: '9999_race_probe',
      script: 'create table race_probe (id int primary key);',
      checksum: 'c1',
    };
    const all = [...readMigrations(), extra];
    if (testTarget() === 'postgres' && t.url) {
      // Two separate pools are two processes as far as the server is concerned.
      const a = openPostgres(t.url, { max: 1 });
      const b = openPostgres(t.url, { max: 1 });
      const results = await Promise.all([migrate(a, all), migrate(b, all)]);
      await Promise.all([a.close(), b.close()]);
      expect(results.flat()).toEqual(['9999_race_probe']);
    } else {
      const results = await Promise.all([migrate(t.db, all), migrate(t.db, all)]);
      expect(results.flat()).toEqual(['9999_race_probe']);
    }
    const [row] = await t.db.query<{ n: number }>(
      sql`select count(*)::int as n from schema_migration where id = '9999_race_probe'`,
    );
    expect(row?.n).toBe(1);
  });
});
