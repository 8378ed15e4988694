import { describe, expect, it } from 'vitest';
import { priorityProducts } from './apl.ts';
import { type FollowUpSum, sumFollowUps } from './followUps.ts';
import { measuresOf } from './measures.ts';
import {
  type CampaignTally,
  evidenceKeys,
  needEvidence,
  suppressEvidence,
  topicMeasure,
  topicMeasures,
} from './needEvidence.ts';

const campaign = (
  campaignId: string,
  respondents: number,
  measures: Record<string, number>,
  terms: Record<string, number> = {},
): CampaignTally => ({
  campaignId,
  title: { zh: campaignId, en: campaignId },
  respondents,
  measures: new Map(Object.entries(measures)),
  terms: new Map(Object.entries(terms)),
});

const followUp = (isoClass: string, counts: Partial<FollowUpSum>): FollowUpSum => ({
  isoClass,
  ...sumFollowUps([]),
  ...counts,
});

const topic = {
  measures: ['unmet.apl04', 'barrier.cost'],
  keywords: ['轮椅', '楼梯'],
  isoClasses: ['1223'],
};

describe('the measures a topic may cite', () => {
  it('are every priority product’s unmet need, the technologies and the barriers, without “other” and “none”', () => {
    const group = (name: string) => topicMeasures.filter((m) => m.group === name).map((m) => m.measure);
    expect(group('unmet')).toHaveLength(priorityProducts.length);
    expect(group('tech')).toContain('tech.blind_navigation');
    expect(group('barrier')).toContain('barrier.cost');
    expect(topicMeasures.some((m) => /\.(other|none)$/.test(m.measure))).toBe(false);
    expect(topicMeasure('unmet.apl04')?.label.zh).toBe('电动轮椅');
    expect(topicMeasure('barrier.cost')?.label.en).toBe('I cannot afford them');
    expect(topicMeasure('wgss.identified')).toBeUndefined();
  });

  it('are keys the survey tallies', () => {
    const counted = measuresOf({
      products_needed: ['apl04'],
      barriers: ['cost'],
      tech_needs: ['smart_mobility'],
    });
    for (const key of ['unmet.apl04', 'barrier.cost', 'tech.smart_mobility']) {
      expect(counted).toContain(key);
      expect(topicMeasure(key)).toBeDefined();
    }
  });
});

describe('a topic’s evidence', () => {
  const evidence = needEvidence(
    topic,
    [
      campaign('a', 100, { 'unmet.apl04': 30, 'barrier.cost': 50, 'unmet.apl01': 9 }, { 轮椅: 12, 导航: 4 }),
      campaign('b', 40, { 'unmet.apl04': 3 }, { 楼梯: 2 }),
      campaign('empty', 0, {}),
    ],
    [
      followUp('1223', {
        followedUp: 10,
        abandoned: 2,
        discomfort: 1,
        broken: 3,
        repairNeeded: 2,
        noLongerNeeded: 1,
      }),
      followUp('1223', { followedUp: 5, abandoned: 1, poorFit: 2 }),
      followUp('1222', { followedUp: 50, abandoned: 40 }),
    ],
  );

  it('gives each campaign with responses its figures, in the topic’s order, zero where nothing was counted', () => {
    expect(evidence.survey.campaigns.map((c) => c.campaignId)).toEqual(['a', 'b']);
    expect(evidence.survey.campaigns[1]).toMatchObject({
      respondents: 40,
      measures: [
        { measure: 'unmet.apl04', respondents: 3 },
        { measure: 'barrier.cost', respondents: 0 },
      ],
      keywords: [
        { term: '轮椅', respondents: 0 },
        { term: '楼梯', respondents: 2 },
      ],
    });
  });

  it('adds the campaigns up, per measure and keyword and in mentions', () => {
    expect(evidence.survey.measures).toEqual([
      { measure: 'unmet.apl04', respondents: 33 },
      { measure: 'barrier.cost', respondents: 50 },
    ]);
    expect(evidence.survey.keywords).toEqual([
      { term: '轮椅', respondents: 12 },
      { term: '楼梯', respondents: 2 },
    ]);
    expect(evidence.survey.measureMentions).toBe(83);
    expect(evidence.survey.keywordMentions).toBe(14);
  });

  it('counts the follow-ups of the topic’s classes only, in every district', () => {
    expect(evidence.followUp).toEqual({
      followedUp: 15,
      abandoned: 3,
      discomfort: 1,
      poorFit: 2,
      broken: 3,
      noLongerNeeded: 1,
      repairNeeded: 2,
      problemReports: 8,
    });
  });

  it('has no follow-up evidence without ISO classes, and no survey evidence without campaigns', () => {
    const none = needEvidence({ ...topic, isoClasses: [] }, [], [followUp('1223', { followedUp: 9 })]);
    expect(none.followUp.followedUp).toBe(0);
    expect(none.survey).toEqual({
      campaigns: [],
      measures: [
        { measure: 'unmet.apl04', respondents: 0 },
        { measure: 'barrier.cost', respondents: 0 },
      ],
      keywords: [
        { term: '轮椅', respondents: 0 },
        { term: '楼梯', respondents: 0 },
      ],
      measureMentions: 0,
      keywordMentions: 0,
    });
  });
});

describe('the figures a topic shows', () => {
  const k = evidenceKeys;
  const campaigns = [
    campaign('a', 100, { 'unmet.apl04': 3, 'barrier.cost': 50 }, { 轮椅: 40 }),
    campaign('b', 40, { 'unmet.apl04': 30, 'barrier.cost': 0 }, { 轮椅: 2, 楼梯: 6 }),
  ];
  const followUps = [
    followUp('1223', { followedUp: 20, abandoned: 6, discomfort: 2, broken: 7, poorFit: 5 }),
  ];
  const evidence = new Map([['t1', needEvidence(topic, campaigns, followUps)]]);
  const figures = suppressEvidence(evidence);

  it('withhold 1 to 4, and one more figure where a total would give the small one away', () => {
    expect(figures.suppression(k.measure('unmet.apl04', 'a'))).toBe('small');
    // 33 for all campaigns less b's 30 would be a's 3: b's is withheld too.
    expect(figures.suppression(k.measure('unmet.apl04', 'b'))).toBe('hidden');
    expect(figures.count(k.measure('unmet.apl04', 'all'))).toBe(33);
    expect(figures.count(k.measure('barrier.cost', 'b'))).toBe(0);
    expect(figures.suppression(k.term('轮椅', 'b'))).toBe('small');
    expect(figures.suppression(k.term('轮椅', 'a'))).toBe('hidden');
    expect(figures.count(k.measureMentions('t1'))).toBe(83);
    expect(figures.count(k.keywordMentions('t1'))).toBe(48);
  });

  it('withhold a problem kind, and another, so the problem reports do not give it away', () => {
    expect(figures.suppression(k.followUp('t1', 'discomfort'))).toBe('small');
    expect(figures.suppression(k.followUp('t1', 'poorFit'))).toBe('hidden');
    expect(figures.count(k.followUp('t1', 'problemReports'))).toBe(14);
    expect(figures.count(k.followUp('t1', 'broken'))).toBe(7);
  });

  it('withhold a figure two topics share alike in both', () => {
    const both = suppressEvidence(
      new Map([
        ['t1', needEvidence(topic, campaigns, [])],
        ['t2', needEvidence({ measures: ['unmet.apl04'], keywords: [], isoClasses: [] }, campaigns, [])],
      ]),
    );
    expect(both.suppression(k.measure('unmet.apl04', 'b'))).toBe('hidden');
    expect(both.count(k.measureMentions('t2'))).toBe(33);
  });
});
