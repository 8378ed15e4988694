import { appendAudit } from '../../platform/audit/index.ts';
import type { Keyring } from '../../platform/crypto/index.ts';
import type { Db, Queryable } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { productSummaries, setSubsidyCatalogMembership } from '../catalog/index.ts';
import { staffHoldingRoles } from '../identity/index.ts';
import {
  type AdmissionEvidence,
  addReviewers,
  declareConflict,
  endedNotices,
  findAdmission,
  insertAdmission,
  insertObjection,
  lockAdmission,
  objectionsOf,
  openAdmissionFor,
  panelOf,
  recordScores,
  removeReviewer,
  ruleOnObjection,
  setAdmissionStatus,
} from './admissionsRepo.ts';
import {
  admitProduct,
  findCatalogById,
  findSubsidyItemById,
  productsInForce,
  readSettings,
} from './catalogsRepo.ts';
import type { CommandContext } from './catalogsService.ts';
import {
  type AdmissionCommand,
  admissionAllows,
  concludeNotice,
  noticeEndsOn,
  panelState,
  type Scores,
} from './domain/admission.ts';

/** The roles whose holders may sit on an admission panel (those given admission.review). */
export const panelRoles = ['assessor', 'district_reviewer', 'department_officer', 'researcher'] as const;

const conflict = (message: string) => new HttpError(409, 'conflict', message);

/** An applicant's mistake the form explains, by message key. */
export class AdmissionProblem extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
  ) {
    super(key);
  }
}

async function audit(
  tx: Queryable,
  context: CommandContext,
  action: string,
  admissionId: string,
  detail: Record<string, string | number | boolean> = {},
): Promise<void> {
  await appendAudit(tx, {
    actor: context.actor,
    action,
    object: { type: 'admission', id: admissionId },
    outcome: 'success',
    sourceAddress: context.sourceAddress,
    detail,
  });
}

/** Locks the admission and checks the command is allowed in its status (409 otherwise). */
async function lockFor(tx: Queryable, id: string, command: AdmissionCommand) {
  const status = await lockAdmission(tx, id);
  if (status === undefined) throw new HttpError(404, 'not_found', 'not found');
  if (!admissionAllows(status, command)) throw conflict(`an admission ${status} does not allow ${command}`);
  return status;
}

export interface Application {
  readonly itemId: string;
  readonly productId: string;
  readonly applicantOrganisationId: string;
  /** True when the city applies on its own initiative (any supplier's product). */
  readonly byCity: boolean;
  readonly priceFen: number;
  readonly evidence: AdmissionEvidence;
}

/**
 * An application to admit a product to an item: the item belongs to a draft
 * or the catalog in force, the product is published, its ISO division is
 * one the item covers, and it is not already listed or applied for.
 */
export async function apply(db: Db, context: CommandContext, application: Application): Promise<string> {
  const item = await findSubsidyItemById(db, application.itemId);
  if (item === undefined) throw new AdmissionProblem('itemId', 'err_itemUnknown');
  const catalog = await findCatalogById(db, item.catalogId);
  if (catalog === undefined || (catalog.status !== 'in_force' && catalog.status !== 'draft'))
    throw new AdmissionProblem('itemId', 'err_itemClosed');
  const product = (await productSummaries(db, [application.productId])).get(application.productId);
  if (product === undefined || !product.published)
    throw new AdmissionProblem('productId', 'err_productUnknown');
  if (!application.byCity && product.supplierId !== application.applicantOrganisationId)
    throw new AdmissionProblem('productId', 'err_productUnknown');
  if (!item.isoCodes.includes(product.isoCode))
    throw new AdmissionProblem('productId', 'err_productNotInItem');
  if (item.products.some((p) => p.productId === product.id))
    throw new AdmissionProblem('productId', 'err_productListed');
  if ((await openAdmissionFor(db, item.id, product.id)) !== undefined)
    throw new AdmissionProblem('productId', 'err_productApplied');
  return db.transaction(async (tx) => {
    const id = await insertAdmission(tx, {
      itemId: item.id,
      productId: product.id,
      // The product's supplier either way: when the city applies, the supplier follows it too.
      applicantOrganisationId: product.supplierId,
      priceFen: application.priceFen,
      evidence: application.evidence,
      createdBy: context.actor.userId,
    });
    await audit(tx, context, 'admission.apply', id, { item: item.code, byCity: application.byCity });
    return id;
  });
}

