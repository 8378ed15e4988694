import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../../test/support/app.ts';
import { sql } from '../../../../platform/db/index.ts';
import { currentDivisionCodes, productSummaries } from '../../../catalog/index.ts';
import { findCatalogById, findRehabItem, findSubsidyItem, subsidyItems } from '../../catalogsRepo.ts';
import { type CommandContext, createDraft } from '../../catalogsService.ts';
import { applicantGroups } from '../../domain/items.ts';
import {
  type RehabItemForm,
  ratioFields,
  readSubsidyItem,
  type SubsidyItemForm,
  subsidyFormFrom,
  yuanText,
} from './itemForm.ts';

let t: TestApp;
let admin: Visitor;
let supplier: Visitor;
let subsidyDraft: string;
let rehabDraft: string;
/** A division of the current classification edition. */
let division: string;

const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await t.database.db.query<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};
const count = async (query: ReturnType<typeof sql>) => Number((await one<{ n: string | number }>(query)).n);
const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;
const lastAudit = (action: string) =>
  one<{ outcome: string; object_id: string | null; detail: Record<string, unknown> }>(
    sql`select outcome, object_id, detail from audit_event where action = ${action} order by seq desc limit 1`,
  );
const revisionOf = async (id: string) => (await findCatalogById(t.database.db, id))?.revision ?? 0;
const subsidyCount = (catalogId: string) =>
  count(sql`select count(*) as n from subsidy_item where catalog_id = ${catalogId}`);

/** A form as the browser sends it: one pair per text field and per ticked box. */
function subsidyPairs(form: SubsidyItemForm): [string, string][] {
  return [
    ['code', form.code],
    ['nameZh', form.nameZh],
    ['nameEn', form.nameEn],
    ['descriptionZh', form.descriptionZh],
    ['descriptionEn', form.descriptionEn],
    ['isoCodes', form.isoCodes],
    ['maxSubsidy', form.maxSubsidy],
    ['productPart', form.productPart],
    ['servicePart', form.servicePart],
    ...applicantGroups.map((g): [string, string] => [ratioFields[g], form.ratios[g]]),
    ...form.eligibleCategories.map((c): [string, string] => ['eligibleCategories', c]),
    ...form.eligibleGrades.map((g): [string, string] => ['eligibleGrades', g]),
    ['ageMin', form.ageMin],
    ['ageMax', form.ageMax],
    ['serviceLifeYears', form.serviceLifeYears],
    ['quantityLimit', form.quantityLimit],
    ...(form.medicalInsurance === ''
      ? []
      : [['medicalInsurance', form.medicalInsurance] as [string, string]]),
    ['medicalInsuranceCode', form.medicalInsuranceCode],
    ...(form.firstOfKind ? [['firstOfKind', 'yes'] as [string, string]] : []),
  ];
}

function rehabPairs(form: RehabItemForm): [string, string][] {
  const { eligibleCategories, ...texts } = form;
  return [
    ...Object.entries(texts),
    ...eligibleCategories.map((c): [string, string] => ['eligibleCategories', c]),
  ];
}

/** A new hearing-aid item, 1,280.50 yuan of which 280.50 for services. */
const newItem = (): SubsidyItemForm => ({
  code: '12990101',
  nameZh: '测试助听器',
  nameEn: 'Test hearing aid',
  descriptionZh: '用于测试的条目。\n第二行。',
  descriptionEn: 'An item for the tests.',
  isoCodes: division,
  maxSubsidy: '1280.50',
  productPart: '1,000',
  servicePart: '280.5',
  ratios: { subsistence: '100', extremePoverty: '100', lowIncome: '80', other: '60' },
  eligibleCategories: ['hearing', 'multiple'],
  eligibleGrades: ['1', '2', '3'],
  ageMin: '0',
  ageMax: '17',
  serviceLifeYears: '5',
  quantityLimit: '2',
  medicalInsurance: 'no',
  medicalInsuranceCode: '',
  firstOfKind: true,
});

beforeAll(async () => {
  t = await testApp();
  [admin, supplier] = await Promise.all([
    signedInVisitor(t.app, 'demo-city-admin'),
    signedInVisitor(t.app, 'demo-supplier'),
  ]);
  const { id: userId } = await one<{ id: string }>(
    sql`select id from app_user where username = 'demo-city-admin'`,
  );
  const context: CommandContext = {
    actor: { userId, label: 'demo-city-admin', organisationId: null },
    sourceAddress: null,
  };
  subsidyDraft = await createDraft(t.database.db, context, {
    kind: 'subsidy',
    year: 2027,
    titleZh: '2027年度补贴目录',
    titleEn: 'Subsidy catalog 2027',
  });
  rehabDraft = await createDraft(t.database.db, context, {
    kind: 'rehab',
    year: 2027,
    titleZh: '2027年度康复服务项目目录',
    titleEn: 'Rehabilitation services catalog 2027',
  });
  const [first] = [...(await currentDivisionCodes(t.database.db))].sort();
  if (first === undefined) throw new Error('no division in the current edition');
  division = first;
});

