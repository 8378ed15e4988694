import { describe, expect, it } from 'vitest';
import {
  type CampaignContext,
  campaignAllows,
  checkCampaign,
  commandsByCampaignStatus,
  maxTitleLength,
  periodOver,
  type TypedCampaign,
  typedDay,
} from './campaignRules.ts';

const context: CampaignContext = {
  questionnaireIds: new Set(['q1']),
  districtCodes: new Set(['610112', '610113']),
  today: '2027-01-10',
};

const valid: TypedCampaign = {
  questionnaireId: 'q1',
  titleZh: ' 2027年需求调查 ',
  titleEn: '2027 needs survey',
  startsOn: { year: '2027', month: '3', day: '1' },
  endsOn: { year: '２０２７', month: '05', day: '31' },
  districtCodes: ['610113', '610112', '610113'],
  disabilityCategories: ['4', '1'],
};

describe('typedDay', () => {
  it('reads the three boxes as a calendar day, full-width digits too', () => {
    expect(typedDay({ year: '2027', month: '3', day: '1' })).toBe('2027-03-01');
    expect(typedDay({ year: '２０２８', month: '０２', day: '２９' })).toBe('2028-02-29');
  });

  it('refuses days that do not exist, missing parts and years out of range', () => {
    expect(typedDay({ year: '2027', month: '2', day: '29' })).toBeNull();
    expect(typedDay({ year: '2027', month: '13', day: '1' })).toBeNull();
    expect(typedDay({ year: '2027', month: '', day: '1' })).toBeNull();
    expect(typedDay({ year: '27', month: '3', day: '1' })).toBeNull();
    expect(typedDay({ year: '1999', month: '3', day: '1' })).toBeNull();
    expect(typedDay({})).toBeNull();
  });
});

describe('checkCampaign', () => {
  it('gives the campaign, trimmed, de-duplicated and sorted', () => {
    expect(checkCampaign(valid, context)).toEqual({
      campaign: {
        questionnaireId: 'q1',
        title: { zh: '2027年需求调查', en: '2027 needs survey' },
        startsOn: '2027-03-01',
        endsOn: '2027-05-31',
        districtCodes: ['610112', '610113'],
        disabilityCategories: [1, 4],
      },
      problems: {},
    });
  });

  it('asks for everything required, and no categories means everyone', () => {
    const { campaign, problems } = checkCampaign(
      { startsOn: {}, endsOn: {}, districtCodes: [], disabilityCategories: [] },
      context,
    );
    expect(campaign).toBeUndefined();
    expect(problems).toEqual({
      titleZh: 'required',
      titleEn: 'required',
      questionnaireId: 'required',
      startsOn: 'required',
      endsOn: 'required',
      districtCodes: 'required',
    });
  });

  it('refuses unknown questionnaires, districts and categories, and titles too long', () => {
    const { problems } = checkCampaign(
      {
        ...valid,
        questionnaireId: 'q2',
        titleEn: 'x'.repeat(maxTitleLength + 1),
        districtCodes: ['610113', '999999'],
        disabilityCategories: ['0'],
      },
      context,
    );
    expect(problems).toEqual({
      titleEn: 'tooLong',
      questionnaireId: 'unknown',
      districtCodes: 'unknown',
      disabilityCategories: 'unknown',
    });
  });

  it('checks the period: real days, the end not before the start nor already past', () => {
    const problem = (startsOn: TypedCampaign['startsOn'], endsOn: TypedCampaign['endsOn']) =>
      checkCampaign({ ...valid, startsOn, endsOn }, context).problems;
    expect(problem({ year: '2027', month: '2', day: '30' }, valid.endsOn)).toEqual({ startsOn: 'notADay' });
    expect(problem(valid.startsOn, { year: '2027', month: '2', day: '28' })).toEqual({
      endsOn: 'endsBeforeStart',
    });
    expect(problem({ year: '2026', month: '12', day: '1' }, { year: '2027', month: '1', day: '9' })).toEqual({
      endsOn: 'endsInPast',
    });
    // A period ending today still has today to run.
    expect(problem({ year: '2026', month: '12', day: '1' }, { year: '2027', month: '1', day: '10' })).toEqual(
      {},
    );
    expect(problem(valid.startsOn, valid.startsOn)).toEqual({});
  });
});

describe('what each status allows', () => {
  it('edits and opens only a draft, closes only an open campaign, and a closed one takes nothing', () => {
    expect(campaignAllows('draft', 'edit')).toBe(true);
    expect(campaignAllows('draft', 'open')).toBe(true);
    expect(campaignAllows('draft', 'close')).toBe(false);
    expect(campaignAllows('open', 'edit')).toBe(false);
    expect(campaignAllows('open', 'open')).toBe(false);
    expect(campaignAllows('open', 'close')).toBe(true);
    expect(commandsByCampaignStatus.closed).toEqual([]);
  });

  it('workers are assigned and removed until the campaign closes', () => {
    for (const status of ['draft', 'open'] as const) {
      expect(campaignAllows(status, 'assignWorker')).toBe(true);
      expect(campaignAllows(status, 'removeWorker')).toBe(true);
    }
    expect(campaignAllows('closed', 'assignWorker')).toBe(false);
  });

  it('a period that ended before today is over; one ending today is not', () => {
    expect(periodOver({ endsOn: '2027-01-09' }, '2027-01-10')).toBe(true);
    expect(periodOver({ endsOn: '2027-01-10' }, '2027-01-10')).toBe(false);
  });
});
