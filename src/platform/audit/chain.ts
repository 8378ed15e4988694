import { createHash } from 'node:crypto';
import { type SqlQuery, sql } from '../db/index.ts';

/** The previous hash of row 1: there is no row before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** A row's content as it is hashed: exactly the columns of `audit_event` except `hash`. */
export interface ChainedRow {
  readonly seq: number;
  /** `YYYY-MM-DDTHH:mm:ss.sssZ` in UTC, as the database holds it (see `occurredAtText`). */
  readonly occurredAt: string;
  readonly actorUserId: string | null;
  readonly actorLabel: string;
  readonly actorOrganisationId: string | null;
  readonly action: string;
  readonly objectType: string | null;
  readonly objectId: string | null;
  readonly outcome: string;
  readonly sourceAddress: string | null;
  readonly detail: unknown;
  readonly prevHash: string;
}

/**
 * JSON with object keys sorted at every level, so the same content always
 * gives the same bytes whatever order the database or a caller produced.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // undefined is not JSON; it can only come from a caller's object, and the database would drop it.
  return value === undefined ? 'null' : JSON.stringify(value);
}

/**
 * The bytes a row's hash covers: one JSON array in a fixed field order, the
 * previous row's hash first. docs/audit.md spells this out so an auditor can
 * recompute the chain with any SM3 implementation.
 */
export function chainText(row: ChainedRow): string {
  return canonicalJson([
    row.prevHash,
    row.seq,
    row.occurredAt,
    row.actorUserId,
    row.actorLabel,
    row.actorOrganisationId,
    row.action,
    row.objectType,
    row.objectId,
    row.outcome,
    row.sourceAddress,
    row.detail,
  ]);
}

/** SM3 (GB/T 32905) as the national standard asks of government systems, in lower-case hex. */
export function chainHash(row: ChainedRow): string {
  return createHash('sm3').update(chainText(row), 'utf8').digest('hex');
}

/**
 * SQL for `occurred_at` as text with microseconds, in UTC whatever the
 * session's time zone. Formatting in the database instead of parsing a driver's
 * Date keeps both engines byte-identical, and a forged sub-millisecond part
 * shows up instead of being rounded away.
 */
export const occurredAtSql: SqlQuery = sql`to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/** Turns `occurredAtSql`'s text into the ISO form that was hashed (`Date.toISOString()`). */
export function occurredAtText(microseconds: string): string {
  // The application writes milliseconds; three more digits are kept only when they are not zero.
  return `${microseconds.endsWith('000') ? microseconds.slice(0, -3) : microseconds}Z`;
}
