import { appendAudit, recordAudit } from '../../platform/audit/index.ts';
import { auditActor, type SignedInActor } from '../../platform/auth/index.ts';
import {
  checkPassword,
  generateTotpSecret,
  hashPassword,
  maskPhone,
  maskResidentId,
  type PasswordProblem,
  verifyPassword,
  verifyTotp,
} from '../../platform/crypto/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { parseResidentId } from '../../platform/ids/index.ts';
import type { JsonValue, OwnDataCollector, OwnDataSection } from '../../platform/module.ts';
import { signInRules } from './domain/throttle.ts';
import { createSession, endAllSessions, endSession, listLiveSessions } from './sessionsRepo.ts';
import type { SignInDeps } from './signIn.ts';
import { countFailure, throttleWait } from './throttleRepo.ts';

const success = (
  actor: SignedInActor,
  address: string,
  action: string,
  detail?: Record<string, string | number | boolean | null>,
) => ({
  actor: auditActor(actor),
  action,
  object: { type: 'user', id: actor.userId },
  outcome: 'success' as const,
  sourceAddress: address,
  detail,
});

/**
 * Checks the password again before a sensitive change. Failures count like
 * sign-in failures, so a borrowed session cannot be used to guess the
 * password: after 5, the check fails for 15 minutes whatever is typed.
 */
async function reauthenticate(deps: SignInDeps, userId: string, hash: string | null, password: string) {
  const keys = { again: { key: `reauth:${userId}`, rule: signInRules.pair } };
  if ((await throttleWait(deps.db, keys, new Date())).ms > 0 || hash === null) return false;
  if (await verifyPassword(hash, password)) return true;
  await countFailure(deps.db, keys, new Date());
  return false;
}

export type PasswordChangeResult =
  | { readonly outcome: 'changed'; readonly token: string }
  | { readonly outcome: 'wrongCurrent' }
  | { readonly outcome: 'weak'; readonly problem: PasswordProblem | 'same' };

/**
 * A new password ends every session, this one included, and starts a fresh
 * one: whoever held an old session cookie is out (SECURITY.md 3).
 */
export async function changeOwnPassword(
  deps: SignInDeps,
  actor: SignedInActor,
  input: { current: string; next: string; address: string; device: string },
): Promise<PasswordChangeResult> {
  const [row] = await deps.db.query<{ password_hash: string | null; username: string | null; kind: string }>(
    sql`select password_hash, username, kind from app_user where id = ${actor.userId}`,
  );
  if (!row || !(await reauthenticate(deps, actor.userId, row.password_hash, input.current))) {
    await recordAudit(deps.db, {
      ...success(actor, input.address, 'account.password_change'),
      outcome: 'failure',
      detail: { reason: 'wrong_current' },
    });
    return { outcome: 'wrongCurrent' };
  }
  if (input.next === input.current) return { outcome: 'weak', problem: 'same' };
  const problem = checkPassword(input.next, {
    minLength: 10,
    requireComplexity: row.kind === 'staff' && deps.config.staffPasswordComplexity,
    related: row.username ? [row.username] : [],
  });
  if (problem !== null) return { outcome: 'weak', problem };
  const hash = await hashPassword(input.next);
  const token = await deps.db.transaction(async (tx) => {
    await tx.query(
      sql`update app_user set password_hash = ${hash}, password_changed_at = now() where id = ${actor.userId}`,
    );
    const ended = await endAllSessions(tx, actor.userId, 'password_changed');
    const session = await createSession(
      tx,
      actor.userId,
      'active',
      deps.config.sessionIdleMinutes,
      input.device,
    );
    await appendAudit(tx, success(actor, input.address, 'account.password_change', { sessionsEnded: ended }));
    return session.token;
  });
  return { outcome: 'changed', token };
}

/** Starts TOTP enrolment: a new secret, kept sealed, used only once a code from it is confirmed. */
export async function startTotpEnrolment(deps: SignInDeps, userId: string): Promise<string> {
  const secret = generateTotpSecret();
  await deps.db.query(
    sql`update app_user set totp_secret_sealed = ${deps.keyring.seal(secret)}, totp_last_step = null
        where id = ${userId} and totp_enabled = false`,
  );
  return secret;
}

/** The secret being enrolled (not yet confirmed), to show again after a wrong code. */
export async function pendingTotpSecret(deps: SignInDeps, userId: string): Promise<string | null> {
  const [row] = await deps.db.query<{ totp_secret_sealed: string | null; totp_enabled: boolean }>(
    sql`select totp_secret_sealed, totp_enabled from app_user where id = ${userId}`,
  );
  if (!row || row.totp_enabled || row.totp_secret_sealed === null) return null;
  return deps.keyring.open(row.totp_secret_sealed);
}

