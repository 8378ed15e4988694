import type { VNode } from 'preact';
import {
  classNames,
  ErrorMessage,
  errorId,
  type FieldWidth,
  Hint,
  hintId,
  joinIds,
  Label,
  type LabelSize,
  widthClass,
} from './formParts.tsx';

/** GOV.UK advises `type="text"` with `inputmode="numeric"` for numbers, so `number` is not offered. */
export type TextInputType = 'text' | 'email' | 'tel' | 'url' | 'password' | 'search';

export type InputMode = 'none' | 'text' | 'decimal' | 'numeric' | 'tel' | 'search' | 'email' | 'url';

export interface TextInputProps {
  id: string;
  name: string;
  label: string;
  labelIsPageHeading?: boolean;
  labelSize?: LabelSize;
  hint?: string;
  /** Error message text; when set the field is marked invalid. */
  error?: string;
  /** Visually hidden prefix for the error message, e.g. "错误：" / "Error:". */
  errorPrefix?: string;
  /** Current value, kept after a validation error. */
  value?: string;
  type?: TextInputType;
  /** HTML autocomplete token, e.g. "name", "tel", "off". */
  autocomplete?: string;
  inputmode?: InputMode;
  spellcheck?: boolean;
  width?: FieldWidth;
  /** Short text shown before the input, e.g. "¥" (hidden from screen readers: put the meaning in the label). */
  prefix?: string;
  /** Short text shown after the input, e.g. "元" / "公斤" (hidden from screen readers). */
  suffix?: string;
  disabled?: boolean;
  maxlength?: number;
  className?: string;
}

export function TextInput({
  id,
  name,
  label,
  labelIsPageHeading,
  labelSize,
  hint,
  error,
  errorPrefix,
  value,
  type = 'text',
  autocomplete,
  inputmode,
  spellcheck,
  width,
  prefix,
  suffix,
  disabled,
  maxlength,
  className,
}: TextInputProps): VNode {
  const hasHint = hint !== undefined && hint !== '';
  const hasError = error !== undefined && error !== '';
  const common = {
    class: classNames('fj-input', hasError && 'fj-input--error', widthClass(width), className),
    id,
    name,
    value,
    autocomplete,
    inputmode,
    spellcheck,
    disabled,
    maxlength,
    'aria-describedby': joinIds(hasHint && hintId(id), hasError && errorId(id)),
    'aria-invalid': hasError ? ('true' as const) : undefined,
  };
  // Preact's input typings are a union discriminated on `type` (only to type `role`), which a union-typed
  // `type` cannot satisfy; no role is set here, so typing it as the plain text variant is safe.
  const input = <input type={type as 'text'} {...common} />;
  const hasAffix = (prefix !== undefined && prefix !== '') || (suffix !== undefined && suffix !== '');
  return (
    <div class={classNames('fj-form-group', hasError && 'fj-form-group--error')}>
      <Label for={id} text={label} isPageHeading={labelIsPageHeading} size={labelSize} />
      {hasHint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {hasError ? <ErrorMessage fieldId={id} message={error} prefix={errorPrefix} /> : null}
      {hasAffix ? (
        <div class="fj-input__wrapper">
          {prefix ? (
            <div class="fj-input__prefix" aria-hidden="true">
              {prefix}
            </div>
          ) : null}
          {input}
          {suffix ? (
            <div class="fj-input__suffix" aria-hidden="true">
              {suffix}
            </div>
          ) : null}
        </div>
      ) : (
        input
      )}
    </div>
  );
}
