/**
 * The fitting-subsidy case as a state machine (DESIGN.md habit 3, after
 * OpenCRVS): a case's status is derived from its append-only list of
 * commands, and what may happen next in each status, and by whom, is the one
 * table below. The steps follow the WHO wheelchair-service steps and the
 * Jiangsu procedure in DOMAIN.md: application, eligibility, assessment,
 * prescription, approval, fitting and delivery, training, follow-up.
 */
export const caseStatuses = [
  'submitted',
  'returned',
  'eligibility_checked',
  'assessment_scheduled',
  'assessed',
  'prescribed',
  'approved',
  'rejected',
  'appealed',
  'fitting',
  'delivered',
  'trained',
  'followed_up',
  'closed',
  'withdrawn',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const caseCommands = [
  'submit',
  'confirmEligibility',
  'returnForCorrection',
  'resubmit',
  'scheduleAssessment',
  'recordAssessment',
  'prescribe',
  'approve',
  'reject',
  'appeal',
  'upholdAppeal',
  'dismissAppeal',
  'startFitting',
  'recordDelivery',
  'confirmReceipt',
  'recordTraining',
  'recordFollowUp',
  'close',
  'withdraw',
] as const;
export type CaseCommand = (typeof caseCommands)[number];

/**
 * How an actor stands to a case. The applicant is the person (signed in as
 * themselves); a community worker may also do what the applicant does, on
 * their behalf. A supplier acts only on cases whose prescribed product is theirs.
 */
export const caseRoles = [
  'applicant',
  'community_worker',
  'assessor',
  'district_reviewer',
  'supplier',
  'city_admin',
] as const;
export type CaseRole = (typeof caseRoles)[number];

type Allowed = Readonly<Partial<Record<CaseCommand, readonly CaseRole[]>>>;

const applicantSide = ['applicant', 'community_worker'] as const;
const districtSide = ['community_worker', 'district_reviewer'] as const;

/** The one table: in each status, which commands may be given, and by whom. */
export const commandsByStatus = {
  submitted: {
    confirmEligibility: districtSide,
    returnForCorrection: districtSide,
    reject: ['district_reviewer'],
    withdraw: applicantSide,
  },
  returned: { resubmit: applicantSide, withdraw: applicantSide },
  eligibility_checked: {
    scheduleAssessment: ['assessor'],
    returnForCorrection: districtSide,
    withdraw: applicantSide,
  },
  assessment_scheduled: { recordAssessment: ['assessor'], withdraw: applicantSide },
  assessed: { prescribe: ['assessor'], withdraw: applicantSide },
  prescribed: { approve: ['district_reviewer'], reject: ['district_reviewer'], withdraw: applicantSide },
  approved: { startFitting: ['supplier'], withdraw: applicantSide },
  rejected: { appeal: applicantSide },
  appealed: { upholdAppeal: ['city_admin'], dismissAppeal: ['city_admin'] },
  fitting: { recordDelivery: ['supplier'], confirmReceipt: applicantSide },
  delivered: { recordTraining: ['supplier'] },
  trained: { recordFollowUp: ['applicant', 'community_worker', 'assessor'] },
  followed_up: {
    recordFollowUp: ['applicant', 'community_worker', 'assessor'],
    close: ['district_reviewer'],
  },
  closed: {},
  withdrawn: {},
} as const satisfies Record<CaseStatus, Allowed>;

/** Commands that move a case on; the rest record something and leave the status as it was. */
const statusAfterCommand = {
  submit: 'submitted',
  confirmEligibility: 'eligibility_checked',
  returnForCorrection: 'returned',
  resubmit: 'submitted',
  scheduleAssessment: 'assessment_scheduled',
  recordAssessment: 'assessed',
  prescribe: 'prescribed',
  approve: 'approved',
  reject: 'rejected',
  appeal: 'appealed',
  upholdAppeal: null,
  dismissAppeal: 'closed',
  startFitting: 'fitting',
  recordDelivery: null,
  confirmReceipt: 'delivered',
  recordTraining: 'trained',
  recordFollowUp: 'followed_up',
  close: 'closed',
  withdraw: 'withdrawn',
} as const satisfies Record<CaseCommand, CaseStatus | null>;

export function commandsFor(status: CaseStatus, role: CaseRole): CaseCommand[] {
  const allowed: Allowed = commandsByStatus[status];
  return caseCommands.filter((command) => allowed[command]?.includes(role) ?? false);
}

export function allows(status: CaseStatus, role: CaseRole, command: CaseCommand): boolean {
  const allowed: Allowed = commandsByStatus[status];
  return allowed[command]?.includes(role) ?? false;
}

/**
 * The status a command leads to, given the commands before it. An upheld
 * appeal puts the case back where the rejection took it from: approval if
 * it had been prescribed, otherwise the eligibility step the rejection
 * refused.
 */
export function statusAfter(
  history: readonly CaseCommand[],
  command: CaseCommand,
  current: CaseStatus,
): CaseStatus {
  if (command === 'upholdAppeal') return history.includes('prescribe') ? 'approved' : 'eligibility_checked';
  return statusAfterCommand[command] ?? current;
}

export class CaseFlowError extends Error {
  constructor(
    readonly command: CaseCommand,
    readonly status: CaseStatus | null,
  ) {
    super(`${command} is not allowed in ${status ?? 'no status'}`);
    this.name = 'CaseFlowError';
  }
}

/**
 * A case's status from its full history, checking each step against the
 * table as it goes: a history the table would not allow is an error, not a
 * status. The roles are checked when a command is given, not here, because
 * a role's right to act can change after the fact.
 */
export function deriveStatus(history: readonly CaseCommand[]): CaseStatus {
  const [first, ...rest] = history;
  if (first !== 'submit') throw new CaseFlowError(first ?? 'submit', null);
  let status: CaseStatus = 'submitted';
  const seen: CaseCommand[] = [first];
  for (const command of rest) {
    const allowed: Allowed = commandsByStatus[status];
    if (allowed[command] === undefined) throw new CaseFlowError(command, status);
    status = statusAfter(seen, command, status);
    seen.push(command);
  }
  return status;
}

/** Statuses a reserved budget is held in: released when the case leaves them for withdrawn. */
export const budgetHeldStatuses: ReadonlySet<CaseStatus> = new Set([
  'approved',
  'fitting',
  'delivered',
  'trained',
  'followed_up',
  'closed',
]);
