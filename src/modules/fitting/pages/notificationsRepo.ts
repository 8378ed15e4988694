import { type Queryable, sql } from '../../../platform/db/index.ts';
import type { CaseStatus } from '../domain/caseFlow.ts';

/** One in-site notice to a person: their case moved on. */
export interface CaseNotice {
  readonly id: string;
  readonly caseId: string;
  readonly reference: string;
  readonly statusAfter: CaseStatus;
  readonly createdAt: Date;
  readonly read: boolean;
}

/** The newest notices for a user, with the reference of the case each is about. */
export async function latestNotices(db: Queryable, userId: string, limit = 20): Promise<CaseNotice[]> {
  const rows = await db.query<{
    id: string;
    case_id: string;
    reference: string;
    status_after: CaseStatus;
    created_at: Date;
    read_at: Date | null;
  }>(
    sql`select n.id, n.case_id, c.reference, n.status_after, n.created_at, n.read_at
        from case_notification n join fitting_case c on c.id = n.case_id
        where n.user_id = ${userId}
        order by n.created_at desc, n.id
        limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    reference: r.reference,
    statusAfter: r.status_after,
    createdAt: new Date(r.created_at),
    read: r.read_at !== null,
  }));
}

/** Marks notices read once they have been shown; only the user's own, only those not read yet. */
export async function markNoticesRead(
  tx: Queryable,
  userId: string,
  ids: readonly string[],
  at: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx.query<{ id: string }>(
    sql`update case_notification set read_at = ${at}
        where user_id = ${userId} and read_at is null and id = any(${[...ids]}::uuid[])
        returning id`,
  );
  return rows.length;
}
