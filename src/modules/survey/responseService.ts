import { appendAudit, recordAudit } from '../../platform/audit/index.ts';
import { auditActor, can, type SignedInActor, type Target } from '../../platform/auth/index.ts';
import type { Keyring } from '../../platform/crypto/index.ts';
import type { Db, Queryable } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { type Campaign, campaignById, takesAnswers } from './campaignRepo.ts';
import { answersBefore, categoryTargeted } from './domain/answerForm.ts';
import type { Demographics } from './domain/demographics.ts';
import { type Answers, keepShownAnswers, missingRequired, type Question } from './domain/questionnaire.ts';
import {
  insertResponse,
  lockResponse,
  markSubmitted,
  paperCountOn,
  type ResponseMode,
  responseOfRespondent,
  type SurveyResponse,
  saveAnswers,
} from './responseRepo.ts';
import { countResponse } from './tallyRepo.ts';

/** Who acts, and from where (for the audit trail). */
export interface ResponseActor {
  readonly actor: SignedInActor;
  readonly sourceAddress: string | null;
}

export type ResponseProblemCode =
  /** The campaign takes no answers today (a draft, closed, or outside its period). */
  | 'closed'
  /** The person's district or disability category is not among the campaign's targets. */
  | 'notTargeted'
  /** The response was submitted already: it is read-only. */
  | 'submitted'
  /** Required questions are unanswered (`missing` names them). */
  | 'missing';

/** Why a response cannot be started, changed or submitted, for the page to explain. */
export class ResponseProblem extends Error {
  constructor(
    readonly code: ResponseProblemCode,
    readonly missing: readonly Question[] = [],
  ) {
    super(code);
    this.name = 'ResponseProblem';
  }
}

export interface ResponseDeps {
  readonly db: Db;
  readonly keyring: Keyring;
  /** The clock, so tests can answer a campaign on a given day. */
  readonly now?: () => Date;
}

/** What the access policy sees of a response: its district, and its respondent's account. */
export const responseTarget = (response: Pick<SurveyResponse, 'who' | 'respondentUserId'>): Target => ({
  districtCodes: [response.who.districtCode],
  ownerUserId: response.respondentUserId,
});

const notFound = () => new HttpError(404, 'not_found', 'not found');

/** The day in Xi'an (the campaign's period is in the city's days). */
const beijingDay = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Responses to the needs survey: started by a resident for themselves or by a
 * community worker (for a registered person, anonymously, or from a paper
 * form), saved a section at a time, and submitted into the campaign's tallies.
 * Each change is one transaction with exactly one audit row; answers are
 * sealed at rest (health data).
 */
export class ResponseService {
  readonly #db: Db;
  readonly #keyring: Keyring;
  readonly #now: () => Date;

  constructor(deps: ResponseDeps) {
    this.#db = deps.db;
    this.#keyring = deps.keyring;
    this.#now = deps.now ?? (() => new Date());
  }

  /** Today in Xi'an. */
  today(): string {
    return beijingDay(this.#now());
  }

  answersOf(response: Pick<SurveyResponse, 'answersSealed'>): Answers {
    return JSON.parse(this.#keyring.open(response.answersSealed)) as Answers;
  }

  #seal(answers: Answers): string {
    return this.#keyring.seal(JSON.stringify(answers));
  }

  /** The campaign takes answers today, from someone of this district and category. */
  #admit(campaign: Campaign, who: Demographics): void {
    if (!takesAnswers(campaign, this.today())) throw new ResponseProblem('closed');
    if (
      !campaign.districtCodes.includes(who.districtCode) ||
      !categoryTargeted(campaign.disabilityCategories, who.disabilityCategory)
    )
      throw new ResponseProblem('notTargeted');
  }

