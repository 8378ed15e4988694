import type { Db, Queryable } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { productSummaries } from '../catalog/index.ts';
import { beijingDay } from '../policyCatalogs/index.ts';
import { findChallenge, lockChallenge } from './challengeRepo.ts';
import { choiceProblems } from './choices.ts';
import { isAccepting } from './domain/challenge.ts';
import { type CommandInput, commandProblems } from './domain/commands.ts';
import type { Problem } from './domain/fields.ts';
import { allows, deriveStatus, type ProjectStep, statusAfter } from './domain/projectFlow.ts';
import { type Proposal, proposalProblems } from './domain/proposal.ts';
import {
  actionsOf,
  advanceProject,
  appendAction,
  completeMilestone,
  insertMilestone,
  insertProject,
  lockProject,
  type ProjectChange,
  type ResearchProject,
} from './projectRepo.ts';
import {
  auditWrite,
  maySeeProject,
  notFound,
  partsOf,
  type ResearchActor,
  ResearchProblem,
  StaleRecord,
} from './researchActor.ts';

export interface ProjectDeps {
  readonly db: Db;
  /** The clock, so the demo can move through a project's months. */
  readonly now?: () => Date;
}

/** A moment after `previous`: two commands in one millisecond still keep their order in the history. */
const after = (now: Date, previous: Date | undefined): Date =>
  previous !== undefined && now.getTime() <= previous.getTime() ? new Date(previous.getTime() + 1) : now;

const stepOf = (a: {
  command: ProjectStep['command'];
  details: Readonly<Record<string, unknown>>;
}): ProjectStep => {
  const decision = a.details.decision;
  return decision === 'reserve' || decision === 'not_accept'
    ? { command: a.command, decision }
    : { command: a.command };
};

/** What one command changes, records and tells the trail, beyond its status. */
interface Effect {
  readonly change?: Omit<ProjectChange, 'status' | 'at'>;
  readonly note: string | null;
  readonly details: Record<string, string | number | boolean | null | readonly string[]>;
  readonly auditDetail?: Record<string, string | number | boolean | null>;
}

