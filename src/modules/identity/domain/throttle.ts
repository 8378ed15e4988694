/**
 * Sign-in failure handling (SECURITY.md 2), as pure rules over counters.
 *
 * Three counters, so that the lock cannot be turned against everyone:
 * - one account from one address: 5 failures in 15 minutes lock that pair for 15 minutes;
 * - one address across accounts: 30 failures lock the address (a spray across many accounts);
 * - one account from anywhere: after 5 failures each further try must wait
 *   longer (1 s, 2 s, 4 s… up to a minute), which slows a distributed guess
 *   without ever locking the owner out from their own address.
 */
export interface ThrottleCounter {
  readonly failures: number;
  readonly windowStartedAt: Date;
  readonly lastFailureAt: Date;
  readonly lockedUntil: Date | null;
}

export interface ThrottleRule {
  readonly maxFailures: number;
  readonly windowMs: number;
  /** Lock length once maxFailures is reached; 0 means "growing delay" instead of a lock. */
  readonly lockMs: number;
}

const minutes = (n: number) => n * 60_000;

export const signInRules = {
  pair: { maxFailures: 5, windowMs: minutes(15), lockMs: minutes(15) },
  address: { maxFailures: 30, windowMs: minutes(15), lockMs: minutes(15) },
  account: { maxFailures: 5, windowMs: minutes(15), lockMs: 0 },
} as const satisfies Record<string, ThrottleRule>;

/** One-time codes: per phone one a minute and five an hour; per address twenty an hour. */
export const codeRules = {
  phoneMinute: { maxFailures: 1, windowMs: minutes(1), lockMs: minutes(1) },
  phoneHour: { maxFailures: 5, windowMs: minutes(60), lockMs: minutes(60) },
  address: { maxFailures: 20, windowMs: minutes(60), lockMs: minutes(60) },
} as const satisfies Record<string, ThrottleRule>;

const maxDelayMs = 60_000;

/** Milliseconds until this counter lets another attempt through; 0 when it does now. */
export function waitMs(counter: ThrottleCounter | undefined, rule: ThrottleRule, now: Date): number {
  if (!counter) return 0;
  if (now.getTime() - counter.windowStartedAt.getTime() > rule.windowMs && !isLocked(counter, now)) return 0;
  if (rule.lockMs > 0)
    return isLocked(counter, now) ? (counter.lockedUntil as Date).getTime() - now.getTime() : 0;
  if (counter.failures < rule.maxFailures) return 0;
  const delay = Math.min(1000 * 2 ** (counter.failures - rule.maxFailures), maxDelayMs);
  return Math.max(0, counter.lastFailureAt.getTime() + delay - now.getTime());
}

const isLocked = (counter: ThrottleCounter, now: Date) =>
  counter.lockedUntil !== null && counter.lockedUntil.getTime() > now.getTime();

/** The counter after one more failure (or one more code sent). */
export function afterFailure(
  counter: ThrottleCounter | undefined,
  rule: ThrottleRule,
  now: Date,
): ThrottleCounter {
  const fresh = !counter || now.getTime() - counter.windowStartedAt.getTime() > rule.windowMs;
  const failures = fresh ? 1 : counter.failures + 1;
  const windowStartedAt = fresh ? now : counter.windowStartedAt;
  const lockedUntil =
    rule.lockMs > 0 && failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : null;
  return { failures, windowStartedAt, lastFailureAt: now, lockedUntil };
}