afterAll(async () => {
  await t.close();
});

describe('the form checks', () => {
  it('reads yuan as whole fen and the ticked boxes in order', () => {
    const read = readSubsidyItem('zh-CN', newItem(), new Set([division]));
    expect(read.errors).toEqual({});
    expect(read.item).toMatchObject({
      maxSubsidyFen: 128050,
      productPartFen: 100000,
      servicePartFen: 28050,
      ratios: { subsistence: 100, extremePoverty: 100, lowIncome: 80, other: 60 },
      eligibleCategories: ['hearing', 'multiple'],
      eligibleGrades: [1, 2, 3],
      ageMin: 0,
      ageMax: 17,
      medicalInsuranceCode: null,
      firstOfKind: true,
    });
  });

  it('lists every problem in the order of the form', () => {
    const read = readSubsidyItem(
      'en',
      {
        ...newItem(),
        code: '',
        isoCodes: '12 34',
        maxSubsidy: '1.234',
        ratios: { ...newItem().ratios, lowIncome: '101' },
        eligibleGrades: [],
        ageMin: '20',
        ageMax: '10',
        medicalInsurance: 'yes',
      },
      new Set([division]),
    );
    expect(read.item).toBeUndefined();
    expect(Object.keys(read.errors)).toEqual([
      'code',
      'isoCodes',
      'maxSubsidy',
      'ratioLowIncome',
      'eligibleGrades',
      'ageMax',
      'medicalInsuranceCode',
    ]);
    expect(read.errors.isoCodes).toBe('“12” is not a 6-digit division code');
  });

  it('writes fen back as the yuan an administrator types', () => {
    expect(yuanText(128050)).toBe('1280.50');
    expect(yuanText(100000)).toBe('1000');
    expect(yuanText(5)).toBe('0.05');
  });
});

