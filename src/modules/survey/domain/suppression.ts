/**
 * Small-cell suppression of published counts, so that no figure of the need
 * analytics points at a handful of people:
 *
 * - primary: a count from 1 to 4 is not shown (it reads "<5"); 0 is shown;
 * - secondary: where a shown total is the sum of some counts (a column and
 *   its total row, a=b+c such as need = met + unmet), a suppressed count must
 *   not be the only one hidden, or it is the total less the others. The
 *   smallest other count above 0 is hidden with it (it reads "*"), and this is
 *   repeated until every such sum hides none or at least two of its counts;
 * - a share is shown only when both its counts are shown: a percentage of a
 *   known total is the count itself.
 *
 * Counts are named by keys the caller chooses; the same key is suppressed the
 * same way wherever it is shown, on the page, in the downloads and the API.
 */

/** The smallest count shown. */
export const minimumCount = 5;

/** shown: the count; small: 1-4, withheld; hidden: withheld so a small count cannot be worked out. */
export type Suppression = 'shown' | 'small' | 'hidden';

/** `total` is the sum of `parts` (exactly: an inexact sum would hide too little). */
export interface SumConstraint {
  readonly total: string;
  readonly parts: readonly string[];
}

export interface Suppressed {
  /** How a count is shown; an unknown key counts as 0, shown. */
  suppression(key: string): Suppression;
  /** The count, or null when it is withheld. */
  count(key: string): number | null;
  /** `part` as a percentage of `whole`; null when either is withheld or the whole is 0. */
  percent(part: string, whole: string): number | null;
}

export const isSmall = (count: number): boolean => count > 0 && count < minimumCount;

export function suppress(
  counts: ReadonlyMap<string, number>,
  constraints: readonly SumConstraint[],
): Suppressed {
  const value = (key: string) => counts.get(key) ?? 0;
  const withheld = new Map<string, Suppression>();
  for (const [key, count] of counts) if (isSmall(count)) withheld.set(key, 'small');

  // Each pass hides at most one more count per sum; hiding only grows, so this ends.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts } of constraints) {
      if (withheld.has(total)) continue;
      const hidden = parts.filter((part) => withheld.has(part));
      if (hidden.length !== 1) continue;
      const next = parts
        .filter((part) => !withheld.has(part) && value(part) > 0)
        .sort((a, b) => value(a) - value(b) || (a < b ? -1 : a > b ? 1 : 0))[0];
      withheld.set(next ?? total, 'hidden');
      changed = true;
    }
  }

  const suppression = (key: string): Suppression => withheld.get(key) ?? 'shown';
  const count = (key: string) => (withheld.has(key) ? null : value(key));
  return {
    suppression,
    count,
    percent(part, whole) {
      const numerator = count(part);
      const denominator = count(whole);
      if (numerator === null || denominator === null || denominator === 0) return null;
      return (numerator / denominator) * 100;
    },
  };
}
