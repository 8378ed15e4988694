import { type Db, isUuid, type Queryable } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { type StaffMember, staffHoldingRoles } from '../identity/index.ts';
import {
  assignWorker,
  type Campaign,
  campaignById,
  insertCampaign,
  moveCampaign,
  removeWorker,
  updateDraftCampaign,
} from './campaignRepo.ts';
import { auditCommand, type CommandContext } from './commands.ts';
import {
  type CampaignCommand,
  type CampaignInput,
  campaignAllows,
  periodOver,
} from './domain/campaignRules.ts';

/**
 * Why a command was refused: `stale` when someone changed the campaign since
 * the page was loaded, `status` when its status does not allow the command,
 * `periodOver` when opening a campaign whose period has ended, `notEligible`
 * when the user is not a community worker of the campaign's districts.
 */
export type CampaignRefusal = 'stale' | 'status' | 'periodOver' | 'notEligible';

export class CampaignCommandError extends HttpError {
  constructor(readonly refusal: CampaignRefusal) {
    super(409, 'conflict', `campaign command refused: ${refusal}`);
  }
}

const campaignObject = (id: string) => ({ type: 'survey_campaign', id });

/** What the trail keeps of a campaign's settings: the period and targets, not the titles. */
const settingsDetail = (input: CampaignInput) => ({
  questionnaireId: input.questionnaireId,
  startsOn: input.startsOn,
  endsOn: input.endsOn,
  districtCodes: input.districtCodes.join(','),
  disabilityCategories: input.disabilityCategories.join(','),
});

/** The campaign as it is inside the transaction; refuses a command its status does not allow. */
async function campaignFor(tx: Queryable, id: string, command: CampaignCommand): Promise<Campaign> {
  const campaign = await campaignById(tx, id);
  if (campaign === null) throw new HttpError(404, 'not_found', 'not found');
  if (!campaignAllows(campaign.status, command)) throw new CampaignCommandError('status');
  return campaign;
}

/** A new campaign, as a draft. */
export async function createCampaign(db: Db, context: CommandContext, input: CampaignInput): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await insertCampaign(tx, input, 'draft', context.actor.userId);
    await auditCommand(tx, context, 'survey.campaign_create', campaignObject(id), settingsDetail(input));
    return id;
  });
}

/** Rewrites a draft, if nobody changed it since `version` was read. */
export async function editCampaign(
  db: Db,
  context: CommandContext,
  id: string,
  version: number,
  input: CampaignInput,
): Promise<void> {
  await db.transaction(async (tx) => {
    const campaign = await campaignFor(tx, id, 'edit');
    if (!(await updateDraftCampaign(tx, id, version, input))) {
      throw new CampaignCommandError(campaign.version === version ? 'status' : 'stale');
    }
    await auditCommand(tx, context, 'survey.campaign_update', campaignObject(id), {
      ...settingsDetail(input),
      version: version + 1,
    });
  });
}

/** draft → open: answers are taken from then on, within the period. */
export async function openCampaign(
  db: Db,
  context: CommandContext,
  id: string,
  version: number,
  today: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const campaign = await campaignFor(tx, id, 'open');
    if (periodOver(campaign, today)) throw new CampaignCommandError('periodOver');
    if (!(await moveCampaign(tx, id, version, 'draft', 'open'))) throw new CampaignCommandError('stale');
    await auditCommand(tx, context, 'survey.campaign_open', campaignObject(id), { version: version + 1 });
  });
}

/** open → closed: no more answers, and the figures are final. */
export async function closeCampaign(
  db: Db,
  context: CommandContext,
  id: string,
  version: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    await campaignFor(tx, id, 'close');
    if (!(await moveCampaign(tx, id, version, 'open', 'closed'))) throw new CampaignCommandError('stale');
    await auditCommand(tx, context, 'survey.campaign_close', campaignObject(id), { version: version + 1 });
  });
}

/** Community workers who may work on a campaign: those of an organisation in one of its districts. */
export async function eligibleWorkers(db: Queryable, campaign: Campaign): Promise<StaffMember[]> {
  const staff = await staffHoldingRoles(db, ['community_worker']);
  return staff.filter((s) => s.districtCode !== null && campaign.districtCodes.includes(s.districtCode));
}

/**
 * Assigns a community worker of the campaign's districts. False, and nothing
 * written, when they already were (a form sent twice).
 */
export async function assignCampaignWorker(
  db: Db,
  context: CommandContext,
  id: string,
  userId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const campaign = await campaignFor(tx, id, 'assignWorker');
    const eligible = await eligibleWorkers(tx, campaign);
    if (!eligible.some((s) => s.userId === userId)) throw new CampaignCommandError('notEligible');
    if (!(await assignWorker(tx, id, userId))) return false;
    await auditCommand(tx, context, 'survey.worker_assign', campaignObject(id), { userId });
    return true;
  });
}

/**
 * Removes a worker from a campaign. The responses they entered stay; false,
 * and nothing written, when they were not assigned.
 */
export async function removeCampaignWorker(
  db: Db,
  context: CommandContext,
  id: string,
  userId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await campaignFor(tx, id, 'removeWorker');
    if (!isUuid(userId) || !(await removeWorker(tx, id, userId))) return false;
    await auditCommand(tx, context, 'survey.worker_remove', campaignObject(id), { userId });
    return true;
  });
}
