import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../../test/support/app.ts';
import { sql } from '../../../../platform/db/index.ts';
import { recordProductFeedback } from '../../../catalog/index.ts';
import { assignPanel } from '../../admissionsService.ts';
import { applicationFormOf, readApplication } from './applicationForm.ts';
import { reviewerTask, timelineStates } from './progress.ts';
import { readScores, scoresFormOf } from './reviewForm.ts';

let t: TestApp;
let supplier: Visitor;
let admin: Visitor;

const rows = <R>(query: ReturnType<typeof sql>) => t.database.db.query<R>(query);
const one = async <R>(query: ReturnType<typeof sql>): Promise<R> => {
  const [row] = await rows<R>(query);
  if (row === undefined) throw new Error(`no row for ${query.text}`);
  return row;
};
const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;
const userId = async (username: string) =>
  (await one<{ id: string }>(sql`select id from app_user where username = ${username}`)).id;
const organisationOf = async (username: string) =>
  (
    await one<{ organisation_id: string }>(
      sql`select g.organisation_id from role_grant g join app_user u on u.id = g.user_id
          where u.username = ${username} and g.revoked_at is null`,
    )
  ).organisation_id;
const admissionCount = async () =>
  Number((await one<{ n: string }>(sql`select count(*) as n from admission`)).n);
const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * A published product that fits an item of the catalog in force (its ISO
 * division is one the item covers) and is neither listed nor applied for there.
 */
async function candidate(supplier: { is: string } | { not: string }) {
  const [is, not] = 'is' in supplier ? [supplier.is, null] : [null, supplier.not];
  return one<{ product_id: string; item_id: string; supplier_id: string }>(
    sql`select p.id as product_id, i.id as item_id, p.supplier_id
        from product p
        join product_version v on v.product_id = p.id and v.version = p.published_version
        join subsidy_item i on v.iso_code = any(i.iso_codes)
        join policy_catalog c on c.id = i.catalog_id and c.kind = 'subsidy' and c.status = 'in_force'
        where p.status = 'published'
          and (${is}::uuid is null or p.supplier_id = ${is}::uuid)
          and (${not}::uuid is null or p.supplier_id <> ${not}::uuid)
          and not exists (select 1 from subsidy_item_product sp where sp.item_id = i.id and sp.product_id = p.id)
          and not exists (select 1 from admission a where a.item_id = i.id and a.product_id = p.id
                            and a.status in ('applied', 'under_review', 'notice'))
        order by v.model, i.code
        limit 1`,
  );
}

const evidence = {
  registrationNumber: '陕械备20260001号',
  reportTitle1: '型式检验报告',
  reportUrl1: 'https://example.org/type-test.pdf',
  reportTitle2: '',
  reportUrl2: '',
  reportTitle3: '',
  reportUrl3: '',
  trialParticipants: '24',
  trialSummary: '在两个社区试用三周，使用者认为轻便、好操作。',
};

let supplierOrg: string;
/** The application demo-supplier makes in these tests, reviewed later on. */
let appliedId: string;

beforeAll(async () => {
  t = await testApp();
  [supplier, admin] = await Promise.all([
    signedInVisitor(t.app, 'demo-supplier'),
    signedInVisitor(t.app, 'demo-city-admin'),
  ]);
  supplierOrg = await organisationOf('demo-supplier');
});
afterAll(async () => {
  await t.close();
});

describe('the forms and progress, without HTTP', () => {
  it('reads an application and names each mistake by its field', () => {
    const good = readApplication(
      applicationFormOf({ productId: 'p', itemId: 'i', price: '1,280.50', ...evidence }),
    );
    expect(good.application?.priceFen).toBe(128050);
    expect(good.application?.evidence.testReports).toEqual([
      { title: '型式检验报告', url: 'https://example.org/type-test.pdf' },
    ]);
    const bad = readApplication(
      applicationFormOf({
        price: '0',
        reportTitle2: '报告',
        reportUrl3: 'https://example.org/x.pdf',
        trialParticipants: '-1',
        trialSummary: '',
      }),
    );
    expect(bad.problems.map((p) => [p.field, p.key])).toEqual([
      ['productId', 'err_productRequired'],
      ['itemId', 'err_itemRequired'],
      ['price', 'err_priceZero'],
      ['reportUrl2', 'err_reportUrlMissing'],
      ['reportTitle3', 'err_reportTitleMissing'],
      ['trialParticipants', 'err_participantsFormat'],
      ['trialSummary', 'err_summaryRequired'],
    ]);
    const scores = readScores(
      scoresFormOf({ maturity: '100', safety: '0', cost: '８０', feedback: '7.5', comment: 'ok' }),
    );
    expect(scores.problems.map((p) => [p.field, p.key])).toEqual([['feedback', 'err_scoreFormat']]);
  });

  it('derives the timeline and the reviewer’s task from the status', () => {
    expect(timelineStates('rejected', true).notice).toBe('skipped');
    expect(timelineStates('withdrawn', false)).toMatchObject({ panel: 'skipped', outcome: 'done' });
    expect(reviewerTask('under_review', { hasConflict: null, scored: false })).toBe('declare');
    expect(reviewerTask('under_review', { hasConflict: false, scored: false })).toBe('score');
    expect(reviewerTask('notice', { hasConflict: false, scored: false })).toBe('closed');
    expect(reviewerTask('notice', { hasConflict: true, scored: false })).toBe('recused');
  });
});