  #audit(
    tx: Queryable,
    by: ResponseActor,
    action: string,
    responseId: string,
    detail: Record<string, string | number>,
  ) {
    return appendAudit(tx, {
      actor: auditActor(by.actor),
      action,
      object: { type: 'survey_response', id: responseId },
      outcome: 'success',
      sourceAddress: by.sourceAddress,
      detail,
    });
  }

  /**
   * Adds a response, or finds the one the person or account already has for
   * the campaign (whoever started it): `created` says which.
   */
  async #start(
    by: ResponseActor,
    campaign: Campaign,
    fields: {
      mode: ResponseMode;
      personId: string | null;
      respondentUserId: string | null;
      who: Demographics;
    },
  ): Promise<{ response: SurveyResponse; created: boolean }> {
    this.#admit(campaign, fields.who);
    return this.#db.transaction(async (tx) => {
      const id = await insertResponse(tx, {
        campaignId: campaign.id,
        status: 'in_progress',
        enteredBy: by.actor.userId,
        answersSealed: this.#seal({}),
        ...fields,
      });
      if (id === null) {
        const existing = await responseOfRespondent(tx, campaign.id, {
          userId: fields.respondentUserId,
          personId: fields.personId,
        });
        if (existing === null) throw new Error('a response conflicted with one that cannot be found');
        return { response: existing, created: false };
      }
      await this.#audit(tx, by, 'survey.response_start', id, {
        campaignId: campaign.id,
        mode: fields.mode,
        ...(fields.personId === null ? {} : { personId: fields.personId }),
      });
      const created = await lockResponse(tx, id);
      if (created === null) throw new Error('a response just added cannot be found');
      return { response: created, created: true };
    });
  }

  /** A resident answers for themselves; `personId` links their registry record when they have one. */
  async startOwn(by: ResponseActor, campaign: Campaign, who: Demographics, personId: string | null) {
    if (by.actor.userKind !== 'resident') throw notFound();
    return this.#start(by, campaign, { mode: 'self', personId, respondentUserId: by.actor.userId, who });
  }

  /**
   * A worker interviews a registered person of their district. The person's
   * own account (if any) is the respondent: they may see what was answered
   * for them, and answering themselves resumes the same response.
   */
  async startProxy(
    by: ResponseActor,
    campaign: Campaign,
    person: { readonly id: string; readonly userId: string | null },
    who: Demographics,
  ) {
    if (
      !can(by.actor, 'survey.answer', { districtCodes: [who.districtCode] }) ||
      by.actor.userKind !== 'staff'
    )
      throw notFound();
    return this.#start(by, campaign, {
      mode: 'proxy',
      personId: person.id,
      respondentUserId: person.userId,
      who,
    });
  }

  /** A worker interviews someone who is not (or will not be) identified: the demographics only. */
  async startAnonymous(by: ResponseActor, campaign: Campaign, who: Demographics): Promise<SurveyResponse> {
    if (
      !can(by.actor, 'survey.answer', { districtCodes: [who.districtCode] }) ||
      by.actor.userKind !== 'staff'
    )
      throw notFound();
    const { response } = await this.#start(by, campaign, {
      mode: 'anonymous',
      personId: null,
      respondentUserId: null,
      who,
    });
    return response;
  }

  /** The response locked for this actor (404 when out of their reach), and its campaign. */
  async #locked(tx: Queryable, by: ResponseActor, responseId: string) {
    const response = await lockResponse(tx, responseId);
    if (response === null || !can(by.actor, 'survey.answer', responseTarget(response))) throw notFound();
    const campaign = await campaignById(tx, response.campaignId);
    if (campaign === null) throw notFound();
    return { response, campaign };
  }

  /** Answers change only in a response not yet submitted, while its campaign takes answers. */
  #mayChange(response: SurveyResponse, campaign: Campaign): void {
    if (response.status === 'submitted') throw new ResponseProblem('submitted');
    if (!takesAnswers(campaign, this.today())) throw new ResponseProblem('closed');
  }

  /**
   * Stores one section's answers (replacing what the section held) and where
   * to resume. Answers that no longer apply, because an earlier answer
   * changed, are dropped with them.
   */
  async saveSection(
    by: ResponseActor,
    responseId: string,
    sectionIndex: number,
    sectionAnswers: Answers,
    resumeSection: number,
  ): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const { response, campaign } = await this.#locked(tx, by, responseId);
      this.#mayChange(response, campaign);
      const questionnaire = campaign.questionnaire;
      const section = questionnaire.sections[sectionIndex];
      if (section === undefined) throw notFound();
      const own = new Set(section.questions.map((q) => q.id));
      const given = Object.fromEntries(Object.entries(sectionAnswers).filter(([id]) => own.has(id)));
      const merged = keepShownAnswers(questionnaire, {
        ...answersBefore(section, this.answersOf(response)),
        ...given,
      });
      const resumeAt = Math.max(0, Math.min(resumeSection, questionnaire.sections.length));
      await saveAnswers(tx, response.id, this.#seal(merged), resumeAt);
      await this.#audit(tx, by, 'survey.response_save', response.id, { section: section.id });
    });
  }

  /**
   * Submits a response: only what its answers lead to is kept, every required
   * question must be answered, and it is counted into the campaign's tallies
   * in the same transaction. Submitting twice is submitting once.
   */
  async submit(by: ResponseActor, responseId: string): Promise<'submitted' | 'already'> {
    return this.#db.transaction(async (tx) => {
      const { response, campaign } = await this.#locked(tx, by, responseId);
      if (response.status === 'submitted') return 'already';
      this.#mayChange(response, campaign);
      const kept = keepShownAnswers(campaign.questionnaire, this.answersOf(response));
      const missing = missingRequired(campaign.questionnaire, kept);
      if (missing.length > 0) throw new ResponseProblem('missing', missing);
      await markSubmitted(tx, response.id, this.#seal(kept));
      await countResponse(tx, campaign.id, response.who, kept);
      await this.#audit(tx, by, 'survey.response_submit', response.id, {
        campaignId: campaign.id,
        mode: response.mode,
      });
      return 'submitted';
    });
  }

  /** A keyed-in paper form, stored submitted and counted at once. */
  async enterPaper(
    by: ResponseActor,
    campaign: Campaign,
    who: Demographics,
    answers: Answers,
  ): Promise<string> {
    if (
      !can(by.actor, 'survey.answer', { districtCodes: [who.districtCode] }) ||
      by.actor.userKind !== 'staff'
    )
      throw notFound();
    this.#admit(campaign, who);
    const kept = keepShownAnswers(campaign.questionnaire, answers);
    const missing = missingRequired(campaign.questionnaire, kept);
    if (missing.length > 0) throw new ResponseProblem('missing', missing);
    return this.#db.transaction(async (tx) => {
      const id = await insertResponse(tx, {
        campaignId: campaign.id,
        status: 'submitted',
        mode: 'paper',
        personId: null,
        respondentUserId: null,
        enteredBy: by.actor.userId,
        who,
        answersSealed: this.#seal(kept),
      });
      if (id === null) throw new Error('a paper response without a person conflicted');
      await countResponse(tx, campaign.id, who, kept);
      await this.#audit(tx, by, 'survey.response_submit', id, { campaignId: campaign.id, mode: 'paper' });
      return id;
    });
  }

  /** How many paper forms the worker keyed in for the campaign today. */
  paperCountToday(by: ResponseActor, campaignId: string): Promise<number> {
    return paperCountOn(this.#db, campaignId, by.actor.userId, this.today());
  }

  /**
   * Staff opened the answers of a response that names someone (an interview
   * of a registered person, or a resident's own): one audit row.
   */
  async recordRead(by: ResponseActor, response: SurveyResponse): Promise<void> {
    if (by.actor.userKind !== 'staff' || (response.personId === null && response.respondentUserId === null))
      return;
    await recordAudit(this.#db, {
      actor: auditActor(by.actor),
      action: 'survey.response_read',
      object: { type: 'survey_response', id: response.id },
      outcome: 'success',
      sourceAddress: by.sourceAddress,
      detail: { mode: response.mode },
    });
  }
}
