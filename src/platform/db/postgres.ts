import pg from 'pg';
import type { SqlQuery } from './sql.ts';
import type { Db, Queryable } from './types.ts';

// Counts and sums come back as bigint/numeric; keep them as JS numbers where
// they fit, as PGlite does, so repositories see one shape on both engines.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
});

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(q: SqlQuery): Promise<Row[]> {
      const result = await client.query(q.text, q.values as unknown[]);
      return result.rows as Row[];
    },
    async exec(script: string): Promise<void> {
      // Without parameters pg uses the simple protocol, which runs several statements.
      await client.query(script);
    },
  };
}

/** Connects to a PostgreSQL server (or a PGlite socket server) through a pool. */
export function openPostgres(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
