import { PGlite } from '@electric-sql/pglite';
import { Gate } from './gate.ts';
import type { SqlQuery } from './sql.ts';
import type { Db, Queryable } from './types.ts';

export interface PgliteDb extends Db {
  readonly kind: 'pglite';
  /** The embedded engine, for the socket server and for test templates. */
  readonly engine: PGlite;
  /** Every use of the engine passes this gate, the socket server's included. */
  readonly gate: Gate;
}

/** Opens the embedded database in `dataDir`, or in memory from a dumped template. */
export async function openPglite(source: { dataDir: string } | { template: Blob }): Promise<PgliteDb> {
  const engine =
    'dataDir' in source
      ? await PGlite.create(source.dataDir)
      : await PGlite.create({ loadDataDir: source.template });
  return wrapPglite(engine);
}

function queryable(target: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<Row>(q: SqlQuery): Promise<Row[]> {
      const result = await target.query<Row>(q.text, q.values as unknown[]);
      return result.rows;
    },
    async exec(script: string): Promise<void> {
      await target.exec(script);
    },
  };
}

function wrapPglite(engine: PGlite): PgliteDb {
  const gate = new Gate();
  const direct = queryable(engine);
  return {
    kind: 'pglite',
    engine,
    gate,
    query: (q) => gate.run(() => direct.query(q)),
    exec: (script) => gate.run(() => direct.exec(script)),
    transaction: (work) => gate.run(() => engine.transaction((tx) => work(queryable(tx)))),
    close: () => gate.run(() => engine.close()),
  };
}
