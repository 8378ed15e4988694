import type { ComponentChildren, VNode } from 'preact';

export interface ErrorSummaryItem {
  /** Link to the field in error, e.g. "#apply-name" (for date inputs: the first field in error). */
  href: string;
  /** Same wording as the error message next to the field. */
  text: string;
}

export interface ErrorSummaryProps {
  /** Heading, e.g. "存在问题" / "There is a problem". */
  title: string;
  errors: readonly ErrorSummaryItem[];
  /** Optional text under the heading. */
  description?: ComponentChildren;
  id?: string;
  /** Heading level of the title; 2 by default (the page h1 follows or precedes it). */
  headingLevel?: 2 | 3;
}

/**
 * Shown at the top of the page after a failed submission. `data-module="error-summary"` lets the page
 * script move focus to it on load (tabindex=-1 makes it focusable); role="alert" announces it otherwise.
 * The page title should also be prefixed (e.g. "错误：") by the page itself.
 */
export function ErrorSummary({ title, errors, description, id, headingLevel = 2 }: ErrorSummaryProps): VNode {
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div class="fj-error-summary" id={id} role="alert" tabindex={-1} data-module="error-summary">
      <Heading class="fj-error-summary__title">{title}</Heading>
      <div class="fj-error-summary__body">
        {description !== undefined && description !== null && description !== '' ? (
          <p class="fj-error-summary__description">{description}</p>
        ) : null}
        <ul class="fj-error-summary__list">
          {errors.map((item) => (
            <li key={item.href}>
              <a href={item.href}>{item.text}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
