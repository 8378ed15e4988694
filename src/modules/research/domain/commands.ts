import { FieldReader, idsOf, isCalendarDay, longText, type Problem, type Read, shortText } from './fields.ts';
import { type ProjectCommand, projectCommands, type ReviewDecision, reviewDecisions } from './projectFlow.ts';

/** The commands given to a project after it was proposed, with what each one needs. */
export type CommandInput =
  | { readonly command: 'pass_screening'; readonly note: string }
  | { readonly command: 'not_accept' | 'stop'; readonly reason: string }
  | { readonly command: 'withdraw'; readonly reason: string }
  | {
      readonly command: 'record_review';
      /** The panel's score, 0 to 100. */
      readonly score: number;
      readonly opinion: string;
      readonly decision: ReviewDecision;
    }
  | { readonly command: 'fund'; readonly source: string; readonly amountFen: number }
  | { readonly command: 'start' }
  | { readonly command: 'add_milestone'; readonly title: string; readonly dueOn: string }
  | { readonly command: 'complete_milestone'; readonly milestoneId: string; readonly note: string }
  | {
      readonly command: 'complete';
      /** What the project achieved, in words. */
      readonly summary: string;
      /** Published catalog products that came of it. */
      readonly productIds: readonly string[];
      readonly patents: string;
      readonly standards: string;
    };

export type GivenCommand = Exclude<ProjectCommand, 'propose'>;

/** The commands given to a project once it exists (proposing it has its own form). */
export const givenCommands = projectCommands.filter((c): c is GivenCommand => c !== 'propose');

/** Each command's form fields, in the order the form shows them. */
export const commandFields: Readonly<Record<GivenCommand, readonly string[]>> = {
  pass_screening: ['note'],
  not_accept: ['reason'],
  record_review: ['score', 'opinion', 'decision'],
  fund: ['source', 'amount'],
  start: [],
  add_milestone: ['title', 'dueOn'],
  complete_milestone: ['milestone', 'note'],
  complete: ['summary', 'products', 'patents', 'standards'],
  stop: ['reason'],
  withdraw: ['reason'],
};

const tooLong = (field: string, value: string, max: number): Problem[] =>
  [...value].length > max ? [{ field, key: 'tooLong', params: { max } }] : [];
const required = (field: string, value: string): Problem[] =>
  value.trim() === '' ? [{ field, key: 'required' }] : [];

/**
 * What is wrong with a command however it was given (a form, the API, the
 * demo), by form field (the amount is the form's `amount`, in yuan there). What only the database knows (a milestone's owner, a
 * product's status) the service checks.
 */
export function commandProblems(input: CommandInput): Problem[] {
  switch (input.command) {
    case 'pass_screening':
      return tooLong('note', input.note, longText);
    case 'not_accept':
    case 'stop':
      return [...required('reason', input.reason), ...tooLong('reason', input.reason, longText)];
    case 'withdraw':
      return tooLong('reason', input.reason, longText);
    case 'record_review':
      return [
        ...(Number.isInteger(input.score) && input.score >= 0 && input.score <= 100
          ? []
          : [{ field: 'score', key: 'score' }]),
        ...required('opinion', input.opinion),
        ...tooLong('opinion', input.opinion, longText),
        ...(reviewDecisions.includes(input.decision) ? [] : [{ field: 'decision', key: 'invalid' }]),
      ];
    case 'fund':
      return [
        ...required('source', input.source),
        ...tooLong('source', input.source, shortText),
        ...(Number.isSafeInteger(input.amountFen) && input.amountFen > 0
          ? []
          : [{ field: 'amount', key: 'amount' }]),
      ];
    case 'start':
      return [];
    case 'add_milestone':
      return [
        ...required('title', input.title),
        ...tooLong('title', input.title, shortText),
        ...(isCalendarDay(input.dueOn) ? [] : [{ field: 'dueOn', key: 'date' }]),
      ];
    case 'complete_milestone':
      return [...required('milestone', input.milestoneId), ...tooLong('note', input.note, longText)];
    case 'complete':
      return [
        ...required('summary', input.summary),
        ...tooLong('summary', input.summary, longText),
        ...tooLong('patents', input.patents, longText),
        ...tooLong('standards', input.standards, longText),
      ];
  }
}

/** What was typed into a command's form, by field name; ticked boxes may repeat a name. */
export type CommandValues = Readonly<Record<string, string | readonly string[] | undefined>>;

const one = (value: string | readonly string[] | undefined): string =>
  typeof value === 'string' ? value : (value?.[0] ?? '');
const many = (value: string | readonly string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : [...value];

/** The command from its form, or every mistake found on it. */
export function readCommandForm(command: GivenCommand, values: CommandValues): Read<CommandInput> {
  const r = new FieldReader();
  const text = (field: string, max: number, need = true) => r.text(field, one(values[field]), max, need);
  const finish = (input: CommandInput): Read<CommandInput> => {
    for (const p of commandProblems(input)) if (!r.has(p.field)) r.add(p.field, p.key, p.params);
    return r.done(input);
  };
  switch (command) {
    case 'pass_screening':
      return finish({ command, note: text('note', longText, false) });
    case 'not_accept':
    case 'stop':
      return finish({ command, reason: text('reason', longText) });
    case 'withdraw':
      return finish({ command, reason: text('reason', longText, false) });
    case 'record_review': {
      const score = r.whole('score', one(values.score), 0, 100, 'score');
      const opinion = text('opinion', longText);
      const decision = r.choice('decision', one(values.decision), reviewDecisions);
      return finish({ command, score: score ?? 0, opinion, decision: decision ?? 'not_accept' });
    }
    case 'fund': {
      const source = text('source', shortText);
      const amountFen = r.yuan('amount', one(values.amount));
      if (amountFen === 0) r.add('amount', 'amount');
      return finish({ command, source, amountFen: amountFen ?? 0 });
    }
    case 'start':
      return finish({ command });
    case 'add_milestone': {
      const title = text('title', shortText);
      const dueOn = r.day('dueOn', one(values.dueOn));
      return finish({ command, title, dueOn: dueOn === '' ? '0000-00-00' : dueOn });
    }
    case 'complete_milestone': {
      const [milestoneId = ''] = idsOf(r, 'milestone', [one(values.milestone)]);
      if (milestoneId === '' && !r.has('milestone')) r.add('milestone', 'required');
      return finish({ command, milestoneId, note: text('note', longText, false) });
    }
    case 'complete':
      return finish({
        command,
        summary: text('summary', longText),
        productIds: idsOf(r, 'products', many(values.products)),
        patents: text('patents', longText, false),
        standards: text('standards', longText, false),
      });
  }
}
