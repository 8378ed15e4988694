import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp } from '../../../test/support/app.ts';
import { sql } from '../../platform/db/index.ts';
import { productFeedback } from '../catalog/index.ts';
import { issueToken } from '../identity/index.ts';
import { rebuildTally } from './caseRepo.ts';
import { caseStatuses, deriveStatus } from './domain/caseFlow.ts';

let t: TestApp;
const tokens = new Map<string, string>();

async function tokenOf(username: string): Promise<string> {
  const known = tokens.get(username);
  if (known) return known;
  const [user] = await t.database.db.query<{ id: string }>(
    sql`select id from app_user where username = ${username}`,
  );
  const { token } = await issueToken(t.database.db, null, null, {
    userId: user?.id as string,
    label: 'test',
    ttlHours: 1,
  });
  tokens.set(username, token);
  return token;
}

async function api(
  username: string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${await tokenOf(username)}`, ...headers },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() };
}

type Detail = {
  id: string;
  status: string;
  version: number;
  reference: string;
  allowedCommands: string[];
  timeline: { command: string }[];
  prescription: { subsidyFen: number; selfPaidFen: number }[];
  eligibility: { eligible: boolean; results: { rule: string; verdict: string }[] } | null;
  reservedFen: number;
};

const act = async (username: string, c: Detail, command: string, fields: Record<string, unknown> = {}) =>
  api(username, 'POST', `/api/v1/applications/${c.id}/actions`, { command, version: c.version, ...fields });

/** An item of the catalog in force whose admitted products include one of the demo supplier's, fitting the person. */
async function itemForDemoResident(): Promise<{ itemCode: string; productId: string }> {
  const [row] = await t.database.db.query<{ code: string; product_id: string }>(
    sql`select i.code, sp.product_id from subsidy_item i
        join policy_catalog c on c.id = i.catalog_id and c.kind = 'subsidy' and c.status = 'in_force'
        join subsidy_item_product sp on sp.item_id = i.id
        join product p on p.id = sp.product_id
        join organisation o on o.id = p.supplier_id and o.name_zh = '示例康行辅具科技有限公司'
        where 'physical' = any(i.eligible_categories) and 2 = any(i.eligible_grades)
          and (i.age_max is null or i.age_max >= 58) and (i.age_min is null or i.age_min <= 58)
          -- Not an item the demo already fitted them with: its service life would refuse it.
          and not exists (select 1 from fitting_case f join person pe on pe.id = f.person_id
                          join app_user u on u.id = pe.user_id and u.username = 'demo-resident'
                          where f.item_code = i.code)
        order by i.code limit 1`,
  );
  if (!row) throw new Error('no demo item fits demo-resident');
  return { itemCode: row.code, productId: row.product_id };
}

const budgetOf = async (district: string) =>
  (
    await t.database.db.query<{ reserved_fen: string | number; total_fen: string | number }>(
      sql`select reserved_fen, total_fen from district_budget where district_code = ${district}
          and policy_year = (select year from policy_catalog where kind = 'subsidy' and status = 'in_force')`,
    )
  )[0];

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

describe('a fitting case from application to closure through the API', () => {
  let chosen: { itemCode: string; productId: string };
  let c: Detail;

  it('opens one case for a repeated application with the same Idempotency-Key', async () => {
    chosen = await itemForDemoResident();
    const application = {
      itemCode: chosen.itemCode,
      usePlaces: ['home'],
      suppliedByOtherScheme: false,
      reason: '行走困难，需要代步',
      signedBy: 'person',
    };
    const first = await api('demo-resident', 'POST', '/api/v1/applications', application, {
      'idempotency-key': 'test-apply-0001',
    });
    expect(first.status).toBe(201);
    const again = await api('demo-resident', 'POST', '/api/v1/applications', application, {
      'idempotency-key': 'test-apply-0001',
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    c = first.body;
    expect(c.status).toBe('submitted');
    expect(c.reference).toMatch(/^FJ-\d{4}-\d{6}$/);
    expect(c.eligibility?.eligible).toBe(true);
    expect(c.eligibility?.results.map((r) => r.rule)).toContain('serviceLife');
    expect(c.allowedCommands).toEqual(['withdraw']);
  });

  it('refuses fields a resident may not set (no mass assignment)', async () => {
    const sneaky = await api('demo-resident', 'POST', '/api/v1/applications', {
      itemCode: chosen.itemCode,
      usePlaces: ['home'],
      suppliedByOtherScheme: false,
      reason: 'x',
      signedBy: 'person',
      subsidyFen: 999_999,
    });
    expect(sneaky.status).toBe(400);
  });

  it('runs through every role to closed, reserving the budget on approval', async () => {
    const before = await budgetOf('610113');
    const steps: [string, string, Record<string, unknown>][] = [
      ['demo-community-worker', 'confirmEligibility', {}],
      ['demo-assessor', 'scheduleAssessment', { mode: 'on_site', scheduledOn: '2099-01-05' }],
      [
        'demo-assessor',
        'recordAssessment',
        {
          functionArea: 'mobility',
          measurements: { seat_width: '42', seat_depth: '40', lower_leg_length: '43.5', body_weight: '61' },
          findings: '下肢无力，可自行推动轮椅',
          recommendedItemCodes: [chosen.itemCode],
        },
      ],
      ['demo-assessor', 'prescribe', { lines: [{ ...chosen, quantity: 1 }] }],
      ['demo-district-reviewer', 'approve', {}],
      ['demo-supplier', 'startFitting', {}],
      ['demo-supplier', 'recordDelivery', { serialNumber: 'SN-0001', notes: '座宽按评估调整' }],
      ['demo-resident', 'confirmReceipt', { signedBy: 'person' }],
      ['demo-supplier', 'recordTraining', { notes: '已培训转移与刹车使用' }],
    ];
    const followUp = {
      method: 'phone',
      inUse: true,
      useFrequency: 'daily',
      productSatisfaction: 4,
      serviceSatisfaction: 5,
      problems: [],
      repairNeeded: false,
    };
    for (let i = 0; i < 3; i += 1) steps.push(['demo-assessor', 'recordFollowUp', followUp]);
    steps.push(['demo-district-reviewer', 'close', {}]);
    for (const [username, command, fields] of steps) {
      const response = await act(username, c, command, fields);
      expect(response.status, `${username} ${command}: ${JSON.stringify(response.body)}`).toBe(200);
      c = response.body;
      if (command === 'approve') {
        const subsidy = c.prescription.reduce((sum, l) => sum + l.subsidyFen, 0);
        expect(subsidy).toBeGreaterThan(0);
        expect(c.reservedFen).toBe(subsidy);
        expect(Number((await budgetOf('610113'))?.reserved_fen)).toBe(Number(before?.reserved_fen) + subsidy);
      }
    }
    expect(c.status).toBe('closed');
    // The stored status is the derivation of the action list.
    expect(deriveStatus(c.timeline.map((a) => a.command) as Parameters<typeof deriveStatus>[0])).toBe(
      'closed',
    );
    const audited = await t.database.db.query<{ n: number }>(
      sql`select count(*)::int as n from audit_event where object_type = 'case' and object_id = ${c.id}
          and action like 'case.%' and action not in ('case.read', 'case.list')`,
    );
    expect(audited[0]?.n).toBe(steps.length + 1);
    const notified = await t.database.db.query<{ n: number }>(
      sql`select count(*)::int as n from case_notification where case_id = ${c.id}`,
    );
    expect(notified[0]?.n).toBeGreaterThanOrEqual(10);
    // The three follow-ups are now part of the product's record that admission reviewers read.
    const feedback = await productFeedback(t.database.db, chosen.productId);
    expect(feedback.followUps).toBeGreaterThanOrEqual(3);
    expect(feedback.productSatisfactionTenths).not.toBeNull();
  });

  it('keeps health data and the person’s own words sealed at rest', async () => {
    const dump = JSON.stringify(
      await t.database.db.query(
        sql`select a.findings_sealed, f.reason_sealed, d.fitting_notes_sealed from assessment a
            join fitting_application f using (case_id) join delivery d using (case_id) where a.case_id = ${c.id}`,
      ),
    );
    expect(dump).not.toContain('下肢无力');
    expect(dump).not.toContain('行走困难');
    expect(dump).not.toContain('座宽按评估调整');
  });
});

describe('the demo cases', () => {
  it('cover every status, twenty or more, two or more for each demo resident in different districts', async () => {
    const rows = await t.database.db.query<{ status: string; owner: string | null; district: string }>(
      sql`select c.status, c.district_code as district,
            (select u.username from person p join app_user u on u.id = p.user_id where p.id = c.person_id) as owner
          from fitting_case c where c.is_demo`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(caseStatuses));
    const districtsOf = (username: string) => rows.filter((r) => r.owner === username).map((r) => r.district);
    expect(districtsOf('demo-resident').length).toBeGreaterThanOrEqual(2);
    expect(districtsOf('demo-resident-2').length).toBeGreaterThanOrEqual(2);
    expect(new Set([...districtsOf('demo-resident'), ...districtsOf('demo-resident-2')]).size).toBe(2);
  });
});

describe('the queue tally', () => {
  it('matches a recount of the cases after the demo and every journey above', async () => {
    const db = t.database.db;
    const read = () =>
      db.query<{ k: string; n: number }>(
        sql`select district_code || supplier_key || status || due_on as k, n from fitting_case_tally
            where n > 0 order by 1`,
      );
    const kept = await read();
    await db.transaction((tx) => rebuildTally(tx));
    expect(await read()).toEqual(kept);
    expect(kept.reduce((sum, r) => sum + r.n, 0)).toBeGreaterThanOrEqual(22);
  });
});

describe('who may do what to a case', () => {
  let c: Detail;
  beforeAll(async () => {
    const chosen = await itemForDemoResident();
    const opened = await api('demo-resident', 'POST', '/api/v1/applications', {
      itemCode: chosen.itemCode,
      usePlaces: ['home', 'work'],
      suppliedByOtherScheme: false,
      reason: '需要',
      signedBy: 'person',
    });
    c = opened.body;
  });

  it('refuses a command the status table does not give the role (409), and a stale version (409)', async () => {
    expect((await act('demo-assessor', c, 'confirmEligibility')).status).toBe(409);
    const confirmed = await act('demo-community-worker', c, 'confirmEligibility');
    expect(confirmed.status).toBe(200);
    const stale = await act('demo-assessor', c, 'scheduleAssessment', {
      mode: 'remote',
      scheduledOn: '2099-01-05',
    });
    expect(stale.status).toBe(409);
    c = confirmed.body;
  });

  it('hides a resident’s case from another resident, another district and unrelated suppliers', async () => {
    for (const username of ['demo-resident-2', 'demo-district-reviewer-2', 'demo-supplier']) {
      expect((await api(username, 'GET', `/api/v1/applications/${c.id}`)).status, username).toBe(404);
      expect((await act(username, c, 'withdraw', { reason: 'x' })).status, username).toBe(404);
      const list = await api(username, 'GET', '/api/v1/applications');
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    }
    const own = await api('demo-resident', 'GET', '/api/v1/applications');
    expect(own.body.items.every((i: { districtCode: string }) => i.districtCode === '610113')).toBe(true);
    expect(own.body.total).toBe(own.body.items.length);
  });

  it('keeps a resident’s case out of another resident’s pages, print and data export', async () => {
    const other = await signedInVisitor(t.app, 'demo-resident-2');
    expect((await other.get(`/applications/${c.id}`)).statusCode).toBe(404);
    expect((await other.get(`/applications/${c.id}/print`)).statusCode).toBe(404);
    expect((await other.get('/my/applications')).body).not.toContain(c.reference);
    const exported = await other.post('/account/export', '/account/export.json', {});
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(c.id);
    expect(exported.body).not.toContain(c.reference);
  });

  it('answers 400 for a command missing what it needs, and 404 for a case that does not exist', async () => {
    expect((await act('demo-assessor', c, 'scheduleAssessment', { mode: 'remote' })).status).toBe(400);
    expect(
      (await act('demo-assessor', c, 'scheduleAssessment', { mode: 'remote', scheduledOn: '2001-01-01' }))
        .status,
    ).toBe(400);
    const missing = { ...c, id: '00000000-0000-4000-8000-000000000000' };
    expect((await act('demo-assessor', missing, 'scheduleAssessment', {})).status).toBe(404);
  });

  it('releases the reserved subsidy when an approved case is withdrawn', async () => {
    const chosen = await itemForDemoResident();
    let d = (
      await api('demo-resident', 'POST', '/api/v1/applications', {
        itemCode: chosen.itemCode,
        usePlaces: ['home'],
        suppliedByOtherScheme: false,
        reason: '需要',
        signedBy: 'person',
      })
    ).body as Detail;
    for (const [username, command, fields] of [
      ['demo-community-worker', 'confirmEligibility', {}],
      ['demo-assessor', 'scheduleAssessment', { mode: 'remote', scheduledOn: '2099-02-01' }],
      [
        'demo-assessor',
        'recordAssessment',
        {
          functionArea: 'mobility',
          measurements: { seat_width: '40', seat_depth: '40', lower_leg_length: '40', body_weight: '50' },
          findings: '需要轮椅',
          recommendedItemCodes: [],
        },
      ],
      ['demo-assessor', 'prescribe', { lines: [{ ...chosen, quantity: 1 }] }],
    ] as const) {
      d = (await act(username, d, command, fields)).body;
    }
    const before = Number((await budgetOf('610113'))?.reserved_fen);
    d = (await act('demo-district-reviewer', d, 'approve')).body;
    expect(Number((await budgetOf('610113'))?.reserved_fen)).toBe(before + d.reservedFen);
    const withdrawn = await act('demo-resident', d, 'withdraw', { reason: '' });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.reservedFen).toBe(0);
    expect(Number((await budgetOf('610113'))?.reserved_fen)).toBe(before);
  });
});
