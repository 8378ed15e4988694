import { appendAudit } from '../../platform/audit/index.ts';
import { can, type Grant, type Role, type SignedInActor, type Target } from '../../platform/auth/index.ts';
import type { Keyring } from '../../platform/crypto/index.ts';
import type { Db, Queryable } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { productSummaries, recordProductFeedback } from '../catalog/index.ts';
import type { MessageSender } from '../identity/index.ts';
import { type PersonFacts, personContact, personFacts } from '../people/index.ts';
import { addDays, beijingDay, subsidyCatalogOn, subsidyItemOf } from '../policyCatalogs/index.ts';
import { budgetOf, release, reserve } from './budgetRepo.ts';
import {
  actionsOf,
  advanceCase,
  appendAction,
  caseByIdempotencyKey,
  type FittingCase,
  insertCase,
  lockCase,
} from './caseRepo.ts';
import { type FunctionArea, readMeasurements } from './domain/assessment.ts';
import {
  allows,
  budgetHeldStatuses,
  type CaseCommand,
  type CaseRole,
  type CaseStatus,
  caseRoles,
  statusAfter,
} from './domain/caseFlow.ts';
import {
  checkEligibility,
  decideEligibility,
  type EligibilityDecision,
  type Override,
  OverrideError,
} from './domain/eligibility.ts';
import { type PrescriptionLine, priceLine } from './domain/prescription.ts';
import * as steps from './stepsRepo.ts';

/** Who gives a command, and from where (for the audit trail). */
export interface CaseActor {
  readonly actor: SignedInActor;
  readonly sourceAddress: string | null;
}

export interface CaseDeps {
  readonly db: Db;
  readonly keyring: Keyring;
  readonly sender: MessageSender;
  /** The clock, so tests and the demo can move through months of follow-ups. */
  readonly now?: () => Date;
}

/** A mistake in what was given, explained on the form by message key. */
export class CaseProblem extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
  ) {
    super(key);
    this.name = 'CaseProblem';
  }
}

/** Someone else changed the case since the caller read it (SECURITY.md 29). */
export class StaleCase extends HttpError {
  constructor() {
    super(409, 'conflict', 'the case was changed by someone else: reload it and try again');
  }
}

const platformRoleOf: Record<CaseRole, Role> = {
  applicant: 'resident',
  community_worker: 'community_worker',
  assessor: 'assessor',
  district_reviewer: 'district_reviewer',
  supplier: 'supplier_staff',
  city_admin: 'city_admin',
};

/** What a case is, as the access policy sees it. */
export const caseTarget = (c: FittingCase, person: Pick<PersonFacts, 'userId'> | null): Target => ({
  districtCodes: [c.districtCode],
  organisationIds: c.supplierOrganisationId === null ? [] : [c.supplierOrganisationId],
  ownerUserId: person?.userId ?? null,
});

/**
 * The parts an actor plays on a case: each of their grants whose role may act
 * on cases and whose scope reaches this one. A user holding two roles plays both.
 */
export function caseRolesOf(actor: SignedInActor, target: Target): CaseRole[] {
  return caseRoles.filter((role) =>
    actor.grants.some(
      (grant: Grant) =>
        grant.role === platformRoleOf[role] && can({ ...actor, grants: [grant] }, 'case.act', target),
    ),
  );
}

export type CommandInput =
  | { readonly command: 'confirmEligibility'; readonly overrides: readonly Override[] }
  | {
      readonly command: 'returnForCorrection' | 'reject' | 'appeal' | 'upholdAppeal' | 'dismissAppeal';
      readonly reason: string;
    }
  | {
      readonly command: 'resubmit';
      readonly usePlaces: readonly string[];
      readonly suppliedByOtherScheme: boolean;
      readonly reason: string;
    }
  | {
      readonly command: 'scheduleAssessment';
      readonly mode: 'on_site' | 'remote';
      readonly scheduledOn: string;
    }
  | {
      readonly command: 'recordAssessment';
      readonly functionArea: FunctionArea;
      readonly measurements: Readonly<Record<string, string>>;
      readonly findings: string;
      readonly recommendedItemCodes: readonly string[];
    }
  | {
      readonly command: 'prescribe';
      readonly lines: readonly {
        readonly itemCode: string;
        readonly productId: string;
        readonly quantity: number;
      }[];
    }
  | { readonly command: 'approve' | 'startFitting' | 'close' }
  | { readonly command: 'withdraw'; readonly reason: string }
  | { readonly command: 'recordDelivery'; readonly serialNumber: string; readonly notes: string }
  | { readonly command: 'confirmReceipt'; readonly signedBy: 'person' | 'proxy' }
  | { readonly command: 'recordTraining'; readonly notes: string }
  | {
      readonly command: 'recordFollowUp';
      readonly method: steps.FollowUp['method'] & string;
      readonly inUse: boolean;
      readonly useFrequency: steps.FollowUp['useFrequency'] & string;
      readonly productSatisfaction: number;
      readonly serviceSatisfaction: number;
      readonly problems: steps.FollowUp['problems'];
      readonly repairNeeded: boolean;
    };

