import type { SqlQuery } from './sql.ts';

/** What a repository needs: run a parameterised query, or a script of statements. */
export interface Queryable {
  query<Row>(query: SqlQuery): Promise<Row[]>;
  /** Runs several statements without parameters (migrations only). */
  exec(script: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: all of it commits, or none of it (SECURITY.md 27). */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
