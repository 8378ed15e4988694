import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({}, '/srv/fuju');
    expect(config).toMatchObject({
      env: 'development',
      demo: true,
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '/srv/fuju/data',
      platformName: { 'zh-CN': '西安市科技助残服务平台' },
    });
  });

  it('is never in demo mode in production', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      FUJU_COOKIE_SECRET: 'x'.repeat(32),
      FUJU_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    expect(config.demo).toBe(false);
  });

  it.each([
    ['PORT', 'abc', /PORT must be an integer from 0 to 65535/],
    ['PORT', '70000', /PORT must be an integer from 0 to 65535/],
    ['NODE_ENV', 'staging', /NODE_ENV must be one of development, test, production/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a URL starting with postgres: or postgresql:/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of fatal/],
    ['FUJU_DEMO_PASSWORD', 'short', /FUJU_DEMO_PASSWORD must be at least 10 characters/],
    ['FUJU_TRUST_PROXY', 'yes', /FUJU_TRUST_PROXY must be one of 0, 1, true, false/],
    ['FUJU_RATE_LIMIT', '0', /FUJU_RATE_LIMIT must be an integer from 1/],
    ['FUJU_PUBLIC_URL', 'ftp://x', /FUJU_PUBLIC_URL must be a URL starting with http: or https:/],
  ])('refuses %s=%s with one line naming the variable', (name, value, message) => {
    const attempt = () => loadConfig({ [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });

  it('requires a cookie secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/FUJU_COOKIE_SECRET must be set/);
  });

  it('never echoes a database password or a demo password', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://fuju:hunter2secret@db/fuju' });
    } catch (error) {
      expect(String(error)).not.toContain('hunter2secret');
    }
    try {
      loadConfig({ FUJU_DEMO_PASSWORD: 'hunter2' });
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
    expect.assertions(2);
  });

  it('accepts a PostgreSQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://fuju@127.0.0.1:5432/fuju' }).databaseUrl).toBe(
      'postgres://fuju@127.0.0.1:5432/fuju',
    );
  });
});

describe('documentation', () => {
  it('README lists every variable the configuration reads, and no other', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
    const read = new Set([...source.matchAll(/env(?:, |\.)'?([A-Z0-9_]{3,})'?/g)].map((m) => m[1]));
    expect([...read].sort()).toEqual([...configVariables].sort());
    const documented = [...readme.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...configVariables].sort());
  });
});
