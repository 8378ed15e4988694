import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, formSession, type TestApp, testApp } from '../test/support/app.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { HttpError } from './platform/http/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({
    beforeReady: (app) => {
      app.get('/boom', { config: { access: 'public' }, schema: { hide: true } }, async () => {
        throw new Error('secret internal detail 610113199001011234');
      });
      app.get('/api/v1/boom', { config: { access: 'public' }, schema: { hide: true } }, async () => {
        throw new Error('secret internal detail');
      });
      app.get('/teapot', { config: { access: 'public' }, schema: { hide: true } }, async () => {
        throw new HttpError(403, 'not_yours', 'not yours');
      });
    },
  });
});
afterAll(() => t.close());

const pages = ['/', '/accessibility', '/preferences', '/api/docs'];

describe('operations', () => {
  it('answers /healthz', async () => {
    const response = await t.app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 while the database answers', async () => {
    expect((await t.app.inject('/readyz')).statusCode).toBe(200);
  });

  it('answers /readyz with 503 when the database is gone', async () => {
    const other = await testApp({ kind: 'empty' });
    await other.database.close();
    const response = await other.app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    await other.app.close();
  });

  it('returns the request id, and keeps a well-formed one given by the caller', async () => {
    const response = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-12345678' } });
    expect(response.headers['x-request-id']).toBe('abc-12345678');
    const generated = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id!' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('security headers (SECURITY.md 15)', () => {
  it.each(pages)('%s has a strict CSP, nosniff, frame-ancestors none and no-store', async (url) => {
    const response = await t.app.inject(url);
    expect(response.statusCode).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('same-origin');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('covers every GET route, with the same headers on each', async () => {
    const gets = t.app.registeredRoutes.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThanOrEqual(10);
    for (const { url } of gets) {
      const path = url.replace(':name', 'fuju.000000000000.css');
      const response = await t.app.inject(path);
      expect(response.statusCode, path).toBeLessThan(600);
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
      expect(String(response.headers['content-security-policy']), path).toContain("frame-ancestors 'none'");
      expect(response.headers['referrer-policy'], path).toBe('same-origin');
      expect(response.headers['x-request-id'], path).toBeDefined();
      expect(response.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('sends HSTS and Secure cookies when served over https', async () => {
    const secure = await testApp({ kind: 'empty', env: { FUJU_PUBLIC_URL: 'https://fuju.example' } });
    const response = await secure.app.inject({
      url: '/preferences',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(String(response.headers['set-cookie'])).toContain('__Host-fuju_csrf');
    expect(String(response.headers['set-cookie'])).toContain('Secure');
    await secure.close();
  });

  it('lets static assets be cached, and only those', async () => {
    const home = await t.app.inject('/');
    const css = /href="(\/assets\/fuju\.[0-9a-f]+\.css)"/.exec(home.body)?.[1] ?? '';
    const js = /src="(\/assets\/fuju\.[0-9a-f]+\.js)"/.exec(home.body)?.[1] ?? '';
    for (const url of [css, js]) {
      const asset = await t.app.inject(url);
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');
    }
    expect((await t.app.inject('/assets/fuju.000000000000.css')).statusCode).toBe(404);
    expect((await t.app.inject('/assets/..%2Fpackage.json')).statusCode).toBe(400);
  });
});

describe('errors', () => {
  it('renders an accessible 404 page', async () => {
    const response = await t.app.inject('/no-such-page');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body.match(/<h1/g)).toHaveLength(1);
    expect(response.body).toContain('找不到这个页面');
  });

  it('gives unknown API paths the JSON error body', async () => {
    for (const url of ['/api/v1/nothing', '/api/v2/products', '/api']) {
      const response = await t.app.inject(url);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });

  it('renders a 500 page with a reference and no internal detail', async () => {
    const response = await t.app.inject({ url: '/boom', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('Sorry, there is a problem with the service');
    expect(response.body).toContain(String(response.headers['x-request-id']));
    expect(response.body).not.toContain('secret internal detail');
    expect(response.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers API failures with a generic JSON error', async () => {
    const response = await t.app.inject('/api/v1/boom');
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'internal_error', message: 'internal error' } });
  });

  it('keeps the status of a deliberate error', async () => {
    const response = await t.app.inject({ url: '/teapot', cookies: { fuju_lang: 'en' } });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This action could not be completed');
  });

  it('answers API validation failures with 400 and the error body', async () => {
    const response = await t.app.inject('/api/v1/organisations?type=<script>');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
  });

  it('refuses to build an app with a route that has no schema', async () => {
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test' }),
      db: t.database.db,
      keyring: t.keyring,
      cookieSecret: 'y'.repeat(32),
    });
    expect(() => app.get('/no-schema', { config: { access: 'public' } }, async () => 'x')).toThrow(
      /has no schema/,
    );
    expect(() => app.get('/no-access', { schema: { hide: true } }, async () => 'x')).toThrow(
      /declares no access/,
    );
    await app.close();
  });
});

describe('language', () => {
  it('serves Chinese by default', async () => {
    const response = await t.app.inject('/');
    expect(response.body).toContain('<html lang="zh-CN"');
  });

  it('follows Accept-Language on a first visit', async () => {
    const response = await t.app.inject({ url: '/', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain('href="/?lang=zh-CN" lang="zh-CN"');
  });

  it('remembers ?lang= in a cookie, which then wins over Accept-Language', async () => {
    const switched = await t.app.inject('/accessibility?lang=en');
    expect(switched.body).toContain('<html lang="en"');
    const cookie = cookieHeader(switched.headers['set-cookie']);
    expect(cookie).toContain('fuju_lang=en');
    const later = await t.app.inject({ url: '/', headers: { cookie, 'accept-language': 'zh-CN' } });
    expect(later.body).toContain('<html lang="en"');
  });

  it('ignores an unknown language', async () => {
    const response = await t.app.inject('/?lang=xx');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="zh-CN"');
  });
});

describe('display preferences form', () => {
  it('saves preferences with a valid CSRF token and applies them', async () => {
    const { token, cookie } = await formSession(t.app, '/preferences');
    const response = await t.app.inject({
      method: 'POST',
      url: '/preferences',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: token,
        textSize: 'x-large',
        contrast: 'high',
        motion: 'reduced',
        reading: 'easy',
        returnTo: '/accessibility',
      }).toString(),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/preferences?saved=1&returnTo=%2Faccessibility');
    const saved = cookieHeader(response.headers['set-cookie']);
    const page = await t.app.inject({ url: response.headers.location as string, headers: { cookie: saved } });
    expect(page.body).toContain('class="fj-text-x-large fj-contrast-high fj-motion-reduced fj-easy-read"');
    expect(page.body).toContain('显示设置已保存');
    expect(page.body).toContain('href="/accessibility"');
  });

  it('refuses a POST without a CSRF token (403)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/preferences',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'textSize=large&contrast=standard&motion=standard&reading=standard&_csrf=forged',
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a forged cross-origin POST even with a token (403)', async () => {
    const { token, cookie } = await formSession(t.app, '/preferences');
    const response = await t.app.inject({
      method: 'POST',
      url: '/preferences',
      headers: {
        cookie,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `textSize=large&contrast=standard&motion=standard&reading=standard&_csrf=${token}`,
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses a redirect to another site', async () => {
    const { token, cookie } = await formSession(t.app, '/preferences');
    const response = await t.app.inject({
      method: 'POST',
      url: '/preferences',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `textSize=large&contrast=standard&motion=standard&reading=standard&returnTo=//evil.example&_csrf=${token}`,
    });
    expect(response.statusCode).toBe(400);
  });

  it('offers the way back from every page, and drops one that is not a local path', async () => {
    const home = await t.app.inject('/accessibility');
    expect(home.body).toContain('href="/preferences?returnTo=%2Faccessibility"');
    const odd = await t.app.inject('/preferences?returnTo=//evil.example&saved=1');
    expect(odd.statusCode).toBe(200);
    expect(odd.body).not.toContain('evil.example');
  });

  it('ignores a tampered preferences cookie', async () => {
    const response = await t.app.inject({
      url: '/',
      cookies: { fuju_display: 'text=<script>&contrast=high' },
    });
    expect(response.body).toContain('<html lang="zh-CN" class="fj-contrast-high"');
  });

  it('never changes state on GET', async () => {
    const response = await t.app.inject('/preferences?textSize=large');
    expect(String(response.headers['set-cookie'] ?? '')).not.toContain('fuju_display');
  });
});

describe('limits (SECURITY.md 16)', () => {
  it('refuses an oversized body with 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/preferences',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `textSize=${'a'.repeat(300 * 1024)}`,
    });
    expect(response.statusCode).toBe(413);
  });

  it('answers 429 past the rate limit, but never on health probes', async () => {
    const limited = await testApp({ kind: 'empty', env: { FUJU_RATE_LIMIT: '3' } });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await limited.app.inject('/api/v1/districts')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const body = (await limited.app.inject('/api/v1/districts')).json();
    expect(body.error.code).toBe('rate_limited');
    expect((await limited.app.inject('/healthz')).statusCode).toBe(200);
    await limited.close();
  });
});

describe('OpenAPI', () => {
  it('describes every /api/v1 route and nothing else', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths);
    expect(paths).toContain('/api/v1/districts');
    expect(paths).toContain('/api/v1/organisations');
    expect(paths.every((p) => p.startsWith('/api/v1/'))).toBe(true);
    const parameters = doc.paths['/api/v1/organisations'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(expect.arrayContaining(['type', 'district']));
  });

  it('renders the API reference page without scripts', async () => {
    const response = await t.app.inject('/api/docs?lang=en');
    expect(response.body).toContain('GET /api/v1/districts');
    expect(response.body).toContain('Data API reference');
    expect(response.body).toContain('city_federation | district_federation');
    const zh = await t.app.inject('/api/docs?lang=zh-CN');
    expect(zh.body).toContain('平台服务的区县及其行政区划代码');
  });
});

describe('logs (SECURITY.md 22)', () => {
  it('hold no query strings, cookies or personal fields', async () => {
    await t.app.inject({
      url: '/?idNumber=610113199001011234&phone=13812345678',
      headers: { cookie: 'session=s3cr3t-cookie', authorization: 'Bearer s3cr3t-token' },
    });
    await t.app.inject('/boom');
    t.app.log.info(
      { applicant: { idNumber: '610113199001011234', phone: '13812345678' } },
      'checking redaction',
    );
    const logs = t.logs();
    expect(logs).toContain('incoming request');
    expect(logs).toContain('[redacted]');
    for (const secret of ['610113199001011234', '13812345678', 's3cr3t-cookie', 's3cr3t-token']) {
      expect(logs).not.toContain(secret);
    }
  });
});
