import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allows,
  type CaseCommand,
  CaseFlowError,
  caseCommands,
  caseRoles,
  caseStatuses,
  commandsByStatus,
  commandsFor,
  deriveStatus,
} from './caseFlow.ts';

const happyPath: CaseCommand[] = [
  'submit',
  'confirmEligibility',
  'scheduleAssessment',
  'recordAssessment',
  'prescribe',
  'approve',
  'startFitting',
  'recordDelivery',
  'confirmReceipt',
  'recordTraining',
  'recordFollowUp',
  'recordFollowUp',
  'recordFollowUp',
  'close',
];

describe('the case status table', () => {
  it('derives every step of the whole journey from the history', () => {
    const seen = happyPath.map((_, i) => deriveStatus(happyPath.slice(0, i + 1)));
    expect(seen).toEqual([
      'submitted',
      'eligibility_checked',
      'assessment_scheduled',
      'assessed',
      'prescribed',
      'approved',
      'fitting',
      'fitting',
      'delivered',
      'trained',
      'followed_up',
      'followed_up',
      'followed_up',
      'closed',
    ]);
  });

  it('puts an upheld appeal back where the rejection took the case from', () => {
    expect(deriveStatus(['submit', 'reject', 'appeal', 'upholdAppeal'])).toBe('eligibility_checked');
    expect(
      deriveStatus([
        'submit',
        'confirmEligibility',
        'scheduleAssessment',
        'recordAssessment',
        'prescribe',
        'reject',
        'appeal',
        'upholdAppeal',
      ]),
    ).toBe('approved');
    expect(deriveStatus(['submit', 'reject', 'appeal', 'dismissAppeal'])).toBe('closed');
  });

  it('returns for correction and takes the resubmission', () => {
    expect(deriveStatus(['submit', 'returnForCorrection'])).toBe('returned');
    expect(deriveStatus(['submit', 'returnForCorrection', 'resubmit'])).toBe('submitted');
  });

  it('refuses a history the table does not allow', () => {
    expect(() => deriveStatus(['submit', 'approve'])).toThrow(CaseFlowError);
    expect(() => deriveStatus(['confirmEligibility'])).toThrow(CaseFlowError);
    expect(() => deriveStatus([...happyPath, 'withdraw'])).toThrow(CaseFlowError);
  });

  it('lets nothing happen to a closed or withdrawn case', () => {
    for (const status of ['closed', 'withdrawn'] as const)
      for (const role of caseRoles) expect(commandsFor(status, role)).toEqual([]);
  });

  it('gives each step to the role the fitting process names', () => {
    expect(allows('prescribed', 'district_reviewer', 'approve')).toBe(true);
    expect(allows('prescribed', 'assessor', 'approve')).toBe(false);
    expect(allows('prescribed', 'applicant', 'approve')).toBe(false);
    expect(allows('fitting', 'applicant', 'confirmReceipt')).toBe(true);
    expect(allows('fitting', 'supplier', 'confirmReceipt')).toBe(false);
    expect(allows('approved', 'supplier', 'startFitting')).toBe(true);
    expect(allows('appealed', 'district_reviewer', 'upholdAppeal')).toBe(false);
    expect(allows('appealed', 'city_admin', 'upholdAppeal')).toBe(true);
  });

  it('derives a status for any history built by following the table (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (choices) => {
        const history: CaseCommand[] = ['submit'];
        let status = deriveStatus(history);
        for (const choice of choices) {
          const open = caseCommands.filter((c) => c in commandsByStatus[status]);
          if (open.length === 0) break;
          history.push(open[choice % open.length] as CaseCommand);
          status = deriveStatus(history);
        }
        expect(caseStatuses).toContain(status);
      }),
      { numRuns: 500 },
    );
  });
});
