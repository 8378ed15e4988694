import type { VNode } from 'preact';
import { classNames } from './formParts.tsx';

export interface BreadcrumbItem {
  text: string;
  /** Omit for the current page. */
  href?: string;
}

export interface BreadcrumbsProps {
  /** Accessible name of the navigation landmark, e.g. "面包屑导航" / "Breadcrumb". Must be unique on the page. */
  label: string;
  /** From the home page to the current page; the last item is marked aria-current="page". */
  items: readonly BreadcrumbItem[];
  /** Collapse to the parent page only on narrow screens. */
  collapseOnMobile?: boolean;
}

export function Breadcrumbs({ label, items, collapseOnMobile = false }: BreadcrumbsProps): VNode {
  const lastIndex = items.length - 1;
  return (
    <nav
      class={classNames('fj-breadcrumbs', collapseOnMobile && 'fj-breadcrumbs--collapse-on-mobile')}
      aria-label={label}
    >
      <ol class="fj-breadcrumbs__list">
        {items.map((item, index) => {
          const isCurrent = index === lastIndex;
          return (
            <li
              key={index}
              class={classNames('fj-breadcrumbs__item', isCurrent && 'fj-breadcrumbs__item--current')}
              aria-current={isCurrent && item.href === undefined ? 'page' : undefined}
            >
              {item.href !== undefined ? (
                <a
                  class="fj-breadcrumbs__link"
                  href={item.href}
                  aria-current={isCurrent ? 'page' : undefined}
                >
                  {item.text}
                </a>
              ) : (
                item.text
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