export interface NewApplication {
  readonly personId: string;
  readonly itemCode: string;
  readonly usePlaces: readonly string[];
  readonly suppliedByOtherScheme: boolean;
  readonly reason: string;
  readonly signedBy: 'person' | 'proxy';
  readonly proxyGuardianId: string | null;
  readonly idempotencyKey: string | null;
}

export const usePlaces = ['home', 'school', 'work', 'institution'] as const;
const maxText = 2000;

const audit = (
  tx: Queryable,
  by: CaseActor,
  action: string,
  caseId: string,
  detail: Record<string, string | number | boolean>,
) =>
  appendAudit(tx, {
    actor: {
      userId: by.actor.userId,
      label: by.actor.label,
      organisationId: by.actor.grants.find((g) => g.organisationId !== null)?.organisationId ?? null,
    },
    action,
    object: { type: 'case', id: caseId },
    outcome: 'success',
    sourceAddress: by.sourceAddress,
    detail,
  });

const snake = (command: CaseCommand) => command.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function requireText(value: string, field: string, required = true): string {
  const text = value.trim();
  if (required && text === '') throw new CaseProblem(field, 'required');
  if (text.length > maxText) throw new CaseProblem(field, 'tooLong');
  return text;
}

function checkUsePlaces(places: readonly string[]): string[] {
  if (places.length === 0) throw new CaseProblem('usePlaces', 'required');
  if (places.some((p) => !(usePlaces as readonly string[]).includes(p)))
    throw new CaseProblem('usePlaces', 'invalid');
  return [...new Set(places)];
}

