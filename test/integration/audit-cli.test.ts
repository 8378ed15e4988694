import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHead, recordAudit } from '../../src/platform/audit/index.ts';
import { type Db, openPglite, sql } from '../../src/platform/db/index.ts';
import { type TestDatabase, testDatabase, testTarget } from '../support/db.ts';
import { childEnv, fuju } from '../support/processes.ts';

/**
 * `fuju audit` as an operator runs it, against an embedded data folder (or
 * PostgreSQL with FUJU_TEST_DATABASE=postgres): exit codes and output are the interface.
 */
describe('fuju audit', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuju-audit-'));
  let database: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;

  /** Uses the database directly; the embedded one only while no command has it open. */
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
      env = childEnv({ DATABASE_URL: database.url as string });
    } else {
      env = childEnv({ FUJU_DATA_DIR: dataDir });
    }
    const migrated = await fuju(['migrate'], env);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says so when the trail is empty', async () => {
    const result = await fuju(['audit', 'export-head'], env);
    expect(result).toMatchObject({ code: 0, stdout: 'audit trail is empty\n', stderr: '' });
  });

  it('verifies an intact trail and exports its head', async () => {
    const head = await withDatabase(async (db) => {
      for (const action of ['login.success', 'user.disable', 'user.enable']) {
        await recordAudit(db, {
          actor: { userId: null, label: 'admin', organisationId: null },
          action,
          object:
            action === 'login.success' ? null : { type: 'user', id: 'c0ffee00-0000-4000-8000-000000000001' },
          outcome: 'success',
          sourceAddress: '192.0.2.1',
        });
      }
      return auditHead(db);
    });
    if (!head) throw new Error('no head after appending');

    const verified = await fuju(['audit', 'verify'], env);
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout).toBe(`audit trail intact: 3 rows, head 3 ${head.hash}\n`);

    const exported = await fuju(['audit', 'export-head'], env);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(exported.stdout).toBe(`3 ${head.hash} ${head.occurredAt.toISOString()}\n`);
    expect(exported.stdout).toMatch(/^3 [0-9a-f]{64} \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\n$/);

    // The exported head, kept outside, is what later shows a trail cut back or rewritten.
    const anchored = await fuju(['audit', 'verify', '--anchor', '3', head.hash], env);
    expect(anchored).toMatchObject({ code: 0, stderr: '' });
    expect(anchored.stdout).toContain('contains the exported head 3');
  });

  it('exits 1 naming the first bad row after a row is edited', async () => {
    await withDatabase((db) =>
      // What only a superuser with the triggers switched off can do.
      db.transaction(async (tx) => {
        await tx.exec('set local session_replication_role = replica');
        await tx.query(sql`update audit_event set actor_label = 'someone_else' where seq = 2`);
      }),
    );
    const result = await fuju(['audit', 'verify'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'fuju audit: audit trail broken at row 2: row 2: hash does not match its contents (edited)\n',
    );
  });

  it('explains its usage in one line', async () => {
    const result = await fuju(['audit', 'check'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'fuju audit: usage: fuju audit verify [--anchor <seq> <hash>] | fuju audit export-head\n',
    );
  });
});
