import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { type Keyring, loadKeyring } from '../../src/platform/crypto/index.ts';
import { type TestDatabase, testDatabase } from './db.ts';
import { type TemplateKind, testMasterKeyBase64 } from './templates.ts';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: TestDatabase;
  readonly config: Config;
  readonly keyring: Keyring;
  /** Every log line the app wrote, for checks that nothing personal is logged. */
  readonly logs: () => string;
  close(): Promise<void>;
}

export async function testApp(
  options: {
    kind?: TemplateKind;
    env?: Record<string, string>;
    beforeReady?: (app: FastifyInstance) => void;
  } = {},
): Promise<TestApp> {
  const database = await testDatabase(options.kind ?? 'demo');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    FUJU_MASTER_KEY: testMasterKeyBase64,
    ...options.env,
  });
  const keyring = await loadKeyring(database.db, config.masterKey as Buffer);
  const stream = new PassThrough();
  let logged = '';
  stream.on('data', (chunk: Buffer) => {
    logged += chunk.toString('utf8');
  });
  const app = await buildApp({
    config,
    db: database.db,
    keyring,
    logStream: stream,
    cookieSecret: 'x'.repeat(32),
  });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    config,
    keyring,
    logs: () => logged,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Cookies from a response, ready to send back as a Cookie header. */
export function cookieHeader(setCookie: string | string[] | undefined): string {
  return [setCookie ?? []]
    .flat()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** GETs a form page and returns its CSRF token and the cookies that go with it. */
export async function formSession(
  app: FastifyInstance,
  url: string,
): Promise<{ token: string; cookie: string }> {
  const response = await app.inject({ method: 'GET', url });
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${url}`);
  return { token, cookie: cookieHeader(response.headers['set-cookie']) };
}