/** The fitting-subsidy case's commands: each one transaction, one action, one audit row. */
export class CaseService {
  constructor(private readonly deps: CaseDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async dueOn(db: Queryable, status: CaseStatus, today: string): Promise<string | null> {
    const days = (await steps.readFittingSettings(db)).stepDays[status];
    return days === undefined ? null : addDays(today, days);
  }

  /** Runs the rules on today's facts: the person, the item in the case's version, earlier deliveries, the budget. */
  async eligibilityFor(
    db: Queryable,
    c: Pick<FittingCase, 'id' | 'personId' | 'catalogId' | 'itemCode' | 'districtCode' | 'policyYear'>,
    person: PersonFacts,
    suppliedByOtherScheme: boolean,
    overrides: readonly Override[],
  ): Promise<{ decision: EligibilityDecision; inputs: Record<string, unknown> }> {
    const today = beijingDay(this.now());
    // One after another: inside a transaction the queries share one connection.
    const inCatalog = await subsidyItemOf(db, c.catalogId, c.itemCode);
    const previous = await steps.deliveriesOfItem(db, c.personId, c.itemCode, c.id);
    const budget = await budgetOf(db, c.districtCode, c.policyYear);
    const inputs = {
      today,
      applicant: {
        birthDate: person.birthDate,
        localHousehold: person.localHousehold,
        certificate: person.certificate,
      },
      item: inCatalog?.conditions ?? null,
      previousDeliveries: previous,
      suppliedByOtherScheme,
      budgetLeftFen: budget ? budget.totalFen - budget.reservedFen : 0,
    };
    try {
      return { decision: decideEligibility(checkEligibility(inputs), overrides), inputs };
    } catch (error) {
      if (error instanceof OverrideError) throw new CaseProblem('overrides', error.problem);
      throw error;
    }
  }

  /**
   * Opens a case. With an idempotency key, a repeat of the same request
   * (a double click, a retried API call) returns the case the first opened.
   */
  async apply(by: CaseActor, input: NewApplication): Promise<{ case: FittingCase; created: boolean }> {
    const { db, keyring } = this.deps;
    if (input.idempotencyKey !== null) {
      const earlier = await caseByIdempotencyKey(db, by.actor.userId, input.idempotencyKey);
      if (earlier) return { case: earlier, created: false };
    }
    const person = await personFacts(db, input.personId);
    if (!person) throw new HttpError(404, 'not_found', 'not found');
    const target: Target = { districtCodes: [person.districtCode], ownerUserId: person.userId };
    if (!can(by.actor, 'case.apply', target)) throw new HttpError(404, 'not_found', 'not found');
    if (!person.fittingConsent) throw new CaseProblem('consent', 'consentMissing');
    const reason = requireText(input.reason, 'reason');
    const places = checkUsePlaces(input.usePlaces);
    if (input.signedBy === 'proxy' && !person.proxies.some((p) => p.id === input.proxyGuardianId))
      throw new CaseProblem('signedBy', 'proxyUnknown');
    const at = this.now();
    const today = beijingDay(at);
    const catalog = await subsidyCatalogOn(db, today);
    if (!catalog?.items.some((i) => i.code === input.itemCode))
      throw new CaseProblem('itemCode', 'itemUnknown');
    const selfApplied = person.userId === by.actor.userId;
    try {
      return await db.transaction(async (tx) => {
        const opened = await insertCase(tx, {
          personId: person.id,
          districtCode: person.districtCode,
          policyYear: catalog.year,
          catalogId: catalog.catalogId,
          itemCode: input.itemCode,
          applicantGroup: person.economicStatus === 'none' ? 'other' : person.economicStatus,
          dueOn: (await this.dueOn(tx, 'submitted', today)) ?? today,
          openedBy: by.actor.userId,
          idempotencyKey: input.idempotencyKey,
          isDemo: false,
          createdAt: at,
        });
        await steps.insertApplication(tx, opened.id, {
          channel: selfApplied ? 'online' : 'community_worker',
          usePlaces: places,
          suppliedByOtherScheme: input.suppliedByOtherScheme,
          reasonSealed: keyring.seal(reason),
          signedBy: input.signedBy,
          proxyGuardianId: input.signedBy === 'proxy' ? input.proxyGuardianId : null,
        });
        await appendAction(tx, opened.id, {
          command: 'submit',
          statusAfter: 'submitted',
          actorUserId: by.actor.userId,
          actorRole: selfApplied ? 'applicant' : 'community_worker',
          payload: { itemCode: input.itemCode, usePlaces: places },
          noteSealed: null,
          at,
        });
        // The rules run at once, so the person sees at the start what the reviewer will see.
        const { decision, inputs } = await this.eligibilityFor(
          tx,
          opened,
          person,
          input.suppliedByOtherScheme,
          [],
        );
        await steps.insertEligibility(tx, opened.id, decision, inputs, at);
        await this.tell(tx, opened, person, 'submitted', at);
        await audit(tx, by, 'case.apply', opened.id, {
          itemCode: input.itemCode,
          eligible: decision.eligible,
        });
        return { case: opened, created: true };
      });
    } catch (error) {
      // Two identical requests at once: the second meets the unique key and answers with the first's case.
      if (input.idempotencyKey !== null) {
        const earlier = await caseByIdempotencyKey(db, by.actor.userId, input.idempotencyKey);
        if (earlier) return { case: earlier, created: false };
      }
      throw error;
    }
  }

  /**
   * Gives one command to a case. The case is locked, the version the caller
   * saw must still be current, the caller must play a part the status table
   * allows, and the command's own checks must pass; then one action, the new
   * status, the notification and one audit row are written together.
   */
  async act(
    by: CaseActor,
    caseId: string,
    expectedVersion: number,
    input: CommandInput,
  ): Promise<FittingCase> {
    const { db } = this.deps;
    const at = this.now();
    const today = beijingDay(at);
    return db.transaction(async (tx) => {
      const c = await lockCase(tx, caseId);
      if (!c) throw new HttpError(404, 'not_found', 'not found');
      const person = await personFacts(tx, c.personId);
      if (!person) throw new HttpError(404, 'not_found', 'not found');
      if (!can(by.actor, 'case.act', caseTarget(c, person)))
        throw new HttpError(404, 'not_found', 'not found');
      if (c.version !== expectedVersion) throw new StaleCase();
      // A withdrawn consent stops the processing (SECURITY.md 20): the case waits, and may only be withdrawn.
      if (!person.fittingConsent && input.command !== 'withdraw')
        throw new CaseProblem('consent', 'consentMissing');
      const role = caseRolesOf(by.actor, caseTarget(c, person)).find((r) =>
        allows(c.status, r, input.command),
      );
      if (role === undefined)
        throw new HttpError(
          409,
          'conflict',
          `a case ${c.status} does not allow ${input.command} by this user`,
        );
      const history = (await actionsOf(tx, c.id)).map((a) => a.command);
      const step = await this.run(tx, c, person, input, today);
      const next = statusAfter(history, input.command, c.status);
      const dueOn = step.dueOn !== undefined ? step.dueOn : await this.dueOn(tx, next, today);
      let reservedFen = step.reservedFen;
      if (budgetHeldStatuses.has(next) && !budgetHeldStatuses.has(c.status) && reservedFen === undefined) {
        reservedFen = await this.reserveFor(tx, c);
      }
      if (next === 'withdrawn' && c.reservedFen > 0) {
        await release(tx, c.districtCode, c.policyYear, c.reservedFen);
        reservedFen = 0;
      }
      const moved = await advanceCase(tx, c, {
        status: next,
        dueOn,
        at,
        ...(step.supplierOrganisationId === undefined
          ? {}
          : { supplierOrganisationId: step.supplierOrganisationId }),
        ...(reservedFen === undefined ? {} : { reservedFen }),
      });
      if (!moved) throw new StaleCase();
      await appendAction(tx, c.id, {
        command: input.command,
        statusAfter: next,
        actorUserId: by.actor.userId,
        actorRole: role,
        payload: step.payload,
        noteSealed: step.note === undefined ? null : this.deps.keyring.seal(step.note),
        at,
      });
      if (next !== c.status) await this.tell(tx, c, person, next, at);
      await audit(tx, by, `case.${snake(input.command)}`, c.id, { status: next, ...step.auditDetail });
      const after = await lockCase(tx, c.id);
      if (!after) throw new Error('case vanished inside its transaction');
      return after;
    });
  }

  /** Reserves the prescription's subsidy from the district's budget for the case's year, or refuses. */
  private async reserveFor(tx: Queryable, c: FittingCase): Promise<number> {
    const total = (await steps.prescriptionOf(tx, c.id)).reduce((sum, l) => sum + l.subsidyFen, 0);
    if (total > 0 && !(await reserve(tx, c.districtCode, c.policyYear, total)))
      throw new CaseProblem('budget', 'budgetExhausted');
    return total;
  }

  private async run(
    tx: Queryable,
    c: FittingCase,
    person: PersonFacts,
    input: CommandInput,
    today: string,
  ): Promise<{
    payload: Record<string, unknown>;
    note?: string;
    dueOn?: string | null;
    supplierOrganisationId?: string | null;
    reservedFen?: number;
    auditDetail?: Record<string, string | number | boolean>;
  }> {
    const { keyring } = this.deps;
    switch (input.command) {
      case 'confirmEligibility': {
        const application = await steps.applicationOf(tx, c.id);
        const { decision, inputs } = await this.eligibilityFor(
          tx,
          c,
          person,
          application?.suppliedByOtherScheme ?? false,
          input.overrides,
        );
        if (!decision.eligible) throw new CaseProblem('overrides', 'notEligible');
        await steps.insertEligibility(tx, c.id, decision, inputs);
        return {
          payload: {
            ruleSetVersion: decision.ruleSetVersion,
            overridden: input.overrides.map((o) => o.rule),
          },
          note: input.overrides.map((o) => `${o.rule}: ${o.reason}`).join('\n') || undefined,
          auditDetail: { overrides: input.overrides.map((o) => o.rule).join(',') },
        } as const;
      }
      case 'returnForCorrection':
      case 'reject':
      case 'appeal':
      case 'upholdAppeal':
      case 'dismissAppeal':
      case 'withdraw':
        return {
          payload: {},
          note: requireText(input.reason, 'reason', input.command !== 'withdraw') || undefined,
        };
      case 'resubmit': {
        const reason = requireText(input.reason, 'reason');
        await steps.updateApplication(tx, c.id, {
          usePlaces: checkUsePlaces(input.usePlaces),
          suppliedByOtherScheme: input.suppliedByOtherScheme,
          reasonSealed: keyring.seal(reason),
        });
        const { decision, inputs } = await this.eligibilityFor(
          tx,
          c,
          person,
          input.suppliedByOtherScheme,
          [],
        );
        await steps.insertEligibility(tx, c.id, decision, inputs);
        return { payload: { eligible: decision.eligible } };
      }
      case 'scheduleAssessment': {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(input.scheduledOn) || Number.isNaN(Date.parse(input.scheduledOn)))
          throw new CaseProblem('scheduledOn', 'date');
        if (input.scheduledOn < today) throw new CaseProblem('scheduledOn', 'past');
        await steps.scheduleAssessment(tx, c.id, input.mode, input.scheduledOn);
        return { payload: { mode: input.mode, scheduledOn: input.scheduledOn }, dueOn: input.scheduledOn };
      }
      case 'recordAssessment': {
        const { values, problems } = readMeasurements(input.functionArea, input.measurements);
        const [first] = Object.entries(problems);
        if (first) throw new CaseProblem(`m_${first[0]}`, `measurement_${first[1]}`);
        const findings = requireText(input.findings, 'findings');
        for (const code of input.recommendedItemCodes) {
          if ((await subsidyItemOf(tx, c.catalogId, code)) === undefined)
            throw new CaseProblem('recommendedItemCodes', 'itemUnknown');
        }
        await steps.recordAssessment(
          tx,
          c.id,
          {
            functionArea: input.functionArea,
            findingsSealed: keyring.seal(JSON.stringify({ measurements: values, findings })),
            recommendedItemCodes: input.recommendedItemCodes,
            assessedOn: today,
          },
          null,
        );
        return {
          payload: { functionArea: input.functionArea, recommendedItemCodes: input.recommendedItemCodes },
        };
      }
      case 'prescribe':
        return this.prescribe(tx, c, input.lines);
      case 'recordDelivery': {
        const serial = requireText(input.serialNumber, 'serialNumber');
        if (serial.length > 64) throw new CaseProblem('serialNumber', 'tooLong');
        const notes = requireText(input.notes, 'notes', false);
        await steps.recordDelivery(tx, c.id, {
          serialNumber: serial,
          fittingNotesSealed: notes === '' ? null : keyring.seal(notes),
          deliveredOn: today,
        });
        return { payload: { deliveredOn: today } };
      }
      case 'confirmReceipt': {
        const delivery = await steps.deliveryOf(tx, c.id);
        if (!delivery?.deliveredOn) throw new CaseProblem('confirm', 'notDelivered');
        if (input.signedBy === 'proxy' && person.proxies.length === 0)
          throw new CaseProblem('signedBy', 'proxyUnknown');
        await steps.confirmReceipt(tx, c.id, today, input.signedBy);
        const settings = await steps.readFittingSettings(tx);
        await steps.scheduleFollowUps(
          tx,
          c.id,
          settings.followUpMonths.map((month) => ({ month, dueOn: addMonths(today, month) })),
        );
        return { payload: { confirmedBy: input.signedBy } };
      }
      case 'recordTraining': {
        const notes = requireText(input.notes, 'notes');
        await steps.recordTraining(tx, c.id, today, keyring.seal(notes));
        return { payload: { trainedOn: today }, dueOn: await nextFollowUpDue(tx, c.id) };
      }
      case 'recordFollowUp':
        return this.followUp(tx, c, input, today);
      case 'close': {
        const open = (await steps.followUpsOf(tx, c.id)).filter((f) => f.doneOn === null);
        if (open.length > 0) throw new CaseProblem('close', 'followUpsOpen');
        return { payload: {}, dueOn: null };
      }
      case 'approve':
      case 'startFitting':
        return { payload: {} };
    }
  }

