/**
 * A research project in the reserve pool (科技计划项目储备库) as a state
 * machine (DESIGN.md habit 3): its status is derived from its append-only
 * list of commands, and what may happen next in each status, and by which
 * side, is the one table below. A proposal is screened for form, reviewed by
 * experts, reserved, funded, carried out against milestones and completed
 * with its results; or it is not accepted, withdrawn by its team, or stopped
 * by the city.
 */
export const projectStatuses = [
  'screening',
  'expert_review',
  'reserved',
  'funded',
  'in_progress',
  'completed',
  'not_accepted',
  'withdrawn',
  'stopped',
] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

/** Statuses anyone may see: the reserve pool the city publishes. The others stay with the team and the city. */
export const publicStatuses = [
  'reserved',
  'funded',
  'in_progress',
  'completed',
] as const satisfies readonly ProjectStatus[];
export type PublicStatus = (typeof publicStatuses)[number];

export const isPublicStatus = (status: ProjectStatus): status is PublicStatus =>
  (publicStatuses as readonly ProjectStatus[]).includes(status);

export const projectCommands = [
  'propose',
  'pass_screening',
  'not_accept',
  'record_review',
  'fund',
  'start',
  'add_milestone',
  'complete_milestone',
  'complete',
  'stop',
  'withdraw',
] as const;
export type ProjectCommand = (typeof projectCommands)[number];

/**
 * The two sides of a project: the team (users of the proposing organisation
 * who may propose projects) and the city (who manages the reserve pool).
 */
export const projectParts = ['team', 'city'] as const;
export type ProjectPart = (typeof projectParts)[number];

/** What the experts decided: into the reserve pool, or not. */
export const reviewDecisions = ['reserve', 'not_accept'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

type Allowed = Readonly<Partial<Record<ProjectCommand, readonly ProjectPart[]>>>;

const team = ['team'] as const;
const city = ['city'] as const;
const either = ['team', 'city'] as const;

/** The one table: in each status, which commands may be given, and by which side. */
export const commandsByStatus = {
  screening: { pass_screening: city, not_accept: city, withdraw: team },
  expert_review: { record_review: city, not_accept: city, withdraw: team },
  reserved: { fund: city, stop: city },
  funded: { start: either, stop: city },
  in_progress: { add_milestone: team, complete_milestone: team, complete: either, stop: city },
  completed: {},
  not_accepted: {},
  withdrawn: {},
  stopped: {},
} as const satisfies Record<ProjectStatus, Allowed>;

/** Where each command leads; null: it records something and the status stays. record_review depends on its decision. */
const statusAfterCommand = {
  propose: 'screening',
  pass_screening: 'expert_review',
  not_accept: 'not_accepted',
  record_review: null,
  fund: 'funded',
  start: 'in_progress',
  add_milestone: null,
  complete_milestone: null,
  complete: 'completed',
  stop: 'stopped',
  withdraw: 'withdrawn',
} as const satisfies Record<ProjectCommand, ProjectStatus | null>;

/** One entry of a project's history: the command, and the experts' decision when it is a review. */
export interface ProjectStep {
  readonly command: ProjectCommand;
  readonly decision?: ReviewDecision | undefined;
}

export function commandsFor(status: ProjectStatus, parts: readonly ProjectPart[]): ProjectCommand[] {
  const allowed: Allowed = commandsByStatus[status];
  return projectCommands.filter((command) => parts.some((part) => allowed[command]?.includes(part)));
}

export function allows(status: ProjectStatus, part: ProjectPart, command: ProjectCommand): boolean {
  const allowed: Allowed = commandsByStatus[status];
  return allowed[command]?.includes(part) ?? false;
}

export class ProjectFlowError extends Error {
  constructor(
    readonly command: ProjectCommand,
    readonly status: ProjectStatus | null,
  ) {
    super(`${command} is not allowed in ${status ?? 'no status'}`);
    this.name = 'ProjectFlowError';
  }
}

/** The status a step leads to from `current`; a review without its decision is no step at all. */
export function statusAfter(step: ProjectStep, current: ProjectStatus): ProjectStatus {
  if (step.command === 'record_review') {
    if (step.decision === undefined) throw new ProjectFlowError(step.command, current);
    return step.decision === 'reserve' ? 'reserved' : 'not_accepted';
  }
  return statusAfterCommand[step.command] ?? current;
}

/**
 * A project's status from its full history, checking each step against the
 * table: a history the table would not allow is an error, not a status. The
 * sides are checked when a command is given, not here, because a user's
 * right to act can change after the fact.
 */
export function deriveStatus(history: readonly ProjectStep[]): ProjectStatus {
  const [first, ...rest] = history;
  if (first?.command !== 'propose') throw new ProjectFlowError(first?.command ?? 'propose', null);
  let status: ProjectStatus = 'screening';
  for (const step of rest) {
    const allowed: Allowed = commandsByStatus[status];
    if (allowed[step.command] === undefined) throw new ProjectFlowError(step.command, status);
    status = statusAfter(step, status);
  }
  return status;
}

/**
 * Technology readiness levels (技术就绪水平, GB/T 22900, after NASA's): a project
 * says where its technology stands now and where it will take it. Their
 * words are in the message catalogs (`trl_1` … `trl_9`).
 */
export const trlLevels = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type Trl = (typeof trlLevels)[number];
export const isTrl = (value: number): value is Trl => (trlLevels as readonly number[]).includes(value);
