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

/** True for a non-empty string: an empty hint, error or prefix counts as absent. */
export function hasText(text: string | undefined): text is string {
  return text !== undefined && text !== '';
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
      {hasText(prefix) ? <span class="fj-visually-hidden">{prefix}</span> : null}
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

/** aria-describedby of a control (or fieldset) that has this hint and error message, if any. */
export function describedBy(
  id: string,
  hint: string | undefined,
  error: string | undefined,
): string | undefined {
  return joinIds(hasText(hint) && hintId(id), hasText(error) && errorId(id));
}

/** The hint and error message of a field, tied to its control (or fieldset) by id. */
export interface FieldMessagesProps {
  /** id of the control (base id for a group); the hint and error message get `{id}-hint` and `{id}-error`. */
  id: string;
  hint?: string;
  /** Error message text; when set the field is marked invalid. */
  error?: string;
  /** Visually hidden prefix for the error message, e.g. "错误：" / "Error:". */
  errorPrefix?: string;
}

/** The hint then the error message of a field, each only when it has text. */
function FieldMessages({ id, hint, error, errorPrefix }: FieldMessagesProps): VNode {
  return (
    <>
      {hasText(hint) ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {hasText(error) ? <ErrorMessage fieldId={id} message={error} prefix={errorPrefix} /> : null}
    </>
  );
}

function formGroupClass(error: string | undefined): string {
  return classNames('fj-form-group', hasText(error) && 'fj-form-group--error');
}

/** Props shared by the single-control fields (text input, textarea, select, file upload). */
export interface LabelledFieldProps extends FieldMessagesProps {
  label: string;
  labelIsPageHeading?: boolean;
  labelSize?: LabelSize;
}

/**
 * Form group of a single control: label, hint, error message, then the control itself (children),
 * which should take `aria-describedby={describedBy(id, hint, error)}`.
 */
export function LabelledField({
  id,
  label,
  labelIsPageHeading,
  labelSize,
  hint,
  error,
  errorPrefix,
  children,
}: LabelledFieldProps & { children: ComponentChildren }): VNode {
  return (
    <div class={formGroupClass(error)}>
      <Label for={id} text={label} isPageHeading={labelIsPageHeading} size={labelSize} />
      <FieldMessages id={id} hint={hint} error={error} errorPrefix={errorPrefix} />
      {children}
    </div>
  );
}

export interface FieldsetFieldProps extends Omit<FieldsetProps, 'describedBy'>, FieldMessagesProps {}

/**
 * Form group of several controls (radios, checkboxes, date parts): a fieldset described by its hint
 * and error message, then the controls (children). `id` is the base of the hint and error ids.
 */
export function FieldsetField({
  id,
  hint,
  error,
  errorPrefix,
  children,
  ...fieldset
}: FieldsetFieldProps): VNode {
  return (
    <div class={formGroupClass(error)}>
      <Fieldset {...fieldset} describedBy={describedBy(id, hint, error)}>
        <FieldMessages id={id} hint={hint} error={error} errorPrefix={errorPrefix} />
        {children}
      </Fieldset>
    </div>
  );
}

/** The CSRF token every form that posts carries (checked in preHandler, SECURITY.md 13). */
export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;