  private async prescribe(
    tx: Queryable,
    c: FittingCase,
    wanted: Extract<CommandInput, { command: 'prescribe' }>['lines'],
  ) {
    if (wanted.length === 0) throw new CaseProblem('lines', 'required');
    const products = await productSummaries(
      tx,
      wanted.map((w) => w.productId),
    );
    const lines: PrescriptionLine[] = [];
    for (const [index, w] of wanted.entries()) {
      const inCatalog = await subsidyItemOf(tx, c.catalogId, w.itemCode);
      if (!inCatalog) throw new CaseProblem(`line${index}`, 'itemUnknown');
      const admitted = inCatalog.item.products.find((p) => p.productId === w.productId);
      if (!admitted || !products.has(w.productId))
        throw new CaseProblem(`line${index}`, 'productNotAdmitted');
      const line = priceLine(inCatalog.item, c.applicantGroup, admitted, w.quantity);
      if (typeof line === 'string') throw new CaseProblem(`line${index}`, line);
      lines.push(line);
    }
    const suppliers = new Set(wanted.map((w) => products.get(w.productId)?.supplierId));
    // One supplier fits and delivers the whole prescription, and settles it once.
    if (suppliers.size !== 1) throw new CaseProblem('lines', 'oneSupplier');
    await steps.replacePrescription(tx, c.id, lines);
    return {
      payload: {
        lines: lines.map((l) => ({ itemCode: l.itemCode, productId: l.productId, quantity: l.quantity })),
      },
      supplierOrganisationId: [...suppliers][0] ?? null,
      auditDetail: { subsidyFen: lines.reduce((sum, l) => sum + l.subsidyFen, 0) },
    };
  }

