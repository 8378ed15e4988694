import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, Visitor } from '../../../../../test/support/app.ts';
import { testDemoPassword } from '../../../../../test/support/templates.ts';
import { maskResidentId, totpAt } from '../../../../platform/crypto/index.ts';
import { sql } from '../../../../platform/db/index.ts';
import { makeResidentId } from '../../../../platform/ids/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const phonePattern = /\b1[3-9]\d{9}\b/;
const idPattern = /\b\d{17}[\dX]\b/;

// The demo residents, as seed/xian/demo-accounts.json makes them.
const resident = {
  phone: '13900000001',
  id: makeResidentId('610113', '1968-05-12', '031'),
};
const resident2 = {
  phone: '13900000002',
  id: makeResidentId('610112', '1975-09-03', '042'),
};

const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;

const lastAudit = async () => {
  const [row] = await t.database.db.query<{ action: string }>(
    sql`select action from audit_event order by seq desc limit 1`,
  );
  return row?.action;
};

const pageRoutes = [
  '/account',
  '/account/export',
  '/account/correction',
  '/account/sessions',
  '/account/password',
  '/account/two-factor',
  '/account/resident-id',
];

describe('every account page', () => {
  it('sends an anonymous visitor to sign in first', async () => {
    const response = await t.app.inject('/account');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/login?returnTo=%2Faccount');
  });

  it.each(['demo-resident', 'demo-city-admin'])('answers %s with one h1 on every page', async (username) => {
    const visitor = await signedInVisitor(t.app, username);
    for (const url of pageRoutes) {
      const response = await visitor.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(h1Count(response.body), url).toBe(1);
      expect(response.headers['cache-control'], url).toContain('no-store');
    }
    for (const action of ['/account/reveal', '/account/export']) {
      const response = await visitor.post('/account', action, {});
      expect(response.statusCode, action).toBe(200);
      expect(h1Count(response.body), action).toBe(1);
      expect(response.headers['cache-control'], action).toContain('no-store');
    }
    const json = await visitor.post('/account/export', '/account/export.json', {});
    expect(json.statusCode).toBe(200);
    expect(json.json().account.username).toBe(username);
  });

  it('shows the pages in English, role names included', async () => {
    const visitor = await signedInVisitor(t.app, 'demo-city-admin');
    const zh = await visitor.get('/account?lang=zh-CN');
    expect(zh.body).toContain('市级管理员（西安市残疾人联合会）');
    const en = await visitor.get('/account?lang=en');
    expect(en.body).toContain('<h1 class="fj-heading-l">My account</h1>');
    expect(en.body).toContain('City administrator');
  });
});

