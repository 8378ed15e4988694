import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, Visitor } from '../../../../../test/support/app.ts';
import { sql } from '../../../../platform/db/index.ts';

let t: TestApp;
let sysadmin: Visitor;
let secadmin: Visitor;

beforeAll(async () => {
  t = await testApp();
  [sysadmin, secadmin] = await Promise.all([
    signedInVisitor(t.app, 'demo-sysadmin'),
    signedInVisitor(t.app, 'demo-security-admin'),
  ]);
});
afterAll(() => t.close());

/** A password that passes every rule, for the accounts the tests create. */
const initialPassword = 'Kx7!mq2-Lp9#wz';
const cityFederation = '西安市残疾人联合会';

const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};

const idOf = async (username: string) =>
  (await one<{ id: string }>(sql`select id from app_user where username = ${username}`)).id;
const organisationId = async (nameZh: string) =>
  (await one<{ id: string }>(sql`select id from organisation where name_zh = ${nameZh}`)).id;
const lastAudit = () =>
  one<{ action: string; outcome: string; object_id: string | null }>(
    sql`select action, outcome, object_id from audit_event order by seq desc limit 1`,
  );
const auditCount = async () =>
  Number((await one<{ n: string }>(sql`select count(*) as n from audit_event`)).n);

/** The system administrator creates a staff account through the form; returns its id. */
async function createUser(username: string): Promise<string> {
  const response = await sysadmin.post('/admin/users/new', '/admin/users/new', {
    username,
    displayName: '测试岗位（示例）',
    initialPassword,
  });
  expect(response.statusCode).toBe(303);
  const id = /^\/admin\/users\/([0-9a-f-]{36})\?done=userCreated$/.exec(
    String(response.headers.location),
  )?.[1];
  if (id === undefined) throw new Error(`unexpected redirect ${response.headers.location}`);
  return id;
}

async function grant(userId: string, role: string, organisation: string, by: Visitor = secadmin) {
  return by.post(`/admin/users/${userId}`, `/admin/users/${userId}/grants`, {
    role,
    organisationId: await organisationId(organisation),
  });
}

const liveGrantCount = async (userId: string) =>
  Number(
    (
      await one<{ n: string }>(
        sql`select count(*) as n from role_grant where user_id = ${userId} and revoked_at is null`,
      )
    ).n,
  );

const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;

