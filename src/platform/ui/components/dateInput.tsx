import type { VNode } from 'preact';
import { classNames, FieldsetField, hasText, type LabelSize } from './formParts.tsx';

export type DatePart = 'year' | 'month' | 'day';

export interface DateInputLabels {
  /** e.g. "年" / "Year" */
  year: string;
  /** e.g. "月" / "Month" */
  month: string;
  /** e.g. "日" / "Day" */
  day: string;
}

export interface DateInputValue {
  year?: string;
  month?: string;
  day?: string;
}

export interface DateInputProps {
  /**
   * Id of the group; the fields get `{id}-year`, `{id}-month`, `{id}-day`. An error summary should
   * link to the first field in error (see `dateInputFieldId`).
   */
  id: string;
  /** Field names are `{namePrefix}-year`, `{namePrefix}-month`, `{namePrefix}-day`. */
  namePrefix: string;
  legend: string;
  legendIsPageHeading?: boolean;
  legendSize?: LabelSize;
  hint?: string;
  error?: string;
  /** Visually hidden prefix for the error message, e.g. "错误：" / "Error:". */
  errorPrefix?: string;
  labels: DateInputLabels;
  /** Values as typed by the user, kept after a validation error. */
  value?: DateInputValue;
  /** Which fields to highlight when there is an error; all three when omitted. */
  errorFields?: readonly DatePart[];
  /** Use the bday-* autocomplete tokens (date of birth of the user). */
  autocompleteBirthday?: boolean;
  disabled?: boolean;
}

/** Chinese order: year, month, day. */
const PARTS: readonly DatePart[] = ['year', 'month', 'day'];

export function dateInputFieldId(id: string, part: DatePart): string {
  return `${id}-${part}`;
}

export function DateInput({
  namePrefix,
  labels,
  value = {},
  errorFields,
  autocompleteBirthday = false,
  disabled,
  ...field
}: DateInputProps): VNode {
  const { id } = field;
  const hasError = hasText(field.error);
  return (
    <FieldsetField {...field} role="group">
      <div class="fj-date-input" id={id}>
        {PARTS.map((part) => {
          const fieldId = dateInputFieldId(id, part);
          const invalid = hasError && (errorFields === undefined || errorFields.includes(part));
          return (
            <div key={part} class="fj-date-input__item">
              <div class="fj-form-group">
                <label class="fj-label fj-date-input__label" for={fieldId}>
                  {labels[part]}
                </label>
                <input
                  class={classNames(
                    'fj-input',
                    'fj-date-input__input',
                    part === 'year' ? 'fj-field--width-4' : 'fj-field--width-2',
                    invalid && 'fj-input--error',
                  )}
                  id={fieldId}
                  name={`${namePrefix}-${part}`}
                  type="text"
                  inputmode="numeric"
                  value={value[part]}
                  autocomplete={autocompleteBirthday ? `bday-${part}` : undefined}
                  disabled={disabled}
                  aria-invalid={invalid ? 'true' : undefined}
                />
              </div>
            </div>
          );
        })}
      </div>
    </FieldsetField>
  );
}
