import type { Queryable, SqlQuery } from '../../platform/db/index.ts';
import { dayOf, isUuid, sql } from '../../platform/db/index.ts';
import type { ApplicantGroup } from '../policyCatalogs/index.ts';
import type { CaseCommand, CaseStatus } from './domain/caseFlow.ts';

/** One fitting case as stored: its status is the derivation of its actions (see caseFlow.ts). */
export interface FittingCase {
  readonly id: string;
  readonly reference: string;
  readonly personId: string;
  readonly districtCode: string;
  readonly policyYear: number;
  readonly catalogId: string;
  readonly itemCode: string;
  readonly applicantGroup: ApplicantGroup;
  readonly status: CaseStatus;
  readonly version: number;
  readonly supplierOrganisationId: string | null;
  readonly dueOn: string | null;
  readonly reservedFen: number;
  readonly openedBy: string;
  readonly isDemo: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface CaseRow {
  id: string;
  reference: string;
  person_id: string;
  district_code: string;
  policy_year: number;
  catalog_id: string;
  item_code: string;
  applicant_group: ApplicantGroup;
  status: CaseStatus;
  version: number;
  supplier_organisation_id: string | null;
  due_on: string | Date | null;
  reserved_fen: string | number;
  opened_by: string;
  is_demo: boolean;
  created_at: Date;
  updated_at: Date;
}

const toCase = (r: CaseRow): FittingCase => ({
  id: r.id,
  reference: r.reference,
  personId: r.person_id,
  districtCode: r.district_code,
  policyYear: Number(r.policy_year),
  catalogId: r.catalog_id,
  itemCode: r.item_code,
  applicantGroup: r.applicant_group,
  status: r.status,
  version: Number(r.version),
  supplierOrganisationId: r.supplier_organisation_id,
  dueOn: r.due_on === null ? null : dayOf(r.due_on),
  reservedFen: Number(r.reserved_fen),
  openedBy: r.opened_by,
  isDemo: r.is_demo,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const caseColumns = sql`c.id, c.reference, c.person_id, c.district_code, c.policy_year, c.catalog_id, c.item_code,
  c.applicant_group, c.status, c.version, c.supplier_organisation_id, c.due_on, c.reserved_fen, c.opened_by, c.is_demo,
  c.created_at, c.updated_at`;

export async function findCase(db: Queryable, id: string): Promise<FittingCase | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<CaseRow>(sql`select ${caseColumns} from fitting_case c where c.id = ${id}`);
  return row && toCase(row);
}

/** The case, locked for the rest of the transaction: commands on one case run one at a time. */
export async function lockCase(tx: Queryable, id: string): Promise<FittingCase | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.query<CaseRow>(
    sql`select ${caseColumns} from fitting_case c where c.id = ${id} for update`,
  );
  return row && toCase(row);
}

export async function caseByIdempotencyKey(
  db: Queryable,
  openedBy: string,
  key: string,
): Promise<FittingCase | undefined> {
  const [row] = await db.query<CaseRow>(
    sql`select ${caseColumns} from fitting_case c where c.opened_by = ${openedBy} and c.idempotency_key = ${key}`,
  );
  return row && toCase(row);
}

export interface NewCase {
  readonly personId: string;
  readonly districtCode: string;
  readonly policyYear: number;
  readonly catalogId: string;
  readonly itemCode: string;
  readonly applicantGroup: ApplicantGroup;
  readonly dueOn: string;
  readonly openedBy: string;
  readonly idempotencyKey: string | null;
  readonly isDemo: boolean;
  readonly createdAt?: Date;
}

export async function insertCase(tx: Queryable, c: NewCase): Promise<FittingCase> {
  const [serial] = await tx.query<{ n: string | number }>(sql`select nextval('fitting_case_serial') as n`);
  const reference = `FJ-${c.policyYear}-${String(serial?.n).padStart(6, '0')}`;
  const at = c.createdAt ?? new Date();
  const [row] = await tx.query<CaseRow>(
    sql`insert into fitting_case as c (reference, person_id, district_code, policy_year, catalog_id, item_code,
          applicant_group, status, due_on, opened_by, idempotency_key, is_demo, created_at, updated_at)
        values (${reference}, ${c.personId}, ${c.districtCode}, ${c.policyYear}, ${c.catalogId}, ${c.itemCode},
          ${c.applicantGroup}, 'submitted', ${c.dueOn}, ${c.openedBy}, ${c.idempotencyKey}, ${c.isDemo}, ${at}, ${at})
        returning ${caseColumns}`,
  );
  if (!row) throw new Error('insert returned no row');
  const opened = toCase(row);
  await tally(tx, opened, 1);
  return opened;
}

const nilUuid = '00000000-0000-0000-0000-000000000000';
const noDue = '9999-12-31';

/** Counts a case in (or out of) its district, supplier, status and due day in the tally. */
async function tally(
  tx: Queryable,
  c: Pick<FittingCase, 'districtCode' | 'supplierOrganisationId' | 'status' | 'dueOn'>,
  delta: 1 | -1,
): Promise<void> {
  await tx.query(
    sql`insert into fitting_case_tally as t (district_code, supplier_key, status, due_on, n)
        values (${c.districtCode}, ${c.supplierOrganisationId ?? nilUuid}, ${c.status}, ${c.dueOn ?? noDue}, ${Math.max(delta, 0)})
        on conflict (district_code, supplier_key, status, due_on) do update set n = t.n + ${delta}`,
  );
}

/** Recounts the tally from the cases themselves: after cases are loaded in bulk, or to check it. */
export async function rebuildTally(tx: Queryable): Promise<void> {
  await tx.query(sql`delete from fitting_case_tally`);
  await tx.query(
    sql`insert into fitting_case_tally (district_code, supplier_key, status, due_on, n)
        select district_code, coalesce(supplier_organisation_id, ${nilUuid}::uuid), status,
          coalesce(due_on, ${noDue}::date), count(*)
        from fitting_case group by 1, 2, 3, 4`,
  );
}

export interface ActionRecord {
  readonly seq: number;
  readonly command: CaseCommand;
  readonly statusAfter: CaseStatus;
  readonly actorUserId: string | null;
  readonly actorRole: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly noteSealed: string | null;
  readonly at: Date;
}

interface ActionRow {
  seq: number;
  command: CaseCommand;
  status_after: CaseStatus;
  actor_user_id: string | null;
  actor_role: string;
  payload: Record<string, unknown> | string;
  note_sealed: string | null;
  at: Date;
}

export async function actionsOf(db: Queryable, caseId: string): Promise<ActionRecord[]> {
  const rows = await db.query<ActionRow>(
    sql`select seq, command, status_after, actor_user_id, actor_role, payload, note_sealed, at
        from fitting_action where case_id = ${caseId} order by seq`,
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    command: r.command,
    statusAfter: r.status_after,
    actorUserId: r.actor_user_id,
    actorRole: r.actor_role,
    payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
    noteSealed: r.note_sealed,
    at: new Date(r.at),
  }));
}

