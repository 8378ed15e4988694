import type { VNode } from 'preact';
import {
  classNames,
  describedBy,
  type FieldWidth,
  hasText,
  LabelledField,
  type LabelledFieldProps,
  widthClass,
} from './formParts.tsx';

/** GOV.UK advises `type="text"` with `inputmode="numeric"` for numbers, so `number` is not offered. */
export type TextInputType = 'text' | 'email' | 'tel' | 'url' | 'password' | 'search';

export type InputMode = 'none' | 'text' | 'decimal' | 'numeric' | 'tel' | 'search' | 'email' | 'url';

export interface TextInputProps extends LabelledFieldProps {
  name: string;
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
  name,
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
  ...field
}: TextInputProps): VNode {
  const { id, hint, error } = field;
  const hasError = hasText(error);
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
    'aria-describedby': describedBy(id, hint, error),
    'aria-invalid': hasError ? ('true' as const) : undefined,
  };
  // Preact's input typings are a union discriminated on `type` (only to type `role`), which a union-typed
  // `type` cannot satisfy; no role is set here, so typing it as the plain text variant is safe.
  const input = <input type={type as 'text'} {...common} />;
  const hasAffix = hasText(prefix) || hasText(suffix);
  return (
    <LabelledField {...field}>
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
    </LabelledField>
  );
}