/** Staff who may sit on a panel for this applicant: holders of a panel role outside the applicant. */
export async function panelCandidates(db: Queryable, applicantOrganisationId: string) {
  const staff = await staffHoldingRoles(db, panelRoles);
  const seen = new Set<string>();
  return staff.filter((s) => {
    if (s.organisationId === applicantOrganisationId || seen.has(s.userId)) return false;
    seen.add(s.userId);
    return true;
  });
}

/** Adds reviewers to the panel (fixing the weights at the first assignment) and opens the review. */
export async function assignPanel(
  db: Db,
  context: CommandContext,
  admissionId: string,
  reviewerIds: readonly string[],
): Promise<number> {
  const admission = await findAdmission(db, admissionId);
  if (admission === undefined) throw new HttpError(404, 'not_found', 'not found');
  const candidates = new Set(
    (await panelCandidates(db, admission.applicantOrganisationId)).map((c) => c.userId),
  );
  if (reviewerIds.length === 0 || reviewerIds.some((id) => !candidates.has(id)))
    throw new AdmissionProblem('reviewers', 'err_reviewersChoose');
  return db.transaction(async (tx) => {
    await lockFor(tx, admissionId, 'assignPanel');
    const settings = await readSettings(tx);
    const added = await addReviewers(tx, admissionId, reviewerIds, context.actor.userId);
    await setAdmissionStatus(tx, admissionId, 'under_review', {
      ...(admission.weights === null ? { weights: settings.weights } : {}),
    });
    await audit(tx, context, 'admission.assign_panel', admissionId, { added });
    return added;
  });
}

export async function unassign(db: Db, context: CommandContext, admissionId: string, reviewerId: string) {
  await db.transaction(async (tx) => {
    await lockFor(tx, admissionId, 'assignPanel');
    if (!(await removeReviewer(tx, admissionId, reviewerId))) throw conflict('the reviewer has scored');
    await audit(tx, context, 'admission.unassign', admissionId);
  });
}

/** A reviewer's declaration of interests; a conflict takes them off the scoring. */
export async function declare(
  db: Db,
  context: CommandContext,
  admissionId: string,
  reviewerId: string,
  declaration: { hasConflict: boolean; statement: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockFor(tx, admissionId, 'declare');
    if (!(await declareConflict(tx, admissionId, reviewerId, declaration))) throw conflict('already scored');
    await audit(tx, context, 'admission.declare', admissionId, { hasConflict: declaration.hasConflict });
  });
}

export async function score(
  db: Db,
  context: CommandContext,
  admissionId: string,
  reviewerId: string,
  scores: Scores,
  comment: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockFor(tx, admissionId, 'score');
    if (!(await recordScores(tx, admissionId, reviewerId, scores, comment)))
      throw conflict('declare no conflict of interest before scoring');
    await audit(tx, context, 'admission.score', admissionId);
  });
}

/**
 * The city's decision on a reviewed application: to notice (公示), which
 * starts today for the configured number of days, or rejected. Either needs
 * the whole panel to have scored, with at least the configured panel size.
 */
export async function decide(
  db: Db,
  context: CommandContext,
  admissionId: string,
  decision: { outcome: 'notice' | 'rejected'; reason: string; today: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockFor(tx, admissionId, 'decide');
    const admission = await findAdmission(tx, admissionId);
    const settings = await readSettings(tx);
    const panel = await panelOf(tx, admissionId);
    const state = panelState(panel, admission?.weights ?? settings.weights, settings.panelSize);
    if (!state.readyForDecision) throw new AdmissionProblem('outcome', 'err_panelNotReady');
    const notice = decision.outcome === 'notice';
    await setAdmissionStatus(tx, admissionId, decision.outcome, {
      decision: {
        reason: decision.reason,
        by: context.actor.userId,
        noticeStartsOn: notice ? decision.today : null,
        noticeEndsOn: notice ? noticeEndsOn(decision.today, settings.noticeDays) : null,
      },
      ...(notice ? {} : { concluded: true }),
    });
    await audit(tx, context, 'admission.decide', admissionId, { outcome: decision.outcome });
  });
}

