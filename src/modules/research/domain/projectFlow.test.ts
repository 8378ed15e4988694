import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allows,
  commandsByStatus,
  commandsFor,
  deriveStatus,
  isPublicStatus,
  type ProjectCommand,
  ProjectFlowError,
  type ProjectPart,
  type ProjectStatus,
  type ProjectStep,
  projectCommands,
  projectParts,
  projectStatuses,
  publicStatuses,
} from './projectFlow.ts';

/** The table as the brief states it, cell by cell, written out independently of the code's table. */
const expected: Readonly<
  Record<ProjectStatus, Readonly<Partial<Record<ProjectCommand, readonly ProjectPart[]>>>>
> = {
  screening: { pass_screening: ['city'], not_accept: ['city'], withdraw: ['team'] },
  expert_review: { record_review: ['city'], not_accept: ['city'], withdraw: ['team'] },
  reserved: { fund: ['city'], stop: ['city'] },
  funded: { start: ['team', 'city'], stop: ['city'] },
  in_progress: {
    add_milestone: ['team'],
    complete_milestone: ['team'],
    complete: ['team', 'city'],
    stop: ['city'],
  },
  completed: {},
  not_accepted: {},
  withdrawn: {},
  stopped: {},
};

const step = (command: ProjectCommand, decision?: 'reserve' | 'not_accept'): ProjectStep =>
  decision === undefined ? { command } : { command, decision };

const journey: ProjectStep[] = [
  step('propose'),
  step('pass_screening'),
  step('record_review', 'reserve'),
  step('fund'),
  step('start'),
  step('add_milestone'),
  step('add_milestone'),
  step('complete_milestone'),
  step('complete_milestone'),
  step('complete'),
];

describe('the project status table', () => {
  it('allows every command exactly where the table says, to exactly the side it names', () => {
    for (const status of projectStatuses)
      for (const command of projectCommands)
        for (const part of projectParts)
          expect(allows(status, part, command), `${status} ${command} ${part}`).toBe(
            expected[status][command]?.includes(part) ?? false,
          );
  });

  it('offers each side its commands in a status, and nothing once a project has ended', () => {
    expect(commandsFor('screening', ['team'])).toEqual(['withdraw']);
    expect(commandsFor('screening', ['city'])).toEqual(['pass_screening', 'not_accept']);
    expect(commandsFor('funded', ['team', 'city'])).toEqual(['start', 'stop']);
    expect(commandsFor('in_progress', [])).toEqual([]);
    for (const status of ['completed', 'not_accepted', 'withdrawn', 'stopped'] as const)
      expect(commandsFor(status, ['team', 'city'])).toEqual([]);
  });

  it('nobody proposes into an existing project', () => {
    for (const status of projectStatuses) expect('propose' in commandsByStatus[status]).toBe(false);
  });

  it('derives every step of the whole journey from the history', () => {
    expect(journey.map((_, i) => deriveStatus(journey.slice(0, i + 1)))).toEqual([
      'screening',
      'expert_review',
      'reserved',
      'funded',
      'in_progress',
      'in_progress',
      'in_progress',
      'in_progress',
      'in_progress',
      'completed',
    ]);
  });

  it('follows the review decision, and the other ways a project ends', () => {
    expect(deriveStatus([step('propose'), step('pass_screening'), step('record_review', 'not_accept')])).toBe(
      'not_accepted',
    );
    expect(deriveStatus([step('propose'), step('not_accept')])).toBe('not_accepted');
    expect(deriveStatus([step('propose'), step('pass_screening'), step('not_accept')])).toBe('not_accepted');
    expect(deriveStatus([step('propose'), step('withdraw')])).toBe('withdrawn');
    expect(deriveStatus([step('propose'), step('pass_screening'), step('withdraw')])).toBe('withdrawn');
    expect(deriveStatus([...journey.slice(0, 3), step('stop')])).toBe('stopped');
    expect(deriveStatus([...journey.slice(0, 4), step('stop')])).toBe('stopped');
    expect(deriveStatus([...journey.slice(0, 6), step('stop')])).toBe('stopped');
  });

  it('refuses a history the table does not allow', () => {
    expect(() => deriveStatus([])).toThrow(ProjectFlowError);
    expect(() => deriveStatus([step('pass_screening')])).toThrow(ProjectFlowError);
    expect(() => deriveStatus([step('propose'), step('propose')])).toThrow(ProjectFlowError);
    expect(() => deriveStatus([step('propose'), step('fund')])).toThrow(ProjectFlowError);
    expect(() => deriveStatus([step('propose'), step('record_review', 'reserve')])).toThrow(ProjectFlowError);
    // Withdrawn only before the pool; stopped only from it on.
    expect(() => deriveStatus([...journey.slice(0, 3), step('withdraw')])).toThrow(ProjectFlowError);
    expect(() => deriveStatus([step('propose'), step('stop')])).toThrow(ProjectFlowError);
    expect(() => deriveStatus([...journey, step('stop')])).toThrow(ProjectFlowError);
    // A review without its decision is no step at all.
    expect(() => deriveStatus([step('propose'), step('pass_screening'), step('record_review')])).toThrow(
      ProjectFlowError,
    );
  });

  it('makes public exactly the pool: reserved, funded, in progress and completed', () => {
    expect(projectStatuses.filter(isPublicStatus)).toEqual([...publicStatuses]);
    expect(publicStatuses).toEqual(['reserved', 'funded', 'in_progress', 'completed']);
  });

  it('derives a status for any history built by following the table (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 30 }), (choices) => {
        const history: ProjectStep[] = [step('propose')];
        let status = deriveStatus(history);
        for (const [choice, reserve] of choices) {
          const open = projectCommands.filter((c) => c in commandsByStatus[status]);
          if (open.length === 0) break;
          const command = open[choice % open.length] as ProjectCommand;
          history.push(
            command === 'record_review' ? step(command, reserve ? 'reserve' : 'not_accept') : step(command),
          );
          status = deriveStatus(history);
        }
        expect(projectStatuses).toContain(status);
      }),
      { numRuns: 500 },
    );
  });
});
