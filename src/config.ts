import { isAbsolute, resolve } from 'node:path';

/**
 * Every setting Fuju reads from its environment, validated once at start-up.
 * A wrong value stops start-up with one line naming the variable and what is
 * allowed (see `ConfigError`), so an operator never meets a stack trace.
 */
export interface Config {
  readonly env: 'development' | 'test' | 'production';
  /** Demo mode: anything but production fills an empty database with demo data. */
  readonly demo: boolean;
  readonly port: number;
  readonly host: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database is used. */
  readonly databaseUrl: string | undefined;
  /** Absolute path of the embedded database's folder. */
  readonly dataDir: string;
  /** Password of every demo account; undefined means one is generated at start. */
  readonly demoPassword: string | undefined;
  readonly platformName: { readonly 'zh-CN': string; readonly en: string };
  /** The address residents use; https turns on Secure cookies and HSTS. */
  readonly publicUrl: URL | undefined;
  readonly trustProxy: boolean;
  readonly logLevel: LogLevel;
  /** Requests per minute allowed from one address before 429. */
  readonly rateLimitPerMinute: number;
  /** Secret for signing cookies (CSRF); generated per process when absent outside production. */
  readonly cookieSecret: string | undefined;
  /** Key that wraps the data keys of personal-data encryption; required in production. */
  readonly masterKey: Buffer | undefined;
  /** Staff who can read personal data must sign in with a second factor (SECURITY.md 6). */
  readonly requireSecondFactor: boolean;
  /** Minutes without a request after which a session ends (SECURITY.md 3). */
  readonly sessionIdleMinutes: number;
  /** Staff passwords: at least three kinds of character (MLPS; residents are never asked). */
  readonly staffPasswordComplexity: boolean;
  /** Days after which staff must choose a new password; 0 turns periodic change off. */
  readonly staffPasswordMaxAgeDays: number;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly allowed: string,
    readonly got: string,
  ) {
    super(`${variable} must be ${allowed} (got ${JSON.stringify(got)})`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(name, `one of ${allowed.join(', ')}`, raw);
}

function integer(env: Env, name: string, min: number, max: number, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `an integer from ${min} to ${max}`, raw);
  }
  return Number(raw);
}

function flag(env: Env, name: string): boolean {
  return oneOf(env, name, ['0', '1', 'true', 'false'], '0') === '1' || env[name] === 'true';
}

function url(env: Env, name: string, protocols: readonly string[]): URL | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `a URL starting with ${protocols.join(' or ')}`, redactUrl(raw));
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `a URL starting with ${protocols.join(' or ')}`, redactUrl(raw));
  }
  return parsed;
}

/** A database URL can carry a password: never echo it back. */
function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

function text(env: Env, name: string, fallback: string, maxLength = 200): string {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (raw.length > maxLength)
    throw new ConfigError(name, `at most ${maxLength} characters`, raw.slice(0, 20));
  return raw.trim();
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'], 'development');
  const production = nodeEnv === 'production';
  const database = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const dataDirRaw = text(env, 'FUJU_DATA_DIR', './data', 1000);
  const demoPassword = env.FUJU_DEMO_PASSWORD || undefined;
  if (demoPassword !== undefined && demoPassword.length < 10) {
    throw new ConfigError('FUJU_DEMO_PASSWORD', 'at least 10 characters', '***');
  }
  const cookieSecret = env.FUJU_COOKIE_SECRET || undefined;
  if (cookieSecret !== undefined && cookieSecret.length < 32) {
    throw new ConfigError('FUJU_COOKIE_SECRET', 'at least 32 characters', '***');
  }
  if (production && cookieSecret === undefined) {
    throw new ConfigError('FUJU_COOKIE_SECRET', 'set (at least 32 characters) when NODE_ENV=production', '');
  }
  const masterKeyRaw = env.FUJU_MASTER_KEY || undefined;
  let masterKey: Buffer | undefined;
  if (masterKeyRaw !== undefined) {
    masterKey = Buffer.from(masterKeyRaw, 'base64');
    if (masterKey.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(masterKeyRaw)) {
      throw new ConfigError('FUJU_MASTER_KEY', '32 bytes in base64 (openssl rand -base64 32)', '***');
    }
  }
  if (production && masterKey === undefined) {
    throw new ConfigError('FUJU_MASTER_KEY', 'set (32 bytes in base64) when NODE_ENV=production', '');
  }
  return {
    env: nodeEnv,
    demo: !production,
    port: integer(env, 'PORT', 0, 65535, 3000),
    host: text(env, 'HOST', '127.0.0.1'),
    databaseUrl: database?.href,
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw),
    demoPassword,
    platformName: {
      'zh-CN': text(env, 'FUJU_PLATFORM_NAME', '西安市科技助残服务平台'),
      en: text(env, 'FUJU_PLATFORM_NAME_EN', "Xi'an Assistive Technology Service Platform"),
    },
    publicUrl: url(env, 'FUJU_PUBLIC_URL', ['http:', 'https:']),
    trustProxy: flag(env, 'FUJU_TRUST_PROXY'),
    logLevel: oneOf(env, 'LOG_LEVEL', logLevels, nodeEnv === 'test' ? 'silent' : 'info'),
    rateLimitPerMinute: integer(env, 'FUJU_RATE_LIMIT', 1, 1_000_000, 600),
    cookieSecret,
    masterKey,
    requireSecondFactor: flag(env, 'FUJU_REQUIRE_2FA'),
    sessionIdleMinutes: integer(env, 'FUJU_SESSION_IDLE_MINUTES', 5, 480, 30),
    staffPasswordComplexity: oneOf(env, 'FUJU_STAFF_PASSWORD_COMPLEXITY', ['0', '1'], '1') === '1',
    staffPasswordMaxAgeDays: integer(env, 'FUJU_STAFF_PASSWORD_MAX_AGE_DAYS', 0, 3650, 90),
  };
}

/** The configuration table in README.md is checked against this list by a test. */
export const configVariables = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'DATABASE_URL',
  'FUJU_DATA_DIR',
  'FUJU_DEMO_PASSWORD',
  'FUJU_PLATFORM_NAME',
  'FUJU_PLATFORM_NAME_EN',
  'FUJU_PUBLIC_URL',
  'FUJU_TRUST_PROXY',
  'LOG_LEVEL',
  'FUJU_RATE_LIMIT',
  'FUJU_COOKIE_SECRET',
  'FUJU_MASTER_KEY',
  'FUJU_REQUIRE_2FA',
  'FUJU_SESSION_IDLE_MINUTES',
  'FUJU_STAFF_PASSWORD_COMPLEXITY',
  'FUJU_STAFF_PASSWORD_MAX_AGE_DAYS',
] as const;
