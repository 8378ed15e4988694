import type { VNode } from 'preact';
import {
  type ChoiceDivider,
  choiceItemId,
  classNames,
  ErrorMessage,
  errorId,
  Fieldset,
  Hint,
  hintId,
  isDivider,
  joinIds,
  type LabelSize,
} from './formParts.tsx';

export interface CheckboxItem {
  value: string;
  text: string;
  /** Hint for this option only (tied to the input with aria-describedby). */
  hint?: string;
  disabled?: boolean;
}

/** A divider between options, e.g. { divider: '或' }. */
export type CheckboxDivider = ChoiceDivider;

export interface CheckboxesProps {
  /**
   * Id of the group. The first option gets exactly this id (so an error summary can link to
   * `#{idPrefix}`), later options get `{idPrefix}-2`, `{idPrefix}-3`…
   */
  idPrefix: string;
  name: string;
  legend: string;
  legendIsPageHeading?: boolean;
  legendSize?: LabelSize;
  hint?: string;
  error?: string;
  /** Visually hidden prefix for the error message, e.g. "错误：" / "Error:". */
  errorPrefix?: string;
  items: Array<CheckboxItem | CheckboxDivider>;
  /** The checked values, kept after a validation error. */
  values?: readonly string[];
  small?: boolean;
}

export function Checkboxes({
  idPrefix,
  name,
  legend,
  legendIsPageHeading,
  legendSize,
  hint,
  error,
  errorPrefix,
  items,
  values = [],
  small = false,
}: CheckboxesProps): VNode {
  const hasHint = hint !== undefined && hint !== '';
  const hasError = error !== undefined && error !== '';
  let position = 0;
  return (
    <div class={classNames('fj-form-group', hasError && 'fj-form-group--error')}>
      <Fieldset
        legend={legend}
        legendIsPageHeading={legendIsPageHeading}
        legendSize={legendSize}
        describedBy={joinIds(hasHint && hintId(idPrefix), hasError && errorId(idPrefix))}
      >
        {hasHint ? <Hint id={hintId(idPrefix)}>{hint}</Hint> : null}
        {hasError ? <ErrorMessage fieldId={idPrefix} message={error} prefix={errorPrefix} /> : null}
        <div class={classNames('fj-checkboxes', small && 'fj-checkboxes--small')}>
          {items.map((item, index) => {
            if (isDivider(item)) {
              return (
                <div key={`divider-${index}`} class="fj-checkboxes__divider">
                  {item.divider}
                </div>
              );
            }
            position += 1;
            const id = choiceItemId(idPrefix, position);
            const itemHintId = `${id}-item-hint`;
            const hasItemHint = item.hint !== undefined && item.hint !== '';
            return (
              <div key={item.value} class="fj-checkboxes__item">
                <input
                  class="fj-checkboxes__input"
                  id={id}
                  name={name}
                  type="checkbox"
                  value={item.value}
                  checked={values.includes(item.value)}
                  disabled={item.disabled}
                  aria-describedby={hasItemHint ? itemHintId : undefined}
                />
                <label class="fj-label fj-checkboxes__label" for={id}>
                  {item.text}
                </label>
                {hasItemHint ? (
                  <Hint id={itemHintId} className="fj-checkboxes__hint">
                    {item.hint}
                  </Hint>
                ) : null}
              </div>
            );
          })}
        </div>
      </Fieldset>
    </div>
  );
}
