import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { modules } from '../../src/modules/index.ts';
import { loadKeyring } from '../../src/platform/crypto/index.ts';
import { type Db, migrate, openPglite, openPostgres } from '../../src/platform/db/index.ts';
import { seedDemo } from '../../src/platform/demo/seed.ts';
import { reportScan, resetScan } from './scan.ts';
import {
  databaseUrl,
  repoRoot,
  type TemplateKind,
  templateFingerprint,
  testDemoPassword,
  testMasterKey,
} from './templates.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: template file per kind. PostgreSQL: template database name per kind. */
    templates: Record<TemplateKind, string>;
    target: 'pglite' | 'postgres';
  }
}

async function prepare(db: Db, kind: TemplateKind): Promise<void> {
  await migrate(db);
  if (kind === 'demo') {
    const keyring = await loadKeyring(db, testMasterKey);
    await seedDemo(db, modules, { demoPassword: testDemoPassword, keyring });
  }
}

/**
 * Builds each template database once per run (or reuses the cached one), so a
 * test gets a fresh, migrated database by copying instead of migrating.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  resetScan();
  await prepareTemplates(project);
  // After every test file has run: the personal-data scan over all responses and logs.
  // Vitest reports an error thrown here but still exits 0, so a hit sets the exit code itself.
  return () => {
    try {
      console.log(reportScan());
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  };
}

async function prepareTemplates(project: TestProject): Promise<void> {
  const fingerprint = templateFingerprint();
  const kinds: TemplateKind[] = ['empty', 'demo'];
  if (process.env.FUJU_TEST_DATABASE === 'postgres') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('npm run test:pg needs DATABASE_URL pointing at a PostgreSQL server');
    const admin = openPostgres(url, { max: 1 });
    const templates = {} as Record<TemplateKind, string>;
    for (const kind of kinds) {
      const name = `fuju_template_${kind}_${fingerprint}`;
      templates[kind] = name;
      const [exists] = await admin.query({
        text: 'select 1 from pg_database where datname = $1',
        values: [name],
      });
      if (exists) continue;
      await admin.exec(`create database ${name}`);
      const db = openPostgres(databaseUrl(url, name), { max: 1 });
      await prepare(db, kind);
      await db.close();
    }
    await admin.close();
    project.provide('templates', templates);
    project.provide('target', 'postgres');
    return;
  }
  const dir = `${repoRoot}.cache/test`;
  mkdirSync(dir, { recursive: true });
  const templates = {} as Record<TemplateKind, string>;
  for (const kind of kinds) {
    const file = `${dir}/${kind}-${fingerprint}.tar.gz`;
    templates[kind] = file;
    if (existsSync(file)) continue;
    const db = await openPglite({ dataDir: 'memory://' });
    await prepare(db, kind);
    const dump = await db.engine.dumpDataDir('gzip');
    await db.close();
    writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
    renameSync(`${file}.tmp`, file);
  }
  project.provide('templates', templates);
  project.provide('target', 'pglite');
}
