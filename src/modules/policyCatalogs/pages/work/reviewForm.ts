import { type Criterion, criteria, type Scores } from '../../domain/admission.ts';
import { halfWidthDigits, trimmed } from '../shared.tsx';

/** A panel member's two forms: the declaration of interests, then the scores. */

export const maxStatement = 1000;
export const maxComment = 2000;

const length = (value: string) => [...value].length;

export type ReviewProblemKey =
  | 'err_conflictChoose'
  | 'err_statementRequired'
  | 'err_statementTooLong'
  | 'err_scoreRequired'
  | 'err_scoreFormat'
  | 'err_commentRequired'
  | 'err_commentTooLong';

export interface ReviewProblem {
  readonly field: string;
  readonly key: ReviewProblemKey;
  /** The criterion a score problem is about. */
  readonly criterion?: Criterion;
}

export interface DeclarationForm {
  readonly hasConflict: string;
  readonly statement: string;
}

export const declarationFormOf = (body: Readonly<Record<string, unknown>>): DeclarationForm => ({
  hasConflict: trimmed(body.hasConflict),
  statement: trimmed(body.statement),
});

/** The declaration, or what is wrong with it: a conflict must be explained. */
export function readDeclaration(
  form: DeclarationForm,
):
  | { declaration: { hasConflict: boolean; statement: string }; problems: [] }
  | { declaration: undefined; problems: ReviewProblem[] } {
  if (form.hasConflict !== 'yes' && form.hasConflict !== 'no')
    return { declaration: undefined, problems: [{ field: 'hasConflict', key: 'err_conflictChoose' }] };
  const hasConflict = form.hasConflict === 'yes';
  if (hasConflict && form.statement === '')
    return { declaration: undefined, problems: [{ field: 'statement', key: 'err_statementRequired' }] };
  if (hasConflict && length(form.statement) > maxStatement)
    return { declaration: undefined, problems: [{ field: 'statement', key: 'err_statementTooLong' }] };
  // With no conflict there is nothing to explain: a statement typed anyway is not kept.
  return { declaration: { hasConflict, statement: hasConflict ? form.statement : '' }, problems: [] };
}

export interface ScoresForm {
  readonly scores: Readonly<Record<Criterion, string>>;
  readonly comment: string;
}

export const scoresFormOf = (body: Readonly<Record<string, unknown>>): ScoresForm => ({
  scores: Object.fromEntries(criteria.map((c) => [c, trimmed(body[c])])) as Record<Criterion, string>,
  comment: trimmed(body.comment),
});

/** Each score a whole number 0-100, and a comment: or every mistake, in the order of the fields. */
export function readScores(
  form: ScoresForm,
): { scores: Scores; comment: string; problems: [] } | { scores: undefined; problems: ReviewProblem[] } {
  const problems: ReviewProblem[] = [];
  const scores: Partial<Record<Criterion, number>> = {};
  for (const criterion of criteria) {
    const typed = halfWidthDigits(form.scores[criterion]);
    if (typed === '') problems.push({ field: criterion, key: 'err_scoreRequired', criterion });
    else if (!/^\d{1,3}$/.test(typed) || Number(typed) > 100)
      problems.push({ field: criterion, key: 'err_scoreFormat', criterion });
    else scores[criterion] = Number(typed);
  }
  if (form.comment === '') problems.push({ field: 'comment', key: 'err_commentRequired' });
  else if (length(form.comment) > maxComment) problems.push({ field: 'comment', key: 'err_commentTooLong' });
  if (problems.length > 0) return { scores: undefined, problems };
  return { scores: scores as Scores, comment: form.comment, problems: [] };
}
