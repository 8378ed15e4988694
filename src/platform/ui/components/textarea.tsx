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

export interface TextareaProps extends LabelledFieldProps {
  name: string;
  /** Current value, kept after a validation error. */
  value?: string;
  rows?: number;
  autocomplete?: string;
  spellcheck?: boolean;
  width?: FieldWidth;
  disabled?: boolean;
  maxlength?: number;
  className?: string;
}

export function Textarea({
  name,
  value,
  rows = 5,
  autocomplete,
  spellcheck,
  width,
  disabled,
  maxlength,
  className,
  ...field
}: TextareaProps): VNode {
  const { id, hint, error } = field;
  const hasError = hasText(error);
  return (
    <LabelledField {...field}>
      <textarea
        class={classNames('fj-textarea', hasError && 'fj-textarea--error', widthClass(width), className)}
        id={id}
        name={name}
        rows={rows}
        autocomplete={autocomplete}
        spellcheck={spellcheck}
        disabled={disabled}
        maxlength={maxlength}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={hasError ? 'true' : undefined}
        value={value ?? ''}
      />
    </LabelledField>
  );
}
