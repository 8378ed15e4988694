import { type AuditEntry, appendAudit, recordAudit } from '../../platform/audit/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { countFailure, type ThrottleKeys, throttleWait } from './throttleRepo.ts';

type Attempt = Pick<AuditEntry, 'actor' | 'action' | 'sourceAddress' | 'detail'>;

/**
 * Before checking a password or a code: when a counter says wait, the attempt
 * is refused unchecked and the refusal audited. Returns the seconds to wait,
 * or null when the attempt may go ahead.
 */
export async function refusedWhileThrottled(
  db: Db,
  keys: ThrottleKeys,
  refusal: Attempt,
): Promise<number | null> {
  const wait = await throttleWait(db, keys, new Date());
  if (wait.ms <= 0) return null;
  const retryAfterSeconds = Math.ceil(wait.ms / 1000);
  await recordAudit(db, {
    ...refusal,
    outcome: 'denied',
    detail: { ...refusal.detail, counter: wait.counter, retryAfterSeconds },
  });
  return retryAfterSeconds;
}

/** A wrong password or code: counted on every counter and audited, together or not at all. */
export async function countFailedAttempt(db: Db, keys: ThrottleKeys, failure: Attempt): Promise<void> {
  await db.transaction(async (tx) => {
    await countFailure(tx, keys, new Date());
    await appendAudit(tx, { ...failure, outcome: 'failure' });
  });
}
