import { can } from '../../platform/auth/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { beijingDay } from '../policyCatalogs/index.ts';
import { closeChallenge, insertChallenge, lockChallenge } from './challengeRepo.ts';
import { choiceProblems } from './choices.ts';
import { type ChallengeDraft, challengeProblems } from './domain/challenge.ts';
import type { Problem } from './domain/fields.ts';
import {
  auditWrite,
  notFound,
  organisationTarget,
  type ResearchActor,
  ResearchProblem,
  StaleRecord,
} from './researchActor.ts';

/** Enterprise challenges (企业出题): posted by an organisation, answered by proposals, closed by it. */
export class ChallengeService {
  constructor(private readonly deps: { readonly db: Db; readonly now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Posts a challenge for an organisation the actor may post for (null: their only one). */
  async post(by: ResearchActor, organisationId: string | null, draft: ChallengeDraft): Promise<string> {
    const { db } = this.deps;
    const at = this.now();
    const chosen = await choiceProblems(db, by.actor, 'challenge.post', organisationId, draft.needTopicIds);
    const problems: Problem[] = [...chosen.problems, ...challengeProblems(draft, beijingDay(at))];
    if (problems.length > 0 || chosen.organisationId === null) throw new ResearchProblem(problems);
    const organisation = chosen.organisationId;
    return db.transaction(async (tx) => {
      const id = await insertChallenge(tx, {
        ...draft,
        organisationId: organisation,
        createdBy: by.actor.userId,
        at,
      });
      await auditWrite(
        tx,
        by,
        'challenge.post',
        { type: 'research_challenge', id },
        {
          organisation,
          topics: draft.needTopicIds.length,
          closesOn: draft.closesOn,
        },
      );
      return id;
    });
  }

  /** Closes an open challenge of an organisation the actor may post for: it takes no more proposals. */
  async close(by: ResearchActor, challengeId: string, expectedVersion: number): Promise<void> {
    const { db } = this.deps;
    await db.transaction(async (tx) => {
      const c = await lockChallenge(tx, challengeId);
      if (!c) throw notFound();
      if (!can(by.actor, 'challenge.post', organisationTarget(c.organisationId)))
        throw new HttpError(403, 'forbidden', 'not allowed');
      if (c.version !== expectedVersion) throw new StaleRecord();
      if (c.status !== 'open') throw new HttpError(409, 'conflict', 'the challenge is closed already');
      if (!(await closeChallenge(tx, c, this.now()))) throw new StaleRecord();
      await auditWrite(
        tx,
        by,
        'challenge.close',
        { type: 'research_challenge', id: c.id },
        { status: 'closed' },
      );
    });
  }
}