export async function confirmTotp(
  deps: SignInDeps,
  actor: SignedInActor,
  input: { code: string; address: string },
): Promise<boolean> {
  const secret = await pendingTotpSecret(deps, actor.userId);
  const step =
    secret === null
      ? null
      : verifyTotp(secret, input.code.replace(/\s/g, ''), Math.floor(Date.now() / 1000), null);
  if (step === null) return false;
  await deps.db.transaction(async (tx) => {
    await tx.query(
      sql`update app_user set totp_enabled = true, totp_last_step = ${step} where id = ${actor.userId}`,
    );
    await appendAudit(tx, success(actor, input.address, 'account.second_factor_enable'));
  });
  return true;
}

/** Turning the second factor off needs the password, so a borrowed session cannot do it. */
export async function disableTotp(
  deps: SignInDeps,
  actor: SignedInActor,
  input: { password: string; address: string },
): Promise<boolean> {
  const [row] = await deps.db.query<{ password_hash: string | null }>(
    sql`select password_hash from app_user where id = ${actor.userId}`,
  );
  if (!(await reauthenticate(deps, actor.userId, row?.password_hash ?? null, input.password))) return false;
  await deps.db.transaction(async (tx) => {
    await tx.query(
      sql`update app_user set totp_enabled = false, totp_secret_sealed = null, totp_last_step = null
          where id = ${actor.userId}`,
    );
    await appendAudit(tx, success(actor, input.address, 'account.second_factor_disable'));
  });
  return true;
}

export type BindResult = 'bound' | 'invalid' | 'boundElsewhere' | 'alreadyBound';

/**
 * A resident binds their account to their resident ID number. The number is
 * kept sealed, found again only by its keyed hash, and one number binds one account.
 */
export async function bindResidentId(
  deps: SignInDeps,
  actor: SignedInActor,
  input: { residentId: string; districtCode: string; address: string },
): Promise<BindResult> {
  const parsed = parseResidentId(input.residentId);
  if (!parsed.ok) return 'invalid';
  const hash = deps.keyring.lookupHash('resident-id', parsed.value.number);
  return deps.db.transaction(async (tx) => {
    const [self] = await tx.query<{ resident_id_hash: string | null }>(
      sql`select resident_id_hash from app_user where id = ${actor.userId} for update`,
    );
    if (self?.resident_id_hash) return 'alreadyBound';
    const [other] = await tx.query(sql`select 1 from app_user where resident_id_hash = ${hash}`);
    if (other) {
      await appendAudit(tx, {
        ...success(actor, input.address, 'account.bind_resident_id'),
        outcome: 'failure',
        detail: { reason: 'bound_elsewhere' },
      });
      return 'boundElsewhere';
    }
    await tx.query(
      sql`update app_user set resident_id_sealed = ${deps.keyring.seal(parsed.value.number)},
            resident_id_hash = ${hash}, district_code = ${input.districtCode}
          where id = ${actor.userId}`,
    );
    await appendAudit(
      tx,
      success(actor, input.address, 'account.bind_resident_id', { districtCode: input.districtCode }),
    );
    return 'bound';
  });
}

export interface MyData {
  readonly username: string | null;
  readonly displayName: string;
  readonly kind: 'staff' | 'resident';
  readonly phone: string | null;
  readonly residentId: string | null;
  readonly districtCode: string | null;
  readonly createdAt: Date;
  readonly secondFactor: boolean;
  readonly grants: { role: string; organisationNameZh: string | null; organisationNameEn: string | null }[];
}

/** My own data, masked unless `reveal` (then the reading is audited: it is personal data shown in full). */
export async function myData(
  deps: SignInDeps,
  actor: SignedInActor,
  options: {
    reveal: boolean;
    address: string /** false when the caller records one row for the whole read */;
    audit?: boolean;
  },
): Promise<MyData> {
  const [row] = await deps.db.query<{
    username: string | null;
    display_name: string;
    kind: 'staff' | 'resident';
    phone_sealed: string | null;
    resident_id_sealed: string | null;
    district_code: string | null;
    created_at: Date;
    totp_enabled: boolean;
  }>(
    sql`select username, display_name, kind, phone_sealed, resident_id_sealed, district_code, created_at, totp_enabled
        from app_user where id = ${actor.userId}`,
  );
  if (!row) throw new Error('signed-in user has no account row');
  const grants = await deps.db.query<{ role: string; name_zh: string | null; name_en: string | null }>(
    sql`select g.role, o.name_zh, o.name_en from role_grant g left join organisation o on o.id = g.organisation_id
        where g.user_id = ${actor.userId} and g.revoked_at is null order by g.granted_at`,
  );
  const phone = row.phone_sealed === null ? null : deps.keyring.open(row.phone_sealed);
  const residentId = row.resident_id_sealed === null ? null : deps.keyring.open(row.resident_id_sealed);
  if (options.reveal && options.audit !== false && (phone !== null || residentId !== null)) {
    await recordAudit(deps.db, success(actor, options.address, 'resident.reveal', { scope: 'self' }));
  }
  return {
    username: row.username,
    displayName: row.display_name,
    kind: row.kind,
    phone: phone === null ? null : options.reveal ? phone : maskPhone(phone),
    residentId: residentId === null ? null : options.reveal ? residentId : maskResidentId(residentId),
    districtCode: row.district_code,
    createdAt: new Date(row.created_at),
    secondFactor: row.totp_enabled,
    grants: grants.map((g) => ({
      role: g.role,
      organisationNameZh: g.name_zh,
      organisationNameEn: g.name_en,
    })),
  };
}

