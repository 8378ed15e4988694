import { type Queryable, sql } from '../../platform/db/index.ts';

export interface DistrictBudget {
  readonly districtCode: string;
  readonly policyYear: number;
  readonly totalFen: number;
  readonly reservedFen: number;
  readonly version: number;
}

interface BudgetRow {
  district_code: string;
  policy_year: number;
  total_fen: string | number;
  reserved_fen: string | number;
  version: number;
}

const toBudget = (r: BudgetRow): DistrictBudget => ({
  districtCode: r.district_code,
  policyYear: Number(r.policy_year),
  totalFen: Number(r.total_fen),
  reservedFen: Number(r.reserved_fen),
  version: Number(r.version),
});

export async function budgetOf(
  db: Queryable,
  districtCode: string,
  year: number,
): Promise<DistrictBudget | undefined> {
  const [row] = await db.query<BudgetRow>(
    sql`select district_code, policy_year, total_fen, reserved_fen, version from district_budget
        where district_code = ${districtCode} and policy_year = ${year}`,
  );
  return row && toBudget(row);
}

export async function budgetsOf(db: Queryable, year: number): Promise<DistrictBudget[]> {
  const rows = await db.query<BudgetRow>(
    sql`select district_code, policy_year, total_fen, reserved_fen, version from district_budget
        where policy_year = ${year} order by district_code`,
  );
  return rows.map(toBudget);
}

/**
 * Reserves an amount only if it still fits. The condition is checked by the
 * update itself, which PostgreSQL re-evaluates on the latest row after any
 * concurrent update commits, so a hundred approvals at once can never take
 * more than the budget holds, without a lock held across the request.
 */
export async function reserve(
  tx: Queryable,
  districtCode: string,
  year: number,
  amountFen: number,
): Promise<boolean> {
  const rows = await tx.query<{ version: number }>(
    sql`update district_budget set reserved_fen = reserved_fen + ${amountFen}, version = version + 1, updated_at = now()
        where district_code = ${districtCode} and policy_year = ${year} and reserved_fen + ${amountFen} <= total_fen
        returning version`,
  );
  return rows.length === 1;
}

export async function release(
  tx: Queryable,
  districtCode: string,
  year: number,
  amountFen: number,
): Promise<void> {
  await tx.query(
    sql`update district_budget set reserved_fen = greatest(reserved_fen - ${amountFen}, 0), version = version + 1,
          updated_at = now()
        where district_code = ${districtCode} and policy_year = ${year}`,
  );
}

/** Sets a district's total for a year; refused (false) below what is already reserved or if the version moved on. */
export async function setBudget(
  tx: Queryable,
  districtCode: string,
  year: number,
  totalFen: number,
  expectedVersion: number | null,
): Promise<boolean> {
  if (expectedVersion === null) {
    const rows = await tx.query(
      sql`insert into district_budget (district_code, policy_year, total_fen) values (${districtCode}, ${year}, ${totalFen})
          on conflict do nothing returning district_code`,
    );
    return rows.length === 1;
  }
  const rows = await tx.query(
    sql`update district_budget set total_fen = ${totalFen}, version = version + 1, updated_at = now()
        where district_code = ${districtCode} and policy_year = ${year} and version = ${expectedVersion}
          and reserved_fen <= ${totalFen}
        returning district_code`,
  );
  return rows.length === 1;
}
