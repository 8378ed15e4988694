import { dayOf, type Queryable, sql } from '../../platform/db/index.ts';
import type { FunctionArea } from './domain/assessment.ts';
import type { CaseStatus } from './domain/caseFlow.ts';
import type { EligibilityDecision } from './domain/eligibility.ts';
import type { PrescriptionLine } from './domain/prescription.ts';

/** What each step of a case recorded, read and written here; the case row and its actions are in caseRepo. */

export interface FittingSettings {
  readonly followUpMonths: readonly number[];
  readonly stepDays: Readonly<Partial<Record<CaseStatus, number>>>;
}

export async function readFittingSettings(db: Queryable): Promise<FittingSettings> {
  const [row] = await db.query<{ follow_up_months: number[]; step_days: Record<string, number> | string }>(
    sql`select follow_up_months, step_days from fitting_setting`,
  );
  if (!row) throw new Error('fitting_setting has no row');
  return {
    followUpMonths: row.follow_up_months.map(Number),
    stepDays: typeof row.step_days === 'string' ? JSON.parse(row.step_days) : row.step_days,
  };
}

export interface Application {
  readonly channel: 'online' | 'community_worker';
  readonly usePlaces: readonly string[];
  readonly suppliedByOtherScheme: boolean;
  readonly reasonSealed: string;
  readonly signedBy: 'person' | 'proxy';
  readonly proxyGuardianId: string | null;
}

export async function insertApplication(tx: Queryable, caseId: string, a: Application): Promise<void> {
  await tx.query(
    sql`insert into fitting_application (case_id, channel, use_places, supplied_by_other_scheme, reason_sealed, signed_by,
          proxy_guardian_id)
        values (${caseId}, ${a.channel}, ${a.usePlaces}, ${a.suppliedByOtherScheme}, ${a.reasonSealed}, ${a.signedBy},
          ${a.proxyGuardianId})`,
  );
}

export async function updateApplication(
  tx: Queryable,
  caseId: string,
  a: Pick<Application, 'usePlaces' | 'suppliedByOtherScheme' | 'reasonSealed'>,
): Promise<void> {
  await tx.query(
    sql`update fitting_application set use_places = ${a.usePlaces}, supplied_by_other_scheme = ${a.suppliedByOtherScheme},
          reason_sealed = ${a.reasonSealed} where case_id = ${caseId}`,
  );
}

export async function applicationOf(db: Queryable, caseId: string): Promise<Application | undefined> {
  const [r] = await db.query<{
    channel: Application['channel'];
    use_places: string[];
    supplied_by_other_scheme: boolean;
    reason_sealed: string;
    signed_by: Application['signedBy'];
    proxy_guardian_id: string | null;
  }>(sql`select * from fitting_application where case_id = ${caseId}`);
  return (
    r && {
      channel: r.channel,
      usePlaces: r.use_places,
      suppliedByOtherScheme: r.supplied_by_other_scheme,
      reasonSealed: r.reason_sealed,
      signedBy: r.signed_by,
      proxyGuardianId: r.proxy_guardian_id,
    }
  );
}

export interface StoredEligibility extends EligibilityDecision {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly checkedAt: Date;
}

export async function insertEligibility(
  tx: Queryable,
  caseId: string,
  decision: EligibilityDecision,
  inputs: Readonly<Record<string, unknown>>,
  at: Date = new Date(),
): Promise<void> {
  await tx.query(
    sql`insert into eligibility_check (case_id, rule_set_version, inputs, results, overrides, eligible, checked_at)
        values (${caseId}, ${decision.ruleSetVersion}, ${JSON.stringify(inputs)}, ${JSON.stringify(decision.results)},
          ${JSON.stringify(decision.overrides)}, ${decision.eligible}, ${at})`,
  );
}

const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

export async function latestEligibility(
  db: Queryable,
  caseId: string,
): Promise<StoredEligibility | undefined> {
  const [r] = await db.query<{
    rule_set_version: string;
    inputs: Record<string, unknown> | string;
    results: EligibilityDecision['results'] | string;
    overrides: EligibilityDecision['overrides'] | string;
    eligible: boolean;
    checked_at: Date;
  }>(
    sql`select rule_set_version, inputs, results, overrides, eligible, checked_at from eligibility_check
        where case_id = ${caseId} order by checked_at desc, id desc limit 1`,
  );
  return (
    r && {
      ruleSetVersion: r.rule_set_version,
      inputs: parsed(r.inputs),
      results: parsed(r.results),
      overrides: parsed(r.overrides),
      eligible: r.eligible,
      checkedAt: new Date(r.checked_at),
    }
  );
}

export interface Assessment {
  readonly mode: 'on_site' | 'remote' | null;
  readonly scheduledOn: string | null;
  readonly functionArea: FunctionArea | null;
  readonly findingsSealed: string | null;
  readonly recommendedItemCodes: readonly string[];
  readonly assessedOn: string | null;
}

