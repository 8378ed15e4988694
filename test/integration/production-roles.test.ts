/**
 * The production set-up of docs/audit.md, for real on PostgreSQL: migrations
 * run as the owning role, the server runs as an application role that holds
 * only SELECT and INSERT on the audit trail — it starts, serves, signs in
 * nobody it should not, and cannot change a row of the trail.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openPostgres, sql } from '../../src/platform/db/index.ts';
import { testTarget } from '../support/db.ts';
import { childEnv, freePort, fuju, startServer } from '../support/processes.ts';
import { databaseUrl } from '../support/templates.ts';

describe('production roles on PostgreSQL', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `fuju_owner_${suffix}`;
  const app = `fuju_app_${suffix}`;
  const name = `fuju_prod_${suffix}`;
  const password = randomBytes(12).toString('hex');
  let admin: Db;
  const urlFor = (role: string) => {
    const url = new URL(databaseUrl(process.env.DATABASE_URL as string, name));
    url.username = role;
    url.password = password;
    return url.href;
  };

  beforeAll(async () => {
    if (testTarget() !== 'postgres') return;
    admin = openPostgres(process.env.DATABASE_URL as string, { max: 1 });
    // One statement per call: CREATE and DROP DATABASE refuse to run inside a multi-statement script.
    await admin.exec(`create role ${owner} login password '${password}'`);
    await admin.exec(`create role ${app} login password '${password}'`);
    await admin.exec(`create database ${name} owner ${owner}`);
    const inDatabase = openPostgres(databaseUrl(process.env.DATABASE_URL as string, name), { max: 1 });
    await inDatabase.exec(`revoke create on schema public from public;
      grant create, usage on schema public to ${owner};
      grant usage on schema public to ${app};
      alter default privileges for role ${owner} in schema public grant select, insert, update, delete on tables to ${app};
      alter default privileges for role ${owner} in schema public grant usage, select on sequences to ${app};`);
    await inDatabase.close();
  }, 60_000);

  afterAll(async () => {
    if (testTarget() !== 'postgres') return;
    await admin.exec(`drop database if exists ${name} with (force)`);
    await admin.exec(`drop role if exists ${app}`);
    await admin.exec(`drop role if exists ${owner}`);
    await admin.close();
  });

  it.runIf(testTarget() === 'postgres')(
    'migrates as the owner, then serves as the application role, which cannot change the trail',
    async () => {
      const production = {
        NODE_ENV: 'production',
        FUJU_COOKIE_SECRET: 'q'.repeat(32),
        LOG_LEVEL: 'warn',
      };
      const migrated = await fuju(['migrate'], childEnv({ ...production, DATABASE_URL: urlFor(owner) }));
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);

      const server = await startServer(
        childEnv({ ...production, DATABASE_URL: urlFor(app) }),
        await freePort(),
      );
      try {
        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        const login = await fetch(`${server.url}/login`);
        expect(login.status).toBe(200);
        const cookie = login.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; ');
        const token = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1] as string;
        // No demo accounts in production: the sign-in fails, and the failure is on the trail.
        const attempt = await fetch(`${server.url}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            _csrf: token,
            username: 'demo-city-admin',
            password: 'demo-password-for-tests',
          }),
        });
        expect(attempt.status).toBe(401);
      } finally {
        await server.stop();
      }

      const asApp = openPostgres(urlFor(app), { max: 1 });
      try {
        const [row] = await asApp.query<{ n: number }>(sql`select count(*)::int as n from audit_event`);
        expect(row?.n).toBeGreaterThanOrEqual(1);
        await expect(asApp.query(sql`update audit_event set outcome = 'success'`)).rejects.toThrow(
          /permission denied/,
        );
        await expect(asApp.query(sql`delete from audit_event`)).rejects.toThrow(/permission denied/);
        await expect(asApp.query(sql`truncate audit_event`)).rejects.toThrow(/permission denied/);
      } finally {
        await asApp.close();
      }
    },
    60_000,
  );
});
