import { dayOf, isUuid, type Queryable, sql } from '../../platform/db/index.ts';
import type { AdmissionStatus, Scores, Weights } from './domain/admission.ts';

/** What an applicant submits to show a product deserves admission. */
export interface AdmissionEvidence {
  /** 医疗器械注册证 / 备案编号, as on the certificate. */
  readonly registrationNumber: string;
  readonly testReports: readonly { readonly title: string; readonly url: string }[];
  /** Results of a user trial: how many took part and what they found. */
  readonly trialParticipants: number;
  readonly trialSummary: string;
}

export interface PanelSeat {
  readonly reviewerId: string;
  readonly displayName: string;
  readonly organisationNameZh: string;
  readonly organisationNameEn: string;
  readonly hasConflict: boolean | null;
  readonly conflictStatement: string | null;
  readonly scores: Scores | null;
  readonly comment: string | null;
  readonly scoredAt: Date | null;
}

export interface Objection {
  readonly id: string;
  readonly objectorSealed: string;
  readonly grounds: string;
  readonly status: 'open' | 'upheld' | 'dismissed';
  readonly rulingReason: string | null;
  readonly ruledAt: Date | null;
  readonly submittedAt: Date;
}

export interface Admission {
  readonly id: string;
  readonly itemId: string;
  readonly itemCode: string;
  readonly itemNameZh: string;
  readonly itemNameEn: string;
  readonly catalogYear: number;
  readonly productId: string;
  readonly applicantOrganisationId: string;
  readonly applicantNameZh: string;
  readonly applicantNameEn: string;
  readonly status: AdmissionStatus;
  readonly priceFen: number;
  readonly evidence: AdmissionEvidence;
  readonly weights: Weights | null;
  readonly decisionReason: string | null;
  readonly decidedAt: Date | null;
  readonly noticeStartsOn: string | null;
  readonly noticeEndsOn: string | null;
  readonly concludedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface AdmissionRow {
  id: string;
  item_id: string;
  item_code: string;
  item_name_zh: string;
  item_name_en: string;
  catalog_year: number;
  product_id: string;
  applicant_organisation_id: string;
  applicant_name_zh: string;
  applicant_name_en: string;
  status: AdmissionStatus;
  price_fen: string | number;
  evidence: AdmissionEvidence | string;
  weights: Weights | string | null;
  decision_reason: string | null;
  decided_at: Date | null;
  notice_starts_on: string | Date | null;
  notice_ends_on: string | Date | null;
  concluded_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

const toAdmission = (r: AdmissionRow): Admission => ({
  id: r.id,
  itemId: r.item_id,
  itemCode: r.item_code,
  itemNameZh: r.item_name_zh,
  itemNameEn: r.item_name_en,
  catalogYear: Number(r.catalog_year),
  productId: r.product_id,
  applicantOrganisationId: r.applicant_organisation_id,
  applicantNameZh: r.applicant_name_zh,
  applicantNameEn: r.applicant_name_en,
  status: r.status,
  priceFen: Number(r.price_fen),
  evidence: json(r.evidence),
  weights: r.weights === null ? null : json(r.weights),
  decisionReason: r.decision_reason,
  decidedAt: r.decided_at && new Date(r.decided_at),
  noticeStartsOn: r.notice_starts_on === null ? null : dayOf(r.notice_starts_on),
  noticeEndsOn: r.notice_ends_on === null ? null : dayOf(r.notice_ends_on),
  concludedAt: r.concluded_at && new Date(r.concluded_at),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const admissionSelect = sql`select a.id, a.item_id, i.code as item_code, i.name_zh as item_name_zh,
    i.name_en as item_name_en, c.year as catalog_year, a.product_id, a.applicant_organisation_id,
    o.name_zh as applicant_name_zh, o.name_en as applicant_name_en, a.status, a.price_fen, a.evidence, a.weights,
    a.decision_reason, a.decided_at, a.notice_starts_on::text as notice_starts_on,
    a.notice_ends_on::text as notice_ends_on, a.concluded_at, a.created_at, a.updated_at
  from admission a
  join subsidy_item i on i.id = a.item_id
  join policy_catalog c on c.id = i.catalog_id
  join organisation o on o.id = a.applicant_organisation_id`;

export async function findAdmission(db: Queryable, id: string): Promise<Admission | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<AdmissionRow>(sql`${admissionSelect} where a.id = ${id}`);
  return row && toAdmission(row);
}

export async function lockAdmission(tx: Queryable, id: string): Promise<AdmissionStatus | undefined> {
  const [row] = await tx.query<{ status: AdmissionStatus }>(
    sql`select status from admission where id = ${id} for update`,
  );
  return row?.status;
}

/**
 * Admissions the caller may list: every one (all), an organisation's own,
 * and those on whose panel the user sits. Newest change first.
 */
export async function listAdmissions(
  db: Queryable,
  scope: { all: boolean; organisationIds: readonly string[]; reviewerId: string | null },
  filter: { statuses?: readonly AdmissionStatus[] } = {},
): Promise<Admission[]> {
  const rows = await db.query<AdmissionRow>(
    sql`${admissionSelect}
        where (${scope.all} or a.applicant_organisation_id = any(${[...scope.organisationIds]}::uuid[])
          or exists (select 1 from admission_reviewer r where r.admission_id = a.id and r.reviewer_id = ${scope.reviewerId}::uuid))
          and (${filter.statuses === undefined} or a.status = any(${[...(filter.statuses ?? [])]}::text[]))
        order by a.updated_at desc, a.id
        limit 500`,
  );
  return rows.map(toAdmission);
}

/** Notices the public sees: under notice now, or concluded after one (newest first). */
export async function listNotices(db: Queryable): Promise<Admission[]> {
  const rows = await db.query<AdmissionRow>(
    sql`${admissionSelect}
        where a.notice_starts_on is not null and a.status in ('notice', 'admitted', 'objection_upheld')
        order by (a.status = 'notice') desc, a.notice_starts_on desc, a.id
        limit 200`,
  );
  return rows.map(toAdmission);
}

/** Notices whose last day is before `today` and that are still open. */
export async function endedNotices(db: Queryable, today: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    sql`select id from admission where status = 'notice' and notice_ends_on < ${today}::date order by id`,
  );
  return rows.map((r) => r.id);
}

export async function insertAdmission(
  tx: Queryable,
  admission: {
    itemId: string;
    productId: string;
    applicantOrganisationId: string;
    priceFen: number;
    evidence: AdmissionEvidence;
    createdBy: string | null;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    sql`insert into admission (item_id, product_id, applicant_organisation_id, status, price_fen, evidence, created_by)
        values (${admission.itemId}::uuid, ${admission.productId}::uuid, ${admission.applicantOrganisationId}::uuid,
          'applied', ${admission.priceFen}, ${JSON.stringify(admission.evidence)}::jsonb, ${admission.createdBy}::uuid)
        returning id`,
  );
  return (row as { id: string }).id;
}

/** An open application for this product and item, if there is one. */
export async function openAdmissionFor(
  db: Queryable,
  itemId: string,
  productId: string,
): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    sql`select id from admission where item_id = ${itemId}::uuid and product_id = ${productId}::uuid
          and status in ('applied', 'under_review', 'notice')`,
  );
  return row?.id;
}