export async function scheduleAssessment(
  tx: Queryable,
  caseId: string,
  mode: 'on_site' | 'remote',
  scheduledOn: string,
): Promise<void> {
  await tx.query(
    sql`insert into assessment (case_id, mode, scheduled_on) values (${caseId}, ${mode}, ${scheduledOn})
        on conflict (case_id) do update set mode = excluded.mode, scheduled_on = excluded.scheduled_on`,
  );
}

export async function recordAssessment(
  tx: Queryable,
  caseId: string,
  a: {
    functionArea: FunctionArea;
    findingsSealed: string;
    recommendedItemCodes: readonly string[];
    assessedOn: string;
  },
  assessorUserId: string | null,
): Promise<void> {
  await tx.query(
    sql`update assessment set function_area = ${a.functionArea}, findings_sealed = ${a.findingsSealed},
          recommended_item_codes = ${a.recommendedItemCodes}, assessed_on = ${a.assessedOn},
          assessor_user_id = ${assessorUserId}
        where case_id = ${caseId}`,
  );
}

export async function assessmentOf(db: Queryable, caseId: string): Promise<Assessment | undefined> {
  const [r] = await db.query<{
    mode: Assessment['mode'];
    scheduled_on: string | Date | null;
    function_area: FunctionArea | null;
    findings_sealed: string | null;
    recommended_item_codes: string[];
    assessed_on: string | Date | null;
  }>(sql`select * from assessment where case_id = ${caseId}`);
  return (
    r && {
      mode: r.mode,
      scheduledOn: r.scheduled_on === null ? null : dayOf(r.scheduled_on),
      functionArea: r.function_area,
      findingsSealed: r.findings_sealed,
      recommendedItemCodes: r.recommended_item_codes,
      assessedOn: r.assessed_on === null ? null : dayOf(r.assessed_on),
    }
  );
}

export async function replacePrescription(
  tx: Queryable,
  caseId: string,
  lines: readonly PrescriptionLine[],
): Promise<void> {
  await tx.query(sql`delete from prescription_line where case_id = ${caseId}`);
  for (const l of lines) {
    await tx.query(
      sql`insert into prescription_line (case_id, item_code, product_id, quantity, price_fen, cap_fen, ratio_percent,
            subsidy_fen, product_part_fen, service_part_fen, self_paid_fen)
          values (${caseId}, ${l.itemCode}, ${l.productId}, ${l.quantity}, ${l.priceFen}, ${l.capFen}, ${l.ratioPercent},
            ${l.subsidyFen}, ${l.productPartFen}, ${l.servicePartFen}, ${l.selfPaidFen})`,
    );
  }
}

export async function prescriptionOf(db: Queryable, caseId: string): Promise<PrescriptionLine[]> {
  const rows = await db.query<Record<string, string | number>>(
    sql`select item_code, product_id, quantity, price_fen, cap_fen, ratio_percent, subsidy_fen, product_part_fen,
          service_part_fen, self_paid_fen
        from prescription_line where case_id = ${caseId} order by item_code, product_id`,
  );
  return rows.map((r) => ({
    itemCode: String(r.item_code),
    productId: String(r.product_id),
    quantity: Number(r.quantity),
    priceFen: Number(r.price_fen),
    capFen: Number(r.cap_fen),
    ratioPercent: Number(r.ratio_percent),
    subsidyFen: Number(r.subsidy_fen),
    productPartFen: Number(r.product_part_fen),
    servicePartFen: Number(r.service_part_fen),
    selfPaidFen: Number(r.self_paid_fen),
  }));
}

export interface Delivery {
  readonly serialNumber: string | null;
  readonly fittingNotesSealed: string | null;
  readonly deliveredOn: string | null;
  readonly confirmedOn: string | null;
  readonly confirmedBy: 'person' | 'proxy' | null;
  readonly trainedOn: string | null;
  readonly trainingNotesSealed: string | null;
}

export async function recordDelivery(
  tx: Queryable,
  caseId: string,
  d: { serialNumber: string; fittingNotesSealed: string | null; deliveredOn: string },
): Promise<void> {
  await tx.query(
    sql`insert into delivery (case_id, serial_number, fitting_notes_sealed, delivered_on)
        values (${caseId}, ${d.serialNumber}, ${d.fittingNotesSealed}, ${d.deliveredOn})
        on conflict (case_id) do update set serial_number = excluded.serial_number,
          fitting_notes_sealed = excluded.fitting_notes_sealed, delivered_on = excluded.delivered_on`,
  );
}

export async function confirmReceipt(
  tx: Queryable,
  caseId: string,
  confirmedOn: string,
  by: 'person' | 'proxy',
): Promise<void> {
  await tx.query(
    sql`update delivery set confirmed_on = ${confirmedOn}, confirmed_by = ${by} where case_id = ${caseId}`,
  );
}

export async function recordTraining(
  tx: Queryable,
  caseId: string,
  trainedOn: string,
  notesSealed: string | null,
): Promise<void> {
  await tx.query(
    sql`update delivery set trained_on = ${trainedOn}, training_notes_sealed = ${notesSealed} where case_id = ${caseId}`,
  );
}

