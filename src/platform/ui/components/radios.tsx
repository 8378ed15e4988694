import type { VNode } from 'preact';
import { type ChoiceDivider, ChoiceGroup, type ChoiceItem } from './choiceGroup.tsx';
import type { LabelSize } from './formParts.tsx';

/** An option: value, text, and an optional hint for this option only. */
export type RadioItem = ChoiceItem;

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

export function Radios({ value, inline = false, small = false, ...group }: RadiosProps): VNode {
  return (
    <ChoiceGroup
      {...group}
      type="radio"
      block="fj-radios"
      modifiers={[inline && 'fj-radios--inline', small && 'fj-radios--small']}
      isChecked={(itemValue) => itemValue === value}
    />
  );
}