/**
 * An objection from anyone during the notice. Who objects is sealed: the
 * city needs to reply, the public page shows only that an objection exists.
 */
export async function object(
  db: Db,
  keyring: Keyring,
  context: CommandContext,
  admissionId: string,
  objection: { name: string; contact: string; grounds: string; today: string },
): Promise<string> {
  return db.transaction(async (tx) => {
    await lockFor(tx, admissionId, 'object');
    const admission = await findAdmission(tx, admissionId);
    if (admission?.noticeEndsOn == null || objection.today > admission.noticeEndsOn)
      throw new AdmissionProblem('grounds', 'err_noticeEnded');
    const id = await insertObjection(tx, admissionId, {
      objectorSealed: keyring.seal(JSON.stringify({ name: objection.name, contact: objection.contact })),
      grounds: objection.grounds,
    });
    await audit(tx, context, 'admission.object', admissionId, { objection: id });
    return id;
  });
}

/** Upholding an objection ends the admission at once; dismissing it lets the notice run on. */
export async function ruleObjection(
  db: Db,
  context: CommandContext,
  admissionId: string,
  ruling: { objectionId: string; upheld: boolean; reason: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockFor(tx, admissionId, 'ruleObjection');
    const status = ruling.upheld ? 'upheld' : 'dismissed';
    if (
      !(await ruleOnObjection(tx, admissionId, ruling.objectionId, {
        status,
        reason: ruling.reason,
        by: context.actor.userId,
      }))
    )
      throw conflict('the objection is not open');
    if (ruling.upheld) await setAdmissionStatus(tx, admissionId, 'objection_upheld', { concluded: true });
    await audit(tx, context, 'admission.rule_objection', admissionId, { upheld: ruling.upheld });
  });
}

/**
 * Ends a notice whose period is over: with no objection upheld and none
 * waiting for a ruling, the product is listed under the item at the price
 * applied for, and search marks it subsidised if that catalog is in force.
 */
export async function conclude(
  db: Db,
  context: CommandContext,
  admissionId: string,
  today: string,
): Promise<'admitted' | 'objection_upheld' | 'waitForRulings' | 'noticeStillOpen'> {
  return db.transaction(async (tx) => {
    await lockFor(tx, admissionId, 'conclude');
    const admission = await findAdmission(tx, admissionId);
    if (admission?.noticeEndsOn == null) throw conflict('no notice');
    const outcome = concludeNotice(today, admission.noticeEndsOn, await objectionsOf(tx, admissionId));
    if (outcome === 'waitForRulings' || outcome === 'noticeStillOpen') return outcome;
    await setAdmissionStatus(tx, admissionId, outcome, { concluded: true });
    if (outcome === 'admitted') {
      await admitProduct(tx, {
        itemId: admission.itemId,
        productId: admission.productId,
        priceFen: admission.priceFen,
        admissionId,
      });
      await setSubsidyCatalogMembership(tx, await productsInForce(tx));
    }
    await audit(tx, context, 'admission.conclude', admissionId, { outcome });
    return outcome;
  });
}

/** Concludes every notice that ended before today (run hourly by the app, and by `fuju admissions conclude`). */
export async function concludeEndedNotices(db: Db, today: string): Promise<Record<string, number>> {
  const system: CommandContext = {
    actor: { userId: null, label: 'system', organisationId: null },
    sourceAddress: null,
  };
  const counts: Record<string, number> = {};
  for (const id of await endedNotices(db, today)) {
    const outcome = await conclude(db, system, id, today);
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}

export async function withdraw(db: Db, context: CommandContext, admissionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockFor(tx, admissionId, 'withdraw');
    await setAdmissionStatus(tx, admissionId, 'withdrawn', { concluded: true });
    await audit(tx, context, 'admission.withdraw', admissionId);
  });
}
