import { FieldReader, idsOf, isCalendarDay, longText, type Problem, type Read, shortText } from './fields.ts';
import { isTrl, type Trl } from './projectFlow.ts';

/** What a team proposes (申报): the project as the reserve pool records it. */
export interface Proposal {
  readonly title: string;
  readonly summary: string;
  readonly needTopicIds: readonly string[];
  /** The enterprise challenge it answers, if any. */
  readonly challengeId: string | null;
  /** Who does the work: the members and their parts, as the team wants them shown. */
  readonly team: string;
  readonly trlNow: Trl;
  readonly trlTarget: Trl;
  readonly budgetFen: number;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly expectedResults: string;
}

/** The proposal form as typed: every field a string, the ticked topics a list. */
export interface ProposalForm {
  readonly challenge: string;
  readonly title: string;
  readonly summary: string;
  readonly needTopics: readonly string[];
  readonly team: string;
  readonly trlNow: string;
  readonly trlTarget: string;
  readonly budget: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly expectedResults: string;
}

/** The form fields in the order the page shows them, so the error summary lists problems in that order. */
export const proposalFields = [
  'challenge',
  'title',
  'summary',
  'needTopics',
  'team',
  'trlNow',
  'trlTarget',
  'budget',
  'startsOn',
  'endsOn',
  'expectedResults',
] as const;

/**
 * The rules of a proposal however it was made (the form, the demo): its texts
 * given and not too long, real days, a target level no lower than today's,
 * an end after the start.
 */
export function proposalProblems(p: Proposal): Problem[] {
  const problems: Problem[] = [];
  for (const [field, text, max] of [
    ['title', p.title, shortText],
    ['summary', p.summary, longText],
    ['team', p.team, longText],
    ['expectedResults', p.expectedResults, longText],
  ] as const) {
    if (text.trim() === '') problems.push({ field, key: 'required' });
    else if ([...text].length > max) problems.push({ field, key: 'tooLong', params: { max } });
  }
  const days = isCalendarDay(p.startsOn) && isCalendarDay(p.endsOn);
  if (!isCalendarDay(p.startsOn)) problems.push({ field: 'startsOn', key: 'date' });
  if (!isCalendarDay(p.endsOn)) problems.push({ field: 'endsOn', key: 'date' });
  if (!isTrl(p.trlNow)) problems.push({ field: 'trlNow', key: 'trl' });
  if (!isTrl(p.trlTarget)) problems.push({ field: 'trlTarget', key: 'trl' });
  else if (p.trlTarget < p.trlNow) problems.push({ field: 'trlTarget', key: 'trlBelowNow' });
  if (!Number.isSafeInteger(p.budgetFen) || p.budgetFen < 0)
    problems.push({ field: 'budget', key: 'amount' });
  if (days && p.endsOn < p.startsOn) problems.push({ field: 'endsOn', key: 'endsBeforeStarts' });
  return problems;
}

/** The proposal from its form, or every mistake found on it (what only the database knows is checked later). */
export function readProposal(form: ProposalForm): Read<Proposal> {
  const r = new FieldReader();
  const challenge = idsOf(r, 'challenge', [form.challenge])[0] ?? null;
  const title = r.text('title', form.title, shortText);
  const summary = r.text('summary', form.summary, longText);
  const needTopicIds = idsOf(r, 'needTopics', form.needTopics);
  const team = r.text('team', form.team, longText);
  const trlNow = r.whole('trlNow', form.trlNow, 1, 9, 'trl');
  const trlTarget = r.whole('trlTarget', form.trlTarget, 1, 9, 'trl');
  const budgetFen = r.yuan('budget', form.budget);
  const startsOn = r.day('startsOn', form.startsOn);
  const endsOn = r.day('endsOn', form.endsOn);
  const expectedResults = r.text('expectedResults', form.expectedResults, longText);
  if (trlNow !== null && trlTarget !== null && trlTarget < trlNow) r.add('trlTarget', 'trlBelowNow');
  if (startsOn !== '' && endsOn !== '' && endsOn < startsOn) r.add('endsOn', 'endsBeforeStarts');
  return r.done({
    title,
    summary,
    needTopicIds,
    challengeId: challenge,
    team,
    trlNow: (trlNow ?? 1) as Trl,
    trlTarget: (trlTarget ?? 1) as Trl,
    budgetFen: budgetFen ?? 0,
    startsOn,
    endsOn,
    expectedResults,
  });
}
