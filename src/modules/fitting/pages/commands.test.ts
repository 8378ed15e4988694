import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInVisitor, type TestApp, testApp, type Visitor } from '../../../../test/support/app.ts';
import { sql } from '../../../platform/db/index.ts';
import {
  applyOnline,
  csrfOf,
  dayFromToday,
  done,
  formVersion,
  giveCommand,
  itemWithProductOf,
  oneOf,
  organisationOf,
  overridesFor,
  rowsOf,
} from './testkit.ts';

let t: TestApp;
let resident: Visitor;
let worker: Visitor;
let reviewer: Visitor;
let assessor: Visitor;
let supplier: Visitor;
let cityAdmin: Visitor;
let chosen: { itemCode: string; productId: string };

const reasonText = '上下楼困难，需要轮椅出行（页面测试）';
const findingsText = '坐姿平衡良好，建议轻便型手动轮椅（页面测试）';

const statusOf = async (id: string) =>
  (await oneOf<{ status: string }>(t, sql`select status from fitting_case where id = ${id}`)).status;

/** The resident applies through the form and lands on the new case; its id. */
const applyAsResident = () => applyOnline(resident, chosen.itemCode, reasonText);

/** The district reviewer confirms eligibility, setting aside with a reason any condition not met. */
async function confirm(id: string) {
  const page = await reviewer.get(`/applications/${id}`);
  await done(reviewer, id, 'confirmEligibility', overridesFor(page.body));
}

/** The assessor records the assessment of a scheduled case and prescribes the supplier's product. */
async function assessAndPrescribeFromScheduled(id: string) {
  await done(assessor, id, 'recordAssessment', [
    ['functionArea', 'mobility'],
    ['m_seat_width', '42'],
    ['m_seat_depth', '40'],
    ['m_lower_leg_length', '41.5'],
    ['m_body_weight', '62'],
    ['findings', findingsText],
    ['recommendedItems', chosen.itemCode],
  ]);
  await done(assessor, id, 'prescribe', [
    ['product0', `${chosen.itemCode}:${chosen.productId}`],
    ['quantity0', '1'],
  ]);
}

async function assessAndPrescribe(id: string) {
  await done(assessor, id, 'scheduleAssessment', [
    ['mode', 'on_site'],
    ['scheduledOn', dayFromToday(1)],
  ]);
  await assessAndPrescribeFromScheduled(id);
}

const followUp: [string, string][] = [
  ['method', 'phone'],
  ['inUse', 'yes'],
  ['useFrequency', 'daily'],
  ['productSatisfaction', '4'],
  ['serviceSatisfaction', '5'],
  ['problems', 'discomfort'],
  ['repairNeeded', 'no'],
];

beforeAll(async () => {
  t = await testApp();
  [resident, worker, reviewer, assessor, supplier, cityAdmin] = await Promise.all([
    signedInVisitor(t.app, 'demo-resident'),
    signedInVisitor(t.app, 'demo-community-worker'),
    signedInVisitor(t.app, 'demo-district-reviewer'),
    signedInVisitor(t.app, 'demo-assessor'),
    signedInVisitor(t.app, 'demo-supplier'),
    signedInVisitor(t.app, 'demo-city-admin'),
  ]);
  const form = await resident.get('/my/applications/new');
  chosen = await itemWithProductOf(t, form.body, await organisationOf(t, 'demo-supplier'));
});
afterAll(async () => {
  await t.close();
});

