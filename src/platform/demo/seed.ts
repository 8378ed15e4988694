import { randomBytes } from 'node:crypto';
import { type Db, sql } from '../db/index.ts';
import type { DemoContext, FujuModule } from '../module.ts';

const SEED_LOCK = 0x66756a76;

export type SeedReport = Record<string, Record<string, number>>;

/** A readable random password for demo accounts when FUJU_DEMO_PASSWORD is not set. */
export const generateDemoPassword = (): string => `demo-${randomBytes(9).toString('base64url')}`;

/** Runs every module's demo seeder in one transaction; seeders skip rows that exist. */
export async function seedDemo(
  db: Db,
  modules: readonly FujuModule[],
  context: DemoContext,
): Promise<SeedReport> {
  return db.transaction(async (tx) => {
    await tx.query(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const report: SeedReport = {};
    for (const module of modules) {
      if (module.seedDemo) report[module.name] = await module.seedDemo(tx, context);
    }
    return report;
  });
}

/** True when nothing has been set up yet: no organisation exists. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.query<{ empty: boolean }>(
    sql`select not exists (select 1 from organisation) as empty`,
  );
  return row?.empty ?? true;
}