  private async followUp(
    tx: Queryable,
    c: FittingCase,
    input: Extract<CommandInput, { command: 'recordFollowUp' }>,
    today: string,
  ) {
    const due = (await steps.followUpsOf(tx, c.id)).find((f) => f.doneOn === null);
    if (!due) throw new CaseProblem('followUp', 'noneDue');
    for (const [field, value] of [
      ['productSatisfaction', input.productSatisfaction],
      ['serviceSatisfaction', input.serviceSatisfaction],
    ] as const) {
      if (!Number.isInteger(value) || value < 1 || value > 5) throw new CaseProblem(field, 'satisfaction');
    }
    await steps.recordFollowUp(
      tx,
      due.id,
      {
        doneOn: today,
        method: input.method,
        inUse: input.inUse,
        useFrequency: input.useFrequency,
        productSatisfaction: input.productSatisfaction,
        serviceSatisfaction: input.serviceSatisfaction,
        problems: [...new Set(input.problems)],
        repairNeeded: input.repairNeeded,
      },
      null,
    );
    // What the person said about the product becomes part of its record, which admission reviewers read.
    const outcome = {
      inUse: input.inUse,
      productSatisfaction: input.productSatisfaction,
      serviceSatisfaction: input.serviceSatisfaction,
      problems: [...new Set(input.problems)],
      repairNeeded: input.repairNeeded,
    };
    for (const line of await steps.prescriptionOf(tx, c.id))
      await recordProductFeedback(tx, line.productId, outcome);
    return {
      payload: { month: due.month, inUse: input.inUse, repairNeeded: input.repairNeeded },
      dueOn: await nextFollowUpDue(tx, c.id),
    };
  }

