import { describe, expect, it } from 'vitest';
import { locales } from '../../../../platform/i18n/index.ts';
import { type CampaignForm, checkedCampaign, formOf } from './campaignForm.ts';
import { campaignsMessages } from './messages.ts';

const context = {
  questionnaireIds: new Set(['q1']),
  districtCodes: new Set(['610113']),
  today: '2027-01-10',
};

/** Forms that between them meet every problem the rules can report, on every field. */
const forms: CampaignForm[] = [
  {},
  {
    titleZh: '长'.repeat(201),
    titleEn: 'x'.repeat(201),
    questionnaireId: 'q9',
    'startsOn-year': '2027',
    'startsOn-month': '2',
    'startsOn-day': '31',
    'endsOn-year': 'x',
    districtCodes: '999999',
    disabilityCategories: ['8'],
  },
  {
    'startsOn-year': '2027',
    'startsOn-month': '3',
    'startsOn-day': '1',
    'endsOn-year': '2027',
    'endsOn-month': '2',
    'endsOn-day': '1',
  },
  {
    'startsOn-year': '2026',
    'startsOn-month': '1',
    'startsOn-day': '1',
    'endsOn-year': '2027',
    'endsOn-month': '1',
    'endsOn-day': '9',
  },
];

describe('the campaign form', () => {
  it('has a message in both languages for every problem the rules report', () => {
    const seen = new Set<string>();
    for (const locale of locales) {
      for (const form of forms) {
        const { errors } = checkedCampaign(campaignsMessages.for(locale), form, context);
        for (const [anchor, message] of Object.entries(errors)) {
          expect(message, anchor).not.toBe('');
          expect(message).not.toContain('{max}');
          seen.add(`${locale} ${anchor}`);
        }
      }
    }
    expect(seen.size).toBe(2 * 7);
    const { errors } = checkedCampaign(campaignsMessages.for('zh-CN'), forms[1] as CampaignForm, context);
    expect(errors).toEqual({
      titleZh: '中文名称不能超过 200 个字',
      titleEn: '英文名称不能超过 200 个字符',
      questionnaireId: '请从列表中选择问卷',
      'startsOn-year': '开始日期不是有效的日期，请分别填写年、月、日',
      'endsOn-year': '结束日期不是有效的日期，请分别填写年、月、日',
      districtCodes: '请从列表中选择区县',
      disabilityCategories: '请从列表中选择残疾类别',
    });
  });

  it('shows a saved campaign as it was typed, and reads it back unchanged', () => {
    const campaign = {
      id: 'c1',
      questionnaireId: 'q1',
      questionnaire: {
        code: 'x',
        version: 1,
        title: { zh: '问卷', en: 'Q' },
        intro: { zh: '说明', en: 'I' },
        sections: [],
      },
      title: { zh: '调查', en: 'Survey' },
      startsOn: '2027-03-01',
      endsOn: '2027-05-31',
      districtCodes: ['610113'],
      disabilityCategories: [4],
      status: 'draft' as const,
      version: 3,
    };
    const form = formOf(campaign);
    expect(form).toMatchObject({ 'startsOn-month': '3', 'startsOn-day': '1', disabilityCategories: ['4'] });
    expect(checkedCampaign(campaignsMessages.for('en'), form, context).campaign).toEqual({
      questionnaireId: 'q1',
      title: campaign.title,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
      districtCodes: campaign.districtCodes,
      disabilityCategories: campaign.disabilityCategories,
    });
  });
});
