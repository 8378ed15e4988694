import { Type } from 'typebox';
import { StrictBody } from '../../../../platform/http/index.ts';
import type { FieldErrors } from '../../../../platform/ui/index.ts';
import type { Campaign } from '../../campaignRepo.ts';
import {
  type CampaignContext,
  type CampaignField,
  type CampaignInput,
  checkCampaign,
  maxTitleLength,
} from '../../domain/campaignRules.ts';
import { type CampaignsT, campaignsMessages } from './messages.ts';

const typedText = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
/** A group of checkboxes posts nothing, one value, or several. */
const ticked = (maxItems: number) =>
  Type.Optional(
    Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems })]),
  );

const campaignFields = {
  titleZh: typedText(2000),
  titleEn: typedText(2000),
  questionnaireId: typedText(100),
  'startsOn-year': typedText(20),
  'startsOn-month': typedText(20),
  'startsOn-day': typedText(20),
  'endsOn-year': typedText(20),
  'endsOn-month': typedText(20),
  'endsOn-day': typedText(20),
  districtCodes: ticked(200),
  disabilityCategories: ticked(20),
};

export const NewCampaignBody = StrictBody(campaignFields);
export const EditCampaignBody = StrictBody({ ...campaignFields, version: Type.String({ maxLength: 20 }) });

/** The form as posted (and as shown again after an error). */
export interface CampaignForm {
  titleZh?: string;
  titleEn?: string;
  questionnaireId?: string;
  'startsOn-year'?: string;
  'startsOn-month'?: string;
  'startsOn-day'?: string;
  'endsOn-year'?: string;
  'endsOn-month'?: string;
  'endsOn-day'?: string;
  districtCodes?: string | string[];
  disabilityCategories?: string | string[];
}

export const asList = (value: string | readonly string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : [...value];

const dayParts = (day: string) => {
  const [year, month, date] = day.split('-');
  return { year, month: String(Number(month)), day: String(Number(date)) };
};

/** A campaign's settings as the form shows them, to change a draft. */
export function formOf(campaign: Campaign): CampaignForm {
  const starts = dayParts(campaign.startsOn);
  const ends = dayParts(campaign.endsOn);
  return {
    titleZh: campaign.title.zh,
    titleEn: campaign.title.en,
    questionnaireId: campaign.questionnaireId,
    'startsOn-year': starts.year,
    'startsOn-month': starts.month,
    'startsOn-day': starts.day,
    'endsOn-year': ends.year,
    'endsOn-month': ends.month,
    'endsOn-day': ends.day,
    districtCodes: [...campaign.districtCodes],
    disabilityCategories: campaign.disabilityCategories.map(String),
  };
}

/** Where the error summary sends the reader for each field: its first input. */
export const fieldAnchors: Record<CampaignField, string> = {
  titleZh: 'titleZh',
  titleEn: 'titleEn',
  questionnaireId: 'questionnaireId',
  startsOn: 'startsOn-year',
  endsOn: 'endsOn-year',
  districtCodes: 'districtCodes',
  disabilityCategories: 'disabilityCategories',
};

/** The campaign the form describes, or its errors keyed by anchor in the order of the form. */
export function checkedCampaign(
  t: CampaignsT,
  form: CampaignForm,
  context: CampaignContext,
): { campaign?: CampaignInput; errors: FieldErrors } {
  const { campaign, problems } = checkCampaign(
    {
      titleZh: form.titleZh,
      titleEn: form.titleEn,
      questionnaireId: form.questionnaireId,
      startsOn: { year: form['startsOn-year'], month: form['startsOn-month'], day: form['startsOn-day'] },
      endsOn: { year: form['endsOn-year'], month: form['endsOn-month'], day: form['endsOn-day'] },
      districtCodes: asList(form.districtCodes),
      disabilityCategories: asList(form.disabilityCategories),
    },
    context,
  );
  const errors: Record<string, string> = {};
  for (const field of Object.keys(fieldAnchors) as CampaignField[]) {
    const problem = problems[field];
    if (problem === undefined) continue;
    const key = `err_${field}_${problem}`;
    // The rules and the catalog are kept in step by the tests; a gap is a programming error.
    if (!campaignsMessages.has(key)) throw new Error(`no message ${key}`);
    errors[fieldAnchors[field]] = t(key, { max: maxTitleLength });
  }
  return campaign === undefined ? { errors } : { campaign, errors };
}
