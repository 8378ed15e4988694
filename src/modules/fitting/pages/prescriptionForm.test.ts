// The assessment's recommended items chosen from the catalog, and a prescription of several products, through the case page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../test/support/app.ts';
import { sql } from '../../../platform/db/index.ts';
import { formatYuan } from '../../../platform/i18n/index.ts';
import { type ApplicantGroup, subsidyFor } from '../../policyCatalogs/index.ts';
import {
  applyOnline,
  dayFromToday,
  done,
  giveCommand,
  oneOf,
  organisationOf,
  overridesFor,
  rowsOf,
} from './testkit.ts';

let t: TestApp;
let resident: Visitor;
let reviewer: Visitor;
let assessor: Visitor;
/** The case every test here carries on, its item and two of the demo supplier's products admitted under it. */
const journey = { id: '', catalogId: '', itemCode: '', products: [] as string[] };

const statusOf = async () =>
  (await oneOf<{ status: string }>(t, sql`select status from fitting_case where id = ${journey.id}`)).status;

/** The recommended-item checkboxes of a page: each code, and whether it is ticked. */
const checkboxesOf = (html: string) =>
  [...html.matchAll(/<input[^>]*name="recommendedItems"[^>]*>/g)].map((m) => ({
    code: /value="(\d+)"/.exec(m[0])?.[1],
    checked: /\schecked/.test(m[0]),
  }));

