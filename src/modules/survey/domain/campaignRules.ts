import { toHalfWidth } from '../../../platform/ids/index.ts';

/**
 * What a campaign is and what may happen to it, apart from the database: the
 * checks on what an administrator typed, and which command each status allows.
 */

export type CampaignStatus = 'draft' | 'open' | 'closed';

/** What an administrator sets on a campaign (its status is changed by opening and closing it). */
export interface CampaignInput {
  readonly questionnaireId: string;
  readonly title: { readonly zh: string; readonly en: string };
  readonly startsOn: string;
  readonly endsOn: string;
  readonly districtCodes: readonly string[];
  /** Target disability categories (1-7); empty: everyone. */
  readonly disabilityCategories: readonly number[];
}

/**
 * draft → open → closed. A draft is the only thing that can be edited: once
 * answers come in, the questions, period and targets they were given against
 * stay as they were. Workers are assigned until the campaign closes.
 */
export type CampaignCommand = 'edit' | 'open' | 'close' | 'assignWorker' | 'removeWorker';

export const commandsByCampaignStatus = {
  draft: ['edit', 'open', 'assignWorker', 'removeWorker'],
  open: ['close', 'assignWorker', 'removeWorker'],
  closed: [],
} as const satisfies Record<CampaignStatus, readonly CampaignCommand[]>;

export function campaignAllows(status: CampaignStatus, command: CampaignCommand): boolean {
  return (commandsByCampaignStatus[status] as readonly CampaignCommand[]).includes(command);
}

/** A campaign whose period is over by `today` cannot be opened: it would take no answers. */
export const periodOver = (campaign: { readonly endsOn: string }, today: string): boolean =>
  campaign.endsOn < today;

/** Disability categories as the survey stores them (DOMAIN.md order: 1 visual … 7 multiple). */
export const targetCategories = [1, 2, 3, 4, 5, 6, 7] as const;

export const maxTitleLength = 200;
const firstYear = 2000;
const lastYear = 2100;

/** A date as typed into the year, month and day boxes. */
export interface TypedDay {
  readonly year?: string | undefined;
  readonly month?: string | undefined;
  readonly day?: string | undefined;
}

/** A campaign as the form posts it, every field still text. */
export interface TypedCampaign {
  readonly questionnaireId?: string | undefined;
  readonly titleZh?: string | undefined;
  readonly titleEn?: string | undefined;
  readonly startsOn: TypedDay;
  readonly endsOn: TypedDay;
  readonly districtCodes: readonly string[];
  readonly disabilityCategories: readonly string[];
}

export type CampaignField =
  | 'questionnaireId'
  | 'titleZh'
  | 'titleEn'
  | 'startsOn'
  | 'endsOn'
  | 'districtCodes'
  | 'disabilityCategories';

export type CampaignProblem =
  | 'required'
  | 'tooLong'
  | 'unknown'
  | 'notADay'
  | 'endsBeforeStart'
  | 'endsInPast';

/** What the checks need to know from outside: what exists, and what day it is in Xi'an. */
export interface CampaignContext {
  readonly questionnaireIds: ReadonlySet<string>;
  readonly districtCodes: ReadonlySet<string>;
  readonly today: string;
}

/** A typed day as YYYY-MM-DD; null when any part is missing or it is not a calendar day of 2000-2100. */
export function typedDay(typed: TypedDay): string | null {
  const parts = [typed.year, typed.month, typed.day].map((part) => toHalfWidth(part ?? '').trim());
  if (!/^\d{4}$/.test(parts[0] ?? '') || !parts.slice(1).every((part) => /^\d{1,2}$/.test(part))) return null;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (year < firstYear || year > lastYear) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

const blank = (typed: TypedDay) => [typed.year, typed.month, typed.day].every((p) => (p ?? '').trim() === '');

/**
 * The campaign the form describes, or what is wrong with it, field by field in
 * the order of the form: both titles, a known questionnaire, a real period that
 * has not already ended, at least one known district, categories among 1-7.
 */
export function checkCampaign(
  typed: TypedCampaign,
  context: CampaignContext,
): { campaign?: CampaignInput; problems: Partial<Record<CampaignField, CampaignProblem>> } {
  const problems: Partial<Record<CampaignField, CampaignProblem>> = {};
  const titleZh = (typed.titleZh ?? '').trim();
  const titleEn = (typed.titleEn ?? '').trim();
  for (const [field, value] of [
    ['titleZh', titleZh],
    ['titleEn', titleEn],
  ] as const) {
    if (value === '') problems[field] = 'required';
    else if (value.length > maxTitleLength) problems[field] = 'tooLong';
  }
  const questionnaireId = (typed.questionnaireId ?? '').trim();
  if (questionnaireId === '') problems.questionnaireId = 'required';
  else if (!context.questionnaireIds.has(questionnaireId)) problems.questionnaireId = 'unknown';

  const startsOn = typedDay(typed.startsOn);
  const endsOn = typedDay(typed.endsOn);
  if (startsOn === null) problems.startsOn = blank(typed.startsOn) ? 'required' : 'notADay';
  if (endsOn === null) problems.endsOn = blank(typed.endsOn) ? 'required' : 'notADay';
  else if (startsOn !== null && endsOn < startsOn) problems.endsOn = 'endsBeforeStart';
  else if (endsOn < context.today) problems.endsOn = 'endsInPast';

  const districtCodes = [...new Set(typed.districtCodes)];
  if (districtCodes.length === 0) problems.districtCodes = 'required';
  else if (!districtCodes.every((code) => context.districtCodes.has(code)))
    problems.districtCodes = 'unknown';

  const categories = [...new Set(typed.disabilityCategories)].map(Number);
  if (!categories.every((c) => (targetCategories as readonly number[]).includes(c))) {
    problems.disabilityCategories = 'unknown';
  }

  if (Object.keys(problems).length > 0 || startsOn === null || endsOn === null) return { problems };
  return {
    campaign: {
      questionnaireId,
      title: { zh: titleZh, en: titleEn },
      startsOn,
      endsOn,
      districtCodes: districtCodes.sort(),
      disabilityCategories: categories.sort((a, b) => a - b),
    },
    problems,
  };
}
