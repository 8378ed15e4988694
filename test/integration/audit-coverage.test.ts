/**
 * SECURITY.md 25: every write, every sign-in (success and failure), every
 * authorisation denial and every read of personal data makes exactly one
 * audit row. Each sensitive operation below runs once over HTTP, and the rows
 * it added are counted. The run prints the coverage figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../src/platform/crypto/index.ts';
import { sql } from '../../src/platform/db/index.ts';
import { signedInVisitor, type TestApp, testApp, Visitor } from '../support/app.ts';
import { testDemoPassword } from '../support/templates.ts';

let t: TestApp;
const covered: string[] = [];
const missed: string[] = [];

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  console.log(
    `audit coverage: ${covered.length} of ${covered.length + missed.length} sensitive operations wrote exactly one row${
      missed.length ? ` (not: ${missed.join(', ')})` : ''
    }`,
  );
  await t.close();
});

const rowsAfter = async (seq: number) =>
  t.database.db.query<{ action: string; outcome: string }>(
    sql`select action, outcome from audit_event where seq > ${seq} order by seq`,
  );
const head = async () =>
  (
    await t.database.db.query<{ seq: number }>(sql`select coalesce(max(seq), 0)::int as seq from audit_event`)
  )[0]?.seq ?? 0;

const tokenOn = async (visitor: Visitor, url: string) => {
  const page = await visitor.get(url);
  return /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
};

/** Runs one operation and checks it added exactly one row with this action and outcome. */
async function once(name: string, action: string, outcome: string, operation: () => Promise<unknown>) {
  const before = await head();
  await operation();
  const rows = await rowsAfter(before);
  const ok = rows.length === 1 && rows[0]?.action === action && rows[0]?.outcome === outcome;
  (ok ? covered : missed).push(name);
  expect(rows, name).toEqual([{ action, outcome }]);
}

/** A POST from a page already loaded: only the POST itself is measured. */
async function post(visitor: Visitor, formUrl: string, action: string, fields: Record<string, string>) {
  const token = await tokenOn(visitor, formUrl);
  return () => visitor.postWithToken(action, { ...fields, _csrf: token });
}