export async function appendAction(
  tx: Queryable,
  caseId: string,
  action: Omit<ActionRecord, 'seq' | 'at'> & { readonly at?: Date },
): Promise<void> {
  await tx.query(
    sql`insert into fitting_action (case_id, seq, command, status_after, actor_user_id, actor_role, payload, note_sealed, at)
        values (${caseId}, (select coalesce(max(seq), 0) + 1 from fitting_action where case_id = ${caseId}),
          ${action.command}, ${action.statusAfter}, ${action.actorUserId}, ${action.actorRole},
          ${JSON.stringify(action.payload)}, ${action.noteSealed}, ${action.at ?? new Date()})`,
  );
}

/**
 * Moves the case to its new status, only if nobody else has since the
 * caller read it (SECURITY.md 29). False means someone else's command won.
 */
export async function advanceCase(
  tx: Queryable,
  c: FittingCase,
  change: {
    readonly status: CaseStatus;
    readonly dueOn: string | null;
    readonly at?: Date;
    readonly supplierOrganisationId?: string | null;
    readonly reservedFen?: number;
  },
): Promise<boolean> {
  const supplier =
    change.supplierOrganisationId === undefined
      ? sql`supplier_organisation_id`
      : sql`${change.supplierOrganisationId}`;
  const reserved = change.reservedFen === undefined ? sql`reserved_fen` : sql`${change.reservedFen}`;
  const rows = await tx.query<{ id: string }>(
    sql`update fitting_case set status = ${change.status}, due_on = ${change.dueOn}, version = version + 1,
          supplier_organisation_id = ${supplier}, reserved_fen = ${reserved}, updated_at = ${change.at ?? new Date()}
        where id = ${c.id} and version = ${c.version} returning id`,
  );
  if (rows.length !== 1) return false;
  await tally(tx, c, -1);
  await tally(
    tx,
    {
      districtCode: c.districtCode,
      supplierOrganisationId:
        change.supplierOrganisationId === undefined
          ? c.supplierOrganisationId
          : change.supplierOrganisationId,
      status: change.status,
      dueOn: change.dueOn,
    },
    1,
  );
  return true;
}

/** Which cases a list may show: the SQL form of the caller's reach for `case.read`. */
export interface CaseScope {
  readonly all: boolean;
  readonly districtCodes: readonly string[];
  readonly organisationIds: readonly string[];
  /** The caller's own registry record, when they are a resident. */
  readonly personId: string | null;
}

