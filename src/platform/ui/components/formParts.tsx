import type { ComponentChildren, VNode } from 'preact';

/**
 * Shared building blocks for the form components (label, hint, error message,
 * fieldset) plus two small helpers. They carry no UI text of their own.
 */

/** Joins class names, skipping empty / false values. */
export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter((name): name is string => typeof name === 'string' && name.length > 0).join(' ');
}

/** Joins ids for aria-describedby; returns undefined (no attribute) when there are none. */
export function joinIds(...ids: Array<string | false | null | undefined>): string | undefined {
  const joined = classNames(...ids);
  return joined.length > 0 ? joined : undefined;
}

export type LabelSize = 's' | 'm' | 'l' | 'xl';

export interface LabelProps {
  /** id of the control this label is for. */
  for: string;
  text: string;
  /** Wraps the label in an <h1> so it doubles as the page heading (one question per page). */
  isPageHeading?: boolean;
  size?: LabelSize;
}

export function Label({ for: htmlFor, text, isPageHeading = false, size }: LabelProps): VNode {
  const effectiveSize = size ?? (isPageHeading ? 'l' : undefined);
  const label = (
    <label class={classNames('fj-label', effectiveSize && `fj-label--${effectiveSize}`)} for={htmlFor}>
      {text}
    </label>
  );
  return isPageHeading ? <h1 class="fj-label-wrapper">{label}</h1> : label;
}

export interface HintProps {
  id: string;
  children: ComponentChildren;
  className?: string;
}

export function Hint({ id, children, className }: HintProps): VNode {
  return (
    <div class={classNames('fj-hint', className)} id={id}>
      {children}
    </div>
  );
}

export interface ErrorMessageProps {
  /** The id of the field; the message gets id `{id}-error`. */
  fieldId: string;
  message: string;
  /** Visually hidden prefix read by screen readers, e.g. "错误：" or "Error:". */
  prefix?: string;
}

/** `<p class="fj-error-message" id="{id}-error"><span class="fj-visually-hidden">{prefix}</span>{message}</p>` */
export function ErrorMessage({ fieldId, message, prefix }: ErrorMessageProps): VNode {
  return (
    <p class="fj-error-message" id={errorId(fieldId)}>
      {prefix !== undefined && prefix !== '' ? <span class="fj-visually-hidden">{prefix}</span> : null}
      {message}
    </p>
  );
}

export function errorId(fieldId: string): string {
  return `${fieldId}-error`;
}

export function hintId(fieldId: string): string {
  return `${fieldId}-hint`;
}

export interface FieldsetProps {
  legend: string;
  legendIsPageHeading?: boolean;
  legendSize?: LabelSize;
  describedBy?: string | undefined;
  /** role="group" is used by the date input (helps some screen readers announce the legend). */
  role?: 'group';
  children: ComponentChildren;
}

export function Fieldset({
  legend,
  legendIsPageHeading = false,
  legendSize,
  describedBy,
  role,
  children,
}: FieldsetProps): VNode {
  const size = legendSize ?? (legendIsPageHeading ? 'l' : undefined);
  return (
    <fieldset class="fj-fieldset" aria-describedby={describedBy} role={role}>
      <legend class={classNames('fj-fieldset__legend', size && `fj-fieldset__legend--${size}`)}>
        {legendIsPageHeading ? <h1 class="fj-fieldset__heading">{legend}</h1> : legend}
      </legend>
      {children}
    </fieldset>
  );
}

/** Fixed (character-based) and fluid widths shared by text inputs, selects and textareas. */
export type FieldWidth =
  | '2'
  | '3'
  | '4'
  | '5'
  | '10'
  | '20'
  | '30'
  | 'full'
  | 'three-quarters'
  | 'two-thirds'
  | 'one-half'
  | 'one-third'
  | 'one-quarter';

export function widthClass(width: FieldWidth | undefined): string | undefined {
  return width === undefined ? undefined : `fj-field--width-${width}`;
}

/** A divider between radio or checkbox options, e.g. { divider: '或' }. */
export interface ChoiceDivider {
  divider: string;
}

export function isDivider<T extends object>(item: T | ChoiceDivider): item is ChoiceDivider {
  return 'divider' in item;
}

/** First option gets the bare id (error summary target), later options `{idPrefix}-{position}`. */
export function choiceItemId(idPrefix: string, position: number): string {
  return position === 1 ? idPrefix : `${idPrefix}-${position}`;
}