describe('organisations', () => {
  it('lists organisations with translated types and filters by type and district', async () => {
    const response = await sysadmin.get('/admin/organisations?type=district_federation&district=610113');
    expect(response.statusCode).toBe(200);
    expect(h1Count(response.body)).toBe(1);
    expect(response.body).toContain('<caption');
    expect(response.body).toContain('西安市雁塔区残疾人联合会');
    expect(response.body).toContain('区县残联');
    expect(response.body).not.toContain('西安市未央区残疾人联合会');
    const english = await sysadmin.get('/admin/organisations?type=service_centre&lang=en');
    expect(english.body).toContain('Assistive technology service centre');
    await sysadmin.get('/admin/organisations?lang=zh-CN');
  });

  it('lets the system administrator create one, with errors on a bad form and an audit row', async () => {
    const empty = await sysadmin.post('/admin/organisations/new', '/admin/organisations/new', {
      nameZh: '',
      nameEn: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/<title>错误：/);
    expect(empty.body).toContain('fj-error-summary');
    expect(empty.body).toContain('href="#type"');
    expect(empty.body).toContain('请选择单位类型');
    expect(empty.body).toContain('请输入中文名称');

    const noDistrict = await sysadmin.post('/admin/organisations/new', '/admin/organisations/new', {
      type: 'community',
      nameZh: '雁塔区测试街道办事处',
      nameEn: 'Test Street Office',
      districtCode: '',
    });
    expect(noDistrict.statusCode).toBe(400);
    expect(noDistrict.body).toContain('区县残联和街道社区必须选择所在区县');
    expect(noDistrict.body).toContain('value="雁塔区测试街道办事处"');

    const created = await sysadmin.post('/admin/organisations/new', '/admin/organisations/new', {
      type: 'community',
      nameZh: '雁塔区测试街道办事处',
      nameEn: 'Test Street Office',
      shortNameZh: '测试街道',
      districtCode: '610113',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/admin/organisations?done=organisationCreated');
    expect(await lastAudit()).toMatchObject({ action: 'organisation.create', outcome: 'success' });
    const list = await sysadmin.get(String(created.headers.location));
    expect(list.body).toContain('已新建单位');
    expect(list.body).toContain('雁塔区测试街道办事处');

    const again = await sysadmin.post('/admin/organisations/new', '/admin/organisations/new', {
      type: 'community',
      nameZh: '雁塔区测试街道办事处',
      nameEn: 'Test Street Office',
      districtCode: '610113',
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('已有同名的单位');
  });

  it('is not offered to the security administrator, who may only read organisations', async () => {
    expect((await secadmin.get('/admin/organisations')).statusCode).toBe(200);
    expect((await secadmin.get('/admin/organisations/new')).statusCode).toBe(403);
  });
});

describe('changing an organisation', () => {
  const lastDetail = async () =>
    (
      await one<{ detail: Record<string, unknown> }>(
        sql`select detail from audit_event order by seq desc limit 1`,
      )
    ).detail;

  /** A community office of its own, so no other test's organisation is renamed. */
  async function createCommunity(nameZh: string): Promise<string> {
    const created = await sysadmin.post('/admin/organisations/new', '/admin/organisations/new', {
      type: 'community',
      nameZh,
      nameEn: 'Edit Test Street Office',
      districtCode: '610113',
    });
    expect(created.statusCode).toBe(303);
    return organisationId(nameZh);
  }

  it('lets the system administrator change the names and district, audited by field name', async () => {
    const id = await createCommunity('雁塔区修改测试街道办事处');
    const list = await sysadmin.get('/admin/organisations?type=community');
    expect(list.body).toContain(`href="/admin/organisations/${id}"`);

    const page = await sysadmin.get(`/admin/organisations/${id}`);
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    expect(page.body).toContain('修改单位：雁塔区修改测试街道办事处');
    expect(page.body).toContain('href="/admin/organisations"');
    expect(page.body).toContain('街道社区');
    expect(page.body).toContain('单位类型不能修改');
    expect(page.body).toContain('value="Edit Test Street Office"');
    expect(page.body).not.toContain('name="type"');

    const changed = await sysadmin.post(`/admin/organisations/${id}`, `/admin/organisations/${id}`, {
      nameZh: '雁塔区改名测试街道办事处',
      nameEn: 'Edit Test Street Office',
      shortNameZh: '改名测试',
      districtCode: '610113',
    });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe('/admin/organisations?done=organisationUpdated');
    expect(await lastAudit()).toMatchObject({
      action: 'organisation.update',
      outcome: 'success',
      object_id: id,
    });
    // Which fields changed, never what they now say.
    expect(await lastDetail()).toEqual({ fields: 'name_zh,short_name_zh' });
    const after = await sysadmin.get(String(changed.headers.location));
    expect(after.body).toContain('已保存对单位信息的修改');
    expect(after.body).toContain('雁塔区改名测试街道办事处');
    expect(after.body).not.toContain('雁塔区修改测试街道办事处');

    // Saving the same details again writes nothing.
    const before = await auditCount();
    const same = await sysadmin.post(`/admin/organisations/${id}`, `/admin/organisations/${id}`, {
      nameZh: '雁塔区改名测试街道办事处',
      nameEn: 'Edit Test Street Office',
      shortNameZh: '改名测试',
      districtCode: '610113',
    });
    expect(same.headers.location).toBe('/admin/organisations?done=nothingChanged');
    expect(await auditCount()).toBe(before);
  });

  it('refuses a taken name, a missing name and a district-bound organisation without a district', async () => {
    const id = await createCommunity('雁塔区校验测试街道办事处');
    const before = await auditCount();
    const taken = await sysadmin.post(`/admin/organisations/${id}`, `/admin/organisations/${id}`, {
      nameZh: cityFederation,
      nameEn: 'Edit Test Street Office',
      districtCode: '610113',
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toMatch(/<title>错误：/);
    expect(taken.body).toContain('fj-error-summary');
    expect(taken.body).toContain('href="#nameZh"');
    expect(taken.body).toContain('已有同名的单位');

    const noDistrict = await sysadmin.post(`/admin/organisations/${id}`, `/admin/organisations/${id}`, {
      nameZh: '雁塔区校验测试街道办事处',
      nameEn: 'Edit Test Street Office',
      districtCode: '',
    });
    expect(noDistrict.statusCode).toBe(400);
    expect(noDistrict.body).toContain('fj-error-summary');
    expect(noDistrict.body).toContain('href="#districtCode"');
    expect(noDistrict.body).toContain('区县残联和街道社区必须选择所在区县');

    const empty = await sysadmin.post(`/admin/organisations/${id}`, `/admin/organisations/${id}`, {
      nameZh: ' ',
      nameEn: '',
      districtCode: '610113',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请输入中文名称');
    expect(empty.body).toContain('请输入英文名称');
    // The page is still about the organisation as saved.
    expect(empty.body).toContain('修改单位：雁塔区校验测试街道办事处');

    const english = await sysadmin.post(`/admin/organisations/${id}?lang=en`, `/admin/organisations/${id}`, {
      nameZh: cityFederation,
      nameEn: 'x',
      districtCode: '610113',
    });
    expect(english.body).toContain('There is already an organisation with this name');
    await sysadmin.get('/admin?lang=zh-CN');
    expect(await auditCount()).toBe(before);
  });

  it('never changes the type: a posted type is refused as a field the form does not have', async () => {
    const id = await createCommunity('雁塔区类型测试街道办事处');
    const before = await auditCount();
    const response = await sysadmin.post(`/admin/organisations/${id}`, `/admin/organisations/${id}`, {
      type: 'city_federation',
      nameZh: '雁塔区类型测试街道办事处',
      nameEn: 'Edit Test Street Office',
      districtCode: '610113',
    });
    expect(response.statusCode).toBe(400);
    const row = await one<{ type: string }>(sql`select type from organisation where id = ${id}`);
    expect(row.type).toBe('community');
    expect(await auditCount()).toBe(before);
  });

  it('is refused (403) to the security and city administrators, and 404 for an unknown id', async () => {
    const id = await organisationId(cityFederation);
    const cityAdmin = await signedInVisitor(t.app, 'demo-city-admin');
    const fields = { nameZh: '不应改名', nameEn: 'Should not change', districtCode: '' };
    for (const visitor of [secadmin, cityAdmin]) {
      const list = await visitor.get('/admin/organisations');
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(`href="/admin/organisations/${id}"`);
      expect((await visitor.get(`/admin/organisations/${id}`)).statusCode).toBe(403);
      const post = await visitor.post('/admin/organisations', `/admin/organisations/${id}`, fields);
      expect(post.statusCode).toBe(403);
      expect(await lastAudit()).toMatchObject({ action: 'organisation.update', outcome: 'denied' });
    }
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await sysadmin.get(`/admin/organisations/${unknown}`)).statusCode).toBe(404);
    const post = await sysadmin.post('/admin/organisations', `/admin/organisations/${unknown}`, fields);
    expect(post.statusCode).toBe(404);
    expect((await sysadmin.get('/admin/organisations/not-a-uuid')).statusCode).toBe(400);
    const [renamed] = await t.database.db.query(sql`select 1 from organisation where name_zh = '不应改名'`);
    expect(renamed).toBeUndefined();
  });
});

describe('users', () => {
  it('lets the system administrator create a staff account that can sign in', async () => {
    const id = await createUser('test-created');
    expect(await lastAudit()).toMatchObject({ action: 'user.create', outcome: 'success', object_id: id });
    const page = await sysadmin.get(`/admin/users/${id}?done=userCreated`);
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    expect(page.body).toContain('test-created');
    expect(page.body).toContain('已新建账户');
    const user = new Visitor(t.app);
    const signIn = await user.post('/login', '/login', {
      username: 'test-created',
      password: initialPassword,
    });
    expect(signIn.statusCode).toBe(303);
    expect(String(signIn.headers.location)).toMatch(/^\/account/);
  });

  it.each([
    ['Bad Name', initialPassword, '用户名须为 3 到 64 位'],
    ['demo-sysadmin', initialPassword, '这个用户名已被使用'],
    ['test-short', 'Ab1!', '初始密码至少需要 10 个字符'],
    ['test-common', '1234567890', '这个密码太常见'],
    ['test-simple', 'abcdefghijkm', '初始密码须包含大写字母、小写字母、数字和符号中的至少三种'],
    ['test-named', 'test-named-X9!', '初始密码不能包含用户名'],
  ])('refuses %s / %s with a translated error', async (username, password, message) => {
    const response = await sysadmin.post('/admin/users/new', '/admin/users/new', {
      username,
      displayName: '测试岗位',
      initialPassword: password,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(message);
    expect(response.body).toMatch(/<title>错误：/);
    // The password typed is never sent back.
    expect(response.body).not.toContain(`value="${password}"`);
  });

  it('lists users with search and filters, masking residents and never showing numbers', async () => {
    const search = await sysadmin.get('/admin/users?q=demo-d');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('demo-district-reviewer');
    expect(search.body).toContain('demo-department');
    expect(search.body).not.toContain('>demo-sysadmin<');
    const residents = await sysadmin.get('/admin/users?kind=resident&status=active');
    expect(residents.body).toContain('demo-resident');
    expect(residents.body).not.toContain('示例居民（雁塔区）');
    expect(residents.body).not.toContain('13900000001');
    expect(residents.body).not.toMatch(/\d{17}[\dX]/);
    expect(residents.body).not.toContain('>demo-sysadmin<');
    // A wildcard typed in the search box is a letter, not a pattern.
    expect((await sysadmin.get('/admin/users?q=%25')).body).toContain('共 0 个用户');
    expect((await sysadmin.get('/admin/users?page=99')).statusCode).toBe(200);
    expect((await sysadmin.get('/admin/users/not-a-uuid')).statusCode).toBe(400);
  });

  it('lets the system administrator change a staff account’s display name, audited', async () => {
    const id = await createUser('test-renamed');
    const page = await sysadmin.get(`/admin/users/${id}`);
    expect(page.body).toContain(`action="/admin/users/${id}/display-name"`);
    expect(page.body).toContain('value="测试岗位（示例）"');

    const renamed = await sysadmin.post(`/admin/users/${id}`, `/admin/users/${id}/display-name`, {
      displayName: '  雁塔区残联审核员（测试）  ',
    });
    expect(renamed.statusCode).toBe(303);
    expect(renamed.headers.location).toBe(`/admin/users/${id}?done=displayNameChanged`);
    expect(await lastAudit()).toMatchObject({ action: 'user.update', outcome: 'success', object_id: id });
    const detail = await one<{ detail: Record<string, unknown> }>(
      sql`select detail from audit_event order by seq desc limit 1`,
    );
    expect(detail.detail).toEqual({ field: 'display_name' });
    const after = await sysadmin.get(String(renamed.headers.location));
    expect(after.body).toContain('已修改显示名称');
    expect(after.body).toContain('雁塔区残联审核员（测试）');

    const before = await auditCount();
    const empty = await sysadmin.post(`/admin/users/${id}`, `/admin/users/${id}/display-name`, {
      displayName: '   ',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('fj-error-summary');
    expect(empty.body).toContain('href="#displayName"');
    expect(empty.body).toContain('请输入显示名称');
    const long = await sysadmin.post(`/admin/users/${id}`, `/admin/users/${id}/display-name`, {
      displayName: '名'.repeat(101),
    });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('显示名称不能超过 100 个字');
    expect(await auditCount()).toBe(before);
  });

  it('refuses a display name change to the security administrator (403) and for a resident', async () => {
    const id = await idOf('demo-city-admin');
    const page = await secadmin.get(`/admin/users/${id}`);
    expect(page.body).not.toContain('/display-name"');
    const refused = await secadmin.post(`/admin/users/${id}`, `/admin/users/${id}/display-name`, {
      displayName: '改名',
    });
    expect(refused.statusCode).toBe(403);
    expect(await lastAudit()).toMatchObject({ action: 'user.update', outcome: 'denied' });

    // A resident's name is personal data, put right through their own correction request.
    const resident = await idOf('demo-resident');
    const residentPage = await sysadmin.get(`/admin/users/${resident}`);
    expect(residentPage.body).not.toContain('/display-name"');
    const before = await auditCount();
    const notStaff = await sysadmin.post(
      `/admin/users/${resident}`,
      `/admin/users/${resident}/display-name`,
      {
        displayName: '改名',
      },
    );
    expect(notStaff.statusCode).toBe(400);
    expect(notStaff.body).toContain('居民的姓名不能在这里修改');
    expect(notStaff.body).not.toContain('示例居民（雁塔区）');
    expect(await auditCount()).toBe(before);
  });

  it('paginates 50 users a page', async () => {
    await t.database.db.query(
      sql`insert into app_user (kind, username, display_name)
          select 'staff', 'bulk-' || lpad(n::text, 3, '0'), '批量账户' from generate_series(1, 60) n`,
    );
    const first = await sysadmin.get('/admin/users?q=bulk-');
    expect(first.body).toContain('共 60 个用户');
    expect(first.body.match(/href="\/admin\/users\/[0-9a-f-]{36}"/g)).toHaveLength(50);
    expect(first.body).toContain('href="/admin/users?q=bulk-&amp;page=2"');
    const second = await sysadmin.get('/admin/users?q=bulk-&page=2');
    expect(second.body.match(/href="\/admin\/users\/[0-9a-f-]{36}"/g)).toHaveLength(10);
    expect(second.body).toContain('bulk-060');
  });
});

describe('roles', () => {
  it('grants a role the user has at once, and revoking it takes effect on their next request', async () => {
    const id = await createUser('test-granted');
    const user = await signedInVisitor(t.app, 'test-granted', initialPassword);
    expect((await user.get('/admin/users')).statusCode).toBe(403);

    const granted = await grant(id, 'city_admin', cityFederation);
    expect(granted.statusCode).toBe(303);
    expect(granted.headers.location).toBe(`/admin/users/${id}?done=roleGranted`);
    expect(await lastAudit()).toMatchObject({ action: 'grant.create', outcome: 'success' });
    const page = await secadmin.get(String(granted.headers.location));
    expect(page.body).toContain('市残联管理员');
    expect(page.body).toContain('已授予角色');

    // Same session: grants are read on every request.
    expect((await user.get('/admin/users')).statusCode).toBe(200);

    const grantId = /action="\/admin\/grants\/([0-9a-f-]{36})\/revoke"/.exec(page.body)?.[1];
    if (grantId === undefined) throw new Error('no revoke button');
    const revoked = await secadmin.postWithToken(`/admin/grants/${grantId}/revoke`, {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
    });
    expect(revoked.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({
      action: 'grant.revoke',
      outcome: 'success',
      object_id: grantId,
    });
    expect((await user.get('/admin/users')).statusCode).toBe(403);

    // Revoking twice says so on the page rather than failing.
    const twice = await secadmin.post(`/admin/users/${id}`, `/admin/grants/${grantId}/revoke`, {});
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('已经撤销过了');
  });

  it('refuses to give one person two of the three administrator roles', async () => {
    const id = await createUser('test-separation');
    expect((await grant(id, 'security_admin', cityFederation)).statusCode).toBe(303);
    const before = await auditCount();
    const refused = await grant(id, 'auditor', cityFederation);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('系统管理员、安全管理员和审计管理员须由不同的人担任');
    expect(refused.body).toContain('href="#role"');
    expect(await liveGrantCount(id)).toBe(1);
    expect(await auditCount()).toBe(before);
  });

  it('refuses a role the organisation type does not hold, and a missing choice', async () => {
    const id = await createUser('test-org-type');
    const refused = await grant(id, 'assessor', cityFederation);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('这个角色不能在该类型的单位中授予');
    expect(refused.body).toContain('href="#organisationId"');
    const missing = await secadmin.post(`/admin/users/${id}`, `/admin/users/${id}/grants`, {
      role: '',
      organisationId: 'not-an-id',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('请选择角色');
    expect(missing.body).toContain('请从列表中选择单位');
    const resident = await idOf('demo-resident');
    const notStaff = await grant(resident, 'assessor', '西安市辅助器具服务中心（示例）');
    expect(notStaff.statusCode).toBe(400);
    expect(notStaff.body).toContain('只能给工作人员账户授予角色');
    expect(await liveGrantCount(id)).toBe(0);
  });

  it('never lets the security administrator act on their own account', async () => {
    const self = await idOf('demo-security-admin');
    const page = await secadmin.get(`/admin/users/${self}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('/grants"');
    expect(page.body).not.toContain('/revoke"');
    expect(page.body).not.toContain('/disable"');

    const before = await liveGrantCount(self);
    const selfGrant = await grant(self, 'city_admin', cityFederation);
    expect(selfGrant.statusCode).toBe(404);
    expect(await liveGrantCount(self)).toBe(before);
    expect(await lastAudit()).toMatchObject({ action: 'grant.create', outcome: 'denied', object_id: self });

    const grantId = (
      await one<{ id: string }>(sql`select id from role_grant where user_id = ${self} and revoked_at is null`)
    ).id;
    expect((await secadmin.post('/admin/users', `/admin/grants/${grantId}/revoke`, {})).statusCode).toBe(404);
    expect((await secadmin.post('/admin/users', `/admin/users/${self}/disable`, {})).statusCode).toBe(404);

    const selfToken = await secadmin.post('/admin/tokens/new', '/admin/tokens/new', {
      username: 'demo-security-admin',
      label: '自用',
      ttlHours: '',
    });
    expect(selfToken.statusCode).toBe(400);
    expect(selfToken.body).toContain('不能为自己创建令牌');
    expect(selfToken.body).not.toContain('fuju_');
    expect(await lastAudit()).toMatchObject({ action: 'token.create', outcome: 'denied', object_id: self });
    const tokens = await one<{ n: string }>(sql`select count(*) as n from api_token where user_id = ${self}`);
    expect(Number(tokens.n)).toBe(0);
  });
});

describe('disabling', () => {
  it('ends the user’s live sessions at once, and enabling lets them back', async () => {
    const id = await createUser('test-disabled');
    await grant(id, 'city_admin', cityFederation);
    const user = await signedInVisitor(t.app, 'test-disabled', initialPassword);
    expect((await user.get('/admin/users')).statusCode).toBe(200);
    const page = await secadmin.get(`/admin/users/${id}`);
    expect(page.body).toMatch(/当前登录会话.*1 个/s);

    const disabled = await sysadmin.post(`/admin/users/${id}`, `/admin/users/${id}/disable`, {});
    expect(disabled.statusCode).toBe(303);
    expect(disabled.headers.location).toBe(`/admin/users/${id}?done=userDisabled`);
    expect(await lastAudit()).toMatchObject({ action: 'user.disable', outcome: 'success', object_id: id });
    const after = await user.get('/account');
    expect(after.statusCode).toBe(303);
    expect(String(after.headers.location)).toMatch(/^\/login/);
    expect((await user.get('/admin/users')).statusCode).toBe(303);
    expect((await sysadmin.get('/admin/users?status=disabled')).body).toContain('test-disabled');

    const enabled = await sysadmin.post(`/admin/users/${id}`, `/admin/users/${id}/enable`, {});
    expect(enabled.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'user.enable', outcome: 'success', object_id: id });
    const again = await signedInVisitor(t.app, 'test-disabled', initialPassword);
    expect((await again.get('/admin/users')).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('shows a new token once, which then works as a bearer token until revoked', async () => {
    const invalid = await secadmin.post('/admin/tokens/new', '/admin/tokens/new', {
      username: 'nobody-here',
      label: '',
      ttlHours: '9999',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('找不到这个用户名');
    expect(invalid.body).toContain('请输入用途');
    expect(invalid.body).toContain('有效期应为 1 到 8760 之间的整数');

    const created = await secadmin.post('/admin/tokens/new', '/admin/tokens/new', {
      username: 'demo-city-admin',
      label: '市民政局数据对接',
      ttlHours: '24',
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers.location).toBeUndefined();
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body).toContain('离开本页后将无法再次查看');
    const token = /<code[^>]*>(fuju_[A-Za-z0-9_-]{43})<\/code>/.exec(created.body)?.[1];
    if (token === undefined) throw new Error('no token on the page');
    expect(created.body.split(token)).toHaveLength(2);
    expect(await lastAudit()).toMatchObject({ action: 'token.create', outcome: 'success' });

    const bearer = { authorization: `Bearer ${token}` };
    const used = await t.app.inject({ url: '/admin/users', headers: bearer });
    expect(used.statusCode).toBe(200);

    const list = await secadmin.get('/admin/tokens');
    expect(list.body).toContain('市民政局数据对接');
    expect(list.body).toContain('demo-city-admin');
    // The list never shows a token itself.
    expect(list.body).not.toContain(token);
    const tokenId = /action="\/admin\/tokens\/([0-9a-f-]{36})\/revoke"/.exec(list.body)?.[1];
    if (tokenId === undefined) throw new Error('no revoke button');
    const revoked = await secadmin.post('/admin/tokens', `/admin/tokens/${tokenId}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/admin/tokens?done=tokenRevoked');
    expect(await lastAudit()).toMatchObject({
      action: 'token.revoke',
      outcome: 'success',
      object_id: tokenId,
    });

    const refused = await t.app.inject({ url: '/admin/users', headers: bearer });
    expect(refused.statusCode).toBe(303);
    expect(String(refused.headers.location)).toMatch(/^\/login/);
    expect((await t.app.inject({ url: '/api/v1/nothing', headers: bearer })).statusCode).not.toBe(200);
  });
});

describe('district scope', () => {
  it('shows a district reviewer only the users of their district, and 404 for the others', async () => {
    const reviewer = await signedInVisitor(t.app, 'demo-district-reviewer');
    const list = await reviewer.get('/admin/users');
    expect(list.statusCode).toBe(200);
    for (const inside of ['demo-district-reviewer', 'demo-community-worker', 'demo-resident']) {
      expect(list.body).toContain(`>${inside}<`);
    }
    for (const outside of [
      'demo-district-reviewer-2',
      'demo-resident-2',
      'demo-sysadmin',
      'demo-city-admin',
    ]) {
      expect(list.body).not.toContain(`>${outside}<`);
    }
    const count = /共 (\d+) 个用户/.exec(list.body)?.[1];
    expect(Number(count)).toBe(3);

    const other = await idOf('demo-district-reviewer-2');
    expect((await reviewer.get(`/admin/users/${other}`)).statusCode).toBe(404);
    expect(await lastAudit()).toMatchObject({ action: 'user.read', outcome: 'denied', object_id: other });
    const own = await reviewer.get(`/admin/users/${await idOf('demo-resident')}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('示例居民（雁塔区）');
    expect(own.body).not.toContain('/disable"');

    const index = await reviewer.get('/admin');
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('href="/admin/users"');
    expect(index.body).not.toContain('href="/admin/tokens"');
    expect((await reviewer.get('/admin/organisations')).statusCode).toBe(403);
    expect((await reviewer.get('/admin/tokens')).statusCode).toBe(403);
  });
});

describe('refusals', () => {
  it('refuses the auditor every administration page and every change', async () => {
    const auditor = await signedInVisitor(t.app, 'demo-auditor');
    const user = await idOf('demo-city-admin');
    const pages = [
      '/admin',
      '/admin/organisations',
      '/admin/organisations/new',
      `/admin/organisations/${await organisationId(cityFederation)}`,
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${user}`,
      '/admin/tokens',
      '/admin/tokens/new',
    ];
    for (const url of pages) expect((await auditor.get(url)).statusCode, url).toBe(403);
    const grantId = (await one<{ id: string }>(sql`select id from role_grant where user_id = ${user}`)).id;
    const posts: [string, Record<string, string>][] = [
      ['/admin/organisations/new', { type: 'research', nameZh: '审计测试', nameEn: 'Audit test' }],
      ['/admin/users/new', { username: 'audit-made', displayName: 'x', initialPassword }],
      [
        `/admin/organisations/${await organisationId(cityFederation)}`,
        { nameZh: '审计测试', nameEn: 'Audit test' },
      ],
      [`/admin/users/${user}/display-name`, { displayName: '审计测试' }],
      [`/admin/users/${user}/disable`, {}],
      [`/admin/users/${user}/enable`, {}],
      [
        `/admin/users/${user}/grants`,
        { role: 'auditor', organisationId: await organisationId(cityFederation) },
      ],
      [`/admin/grants/${grantId}/revoke`, {}],
      ['/admin/tokens/new', { username: 'demo-city-admin', label: 'x', ttlHours: '' }],
      [`/admin/tokens/${grantId}/revoke`, {}],
    ];
    for (const [url, fields] of posts) {
      // The refusal page carries the header's sign-out form, and with it a valid CSRF token.
      const response = await auditor.post('/admin', url, fields);
      expect(response.statusCode, url).toBe(403);
      expect(await lastAudit(), url).toMatchObject({ outcome: 'denied' });
    }
    expect(await liveGrantCount(user)).toBe(1);
  });

  it('refuses a body with a field the form does not have (400), changing nothing', async () => {
    const id = await idOf('demo-supplier');
    const before = await auditCount();
    const disable = await sysadmin.post('/admin/users', `/admin/users/${id}/disable`, {
      role: 'system_admin',
    });
    expect(disable.statusCode).toBe(400);
    const create = await sysadmin.post('/admin/users/new', '/admin/users/new', {
      username: 'test-mass-assign',
      displayName: '测试',
      initialPassword,
      isAdmin: 'true',
    });
    expect(create.statusCode).toBe(400);
    const grantExtra = await secadmin.post(`/admin/users/${id}`, `/admin/users/${id}/grants`, {
      role: 'supplier_staff',
      organisationId: await organisationId(cityFederation),
      userId: await idOf('demo-security-admin'),
    });
    expect(grantExtra.statusCode).toBe(400);
    expect(await auditCount()).toBe(before);
    const row = await one<{ disabled_at: Date | null }>(
      sql`select disabled_at from app_user where id = ${id}`,
    );
    expect(row.disabled_at).toBeNull();
    const [made] = await t.database.db.query(sql`select 1 from app_user where username = 'test-mass-assign'`);
    expect(made).toBeUndefined();
  });

  it('refuses a forged form without its CSRF token', async () => {
    const id = await idOf('demo-supplier');
    const response = await sysadmin.postWithToken(`/admin/users/${id}/disable`, { _csrf: 'forged' });
    expect(response.statusCode).toBe(403);
  });
});

describe('index', () => {
  it('links each administrator to the sections they may use', async () => {
    const system = await sysadmin.get('/admin');
    expect(system.statusCode).toBe(200);
    expect(h1Count(system.body)).toBe(1);
    expect(system.body).toContain('href="/admin/organisations/new"');
    expect(system.body).toContain('href="/admin/users/new"');
    expect(system.body).not.toContain('href="/admin/tokens"');
    const security = await secadmin.get('/admin');
    expect(security.body).toContain('href="/admin/tokens"');
    expect(security.body).not.toContain('href="/admin/users/new"');
    const english = await secadmin.get('/admin?lang=en');
    expect(english.body).toContain('API tokens');
    await secadmin.get('/admin?lang=zh-CN');
  });
});
