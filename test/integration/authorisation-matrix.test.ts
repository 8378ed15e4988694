/**
 * SECURITY.md 7: a generated role × scope × object × verb matrix. Every cell is
 * a real HTTP request by a real signed-in account; what each cell should give
 * comes from the table below, written from the policy as the SECURITY and
 * issue texts state it — not from the code under test. A leak is a cell where
 * something the table refuses succeeded, or a list that shows an object its
 * reader may not open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/index.ts';
import { signedInVisitor, type TestApp, testApp, Visitor } from '../support/app.ts';

type Role =
  | 'city_admin'
  | 'district_reviewer'
  | 'assessor'
  | 'supplier_staff'
  | 'community_worker'
  | 'department_officer'
  | 'researcher'
  | 'volunteer'
  | 'auditor'
  | 'security_admin'
  | 'system_admin'
  | 'resident'
  | 'anonymous';

interface Actor {
  readonly username: string | null;
  readonly role: Role;
  readonly district: string | null;
}

const yanta = '610113';
const weiyang = '610112';

const actors: Actor[] = [
  { username: 'demo-city-admin', role: 'city_admin', district: null },
  { username: 'demo-district-reviewer', role: 'district_reviewer', district: yanta },
  { username: 'demo-district-reviewer-2', role: 'district_reviewer', district: weiyang },
  { username: 'demo-assessor', role: 'assessor', district: null },
  { username: 'demo-supplier', role: 'supplier_staff', district: null },
  { username: 'demo-community-worker', role: 'community_worker', district: yanta },
  { username: 'demo-department', role: 'department_officer', district: null },
  { username: 'demo-researcher', role: 'researcher', district: null },
  { username: 'demo-volunteer', role: 'volunteer', district: null },
  { username: 'demo-auditor', role: 'auditor', district: null },
  { username: 'demo-security-admin', role: 'security_admin', district: null },
  { username: 'demo-sysadmin', role: 'system_admin', district: null },
  { username: 'demo-resident', role: 'resident', district: yanta },
  { username: 'demo-resident-2', role: 'resident', district: weiyang },
  { username: null, role: 'anonymous', district: null },
];

interface Target {
  readonly id: string;
  readonly username: string;
  readonly kind: 'staff' | 'resident';
  readonly district: string | null;
}

const isSelf = (actor: Actor, target: Target) => actor.username === target.username;
const sameDistrict = (actor: Actor, target: Target) =>
  target.district !== null && target.district === actor.district;

const cityAdmins: readonly Role[] = ['system_admin', 'security_admin', 'city_admin'];
const readsDistrictResidents: readonly Role[] = ['district_reviewer', 'community_worker'];

/** The expected answer of every cell, from the policy in words. */
const expected = {
  /** Accounts: the three city-level administrators everywhere; district reviewers within their district. */
  'user.read': (a: Actor, t: Target) =>
    cityAdmins.includes(a.role) || (a.role === 'district_reviewer' && sameDistrict(a, t)),
  /** Disabling: system and security administrators, never their own account. */
  'user.disable': (a: Actor, t: Target) =>
    (a.role === 'system_admin' || a.role === 'security_admin') && !isSelf(a, t),
  /** API tokens: the security administrator only, never for themself. */
  'token.create': (a: Actor, t: Target) => a.role === 'security_admin' && !isSelf(a, t),
  /** Granting roles: the security administrator only, never to themself. */
  'grant.create': (a: Actor, t: Target) => a.role === 'security_admin' && !isSelf(a, t),
  /** Residents' data: city administrator everywhere, district staff in their district, a resident their own. */
  'resident.read': (a: Actor, t: Target) =>
    a.role === 'city_admin' ||
    (readsDistrictResidents.includes(a.role) && sameDistrict(a, t)) ||
    (a.role === 'resident' && isSelf(a, t)),
} as const;