/**
 * Everything the platform holds about me, in full (PIPL art. 45): my account,
 * roles, sessions, correction requests and my own actions on the trail —
 * nobody else's data.
 */
/** Everything the platform holds about the signed-in person: the account here, the rest from each module. */
export async function exportMyData(
  deps: SignInDeps & { readonly ownData: OwnDataCollector },
  actor: SignedInActor,
  address: string,
  locale: Locale,
) {
  // One audit row for the export as a whole (SECURITY.md 25), not one per part of it.
  const data = await myData(deps, actor, { reveal: true, address, audit: false });
  const programme = await deps.ownData(actor.userId, locale);
  const sessions = await listLiveSessions(deps.db, actor.userId);
  const corrections = await deps.db.query<{
    field: string;
    message_sealed: string;
    status: string;
    created_at: Date;
  }>(
    sql`select field, message_sealed, status, created_at from correction_request
        where user_id = ${actor.userId} order by created_at`,
  );
  const activity = await deps.db.query<{ occurred_at: Date; action: string; outcome: string }>(
    sql`select occurred_at, action, outcome from audit_event where actor_user_id = ${actor.userId}
        order by seq desc limit 200`,
  );
  await recordAudit(deps.db, success(actor, address, 'account.export'));
  return {
    exportedAt: new Date().toISOString(),
    account: {
      username: data.username,
      displayName: data.displayName,
      kind: data.kind,
      phone: data.phone,
      residentId: data.residentId,
      districtCode: data.districtCode,
      createdAt: data.createdAt.toISOString(),
      secondFactor: data.secondFactor,
    },
    roles: data.grants,
    sessions: sessions.map((s) => ({
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      device: s.device,
    })),
    correctionRequests: corrections.map((c) => ({
      field: c.field,
      message: deps.keyring.open(c.message_sealed),
      status: c.status,
      createdAt: new Date(c.created_at).toISOString(),
    })),
    recentActivity: activity.map((a) => ({
      at: new Date(a.occurred_at).toISOString(),
      action: a.action,
      outcome: a.outcome,
    })),
    programme,
  };
}

/** The JSON file's form of the modules' sections: each a list of records, each record its fields by key. */
export const programmeJson = (sections: readonly OwnDataSection[]): Record<string, JsonValue> =>
  Object.fromEntries(
    sections.map((section) => [
      section.key,
      section.records.map((record) => Object.fromEntries(record.fields.map((f) => [f.key, f.value]))),
    ]),
  );

export const correctionFields = ['name', 'phone', 'resident_id', 'district', 'other'] as const;
export type CorrectionField = (typeof correctionFields)[number];

export async function requestCorrection(
  deps: SignInDeps,
  actor: SignedInActor,
  input: { field: CorrectionField; message: string; address: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      sql`insert into correction_request (user_id, field, message_sealed)
          values (${actor.userId}, ${input.field}, ${deps.keyring.seal(input.message)}) returning id`,
    );
    await appendAudit(tx, {
      ...success(actor, input.address, 'account.correction_request', { field: input.field }),
      object: { type: 'correction_request', id: (row as { id: string }).id },
    });
  });
}

/** Ends one of my sessions, or all of them but this one (sign out everywhere else). */
export async function endMySessions(
  deps: SignInDeps,
  actor: SignedInActor,
  input: { sessionId: string | 'others'; address: string },
): Promise<number> {
  return deps.db.transaction(async (tx) => {
    let ended: number;
    if (input.sessionId === 'others') {
      ended = await endAllSessions(tx, actor.userId, 'signed_out_elsewhere', actor.sessionId);
    } else {
      const [owned] = await tx.query(
        sql`select 1 from user_session where id = ${input.sessionId} and user_id = ${actor.userId}`,
      );
      ended = owned ? Number(await endSession(tx, input.sessionId, 'signed_out_by_user')) : 0;
    }
    await appendAudit(tx, success(actor, input.address, 'session.end', { ended }));
    return ended;
  });
}