/** The reserve pool's commands: each one transaction, one action, one audit row. */
export class ProjectService {
  constructor(private readonly deps: ProjectDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * A team proposes a project (申报) for its organisation: screening starts.
   * `organisationId` may be null when the proposer acts for one organisation only.
   */
  async propose(by: ResearchActor, organisationId: string | null, proposal: Proposal): Promise<string> {
    const { db } = this.deps;
    const at = this.now();
    const chosen = await choiceProblems(
      db,
      by.actor,
      'project.propose',
      organisationId,
      proposal.needTopicIds,
    );
    const problems: Problem[] = [...proposalProblems(proposal), ...chosen.problems];
    if (proposal.challengeId !== null) {
      const challenge = await findChallenge(db, proposal.challengeId);
      if (!challenge || !isAccepting(challenge, beijingDay(at)))
        problems.push({ field: 'challenge', key: 'challengeClosed' });
    }
    if (problems.length > 0 || chosen.organisationId === null) throw new ResearchProblem(problems);
    const organisation = chosen.organisationId;
    return db.transaction(async (tx) => {
      // Again under the challenge's lock: a close that came in meanwhile wins, and the proposal is refused.
      if (proposal.challengeId !== null) {
        const challenge = await lockChallenge(tx, proposal.challengeId);
        if (!challenge || !isAccepting(challenge, beijingDay(at)))
          throw new ResearchProblem([{ field: 'challenge', key: 'challengeClosed' }]);
      }
      const id = await insertProject(tx, {
        ...proposal,
        organisationId: organisation,
        proposedBy: by.actor.userId,
        at,
      });
      await appendAction(tx, id, {
        command: 'propose',
        statusAfter: 'screening',
        part: 'team',
        note: null,
        details: { challengeId: proposal.challengeId, needTopicIds: [...proposal.needTopicIds] },
        actorUserId: by.actor.userId,
        at,
      });
      await auditWrite(
        tx,
        by,
        'project.propose',
        { type: 'research_project', id },
        {
          status: 'screening',
          challenge: proposal.challengeId,
          topics: proposal.needTopicIds.length,
          budgetFen: proposal.budgetFen,
        },
      );
      return id;
    });
  }

  /**
   * Gives one command to a project. The project is locked, the version the
   * caller saw must still be current, the caller must play a side the status
   * table allows, and the command's own checks must pass; then one action,
   * the new status and one audit row are written together.
   */
  async act(
    by: ResearchActor,
    projectId: string,
    expectedVersion: number,
    input: CommandInput,
  ): Promise<ResearchProject> {
    const { db } = this.deps;
    return db.transaction(async (tx) => {
      const p = await lockProject(tx, projectId);
      if (!p || !maySeeProject(by.actor, p)) throw notFound();
      const parts = partsOf(by.actor, p.organisationId);
      if (parts.length === 0) throw new HttpError(403, 'forbidden', 'not allowed');
      if (p.version !== expectedVersion) throw new StaleRecord();
      const part = parts.find((side) => allows(p.status, side, input.command));
      if (part === undefined)
        throw new HttpError(
          409,
          'conflict',
          `a project ${p.status} does not allow ${input.command} by this user`,
        );
      const problems = commandProblems(input);
      if (problems.length > 0) throw new ResearchProblem(problems);
      const history = await actionsOf(tx, p.id);
      const step: ProjectStep =
        input.command === 'record_review'
          ? { command: input.command, decision: input.decision }
          : { command: input.command };
      // The stored status must be the derivation of the history: a mismatch is a fault, never a step.
      const next = statusAfter(step, deriveStatus(history.map(stepOf)));
      const at = after(this.now(), history.at(-1)?.at);
      const effect = await this.run(tx, p, input, at);
      if (!(await advanceProject(tx, p, { ...effect.change, status: next, at }))) throw new StaleRecord();
      await appendAction(tx, p.id, {
        command: input.command,
        statusAfter: next,
        part,
        note: effect.note,
        details: effect.details,
        actorUserId: by.actor.userId,
        at,
      });
      await auditWrite(
        tx,
        by,
        `project.${input.command}`,
        { type: 'research_project', id: p.id },
        {
          status: next,
          part,
          ...effect.auditDetail,
        },
      );
      const moved = await lockProject(tx, p.id);
      if (!moved) throw new Error('project vanished inside its transaction');
      return moved;
    });
  }

  private async run(tx: Queryable, p: ResearchProject, input: CommandInput, at: Date): Promise<Effect> {
    switch (input.command) {
      case 'pass_screening':
        return { note: input.note || null, details: {} };
      case 'not_accept':
      case 'stop':
      case 'withdraw':
        return { note: input.reason || null, details: {} };
      case 'record_review':
        return {
          note: input.opinion,
          details: { score: input.score, decision: input.decision },
          auditDetail: { score: input.score, decision: input.decision },
        };
      case 'fund':
        return {
          change: { fundingSource: input.source, fundedFen: input.amountFen },
          note: null,
          details: { source: input.source, amountFen: input.amountFen },
          auditDetail: { amountFen: input.amountFen },
        };
      case 'start':
        return { note: null, details: {} };
      case 'add_milestone': {
        const id = await insertMilestone(tx, p.id, { title: input.title, dueOn: input.dueOn, at });
        return { note: null, details: { milestoneId: id, title: input.title, dueOn: input.dueOn } };
      }
      case 'complete_milestone': {
        const doneOn = beijingDay(at);
        const done = await completeMilestone(tx, p.id, input.milestoneId, {
          doneOn,
          note: input.note || null,
        });
        if (!done) throw new ResearchProblem([{ field: 'milestone', key: 'milestoneUnknown' }]);
        return { note: input.note || null, details: { milestoneId: input.milestoneId, doneOn } };
      }
      case 'complete': {
        const productIds = [...new Set(input.productIds)];
        const products = await productSummaries(tx, productIds);
        if (productIds.some((id) => products.get(id)?.published !== true))
          throw new ResearchProblem([{ field: 'products', key: 'productUnknown' }]);
        return {
          change: {
            resultProductIds: productIds,
            resultPatents: input.patents || null,
            resultStandards: input.standards || null,
          },
          note: input.summary,
          details: { productIds },
          auditDetail: {
            products: productIds.length,
            patents: input.patents !== '',
            standards: input.standards !== '',
          },
        };
      }
    }
  }
}
