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

export interface SelectOption {
  value: string;
  text: string;
  disabled?: boolean;
}

export interface SelectProps {
  id: string;
  name: string;
  label: string;
  labelIsPageHeading?: boolean;
  labelSize?: LabelSize;
  hint?: string;
  error?: string;
  /** Visually hidden prefix for the error message, e.g. "错误：" / "Error:". */
  errorPrefix?: string;
  options: SelectOption[];
  /** Value of the selected option, kept after a validation error. */
  value?: string;
  autocomplete?: string;
  width?: FieldWidth;
  disabled?: boolean;
  className?: string;
}

export function Select({
  id,
  name,
  label,
  labelIsPageHeading,
  labelSize,
  hint,
  error,
  errorPrefix,
  options,
  value,
  autocomplete,
  width,
  disabled,
  className,
}: SelectProps): VNode {
  const hasHint = hint !== undefined && hint !== '';
  const hasError = error !== undefined && error !== '';
  return (
    <div class={classNames('fj-form-group', hasError && 'fj-form-group--error')}>
      <Label for={id} text={label} isPageHeading={labelIsPageHeading} size={labelSize} />
      {hasHint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {hasError ? <ErrorMessage fieldId={id} message={error} prefix={errorPrefix} /> : null}
      <select
        class={classNames('fj-select', hasError && 'fj-select--error', widthClass(width), className)}
        id={id}
        name={name}
        autocomplete={autocomplete}
        disabled={disabled}
        aria-describedby={joinIds(hasHint && hintId(id), hasError && errorId(id))}
        aria-invalid={hasError ? 'true' : undefined}
      >
        {options.map((option) => (
          <option
            key={option.value}
            value={option.value}
            selected={value !== undefined && option.value === value}
            disabled={option.disabled}
          >
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}
