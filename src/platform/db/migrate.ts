import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from './sql.ts';
import type { Db } from './types.ts';

export const migrationsDir = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/** Any fixed number: every Fuju process asks PostgreSQL for the same lock. */
const MIGRATION_LOCK = 0x66756a75;

export interface Migration {
  readonly id: string;
  readonly script: string;
  readonly checksum: string;
}

export function readMigrations(dir: string = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => {
      const script = readFileSync(`${dir}/${name}`, 'utf8');
      return {
        id: name.replace(/\.sql$/, ''),
        script,
        checksum: createHash('sha256').update(script).digest('hex'),
      };
    });
}

export class MigrationChangedError extends Error {
  constructor(readonly id: string) {
    super(`migration ${id} was changed after it was applied; migrations are forward only: add a new one`);
  }
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so two
 * processes starting at once apply each migration exactly once.
 */
export async function migrate(
  db: Db,
  migrations: readonly Migration[] = readMigrations(),
): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    // Only when missing: an application role without CREATE on the schema (production,
    // docs/audit.md) can still start and find nothing to do.
    const [table] = await tx.query<{ found: string | null }>(
      sql`select to_regclass('schema_migration')::text as found`,
    );
    if (!table?.found) {
      await tx.exec(`create table schema_migration (
        id text primary key,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`);
    }
    const applied = new Map(
      (await tx.query<{ id: string; checksum: string }>(sql`select id, checksum from schema_migration`)).map(
        (row) => [row.id, row.checksum],
      ),
    );
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.id);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) throw new MigrationChangedError(migration.id);
        continue;
      }
      await tx.exec(migration.script);
      await tx.query(
        sql`insert into schema_migration (id, checksum) values (${migration.id}, ${migration.checksum})`,
      );
      done.push(migration.id);
    }
    return done;
  });
}