describe('one subsidy item of a draft', () => {
  const versionUrl = () => `/admin/policy-catalogs/${subsidyDraft}`;
  const newUrl = () => `${versionUrl()}/items/new`;
  const editUrl = (code: string) => `${versionUrl()}/items/${code}/edit`;
  const deleteUrl = (code: string) => `${versionUrl()}/items/${code}/delete`;

  it('shows the draft with links to add, change and delete items', async () => {
    const page = await admin.get(versionUrl());
    expect(page.body).toContain(`href="${newUrl()}"`);
    const [first] = await subsidyItems(t.database.db, subsidyDraft);
    expect(page.body).toContain(`href="${editUrl(first?.code ?? '')}"`);
    expect(page.body).toContain(`href="${deleteUrl(first?.code ?? '')}"`);
  });

  it('renders the forms in Chinese and in English', async () => {
    const [first] = await subsidyItems(t.database.db, subsidyDraft);
    for (const url of [newUrl(), editUrl(first?.code ?? ''), deleteUrl(first?.code ?? '')]) {
      const zh = await admin.get(`${url}?lang=zh-CN`);
      expect(zh.statusCode, url).toBe(200);
      expect(zh.body, url).toContain('<html lang="zh-CN"');
      expect(h1Count(zh.body), url).toBe(1);
      expect(zh.body, url).toContain('class="fj-breadcrumbs"');
      const en = await admin.get(`${url}?lang=en`);
      expect(en.statusCode, url).toBe(200);
      expect(en.body, url).toContain('<html lang="en"');
      expect(h1Count(en.body), url).toBe(1);
    }
    const en = await admin.get(`${newUrl()}?lang=en`);
    expect(en.body).toContain('Add an item');
    expect(en.body).toContain('Maximum subsidy (yuan)');
    expect(en.body).toContain('Everyone else (%)');
    expect(en.body).toContain('<legend class="fj-fieldset__legend fj-fieldset__legend--m">Disability grades');
    const zh = await admin.get(`${newUrl()}?lang=zh-CN`);
    expect(zh.body).toContain('最高补贴（元）');
    expect(zh.body).toContain('低保对象（%）');
  });

  it('adds an item at the end, in whole fen, with an audit row; the draft stays private', async () => {
    const before = await subsidyCount(subsidyDraft);
    const revision = await revisionOf(subsidyDraft);
    const added = await admin.post(newUrl(), newUrl(), subsidyPairs(newItem()));
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${versionUrl()}?done=itemAdded`);
    const row = await one<{
      max_subsidy_fen: string | number;
      product_part_fen: string | number;
      service_part_fen: string | number;
      position: number;
      description_zh: string;
      first_of_kind: boolean;
    }>(
      sql`select max_subsidy_fen, product_part_fen, service_part_fen, position, description_zh, first_of_kind
          from subsidy_item where catalog_id = ${subsidyDraft} and code = '12990101'`,
    );
    expect([row.max_subsidy_fen, row.product_part_fen, row.service_part_fen].map(Number)).toEqual([
      128050, 100000, 28050,
    ]);
    expect(row.description_zh).toBe('用于测试的条目。\n第二行。');
    expect(row.first_of_kind).toBe(true);
    expect(await subsidyCount(subsidyDraft)).toBe(before + 1);
    const items = await subsidyItems(t.database.db, subsidyDraft);
    expect(items.at(-1)?.code).toBe('12990101');
    expect(await revisionOf(subsidyDraft)).toBeGreaterThan(revision);
    expect(await lastAudit('policy_catalog.item_save')).toMatchObject({
      outcome: 'success',
      object_id: subsidyDraft,
      detail: { kind: 'subsidy', code: '12990101' },
    });
    const page = await admin.get(String(added.headers.location));
    expect(page.body).toContain('已添加条目');
    expect((await t.app.inject({ method: 'GET', url: '/subsidy-catalogs/2027' })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/subsidy-catalogs/2027/items/12990101' })).statusCode,
    ).toBe(404);
  });

  it('refuses each mistake with the right field error, keeping what was typed', async () => {
    const taken = (await subsidyItems(t.database.db, subsidyDraft))[0]?.code ?? '';
    const unknownDivision = '999999';
    expect((await currentDivisionCodes(t.database.db)).has(unknownDivision)).toBe(false);
    const cases: [Partial<SubsidyItemForm>, string, string][] = [
      [{ maxSubsidy: '1280.505' }, 'maxSubsidy', '最多两位小数'],
      [{ servicePart: '200' }, 'servicePart', '必须等于最高补贴'],
      [{ isoCodes: `${division}, ${unknownDivision}` }, 'isoCodes', `没有 ${unknownDivision} 这个小类`],
      [{ medicalInsurance: 'yes', medicalInsuranceCode: ' ' }, 'medicalInsuranceCode', '请填写医保编码'],
      [{ code: taken }, 'code', `已经有编码为 ${taken} 的条目`],
    ];
    for (const [change, field, message] of cases) {
      const before = await subsidyCount(subsidyDraft);
      const form = { ...newItem(), code: '12990102', ...change };
      const refused = await admin.post(newUrl(), newUrl(), subsidyPairs(form));
      expect(refused.statusCode, field).toBe(400);
      expect(refused.body, field).toContain(`href="#${field}"`);
      expect(refused.body, field).toContain(message);
      expect(refused.body, field).toContain('<title>错误：');
      expect(refused.body, field).toContain('value="测试助听器"');
      expect(refused.body, field).toContain(`value="${form.maxSubsidy}"`);
      expect(refused.body, field).toContain('用于测试的条目。\n第二行。');
      expect(await subsidyCount(subsidyDraft), field).toBe(before);
    }
  });

  it('changes an item’s code and amounts, keeping the products admitted to it', async () => {
    const items = await subsidyItems(t.database.db, subsidyDraft);
    const listed = items.find((i) => i.products.length > 0);
    if (listed === undefined) throw new Error('no draft item with products');
    const form = await admin.get(editUrl(listed.code));
    expect(form.body).toContain(`value="${listed.code}"`);
    expect(form.body).toContain(`value="${yuanText(listed.maxSubsidyFen)}"`);
    const newCode = `${listed.code.slice(0, 6)}99`;
    const changed = {
      ...subsidyFormFrom(listed),
      code: newCode,
      maxSubsidy: yuanText(listed.maxSubsidyFen + 10000),
      productPart: yuanText(listed.productPartFen + 10000),
    };
    const saved = await admin.post(editUrl(listed.code), editUrl(listed.code), subsidyPairs(changed));
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${versionUrl()}?done=itemSaved`);
    const stored = await findSubsidyItem(t.database.db, subsidyDraft, newCode);
    expect(stored?.id).toBe(listed.id);
    expect(stored?.maxSubsidyFen).toBe(listed.maxSubsidyFen + 10000);
    expect(stored?.products.map((p) => p.productId)).toEqual(listed.products.map((p) => p.productId));
    expect(await findSubsidyItem(t.database.db, subsidyDraft, listed.code)).toBeUndefined();
    const after = await subsidyItems(t.database.db, subsidyDraft);
    expect(after.findIndex((i) => i.code === newCode)).toBe(items.indexOf(listed));
    expect(await lastAudit('policy_catalog.item_save')).toMatchObject({
      detail: { kind: 'subsidy', code: newCode, previousCode: listed.code },
    });
    expect((await admin.get(editUrl(listed.code))).statusCode).toBe(404);
  });

  it('names the products a deletion takes out of the version', async () => {
    const listed = (await subsidyItems(t.database.db, subsidyDraft)).find((i) => i.products.length > 0);
    if (listed === undefined) throw new Error('no draft item with products');
    const names = await productSummaries(
      t.database.db,
      listed.products.map((p) => p.productId),
    );
    const page = await admin.get(deleteUrl(listed.code));
    expect(page.statusCode).toBe(200);
    for (const product of names.values()) expect(page.body).toContain(product.nameZh);
    expect(page.body).toContain(`action="${deleteUrl(listed.code)}"`);
  });

  it('deletes an item with an audit row', async () => {
    const before = await subsidyCount(subsidyDraft);
    const deleted = await admin.post(deleteUrl('12990101'), deleteUrl('12990101'), []);
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(`${versionUrl()}?done=itemDeleted`);
    expect(await subsidyCount(subsidyDraft)).toBe(before - 1);
    expect(await findSubsidyItem(t.database.db, subsidyDraft, '12990101')).toBeUndefined();
    expect(await lastAudit('policy_catalog.item_delete')).toMatchObject({
      object_id: subsidyDraft,
      detail: { kind: 'subsidy', code: '12990101' },
    });
    expect((await admin.get(String(deleted.headers.location))).body).toContain('已删除条目');
  });

  it('keeps an item applications were made for, saying why', async () => {
    const [item] = await subsidyItems(t.database.db, subsidyDraft);
    if (item === undefined) throw new Error('no item');
    await t.database.db.query(
      sql`insert into admission (item_id, product_id, applicant_organisation_id, status, price_fen, evidence)
          select ${item.id}::uuid, product_id, applicant_organisation_id, 'withdrawn', price_fen, evidence
          from admission limit 1`,
    );
    const page = await admin.get(deleteUrl(item.code));
    expect(page.body).toContain('不能删除');
    expect(page.body).not.toContain(`action="${deleteUrl(item.code)}"`);
    const token = /name="_csrf" value="([^"]+)"/.exec((await admin.get(versionUrl())).body)?.[1] ?? '';
    const refused = await admin.postWithToken(deleteUrl(item.code), { _csrf: token });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('href="#delete"');
    expect(await findSubsidyItem(t.database.db, subsidyDraft, item.code)).toBeDefined();
  });

  it('answers 404 for an item the draft does not have', async () => {
    expect((await admin.get(editUrl('10000000'))).statusCode).toBe(404);
    expect((await admin.get(deleteUrl('10000000'))).statusCode).toBe(404);
  });
});

