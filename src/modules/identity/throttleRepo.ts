import { type Queryable, sql } from '../../platform/db/index.ts';
import { afterFailure, type ThrottleCounter, type ThrottleRule, waitMs } from './domain/throttle.ts';

interface CounterRow {
  key: string;
  failures: number;
  window_started_at: Date;
  last_failure_at: Date;
  locked_until: Date | null;
}

/**
 * Keys hold no personal data: accounts by user id or a keyed hash, addresses
 * as given by the proxy (an address is needed to throttle by it).
 */
export type ThrottleKeys<Name extends string = string> = Record<Name, { key: string; rule: ThrottleRule }>;

async function counters(db: Queryable, keys: readonly string[]): Promise<Map<string, ThrottleCounter>> {
  const rows = await db.query<CounterRow>(
    sql`select key, failures, window_started_at, last_failure_at, locked_until
        from sign_in_throttle where key = any(${keys})`,
  );
  return new Map(
    rows.map((r) => [
      r.key,
      {
        failures: r.failures,
        windowStartedAt: new Date(r.window_started_at),
        lastFailureAt: new Date(r.last_failure_at),
        lockedUntil: r.locked_until === null ? null : new Date(r.locked_until),
      },
    ]),
  );
}

/** The longest wait any of the counters imposes now, in milliseconds, and which one. */
export async function throttleWait(
  db: Queryable,
  keys: ThrottleKeys,
  now: Date,
): Promise<{ ms: number; counter: string | null }> {
  const found = await counters(
    db,
    Object.values(keys).map((k) => k.key),
  );
  let longest = { ms: 0, counter: null as string | null };
  for (const [name, { key, rule }] of Object.entries(keys)) {
    const ms = waitMs(found.get(key), rule, now);
    if (ms > longest.ms) longest = { ms, counter: name };
  }
  return longest;
}

/** Counts one more failure (or one more code sent) on each counter. */
export async function countFailure(db: Queryable, keys: ThrottleKeys, now: Date): Promise<void> {
  const found = await counters(
    db,
    Object.values(keys).map((k) => k.key),
  );
  for (const { key, rule } of Object.values(keys)) {
    const next = afterFailure(found.get(key), rule, now);
    await db.query(
      sql`insert into sign_in_throttle (key, failures, window_started_at, last_failure_at, locked_until)
          values (${key}, ${next.failures}, ${next.windowStartedAt}, ${next.lastFailureAt}, ${next.lockedUntil})
          on conflict (key) do update set failures = excluded.failures,
            window_started_at = excluded.window_started_at, last_failure_at = excluded.last_failure_at,
            locked_until = excluded.locked_until`,
    );
  }
}

export async function clearCounters(db: Queryable, keys: readonly string[]): Promise<void> {
  await db.query(sql`delete from sign_in_throttle where key = any(${keys})`);
}
