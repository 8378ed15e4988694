import {
  classNames,
  ErrorMessage,
  errorId,
  Hint,
  hintId,
  joinIds,
  Label,
} from '../../../platform/ui/index.ts';

export interface OptionGroup {
  readonly label: string;
  readonly options: readonly { readonly value: string; readonly text: string }[];
}

export interface GroupedSelectProps {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly errorPrefix: string;
  /** The first option, with no value: "choose…". */
  readonly placeholder: string;
  readonly groups: readonly OptionGroup[];
  readonly value: string;
}

/**
 * A select whose options are grouped (`optgroup`), with the platform's label,
 * hint and error message: a long list of catalog items or products reads as
 * its classes, with the keyboard and a screen reader alike.
 */
export function GroupedSelect({
  id,
  name,
  label,
  hint,
  error,
  errorPrefix,
  placeholder,
  groups,
  value,
}: GroupedSelectProps) {
  const hasError = error !== undefined && error !== '';
  const hasHint = hint !== undefined && hint !== '';
  return (
    <div class={classNames('fj-form-group', hasError && 'fj-form-group--error')}>
      <Label for={id} text={label} size="s" />
      {hasHint && <Hint id={hintId(id)}>{hint}</Hint>}
      {hasError && <ErrorMessage fieldId={id} message={error} prefix={errorPrefix} />}
      <select
        class={classNames('fj-select', 'fj-field--width-full', hasError && 'fj-select--error')}
        id={id}
        name={name}
        aria-describedby={joinIds(hasHint && hintId(id), hasError && errorId(id))}
        aria-invalid={hasError ? 'true' : undefined}
      >
        <option value="">{placeholder}</option>
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value} selected={option.value === value}>
                {option.text}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
