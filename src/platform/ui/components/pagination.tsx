import type { VNode } from 'preact';

export interface PaginationProps {
  /** Accessible name of the navigation landmark, e.g. "申请列表分页". Must be unique on the page. */
  label: string;
  /** 1-based current page. */
  currentPage: number;
  totalPages: number;
  /** Builds the URL of a page, e.g. (page) => `/applications?page=${page}`. */
  hrefForPage: (page: number) => string;
  /** Text of the previous link, e.g. "上一页" / "Previous". */
  previousText: string;
  /** Text of the next link, e.g. "下一页" / "Next". */
  nextText: string;
  /** Accessible name of a page-number link, e.g. (page) => `第 ${page} 页`; the bare number is used when omitted. */
  pageLabel?: (page: number) => string;
  /** How many pages to show on each side of the current page (default 1). */
  siblings?: number;
}

export type PaginationEntry = { kind: 'page'; page: number } | { kind: 'ellipsis'; key: string };

/**
 * First page, last page, the current page and `siblings` pages either side of it; gaps become
 * an ellipsis (a gap of a single page shows that page instead).
 */
export function paginationEntries(currentPage: number, totalPages: number, siblings = 1): PaginationEntry[] {
  const pages = new Set<number>([1, totalPages]);
  for (let page = currentPage - siblings; page <= currentPage + siblings; page += 1) {
    if (page >= 1 && page <= totalPages) {
      pages.add(page);
    }
  }
  const sorted = [...pages].sort((a, b) => a - b);
  const entries: PaginationEntry[] = [];
  let previous = 0;
  for (const page of sorted) {
    if (page - previous === 2) {
      entries.push({ kind: 'page', page: page - 1 });
    } else if (page - previous > 2) {
      entries.push({ kind: 'ellipsis', key: `ellipsis-${page}` });
    }
    entries.push({ kind: 'page', page });
    previous = page;
  }
  return entries;
}

function ArrowIcon({ direction }: { direction: 'prev' | 'next' }): VNode {
  return (
    <svg
      class="fj-pagination__icon"
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      {direction === 'prev' ? (
        <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
      ) : (
        <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
      )}
    </svg>
  );
}

/** Returns null when there is only one page. */
export function Pagination({
  label,
  currentPage,
  totalPages,
  hrefForPage,
  previousText,
  nextText,
  pageLabel,
  siblings = 1,
}: PaginationProps): VNode | null {
  if (totalPages <= 1) {
    return null;
  }
  const current = Math.min(Math.max(1, Math.trunc(currentPage)), totalPages);
  const entries = paginationEntries(current, totalPages, siblings);
  return (
    <nav class="fj-pagination" aria-label={label}>
      {current > 1 ? (
        <div class="fj-pagination__prev">
          <a class="fj-pagination__link" href={hrefForPage(current - 1)} rel="prev">
            <ArrowIcon direction="prev" />
            <span class="fj-pagination__link-title">{previousText}</span>
          </a>
        </div>
      ) : null}
      <ul class="fj-pagination__list">
        {entries.map((entry) => {
          if (entry.kind === 'ellipsis') {
            return (
              <li key={entry.key} class="fj-pagination__item fj-pagination__item--ellipsis">
                ⋯
              </li>
            );
          }
          const isCurrent = entry.page === current;
          return (
            <li
              key={entry.page}
              class={isCurrent ? 'fj-pagination__item fj-pagination__item--current' : 'fj-pagination__item'}
            >
              <a
                class="fj-pagination__link"
                href={hrefForPage(entry.page)}
                aria-label={pageLabel ? pageLabel(entry.page) : undefined}
                aria-current={isCurrent ? 'page' : undefined}
              >
                {entry.page}
              </a>
            </li>
          );
        })}
      </ul>
      {current < totalPages ? (
        <div class="fj-pagination__next">
          <a class="fj-pagination__link" href={hrefForPage(current + 1)} rel="next">
            <span class="fj-pagination__link-title">{nextText}</span>
            <ArrowIcon direction="next" />
          </a>
        </div>
      ) : null}
    </nav>
  );
}
