import type { VNode } from 'preact';
import { classNames } from './formParts.tsx';

export type TagColour = 'grey' | 'blue' | 'green' | 'red' | 'yellow';

export interface TagProps {
  /** The status in words (e.g. "审核中"): colour only reinforces it, it never carries meaning alone. */
  text: string;
  colour?: TagColour;
  className?: string;
}

export function Tag({ text, colour = 'blue', className }: TagProps): VNode {
  return <strong class={classNames('fj-tag', `fj-tag--${colour}`, className)}>{text}</strong>;
}
