import { parseYuanToFen } from '../../../platform/i18n/index.ts';
import type { DistrictBudget } from '../budgetRepo.ts';
import type { FormProblem } from './commandForm.ts';
import { asList } from './shared.tsx';

/** A district's total as the form writes it: plain yuan with two decimals, no sign, so it reads back as typed. */
export const plainYuan = (fen: number): string =>
  `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** One district's line of the form, as typed, with the version of the budget the form was made from. */
export interface BudgetLine {
  readonly districtCode: string;
  readonly total: string;
  /** Empty when the district had no budget for the year. */
  readonly version: string;
}

/** The lines of a posted form: codes, totals and versions come in the page's order, one of each per district. */
export function budgetLinesOf(body: Readonly<Record<string, unknown>>): BudgetLine[] {
  const codes = asList(body.district);
  const totals = asList(body.total);
  const versions = asList(body.version);
  return codes.map((districtCode, index) => ({
    districtCode,
    total: (totals[index] ?? '').trim(),
    version: (versions[index] ?? '').trim(),
  }));
}

export const totalField = (districtCode: string) => `total-${districtCode}`;

export interface BudgetChange {
  readonly districtCode: string;
  readonly totalFen: number;
  readonly before: DistrictBudget | undefined;
}

/**
 * What the form changes, or its mistakes: an amount that is not one, a
 * total below what approvals have already reserved, or a budget someone
 * changed since the form was shown (its typed total would undo their change).
 * A district left blank that has no budget yet is left alone; an unchanged
 * total is no change.
 */
export function readBudgetForm(
  lines: readonly BudgetLine[],
  budgets: ReadonlyMap<string, DistrictBudget>,
  districtCodes: ReadonlySet<string>,
): { changes: BudgetChange[]; problems: (FormProblem & { reservedFen?: number })[] } {
  const changes: BudgetChange[] = [];
  const problems: (FormProblem & { reservedFen?: number })[] = [];
  for (const line of lines) {
    if (!districtCodes.has(line.districtCode)) continue;
    const before = budgets.get(line.districtCode);
    const field = totalField(line.districtCode);
    if (line.version !== (before === undefined ? '' : String(before.version))) {
      problems.push({ field, key: 'budgetMoved' });
      continue;
    }
    if (line.total === '') {
      if (before !== undefined) problems.push({ field, key: 'required' });
      continue;
    }
    const totalFen = parseYuanToFen(line.total);
    if (totalFen === null) problems.push({ field, key: 'amount' });
    else if (before !== undefined && totalFen < before.reservedFen)
      problems.push({ field, key: 'belowReserved', reservedFen: before.reservedFen });
    else if (totalFen !== before?.totalFen)
      changes.push({ districtCode: line.districtCode, totalFen, before });
  }
  return { changes, problems };
}
