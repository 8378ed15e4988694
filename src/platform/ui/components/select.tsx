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

export interface SelectOption {
  value: string;
  text: string;
  disabled?: boolean;
}

export interface SelectProps extends LabelledFieldProps {
  name: string;
  options: SelectOption[];
  /** Value of the selected option, kept after a validation error. */
  value?: string;
  autocomplete?: string;
  width?: FieldWidth;
  disabled?: boolean;
  className?: string;
}

export function Select({
  name,
  options,
  value,
  autocomplete,
  width,
  disabled,
  className,
  ...field
}: SelectProps): VNode {
  const { id, hint, error } = field;
  const hasError = hasText(error);
  return (
    <LabelledField {...field}>
      <select
        class={classNames('fj-select', hasError && 'fj-select--error', widthClass(width), className)}
        id={id}
        name={name}
        autocomplete={autocomplete}
        disabled={disabled}
        aria-describedby={describedBy(id, hint, error)}
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
    </LabelledField>
  );
}
