import { FieldReader, idsOf, isCalendarDay, longText, type Problem, type Read, shortText } from './fields.ts';

/** An enterprise challenge (企业出题): a problem an organisation asks researchers to solve, by a closing day. */
export interface ChallengeDraft {
  readonly title: string;
  readonly description: string;
  readonly needTopicIds: readonly string[];
  /** What the organisation offers towards a solution, in fen; null when it does not say. */
  readonly budgetFen: number | null;
  readonly closesOn: string;
}

export interface ChallengeForm {
  readonly organisation: string;
  readonly title: string;
  readonly description: string;
  readonly needTopics: readonly string[];
  readonly budget: string;
  readonly closesOn: string;
}

export const challengeFields = [
  'organisation',
  'title',
  'description',
  'needTopics',
  'budget',
  'closesOn',
] as const;

export const challengeStatuses = ['open', 'closed'] as const;
export type ChallengeStatus = (typeof challengeStatuses)[number];

/**
 * Whether a challenge takes proposals on a day: an open one stops on its own
 * after its closing day, without anyone having to close it.
 */
export const isAccepting = (
  c: { readonly status: ChallengeStatus; readonly closesOn: string },
  today: string,
) => c.status === 'open' && c.closesOn >= today;

/** The rules of a challenge however it was made: its texts given, a real closing day, not before today (it could take no proposal). */
export function challengeProblems(c: ChallengeDraft, today: string): Problem[] {
  const problems: Problem[] = [];
  for (const [field, text, max] of [
    ['title', c.title, shortText],
    ['description', c.description, longText],
  ] as const) {
    if (text.trim() === '') problems.push({ field, key: 'required' });
    else if ([...text].length > max) problems.push({ field, key: 'tooLong', params: { max } });
  }
  if (!isCalendarDay(c.closesOn)) problems.push({ field: 'closesOn', key: 'date' });
  else if (c.closesOn < today) problems.push({ field: 'closesOn', key: 'past' });
  if (c.budgetFen !== null && (!Number.isSafeInteger(c.budgetFen) || c.budgetFen < 0))
    problems.push({ field: 'budget', key: 'amount' });
  return problems;
}

/** The challenge and the organisation it is posted for (empty when the form offers no choice), or every mistake. */
export function readChallenge(
  form: ChallengeForm,
  today: string,
): Read<{ organisationId: string | null; draft: ChallengeDraft }> {
  const r = new FieldReader();
  const organisationId = idsOf(r, 'organisation', [form.organisation])[0] ?? null;
  const title = r.text('title', form.title, shortText);
  const description = r.text('description', form.description, longText);
  const needTopicIds = idsOf(r, 'needTopics', form.needTopics);
  const budgetFen = r.yuan('budget', form.budget, false);
  const closesOn = r.day('closesOn', form.closesOn);
  const draft = { title, description, needTopicIds, budgetFen, closesOn };
  if (closesOn !== '') for (const p of challengeProblems(draft, today)) r.add(p.field, p.key);
  return r.done({ organisationId, draft });
}
