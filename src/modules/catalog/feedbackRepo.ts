import { type Queryable, sql } from '../../platform/db/index.ts';

/** One follow-up's answers about a product, as the fitting workflow records them. */
export interface FollowUpOutcome {
  readonly inUse: boolean;
  readonly productSatisfaction: number;
  readonly serviceSatisfaction: number;
  readonly problems: readonly ('discomfort' | 'poor_fit' | 'broken' | 'no_longer_needed')[];
  readonly repairNeeded: boolean;
}

/** What follow-ups have said about a product so far. */
export interface ProductFeedback {
  readonly followUps: number;
  readonly inUse: number;
  /** Means in tenths (4.3 is 43), null before the first follow-up. */
  readonly productSatisfactionTenths: number | null;
  readonly serviceSatisfactionTenths: number | null;
  readonly problems: {
    readonly discomfort: number;
    readonly poorFit: number;
    readonly broken: number;
    readonly noLongerNeeded: number;
  };
  readonly repairs: number;
}

const count = (outcome: FollowUpOutcome, problem: FollowUpOutcome['problems'][number]) =>
  outcome.problems.includes(problem) ? 1 : 0;

/** Adds one follow-up to the product's tally, in the caller's transaction. */
export async function recordProductFeedback(
  tx: Queryable,
  productId: string,
  outcome: FollowUpOutcome,
): Promise<void> {
  await tx.query(
    sql`insert into product_feedback as f (product_id, follow_ups, in_use, product_satisfaction_sum,
          service_satisfaction_sum, discomfort, poor_fit, broken, no_longer_needed, repairs)
        values (${productId}, 1, ${outcome.inUse ? 1 : 0}, ${outcome.productSatisfaction}, ${outcome.serviceSatisfaction},
          ${count(outcome, 'discomfort')}, ${count(outcome, 'poor_fit')}, ${count(outcome, 'broken')},
          ${count(outcome, 'no_longer_needed')}, ${outcome.repairNeeded ? 1 : 0})
        on conflict (product_id) do update set follow_ups = f.follow_ups + 1, in_use = f.in_use + excluded.in_use,
          product_satisfaction_sum = f.product_satisfaction_sum + excluded.product_satisfaction_sum,
          service_satisfaction_sum = f.service_satisfaction_sum + excluded.service_satisfaction_sum,
          discomfort = f.discomfort + excluded.discomfort, poor_fit = f.poor_fit + excluded.poor_fit,
          broken = f.broken + excluded.broken, no_longer_needed = f.no_longer_needed + excluded.no_longer_needed,
          repairs = f.repairs + excluded.repairs, updated_at = now()`,
  );
}

const tenths = (sum: number, n: number) => (n === 0 ? null : Math.round((sum * 10) / n));

export async function productFeedback(db: Queryable, productId: string): Promise<ProductFeedback> {
  const [r] = await db.query<Record<string, number>>(
    sql`select follow_ups, in_use, product_satisfaction_sum, service_satisfaction_sum, discomfort, poor_fit, broken,
          no_longer_needed, repairs from product_feedback where product_id = ${productId}::uuid`,
  );
  const n = Number(r?.follow_ups ?? 0);
  return {
    followUps: n,
    inUse: Number(r?.in_use ?? 0),
    productSatisfactionTenths: tenths(Number(r?.product_satisfaction_sum ?? 0), n),
    serviceSatisfactionTenths: tenths(Number(r?.service_satisfaction_sum ?? 0), n),
    problems: {
      discomfort: Number(r?.discomfort ?? 0),
      poorFit: Number(r?.poor_fit ?? 0),
      broken: Number(r?.broken ?? 0),
      noLongerNeeded: Number(r?.no_longer_needed ?? 0),
    },
    repairs: Number(r?.repairs ?? 0),
  };
}
