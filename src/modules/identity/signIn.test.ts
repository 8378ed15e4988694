import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, signedInVisitor, type TestApp, testApp, Visitor } from '../../../test/support/app.ts';
import { testDemoPassword } from '../../../test/support/templates.ts';
import { totpAt } from '../../platform/crypto/index.ts';
import { sql } from '../../platform/db/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const lastAudit = async (action?: string) => {
  const [row] = await t.database.db.query<{
    action: string;
    outcome: string;
    actor_label: string;
    detail: object;
  }>(
    action === undefined
      ? sql`select action, outcome, actor_label, detail from audit_event order by seq desc limit 1`
      : sql`select action, outcome, actor_label, detail from audit_event where action = ${action} order by seq desc limit 1`,
  );
  return row;
};

const signIn = (visitor: Visitor, username: string, password: string) =>
  visitor.post('/login', '/login', { username, password });

describe('staff sign-in (SECURITY.md 1-4)', () => {
  it('signs in with the demo password and starts a server-side session in an HttpOnly, SameSite=Lax cookie', async () => {
    const visitor = new Visitor(t.app, '10.1.0.1');
    const response = await signIn(visitor, 'demo-city-admin', testDemoPassword);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account');
    const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('fuju_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect((await lastAudit())?.action).toBe('login.success');
    const page = await visitor.get('/');
    expect(page.body).toContain('demo-city-admin');
  });

  it('stores passwords as argon2id hashes', async () => {
    const rows = await t.database.db.query<{ password_hash: string }>(
      sql`select password_hash from app_user where password_hash is not null`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('issues a new session id at every sign-in', async () => {
    const a = new Visitor(t.app, '10.1.0.2');
    const b = new Visitor(t.app, '10.1.0.2');
    await signIn(a, 'demo-researcher', testDemoPassword);
    await signIn(b, 'demo-researcher', testDemoPassword);
    expect(a.cookie).toMatch(/fuju_session=/);
    expect(a.cookie.match(/fuju_session=([^;]+)/)?.[1]).not.toBe(b.cookie.match(/fuju_session=([^;]+)/)?.[1]);
  });

  it('gives the same answer for an unknown name and a wrong password, and audits both', async () => {
    const visitor = new Visitor(t.app, '10.1.0.3');
    const unknown = await signIn(visitor, 'nobody-here', 'whatever-password');
    const wrong = await signIn(visitor, 'demo-volunteer', 'wrong-password-1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const message = (body: string) => /<a href="#username">([^<]+)<\/a>/.exec(body)?.[1];
    expect(message(unknown.body)).toBe(message(wrong.body));
    const failure = await lastAudit('login.failure');
    expect(failure).toMatchObject({
      outcome: 'failure',
      actor_label: 'demo-volunteer',
      detail: { reason: 'bad_password' },
    });
  });

  it('refuses the 6th attempt after 5 failures, even with the right password, and audits it (SECURITY.md 2)', async () => {
    const visitor = new Visitor(t.app, '10.1.0.4');
    for (let i = 0; i < 5; i++) {
      expect((await signIn(visitor, 'demo-supplier', `wrong-password-${i}`)).statusCode).toBe(401);
    }
    const sixth = await signIn(visitor, 'demo-supplier', testDemoPassword);
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(sixth.body).toMatch(/尝试次数过多|Too many attempts/);
    expect(await lastAudit()).toMatchObject({
      action: 'login.refused',
      outcome: 'denied',
      actor_label: 'demo-supplier',
    });
  });

  it('does not let a lock from one address keep the owner out from another (per account and address)', async () => {
    const attacker = new Visitor(t.app, '10.1.0.5');
    for (let i = 0; i < 5; i++) await signIn(attacker, 'demo-department', `wrong-password-${i}`);
    expect((await signIn(attacker, 'demo-department', testDemoPassword)).statusCode).toBe(429);
    // The owner's own address is not locked; the account-wide delay (1 s after the 5th failure) has passed by then.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const owner = new Visitor(t.app, '10.1.0.6');
    expect((await signIn(owner, 'demo-department', testDemoPassword)).statusCode).toBe(303);
  });

  it('ends the session at sign-out: the old cookie no longer works (SECURITY.md 3)', async () => {
    const visitor = await signedInVisitor(t.app, 'demo-assessor');
    const oldCookie = visitor.cookie;
    expect((await visitor.get('/account')).statusCode).not.toBe(303);
    const page = await visitor.get('/');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const out = await visitor.postWithToken('/logout', { _csrf: token });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login?signedOut=1');
    expect((await lastAudit())?.action).toBe('logout.success');
    const replay = await t.app.inject({ url: '/account', headers: { cookie: oldCookie } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe('/login?returnTo=%2Faccount');
    const api = await t.app.inject({ url: '/api/v1/me', headers: { cookie: oldCookie } });
    expect(api.statusCode).toBe(401);
  });

  it('ends an idle session after the idle timeout', async () => {
    const visitor = await signedInVisitor(t.app, 'demo-researcher');
    await t.database.db.query(
      sql`update user_session set expires_at = now() - interval '1 second', last_seen_at = now() - interval '31 minutes'
          where ended_at is null and user_id = (select id from app_user where username = 'demo-researcher')`,
    );
    expect((await visitor.get('/account')).headers.location).toBe('/login?returnTo=%2Faccount');
  });

  it('shows when the session ends and extends it with a plain form', async () => {
    const visitor = await signedInVisitor(t.app, 'demo-volunteer');
    const page = await visitor.get('/');
    expect(page.body).toMatch(/data-expires-at="\d{4}-\d\d-\d\dT/);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const extended = await visitor.postWithToken('/session/extend', {
      _csrf: token,
      returnTo: '/accessibility',
    });
    expect(extended.statusCode).toBe(303);
    expect(extended.headers.location).toBe('/accessibility');
    const json = await t.app.inject({
      method: 'POST',
      url: '/session/extend',
      headers: {
        cookie: visitor.cookie,
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `_csrf=${encodeURIComponent(token)}`,
    });
    expect(Date.parse(json.json().expiresAt)).toBeGreaterThan(Date.now() + 29 * 60_000);
  });

  it('sends a visitor who is not signed in to the sign-in page, and back afterwards', async () => {
    const visitor = new Visitor(t.app, '10.1.0.7');
    const first = await visitor.get('/admin/users');
    expect(first.headers.location).toBe('/login?returnTo=%2Fadmin%2Fusers');
    const page = await visitor.get(first.headers.location as string);
    expect(page.body).toContain('name="returnTo" value="/admin/users"');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const response = await visitor.postWithToken('/login', {
      _csrf: token,
      username: 'demo-sysadmin',
      password: testDemoPassword,
      returnTo: '/admin/users',
    });
    expect(response.headers.location).toBe('/admin/users');
  });

  it('refuses a way back to another site', async () => {
    const visitor = new Visitor(t.app, '10.1.0.8');
    const response = await visitor.post('/login', '/login', {
      username: 'demo-sysadmin',
      password: testDemoPassword,
      returnTo: '//evil.example/',
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('cookies behind TLS (SECURITY.md 4)', () => {
  let tls: TestApp;
  beforeAll(async () => {
    tls = await testApp({ env: { FUJU_PUBLIC_URL: 'https://fuju.example' } });
  });
  afterAll(() => tls.close());

  it('names the session cookie __Host- and marks it Secure', async () => {
    const page = await tls.app.inject({ url: '/login', headers: { host: 'fuju.example' } });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const response = await tls.app.inject({
      method: 'POST',
      url: '/login',
      headers: {
        host: 'fuju.example',
        origin: 'https://fuju.example',
        cookie: cookieHeader(page.headers['set-cookie']),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({
        _csrf: token,
        username: 'demo-auditor',
        password: testDemoPassword,
      }).toString(),
    });
    expect(response.statusCode).toBe(303);
    const session = [response.headers['set-cookie']]
      .flat()
      .find((c) => c?.startsWith('__Host-fuju_session='));
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/HttpOnly/);
    expect(session).not.toMatch(/Domain=/i);
  });
});

describe('second factor (TOTP, SECURITY.md 6)', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await testApp({ env: { FUJU_REQUIRE_2FA: '1' } });
  });
  afterAll(() => strict.close());

  it('makes staff who read personal data enrol, then asks for a code at every sign-in', async () => {
    const visitor = new Visitor(strict.app, '10.2.0.1');
    const first = await visitor.post('/login', '/login', {
      username: 'demo-district-reviewer',
      password: testDemoPassword,
    });
    expect(first.headers.location).toBe('/login/two-factor');
    // Until the second factor is done, nothing else opens.
    expect((await visitor.get('/account')).headers.location).toBe('/login/two-factor');
    expect((await visitor.get('/api/v1/me')).statusCode).toBe(401);
    const setup = await visitor.get('/login/two-factor');
    const secret = /data-otpauth="otpauth:\/\/totp\/[^"]*secret=([A-Z2-7]+)/.exec(setup.body)?.[1] as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const wrong = await visitor.post('/login/two-factor', '/login/two-factor', { code: '000000' });
    expect(wrong.statusCode).toBe(401);
    const now = Math.floor(Date.now() / 1000);
    const done = await visitor.post('/login/two-factor', '/login/two-factor', { code: totpAt(secret, now) });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/account');
    expect((await visitor.get('/api/v1/me')).statusCode).toBe(200);

    const again = new Visitor(strict.app, '10.2.0.1');
    const second = await again.post('/login', '/login', {
      username: 'demo-district-reviewer',
      password: testDemoPassword,
    });
    expect(second.headers.location).toBe('/login/two-factor');
    const page = await again.get('/login/two-factor');
    expect(page.body).not.toContain('data-otpauth');
    // The code just used cannot be replayed; the next time step's code works.
    expect(
      (await again.post('/login/two-factor', '/login/two-factor', { code: totpAt(secret, now) })).statusCode,
    ).toBe(401);
    const next = await again.post('/login/two-factor', '/login/two-factor', {
      code: totpAt(secret, now + 30),
    });
    expect(next.headers.location).toBe('/account');
  });

  it('lets staff without access to personal data in with a password alone', async () => {
    const visitor = new Visitor(strict.app, '10.2.0.2');
    const response = await visitor.post('/login', '/login', {
      username: 'demo-supplier',
      password: testDemoPassword,
    });
    expect(response.headers.location).toBe('/account');
  });
});

describe('resident sign-in with a text message code', () => {
  const codeFromLog = () => {
    const lines = t
      .logs()
      .split('\n')
      .filter((line) => line.includes('demo SMS to'));
    return /(?:验证码是|code is) (\d{6})/.exec(lines.at(-1) ?? '')?.[1] as string;
  };

  it('sends a code through the outbox, signs the resident in and creates their account', async () => {
    const visitor = new Visitor(t.app, '10.3.0.1');
    const sent = await visitor.post('/login/resident', '/login/resident', { phone: '139 1234 5678' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/login/resident/code');
    const [outbox] = await t.database.db.query<{ recipient_sealed: string; body_sealed: string }>(
      sql`select recipient_sealed, body_sealed from outbox_message order by created_at desc limit 1`,
    );
    expect(outbox?.recipient_sealed).not.toContain('13912345678');
    expect(t.keyring.open(outbox?.recipient_sealed as string)).toBe('13912345678');
    // Demo mode shows the code in the log, next to a masked number only.
    expect(t.logs()).toContain('demo SMS to 139****5678');
    expect(t.logs()).not.toContain('13912345678');
    const codePage = await visitor.get('/login/resident/code');
    expect(codePage.body).toContain('139****5678');
    expect(codePage.body).not.toContain('13912345678');
    const wrong = await visitor.post('/login/resident/code', '/login/resident/code', { code: '000000' });
    expect(wrong.statusCode).toBe(401);
    const right = await visitor.post('/login/resident/code', '/login/resident/code', { code: codeFromLog() });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/account/resident-id?welcome=1');
    const me = (await visitor.get('/api/v1/me')).json();
    expect(me).toMatchObject({ kind: 'resident', roles: [{ role: 'resident' }] });
    // A code is used once.
    const reuse = new Visitor(t.app, '10.3.0.1');
    await reuse.post('/login/resident', '/login/resident', { phone: '13912345678' }).catch(() => undefined);
  });

  it('limits codes per phone (one a minute) with 429 and an audit row', async () => {
    const visitor = new Visitor(t.app, '10.3.0.2');
    expect(
      (await visitor.post('/login/resident', '/login/resident', { phone: '13700000007' })).statusCode,
    ).toBe(303);
    const again = await visitor.post('/login/resident', '/login/resident', { phone: '13700000007' });
    expect(again.statusCode).toBe(429);
    expect((await lastAudit())?.action).toBe('login.code_refused');
  });

  it('explains a phone number that is not valid', async () => {
    const visitor = new Visitor(t.app, '10.3.0.3');
    const response = await visitor.post('/login/resident', '/login/resident', { phone: '12345' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#phone"');
  });
});

describe('API tokens (Authorization: Bearer)', () => {
  it('acts as the token’s user with that user’s scope, and never with a cookie’s', async () => {
    const { issueToken } = await import('./admin.ts');
    const [user] = await t.database.db.query<{ id: string }>(
      sql`select id from app_user where username = 'demo-city-admin'`,
    );
    const { token } = await issueToken(t.database.db, null, null, {
      userId: user?.id as string,
      label: 'test',
      ttlHours: 1,
    });
    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('demo-city-admin');
    const users = await t.app.inject({ url: '/api/v1/users', headers: { authorization: `Bearer ${token}` } });
    expect(users.statusCode).toBe(200);
    const bad = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}x` } });
    expect(bad.statusCode).toBe(401);
    const stored = await t.database.db.query<{ token_hash: string }>(sql`select token_hash from api_token`);
    expect(JSON.stringify(stored)).not.toContain(token);
  });
});

describe('sign out everywhere', () => {
  it('ends every session of the user, this one included', async () => {
    const laptop = await signedInVisitor(t.app, 'demo-resident-2');
    const phone = await signedInVisitor(t.app, 'demo-resident-2');
    const out = await phone.post('/account/sessions', '/logout/everywhere', {});
    expect(out.headers.location).toBe('/login?signedOut=1');
    expect((await laptop.get('/account')).statusCode).toBe(303);
    expect((await phone.get('/account')).statusCode).toBe(303);
    expect((await lastAudit())?.action).toBe('logout.everywhere');
  });
});

describe('the API reference says which endpoints need a token', () => {
  it('marks every non-public endpoint with the bearer scheme', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json();
    expect(doc.components.securitySchemes.token).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const path of [
      '/api/v1/me',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/residents',
      '/api/v1/residents/{id}',
    ]) {
      expect(doc.paths[path].get.security, path).toEqual([{ token: [] }]);
    }
    expect(doc.paths['/api/v1/districts'].get.security).toBeUndefined();
    const page = await t.app.inject({ url: '/api/docs', cookies: { fuju_lang: 'en' } });
    expect(page.body).toContain('Authorization: Bearer &lt;token>');
    expect(page.body).toContain('Token required');
  });
});
