import type { VNode } from 'preact';
import { classNames, FieldsetField, type FieldsetFieldProps, Hint, hasText } from './formParts.tsx';

/**
 * The markup shared by radios and checkboxes: a fieldset (legend, hint, error message) around a list
 * of options, each an input + label + optional hint, with optional dividers between them.
 */

export interface ChoiceItem {
  value: string;
  text: string;
  /** Hint for this option only (tied to the input with aria-describedby). */
  hint?: string;
  disabled?: boolean;
}

/** A divider between radio or checkbox options, e.g. { divider: '或' }. */
export interface ChoiceDivider {
  divider: string;
}

function isDivider(item: ChoiceItem | ChoiceDivider): item is ChoiceDivider {
  return 'divider' in item;
}

/** First option gets the bare id (error summary target), later options `{idPrefix}-{position}`. */
function choiceItemId(idPrefix: string, position: number): string {
  return position === 1 ? idPrefix : `${idPrefix}-${position}`;
}

export interface ChoiceGroupProps extends Omit<FieldsetFieldProps, 'id' | 'role' | 'children'> {
  type: 'radio' | 'checkbox';
  /** BEM block of the option list, e.g. 'fj-radios' (gives `fj-radios__item`, `fj-radios__input`…). */
  block: 'fj-radios' | 'fj-checkboxes';
  /** Modifier classes of the option list, e.g. 'fj-radios--inline' (false / undefined are skipped). */
  modifiers?: Array<string | false | undefined>;
  idPrefix: string;
  name: string;
  items: ReadonlyArray<ChoiceItem | ChoiceDivider>;
  isChecked: (value: string) => boolean;
}

export function ChoiceGroup({
  type,
  block,
  modifiers = [],
  idPrefix,
  name,
  items,
  isChecked,
  ...field
}: ChoiceGroupProps): VNode {
  let position = 0;
  return (
    <FieldsetField id={idPrefix} {...field}>
      <div class={classNames(block, ...modifiers)}>
        {items.map((item, index) => {
          if (isDivider(item)) {
            return (
              <div key={`divider-${index}`} class={`${block}__divider`}>
                {item.divider}
              </div>
            );
          }
          position += 1;
          const id = choiceItemId(idPrefix, position);
          const itemHintId = `${id}-item-hint`;
          const hasItemHint = hasText(item.hint);
          return (
            <div key={item.value} class={`${block}__item`}>
              <input
                class={`${block}__input`}
                id={id}
                name={name}
                type={type}
                value={item.value}
                checked={isChecked(item.value)}
                disabled={item.disabled}
                aria-describedby={hasItemHint ? itemHintId : undefined}
              />
              <label class={`fj-label ${block}__label`} for={id}>
                {item.text}
              </label>
              {hasItemHint ? (
                <Hint id={itemHintId} className={`${block}__hint`}>
                  {item.hint}
                </Hint>
              ) : null}
            </div>
          );
        })}
      </div>
    </FieldsetField>
  );
}