export async function deliveryOf(db: Queryable, caseId: string): Promise<Delivery | undefined> {
  const [r] = await db.query<{
    serial_number: string | null;
    fitting_notes_sealed: string | null;
    delivered_on: string | Date | null;
    confirmed_on: string | Date | null;
    confirmed_by: Delivery['confirmedBy'];
    trained_on: string | Date | null;
    training_notes_sealed: string | null;
  }>(sql`select * from delivery where case_id = ${caseId}`);
  const day = (v: string | Date | null) => (v === null ? null : dayOf(v));
  return (
    r && {
      serialNumber: r.serial_number,
      fittingNotesSealed: r.fitting_notes_sealed,
      deliveredOn: day(r.delivered_on),
      confirmedOn: day(r.confirmed_on),
      confirmedBy: r.confirmed_by,
      trainedOn: day(r.trained_on),
      trainingNotesSealed: r.training_notes_sealed,
    }
  );
}

/** Previous deliveries of an item to a person (for the service-life rule), other cases only. */
export async function deliveriesOfItem(
  db: Queryable,
  personId: string,
  itemCode: string,
  exceptCaseId: string | null,
): Promise<string[]> {
  const rows = await db.query<{ confirmed_on: string | Date }>(
    sql`select d.confirmed_on from delivery d join fitting_case c on c.id = d.case_id
        where c.person_id = ${personId} and c.item_code = ${itemCode} and d.confirmed_on is not null
          and (${exceptCaseId}::uuid is null or c.id <> ${exceptCaseId}::uuid)`,
  );
  return rows.map((r) => dayOf(r.confirmed_on));
}

export const followUpMethods = ['phone', 'visit', 'self_report'] as const;
export const useFrequencies = ['daily', 'weekly', 'rarely', 'never'] as const;
export const followUpProblems = ['discomfort', 'poor_fit', 'broken', 'no_longer_needed'] as const;

export interface FollowUp {
  readonly id: string;
  readonly month: number;
  readonly dueOn: string;
  readonly doneOn: string | null;
  readonly method: (typeof followUpMethods)[number] | null;
  readonly inUse: boolean | null;
  readonly useFrequency: (typeof useFrequencies)[number] | null;
  readonly productSatisfaction: number | null;
  readonly serviceSatisfaction: number | null;
  readonly problems: readonly (typeof followUpProblems)[number][];
  readonly repairNeeded: boolean | null;
}

export async function scheduleFollowUps(
  tx: Queryable,
  caseId: string,
  due: readonly { month: number; dueOn: string }[],
): Promise<void> {
  for (const f of due) {
    await tx.query(
      sql`insert into follow_up (case_id, month, due_on) values (${caseId}, ${f.month}, ${f.dueOn})
          on conflict (case_id, month) do nothing`,
    );
  }
}

export async function followUpsOf(db: Queryable, caseId: string): Promise<FollowUp[]> {
  const rows = await db.query<{
    id: string;
    month: number;
    due_on: string | Date;
    done_on: string | Date | null;
    method: FollowUp['method'];
    in_use: boolean | null;
    use_frequency: FollowUp['useFrequency'];
    product_satisfaction: number | null;
    service_satisfaction: number | null;
    problems: FollowUp['problems'];
    repair_needed: boolean | null;
  }>(sql`select * from follow_up where case_id = ${caseId} order by month`);
  return rows.map((r) => ({
    id: r.id,
    month: Number(r.month),
    dueOn: dayOf(r.due_on),
    doneOn: r.done_on === null ? null : dayOf(r.done_on),
    method: r.method,
    inUse: r.in_use,
    useFrequency: r.use_frequency,
    productSatisfaction: r.product_satisfaction,
    serviceSatisfaction: r.service_satisfaction,
    problems: r.problems,
    repairNeeded: r.repair_needed,
  }));
}

export async function recordFollowUp(
  tx: Queryable,
  id: string,
  f: Omit<FollowUp, 'id' | 'month' | 'dueOn'>,
  recordedBy: string | null,
): Promise<void> {
  await tx.query(
    sql`update follow_up set done_on = ${f.doneOn}, method = ${f.method}, in_use = ${f.inUse},
          use_frequency = ${f.useFrequency}, product_satisfaction = ${f.productSatisfaction},
          service_satisfaction = ${f.serviceSatisfaction}, problems = ${f.problems}, repair_needed = ${f.repairNeeded},
          recorded_by = ${recordedBy}
        where id = ${id}`,
  );
  if (f.repairNeeded) {
    await tx.query(
      sql`insert into repair_request (case_id, follow_up_id) select case_id, id from follow_up where id = ${id}`,
    );
  }
}

export async function notify(
  tx: Queryable,
  caseId: string,
  userId: string,
  statusAfter: CaseStatus,
  at: Date,
) {
  await tx.query(
    sql`insert into case_notification (case_id, user_id, status_after, created_at)
        values (${caseId}, ${userId}, ${statusAfter}, ${at})`,
  );
}
