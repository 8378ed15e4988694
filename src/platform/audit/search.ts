import { type Queryable, type SqlQuery, sql } from '../db/index.ts';
import { type AuditEventRow, type AuditRecord, auditRecordColumns, toAuditRecord } from './record.ts';

export interface AuditFilter {
  readonly actorLabel?: string;
  /** A prefix: 'user.' finds 'user.disable' and 'user.enable'; 'login.success' finds just that. */
  readonly action?: string;
  readonly objectType?: string;
  readonly objectId?: string;
  /** From this moment on (inclusive). */
  readonly from?: Date;
  /** Up to this moment (exclusive), so consecutive periods never count a row twice. */
  readonly to?: Date;
  /** 1 for the newest rows. */
  readonly page: number;
  readonly pageSize: number;
}

export const maxAuditPageSize = 500;

/** `%`, `_` and `\` in a LIKE pattern are literal only when escaped (`\` is the default escape). */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function moment(name: string, value: Date): string {
  if (Number.isNaN(value.getTime())) throw new RangeError(`audit search: ${name} is not a valid date`);
  return value.toISOString();
}

/** The auditor's search: every value is a parameter, newest rows first. */
export async function searchAudit(
  db: Queryable,
  filter: AuditFilter,
): Promise<{ items: AuditRecord[]; total: number }> {
  const { page, pageSize } = filter;
  if (!Number.isSafeInteger(page) || page < 1) {
    throw new RangeError('audit search: page must be a whole number from 1');
  }
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > maxAuditPageSize) {
    throw new RangeError(`audit search: pageSize must be a whole number from 1 to ${maxAuditPageSize}`);
  }
  const conditions: SqlQuery[] = [];
  if (filter.actorLabel !== undefined) conditions.push(sql`actor_label = ${filter.actorLabel}`);
  if (filter.action !== undefined) conditions.push(sql`action like ${likePrefix(filter.action)}`);
  if (filter.objectType !== undefined) conditions.push(sql`object_type = ${filter.objectType}`);
  if (filter.objectId !== undefined) conditions.push(sql`object_id = ${filter.objectId}`);
  if (filter.from !== undefined) {
    conditions.push(sql`occurred_at >= ${moment('from', filter.from)}::timestamptz`);
  }
  if (filter.to !== undefined) conditions.push(sql`occurred_at < ${moment('to', filter.to)}::timestamptz`);
  const where = conditions.length === 0 ? sql`` : sql`where ${sql.join(conditions, ' and ')}`;
  const [count] = await db.query<{ total: number }>(
    sql`select count(*)::int as total from audit_event ${where}`,
  );
  const rows = await db.query<AuditEventRow>(sql`
    select ${auditRecordColumns} from audit_event ${where}
    order by seq desc limit ${pageSize} offset ${(page - 1) * pageSize}`);
  return { items: rows.map(toAuditRecord), total: count?.total ?? 0 };
}