export async function setAdmissionStatus(
  tx: Queryable,
  id: string,
  status: AdmissionStatus,
  extra: {
    weights?: Weights;
    decision?: {
      reason: string;
      by: string | null;
      noticeStartsOn: string | null;
      noticeEndsOn: string | null;
    };
    concluded?: boolean;
  } = {},
): Promise<void> {
  const decision = extra.decision;
  await tx.query(
    sql`update admission set status = ${status}, updated_at = now(),
          weights = coalesce(${extra.weights === undefined ? null : JSON.stringify(extra.weights)}::jsonb, weights),
          decision_reason = case when ${decision !== undefined} then ${decision?.reason ?? null}::text else decision_reason end,
          decided_by = case when ${decision !== undefined} then ${decision?.by ?? null}::uuid else decided_by end,
          decided_at = case when ${decision !== undefined} then now() else decided_at end,
          notice_starts_on = case when ${decision !== undefined} then ${decision?.noticeStartsOn ?? null}::date else notice_starts_on end,
          notice_ends_on = case when ${decision !== undefined} then ${decision?.noticeEndsOn ?? null}::date else notice_ends_on end,
          concluded_at = case when ${extra.concluded === true} then now() else concluded_at end
        where id = ${id}`,
  );
}

export async function panelOf(db: Queryable, admissionId: string): Promise<PanelSeat[]> {
  const rows = await db.query<{
    reviewer_id: string;
    display_name: string;
    name_zh: string | null;
    name_en: string | null;
    has_conflict: boolean | null;
    conflict_statement: string | null;
    score_maturity: number | null;
    score_safety: number | null;
    score_cost: number | null;
    score_feedback: number | null;
    comment: string | null;
    scored_at: Date | null;
  }>(
    sql`select r.reviewer_id, u.display_name,
          (select o.name_zh from role_grant g join organisation o on o.id = g.organisation_id
            where g.user_id = u.id and g.revoked_at is null order by g.granted_at limit 1) as name_zh,
          (select o.name_en from role_grant g join organisation o on o.id = g.organisation_id
            where g.user_id = u.id and g.revoked_at is null order by g.granted_at limit 1) as name_en,
          r.has_conflict, r.conflict_statement, r.score_maturity, r.score_safety, r.score_cost, r.score_feedback,
          r.comment, r.scored_at
        from admission_reviewer r join app_user u on u.id = r.reviewer_id
        where r.admission_id = ${admissionId}
        order by r.assigned_at, u.display_name`,
  );
  return rows.map((r) => ({
    reviewerId: r.reviewer_id,
    displayName: r.display_name,
    organisationNameZh: r.name_zh ?? '',
    organisationNameEn: r.name_en ?? '',
    hasConflict: r.has_conflict,
    conflictStatement: r.conflict_statement,
    scores:
      r.score_maturity === null ||
      r.score_safety === null ||
      r.score_cost === null ||
      r.score_feedback === null
        ? null
        : {
            maturity: r.score_maturity,
            safety: r.score_safety,
            cost: r.score_cost,
            feedback: r.score_feedback,
          },
    comment: r.comment,
    scoredAt: r.scored_at && new Date(r.scored_at),
  }));
}