/**
 * The scope as a condition naming only the parts the caller has, each an
 * equality where it can be: the planner then walks one of the queue indexes
 * instead of testing every case against every part.
 */
export function withinScope(scope: CaseScope, table: 'c' | 't' = 'c'): SqlQuery {
  if (scope.all) return sql`true`;
  const parts: SqlQuery[] = [];
  const district = table === 'c' ? sql`c.district_code` : sql`t.district_code`;
  const supplier = table === 'c' ? sql`c.supplier_organisation_id` : sql`t.supplier_key`;
  const [oneDistrict] = scope.districtCodes;
  if (scope.districtCodes.length === 1) parts.push(sql`${district} = ${oneDistrict}`);
  else if (scope.districtCodes.length > 1) parts.push(sql`${district} = any(${scope.districtCodes}::text[])`);
  const [oneSupplier] = scope.organisationIds;
  if (scope.organisationIds.length === 1) parts.push(sql`${supplier} = ${oneSupplier}::uuid`);
  else if (scope.organisationIds.length > 1)
    parts.push(sql`${supplier} = any(${scope.organisationIds}::uuid[])`);
  if (scope.personId !== null && table === 'c') parts.push(sql`c.person_id = ${scope.personId}::uuid`);
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, ' or ')})`;
}

export const caseSorts = ['due', 'newest', 'oldest', 'reference'] as const;
export type CaseSort = (typeof caseSorts)[number];

const orderBy: Record<CaseSort, SqlQuery> = {
  due: sql`c.due_on asc nulls last, c.created_at, c.id`,
  newest: sql`c.created_at desc, c.id desc`,
  oldest: sql`c.created_at, c.id`,
  reference: sql`c.reference`,
};

export interface CaseFilter {
  readonly statuses: readonly CaseStatus[] | null;
  readonly overdueOn: string | null;
  readonly personId?: string | null;
}

function filterSql(scope: CaseScope, filter: CaseFilter): SqlQuery {
  const statuses = filter.statuses === null ? sql`true` : sql`c.status = any(${filter.statuses}::text[])`;
  const overdue = filter.overdueOn === null ? sql`true` : sql`c.due_on < ${filter.overdueOn}::date`;
  const person = filter.personId ? sql`c.person_id = ${filter.personId}::uuid` : sql`true`;
  return sql`${withinScope(scope)} and ${statuses} and ${overdue} and ${person}`;
}

export async function listCases(
  db: Queryable,
  scope: CaseScope,
  filter: CaseFilter,
  page: { readonly sort: CaseSort; readonly page: number; readonly pageSize: number },
): Promise<FittingCase[]> {
  const rows = await db.query<CaseRow>(
    sql`select ${caseColumns} from fitting_case c where ${filterSql(scope, filter)}
        order by ${orderBy[page.sort]} limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`,
  );
  return rows.map(toCase);
}

/**
 * Counts per status within scope, and how many are overdue: the queue's
 * summary. Read from the tally when the scope is districts or suppliers; a
 * resident's own few cases are counted directly.
 */
export async function countCases(
  db: Queryable,
  scope: CaseScope,
  filter: CaseFilter,
  today: string,
): Promise<{ byStatus: Partial<Record<CaseStatus, number>>; overdue: number; total: number }> {
  const direct = scope.personId !== null || Boolean(filter.personId);
  const statuses = filter.statuses === null ? sql`true` : sql`t.status = any(${filter.statuses}::text[])`;
  const overdueOnly = filter.overdueOn === null ? sql`true` : sql`t.due_on < ${filter.overdueOn}::date`;
  const rows = direct
    ? await db.query<{ status: CaseStatus; n: number; overdue: number }>(
        sql`select c.status, count(*)::int as n, count(*) filter (where c.due_on < ${today}::date)::int as overdue
            from fitting_case c where ${filterSql(scope, filter)} group by c.status`,
      )
    : await db.query<{ status: CaseStatus; n: number; overdue: number }>(
        sql`select t.status, sum(t.n)::int as n, coalesce(sum(t.n) filter (where t.due_on < ${today}::date), 0)::int as overdue
            from fitting_case_tally t where ${withinScope(scope, 't')} and ${statuses} and ${overdueOnly} and t.n > 0
            group by t.status`,
      );
  const byStatus: Partial<Record<CaseStatus, number>> = {};
  for (const r of rows) byStatus[r.status] = Number(r.n);
  return {
    byStatus,
    overdue: rows.reduce((sum, r) => sum + Number(r.overdue), 0),
    total: rows.reduce((sum, r) => sum + Number(r.n), 0),
  };
}