const summaryLinks = (html: string) =>
  [...(/<div class="fj-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/href="([^"]+)"/g)].map(
    (m) => m[1],
  );

const line = (index: number, product: string, quantity = '1'): [string, string][] => [
  [`product${index}`, product],
  [`quantity${index}`, quantity],
];

const productValue = (productId: string) => `${journey.itemCode}:${productId}`;

beforeAll(async () => {
  t = await testApp();
  [resident, reviewer, assessor] = await Promise.all([
    signedInVisitor(t.app, 'demo-resident'),
    signedInVisitor(t.app, 'demo-district-reviewer'),
    signedInVisitor(t.app, 'demo-assessor'),
  ]);
  const supplierId = await organisationOf(t, 'demo-supplier');
  const form = await resident.get('/my/applications/new');
  const offered = [...form.body.matchAll(/<option value="(\d{6,10})"/g)].map((m) => m[1] as string);
  // An item with two of one supplier's products: a prescription names products of one supplier only.
  const items = await rowsOf<{ code: string }>(
    t,
    sql`select i.code from subsidy_item i
        join policy_catalog c on c.id = i.catalog_id and c.kind = 'subsidy' and c.status in ('in_force', 'superseded')
        join subsidy_item_product sp on sp.item_id = i.id
        join product p on p.id = sp.product_id and p.supplier_id = ${supplierId}::uuid
        group by i.catalog_id, i.code having count(*) >= 2 order by i.code`,
  );
  const itemCode = items.map((i) => i.code).find((code) => offered.includes(code));
  if (itemCode === undefined) throw new Error('no offered item has two products of the demo supplier');
  journey.itemCode = itemCode;
  journey.id = await applyOnline(resident, itemCode, '家中和单位都需要使用（多产品测试）');
  journey.catalogId = (
    await oneOf<{ catalog_id: string }>(t, sql`select catalog_id from fitting_case where id = ${journey.id}`)
  ).catalog_id;
  journey.products = (
    await rowsOf<{ product_id: string }>(
      t,
      sql`select sp.product_id from subsidy_item i join subsidy_item_product sp on sp.item_id = i.id
          join product p on p.id = sp.product_id and p.supplier_id = ${supplierId}::uuid
          where i.catalog_id = ${journey.catalogId} and i.code = ${itemCode} order by sp.product_id limit 2`,
    )
  ).map((r) => r.product_id);
  expect(journey.products).toHaveLength(2);
  const page = await reviewer.get(`/applications/${journey.id}`);
  await done(reviewer, journey.id, 'confirmEligibility', overridesFor(page.body));
  await done(assessor, journey.id, 'scheduleAssessment', [
    ['mode', 'on_site'],
    ['scheduledOn', dayFromToday(1)],
  ]);
});
afterAll(async () => {
  await t.close();
});

describe('the assessment’s recommended items', () => {
  const assessment: [string, string][] = [
    ['functionArea', 'mobility'],
    ['m_seat_width', '42'],
    ['m_seat_depth', '40'],
    ['m_lower_leg_length', '41.5'],
    ['m_body_weight', '62'],
    ['findings', '建议手动轮椅（多产品测试）'],
  ];
  let classmates: string[];

  it('lists the items of the case’s catalog in the item’s ISO class, the case’s item ticked', async () => {
    classmates = (
      await rowsOf<{ code: string }>(
        t,
        sql`select i.code from subsidy_item i, subsidy_item own
            where i.catalog_id = ${journey.catalogId} and own.catalog_id = i.catalog_id and own.code = ${journey.itemCode}
              and exists (select 1 from unnest(i.iso_codes) a, unnest(own.iso_codes) b where left(a, 4) = left(b, 4))
            order by i.code`,
      )
    ).map((r) => r.code);
    // Not a class of one: the test would not tell a list of the class from the case's item alone.
    expect(classmates.length).toBeGreaterThan(1);
    const page = await assessor.get(`/applications/${journey.id}`);
    const boxes = checkboxesOf(page.body);
    expect(boxes.map((b) => b.code).sort()).toEqual(classmates);
    expect(boxes.filter((b) => b.checked).map((b) => b.code)).toEqual([journey.itemCode]);
    const own = await oneOf<{ name_zh: string; max_subsidy_fen: string }>(
      t,
      sql`select name_zh, max_subsidy_fen from subsidy_item where catalog_id = ${journey.catalogId} and code = ${journey.itemCode}`,
    );
    expect(page.body).toContain(
      `${journey.itemCode} ${own.name_zh}，最高补贴 ${formatYuan(Number(own.max_subsidy_fen), 'zh-CN')}`,
    );
    expect(page.body).toContain('推荐的补贴项目');
    // Someone who may not record the assessment is not shown the list.
    expect(checkboxesOf((await resident.get(`/applications/${journey.id}`)).body)).toEqual([]);
  });

  it('refuses an unknown code typed among the others, on that field', async () => {
    const response = await giveCommand(assessor, journey.id, 'recordAssessment', [
      ...assessment,
      ['recommendedItems', journey.itemCode],
      ['otherItemCodes', '99999901'],
    ]);
    expect(response.statusCode).toBe(400);
    expect(summaryLinks(response.body)).toEqual(['#recordAssessment-otherItemCodes']);
    expect(response.body).toContain('value="99999901"');
    expect(await statusOf()).toBe('assessment_scheduled');
  });

  it('stores every item ticked, and shows them on the case', async () => {
    const other = classmates.find((code) => code !== journey.itemCode) as string;
    await done(assessor, journey.id, 'recordAssessment', [
      ...assessment,
      ['recommendedItems', journey.itemCode],
      ['recommendedItems', other],
    ]);
    const stored = await oneOf<{ recommended_item_codes: string[] }>(
      t,
      sql`select recommended_item_codes from assessment where case_id = ${journey.id}`,
    );
    expect(stored.recommended_item_codes).toEqual([journey.itemCode, other]);
    expect((await assessor.get(`/applications/${journey.id}`)).body).toContain(
      `${journey.itemCode}、${other}`,
    );
  });
});

describe('a prescription of several products', () => {
  it('adds another line on request, keeping what was chosen, with nothing checked', async () => {
    const [first] = journey.products as [string];
    const response = await giveCommand(assessor, journey.id, 'prescribe', [
      ...line(0, productValue(first), '1'),
      ['addLine', '1'],
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('fj-error-summary');
    expect(response.body).not.toContain('aria-invalid');
    expect(response.body).toMatch(new RegExp(`<option value="${productValue(first)}" selected`));
    expect(response.body).toContain('id="prescribe-product1"');
    expect(response.body).not.toContain('id="prescribe-product2"');
    expect(response.body).toContain('第 2 种产品');
    expect(response.body).toContain('已添加第 2 种产品的填写栏');
    expect(await statusOf()).toBe('assessed');
  });

  it('stops adding at ten lines', async () => {
    const nine = Array.from({ length: 9 }, (_, index) => line(index, '')).flat();
    const response = await giveCommand(assessor, journey.id, 'prescribe', [...nine, ['addLine', '1']]);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('id="prescribe-product9"');
    expect(response.body).not.toContain('name="addLine"');
    expect((await assessor.get(`/applications/${journey.id}`)).body).toContain('name="addLine"');
  });

  it('wants a product, and each product once, naming the line', async () => {
    const none = await giveCommand(assessor, journey.id, 'prescribe', [...line(0, ''), ...line(1, '')]);
    expect(none.statusCode).toBe(400);
    expect(summaryLinks(none.body)).toEqual(['#prescribe-product0']);
    expect(none.body).toContain('第 1 种产品：请选择产品');
    const [first] = journey.products as [string];
    const twice = await giveCommand(assessor, journey.id, 'prescribe', [
      ...line(0, productValue(first)),
      ...line(1, productValue(first)),
    ]);
    expect(twice.statusCode).toBe(400);
    expect(summaryLinks(twice.body)).toEqual(['#prescribe-product1']);
    expect(twice.body).toContain('第 2 种产品：已选择过该产品');
    expect(await statusOf()).toBe('assessed');
  });

  it('refuses an eleventh line', async () => {
    const eleven = Array.from({ length: 11 }, (_, index) => line(index, '')).flat();
    expect((await giveCommand(assessor, journey.id, 'prescribe', eleven)).statusCode).toBe(400);
    expect(await statusOf()).toBe('assessed');
  });

  it('prescribes two products, an empty line between them left out, each priced by the case’s catalog', async () => {
    const [first, second] = journey.products as [string, string];
    await done(assessor, journey.id, 'prescribe', [
      ...line(0, productValue(first)),
      ...line(1, ''),
      ...line(2, productValue(second)),
    ]);
    expect(await statusOf()).toBe('prescribed');
    const lines = await rowsOf<{
      product_id: string;
      quantity: number;
      subsidy_fen: string;
      self_paid_fen: string;
    }>(
      t,
      sql`select product_id, quantity, subsidy_fen, self_paid_fen from prescription_line
          where case_id = ${journey.id} order by product_id`,
    );
    expect(lines.map((l) => [l.product_id, l.quantity])).toEqual([
      [first, 1],
      [second, 1],
    ]);
    const item = await oneOf<{ max_subsidy_fen: string; ratios: Record<ApplicantGroup, number> | string }>(
      t,
      sql`select max_subsidy_fen, ratios from subsidy_item where catalog_id = ${journey.catalogId} and code = ${journey.itemCode}`,
    );
    const { applicant_group: group } = await oneOf<{ applicant_group: ApplicantGroup }>(
      t,
      sql`select applicant_group from fitting_case where id = ${journey.id}`,
    );
    const prices = await rowsOf<{ product_id: string; price_fen: string }>(
      t,
      sql`select sp.product_id, sp.price_fen from subsidy_item_product sp join subsidy_item i on i.id = sp.item_id
          where i.catalog_id = ${journey.catalogId} and i.code = ${journey.itemCode}`,
    );
    const rule = {
      maxSubsidyFen: Number(item.max_subsidy_fen),
      ratios: typeof item.ratios === 'string' ? JSON.parse(item.ratios) : item.ratios,
    };
    let total = 0;
    for (const l of lines) {
      const price = Number(prices.find((p) => p.product_id === l.product_id)?.price_fen);
      const subsidy = subsidyFor(rule, group, price);
      expect(Number(l.subsidy_fen)).toBe(subsidy);
      expect(Number(l.self_paid_fen)).toBe(price - subsidy);
      total += subsidy;
    }
    // The reviewer is told the sum of both lines before approving.
    expect((await reviewer.get(`/applications/${journey.id}`)).body).toContain(
      `占用 ${formatYuan(total, 'zh-CN')}`,
    );
  });
});
