import { type Queryable, sql } from '../../platform/db/index.ts';

/**
 * What fitting follow-ups say about unmet need, per ISO 9999 class (the
 * first four digits of the subsidy item code) and district: how many fitted
 * people were followed up, how many had given the product up by their latest
 * follow-up, and how many reported each problem. The need analytics shows it
 * beside the survey's figures, labelled as coming from fitting cases.
 */
export interface FollowUpOutcome {
  readonly isoClass: string;
  readonly districtCode: string;
  /** Cases with at least one follow-up done. */
  readonly followedUp: number;
  /** Cases whose latest follow-up found the product not in use. */
  readonly abandoned: number;
  readonly discomfort: number;
  readonly poorFit: number;
  readonly broken: number;
  readonly noLongerNeeded: number;
  readonly repairNeeded: number;
}

export async function followUpOutcomes(db: Queryable): Promise<FollowUpOutcome[]> {
  const rows = await db.query<{
    iso_class: string;
    district_code: string;
    followed_up: number;
    abandoned: number;
    discomfort: number;
    poor_fit: number;
    broken: number;
    no_longer_needed: number;
    repair_needed: number;
  }>(
    sql`with done as (
          select f.case_id, f.in_use, f.problems, f.repair_needed,
            row_number() over (partition by f.case_id order by f.month desc) as latest
          from follow_up f where f.done_on is not null
        ), per_case as (
          select case_id,
            bool_or(latest = 1 and in_use = false) as abandoned,
            bool_or('discomfort' = any(problems)) as discomfort,
            bool_or('poor_fit' = any(problems)) as poor_fit,
            bool_or('broken' = any(problems)) as broken,
            bool_or('no_longer_needed' = any(problems)) as no_longer_needed,
            bool_or(coalesce(repair_needed, false)) as repair_needed
          from done group by case_id
        )
        select left(c.item_code, 4) as iso_class, c.district_code,
          count(*)::int as followed_up,
          count(*) filter (where p.abandoned)::int as abandoned,
          count(*) filter (where p.discomfort)::int as discomfort,
          count(*) filter (where p.poor_fit)::int as poor_fit,
          count(*) filter (where p.broken)::int as broken,
          count(*) filter (where p.no_longer_needed)::int as no_longer_needed,
          count(*) filter (where p.repair_needed)::int as repair_needed
        from per_case p join fitting_case c on c.id = p.case_id
        group by 1, 2 order by 1, 2`,
  );
  return rows.map((r) => ({
    isoClass: r.iso_class,
    districtCode: r.district_code,
    followedUp: r.followed_up,
    abandoned: r.abandoned,
    discomfort: r.discomfort,
    poorFit: r.poor_fit,
    broken: r.broken,
    noLongerNeeded: r.no_longer_needed,
    repairNeeded: r.repair_needed,
  }));
}
