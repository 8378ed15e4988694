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

export interface RadioItem {
  value: string;
  text: string;
  /** Hint for this option only (tied to the input with aria-describedby). */
  hint?: string;
  disabled?: boolean;
}

/** A divider between options, e.g. { divider: '或' }. */
export type RadioDivider = ChoiceDivider;

export interface RadiosProps {
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
  items: Array<RadioItem | RadioDivider>;
  /** The checked value, kept after a validation error. */
  value?: string;
  /** Lay out options side by side (only for two short options such as 是/否). */
  inline?: boolean;
  small?: boolean;
}

export function Radios({
  idPrefix,
  name,
  legend,
  legendIsPageHeading,
  legendSize,
  hint,
  error,
  errorPrefix,
  items,
  value,
  inline = false,
  small = false,
}: RadiosProps): VNode {
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
        <div class={classNames('fj-radios', inline && 'fj-radios--inline', small && 'fj-radios--small')}>
          {items.map((item, index) => {
            if (isDivider(item)) {
              return (
                <div key={`divider-${index}`} class="fj-radios__divider">
                  {item.divider}
                </div>
              );
            }
            position += 1;
            const id = choiceItemId(idPrefix, position);
            const itemHintId = `${id}-item-hint`;
            const hasItemHint = item.hint !== undefined && item.hint !== '';
            return (
              <div key={item.value} class="fj-radios__item">
                <input
                  class="fj-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={item.value}
                  checked={value !== undefined && value === item.value}
                  disabled={item.disabled}
                  aria-describedby={hasItemHint ? itemHintId : undefined}
                />
                <label class="fj-label fj-radios__label" for={id}>
                  {item.text}
                </label>
                {hasItemHint ? (
                  <Hint id={itemHintId} className="fj-radios__hint">
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
