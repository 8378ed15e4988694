import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import type { Grant, SignedInActor } from '../../platform/auth/index.ts';
import { type Db, openPostgres, sql } from '../../platform/db/index.ts';
import { personOfUser } from '../people/index.ts';
import type { FittingCase } from './caseRepo.ts';
import { CaseProblem, CaseService } from './caseService.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

const actorFor = (userId: string, grant: Grant): SignedInActor => ({
  kind: 'user',
  userId,
  label: `test-${grant.role}`,
  userKind: grant.role === 'resident' ? 'resident' : 'staff',
  grants: [grant],
  via: 'token',
  sessionId: null,
  tokenId: null,
});

const userId = async (username: string) =>
  (await t.database.db.query<{ id: string }>(sql`select id from app_user where username = ${username}`))[0]
    ?.id as string;

describe('the district budget under concurrent approvals (SECURITY.md 29)', () => {
  it('approves exactly as many as the budget covers when 100 approvals arrive at once', async () => {
    const { keyring } = t;
    const silent = { send: async () => {} };
    const cases = new CaseService({ db: t.database.db, keyring, sender: silent });
    const resident = await userId('demo-resident');
    const person = await personOfUser(t.database.db, resident);
    if (!person) throw new Error('demo-resident has no registry record');
    const district = person.districtCode;
    const by = (role: Grant['role'], id: string) => ({
      actor: actorFor(id, { role, organisationId: null, districtCode: district }),
      sourceAddress: null,
    });
    const applicant = by('resident', resident);
    const worker = by('community_worker', await userId('demo-community-worker'));
    const assessor = by('assessor', await userId('demo-assessor'));
    const [pick] = await t.database.db.query<{ code: string; product_id: string }>(
      sql`select i.code, sp.product_id from subsidy_item i
          join policy_catalog c on c.id = i.catalog_id and c.kind = 'subsidy' and c.status = 'in_force'
          join subsidy_item_product sp on sp.item_id = i.id
          where ${person.certificate?.category ?? 'physical'} = any(i.eligible_categories)
            and ${person.certificate?.grade ?? 2} = any(i.eligible_grades) and i.age_min is null and i.age_max is null
            and not exists (select 1 from fitting_case f where f.person_id = ${person.id} and f.item_code = i.code)
          order by i.code limit 1`,
    );
    if (!pick) throw new Error('no item to prescribe');
    const prescribed: FittingCase[] = [];
    for (let i = 0; i < 100; i += 1) {
      let c = (
        await cases.apply(applicant, {
          personId: person.id,
          itemCode: pick.code,
          usePlaces: ['home'],
          suppliedByOtherScheme: false,
          reason: '需要',
          signedBy: 'person',
          proxyGuardianId: null,
          idempotencyKey: null,
        })
      ).case;
      c = await cases.act(worker, c.id, c.version, { command: 'confirmEligibility', overrides: [] });
      c = await cases.act(assessor, c.id, c.version, {
        command: 'scheduleAssessment',
        mode: 'remote',
        scheduledOn: '2099-01-01',
      });
      c = await cases.act(assessor, c.id, c.version, {
        command: 'recordAssessment',
        functionArea: 'self_care',
        measurements: { barthel_index: '50' },
        findings: '—',
        recommendedItemCodes: [],
      });
      c = await cases.act(assessor, c.id, c.version, {
        command: 'prescribe',
        lines: [{ itemCode: pick.code, productId: pick.product_id, quantity: 1 }],
      });
      prescribed.push(c);
    }
    const [line] = await t.database.db.query<{ subsidy_fen: string | number }>(
      sql`select subsidy_fen from prescription_line where case_id = ${prescribed[0]?.id as string}`,
    );
    const each = Number(line?.subsidy_fen);
    expect(each).toBeGreaterThan(0);
    const year = prescribed[0]?.policyYear as number;
    await t.database.db.query(
      sql`update district_budget set total_fen = ${each * 60}, reserved_fen = 0
          where district_code = ${district} and policy_year = ${year}`,
    );

    // On PostgreSQL the approvals run on their own pool, forty connections at once, as app nodes would.
    const pool: Db = t.database.url ? openPostgres(t.database.url, { max: 40 }) : t.database.db;
    try {
      const racing = new CaseService({ db: pool, keyring, sender: silent });
      const reviewer = by('district_reviewer', await userId('demo-district-reviewer'));
      const results = await Promise.allSettled(
        prescribed.map((c) => racing.act(reviewer, c.id, c.version, { command: 'approve' })),
      );
      const approved = results.filter((r) => r.status === 'fulfilled').length;
      const refused = results.filter(
        (r) =>
          r.status === 'rejected' && r.reason instanceof CaseProblem && r.reason.key === 'budgetExhausted',
      ).length;
      expect(approved).toBe(60);
      expect(refused).toBe(40);
    } finally {
      if (pool !== t.database.db) await pool.close();
    }
    const [budget] = await t.database.db.query<{ reserved_fen: string | number; total_fen: string | number }>(
      sql`select reserved_fen, total_fen from district_budget where district_code = ${district} and policy_year = ${year}`,
    );
    expect(Number(budget?.reserved_fen)).toBe(each * 60);
    const [counted] = await t.database.db.query<{ n: number; held: string | number }>(
      sql`select count(*)::int as n, coalesce(sum(reserved_fen), 0) as held from fitting_case
          where id = any(${prescribed.map((c) => c.id)}::uuid[]) and status = 'approved'`,
    );
    expect(counted?.n).toBe(60);
    expect(Number(counted?.held)).toBe(each * 60);
  }, 120_000);
});