describe('items outside a draft, and people other than the city', () => {
  it('answers 409 for any item change to the version in force', async () => {
    const inForce = await one<{ id: string }>(
      sql`select id from policy_catalog where kind = 'subsidy' and year = 2026`,
    );
    const url = `/admin/policy-catalogs/${inForce.id}`;
    const [item] = await subsidyItems(t.database.db, inForce.id);
    if (item === undefined) throw new Error('no item in force');
    for (const path of ['/items/new', `/items/${item.code}/edit`, `/items/${item.code}/delete`]) {
      const page = await admin.get(`${url}${path}`);
      expect(page.statusCode, path).toBe(409);
      expect(page.body, path).toContain('只有草稿中的条目可以修改');
      expect(h1Count(page.body), path).toBe(1);
    }
    const before = await subsidyCount(inForce.id);
    const token =
      /name="_csrf" value="([^"]+)"/.exec((await admin.get('/admin/policy-catalogs')).body)?.[1] ?? '';
    const pairs = { ...Object.fromEntries(subsidyPairs(newItem())), _csrf: token };
    expect((await admin.postWithToken(`${url}/items/new`, pairs)).statusCode).toBe(409);
    const edited = await admin.postWithToken(`${url}/items/${item.code}/edit`, {
      ...pairs,
      ...Object.fromEntries(subsidyPairs(subsidyFormFrom(item))),
    });
    expect(edited.statusCode).toBe(409);
    expect((await admin.postWithToken(`${url}/items/${item.code}/delete`, { _csrf: token })).statusCode).toBe(
      409,
    );
    expect(await subsidyCount(inForce.id)).toBe(before);
    expect((await findSubsidyItem(t.database.db, inForce.id, item.code))?.maxSubsidyFen).toBe(
      item.maxSubsidyFen,
    );
    const page = await admin.get(url);
    expect(page.body).not.toContain('/items/new"');
    expect(page.body).not.toContain('/edit"');
  });

  it('refuses a supplier (403), changing nothing', async () => {
    const url = `/admin/policy-catalogs/${subsidyDraft}/items/new`;
    expect((await supplier.get(url)).statusCode).toBe(403);
    const [item] = await subsidyItems(t.database.db, subsidyDraft);
    expect(
      (await supplier.get(`/admin/policy-catalogs/${subsidyDraft}/items/${item?.code}/edit`)).statusCode,
    ).toBe(403);
    const before = await subsidyCount(subsidyDraft);
    const token = /name="_csrf" value="([^"]+)"/.exec((await supplier.get('/account')).body)?.[1] ?? '';
    const forged = await supplier.postWithToken(url, {
      ...Object.fromEntries(subsidyPairs({ ...newItem(), code: '12990103' })),
      _csrf: token,
    });
    expect(forged.statusCode).toBe(403);
    expect(await subsidyCount(subsidyDraft)).toBe(before);
  });
});