export async function addReviewers(
  tx: Queryable,
  admissionId: string,
  reviewerIds: readonly string[],
  assignedBy: string | null,
): Promise<number> {
  if (reviewerIds.length === 0) return 0;
  const rows = await tx.query<{ reviewer_id: string }>(
    sql`insert into admission_reviewer (admission_id, reviewer_id, assigned_by)
        select ${admissionId}::uuid, r, ${assignedBy}::uuid from unnest(${[...reviewerIds]}::uuid[]) as r
        on conflict do nothing
        returning reviewer_id`,
  );
  return rows.length;
}

/** Takes a reviewer off a panel; only before they have scored. */
export async function removeReviewer(
  tx: Queryable,
  admissionId: string,
  reviewerId: string,
): Promise<boolean> {
  const rows = await tx.query<{ reviewer_id: string }>(
    sql`delete from admission_reviewer where admission_id = ${admissionId} and reviewer_id = ${reviewerId}::uuid
          and scored_at is null
        returning reviewer_id`,
  );
  return rows.length > 0;
}

export async function declareConflict(
  tx: Queryable,
  admissionId: string,
  reviewerId: string,
  declaration: { hasConflict: boolean; statement: string },
): Promise<boolean> {
  const rows = await tx.query<{ reviewer_id: string }>(
    sql`update admission_reviewer set has_conflict = ${declaration.hasConflict},
          conflict_statement = ${declaration.statement}, declared_at = now()
        where admission_id = ${admissionId} and reviewer_id = ${reviewerId}::uuid and scored_at is null
        returning reviewer_id`,
  );
  return rows.length > 0;
}

export async function recordScores(
  tx: Queryable,
  admissionId: string,
  reviewerId: string,
  scores: Scores,
  comment: string,
): Promise<boolean> {
  const rows = await tx.query<{ reviewer_id: string }>(
    sql`update admission_reviewer set score_maturity = ${scores.maturity}, score_safety = ${scores.safety},
          score_cost = ${scores.cost}, score_feedback = ${scores.feedback}, comment = ${comment}, scored_at = now()
        where admission_id = ${admissionId} and reviewer_id = ${reviewerId}::uuid and has_conflict = false
        returning reviewer_id`,
  );
  return rows.length > 0;
}

/** The panels a reviewer sits on, with the admission's status (for "my reviews"). */
export async function assignmentsOf(
  db: Queryable,
  reviewerId: string,
): Promise<(Admission & { readonly hasConflict: boolean | null; readonly scored: boolean })[]> {
  const rows = await db.query<AdmissionRow & { has_conflict: boolean | null; scored: boolean }>(
    sql`select x.*, r.has_conflict, r.scored_at is not null as scored
        from (${admissionSelect}) x join admission_reviewer r on r.admission_id = x.id
        where r.reviewer_id = ${reviewerId}::uuid
        order by x.updated_at desc
        limit 200`,
  );
  return rows.map((r) => ({ ...toAdmission(r), hasConflict: r.has_conflict, scored: r.scored }));
}

export async function objectionsOf(db: Queryable, admissionId: string): Promise<Objection[]> {
  const rows = await db.query<{
    id: string;
    objector_sealed: string;
    grounds: string;
    status: 'open' | 'upheld' | 'dismissed';
    ruling_reason: string | null;
    ruled_at: Date | null;
    submitted_at: Date;
  }>(
    sql`select id, objector_sealed, grounds, status, ruling_reason, ruled_at, submitted_at
        from admission_objection where admission_id = ${admissionId} order by submitted_at, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    objectorSealed: r.objector_sealed,
    grounds: r.grounds,
    status: r.status,
    rulingReason: r.ruling_reason,
    ruledAt: r.ruled_at && new Date(r.ruled_at),
    submittedAt: new Date(r.submitted_at),
  }));
}

export async function insertObjection(
  tx: Queryable,
  admissionId: string,
  objection: { objectorSealed: string; grounds: string },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    sql`insert into admission_objection (admission_id, objector_sealed, grounds)
        values (${admissionId}::uuid, ${objection.objectorSealed}, ${objection.grounds})
        returning id`,
  );
  return (row as { id: string }).id;
}

export async function ruleOnObjection(
  tx: Queryable,
  admissionId: string,
  objectionId: string,
  ruling: { status: 'upheld' | 'dismissed'; reason: string; by: string | null },
): Promise<boolean> {
  if (!isUuid(objectionId)) return false;
  const rows = await tx.query<{ id: string }>(
    sql`update admission_objection set status = ${ruling.status}, ruling_reason = ${ruling.reason},
          ruled_by = ${ruling.by}::uuid, ruled_at = now()
        where id = ${objectionId} and admission_id = ${admissionId} and status = 'open'
        returning id`,
  );
  return rows.length > 0;
}
