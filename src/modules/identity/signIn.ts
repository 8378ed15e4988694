import { appendAudit } from '../../platform/audit/index.ts';
import { type PendingActor, personalDataRoles } from '../../platform/auth/index.ts';
import {
  dummyVerify,
  hashPassword,
  type Keyring,
  needsRehash,
  verifyPassword,
  verifyTotp,
} from '../../platform/crypto/index.ts';
import { type Db, sql } from '../../platform/db/index.ts';
import type { Config } from '../../platform/module.ts';
import { countFailedAttempt, refusedWhileThrottled } from './attempts.ts';
import { signInRules } from './domain/throttle.ts';
import { createSession, endSession, type SessionState } from './sessionsRepo.ts';
import { clearCounters, type ThrottleKeys } from './throttleRepo.ts';
import { findAccountById, findAccountByUsername, loadGrants, type SignInAccount } from './usersRepo.ts';

export interface SignInDeps {
  readonly config: Config;
  readonly db: Db;
  readonly keyring: Keyring;
}

export type SignInResult =
  | {
      readonly outcome: 'signedIn';
      readonly token: string;
      readonly next: 'done' | 'changePassword' | SessionState;
    }
  | {
      readonly outcome: 'refused';
      readonly reason: 'invalid' | 'locked';
      readonly retryAfterSeconds: number;
    };

const invalid = { outcome: 'refused', reason: 'invalid', retryAfterSeconds: 0 } as const;

export const normaliseUsername = (raw: string): string => raw.trim().toLowerCase();

/** Throttle keys for one sign-in attempt; the name typed is kept only as a keyed hash. */
function signInKeys(
  keyring: Keyring,
  stage: 'password' | 'totp',
  nameOrId: string,
  address: string,
): ThrottleKeys<'pair' | 'address' | 'account'> {
  const account = keyring.lookupHash('sign-in', nameOrId);
  return {
    pair: { key: `${stage}:pair:${account}|${address}`, rule: signInRules.pair },
    address: { key: `${stage}:address:${address}`, rule: signInRules.address },
    account: { key: `${stage}:account:${account}`, rule: signInRules.account },
  };
}

const actorOf = (account: SignInAccount | undefined) =>
  account
    ? {
        userId: account.id,
        label: account.username ?? `resident:${account.id.slice(0, 8)}`,
        organisationId: null,
      }
    : { userId: null, label: 'anonymous', organisationId: null };

/** Which state a new session starts in, after the password. */
async function stateAfterPassword(deps: SignInDeps, account: SignInAccount): Promise<SessionState> {
  if (account.totpEnabled) return 'second_factor';
  if (!deps.config.requireSecondFactor || account.kind !== 'staff') return 'active';
  const grants = await loadGrants(deps.db, account.id);
  return grants.some((g) => personalDataRoles.has(g.role)) ? 'enrol_second_factor' : 'active';
}

/**
 * Staff change a password an administrator chose (no change date yet) at
 * their first sign-in, and any password after the configured number of days.
 */
const passwordExpired = (config: Config, account: SignInAccount): boolean =>
  account.kind === 'staff' &&
  (account.passwordChangedAt === null ||
    (config.staffPasswordMaxAgeDays > 0 &&
      Date.now() - account.passwordChangedAt.getTime() > config.staffPasswordMaxAgeDays * 86_400_000));

/**
 * Staff (and demo residents) sign in with a username and password
 * (SECURITY.md 1-3). Every outcome is audited; unknown names and wrong
 * passwords get the same answer in the same time.
 */
