import { randomInt, timingSafeEqual } from 'node:crypto';
import { appendAudit } from '../../platform/audit/index.ts';
import { maskPhone } from '../../platform/crypto/index.ts';
import { type Queryable, sql } from '../../platform/db/index.ts';
import { parsePhone } from '../../platform/ids/index.ts';
import { countFailedAttempt, refusedWhileThrottled } from './attempts.ts';
import { codeRules, signInRules } from './domain/throttle.ts';
import { createSession } from './sessionsRepo.ts';
import type { SignInDeps, SignInResult } from './signIn.ts';
import { clearCounters, countFailure, type ThrottleKeys } from './throttleRepo.ts';
import { findAccountByPhoneHash } from './usersRepo.ts';

/**
 * How a message reaches a resident. The default writes to the outbox table in
 * the same transaction as the change that causes it; a gateway (SMS, WeChat)
 * delivers from there. Tests and demo mode read the outbox.
 */
export interface MessageSender {
  send(tx: Queryable, message: { phone: string; text: string }): Promise<void>;
}

export function outboxSender(
  deps: Pick<SignInDeps, 'keyring'> & { demo: boolean; log: (line: string) => void },
): MessageSender {
  return {
    async send(tx, { phone, text }) {
      await tx.query(
        sql`insert into outbox_message (channel, recipient_sealed, body_sealed)
            values ('sms', ${deps.keyring.seal(phone)}, ${deps.keyring.seal(text)})`,
      );
      // Demo mode has no SMS gateway: the code is shown in the log, next to a masked number.
      if (deps.demo) deps.log(`demo SMS to ${maskPhone(phone)}: ${text}`);
    },
  };
}

const codeLifetimeMs = 5 * 60_000;
const anonymousActor = { userId: null, label: 'anonymous', organisationId: null };
const maxCodeAttempts = 5;

export type CodeRequestResult =
  | { readonly outcome: 'sent' }
  | { readonly outcome: 'invalidPhone' }
  | { readonly outcome: 'refused'; readonly retryAfterSeconds: number };

function codeKeys(phoneHash: string, address: string): ThrottleKeys {
  return {
    phoneMinute: { key: `code:minute:${phoneHash}`, rule: codeRules.phoneMinute },
    phoneHour: { key: `code:hour:${phoneHash}`, rule: codeRules.phoneHour },
    address: { key: `code:address:${address}`, rule: codeRules.address },
  };
}

const codeText = (code: string, locale: 'zh-CN' | 'en') =>
  locale === 'zh-CN'
    ? `【科技助残】您的登录验证码是 ${code}，5 分钟内有效。请勿告诉他人。`
    : `Your sign-in code is ${code}. It expires in 5 minutes. Do not share it.`;

/**
 * Sends a six-digit code to a mobile number (SECURITY.md 16: limited per
 * number and per address). The answer does not say whether the number has an
 * account: the first sign-in creates one.
 */
export async function requestSignInCode(
  deps: SignInDeps,
  sender: MessageSender,
  input: { phone: string; address: string; locale: 'zh-CN' | 'en' },
): Promise<CodeRequestResult> {
  const phone = parsePhone(input.phone);
  if (!phone.ok) return { outcome: 'invalidPhone' };
  const phoneHash = deps.keyring.lookupHash('phone', phone.value);
  const keys = codeKeys(phoneHash, input.address);
  const retryAfterSeconds = await refusedWhileThrottled(deps.db, keys, {
    actor: anonymousActor,
    action: 'login.code_refused',
    sourceAddress: input.address,
  });
  if (retryAfterSeconds !== null) return { outcome: 'refused', retryAfterSeconds };
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.db.transaction(async (tx) => {
    await countFailure(tx, keys, new Date());
    await tx.query(
      sql`insert into one_time_code (phone_hash, code_hash, expires_at)
          values (${phoneHash}, ${deps.keyring.lookupHash('one-time-code', `${phoneHash}:${code}`)},
                  ${new Date(Date.now() + codeLifetimeMs)})`,
    );
    await sender.send(tx, { phone: phone.value, text: codeText(code, input.locale) });
    await appendAudit(tx, {
      actor: anonymousActor,
      action: 'login.code_sent',
      outcome: 'success',
      sourceAddress: input.address,
    });
  });
  return { outcome: 'sent' };
}