/** Area pages: who may open each at all. */
const areas: Record<string, readonly Role[]> = {
  '/audit': ['auditor'],
  '/audit/verify': ['auditor'],
  '/admin/tokens': ['security_admin'],
  '/admin/organisations/new': ['system_admin'],
  '/admin/users/new': ['system_admin'],
  '/supplier/products': ['supplier_staff', 'city_admin'],
  '/supplier/products/new': ['supplier_staff'],
  '/admin/catalog': ['city_admin'],
  '/admin/catalog/classification': ['city_admin'],
  '/admin/catalog/synonyms': ['city_admin'],
  '/admin/policy-catalogs': ['city_admin'],
  '/admin/policy-catalogs/settings': ['city_admin'],
  '/admin/admissions': ['city_admin'],
  '/admin/admissions/new': ['city_admin'],
  '/supplier/admissions/new': ['supplier_staff'],
  '/reviews': ['assessor', 'district_reviewer', 'department_officer', 'researcher'],
  '/people': ['city_admin', 'district_reviewer', 'assessor', 'community_worker'],
  '/people/new': ['city_admin', 'district_reviewer', 'community_worker'],
  '/cases': ['city_admin', 'district_reviewer', 'assessor', 'community_worker', 'supplier_staff'],
  '/my/applications': ['resident'],
  '/admin/fitting': ['city_admin'],
  '/surveys': ['city_admin', 'community_worker', 'resident'],
  '/surveys/new': ['city_admin'],
  '/needs': ['city_admin', 'district_reviewer', 'department_officer', 'researcher'],
  '/needs/topics/new': ['city_admin'],
  '/research/manage': ['city_admin', 'supplier_staff', 'researcher'],
  '/research/challenges/new': ['city_admin', 'supplier_staff'],
  '/research/projects/new': ['supplier_staff', 'researcher'],
};

/**
 * Survey responses: the respondent, and the community workers of the
 * response's district; nobody else reaches one (the city reads aggregates only).
 */
const responseExpected = {
  read: (a: Actor, r: { district: string; owner: string | null }) =>
    (a.role === 'community_worker' && a.district === r.district) ||
    (a.role === 'resident' && a.username === r.owner),
};

/**
 * Research projects: reserved, funded, in progress and completed projects are
 * public; before that only the proposing organisation's staff and the city.
 */
const projectExpected = {
  read: (a: Actor, p: { public: boolean; proposer: string }) =>
    p.public || a.role === 'city_admin' || a.username === p.proposer,
};

/**
 * Fitting cases: the city and the assessment centre reach every case; the
 * district federation and community workers their district's; a supplier
 * the cases it was prescribed for; a resident their own; nobody else any.
 */
const caseExpected = {
  read: (a: Actor, c: { district: string; supplier: boolean; owner: string | null }) =>
    a.role === 'city_admin' ||
    a.role === 'assessor' ||
    ((a.role === 'district_reviewer' || a.role === 'community_worker') && a.district === c.district) ||
    (a.role === 'supplier_staff' && c.supplier) ||
    (a.role === 'resident' && a.username === c.owner),
};

/** The registry: as cases, without suppliers; a resident reads only their own record. */
const personExpected = {
  read: (a: Actor, p: { district: string; owner: string | null }) =>
    a.role === 'city_admin' ||
    a.role === 'assessor' ||
    ((a.role === 'district_reviewer' || a.role === 'community_worker') && a.district === p.district) ||
    (a.role === 'resident' && a.username === p.owner),
};

/**
 * Admissions to the subsidy catalog: the applying supplier's staff and the
 * city administrator read an application; only the city manages it; a
 * reviewer reaches only the panels they sit on.
 */
const admissionExpected = {
  read: (a: Actor, own: boolean) => a.role === 'city_admin' || (a.role === 'supplier_staff' && own),
  manage: (a: Actor) => a.role === 'city_admin',
  review: (onPanel: boolean) => onPanel,
};

/**
 * Products: a supplier's staff reach their own organisation's products; the
 * city administrator reads and reviews every product but does not edit a
 * supplier's drafts; nobody else reaches an unpublished product at all.
 */
const productExpected = {
  read: (a: Actor, own: boolean) => a.role === 'city_admin' || (a.role === 'supplier_staff' && own),
  edit: (a: Actor, own: boolean) => a.role === 'supplier_staff' && own,
  review: (a: Actor) => a.role === 'city_admin',
};

let t: TestApp;
const visitors = new Map<string, Visitor>();
let targets: Target[] = [];
let volunteerOrganisation = '';
const cells = { tested: 0, leaks: [] as string[], wrongRefusals: [] as string[] };

const tokenCount = async (userId: string) =>
  (
    await t.database.db.query<{ n: number }>(
      sql`select count(*)::int as n from api_token where user_id = ${userId}`,
    )
  )[0]?.n ?? 0;