describe('my data (SECURITY.md 19, 21)', () => {
  it('masks the phone number and ID number on the account page', async () => {
    const visitor = await signedInVisitor(t.app, 'demo-resident');
    const page = await visitor.get('/account');
    expect(page.body).toContain('139****0001');
    expect(page.body).toContain(maskResidentId(resident.id));
    expect(page.body).toContain('雁塔区');
    expect(page.body).toContain('居民');
    expect(page.body).not.toMatch(phonePattern);
    expect(page.body).not.toMatch(idPattern);
    expect((await visitor.get('/account/export')).body).not.toMatch(idPattern);
  });

  it('shows them in full only in answer to a POST, and records the reading', async () => {
    const visitor = await signedInVisitor(t.app, 'demo-resident');
    const response = await visitor.post('/account', '/account/reveal', {});
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(resident.phone);
    expect(response.body).toContain(resident.id);
    expect(response.headers['cache-control']).toContain('no-store');
    expect(await lastAudit()).toBe('resident.reveal');
    // The language switch on the answer leads to a page that exists.
    expect(response.body).toContain('href="/account?lang=en"');
    expect((await t.app.inject({ method: 'GET', url: '/account/reveal' })).statusCode).toBe(404);
  });

  it('exports my own data as JSON, with nobody else’s', async () => {
    const visitor = await signedInVisitor(t.app, 'demo-resident');
    const response = await visitor.post('/account/export', '/account/export.json', {});
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="fuju-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.body).toContain(resident.phone);
    expect(response.body).toContain(resident.id);
    expect(response.body).not.toContain(resident2.phone);
    expect(response.body).not.toContain(resident2.id);
    expect(response.body).not.toContain('demo-resident-2');
    const data = response.json();
    expect(data.account).toMatchObject({
      username: 'demo-resident',
      phone: resident.phone,
      residentId: resident.id,
    });
    expect(data.roles).toEqual([{ role: 'resident', organisationNameZh: null, organisationNameEn: null }]);
    expect(await lastAudit()).toBe('account.export');
  });

  it('shows the same export as a readable page', async () => {
    const visitor = await signedInVisitor(t.app, 'demo-resident');
    const response = await visitor.post('/account/export', '/account/export', {});
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(resident.id);
    expect(response.body).toContain('login.success');
    expect(response.body).not.toContain(resident2.id);
    expect(response.body).toContain('action="/account/export.json"');
  });

  it('stores a correction request, after refusing an incomplete one', async () => {
    const visitor = await signedInVisitor(t.app, 'demo-resident');
    const empty = await visitor.post('/account/correction', '/account/correction', { message: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<title>错误：');
    expect(empty.body).toContain('href="#field"');
    expect(empty.body).toContain('href="#message"');
    const long = await visitor.post('/account/correction', '/account/correction', {
      field: 'name',
      message: '长'.repeat(1001),
    });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('说明不能超过 1000 个字');
    const sent = await visitor.post('/account/correction', '/account/correction', {
      field: 'district',
      message: '我已搬到长安区',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/account?done=correction');
    expect((await visitor.get('/account?done=correction')).body).toContain('您的更正申请已提交');
    const rows = await t.database.db.query<{ field: string; message_sealed: string; username: string }>(
      sql`select c.field, c.message_sealed, u.username from correction_request c join app_user u on u.id = c.user_id`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.field).toBe('district');
    expect(rows[0]?.username).toBe('demo-resident');
    expect(t.keyring.open(rows[0]?.message_sealed as string)).toBe('我已搬到长安区');
    expect(await lastAudit()).toBe('account.correction_request');
  });
});

describe('my sessions', () => {
  it('signs out one other session, then everywhere else', async () => {
    const first = await signedInVisitor(t.app, 'demo-resident-2');
    const second = await signedInVisitor(t.app, 'demo-resident-2');
    const third = await signedInVisitor(t.app, 'demo-resident-2');
    const list = await third.get('/account/sessions');
    expect(list.body).toContain('当前登录');
    const ids = [...list.body.matchAll(/name="sessionId" value="([0-9a-f]{64})"/g)].map(
      (m) => m[1] as string,
    );
    expect(ids.length).toBeGreaterThanOrEqual(2);
    // Sessions are listed most recently active first: the second visitor's comes before the first's.
    const ended = await third.post('/account/sessions', '/account/sessions/end', {
      sessionId: ids[0] as string,
    });
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toBe('/account/sessions?done=1');
    expect((await third.get('/account/sessions?done=1')).body).toContain('所选的登录已退出');
    expect((await second.get('/account')).headers.location).toBe('/login?returnTo=%2Faccount');
    expect((await first.get('/account')).statusCode).toBe(200);

    const others = await third.post('/account/sessions', '/account/sessions/end', { sessionId: 'others' });
    expect(others.headers.location).toBe('/account/sessions?done=1');
    const gone = await first.get('/account');
    expect(gone.statusCode).toBe(303);
    expect(gone.headers.location).toBe('/login?returnTo=%2Faccount');
    expect((await third.get('/account')).statusCode).toBe(200);
    expect(await lastAudit()).toBe('session.end');
  });

  it('cannot end another person’s session', async () => {
    const victim = await signedInVisitor(t.app, 'demo-assessor');
    const [row] = await t.database.db.query<{ id: string }>(
      sql`select s.id from user_session s join app_user u on u.id = s.user_id
          where u.username = 'demo-assessor' and s.ended_at is null order by s.created_at desc limit 1`,
    );
    const attacker = await signedInVisitor(t.app, 'demo-volunteer');
    await attacker.post('/account/sessions', '/account/sessions/end', { sessionId: row?.id as string });
    expect((await victim.get('/account')).statusCode).toBe(200);
    const bad = await attacker.post('/account/sessions', '/account/sessions/end', { sessionId: 'x' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('changing my password (SECURITY.md 1, 3)', () => {
  it('refuses a wrong current password, a weak or mismatched one, then changes it', async () => {
    const other = await signedInVisitor(t.app, 'demo-supplier');
    const visitor = await signedInVisitor(t.app, 'demo-supplier');
    const form = await visitor.get('/account/password?expired=1');
    expect(form.body).toContain('autocomplete="current-password"');
    expect(form.body).toContain('autocomplete="new-password"');
    expect(form.body).toContain('按本平台规定需要修改');
    expect(form.body).toContain('至少 10 个字符');
    expect(form.body).toContain('包含小写字母、大写字母、数字和符号中的至少三种');

    const post = (fields: Record<string, string>) =>
      visitor.post('/account/password', '/account/password', fields);
    const strong = 'Kettle-Lamp-42-river';

    const missing = await post({});
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('请输入当前密码');
    expect(missing.body).toContain('请输入新密码');

    const wrong = await post({
      currentPassword: 'not-the-password',
      newPassword: strong,
      confirmPassword: strong,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('当前密码不正确');
    expect(wrong.body).not.toContain(strong);

    const mismatch = await post({
      currentPassword: testDemoPassword,
      newPassword: strong,
      confirmPassword: 'x',
    });
    expect(mismatch.body).toContain('两次输入的新密码不一致');

    const cases: [string, string][] = [
      ['short-1A', '新密码至少需要 10 个字符'],
      ['password123', '这个密码太常见'],
      ['alllowercaseletters', '新密码需要包含小写字母、大写字母、数字和符号中的至少三种'],
      ['Demo-Supplier-2024', '新密码不能包含您的用户名'],
      [testDemoPassword, '新密码不能与当前密码相同'],
    ];
    for (const [weak, message] of cases) {
      const response = await post({
        currentPassword: testDemoPassword,
        newPassword: weak,
        confirmPassword: weak,
      });
      expect(response.statusCode, weak).toBe(400);
      expect(response.body, weak).toContain(message);
      expect(response.body, weak).toContain('href="#newPassword"');
    }

    const changed = await post({
      currentPassword: testDemoPassword,
      newPassword: strong,
      confirmPassword: strong,
    });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe('/account?done=password');
    const after = await visitor.get('/account?done=password');
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('您的密码已修改');
    expect((await other.get('/account')).headers.location).toBe('/login?returnTo=%2Faccount');
    expect((await signedInVisitor(t.app, 'demo-supplier', strong)).cookie).not.toBe('');
  });
});

describe('two-step verification', () => {
  it('enrols with a code from the setup key, then asks for a code at sign-in, then turns off', async () => {
    const visitor = await signedInVisitor(t.app, 'demo-researcher');
    const off = await visitor.get('/account/two-factor');
    expect(off.body).toContain('value="start"');
    expect(off.body).not.toContain('id="setup-key"');
    const started = await visitor.post('/account/two-factor', '/account/two-factor', { action: 'start' });
    expect(started.statusCode).toBe(303);
    const page = await visitor.get('/account/two-factor');
    const secret = /id="setup-key"[^>]*>([A-Z2-7 ]+)</.exec(page.body)?.[1]?.replace(/ /g, '') as string;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(page.body).toContain('demo-researcher');

    const missing = await visitor.post('/account/two-factor', '/account/two-factor', {
      action: 'confirm',
      code: '12',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('请输入 6 位动态验证码');
    const now = Math.floor(Date.now() / 1000);
    const wrongCode = String((Number(totpAt(secret, now)) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await visitor.post('/account/two-factor', '/account/two-factor', {
      action: 'confirm',
      code: wrongCode,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('验证码不正确');
    // Still the same key after a wrong code.
    expect(wrong.body).toContain(secret.slice(0, 4));

    const confirmed = await visitor.post('/account/two-factor', '/account/two-factor', {
      action: 'confirm',
      code: totpAt(secret, now),
    });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/account?done=twoFactorOn');
    expect(await lastAudit()).toBe('account.second_factor_enable');

    await visitor.post('/account', '/logout', {});
    const again = new Visitor(t.app);
    const signIn = await again.post('/login', '/login', {
      username: 'demo-researcher',
      password: testDemoPassword,
    });
    expect(signIn.headers.location).toBe('/login/two-factor');
    const done = await again.post('/login/two-factor', '/login/two-factor', {
      code: totpAt(secret, now + 30),
    });
    expect(done.headers.location).toBe('/account');

    const on = await again.get('/account/two-factor');
    expect(on.body).toContain('value="disable"');
    const badPassword = await again.post('/account/two-factor', '/account/two-factor', {
      action: 'disable',
      password: 'not-the-password',
    });
    expect(badPassword.statusCode).toBe(400);
    expect(badPassword.body).toContain('密码不正确');
    const disabled = await again.post('/account/two-factor', '/account/two-factor', {
      action: 'disable',
      password: testDemoPassword,
    });
    expect(disabled.headers.location).toBe('/account?done=twoFactorOff');
    expect((await again.get('/account?done=twoFactorOff')).body).toContain('两步验证已关闭');
  });
});

describe('a new resident signed in by text message code', () => {
  const newPhone = '13712345678';
  const codeFromLog = () => {
    const lines = t
      .logs()
      .split('\n')
      .filter((line) => line.includes('demo SMS to 137****5678'));
    return /(?:验证码是|code is) (\d{6})/.exec(lines.at(-1) ?? '')?.[1] as string;
  };

  it('binds their ID number after refusing an invalid one and one bound elsewhere', async () => {
    const visitor = new Visitor(t.app, '10.9.0.1');
    await visitor.post('/login/resident', '/login/resident', { phone: newPhone });
    const signIn = await visitor.post('/login/resident/code', '/login/resident/code', {
      code: codeFromLog(),
    });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/account/resident-id?welcome=1');

    const welcome = await visitor.get('/account/resident-id?welcome=1');
    expect(welcome.body).toContain('您的账户已建立');
    expect(welcome.body).toContain('<option value="610113">雁塔区</option>');

    const account = await visitor.get('/account');
    expect(account.body).toContain('href="/account/resident-id"');
    expect(account.body).toContain('没有密码');
    expect(account.body).not.toMatch(phonePattern);
    const password = await visitor.get('/account/password');
    expect(password.body).toContain('账户没有密码');
    expect(password.body).not.toContain('name="currentPassword"');
    expect((await visitor.get('/account/two-factor')).body).toContain('不适用于您的账户');

    const valid = makeResidentId('610113', '1990-01-01', '123');
    const broken = `${valid.slice(0, 17)}${valid.endsWith('0') ? '1' : '0'}`;
    const post = (fields: Record<string, string>) =>
      visitor.post('/account/resident-id', '/account/resident-id', fields);

    const empty = await post({ residentId: '', districtCode: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请输入身份证号码');
    expect(empty.body).toContain('请选择户籍所在区县');

    const invalid = await post({ residentId: broken, districtCode: '610113' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('身份证号码不正确');
    expect(invalid.body).not.toMatch(idPattern);
    expect(invalid.body).toContain('<option value="610113" selected>');

    const taken = await post({ residentId: resident.id, districtCode: '610113' });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('已绑定到另一个账户');
    expect(taken.body).not.toMatch(idPattern);

    const bound = await post({ residentId: valid, districtCode: '610113' });
    expect(bound.statusCode).toBe(303);
    expect(bound.headers.location).toBe('/account?done=bound');
    const after = await visitor.get('/account?done=bound');
    expect(after.body).toContain('您的身份证号码已绑定到账户');
    expect(after.body).toContain('610113********');
    expect(after.body).not.toMatch(idPattern);
    expect((await visitor.get('/account/resident-id')).body).toContain('您的账户已绑定身份证号码 610113');

    const twice = await post({ residentId: valid, districtCode: '610113' });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('您的账户已经绑定了身份证号码');
  });

  it('tells staff binding does not apply to them', async () => {
    const staff = await signedInVisitor(t.app, 'demo-city-admin');
    const page = await staff.get('/account/resident-id');
    expect(page.body).toContain('只适用于居民账户');
    expect(page.body).not.toContain('name="residentId"');
    const refused = await staff.post('/account/resident-id', '/account/resident-id', {
      residentId: makeResidentId('610113', '1990-01-01', '456'),
      districtCode: '610113',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('wrote no phone or ID number to the logs', () => {
    expect(t.logs()).not.toMatch(phonePattern);
    expect(t.logs()).not.toMatch(idPattern);
  });
});
