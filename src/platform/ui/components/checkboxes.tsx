import type { VNode } from 'preact';
import { type ChoiceDivider, ChoiceGroup, type ChoiceItem } from './choiceGroup.tsx';
import type { LabelSize } from './formParts.tsx';

/** An option: value, text, and an optional hint for this option only. */
export type CheckboxItem = ChoiceItem;

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

export function Checkboxes({ values = [], small = false, ...group }: CheckboxesProps): VNode {
  return (
    <ChoiceGroup
      {...group}
      type="checkbox"
      block="fj-checkboxes"
      modifiers={[small && 'fj-checkboxes--small']}
      isChecked={(itemValue) => values.includes(itemValue)}
    />
  );
}