const visitor = (actor: Actor): Visitor => visitors.get(actor.username ?? 'anonymous') as Visitor;
const succeeded = (status: number) => status >= 200 && status < 300;
const refused = (status: number) => status === 401 || status === 403 || status === 404 || status === 303;

/** Whether a response shows the target: its username in the JSON or in the page's main content. */
function shows(body: string, target: Target): boolean {
  if (body.includes(`"username":"${target.username}"`) || body.includes(`"id":"${target.id}"`)) return true;
  const main = /<main[\s\S]*<\/main>/.exec(body)?.[0] ?? '';
  return main.includes(target.username);
}

function record(cell: string, allowed: boolean, ok: boolean, deniedCleanly: boolean) {
  cells.tested++;
  if (!allowed && !deniedCleanly) cells.leaks.push(cell);
  if (allowed && !ok) cells.wrongRefusals.push(cell);
}

beforeAll(async () => {
  // Thousands of requests from one address: the per-address rate limit is not under test here.
  t = await testApp({ env: { FUJU_RATE_LIMIT: '1000000' } });
  const db = t.database.db;
  // Extra staff accounts in each district and city-wide, so write verbs have targets of every scope.
  const fixtures: [string, string, string][] = [
    ['matrix-yanta', 'community_worker', '雁塔区小寨路街道办事处'],
    ['matrix-weiyang', 'community_worker', '未央区张家堡街道办事处'],
    ['matrix-city', 'researcher', '示例康复工程研究院'],
  ];
  for (const [username, role, organisation] of fixtures) {
    const [user] = await db.query<{ id: string }>(
      sql`insert into app_user (kind, username, display_name, password_hash)
          select 'staff', ${username}, ${username}, password_hash from app_user where username = 'demo-sysadmin'
          returning id`,
    );
    await db.query(
      sql`insert into role_grant (user_id, role, organisation_id)
          select ${user?.id}, ${role}, id from organisation where name_zh = ${organisation}`,
    );
  }
  const [volunteer] = await db.query<{ id: string }>(
    sql`select id from organisation where type = 'volunteer' limit 1`,
  );
  volunteerOrganisation = volunteer?.id as string;
  targets = (
    await db.query<{ id: string; username: string; kind: 'staff' | 'resident'; district: string | null }>(
      sql`select u.id, u.username, u.kind,
            coalesce(u.district_code, (select o.district_code from role_grant g join organisation o on o.id = g.organisation_id
                                       where g.user_id = u.id and g.revoked_at is null and o.district_code is not null limit 1)) as district
          from app_user u where u.username is not null order by u.username`,
    )
  ).map((row) => ({ ...row, district: row.district === null ? null : row.district.trim() }));
  for (const actor of actors) {
    visitors.set(
      actor.username ?? 'anonymous',
      actor.username === null ? new Visitor(t.app, '10.9.0.1') : await signedInVisitor(t.app, actor.username),
    );
  }
}, 120_000);

afterAll(async () => {
  console.log(
    `authorisation matrix: ${cells.tested} cells tested, ${cells.leaks.length} leaks, ${cells.wrongRefusals.length} wrong refusals`,
  );
  await t.close();
});