describe('a case from application to closing, every step through its form', () => {
  let id: string;

  it('opens, is returned, corrected and found eligible', async () => {
    id = await applyAsResident();
    await done(worker, id, 'returnForCorrection', [['reason', '请补充使用场所的说明']]);
    expect(await statusOf(id)).toBe('returned');
    // The resident sees why it came back, in the history.
    expect((await resident.get(`/applications/${id}`)).body).toContain('请补充使用场所的说明');
    await done(resident, id, 'resubmit', [
      ['usePlaces', 'home'],
      ['suppliedByOtherScheme', 'no'],
      ['reason', `${reasonText}（已补正）`],
    ]);
    expect(await statusOf(id)).toBe('submitted');
    await confirm(id);
    expect(await statusOf(id)).toBe('eligibility_checked');
  });

  it('refuses a bad date and a missing choice with 400, the error summary and what was typed', async () => {
    const response = await giveCommand(assessor, id, 'scheduleAssessment', [['scheduledOn', '明天']]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/<title>错误：/);
    expect(response.body).toContain('fj-error-summary');
    expect(response.body).toContain('href="#scheduleAssessment-mode"');
    expect(response.body).toContain('href="#scheduleAssessment-scheduledOn"');
    expect(response.body).toContain('value="明天"');
    expect(await statusOf(id)).toBe('eligibility_checked');
    // The refused form's address (the language switch keeps it) leads back to the case.
    expect((await assessor.get(`/applications/${id}/commands/scheduleAssessment`)).headers.location).toBe(
      `/applications/${id}`,
    );
    const past = await giveCommand(assessor, id, 'scheduleAssessment', [
      ['mode', 'remote'],
      ['scheduledOn', dayFromToday(-3)],
    ]);
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('日期不能早于今天');
    expect(past.body).toContain(
      'aria-describedby="scheduleAssessment-scheduledOn-hint scheduleAssessment-scheduledOn-error"',
    );
  });

  it('shows that someone else changed the case first, and changes nothing', async () => {
    const page = await assessor.get(`/applications/${id}`);
    const version = Number(formVersion(page.body, id, 'scheduleAssessment'));
    const stale = await assessor.postWithToken(`/applications/${id}/commands/scheduleAssessment`, [
      ['mode', 'on_site'],
      ['scheduledOn', dayFromToday(2)],
      ['version', String(version - 1)],
      ['_csrf', csrfOf(page.body)],
    ]);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('此申请刚刚被他人更新');
    expect(stale.body).toContain('href="#scheduleAssessment-problem"');
    expect(await statusOf(id)).toBe('eligibility_checked');
  });

  it('is assessed (an implausible measurement is caught on its field) and prescribed', async () => {
    await done(assessor, id, 'scheduleAssessment', [
      ['mode', 'on_site'],
      ['scheduledOn', dayFromToday(1)],
    ]);
    const implausible = await giveCommand(assessor, id, 'recordAssessment', [
      ['functionArea', 'mobility'],
      ['m_seat_width', '450'],
      ['m_seat_depth', '40'],
      ['m_lower_leg_length', '41'],
      ['m_body_weight', '62'],
      ['findings', findingsText],
      ['recommendedItems', chosen.itemCode],
    ]);
    expect(implausible.statusCode).toBe(400);
    expect(implausible.body).toContain('href="#recordAssessment-m_seat_width"');
    expect(implausible.body).toContain('数值超出合理范围');
    expect(implausible.body).toContain('value="450"');
    await assessAndPrescribeFromScheduled(id);
    expect(await statusOf(id)).toBe('prescribed');
    const page = await assessor.get(`/applications/${id}`);
    expect(page.body).toContain(findingsText);
    expect(page.body).toContain('id="prescription"');
  });

  it('is approved, with the amount to reserve shown first, and the budget reserved', async () => {
    const page = await reviewer.get(`/applications/${id}`);
    expect(page.body).toMatch(/批准后，将从本区县本年度预算中占用 ¥[\d,]+\.\d\d/);
    await done(reviewer, id, 'approve');
    const c = await oneOf<{ status: string; reserved_fen: string }>(
      t,
      sql`select status, reserved_fen from fitting_case where id = ${id}`,
    );
    expect(c.status).toBe('approved');
    expect(Number(c.reserved_fen)).toBeGreaterThan(0);
  });

  it('is fitted, delivered, confirmed and trained; the supplier never sees the reason or the findings', async () => {
    const seen = await supplier.get(`/applications/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain(reasonText);
    expect(seen.body).not.toContain(findingsText);
    expect(seen.body).not.toContain('id="assessment-heading"');
    await done(supplier, id, 'startFitting');
    await done(supplier, id, 'recordDelivery', [
      ['serialNumber', 'SN-PAGES-0001'],
      ['notes', '已按评估尺寸调试'],
    ]);
    await done(resident, id, 'confirmReceipt', [['signedBy', 'person']]);
    expect(await statusOf(id)).toBe('delivered');
    await done(supplier, id, 'recordTraining', [['notes', '已培训日常使用与保养']]);
    expect(await statusOf(id)).toBe('trained');
    const print = await supplier.get(`/applications/${id}/print`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('SN-PAGES-0001');
    expect(print.body).not.toContain(reasonText);
  });

  it('is followed up three times and closed', async () => {
    const bad = await giveCommand(resident, id, 'recordFollowUp', [['method', 'phone']]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#recordFollowUp-inUse"');
    expect(bad.body).toContain('href="#recordFollowUp-productSatisfaction"');
    await done(resident, id, 'recordFollowUp', followUp);
    await done(assessor, id, 'recordFollowUp', followUp);
    // Closing with a follow-up still open is refused on the form.
    const early = await giveCommand(reviewer, id, 'close');
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('还有未完成的回访');
    expect(early.body).toContain('href="#close-problem"');
    await done(assessor, id, 'recordFollowUp', followUp);
    await done(reviewer, id, 'close');
    expect(await statusOf(id)).toBe('closed');
    const page = await resident.get(`/applications/${id}?done=close`);
    expect(page.body).toContain('申请已办结');
    expect(page.body).not.toContain('id="commands-heading"');
  });

  it('wrote one audit row per command', async () => {
    const actions = await rowsOf<{ action: string }>(
      t,
      sql`select action from audit_event where object_type = 'case' and object_id = ${id}
            and outcome = 'success' and action not in ('case.read', 'case.list') order by seq`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'case.apply',
      'case.return_for_correction',
      'case.resubmit',
      'case.confirm_eligibility',
      'case.schedule_assessment',
      'case.record_assessment',
      'case.prescribe',
      'case.approve',
      'case.start_fitting',
      'case.record_delivery',
      'case.confirm_receipt',
      'case.record_training',
      'case.record_follow_up',
      'case.record_follow_up',
      'case.record_follow_up',
      'case.close',
    ]);
  });
});

describe('refusal, appeal and withdrawal', () => {
  it('upholds an appeal against a refused prescription, then the resident withdraws and the budget is released', async () => {
    const id = await applyAsResident();
    await confirm(id);
    await assessAndPrescribe(id);
    const refused = await giveCommand(reviewer, id, 'reject', []);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#reject-reason"');
    await done(reviewer, id, 'reject', [['reason', '超出本年度适配方案范围']]);
    await done(resident, id, 'appeal', [['reason', '请求复核：日常出行确有需要']]);
    expect(await statusOf(id)).toBe('appealed');
    await done(cityAdmin, id, 'upholdAppeal', [['reason', '复核认为符合条件']]);
    expect(await statusOf(id)).toBe('approved');
    await done(resident, id, 'withdraw');
    const c = await oneOf<{ status: string; reserved_fen: string }>(
      t,
      sql`select status, reserved_fen from fitting_case where id = ${id}`,
    );
    expect(c).toEqual({ status: 'withdrawn', reserved_fen: expect.anything() });
    expect(Number(c.reserved_fen)).toBe(0);
  });

  it('dismisses an appeal against a refusal at the first check', async () => {
    const id = await applyAsResident();
    await done(reviewer, id, 'reject', [['reason', '非本市户籍']]);
    await done(resident, id, 'appeal', [['reason', '户籍已迁入']]);
    await done(cityAdmin, id, 'dismissAppeal', [['reason', '经核实仍不符合']]);
    expect(await statusOf(id)).toBe('closed');
  });

  it('offers each reader only the commands their part allows now', async () => {
    const id = await applyAsResident();
    const own = await resident.get(`/applications/${id}`);
    expect(formVersion(own.body, id, 'withdraw')).toBeDefined();
    expect(formVersion(own.body, id, 'confirmEligibility')).toBeUndefined();
    const review = await reviewer.get(`/applications/${id}`);
    for (const command of ['confirmEligibility', 'returnForCorrection', 'reject'] as const)
      expect(formVersion(review.body, id, command), command).toBeDefined();
    expect(formVersion(review.body, id, 'withdraw')).toBeUndefined();
    // A command the status does not allow is refused even when posted by hand with the current version.
    const forced = await reviewer.postWithToken(`/applications/${id}/commands/approve`, [
      ['version', formVersion(review.body, id, 'reject') as string],
      ['_csrf', csrfOf(review.body)],
    ]);
    expect(forced.statusCode).toBe(409);
    expect(await statusOf(id)).toBe('submitted');
  });
});
