import { randomBytes } from 'node:crypto';
import { sm3Hex } from '../../platform/crypto/index.ts';
import { type Queryable, sql } from '../../platform/db/index.ts';

/** Tokens start with a fixed prefix so secret scanners can recognise a leaked one. */
const prefix = 'fuju_';

export const tokenHashOf = (token: string): string => sm3Hex(`api-token:${token}`);

export const looksLikeToken = (value: string): boolean => /^fuju_[A-Za-z0-9_-]{43}$/.test(value);

export async function createToken(
  db: Queryable,
  input: { userId: string; label: string; createdBy: string | null; ttlHours: number | null },
): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  const token = prefix + randomBytes(32).toString('base64url');
  const expiresAt = input.ttlHours === null ? null : new Date(Date.now() + input.ttlHours * 3_600_000);
  const [row] = await db.query<{ id: string }>(
    sql`insert into api_token (user_id, token_hash, label, created_by, expires_at)
        values (${input.userId}, ${tokenHashOf(token)}, ${input.label}, ${input.createdBy}, ${expiresAt})
        returning id`,
  );
  return { id: (row as { id: string }).id, token, expiresAt };
}

/** The live token's owner: not revoked, not expired, the user not disabled. */
export async function findTokenOwner(
  db: Queryable,
  token: string,
): Promise<
  { tokenId: string; userId: string; username: string | null; kind: 'staff' | 'resident' } | undefined
> {
  const [row] = await db.query<{
    id: string;
    user_id: string;
    username: string | null;
    kind: 'staff' | 'resident';
  }>(
    sql`select t.id, t.user_id, u.username, u.kind from api_token t join app_user u on u.id = t.user_id
        where t.token_hash = ${tokenHashOf(token)} and t.revoked_at is null
          and (t.expires_at is null or t.expires_at > now()) and u.disabled_at is null`,
  );
  if (!row) return undefined;
  // Last use is kept to the minute: enough to find unused tokens, without a write per request.
  await db.query(
    sql`update api_token set last_used_at = now() where id = ${row.id}
        and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
  );
  return { tokenId: row.id, userId: row.user_id, username: row.username, kind: row.kind };
}

/** Whose token this is, for the revoke check; the list itself is `listTokensWithin` (adminQueries.ts). */
export async function findTokenOwnerId(db: Queryable, id: string): Promise<string | undefined> {
  const [row] = await db.query<{ user_id: string }>(sql`select user_id from api_token where id = ${id}`);
  return row?.user_id;
}

export async function revokeToken(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    sql`update api_token set revoked_at = now() where id = ${id} and revoked_at is null returning id`,
  );
  return rows.length > 0;
}
