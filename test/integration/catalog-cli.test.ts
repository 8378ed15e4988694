import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openPglite, sql } from '../../src/platform/db/index.ts';
import { type TestDatabase, testDatabase, testTarget } from '../support/db.ts';
import { childEnv, fuju } from '../support/processes.ts';

/** `fuju gen products` and `fuju import products` as an operator runs them, on a real database. */
describe('fuju gen products and fuju import products', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fuju-catalog-cli-'));
  const dataDir = join(dir, 'data');
  let database: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;
  const supplier = '示例康行辅具科技有限公司';

  async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
    if (database) return work(database.db);
    const db = await openPglite({ dataDir });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }
  const count = (query: ReturnType<typeof sql>) =>
    withDatabase(async (db) => (await db.query<{ n: number }>(query))[0]?.n ?? -1);

  beforeAll(async () => {
    if (testTarget() === 'postgres') {
      database = await testDatabase('empty');
      env = childEnv({ DATABASE_URL: database.url as string, FUJU_DEMO_PASSWORD: 'cli-demo-password' });
    } else {
      env = childEnv({ FUJU_DATA_DIR: dataDir, FUJU_DEMO_PASSWORD: 'cli-demo-password' });
    }
    expect((await fuju(['seed', 'demo'], env)).code).toBe(0);
  }, 90_000);

  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a synthetic published catalog', async () => {
    const before = await count(sql`select count(*)::int as n from product where status = 'published'`);
    const result = await fuju(['gen', 'products', '--count', '300'], env);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/added 300 synthetic published products/);
    expect(await count(sql`select count(*)::int as n from product where status = 'published'`)).toBe(
      before + 300,
    );
    // Running the demo seeder again adds no second demo catalog.
    expect((await fuju(['seed', 'demo'], env)).stdout).toContain('catalog.products=0');
  }, 60_000);

  it('imports a generated spreadsheet as drafts, all rows at once', async () => {
    const file = join(dir, 'products.xlsx');
    expect((await fuju(['gen', 'products', '--count', '120', '--seed', '3', '--xlsx', file], env)).code).toBe(
      0,
    );
    const result = await fuju(['import', 'products', '--supplier', supplier, '--file', file], env);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /imported: 120 of 120 rows imported as drafts in \d+ ms, peak memory \d+ MB/,
    );
    expect(await count(sql`select count(*)::int as n from product where status = 'draft'`)).toBe(120);
    const [audit] = await withDatabase((db) =>
      db.query<{ detail: { rows: number } }>(
        sql`select detail from audit_event where action = 'product.import' and outcome = 'success'`,
      ),
    );
    expect(audit?.detail.rows).toBe(120);
  }, 60_000);

  it('refuses a file with a bad row, names row and column, and imports nothing', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      '产品名称,英文名称,型号,分类编码,参考价格（元）\n好轮椅,Good chair,CLI-1,122203,1280\n坏轮椅,Bad chair,CLI-2,122203,12.345\n',
    );
    const drafts = await count(sql`select count(*)::int as n from product where status = 'draft'`);
    const result = await fuju(['import', 'products', '--supplier', supplier, '--file', file], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/row 3, column price_yuan: /);
    expect(result.stderr).toMatch(/nothing imported \(1 problems\)/);
    expect(await count(sql`select count(*)::int as n from product where status = 'draft'`)).toBe(drafts);
  }, 60_000);

  it('answers bad arguments in one line with a non-zero exit', async () => {
    for (const args of [
      ['gen', 'products'],
      ['gen', 'products', '--count', '0'],
      ['gen', 'things', '--count', '5'],
      ['import', 'products', '--supplier', supplier],
      ['import', 'products', '--supplier', 'no such supplier', '--file', join(dir, 'bad.csv')],
    ]) {
      const result = await fuju(args, env);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  }, 60_000);
});
