import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { type Keyring, loadKeyring } from '../../src/platform/crypto/index.ts';
import { type TestDatabase, testDatabase } from './db.ts';
import { scanLog, scanResponse } from './scan.ts';
import { type TemplateKind, testDemoPassword, testMasterKeyBase64 } from './templates.ts';

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
    scanLog(chunk.toString('utf8'));
  });
  const app = await buildApp({
    config,
    db: database.db,
    keyring,
    logStream: stream,
    cookieSecret: 'x'.repeat(32),
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (typeof payload === 'string') {
      scanResponse(request.method, request.routeOptions.url ?? '', request.url, payload);
    }
    return payload;
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

/**
 * A browser-like visitor: keeps cookies between requests and fills in the
 * CSRF token of the page a form is posted from.
 */
export class Visitor {
  private readonly jar = new Map<string, string>();

  constructor(
    readonly app: FastifyInstance,
    /** The client address the server sees (sign-in throttling counts per address). */
    readonly remoteAddress = '127.0.0.1',
  ) {}

  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(setCookie: string | string[] | undefined): void {
    for (const line of [setCookie ?? []].flat()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const response = await this.app.inject({
      method: 'GET',
      url,
      remoteAddress: this.remoteAddress,
      headers: { cookie: this.cookie, ...headers },
    });
    this.keep(response.headers['set-cookie']);
    return response;
  }

  /** The CSRF token of the form on `formUrl`, as a browser would have it. */
  async csrfToken(formUrl: string): Promise<string> {
    const page = await this.get(formUrl);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${formUrl} (status ${page.statusCode})`);
    return token;
  }

  /**
   * GETs `formUrl` for its CSRF token, then POSTs the fields (urlencoded) to
   * `action`; pairs may repeat a name, as ticked checkboxes do.
   */
  async post(formUrl: string, action: string, fields: Record<string, string> | readonly [string, string][]) {
    const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
    return this.postWithToken(action, [...pairs, ['_csrf', await this.csrfToken(formUrl)]]);
  }

  async postWithToken(action: string, fields: Record<string, string> | readonly [string, string][]) {
    const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
    const response = await this.app.inject({
      method: 'POST',
      url: action,
      remoteAddress: this.remoteAddress,
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(pairs as [string, string][]).toString(),
    });
    this.keep(response.headers['set-cookie']);
    return response;
  }

  /** GETs `formUrl` for its CSRF token, then POSTs one file (multipart, field `file`) to `action`. */
  async upload(formUrl: string, action: string, file: { name: string; content: Buffer; type?: string }) {
    const token = await this.csrfToken(formUrl);
    const boundary = `----fuju-test-${randomUUID()}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await this.app.inject({
      method: 'POST',
      url: action,
      remoteAddress: this.remoteAddress,
      headers: { cookie: this.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    this.keep(response.headers['set-cookie']);
    return response;
  }
}

/** A visitor signed in with a username and password (the demo accounts share testDemoPassword). */
export async function signedInVisitor(
  app: FastifyInstance,
  username: string,
  password: string = testDemoPassword,
): Promise<Visitor> {
  const visitor = new Visitor(app);
  const response = await visitor.post('/login', '/login', { username, password });
  if (response.statusCode !== 303) {
    throw new Error(`sign-in as ${username} failed with ${response.statusCode}`);
  }
  return visitor;
}
