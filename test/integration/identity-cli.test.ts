import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeyring, sealedKeyVersion } from '../../src/platform/crypto/index.ts';
import { type Db, openPglite, sql } from '../../src/platform/db/index.ts';
import { type TestDatabase, testDatabase, testTarget } from '../support/db.ts';
import { childEnv, freePort, fuju, startServer } from '../support/processes.ts';
import { testMasterKey } from '../support/templates.ts';

/** `fuju token create` and `fuju keys rotate` as an operator runs them; then the token used for real. */
describe('fuju token and fuju keys', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuju-identity-cli-'));
  let database: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;
  let token = '';

  async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
    if (database) return work(database.db);
    const db = await openPglite({ dataDir });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    if (testTarget() === 'postgres') {
      database = await testDatabase('empty');
      env = childEnv({ DATABASE_URL: database.url as string, FUJU_DEMO_PASSWORD: 'cli-demo-password' });
    } else {
      env = childEnv({ FUJU_DATA_DIR: dataDir, FUJU_DEMO_PASSWORD: 'cli-demo-password' });
    }
    const seeded = await fuju(['seed', 'demo'], env);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a new token as its last line, stored only as a hash', async () => {
    const result = await fuju(['token', 'create', '--user', 'demo-city-admin', '--ttl', '2'], env);
    expect(result.code).toBe(0);
    token = result.stdout.trim().split('\n').at(-1) as string;
    expect(token).toMatch(/^fuju_[A-Za-z0-9_-]{43}$/);
    const rows = await withDatabase((db) =>
      db.query<{ token_hash: string; expires_at: Date }>(sql`select token_hash, expires_at from api_token`),
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    const hours = (new Date(rows[0]?.expires_at as Date).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThanOrEqual(2);
  }, 30_000);

  it('refuses an unknown user and bad arguments in one line with a non-zero exit', async () => {
    const unknown = await fuju(['token', 'create', '--user', 'nobody-at-all'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('fuju token: no active user named "nobody-at-all"');
    const usage = await fuju(['token', 'create', '--ttl', 'soon'], env);
    expect(usage.code).toBe(1);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
  }, 30_000);

  it('rotates the field key: every sealed value is re-encrypted and still opens', async () => {
    const result = await fuju(['keys', 'rotate'], env);
    expect(result.stderr).toMatch(/re-encrypted \d+ of \d+ values/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/field key version 2 is now in use; \d+ values re-encrypted/);
    await withDatabase(async (db) => {
      const keyring = await loadKeyring(db, testMasterKey);
      const rows = await db.query<{ phone_sealed: string }>(
        sql`select phone_sealed from app_user where phone_sealed is not null`,
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(sealedKeyVersion(row.phone_sealed)).toBe(2);
        expect(keyring.open(row.phone_sealed)).toMatch(/^1[3-9]\d{9}$/);
      }
      const [audit] = await db.query<{ action: string }>(
        sql`select action from audit_event order by seq desc limit 1`,
      );
      expect(audit?.action).toBe('keys.rotate');
    });
  }, 60_000);

  it.runIf(testTarget() === 'pglite')(
    'lets a script act as the token’s user over HTTP',
    async () => {
      const server = await startServer(env, await freePort());
      try {
        const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
        expect(me.status).toBe(200);
        expect((await me.json()).username).toBe('demo-city-admin');
        const refused = await fetch(`${server.url}/api/v1/me`);
        expect(refused.status).toBe(401);
      } finally {
        await server.stop();
      }
    },
    60_000,
  );
});
