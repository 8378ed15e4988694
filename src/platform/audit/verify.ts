import { type Queryable, type SqlQuery, sql } from '../db/index.ts';
import { chainHash, GENESIS_HASH, occurredAtSql, occurredAtText } from './chain.ts';

export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
  readonly occurredAt: Date;
}

export type AuditChainReport =
  | { readonly ok: true; readonly rows: number; readonly head: { seq: number; hash: string } | null }
  | {
      readonly ok: false;
      /** Rows found intact before the first bad one. */
      readonly rows: number;
      readonly firstBadSeq: number;
      readonly reason: string;
    };

/** Rows read per query: memory stays bounded however long the trail grows. */
const pageSize = 5000;

interface ChainRow {
  seq: number | string;
  occurred_at_text: string;
  actor_user_id: string | null;
  actor_label: string;
  actor_organisation_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  source_address: string | null;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

const rowName = (seq: number) => (seq < 1 ? 'the start of the trail' : `row ${seq}`);

/**
 * Walks the whole trail in seq order and recomputes every hash. It finds an
 * edited row (its hash no longer matches its contents), an inserted row (it
 * breaks the links around it) and a deleted row (a gap in seq, or a broken
 * link when the rows after it were renumbered), and names the first bad row.
 *
 * It cannot see rows cut from the end, nor a chain rewritten from scratch by
 * someone who recomputed every hash: compare the head with one exported
 * earlier and kept outside the database (`checkAuditAnchor`, docs/audit.md).
 */
export async function verifyAuditChain(
  db: Queryable,
  onProgress?: (checked: number) => void,
): Promise<AuditChainReport> {
  let rows = 0;
  let expectedSeq = 1;
  // The hashes of the last two good rows: a row linking past its predecessor shows an insertion.
  let previousHash = GENESIS_HASH;
  let beforePreviousHash: string | null = null;
  let after: number | null = null;
  const broken = (firstBadSeq: number, reason: string): AuditChainReport => ({
    ok: false,
    rows,
    firstBadSeq,
    reason,
  });
  for (;;) {
    // Starting without a lower bound lets a forged row with seq 0 or below be seen.
    const from: SqlQuery = after === null ? sql`true` : sql`seq > ${after}`;
    const page = await db.query<ChainRow>(sql`
      select seq, ${occurredAtSql} as occurred_at_text,
        actor_user_id, actor_label, actor_organisation_id, action, object_type, object_id,
        outcome, source_address, detail, prev_hash, hash
      from audit_event where ${from} order by seq limit ${pageSize}`);
    for (const row of page) {
      const seq = Number(row.seq);
      if (seq < expectedSeq) {
        return broken(seq, `row ${seq} is out of order: the trail starts at row 1 (inserted)`);
      }
      if (seq > expectedSeq) {
        return broken(
          expectedSeq,
          seq === expectedSeq + 1
            ? `row ${expectedSeq} is missing (deleted)`
            : `rows ${expectedSeq} to ${seq - 1} are missing (deleted)`,
        );
      }
      const contentMatches =
        chainHash({
          seq,
          occurredAt: occurredAtText(row.occurred_at_text),
          actorUserId: row.actor_user_id,
          actorLabel: row.actor_label,
          actorOrganisationId: row.actor_organisation_id,
          action: row.action,
          objectType: row.object_type,
          objectId: row.object_id,
          outcome: row.outcome,
          sourceAddress: row.source_address,
          detail: row.detail,
          prevHash: row.prev_hash,
        }) === row.hash;
      if (row.prev_hash !== previousHash) {
        if (row.prev_hash === beforePreviousHash) {
          return broken(
            seq - 1,
            `row ${seq - 1} was inserted: row ${seq} links past it to ${rowName(seq - 2)} (inserted)`,
          );
        }
        return broken(
          seq,
          contentMatches
            ? `row ${seq} does not link to ${rowName(seq - 1)}: its previous hash is not that row's hash ` +
                `(row ${seq} was inserted, or ${rowName(seq - 1)} was edited and re-hashed)`
            : `row ${seq} neither links to ${rowName(seq - 1)} nor matches its own hash ` +
                '(rows around it were deleted or inserted and the rest renumbered, or it was edited)',
        );
      }
      if (!contentMatches) return broken(seq, `row ${seq}: hash does not match its contents (edited)`);
      beforePreviousHash = previousHash;
      previousHash = row.hash;
      expectedSeq = seq + 1;
      rows += 1;
    }
    if (page.length > 0) onProgress?.(rows);
    if (page.length < pageSize) break;
    after = expectedSeq - 1;
  }
  return { ok: true, rows, head: rows === 0 ? null : { seq: expectedSeq - 1, hash: previousHash } };
}

/** The newest row's seq and hash: export it and keep it outside the database (docs/audit.md). */
export async function auditHead(db: Queryable): Promise<AuditHead | null> {
  const [row] = await db.query<{ seq: number | string; hash: string; occurred_at: Date }>(
    sql`select seq, hash, occurred_at from audit_event order by seq desc limit 1`,
  );
  return row ? { seq: Number(row.seq), hash: row.hash, occurredAt: row.occurred_at } : null;
}

/**
 * Checks that a head exported earlier is still in the trail with the same
 * hash. With an intact chain this proves nothing up to that row was changed,
 * cut off or rewritten, which the chain alone cannot show.
 */
export async function checkAuditAnchor(
  db: Queryable,
  anchor: { readonly seq: number; readonly hash: string },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const [row] = await db.query<{ hash: string }>(sql`select hash from audit_event where seq = ${anchor.seq}`);
  if (!row) {
    return {
      ok: false,
      reason: `row ${anchor.seq} of the exported head is missing (the trail was cut back)`,
    };
  }
  if (row.hash !== anchor.hash.toLowerCase()) {
    return { ok: false, reason: `row ${anchor.seq} no longer has the exported head's hash (rewritten)` };
  }
  return { ok: true };
}
