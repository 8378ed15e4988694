import type { ComponentChildren, VNode } from 'preact';
import { Button, ButtonGroup } from './button.tsx';
import { CsrfField, ErrorMessage } from './formParts.tsx';

export interface CommandFormProps {
  /** The command's name, unique on the page: the heading's id is `<name>-heading`. */
  name: string;
  /** The command in words: the form's heading and its button. */
  text: string;
  /** Where the form posts. */
  action: string;
  /** The record's version as shown, so a command on a record changed meanwhile is refused. */
  version: number;
  csrf: string;
  /** What the command does, said before its fields. */
  lead?: string | undefined;
  /** Where a problem that belongs to none of the fields is shown (the error summary links to it). */
  problemId: string;
  problem: string | undefined;
  errorPrefix: string;
  /** A command that cannot be undone (reject, stop, withdraw) has a warning button. */
  warning?: boolean | undefined;
  className?: string | undefined;
  children?: ComponentChildren;
  /**
   * A second button beside the command's own ("add another product"). It comes after the command's
   * button in the form, so pressing Enter in a field gives the command, not this.
   */
  secondary?: ComponentChildren;
}

/**
 * One command on a record's page: a heading, then a form posting to the
 * command's address with the record's version and the CSRF token.
 */
export function CommandForm(props: CommandFormProps): VNode {
  const headingId = `${props.name}-heading`;
  const own = (
    <Button variant={props.warning ? 'warning' : 'primary'} preventDoubleClick>
      {props.text}
    </Button>
  );
  return (
    <section class={props.className} aria-labelledby={headingId}>
      <h3 class="fj-heading-s" id={headingId}>
        {props.text}
      </h3>
      {props.lead !== undefined && <p class="fj-body">{props.lead}</p>}
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="version" value={String(props.version)} />
        {props.problem !== undefined && (
          <div class="fj-form-group fj-form-group--error" id={props.problemId}>
            <ErrorMessage fieldId={props.problemId} message={props.problem} prefix={props.errorPrefix} />
          </div>
        )}
        {props.children}
        {props.secondary === undefined ? (
          own
        ) : (
          <ButtonGroup>
            {own}
            {props.secondary}
          </ButtonGroup>
        )}
      </form>
    </section>
  );
}

export interface CommandFormListProps<C extends string> {
  heading: string;
  /** The heading's id: a page's "jump to what you can do" link points at it. */
  headingId?: string;
  /** The commands the reader may give now, in the order shown. */
  commands: readonly C[];
  /** One command's form. */
  form: (command: C) => VNode | null;
}

/** Every command the reader may give now, each its own form, set apart by a rule; nothing when there is none. */
export function CommandFormList<C extends string>({
  heading,
  headingId = 'commands-heading',
  commands,
  form,
}: CommandFormListProps<C>): VNode | null {
  if (commands.length === 0) return null;
  return (
    <section aria-labelledby={headingId}>
      <h2 class="fj-heading-m" id={headingId}>
        {heading}
      </h2>
      {commands.map((command, index) => (
        <div key={command}>
          {index > 0 && <hr class="fj-section-rule" />}
          {form(command)}
        </div>
      ))}
    </section>
  );
}
