import type { ComponentChildren, VNode } from 'preact';
import { classNames } from './formParts.tsx';

export type ButtonVariant = 'primary' | 'secondary' | 'warning';

export interface ButtonProps {
  /** Button text (plain text or inline content such as a visually hidden span). */
  children: ComponentChildren;
  variant?: ButtonVariant;
  /**
   * When set, renders a link (`<a>`) styled as a button: use it for navigation ("开始申请").
   * A link keeps link semantics (no role="button"), since it navigates.
   */
  href?: string;
  /** `<button>` type; defaults to "submit" like an HTML button in a form. Ignored for links. */
  type?: 'submit' | 'button' | 'reset';
  name?: string;
  value?: string;
  /** Disabled buttons are discouraged (explain instead), but supported. Ignored for links. */
  disabled?: boolean;
  /** Adds `data-prevent-double-click="true"` for the page script to ignore a second click. */
  preventDoubleClick?: boolean;
  /** Larger call-to-action style for the start of a service. */
  isStartButton?: boolean;
  id?: string;
  /** id of a <form> elsewhere on the page. Ignored for links. */
  form?: string;
  className?: string;
}

export function Button({
  children,
  variant = 'primary',
  href,
  type = 'submit',
  name,
  value,
  disabled = false,
  preventDoubleClick = false,
  isStartButton = false,
  id,
  form,
  className,
}: ButtonProps): VNode {
  const classes = classNames(
    'fj-button',
    variant !== 'primary' && `fj-button--${variant}`,
    isStartButton && 'fj-button--start',
    disabled && href === undefined && 'fj-button--disabled',
    className,
  );
  if (href !== undefined) {
    return (
      <a href={href} class={classes} id={id} draggable={false}>
        {children}
      </a>
    );
  }
  return (
    <button
      type={type}
      class={classes}
      id={id}
      name={name}
      value={value}
      form={form}
      disabled={disabled}
      aria-disabled={disabled ? 'true' : undefined}
      data-prevent-double-click={preventDoubleClick ? 'true' : undefined}
      data-module="button"
    >
      {children}
    </button>
  );
}

export interface ButtonGroupProps {
  children: ComponentChildren;
}

/** Lays out a primary button with secondary buttons or links next to it (stacked on narrow screens). */
export function ButtonGroup({ children }: ButtonGroupProps): VNode {
  return <div class="fj-button-group">{children}</div>;
}
