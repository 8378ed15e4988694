import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase, testTarget } from '../support/db.ts';
import { childEnv, freePort, fuju, run, type Server, startServer } from '../support/processes.ts';

/**
 * The platform as an operator runs it: `npm start`'s command in a child
 * process, the `fuju` command beside it, signals to stop it.
 */
describe('server and fuju command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuju-it-'));
  let database: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;
  let server: Server;

  beforeAll(async () => {
    if (testTarget() === 'postgres') {
      database = await testDatabase('empty');
      env = childEnv({ DATABASE_URL: database.url as string, FUJU_DEMO_PASSWORD: 'demo-password-1' });
    } else {
      env = childEnv({ FUJU_DATA_DIR: dataDir });
    }
    server = await startServer(env, await freePort());
  }, 60_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on an empty database within 15 s and fills it with demo data', async () => {
    expect(server.startedInMs).toBeLessThan(15_000);
    const { items } = await (await fetch(`${server.url}/api/v1/districts`)).json();
    expect(items).toHaveLength(13);
    if (testTarget() === 'pglite') {
      expect(server.output()).toMatch(/the demo accounts' password is demo-\S{10,}/);
    } else {
      expect(server.output()).not.toContain('demo-password-1');
    }
  });

  it('runs fuju migrate and fuju seed demo against the running server', async () => {
    const migrate = await fuju(['migrate'], env);
    expect(migrate.stderr).toBe('');
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(
      testTarget() === 'pglite' ? /up to date \(via running server\)/ : /up to date \(via DATABASE_URL\)/,
    );
    const seed = await fuju(['seed', 'demo'], env);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toContain('identity.districts=13');
    // The server still answers after the command came and went.
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it.runIf(testTarget() === 'pglite')('refuses a second server on the same data directory', async () => {
    const second = await run(['--import', 'tsx', 'src/main.ts'], { ...env, PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toContain('is in use by a running Fuju server');
  });

  it('stops cleanly on SIGTERM within 10 s, then restarts within 5 s', async () => {
    const { code, ms } = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    if (testTarget() === 'pglite') expect(existsSync(join(dataDir, '.s.PGSQL.5432'))).toBe(false);
    server = await startServer(env, await freePort());
    expect(server.startedInMs).toBeLessThan(5_000);
    expect(server.output()).not.toContain('password');
  });
});

describe('production mode', () => {
  it.runIf(testTarget() === 'pglite')('creates no demo data and prints no demo password', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuju-prod-'));
    const production = await startServer(
      childEnv({
        NODE_ENV: 'production',
        FUJU_COOKIE_SECRET: 'p'.repeat(32),
        FUJU_DATA_DIR: dir,
        LOG_LEVEL: 'warn',
      }),
      await freePort(),
    );
    try {
      const { items } = await (await fetch(`${production.url}/api/v1/organisations`)).json();
      expect(items).toEqual([]);
      expect(production.output()).not.toContain('password');
      expect((await fetch(`${production.url}/design/components`)).status).toBe(404);
    } finally {
      await production.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('failing cleanly', () => {
  it('stops start-up on bad configuration with one line, exit 1, no stack trace', async () => {
    const result = await run(['--import', 'tsx', 'src/main.ts'], childEnv({ PORT: 'abc' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'fuju: configuration error: PORT must be an integer from 0 to 65535 (got "abc")',
    );
    expect(result.stdout).toBe('');
  });

  it('answers an unknown command in one line with exit 2', async () => {
    const result = await fuju(['frobnicate'], childEnv({}));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('fuju: unknown command "frobnicate"; `fuju help` lists the commands\n');
  });

  it('explains a wrong argument in one line', async () => {
    const result = await fuju(['seed', 'everything'], childEnv({}));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('fuju seed: usage: fuju seed demo');
  });

  it('never seeds demo data in production', async () => {
    const result = await fuju(
      ['seed', 'demo'],
      childEnv({ NODE_ENV: 'production', FUJU_COOKIE_SECRET: 'z'.repeat(32) }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('fuju seed: demo data is never created when NODE_ENV=production');
  });

  it('lists its commands on help', async () => {
    const result = await fuju(['help'], childEnv({}));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/migrate[\s\S]*seed[\s\S]*help/);
  });
});