describe('a supplier’s applications', () => {
  it('lists only its own organisation’s, and another’s detail page is 404 (audited)', async () => {
    const others = await rows<{ id: string }>(
      sql`select id from admission where applicant_organisation_id <> ${supplierOrg}::uuid`,
    );
    expect(others.length).toBeGreaterThan(0);
    const list = await supplier.get('/supplier/admissions');
    expect(list.statusCode).toBe(200);
    expect(h1Count(list.body)).toBe(1);
    expect(list.body).toContain('href="/supplier/admissions/new"');
    expect(list.body).toContain('href="/supplier/products"');
    expect(list.body).toContain('公示 7 天');
    for (const other of others) expect(list.body).not.toContain(other.id);
    const other = others[0] as { id: string };
    expect((await supplier.get(`/supplier/admissions/${other.id}`)).statusCode).toBe(404);
    expect(
      await one<{ action: string; outcome: string }>(
        sql`select action, outcome from audit_event where object_id = ${other.id} order by seq desc limit 1`,
      ),
    ).toEqual({ action: 'admission.read', outcome: 'denied' });
    // The city reads every application, and keeps its list and its form under /admin.
    expect((await admin.get('/supplier/admissions')).headers.location).toBe('/admin/admissions');
    expect((await admin.get('/supplier/admissions/new')).headers.location).toBe('/admin/admissions/new');
    const city = await admin.get(`/supplier/admissions/${other.id}`);
    expect(city.statusCode).toBe(200);
    expect(city.body).toContain('办理进度');
  });

  it('shows the public notice and the panel’s mean score, but not who sat on the panel', async () => {
    const notice = await one<{ id: string }>(sql`select id from admission where status = 'notice'`);
    const names = await rows<{ display_name: string }>(
      sql`select u.display_name from admission_reviewer r join app_user u on u.id = r.reviewer_id
          where r.admission_id = ${notice.id}`,
    );
    const page = await admin.get(`/supplier/admissions/${notice.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/notices/${notice.id}"`);
    expect(page.body).toMatch(/评审组加权平均分：\d+\.\d分/);
    for (const { display_name } of names) expect(page.body).not.toContain(display_name);
  });

  it('refuses a product of another supplier, changing nothing', async () => {
    const foreign = await candidate({ not: supplierOrg });
    const before = await admissionCount();
    const response = await supplier.post('/supplier/admissions/new', '/supplier/admissions/new', {
      productId: foreign.product_id,
      itemId: foreign.item_id,
      price: '1000',
      ...evidence,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#productId"');
    expect(response.body).toContain('不是本企业已发布的产品');
    expect(await admissionCount()).toBe(before);
    // The supplier's form offers only its own products.
    const form = await supplier.get('/supplier/admissions/new');
    expect(form.body).not.toContain(`value="${foreign.product_id}"`);
  });

  it('answers a fractional price and a non-https report with 400, the error summary and what was typed', async () => {
    const mine = await candidate({ is: supplierOrg });
    const response = await supplier.post('/supplier/admissions/new', '/supplier/admissions/new', {
      productId: mine.product_id,
      itemId: mine.item_id,
      price: '12.345',
      ...evidence,
      reportUrl1: 'http://example.org/type-test.pdf',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('fj-error-summary');
    expect(response.body).toMatch(/<title>错误：/);
    expect(response.body).toContain('href="#price"');
    expect(response.body).toContain('href="#reportUrl1"');
    expect(response.body).toContain('value="12.345"');
    expect(response.body).toContain('value="http://example.org/type-test.pdf"');
    expect(response.body).toContain(evidence.trialSummary);
    expect(response.body).toMatch(new RegExp(`<option value="${mine.product_id}" selected`));
  });

  it('applies for one of its published products into a matching item, with an audit row', async () => {
    const mine = await candidate({ is: supplierOrg });
    const response = await supplier.post('/supplier/admissions/new', '/supplier/admissions/new', {
      productId: mine.product_id,
      itemId: mine.item_id,
      price: '1280.50',
      ...evidence,
    });
    expect(response.statusCode).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(new RegExp(`^/supplier/admissions/${uuid}\\?done=applied$`));
    appliedId = location.split('/')[3]?.split('?')[0] as string;
    const row = await one<{
      status: string;
      applicant_organisation_id: string;
      price_fen: string;
      evidence: { trialParticipants: number; testReports: unknown[] } | string;
    }>(
      sql`select status, applicant_organisation_id, price_fen, evidence from admission where id = ${appliedId}`,
    );
    expect(row).toMatchObject({ status: 'applied', applicant_organisation_id: supplierOrg });
    expect(Number(row.price_fen)).toBe(128050);
    const stored = typeof row.evidence === 'string' ? JSON.parse(row.evidence) : row.evidence;
    expect(stored).toMatchObject({ trialParticipants: 24, registrationNumber: evidence.registrationNumber });
    expect(stored.testReports).toHaveLength(1);
    const audit = await rows<{ outcome: string }>(
      sql`select outcome from audit_event where action = 'admission.apply' and object_id = ${appliedId}`,
    );
    expect(audit).toEqual([{ outcome: 'success' }]);

    const detail = await supplier.get(location);
    expect(detail.statusCode).toBe(200);
    expect(h1Count(detail.body)).toBe(1);
    expect(detail.body).toContain('申请已提交');
    expect(detail.body).toContain('等待市残联组建评审组');
    expect(detail.body).toContain(`action="/supplier/admissions/${appliedId}/withdraw"`);
    expect(detail.body).toContain('https://example.org/type-test.pdf');
    expect((await supplier.get('/supplier/admissions')).body).toContain(
      `href="/supplier/admissions/${appliedId}"`,
    );

    // The same product and item again: already in progress.
    const again = await supplier.post('/supplier/admissions/new', '/supplier/admissions/new', {
      productId: mine.product_id,
      itemId: mine.item_id,
      price: '1280.50',
      ...evidence,
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('正在处理');
  });
});

describe('the city applies on a supplier’s behalf', () => {
  it('offers every supplier’s products and records the product’s supplier as the applicant', async () => {
    const theirs = await candidate({ not: supplierOrg });
    const form = await admin.get('/admin/admissions/new');
    expect(form.statusCode).toBe(200);
    expect(h1Count(form.body)).toBe(1);
    expect(form.body).toContain(`value="${theirs.product_id}"`);
    expect((await supplier.get('/admin/admissions/new')).statusCode).toBe(404);
    const response = await admin.post('/admin/admissions/new', '/admin/admissions/new', {
      productId: theirs.product_id,
      itemId: theirs.item_id,
      price: '999',
      ...evidence,
    });
    expect(response.statusCode).toBe(303);
    expect(String(response.headers.location)).toMatch(
      new RegExp(`^/admin/admissions/${uuid}\\?done=applied$`),
    );
    const id = String(response.headers.location).split('/')[3]?.split('?')[0] as string;
    expect(
      await one<{ status: string; applicant_organisation_id: string }>(
        sql`select status, applicant_organisation_id from admission where id = ${id}`,
      ),
    ).toEqual({ status: 'applied', applicant_organisation_id: theirs.supplier_id });
    const audit = await one<{ detail: { byCity: boolean } | string }>(
      sql`select detail from audit_event where action = 'admission.apply' and object_id = ${id}`,
    );
    const detail = typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail;
    expect(detail.byCity).toBe(true);
  });
});

describe('panel members', () => {
  it('the reviewer yet to declare sees the demo review, declares no conflict and scores', async () => {
    const seat = await one<{ id: string; username: string; reviewer_id: string }>(
      sql`select a.id, u.username, r.reviewer_id from admission a
          join admission_reviewer r on r.admission_id = a.id join app_user u on u.id = r.reviewer_id
          where a.status = 'under_review' and r.has_conflict is null
          order by u.username limit 1`,
    );
    const reviewer = await signedInVisitor(t.app, seat.username);
    const list = await reviewer.get('/reviews');
    expect(list.statusCode).toBe(200);
    expect(h1Count(list.body)).toBe(1);
    expect(list.body).toContain(`href="/reviews/${seat.id}"`);
    expect(list.body).toContain('待声明利益冲突');

    const url = `/reviews/${seat.id}`;
    const page = await reviewer.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="${url}/declaration"`);
    expect(page.body).toContain('用户评价与回访结果');
    expect(page.body).toContain('目前还没有该产品的适配回访结果');
    expect(page.body).toMatch(/\/subsidy-catalogs\/\d{4}\/items\/\d+/);
    // Follow-ups after fitting become the product's user feedback on the review page.
    const [applied] = await t.database.db.query<{ product_id: string }>(
      sql`select product_id from admission where id = ${seat.id}`,
    );
    await t.database.db.transaction((tx) =>
      recordProductFeedback(tx, applied?.product_id as string, {
        inUse: false,
        productSatisfaction: 2,
        serviceSatisfaction: 5,
        problems: ['poor_fit'],
        repairNeeded: true,
      }),
    );
    const withFeedback = await reviewer.get(url);
    expect(withFeedback.body).toContain('适配后回访次数');
    expect(withFeedback.body).toContain('平均 2.0 分');
    expect(withFeedback.body).toContain('不合适 1 次');
    expect(page.body).not.toContain(`action="${url}/scores"`);

    const declared = await reviewer.post(url, `${url}/declaration`, { hasConflict: 'no', statement: '' });
    expect(declared.statusCode).toBe(303);
    expect(declared.headers.location).toBe(`${url}?done=declared`);
    const step2 = await reviewer.get(url);
    expect(step2.body).toContain(`action="${url}/scores"`);

    const bad = await reviewer.post(url, `${url}/scores`, {
      maturity: '80',
      safety: '101',
      cost: '70',
      feedback: '75',
      comment: '证据较完整。',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#safety"');
    expect(bad.body).toContain('value="101"');

    const scored = await reviewer.post(url, `${url}/scores`, {
      maturity: '80',
      safety: '90',
      cost: '70',
      feedback: '75',
      comment: '证据较完整，建议纳入。',
    });
    expect(scored.statusCode).toBe(303);
    const row = await one<{ score_safety: number; comment: string; has_conflict: boolean }>(
      sql`select score_safety, comment, has_conflict from admission_reviewer
          where admission_id = ${seat.id} and reviewer_id = ${seat.reviewer_id}`,
    );
    expect(row).toEqual({ score_safety: 90, comment: '证据较完整，建议纳入。', has_conflict: false });
    const done = await reviewer.get(`${url}?done=scored`);
    expect(done.body).toContain('评分已提交');
    expect(done.body).toContain('您的加权得分');
    expect(done.body).not.toContain(`action="${url}/scores"`);
  });

  it('demo-assessor sees the demo review, then declares and scores on a new panel; a conflict bars scoring', async () => {
    const assessor = await signedInVisitor(t.app, 'demo-assessor');
    const demoReview = await one<{ id: string }>(sql`select id from admission where status = 'under_review'`);
    const list = await assessor.get('/reviews');
    expect(list.body).toContain(`href="/reviews/${demoReview.id}"`);

    // The city sets up a panel for demo-supplier's new application: demo-assessor and demo-department.
    const [adminId, assessorId, departmentId] = await Promise.all(
      ['demo-city-admin', 'demo-assessor', 'demo-department'].map(userId),
    );
    await assignPanel(
      t.database.db,
      {
        actor: { userId: adminId as string, label: 'demo-city-admin', organisationId: null },
        sourceAddress: null,
      },
      appliedId,
      [assessorId as string, departmentId as string],
    );
    const url = `/reviews/${appliedId}`;
    expect((await assessor.post(url, `${url}/declaration`, { hasConflict: 'no' })).statusCode).toBe(303);
    const scored = await assessor.post(url, `${url}/scores`, {
      maturity: '85',
      safety: '88',
      cost: '76',
      feedback: '80',
      comment: '建议纳入。',
    });
    expect(scored.statusCode).toBe(303);
    const scores = await one<{ score_maturity: number; score_feedback: number }>(
      sql`select score_maturity, score_feedback from admission_reviewer
          where admission_id = ${appliedId} and reviewer_id = ${assessorId as string}`,
    );
    expect(scores).toEqual({ score_maturity: 85, score_feedback: 80 });

    const department = await signedInVisitor(t.app, 'demo-department');
    const unexplained = await department.post(url, `${url}/declaration`, {
      hasConflict: 'yes',
      statement: '',
    });
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.body).toContain('href="#statement"');
    const recused = await department.post(url, `${url}/declaration`, {
      hasConflict: 'yes',
      statement: '本人近两年参与过该企业的产品研发。',
    });
    expect(recused.statusCode).toBe(303);
    expect(recused.headers.location).toBe(`${url}?done=recused`);
    const page = await department.get(url);
    expect(page.body).toContain('回避评分');
    expect(page.body).not.toContain(`action="${url}/scores"`);
    const refused = await department.post(url, `${url}/scores`, {
      maturity: '50',
      safety: '50',
      cost: '50',
      feedback: '50',
      comment: '——',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('不能评分');
    const row = await one<{ scored_at: Date | null }>(
      sql`select scored_at from admission_reviewer where admission_id = ${appliedId} and reviewer_id = ${departmentId as string}`,
    );
    expect(row.scored_at).toBeNull();

    // The applicant sees the review under way, with no reviewer named.
    const detail = await supplier.get(`/supplier/admissions/${appliedId}`);
    expect(detail.body).toContain('评审组正在评审');
    const assessorName = await one<{ display_name: string }>(
      sql`select display_name from app_user where username = 'demo-assessor'`,
    );
    expect(detail.body).not.toContain(assessorName.display_name);
  });

  it('gives 404 (audited) to a reviewer not on the panel, and 403 to those who never review', async () => {
    const researcher = await signedInVisitor(t.app, 'demo-researcher');
    const url = `/reviews/${appliedId}`;
    expect((await researcher.get(url)).statusCode).toBe(404);
    expect(
      await one<{ action: string; outcome: string }>(
        sql`select action, outcome from audit_event where object_id = ${appliedId} order by seq desc limit 1`,
      ),
    ).toEqual({ action: 'admission.review', outcome: 'denied' });
    const list = await researcher.get('/reviews');
    const token = /name="_csrf" value="([^"]+)"/.exec(list.body)?.[1] ?? '';
    const post = await researcher.postWithToken(`${url}/declaration`, { hasConflict: 'no', _csrf: token });
    expect(post.statusCode).toBe(404);
    expect((await admin.get('/reviews')).statusCode).toBe(403);
    expect((await admin.get(url)).statusCode).toBe(403);
  });

  it('lets the applicant withdraw while under review, and then no more', async () => {
    const url = `/supplier/admissions/${appliedId}`;
    const withdrawn = await supplier.post(url, `${url}/withdraw`, {});
    expect(withdrawn.statusCode).toBe(303);
    expect(withdrawn.headers.location).toBe(`${url}?done=withdrawn`);
    expect(
      (await one<{ status: string }>(sql`select status from admission where id = ${appliedId}`)).status,
    ).toBe('withdrawn');
    const page = await supplier.get(String(withdrawn.headers.location));
    expect(page.body).toContain('申请已撤回');
    expect(page.body).not.toContain(`action="${url}/withdraw"`);
    const list = await supplier.get('/supplier/admissions');
    const token = /name="_csrf" value="([^"]+)"/.exec(list.body)?.[1] ?? '';
    const again = await supplier.postWithToken(`${url}/withdraw`, { _csrf: token });
    expect(again.statusCode).toBe(409);
  });
});

describe('in English', () => {
  it('renders every page', async () => {
    const notice = await one<{ id: string }>(sql`select id from admission where status = 'notice'`);
    const assessor = await signedInVisitor(t.app, 'demo-assessor');
    const pages: [Visitor, string, string][] = [
      [supplier, '/supplier/admissions?lang=en', 'How admission works'],
      [supplier, '/supplier/admissions/new?lang=en', 'Apply to admit a product to the subsidy catalog'],
      [admin, '/admin/admissions/new?lang=en', 'Apply for admission on a supplier’s behalf'],
      [admin, `/supplier/admissions/${notice.id}?lang=en`, 'See the public notice'],
      [assessor, '/reviews?lang=en', 'Admission reviews'],
      [assessor, `/reviews/${notice.id}?lang=en`, 'User ratings and follow-up outcomes'],
    ];
    for (const [visitor, url, text] of pages) {
      const page = await visitor.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('<html lang="en"');
      expect(page.body).toContain(text);
      expect(h1Count(page.body)).toBe(1);
    }
  });
});
