import { type AdmissionStatus, admissionAllows } from '../../domain/admission.ts';

/**
 * Where an application stands, step by step, for the applicant's timeline;
 * and what a panel member still has to do. Pure: the pages only render these.
 */

export const timelineSteps = ['applied', 'panel', 'decision', 'notice', 'outcome'] as const;
export type TimelineStep = (typeof timelineSteps)[number];

/** Each step is done, happening now, still to come, or passed over (a rejection has no notice). */
export type StepState = 'done' | 'current' | 'upcoming' | 'skipped';

type States = Readonly<Record<TimelineStep, StepState>>;

const statesByStatus: Readonly<Record<Exclude<AdmissionStatus, 'withdrawn'>, States>> = {
  applied: {
    applied: 'done',
    panel: 'current',
    decision: 'upcoming',
    notice: 'upcoming',
    outcome: 'upcoming',
  },
  under_review: {
    applied: 'done',
    panel: 'current',
    decision: 'upcoming',
    notice: 'upcoming',
    outcome: 'upcoming',
  },
  notice: { applied: 'done', panel: 'done', decision: 'done', notice: 'current', outcome: 'upcoming' },
  admitted: { applied: 'done', panel: 'done', decision: 'done', notice: 'done', outcome: 'done' },
  objection_upheld: { applied: 'done', panel: 'done', decision: 'done', notice: 'done', outcome: 'done' },
  rejected: { applied: 'done', panel: 'done', decision: 'done', notice: 'skipped', outcome: 'done' },
};

/** The state of each step; a withdrawal ends the application wherever it was. */
export function timelineStates(status: AdmissionStatus, panelAssigned: boolean): States {
  if (status === 'withdrawn')
    return {
      applied: 'done',
      panel: panelAssigned ? 'done' : 'skipped',
      decision: 'skipped',
      notice: 'skipped',
      outcome: 'done',
    };
  return statesByStatus[status];
}

/** A panel member's part in one review. */
export type ReviewerTask = 'declare' | 'score' | 'done' | 'recused' | 'closed';

export function reviewerTask(
  status: AdmissionStatus,
  seat: { hasConflict: boolean | null; scored: boolean },
): ReviewerTask {
  if (seat.hasConflict === true) return 'recused';
  if (seat.scored) return 'done';
  if (seat.hasConflict === null && admissionAllows(status, 'declare')) return 'declare';
  if (seat.hasConflict === false && admissionAllows(status, 'score')) return 'score';
  return 'closed';
}
