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

export interface TextareaProps {
  id: string;
  name: string;
  label: string;
  labelIsPageHeading?: boolean;
  labelSize?: LabelSize;
  hint?: string;
  error?: string;
  /** Visually hidden prefix for the error message, e.g. "错误：" / "Error:". */
  errorPrefix?: string;
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
  id,
  name,
  label,
  labelIsPageHeading,
  labelSize,
  hint,
  error,
  errorPrefix,
  value,
  rows = 5,
  autocomplete,
  spellcheck,
  width,
  disabled,
  maxlength,
  className,
}: TextareaProps): VNode {
  const hasHint = hint !== undefined && hint !== '';
  const hasError = error !== undefined && error !== '';
  return (
    <div class={classNames('fj-form-group', hasError && 'fj-form-group--error')}>
      <Label for={id} text={label} isPageHeading={labelIsPageHeading} size={labelSize} />
      {hasHint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {hasError ? <ErrorMessage fieldId={id} message={error} prefix={errorPrefix} /> : null}
      <textarea
        class={classNames('fj-textarea', hasError && 'fj-textarea--error', widthClass(width), className)}
        id={id}
        name={name}
        rows={rows}
        autocomplete={autocomplete}
        spellcheck={spellcheck}
        disabled={disabled}
        maxlength={maxlength}
        aria-describedby={joinIds(hasHint && hintId(id), hasError && errorId(id))}
        aria-invalid={hasError ? 'true' : undefined}
        value={value ?? ''}
      />
    </div>
  );
}