describe('one audit row per sensitive operation', () => {
  it('sign-in and sign-out', async () => {
    const v = new Visitor(t.app, '10.7.0.1');
    await once(
      'sign-in',
      'login.success',
      'success',
      await post(v, '/login', '/login', { username: 'demo-volunteer', password: testDemoPassword }),
    );
    await once('sign-out', 'logout.success', 'success', await post(v, '/account', '/logout', {}));
    const w = new Visitor(t.app, '10.7.0.2');
    await once(
      'failed sign-in',
      'login.failure',
      'failure',
      await post(w, '/login', '/login', { username: 'demo-volunteer', password: 'wrong-password' }),
    );
    for (let i = 0; i < 4; i++)
      await w.post('/login', '/login', { username: 'demo-volunteer', password: 'wrong-password' });
    await once(
      'locked sign-in',
      'login.refused',
      'denied',
      await post(w, '/login', '/login', { username: 'demo-volunteer', password: testDemoPassword }),
    );
    const r = new Visitor(t.app, '10.7.0.3');
    await once(
      'code sent',
      'login.code_sent',
      'success',
      await post(r, '/login/resident', '/login/resident', { phone: '13500000005' }),
    );
    await once(
      'wrong code',
      'login.failure',
      'failure',
      await post(r, '/login/resident/code', '/login/resident/code', { code: '000000' }),
    );
  });

  it('a resident’s own account', async () => {
    const v = await signedInVisitor(t.app, 'demo-resident');
    await once(
      'reveal own data',
      'resident.reveal',
      'success',
      await post(v, '/account', '/account/reveal', {}),
    );
    await once(
      'export own data',
      'account.export',
      'success',
      await post(v, '/account/export', '/account/export.json', {}),
    );
    await once(
      'ask for a correction',
      'account.correction_request',
      'success',
      await post(v, '/account/correction', '/account/correction', { field: 'name', message: '姓名有误' }),
    );
    await once(
      'end other sessions',
      'session.end',
      'success',
      await post(v, '/account/sessions', '/account/sessions/end', { sessionId: 'others' }),
    );
    await once(
      'change password',
      'account.password_change',
      'success',
      await post(v, '/account/password', '/account/password', {
        currentPassword: testDemoPassword,
        newPassword: 'a new resident passphrase',
        confirmPassword: 'a new resident passphrase',
      }),
    );
  });

  it('two-step verification', async () => {
    const v = await signedInVisitor(t.app, 'demo-researcher');
    await (await post(v, '/account/two-factor', '/account/two-factor', { action: 'start' }))();
    const page = await v.get('/account/two-factor');
    const secret = /otpauth:\/\/totp\/[^"]*secret=([A-Z2-7]+)/.exec(page.body)?.[1] as string;
    await once(
      'turn on TOTP',
      'account.second_factor_enable',
      'success',
      await post(v, '/account/two-factor', '/account/two-factor', {
        action: 'confirm',
        code: totpAt(secret, Math.floor(Date.now() / 1000)),
      }),
    );
    await once(
      'turn off TOTP',
      'account.second_factor_disable',
      'success',
      await post(v, '/account/two-factor', '/account/two-factor', {
        action: 'disable',
        password: testDemoPassword,
      }),
    );
  });

  it('administration', async () => {
    const sys = await signedInVisitor(t.app, 'demo-sysadmin');
    const sec = await signedInVisitor(t.app, 'demo-security-admin');
    await once(
      'create organisation',
      'organisation.create',
      'success',
      await post(sys, '/admin/organisations/new', '/admin/organisations/new', {
        type: 'volunteer',
        nameZh: '审计覆盖测试志愿队',
        nameEn: 'Audit coverage volunteers',
      }),
    );
    await once(
      'create user',
      'user.create',
      'success',
      await post(sys, '/admin/users/new', '/admin/users/new', {
        username: 'coverage-user',
        displayName: '覆盖测试',
        initialPassword: 'Coverage-Pass-2026',
      }),
    );
    const [user] = await t.database.db.query<{ id: string }>(
      sql`select id from app_user where username = 'coverage-user'`,
    );
    const [organisation] = await t.database.db.query<{ id: string }>(
      sql`select id from organisation where name_zh = '审计覆盖测试志愿队'`,
    );
    const userPage = `/admin/users/${user?.id}`;
    await once(
      'grant role',
      'grant.create',
      'success',
      await post(sec, userPage, `${userPage}/grants`, {
        role: 'volunteer',
        organisationId: organisation?.id as string,
      }),
    );
    const [grant] = await t.database.db.query<{ id: string }>(
      sql`select id from role_grant where user_id = ${user?.id}`,
    );
    await once(
      'revoke role',
      'grant.revoke',
      'success',
      await post(sec, userPage, `/admin/grants/${grant?.id}/revoke`, {}),
    );
    await once(
      'disable user',
      'user.disable',
      'success',
      await post(sys, userPage, `${userPage}/disable`, {}),
    );
    await once('enable user', 'user.enable', 'success', await post(sys, userPage, `${userPage}/enable`, {}));
    await once(
      'create token',
      'token.create',
      'success',
      await post(sec, '/admin/tokens/new', '/admin/tokens/new', {
        username: 'coverage-user',
        label: 'coverage',
      }),
    );
    const [token] = await t.database.db.query<{ id: string }>(
      sql`select id from api_token where label = 'coverage'`,
    );
    await once(
      'revoke token',
      'token.revoke',
      'success',
      await post(sec, '/admin/tokens', `/admin/tokens/${token?.id}/revoke`, {}),
    );
  });

  it('residents’ data and refusals', async () => {
    const worker = await signedInVisitor(t.app, 'demo-community-worker');
    const [resident] = await t.database.db.query<{ id: string }>(
      sql`select id from app_user where username = 'demo-resident'`,
    );
    const [other] = await t.database.db.query<{ id: string }>(
      sql`select id from app_user where username = 'demo-resident-2'`,
    );
    await once('list residents', 'resident.list', 'success', () => worker.get('/staff/residents'));
    await once('open a resident', 'resident.read', 'success', () =>
      worker.get(`/staff/residents/${resident?.id}`),
    );
    await once(
      'reveal a resident',
      'resident.reveal',
      'success',
      await post(worker, `/staff/residents/${resident?.id}`, `/staff/residents/${resident?.id}/reveal`, {
        reason: 'case',
      }),
    );
    await once('out-of-scope resident', 'resident.read', 'denied', () =>
      worker.get(`/staff/residents/${other?.id}`),
    );
    await once('page without the right', 'audit.read', 'denied', () => worker.get('/audit'));
    const auditor = await signedInVisitor(t.app, 'demo-auditor');
    await once('search the trail', 'audit.search', 'success', () => auditor.get('/audit'));
  });
});
