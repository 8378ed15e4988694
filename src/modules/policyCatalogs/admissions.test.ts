import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { type Keyring, loadKeyring, resolveMasterKey } from '../../platform/crypto/index.ts';
import { sql } from '../../platform/db/index.ts';
import {
  AdmissionProblem,
  apply,
  assignPanel,
  conclude,
  concludeEndedNotices,
  decide,
  declare,
  object,
  ruleObjection,
  score,
} from './admissionsService.ts';
import type { CommandContext } from './catalogsService.ts';
import { addDays, beijingDay } from './domain/policyYear.ts';

let t: TestApp;
let keyring: Keyring;
const today = beijingDay(new Date());
const city: CommandContext = {
  actor: { userId: null, label: 'test-city', organisationId: null },
  sourceAddress: null,
};
const evidence = {
  registrationNumber: '陕械注准20262190001',
  testReports: [{ title: '型式检验报告', url: 'https://example.org/report.pdf' }],
  trialParticipants: 24,
  trialSummary: '试用四周，满意度高。',
};

const db = () => t.database.db;
const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await db().query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};
const userId = async (username: string) =>
  (await one<{ id: string }>(sql`select id from app_user where username = ${username}`)).id;

/** A published product and an item of the catalog in force that fits it, neither listed nor applied for. */
async function unlistedPair(skip: readonly string[] = []) {
  return one<{ product_id: string; supplier_id: string; item_id: string; price_fen: string }>(
    sql`select p.id as product_id, p.supplier_id, i.id as item_id, v.price_fen
        from product p
        join product_version v on v.product_id = p.id and v.version = p.published_version
        join subsidy_item i on v.iso_code = any(i.iso_codes)
        join policy_catalog c on c.id = i.catalog_id and c.status = 'in_force'
        where p.status = 'published'
          and not exists (select 1 from subsidy_item_product sp where sp.item_id = i.id and sp.product_id = p.id)
          and not exists (select 1 from admission a where a.product_id = p.id)
          and not (p.id = any(${[...skip]}::uuid[]))
        order by v.model limit 1`,
  );
}

async function reviewed(pair: Awaited<ReturnType<typeof unlistedPair>>) {
  const id = await apply(db(), city, {
    itemId: pair.item_id,
    productId: pair.product_id,
    applicantOrganisationId: pair.supplier_id,
    byCity: false,
    priceFen: Number(pair.price_fen),
    evidence,
  });
  const panel = await Promise.all(['demo-assessor', 'demo-researcher', 'demo-department'].map(userId));
  await assignPanel(db(), city, id, panel);
  for (const [n, reviewer] of panel.entries()) {
    await declare(db(), city, id, reviewer, { hasConflict: false, statement: '' });
    await score(
      db(),
      city,
      id,
      reviewer,
      { maturity: 80 + n, safety: 90, cost: 75, feedback: 70 },
      '证据充分',
    );
  }
  await decide(db(), city, id, { outcome: 'notice', reason: '拟纳入', today });
  return id;
}

/** Moves a notice's period into the past, as the calendar would. */
const endNotice = (id: string) =>
  db().query(sql`update admission set notice_starts_on = ${addDays(today, -8)}::date,
                   notice_ends_on = ${addDays(today, -1)}::date where id = ${id}`);

beforeAll(async () => {
  t = await testApp();
  keyring = await loadKeyring(
    db(),
    resolveMasterKey({ masterKey: t.config.masterKey, demo: true, dataDir: t.config.dataDir }).key,
  );
});
afterAll(async () => {
  await t.close();
});

