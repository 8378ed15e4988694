/**
 * Admitting a product to a subsidy item (plan task 5): an application with
 * evidence, a panel that declares conflicts and scores, a decision with
 * reasons, a public notice (公示) open to objections, and admission when the
 * notice ends with no objection upheld.
 */
export const admissionStatuses = [
  'applied',
  'under_review',
  'notice',
  'admitted',
  'rejected',
  'objection_upheld',
  'withdrawn',
] as const;
export type AdmissionStatus = (typeof admissionStatuses)[number];

export type AdmissionCommand =
  | 'assignPanel'
  | 'declare'
  | 'score'
  | 'decide'
  | 'object'
  | 'ruleObjection'
  | 'conclude'
  | 'withdraw';

/** The one table of what may happen in each status (DESIGN.md habit 3). */
export const commandsByAdmissionStatus = {
  applied: ['assignPanel', 'withdraw'],
  under_review: ['assignPanel', 'declare', 'score', 'decide', 'withdraw'],
  notice: ['object', 'ruleObjection', 'conclude'],
  admitted: [],
  rejected: [],
  objection_upheld: [],
  withdrawn: [],
} as const satisfies Record<AdmissionStatus, readonly AdmissionCommand[]>;

export function admissionAllows(status: AdmissionStatus, command: AdmissionCommand): boolean {
  return (commandsByAdmissionStatus[status] as readonly AdmissionCommand[]).includes(command);
}

export const criteria = ['maturity', 'safety', 'cost', 'feedback'] as const;
export type Criterion = (typeof criteria)[number];

/** Percent per criterion, summing to 100. */
export type Weights = Readonly<Record<Criterion, number>>;
export type Scores = Readonly<Record<Criterion, number>>;

export function weightsProblem(weights: Weights): 'notInteger' | 'notHundred' | undefined {
  const values = criteria.map((c) => weights[c]);
  if (values.some((v) => !Number.isInteger(v) || v < 0 || v > 100)) return 'notInteger';
  return values.reduce((a, b) => a + b, 0) === 100 ? undefined : 'notHundred';
}

/** One reviewer's weighted score, 0-100, in tenths (integer arithmetic: 1 decimal place shown). */
export function weightedTenths(scores: Scores, weights: Weights): number {
  const sum = criteria.reduce((total, c) => total + scores[c] * weights[c], 0);
  return Math.round(sum / 10);
}

export interface PanelMember {
  readonly hasConflict: boolean | null;
  readonly scores: Scores | null;
}

export interface PanelState {
  /** Members who declared no conflict. */
  readonly eligible: number;
  readonly scored: number;
  readonly recused: number;
  readonly undeclared: number;
  /** The panel's mean weighted score in tenths, over members who scored; null before any score. */
  readonly meanTenths: number | null;
  /** A decision needs `panelSize` members free of conflict who have all scored. */
  readonly readyForDecision: boolean;
}

export function panelState(members: readonly PanelMember[], weights: Weights, panelSize: number): PanelState {
  const scored = members.filter((m) => m.hasConflict === false && m.scores !== null);
  const eligible = members.filter((m) => m.hasConflict === false).length;
  const totals = scored.map((m) => weightedTenths(m.scores as Scores, weights));
  return {
    eligible,
    scored: scored.length,
    recused: members.filter((m) => m.hasConflict === true).length,
    undeclared: members.filter((m) => m.hasConflict === null).length,
    meanTenths: totals.length === 0 ? null : Math.round(totals.reduce((a, b) => a + b, 0) / totals.length),
    readyForDecision:
      scored.length >= panelSize &&
      scored.length === eligible &&
      members.every((m) => m.hasConflict !== null),
  };
}

/**
 * When a notice that starts on a day ends: it is open for `days` full days,
 * so one that starts on 1 Dec for 7 days ends at the close of 7 Dec.
 */
export function noticeEndsOn(startsOn: string, days: number): string {
  const date = new Date(`${startsOn}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days - 1);
  return date.toISOString().slice(0, 10);
}

export type Conclusion = 'admitted' | 'objection_upheld' | 'waitForRulings' | 'noticeStillOpen';

/** What ending a notice gives, from the day (Beijing time) and its objections' rulings. */
export function concludeNotice(
  today: string,
  endsOn: string,
  objections: readonly { readonly status: 'open' | 'upheld' | 'dismissed' }[],
): Conclusion {
  if (objections.some((o) => o.status === 'upheld')) return 'objection_upheld';
  if (today <= endsOn) return 'noticeStillOpen';
  if (objections.some((o) => o.status === 'open')) return 'waitForRulings';
  return 'admitted';
}
