import type { FollowUpOutcome } from '../../fitting/index.ts';

/** What fitting follow-ups found in one ISO 9999 class: fitting's `FollowUpOutcome`, summed over districts. */
export type FollowUpSum = Omit<FollowUpOutcome, 'districtCode'>;

/** The counts of a follow-up outcome, in the order tables and evidence show them. */
export const followUpCounts = [
  'followedUp',
  'abandoned',
  'discomfort',
  'poorFit',
  'broken',
  'noLongerNeeded',
  'repairNeeded',
] as const satisfies readonly Exclude<keyof FollowUpSum, 'isoClass'>[];
export type FollowUpCount = (typeof followUpCounts)[number];

/** Each count added up over some outcomes (districts of a class, classes of a topic). */
export function sumFollowUps(
  outcomes: readonly Pick<FollowUpSum, FollowUpCount>[],
): Record<FollowUpCount, number> {
  const sums = Object.fromEntries(followUpCounts.map((name) => [name, 0])) as Record<FollowUpCount, number>;
  for (const outcome of outcomes) for (const name of followUpCounts) sums[name] += outcome[name];
  return sums;
}
