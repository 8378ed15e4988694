import { randomBytes } from 'node:crypto';
import { sm3Hex } from '../../platform/crypto/index.ts';
import { type Queryable, sql } from '../../platform/db/index.ts';

export type SessionState = 'active' | 'second_factor' | 'enrol_second_factor';

export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  readonly username: string | null;
  readonly userKind: 'staff' | 'resident';
  readonly state: SessionState;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
}

/** An absolute limit on any session, however active (a day's work). */
export const sessionMaxHours = 12;

/** The cookie carries the token; the database keeps only its hash. */
export const sessionIdOf = (token: string): string => sm3Hex(`session:${token}`);

export async function createSession(
  db: Queryable,
  userId: string,
  state: SessionState,
  idleMinutes: number,
  device: string,
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const id = sessionIdOf(token);
  const expiresAt = new Date(Date.now() + idleMinutes * 60_000);
  await db.query(
    sql`insert into user_session (id, user_id, state, expires_at, device)
        values (${id}, ${userId}, ${state}, ${expiresAt}, ${device.slice(0, 80)})`,
  );
  return { token, id, expiresAt };
}

interface SessionRow {
  id: string;
  user_id: string;
  username: string | null;
  kind: 'staff' | 'resident';
  state: SessionState;
  last_seen_at: Date;
  expires_at: Date;
}

/** A live session: not ended, not expired, its user not disabled, within the absolute limit. */
export async function findLiveSession(db: Queryable, token: string): Promise<SessionRecord | undefined> {
  const [row] = await db.query<SessionRow>(
    sql`select s.id, s.user_id, u.username, u.kind, s.state, s.last_seen_at, s.expires_at
        from user_session s join app_user u on u.id = s.user_id
        where s.id = ${sessionIdOf(token)} and s.ended_at is null and s.expires_at > now()
          and s.created_at > now() - make_interval(hours => ${sessionMaxHours})
          and u.disabled_at is null`,
  );
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    userKind: row.kind,
    state: row.state,
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
  };
}

/** Slides the idle deadline forward. */
export async function touchSession(db: Queryable, id: string, idleMinutes: number): Promise<Date> {
  const expiresAt = new Date(Date.now() + idleMinutes * 60_000);
  await db.query(
    sql`update user_session set last_seen_at = now(), expires_at = ${expiresAt} where id = ${id}`,
  );
  return expiresAt;
}

export async function endSession(db: Queryable, id: string, reason: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    sql`update user_session set ended_at = now(), ended_reason = ${reason}
        where id = ${id} and ended_at is null returning id`,
  );
  return rows.length > 0;
}

/** Ends every session of a user (sign out everywhere, password change, account disabled). */
export async function endAllSessions(
  db: Queryable,
  userId: string,
  reason: string,
  keepId: string | null = null,
): Promise<number> {
  const rows = await db.query<{ id: string }>(
    sql`update user_session set ended_at = now(), ended_reason = ${reason}
        where user_id = ${userId} and ended_at is null and (${keepId}::text is null or id <> ${keepId}::text)
        returning id`,
  );
  return rows.length;
}

export interface SessionSummary {
  readonly id: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly device: string;
}

export async function listLiveSessions(db: Queryable, userId: string): Promise<SessionSummary[]> {
  const rows = await db.query<{ id: string; created_at: Date; last_seen_at: Date; device: string }>(
    sql`select id, created_at, last_seen_at, device from user_session
        where user_id = ${userId} and ended_at is null and expires_at > now()
          and created_at > now() - make_interval(hours => ${sessionMaxHours})
        order by last_seen_at desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    createdAt: new Date(r.created_at),
    lastSeenAt: new Date(r.last_seen_at),
    device: r.device,
  }));
}

/** A short description of the browser, for "your sessions" (no version numbers, no address). */
export function describeDevice(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /MicroMessenger/.test(ua)
    ? 'WeChat'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : ua === ''
              ? ''
              : 'other';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return [browser, os].filter(Boolean).join(' · ');
}