/**
 * Signs a resident in with the code sent to their phone; the first time
 * creates their account (role: resident), to be bound to their ID number next.
 */
export async function signInWithCode(
  deps: SignInDeps,
  input: { phone: string; code: string; address: string; device: string },
): Promise<SignInResult & { created?: boolean }> {
  const invalid = { outcome: 'refused', reason: 'invalid', retryAfterSeconds: 0 } as const;
  const phone = parsePhone(input.phone);
  const code = input.code.replace(/\s/g, '');
  if (!phone.ok || !/^\d{6}$/.test(code)) return invalid;
  const phoneHash = deps.keyring.lookupHash('phone', phone.value);
  const keys: ThrottleKeys<'pair' | 'address'> = {
    pair: { key: `code-check:pair:${phoneHash}|${input.address}`, rule: signInRules.pair },
    address: { key: `code-check:address:${input.address}`, rule: signInRules.address },
  };
  const retryAfterSeconds = await refusedWhileThrottled(deps.db, keys, {
    actor: anonymousActor,
    action: 'login.refused',
    sourceAddress: input.address,
    detail: { method: 'sms_code' },
  });
  if (retryAfterSeconds !== null) return { outcome: 'refused', reason: 'locked', retryAfterSeconds };

  const result = await deps.db.transaction(async (tx) => {
    const [pending] = await tx.query<{ id: string; code_hash: string; attempts: number }>(
      sql`select id, code_hash, attempts from one_time_code
          where phone_hash = ${phoneHash} and used_at is null and expires_at > now()
          order by created_at desc limit 1 for update`,
    );
    const expected = deps.keyring.lookupHash('one-time-code', `${phoneHash}:${code}`);
    const matches =
      pending !== undefined &&
      pending.attempts < maxCodeAttempts &&
      timingSafeEqual(Buffer.from(pending.code_hash), Buffer.from(expected));
    if (!matches) {
      if (pending)
        await tx.query(sql`update one_time_code set attempts = attempts + 1 where id = ${pending.id}`);
      return null;
    }
    await tx.query(sql`update one_time_code set used_at = now() where id = ${pending.id}`);
    await clearCounters(tx, [keys.pair.key]);
    let account = await findAccountByPhoneHash(tx, phoneHash);
    let created = false;
    if (!account) {
      const [row] = await tx.query<{ id: string }>(
        sql`insert into app_user (kind, display_name, phone_sealed, phone_hash)
            values ('resident', '', ${deps.keyring.seal(phone.value)}, ${phoneHash}) returning id`,
      );
      const id = (row as { id: string }).id;
      await tx.query(sql`insert into role_grant (user_id, role) values (${id}, 'resident')`);
      account = await findAccountByPhoneHash(tx, phoneHash);
      created = true;
    }
    if (!account || account.disabled) return null;
    const session = await createSession(
      tx,
      account.id,
      'active',
      deps.config.sessionIdleMinutes,
      input.device,
    );
    const actor = {
      userId: account.id,
      label: account.username ?? `resident:${account.id.slice(0, 8)}`,
      organisationId: null,
    };
    if (created) {
      await appendAudit(tx, {
        actor,
        action: 'user.create',
        object: { type: 'user', id: account.id },
        outcome: 'success',
        sourceAddress: input.address,
        detail: { kind: 'resident', via: 'sms_code' },
      });
    }
    await appendAudit(tx, {
      actor,
      action: 'login.success',
      outcome: 'success',
      sourceAddress: input.address,
      detail: { method: 'sms_code' },
    });
    return { token: session.token, created };
  });

  if (result === null) {
    await countFailedAttempt(deps.db, keys, {
      actor: anonymousActor,
      action: 'login.failure',
      sourceAddress: input.address,
      detail: { reason: 'bad_code', method: 'sms_code' },
    });
    return invalid;
  }
  return { outcome: 'signedIn', token: result.token, next: 'done', created: result.created };
}
