import { type Db, type Queryable, type SqlQuery, sql } from '../db/index.ts';
import { chainHash, GENESIS_HASH } from './chain.ts';
import { type AuditDetailValue, type AuditEntry, type AuditOutcome, auditFields } from './entry.ts';

/**
 * The connection of an open transaction, never a whole `Db`: a `Db` has a
 * `transaction` method, so passing one is a type error (and refused at run time).
 */
export type AuditTransaction = Queryable & { readonly transaction?: never };

/** Every writer of the trail takes this transaction-scoped lock first (any fixed number; 'audt'). */
export const AUDIT_WRITER_LOCK = 0x61756474;

export interface AuditAppended {
  readonly seq: number;
  readonly hash: string;
}

/** A row of the trail as auditors read it. */
export interface AuditRecord {
  readonly seq: number;
  readonly occurredAt: Date;
  readonly actor: {
    readonly userId: string | null;
    readonly label: string;
    readonly organisationId: string | null;
  };
  readonly action: string;
  readonly object: { readonly type: string; readonly id: string } | null;
  readonly outcome: AuditOutcome;
  readonly sourceAddress: string | null;
  readonly detail: Readonly<Record<string, AuditDetailValue>>;
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * Appends one row to the trail inside the caller's transaction, so the change
 * it records and its audit row commit together or not at all (SECURITY.md 25, 27).
 *
 * Writers are serialised by an advisory lock held until the transaction ends:
 * the next writer reads the last row only after this one committed or rolled
 * back, so seq has no gaps and the chain no forks. Run it under READ COMMITTED
 * (the default): a transaction whose snapshot predates the lock would not see
 * the newest row, and its insert then fails on the primary key instead of forking.
 */
export async function appendAudit(tx: AuditTransaction, entry: AuditEntry): Promise<AuditAppended> {
  if ('transaction' in tx) {
    throw new Error('appendAudit runs inside a transaction: use db.transaction(...) or recordAudit(db, ...)');
  }
  // Checked before the lock, so a bad entry costs nobody a wait.
  const fields = auditFields(entry);
  await tx.query(sql`select pg_advisory_xact_lock(${AUDIT_WRITER_LOCK})`);
  const [last] = await tx.query<{ seq: number | string; hash: string }>(
    sql`select seq, hash from audit_event order by seq desc limit 1`,
  );
  const seq = last ? Number(last.seq) + 1 : 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Read after the lock, so on one clock the times follow the order of seq.
  const occurredAt = new Date().toISOString();
  const hash = chainHash({ seq, occurredAt, ...fields, prevHash });
  await tx.query(sql`
    insert into audit_event (
      seq, occurred_at, actor_user_id, actor_label, actor_organisation_id, action,
      object_type, object_id, outcome, source_address, detail, prev_hash, hash
    ) values (
      ${seq}, ${occurredAt}::timestamptz, ${fields.actorUserId}::uuid, ${fields.actorLabel},
      ${fields.actorOrganisationId}::uuid, ${fields.action}, ${fields.objectType}, ${fields.objectId},
      ${fields.outcome}, ${fields.sourceAddress}, ${JSON.stringify(fields.detail)}::jsonb, ${prevHash}, ${hash}
    )`);
  return { seq, hash };
}

/**
 * Appends one row in a transaction of its own: for events that change nothing
 * else (sign-in failures, denials, reads of personal data).
 */
export function recordAudit(db: Db, entry: AuditEntry): Promise<AuditAppended> {
  return db.transaction((tx) => appendAudit(tx, entry));
}

/** The columns `toAuditRecord` reads. */
export const auditRecordColumns: SqlQuery = sql`seq, occurred_at, actor_user_id, actor_label,
  actor_organisation_id, action, object_type, object_id, outcome, source_address, detail, prev_hash, hash`;

export interface AuditEventRow {
  seq: number | string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  actor_organisation_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: AuditOutcome;
  source_address: string | null;
  detail: Record<string, AuditDetailValue>;
  prev_hash: string;
  hash: string;
}

export function toAuditRecord(row: AuditEventRow): AuditRecord {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    actor: { userId: row.actor_user_id, label: row.actor_label, organisationId: row.actor_organisation_id },
    action: row.action,
    object:
      row.object_type !== null && row.object_id !== null
        ? { type: row.object_type, id: row.object_id }
        : null,
    outcome: row.outcome,
    sourceAddress: row.source_address,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
