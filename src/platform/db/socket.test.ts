import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openPglite, type PgliteDb, sql } from './index.ts';
import { serveOnSocket, serverIsRunning, socketConnectionString } from './socket.ts';

/** The data-directory socket: how commands reach a running embedded database. */
describe('embedded database shared on a socket', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fuju-socket-'));
  let db: PgliteDb;
  let socket: { stop(): Promise<void> };
  let client: pg.Client;

  beforeAll(async () => {
    db = await openPglite({ dataDir: 'memory://' });
    await migrate(db);
    socket = await serveOnSocket(db, dir);
    client = new pg.Client({ connectionString: socketConnectionString(dir) });
    await client.connect();
  });
  afterAll(async () => {
    await client.end().catch(() => {});
    await socket.stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const districtCodes = async () =>
    (await db.query<{ code: string }>(sql`select code from district order by code`)).map((r) => r.code);
  const insert = (code: string) =>
    sql`insert into district (code, name_zh, name_en, kind, source) values (${code}, ${code}, ${code}, 'district', 'test')`;

  it('is found by a command looking for a running server', async () => {
    expect(await serverIsRunning(dir)).toBe(true);
    expect(await serverIsRunning(join(dir, 'elsewhere'))).toBe(false);
  });

  it('answers queries from a client', async () => {
    const result = await client.query('select count(*)::int as n from schema_migration');
    expect(result.rows[0].n).toBeGreaterThan(0);
  });

  it("never runs the server's statement inside a client's transaction that is rolled back", async () => {
    await client.query('begin');
    await client.query(insert('619901').text, [...insert('619901').values]);
    // The server writes while the client's transaction is open: it must wait, not join it.
    let serverDone = false;
    const serverWrite = db.query(insert('619902')).then(() => {
      serverDone = true;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(serverDone).toBe(false);
    await client.query('rollback');
    await serverWrite;
    expect(await districtCodes()).toEqual(['619902']);
  });

  it("keeps a client's statements out of the server's transaction", async () => {
    let clientDone = false;
    const inTransaction = db.transaction(async (tx) => {
      await tx.query(insert('619903'));
      const clientRead = client
        .query("select count(*)::int as n from district where code = '619903'")
        .then((r) => {
          clientDone = true;
          return r.rows[0].n as number;
        });
      await new Promise((r) => setTimeout(r, 200));
      expect(clientDone).toBe(false);
      // Wrapped, so the transaction does not wait for the read that waits for it.
      return { clientRead };
    });
    // The client's read waits for the commit, then sees the committed row.
    const clientSaw = await (await inTransaction).clientRead;
    expect(clientSaw).toBe(1);
  });

  it('rolls back and frees the database when a client disconnects mid-transaction', async () => {
    const other = new pg.Client({ connectionString: socketConnectionString(dir) });
    await other.connect();
    await other.query('begin');
    await other.query(insert('619904').text, [...insert('619904').values]);
    await other.end();
    expect(await districtCodes()).not.toContain('619904');
  });
});