describe('one rehabilitation-service item of a draft', () => {
  const versionUrl = () => `/admin/policy-catalogs/${rehabDraft}`;
  const rehabForm: RehabItemForm = {
    code: 'r901',
    nameZh: '测试康复训练',
    nameEn: 'Test rehabilitation training',
    targetGroupZh: '0至6岁听力残疾儿童',
    targetGroupEn: 'Children aged 0 to 6 with hearing disabilities',
    contentZh: '听觉言语训练。',
    contentEn: 'Auditory and speech training.',
    frequencyZh: '每周 2 次',
    frequencyEn: 'Twice a week',
    standardPrice: '3000',
    subsidy: '2400.5',
    eligibleCategories: ['hearing'],
    ageMin: '0',
    ageMax: '6',
  };

  it('adds an item, refuses a subsidy above the price, and changes it', async () => {
    const newUrl = `${versionUrl()}/items/new`;
    const en = await admin.get(`${newUrl}?lang=en`);
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('Who it is for, in Chinese');
    await admin.get(`${newUrl}?lang=zh-CN`);
    const over = await admin.post(newUrl, newUrl, rehabPairs({ ...rehabForm, subsidy: '3000.01' }));
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain('href="#subsidy"');
    expect(over.body).toContain('补贴不能超过标准价格');
    const added = await admin.post(newUrl, newUrl, rehabPairs(rehabForm));
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${versionUrl()}?done=itemAdded`);
    const stored = await findRehabItem(t.database.db, rehabDraft, 'R901');
    expect(stored).toMatchObject({ standardPriceFen: 300000, subsidyFen: 240050, ageMax: 6 });
    expect(await lastAudit('policy_catalog.item_save')).toMatchObject({
      detail: { kind: 'rehab', code: 'R901' },
    });

    const editUrl = `${versionUrl()}/items/R901/edit`;
    const form = await admin.get(editUrl);
    expect(form.body).toContain('value="2400.50"');
    const badCode = await admin.post(editUrl, editUrl, rehabPairs({ ...rehabForm, code: '901' }));
    expect(badCode.statusCode).toBe(400);
    expect(badCode.body).toContain('href="#code"');
    const saved = await admin.post(
      editUrl,
      editUrl,
      rehabPairs({ ...rehabForm, code: 'R902', subsidy: '2500', ageMax: '' }),
    );
    expect(saved.statusCode).toBe(303);
    expect(await findRehabItem(t.database.db, rehabDraft, 'R901')).toBeUndefined();
    expect(await findRehabItem(t.database.db, rehabDraft, 'R902')).toMatchObject({
      subsidyFen: 250000,
      ageMax: null,
      nameZh: '测试康复训练',
    });
    const page = await admin.get(`${versionUrl()}?done=itemSaved`);
    expect(page.body).toContain('已保存条目');
    expect(page.body).toContain(`href="${versionUrl()}/items/R902/delete"`);
  });
});
