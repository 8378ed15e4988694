import { describe, expect, it } from 'vitest';
import { challengeProblems, readChallenge } from './challenge.ts';
import { commandProblems, readCommandForm } from './commands.ts';
import { type ProposalForm, proposalProblems, readProposal } from './proposal.ts';

const topic = '6f1c2f8e-4a8b-4c8e-9a59-3d2b1c0e9f11';

const filled: ProposalForm = {
  challenge: '',
  title: '可折叠爬楼装置',
  summary: '研制可折叠的爬楼装置',
  needTopics: [topic],
  team: '示例研究员',
  trlNow: '3',
  trlTarget: '6',
  budget: '1,200,000.50',
  startsOn: '2026-10-01',
  endsOn: '２０２７-０９-３０',
  expectedResults: '样机一套',
};

const fields = (problems: readonly { field: string; key: string }[]) =>
  problems.map((p) => `${p.field}:${p.key}`);

describe('reading a proposal', () => {
  it('takes a filled form: yuan to fen, full-width digits, ticked topics', () => {
    const read = readProposal(filled);
    expect(read.problems).toEqual([]);
    expect(read.value).toMatchObject({
      budgetFen: 120_000_050,
      trlNow: 3,
      trlTarget: 6,
      endsOn: '2027-09-30',
      needTopicIds: [topic],
      challengeId: null,
    });
  });

  it('names every missing answer at once', () => {
    const empty = Object.fromEntries(
      Object.keys(filled).map((k) => [k, k === 'needTopics' ? [] : '']),
    ) as unknown;
    expect(fields(readProposal(empty as ProposalForm).problems)).toEqual([
      'title:required',
      'summary:required',
      'team:required',
      'trlNow:required',
      'trlTarget:required',
      'budget:required',
      'startsOn:required',
      'endsOn:required',
      'expectedResults:required',
    ]);
  });

  it('refuses a target below today, an end before the start, an amount that is not one, a level out of range', () => {
    expect(fields(readProposal({ ...filled, trlNow: '6', trlTarget: '4' }).problems)).toEqual([
      'trlTarget:trlBelowNow',
    ]);
    expect(fields(readProposal({ ...filled, endsOn: '2026-09-30' }).problems)).toEqual([
      'endsOn:endsBeforeStarts',
    ]);
    expect(fields(readProposal({ ...filled, budget: '12万' }).problems)).toEqual(['budget:amount']);
    expect(fields(readProposal({ ...filled, budget: '-5' }).problems)).toEqual(['budget:amount']);
    expect(fields(readProposal({ ...filled, trlNow: '10' }).problems)).toEqual(['trlNow:trl']);
    expect(fields(readProposal({ ...filled, startsOn: '2026-02-30' }).problems)).toEqual(['startsOn:date']);
    expect(fields(readProposal({ ...filled, needTopics: ['not-an-id'] }).problems)).toEqual([
      'needTopics:invalid',
    ]);
    expect(readProposal({ ...filled, title: '长'.repeat(201) }).problems).toEqual([
      { field: 'title', key: 'tooLong', params: { max: 200 } },
    ]);
  });

  it('checks a proposal made in code by the same rules', () => {
    const value = readProposal(filled).value;
    if (value === undefined) throw new Error('the filled form should read');
    expect(proposalProblems(value)).toEqual([]);
    expect(fields(proposalProblems({ ...value, trlTarget: 2 }))).toEqual(['trlTarget:trlBelowNow']);
    expect(fields(proposalProblems({ ...value, budgetFen: 1.5 }))).toEqual(['budget:amount']);
    expect(fields(proposalProblems({ ...value, summary: ' ', endsOn: '2026-02-30' }))).toEqual([
      'summary:required',
      'endsOn:date',
    ]);
  });
});