describe('authorisation matrix (roles × scope × object × verb)', () => {
  it('reads one object: accounts and residents, by API and by page', async () => {
    for (const actor of actors) {
      for (const target of targets) {
        const allowedUser = expected['user.read'](actor, target);
        for (const url of [`/api/v1/users/${target.id}`, `/admin/users/${target.id}`]) {
          const response = await visitor(actor).get(url);
          record(
            `${actor.username ?? 'anonymous'} GET ${url} (${target.username})`,
            allowedUser,
            succeeded(response.statusCode),
            refused(response.statusCode) && !shows(response.body, target),
          );
        }
        if (target.kind !== 'resident') continue;
        const allowedResident = expected['resident.read'](actor, target);
        for (const url of [`/api/v1/residents/${target.id}`, `/staff/residents/${target.id}`]) {
          const response = await visitor(actor).get(url);
          record(
            `${actor.username ?? 'anonymous'} GET ${url} (${target.username})`,
            allowedResident,
            succeeded(response.statusCode),
            refused(response.statusCode) && !shows(response.body, target),
          );
        }
      }
    }
    expect(cells.leaks).toEqual([]);
    expect(cells.wrongRefusals).toEqual([]);
  }, 120_000);

  it('shows in lists and counts only what each reader may open', async () => {
    for (const actor of actors) {
      for (const [url, verb] of [
        ['/api/v1/users?pageSize=200', 'user.read'],
        ['/api/v1/residents?pageSize=200', 'resident.read'],
      ] as const) {
        const response = await visitor(actor).get(url);
        const mayList = targets.filter((target) =>
          verb === 'resident.read'
            ? target.kind === 'resident' && expected[verb](actor, target)
            : expected[verb](actor, target),
        );
        if (!succeeded(response.statusCode)) {
          // Refused as a whole: right only when there is nothing this reader may see.
          record(
            `${actor.username ?? 'anonymous'} GET ${url}`,
            mayList.length > 0,
            false,
            refused(response.statusCode),
          );
          continue;
        }
        const body = response.json() as { items: { id: string }[]; total: number };
        const listed = new Set(body.items.map((item) => item.id));
        for (const target of targets.filter((x) => verb === 'user.read' || x.kind === 'resident')) {
          const allowed = mayList.includes(target);
          record(
            `${actor.username ?? 'anonymous'} list ${url} (${target.username})`,
            allowed,
            listed.has(target.id),
            !listed.has(target.id),
          );
        }
        // Counts leak too: the total must be exactly what the reader may see (the targets are every account there is).
        cells.tested++;
        if (body.total > mayList.length)
          cells.leaks.push(`${actor.username} ${url}: total ${body.total} > ${mayList.length}`);
        if (body.total < mayList.length)
          cells.wrongRefusals.push(`${actor.username} ${url}: total ${body.total}`);
      }
    }
    expect(cells.leaks).toEqual([]);
    expect(cells.wrongRefusals).toEqual([]);
  }, 120_000);

  it('opens work areas only for the roles they serve', async () => {
    for (const actor of actors) {
      for (const [url, allowedRoles] of Object.entries(areas)) {
        const response = await visitor(actor).get(url);
        record(
          `${actor.username ?? 'anonymous'} GET ${url}`,
          allowedRoles.includes(actor.role),
          succeeded(response.statusCode),
          refused(response.statusCode),
        );
      }
    }
    expect(cells.leaks).toEqual([]);
    expect(cells.wrongRefusals).toEqual([]);
  }, 120_000);

  it('changes objects only within scope: disable, grant, token, reveal', async () => {
    const db = t.database.db;
    const staffTargets = targets.filter(
      (target) => target.username.startsWith('matrix-') || target.username === 'demo-security-admin',
    );
    for (const actor of actors) {
      for (const target of staffTargets) {
        // Disable, then put the account back, so every cell starts from the same state.
        const allowedDisable = expected['user.disable'](actor, target);
        const disable = await visitor(actor).post('/login', `/admin/users/${target.id}/disable`, {});
        const [after] = await db.query<{ disabled: boolean }>(
          sql`select disabled_at is not null as disabled from app_user where id = ${target.id}`,
        );
        record(
          `${actor.username ?? 'anonymous'} disable ${target.username}`,
          allowedDisable,
          disable.statusCode === 303 && after?.disabled === true,
          refused(disable.statusCode) && after?.disabled === false,
        );
        await db.query(sql`update app_user set disabled_at = null where id = ${target.id}`);
        // Disabling ended the target's sessions: an account that is also an actor signs in again.
        if (after?.disabled && visitors.has(target.username)) {
          visitors.set(target.username, await signedInVisitor(t.app, target.username));
        }

        const allowedGrant = expected['grant.create'](actor, target);
        const grant = await visitor(actor).post('/login', `/admin/users/${target.id}/grants`, {
          role: 'volunteer',
          organisationId: volunteerOrganisation,
        });
        const [granted] = await db.query<{ n: number }>(
          sql`select count(*)::int as n from role_grant where user_id = ${target.id} and role = 'volunteer' and revoked_at is null`,
        );
        record(
          `${actor.username ?? 'anonymous'} grant volunteer to ${target.username}`,
          allowedGrant,
          grant.statusCode === 303 && granted?.n === 1,
          refused(grant.statusCode) && granted?.n === 0,
        );
        await db.query(sql`delete from role_grant where user_id = ${target.id} and role = 'volunteer'`);

        const allowedToken = expected['token.create'](actor, target);
        const tokensBefore = await tokenCount(target.id);
        const token = await visitor(actor).post('/login', '/admin/tokens/new', {
          username: target.username,
          label: 'matrix',
        });
        const tokensAfter = await tokenCount(target.id);
        record(
          `${actor.username ?? 'anonymous'} token for ${target.username}`,
          allowedToken,
          token.statusCode === 200 && tokensAfter === tokensBefore + 1,
          (refused(token.statusCode) || token.statusCode === 400) && tokensAfter === tokensBefore,
        );
      }
      for (const target of targets.filter((x) => x.kind === 'resident')) {
        const allowed = expected['resident.read'](actor, target);
        const [sealed] = await db.query<{ phone_sealed: string }>(
          sql`select phone_sealed from app_user where id = ${target.id}`,
        );
        const phone = t.keyring.open(sealed?.phone_sealed as string);
        const reveal = await visitor(actor).post('/login', `/staff/residents/${target.id}/reveal`, {
          reason: 'case',
        });
        record(
          `${actor.username ?? 'anonymous'} reveal ${target.username}`,
          allowed,
          reveal.statusCode === 200 && reveal.body.includes(phone),
          refused(reveal.statusCode) && !reveal.body.includes(phone),
        );
      }
    }
    expect(cells.leaks).toEqual([]);
    expect(cells.wrongRefusals).toEqual([]);
  }, 180_000);

  it('reaches products only within the supplier and the role: read, list, submit, approve', async () => {
    const db = t.database.db;
    // One draft of the demo supplier's own organisation, one of another supplier's.
    const [own] = await db.query<{ id: string }>(
      sql`select p.id from product p join role_grant g on g.organisation_id = p.supplier_id
          join app_user u on u.id = g.user_id and u.username = 'demo-supplier' order by p.id limit 1`,
    );
    const [other] = await db.query<{ id: string }>(
      sql`select p.id from product p where p.supplier_id not in (
            select g.organisation_id from role_grant g join app_user u on u.id = g.user_id
            where u.username = 'demo-supplier') order by p.id limit 1`,
    );
    const products = [
      { id: own?.id as string, own: true },
      { id: other?.id as string, own: false },
    ];
    // Drafts again, so the public catalog cannot be what lets anyone see them.
    const makeDraft = async (id: string) => {
      await db.query(
        sql`update product set status = 'draft', published_version = null, working_version = 1 where id = ${id}`,
      );
      await db.query(sql`update product_version set state = 'draft' where product_id = ${id}`);
    };
    const stateOf = async (id: string) =>
      (
        await db.query<{ state: string }>(
          sql`select state from product_version where product_id = ${id} and version = 1`,
        )
      )[0]?.state;
    for (const product of products) await makeDraft(product.id);
    for (const actor of actors) {
      const who = actor.username ?? 'anonymous';
      for (const product of products) {
        const label = product.own ? 'own' : "another supplier's";
        for (const url of [`/supplier/products/${product.id}`, `/api/v1/products/${product.id}`]) {
          const response = await visitor(actor).get(url);
          // The public API shows published products only: a draft is 404 for everyone there.
          const allowed = url.startsWith('/supplier') && productExpected.read(actor, product.own);
          record(
            `${who} GET ${url} (${label} draft)`,
            allowed,
            succeeded(response.statusCode),
            refused(response.statusCode),
          );
        }
        const list = await visitor(actor).get('/api/v1/supplier/products?pageSize=200&status=draft');
        const listed = succeeded(list.statusCode) && list.body.includes(`"id":"${product.id}"`);
        record(`${who} list drafts (${label})`, productExpected.read(actor, product.own), listed, !listed);

        const submit = await visitor(actor).post('/login', `/supplier/products/${product.id}/submit`, {});
        const submitted = (await stateOf(product.id)) === 'submitted';
        record(
          `${who} submit ${label} draft`,
          productExpected.edit(actor, product.own),
          submit.statusCode === 303 && submitted,
          refused(submit.statusCode) && !submitted,
        );
        await makeDraft(product.id);
        await db.query(sql`update product_version set state = 'submitted' where product_id = ${product.id}`);
        const approve = await visitor(actor).post(
          '/login',
          `/admin/catalog/review/${product.id}/approve`,
          {},
        );
        const published = (await stateOf(product.id)) === 'published';
        record(
          `${who} approve ${label} product`,
          productExpected.review(actor),
          approve.statusCode === 303 && published,
          refused(approve.statusCode) && !published,
        );
        await makeDraft(product.id);
      }
    }
    expect(cells.leaks).toEqual([]);
    expect(cells.wrongRefusals).toEqual([]);
  }, 180_000);

  it('reaches admissions only for the applicant, the city and the panel: read, list, review, manage', async () => {
    const db = t.database.db;
    const admissions = await db.query<{ id: string; own: boolean; panel: string[] }>(
      sql`select a.id,
            exists (select 1 from role_grant g join app_user u on u.id = g.user_id
                    where u.username = 'demo-supplier' and g.organisation_id = a.applicant_organisation_id) as own,
            coalesce((select array_agg(u.username) from admission_reviewer r join app_user u on u.id = r.reviewer_id
                      where r.admission_id = a.id), '{}') as panel
          from admission a order by a.created_at`,
    );
    expect(admissions.length).toBeGreaterThanOrEqual(3);
    expect(admissions.some((a) => a.own)).toBe(true);
    expect(admissions.some((a) => !a.own)).toBe(true);
    for (const actor of actors) {
      const who = actor.username ?? 'anonymous';
      const list = await visitor(actor).get('/supplier/admissions');
      for (const admission of admissions) {
        const label = admission.own ? 'own' : "another supplier's";
        const onPanel = actor.username !== null && admission.panel.includes(actor.username);
        const read = await visitor(actor).get(`/supplier/admissions/${admission.id}`);
        // The city administrator reads applications on the city's own page.
        const cityRedirect = actor.role === 'city_admin' && read.statusCode === 303;
        record(
          `${who} read ${label} admission`,
          admissionExpected.read(actor, admission.own),
          succeeded(read.statusCode) || cityRedirect,
          refused(read.statusCode) && !cityRedirect,
        );
        if (actor.role === 'supplier_staff') {
          const listed = list.body.includes(admission.id);
          record(`${who} lists ${label} admission`, admission.own, listed, !listed);
        }
        const manage = await visitor(actor).get(`/admin/admissions/${admission.id}`);
        record(
          `${who} manage ${label} admission`,
          admissionExpected.manage(actor),
          succeeded(manage.statusCode),
          refused(manage.statusCode),
        );
        const review = await visitor(actor).get(`/reviews/${admission.id}`);
        record(
          `${who} review admission (${onPanel ? 'on' : 'not on'} its panel)`,
          admissionExpected.review(onPanel),
          succeeded(review.statusCode),
          refused(review.statusCode),
        );
      }
    }
    expect(cells.leaks).toEqual([]);
    expect(cells.wrongRefusals).toEqual([]);
  }, 180_000);

  it('reaches fitting cases and registry records only within scope: read, print, list', async () => {
    const db = t.database.db;
    const cases = await db.query<{ id: string; district: string; supplier: boolean; owner: string | null }>(
      sql`select c.id, c.district_code as district,
            exists (select 1 from role_grant g join app_user u on u.id = g.user_id
                    where u.username = 'demo-supplier' and g.organisation_id = c.supplier_organisation_id) as supplier,
            (select u.username from person p join app_user u on u.id = p.user_id where p.id = c.person_id) as owner
          from fitting_case c order by c.created_at`,
    );
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(cases.some((c) => c.supplier)).toBe(true);
    expect(new Set(cases.map((c) => c.owner)).size).toBeGreaterThanOrEqual(3);
    for (const actor of actors) {
      const who = actor.username ?? 'anonymous';
      const listUrl = actor.role === 'resident' ? '/my/applications' : '/cases';
      const list = await visitor(actor).get(listUrl);
      for (const c of cases) {
        const allowed = caseExpected.read(actor, c);
        for (const url of [`/applications/${c.id}`, `/applications/${c.id}/print`]) {
          const read = await visitor(actor).get(url);
          record(`${who} GET ${url}`, allowed, succeeded(read.statusCode), refused(read.statusCode));
        }
        const listed = succeeded(list.statusCode) && list.body.includes(c.id);
        // Every case in reach fits on the first page of a queue sorted by due date (fewer than 50 in the demo).
        record(`${who} lists case ${c.id}`, allowed, listed, !listed);
      }
    }
    const people = await db.query<{ id: string; district: string; owner: string | null }>(
      sql`select p.id, p.district_code as district, (select u.username from app_user u where u.id = p.user_id) as owner
          from person p order by p.created_at, p.id`,
    );
    for (const actor of actors) {
      for (const p of people) {
        const read = await visitor(actor).get(`/people/${p.id}`);
        record(
          `${actor.username ?? 'anonymous'} GET /people/${p.id}`,
          personExpected.read(actor, p),
          succeeded(read.statusCode),
          refused(read.statusCode),
        );
      }
    }
    expect(cells.leaks).toEqual([]);
    expect(cells.wrongRefusals).toEqual([]);
  }, 240_000);

  it('reaches survey responses and research projects only within scope', async () => {
    const db = t.database.db;
    const [campaign] = await db.query<{ id: string }>(
      sql`select id from survey_campaign where status = 'open' order by starts_on desc limit 1`,
    );
    expect(campaign).toBeDefined();
    const userIds = new Map(
      (
        await db.query<{ id: string; username: string }>(
          sql`select id, username from app_user where username in ('demo-resident', 'demo-resident-2', 'demo-community-worker', 'matrix-weiyang')`,
        )
      ).map((u) => [u.username, u.id]),
    );
    // An unfinished response of each demo resident, and an anonymous interview in each of two districts.
    const responses: { id: string; district: string; owner: string | null }[] = [];
    const plans: [string, string | null, string][] = [
      [yanta, 'demo-resident', 'demo-resident'],
      [weiyang, 'demo-resident-2', 'demo-resident-2'],
      [yanta, null, 'demo-community-worker'],
      [weiyang, null, 'matrix-weiyang'],
    ];
    for (const [district, owner, enteredBy] of plans) {
      const [row] = await db.query<{ id: string }>(
        sql`insert into survey_response (campaign_id, status, mode, respondent_user_id, entered_by, district_code,
              age_group, disability_category, answers_sealed)
            values (${campaign?.id}::uuid, 'in_progress', ${owner ? 'self' : 'anonymous'},
              ${owner ? userIds.get(owner) : null}::uuid, ${userIds.get(enteredBy)}::uuid, ${district}, '45-59', 4,
              ${t.keyring.seal('{}')})
            returning id`,
      );
      responses.push({ id: row?.id as string, district, owner });
    }
    for (const actor of actors) {
      for (const r of responses) {
        const url = `/responses/${r.id}/check`;
        const read = await visitor(actor).get(url);
        record(
          `${actor.username ?? 'anonymous'} GET ${url}`,
          responseExpected.read(actor, r),
          succeeded(read.statusCode),
          refused(read.statusCode),
        );
      }
    }
    const projects = await db.query<{ id: string; public: boolean; proposer: string }>(
      sql`select p.id, p.status in ('reserved', 'funded', 'in_progress', 'completed') as public,
            (select u.username from app_user u join role_grant g on g.user_id = u.id
             where g.organisation_id = p.organisation_id and u.username like 'demo-%' order by u.username limit 1) as proposer
          from research_project p order by p.reference`,
    );
    expect(projects.some((p) => p.public)).toBe(true);
    expect(projects.some((p) => !p.public)).toBe(true);
    for (const actor of actors) {
      const api = await visitor(actor).get('/api/v1/research/projects');
      for (const p of projects) {
        const allowed = projectExpected.read(actor, p);
        const url = `/research/projects/${p.id}`;
        const read = await visitor(actor).get(url);
        record(
          `${actor.username ?? 'anonymous'} GET ${url}`,
          allowed,
          succeeded(read.statusCode),
          refused(read.statusCode),
        );
        const listed = succeeded(api.statusCode) && api.body.includes(p.id);
        record(`${actor.username ?? 'anonymous'} lists project ${p.id}`, allowed, listed, !listed);
      }
    }
    expect(cells.leaks).toEqual([]);
    expect(cells.wrongRefusals).toEqual([]);
  }, 180_000);

  it('audits every refusal', async () => {
    const [row] = await t.database.db.query<{ n: number }>(
      sql`select count(*)::int as n from audit_event where outcome = 'denied'`,
    );
    expect(row?.n).toBeGreaterThan(100);
  });
});
