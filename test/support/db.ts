import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type Db, openPglite, openPostgres } from '../../src/platform/db/index.ts';
import { databaseUrl, type TemplateKind } from './templates.ts';

export interface TestDatabase {
  readonly db: Db;
  /** A URL other processes can use (PostgreSQL only). */
  readonly url: string | undefined;
  close(): Promise<void>;
}

/**
 * A fresh database for one test file, copied from a migrated template: on
 * PGlite by loading the dumped template, on PostgreSQL with CREATE DATABASE … TEMPLATE.
 */
export async function testDatabase(kind: TemplateKind = 'demo'): Promise<TestDatabase> {
  const template = inject('templates')[kind];
  if (inject('target') === 'pglite') {
    const db = await openPglite({ template: new Blob([readFileSync(template)]) });
    return { db, url: undefined, close: () => db.close() };
  }
  const base = process.env.DATABASE_URL as string;
  const name = `fuju_test_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(base, { max: 1 });
  await admin.exec(`create database ${name} template ${template}`);
  const url = databaseUrl(base, name);
  const db = openPostgres(url, { max: 5 });
  return {
    db,
    url,
    async close() {
      await db.close();
      await admin.exec(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

export const testTarget = (): 'pglite' | 'postgres' => inject('target');