describe('reading a challenge', () => {
  const form = {
    organisation: '',
    title: '爬楼辅助装置',
    description: '老旧小区没有电梯',
    needTopics: [topic],
    budget: '',
    closesOn: '2026-12-31',
  };

  it('takes an optional budget and a closing day from today on', () => {
    const read = readChallenge(form, '2026-12-31');
    expect(read.problems).toEqual([]);
    expect(read.value).toEqual({
      organisationId: null,
      draft: {
        title: '爬楼辅助装置',
        description: '老旧小区没有电梯',
        needTopicIds: [topic],
        budgetFen: null,
        closesOn: '2026-12-31',
      },
    });
    expect(readChallenge({ ...form, budget: '¥300000' }, '2026-01-01').value?.draft.budgetFen).toBe(
      30_000_000,
    );
  });

  it('checks a challenge made in code by the same rules', () => {
    const draft = readChallenge(form, '2026-01-01').value?.draft;
    if (draft === undefined) throw new Error('the form should read');
    expect(fields(challengeProblems({ ...draft, description: '' }, '2026-01-01'))).toEqual([
      'description:required',
    ]);
    expect(fields(challengeProblems({ ...draft, closesOn: 'soon' }, '2026-01-01'))).toEqual([
      'closesOn:date',
    ]);
  });

  it('refuses a closing day in the past and a malformed budget', () => {
    expect(fields(readChallenge(form, '2027-01-01').problems)).toEqual(['closesOn:past']);
    expect(fields(readChallenge({ ...form, budget: 'abc' }, '2026-01-01').problems)).toEqual([
      'budget:amount',
    ]);
  });
});

describe('reading a command form', () => {
  it('reads a review: score, opinion and decision, each named when missing or wrong', () => {
    expect(
      readCommandForm('record_review', { score: '86', opinion: '好', decision: 'reserve' }).value,
    ).toEqual({
      command: 'record_review',
      score: 86,
      opinion: '好',
      decision: 'reserve',
    });
    expect(fields(readCommandForm('record_review', {}).problems)).toEqual([
      'score:required',
      'opinion:required',
      'decision:required',
    ]);
    expect(
      fields(readCommandForm('record_review', { score: '101', opinion: '好', decision: 'maybe' }).problems),
    ).toEqual(['score:score', 'decision:invalid']);
  });

  it('reads funding in yuan and refuses nothing funded', () => {
    expect(readCommandForm('fund', { source: '市科技计划', amount: '300000' }).value).toEqual({
      command: 'fund',
      source: '市科技计划',
      amountFen: 30_000_000,
    });
    expect(fields(readCommandForm('fund', { source: '市科技计划', amount: '0' }).problems)).toEqual([
      'amount:amount',
    ]);
  });

  it('needs a reason to refuse or stop, not to withdraw', () => {
    expect(fields(readCommandForm('not_accept', { reason: ' ' }).problems)).toEqual(['reason:required']);
    expect(fields(readCommandForm('stop', {}).problems)).toEqual(['reason:required']);
    expect(readCommandForm('withdraw', {}).value).toEqual({ command: 'withdraw', reason: '' });
  });

  it('reads milestones and completion, ticked products as a list', () => {
    expect(fields(readCommandForm('add_milestone', { title: '样机', dueOn: '2026-13-01' }).problems)).toEqual(
      ['dueOn:date'],
    );
    expect(fields(readCommandForm('complete_milestone', {}).problems)).toEqual(['milestone:required']);
    expect(readCommandForm('complete', { summary: '完成', products: [topic, topic] }).value).toEqual({
      command: 'complete',
      summary: '完成',
      productIds: [topic],
      patents: '',
      standards: '',
    });
  });

  it('checks a command given in code by the same rules', () => {
    expect(
      fields(commandProblems({ command: 'record_review', score: 50.5, opinion: '', decision: 'reserve' })),
    ).toEqual(['score:score', 'opinion:required']);
    expect(fields(commandProblems({ command: 'add_milestone', title: '样机', dueOn: '2026-02-30' }))).toEqual(
      ['dueOn:date'],
    );
  });
});