  /** The person hears of every change: in the site if they have an account, and by SMS (outbox) if they have a phone. */
  private async tell(tx: Queryable, c: FittingCase, person: PersonFacts, status: CaseStatus, at: Date) {
    if (person.userId !== null) await steps.notify(tx, c.id, person.userId, status, at);
    const contact = await personContact(tx, this.deps.keyring, person.id);
    if (contact?.phone) {
      await this.deps.sender.send(tx, {
        phone: contact.phone,
        text: `【西安辅具】您的辅具适配申请 ${c.reference} 状态已更新：${statusTextZh[status]}。详情请登录查看。`,
      });
    }
  }
}

/** The same day `months` months on; the 31st of a shorter month falls on its last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

async function nextFollowUpDue(tx: Queryable, caseId: string): Promise<string | null> {
  return (await steps.followUpsOf(tx, caseId)).find((f) => f.doneOn === null)?.dueOn ?? null;
}

/** The SMS is sent in Chinese: the outbox carries one text, and the person's language is not known for everyone. */
const statusTextZh: Record<CaseStatus, string> = {
  submitted: '已提交',
  returned: '退回补正',
  eligibility_checked: '资格审核通过',
  assessment_scheduled: '已安排评估',
  assessed: '已评估',
  prescribed: '已出具适配方案',
  approved: '已批准',
  rejected: '未获批准',
  appealed: '复核申请已受理',
  fitting: '适配中',
  delivered: '已交付',
  trained: '已完成使用培训',
  followed_up: '已回访',
  closed: '已办结',
  withdrawn: '已撤回',
};