describe('admission of a product to a subsidy item', () => {
  it('runs from application through three reviewers and the notice period to admitted, and search marks it subsidised', async () => {
    const pair = await unlistedPair();
    const id = await reviewed(pair);
    const notice = await one<{ status: string; notice_ends_on: string }>(
      sql`select status, notice_ends_on::text from admission where id = ${id}`,
    );
    expect(notice).toEqual({ status: 'notice', notice_ends_on: addDays(today, 6) });
    expect(await conclude(db(), city, id, today)).toBe('noticeStillOpen');
    await endNotice(id);
    expect(await concludeEndedNotices(db(), today)).toMatchObject({ admitted: 1 });
    expect((await one<{ status: string }>(sql`select status from admission where id = ${id}`)).status).toBe(
      'admitted',
    );
    const listed = await one<{ price_fen: string; admission_id: string }>(
      sql`select price_fen, admission_id from subsidy_item_product where item_id = ${pair.item_id} and product_id = ${pair.product_id}`,
    );
    expect(listed).toEqual({ price_fen: pair.price_fen, admission_id: id });
    const flag = await one<{ in_subsidy_catalog: boolean }>(
      sql`select in_subsidy_catalog from product where id = ${pair.product_id}`,
    );
    expect(flag.in_subsidy_catalog).toBe(true);
    const actions = await db().query<{ action: string }>(
      sql`select action from audit_event where object_id = ${id} order by seq`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'admission.apply',
      'admission.assign_panel',
      'admission.declare',
      'admission.score',
      'admission.declare',
      'admission.score',
      'admission.declare',
      'admission.score',
      'admission.decide',
      'admission.conclude',
    ]);
  });

  it('ends without admission when an objection is upheld, and keeps who objected sealed', async () => {
    const pair = await unlistedPair();
    const id = await reviewed(pair);
    const objectionId = await object(db(), keyring, city, id, {
      name: '王小明',
      contact: '13912345678',
      grounds: '该产品在社区试用中多次出现刹车失灵。',
      today,
    });
    const stored = await one<{ objector_sealed: string }>(
      sql`select objector_sealed from admission_objection where id = ${objectionId}`,
    );
    expect(stored.objector_sealed).not.toContain('13912345678');
    expect(JSON.parse(keyring.open(stored.objector_sealed))).toEqual({
      name: '王小明',
      contact: '13912345678',
    });
    await endNotice(id);
    // An objection still open holds the notice until it is ruled on.
    expect(await conclude(db(), city, id, today)).toBe('waitForRulings');
    await ruleObjection(db(), city, id, { objectionId, upheld: true, reason: '核实属实' });
    expect((await one<{ status: string }>(sql`select status from admission where id = ${id}`)).status).toBe(
      'objection_upheld',
    );
    const listed = await db().query(
      sql`select 1 from subsidy_item_product where item_id = ${pair.item_id} and product_id = ${pair.product_id}`,
    );
    expect(listed).toEqual([]);
    await expect(conclude(db(), city, id, today)).rejects.toMatchObject({ statusCode: 409 });
  });

  it('refuses a decision before the whole panel has scored, and a score from a reviewer with a conflict', async () => {
    const pair = await unlistedPair();
    const id = await apply(db(), city, {
      itemId: pair.item_id,
      productId: pair.product_id,
      applicantOrganisationId: pair.supplier_id,
      byCity: false,
      priceFen: Number(pair.price_fen),
      evidence,
    });
    const [assessor, researcher] = await Promise.all([userId('demo-assessor'), userId('demo-researcher')]);
    await assignPanel(db(), city, id, [assessor, researcher]);
    await declare(db(), city, id, assessor, { hasConflict: true, statement: '曾为该企业提供咨询' });
    await expect(
      score(db(), city, id, assessor, { maturity: 1, safety: 1, cost: 1, feedback: 1 }, 'x'),
    ).rejects.toMatchObject({ statusCode: 409 });
    await expect(decide(db(), city, id, { outcome: 'notice', reason: 'r', today })).rejects.toBeInstanceOf(
      AdmissionProblem,
    );
    // The same product cannot be applied for twice while one application is open.
    await expect(
      apply(db(), city, {
        itemId: pair.item_id,
        productId: pair.product_id,
        applicantOrganisationId: pair.supplier_id,
        byCity: false,
        priceFen: 100,
        evidence,
      }),
    ).rejects.toMatchObject({ key: 'err_productApplied' });
  });

  it('refuses a product whose ISO division the item does not cover, and another supplier’s product', async () => {
    const pair = await unlistedPair();
    const other = await one<{ id: string }>(
      sql`select i.id from subsidy_item i join policy_catalog c on c.id = i.catalog_id and c.status = 'in_force'
          where not (${(await one<{ iso_code: string }>(sql`select v.iso_code from product p join product_version v on v.product_id = p.id and v.version = p.published_version where p.id = ${pair.product_id}`)).iso_code} = any(i.iso_codes))
          limit 1`,
    );
    const base = { productId: pair.product_id, byCity: false, priceFen: 100, evidence };
    await expect(
      apply(db(), city, { ...base, itemId: other.id, applicantOrganisationId: pair.supplier_id }),
    ).rejects.toMatchObject({ key: 'err_productNotInItem' });
    const city_federation = await one<{ id: string }>(
      sql`select id from organisation where type = 'city_federation'`,
    );
    await expect(
      apply(db(), city, { ...base, itemId: pair.item_id, applicantOrganisationId: city_federation.id }),
    ).rejects.toMatchObject({ key: 'err_productUnknown' });
  });

  it('concludes a notice once when two processes end it at the same time', async () => {
    const id = await reviewed(await unlistedPair());
    await endNotice(id);
    const outcomes = await Promise.allSettled([
      conclude(db(), city, id, today),
      conclude(db(), city, id, today),
    ]);
    expect(
      outcomes
        .filter((o) => o.status === 'fulfilled')
        .map((o) => (o as PromiseFulfilledResult<string>).value),
    ).toEqual(['admitted']);
    const rows = await db().query(
      sql`select 1 from audit_event where object_id = ${id} and action = 'admission.conclude'`,
    );
    expect(rows.length).toBe(1);
  });
});