export async function signInWithPassword(
  deps: SignInDeps,
  input: { username: string; password: string; address: string; device: string },
): Promise<SignInResult> {
  const { db, keyring, config } = deps;
  const username = normaliseUsername(input.username);
  const keys = signInKeys(keyring, 'password', username, input.address);
  const account = username === '' ? undefined : await findAccountByUsername(db, username);
  const retryAfterSeconds = await refusedWhileThrottled(db, keys, {
    actor: actorOf(account),
    action: 'login.refused',
    sourceAddress: input.address,
  });
  if (retryAfterSeconds !== null) return { outcome: 'refused', reason: 'locked', retryAfterSeconds };

  const usable = account !== undefined && !account.disabled && account.passwordHash !== null;
  const passwordOk = usable
    ? await verifyPassword(account.passwordHash as string, input.password)
    : await dummyVerify(input.password);
  if (!usable || !passwordOk) {
    const reason = !account ? 'unknown_account' : account.disabled ? 'disabled' : 'bad_password';
    await countFailedAttempt(db, keys, {
      actor: actorOf(account),
      action: 'login.failure',
      sourceAddress: input.address,
      detail: { reason },
    });
    return invalid;
  }

  const state = await stateAfterPassword(deps, account);
  const rehash = needsRehash(account.passwordHash as string) ? await hashPassword(input.password) : null;
  const session = await db.transaction(async (tx) => {
    await clearCounters(tx, [keys.pair.key, keys.account.key]);
    if (rehash !== null)
      await tx.query(sql`update app_user set password_hash = ${rehash} where id = ${account.id}`);
    const created = await createSession(tx, account.id, state, config.sessionIdleMinutes, input.device);
    await appendAudit(tx, {
      actor: actorOf(account),
      action: state === 'active' ? 'login.success' : 'login.password_accepted',
      outcome: 'success',
      sourceAddress: input.address,
      detail: { method: 'password', next: state },
    });
    return created;
  });
  const next = state === 'active' && passwordExpired(config, account) ? 'changePassword' : state;
  return { outcome: 'signedIn', token: session.token, next: next === 'active' ? 'done' : next };
}

/**
 * The second step: a TOTP code from the user's authenticator. The pending
 * session is ended and a new one starts, so the session id changes at the
 * moment the user is fully signed in.
 */
export async function completeSecondFactor(
  deps: SignInDeps,
  pending: PendingActor,
  input: { code: string; address: string; device: string },
): Promise<SignInResult> {
  const { db, keyring, config } = deps;
  const keys = signInKeys(keyring, 'totp', pending.userId, input.address);
  const actor = { userId: pending.userId, label: pending.label, organisationId: null };
  const retryAfterSeconds = await refusedWhileThrottled(db, keys, {
    actor,
    action: 'login.refused',
    sourceAddress: input.address,
    detail: { stage: 'second_factor' },
  });
  if (retryAfterSeconds !== null) return { outcome: 'refused', reason: 'locked', retryAfterSeconds };
  const [row] = await db.query<{ totp_secret_sealed: string | null; totp_last_step: number | null }>(
    sql`select totp_secret_sealed, totp_last_step from app_user where id = ${pending.userId}`,
  );
  const secret = row?.totp_secret_sealed ? keyring.open(row.totp_secret_sealed) : null;
  const step =
    secret === null
      ? null
      : verifyTotp(
          secret,
          input.code.replace(/\s/g, ''),
          Math.floor(Date.now() / 1000),
          row?.totp_last_step ?? null,
        );
  if (step === null) {
    await countFailedAttempt(db, keys, {
      actor,
      action: 'login.failure',
      sourceAddress: input.address,
      detail: { reason: 'bad_second_factor' },
    });
    return invalid;
  }
  const account = (await findAccountById(db, pending.userId)) as SignInAccount;
  const session = await db.transaction(async (tx) => {
    await clearCounters(tx, [keys.pair.key, keys.account.key]);
    await tx.query(
      sql`update app_user set totp_enabled = true, totp_last_step = ${step} where id = ${pending.userId}`,
    );
    await endSession(tx, pending.sessionId, 'second_factor_done');
    const created = await createSession(
      tx,
      pending.userId,
      'active',
      config.sessionIdleMinutes,
      input.device,
    );
    await appendAudit(tx, {
      actor,
      action: pending.waitingFor === 'enrol_second_factor' ? 'login.success_enrolled' : 'login.success',
      outcome: 'success',
      sourceAddress: input.address,
      detail: { method: 'password+totp' },
    });
    return created;
  });
  return {
    outcome: 'signedIn',
    token: session.token,
    next: passwordExpired(config, account) ? 'changePassword' : 'done',
  };
}
