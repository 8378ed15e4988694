import type { ComponentChildren, VNode } from 'preact';
import { classNames } from './formParts.tsx';

export interface SummaryListAction {
  href: string;
  /** Visible link text, e.g. "更改" / "Change". */
  text: string;
  /** Context for screen readers appended to the link text, e.g. "姓名" → "更改 姓名". */
  visuallyHiddenText: string;
}

export interface SummaryListRow {
  key: string;
  value: ComponentChildren;
  actions?: readonly SummaryListAction[];
}

export interface SummaryListProps {
  rows: readonly SummaryListRow[];
  /** Remove the row separators. */
  noBorder?: boolean;
}

function ActionLink({ action }: { action: SummaryListAction }): VNode {
  return (
    <a class="fj-summary-list__action-link" href={action.href}>
      {action.text}
      <span class="fj-visually-hidden"> {action.visuallyHiddenText}</span>
    </a>
  );
}

export function SummaryList({ rows, noBorder = false }: SummaryListProps): VNode {
  const anyActions = rows.some((row) => row.actions !== undefined && row.actions.length > 0);
  return (
    <dl class={classNames('fj-summary-list', noBorder && 'fj-summary-list--no-border')}>
      {rows.map((row) => {
        const actions = row.actions ?? [];
        const first = actions[0];
        return (
          <div
            key={row.key}
            class={classNames(
              'fj-summary-list__row',
              anyActions && actions.length === 0 && 'fj-summary-list__row--no-actions',
            )}
          >
            <dt class="fj-summary-list__key">{row.key}</dt>
            <dd class="fj-summary-list__value">{row.value}</dd>
            {first !== undefined ? (
              <dd class="fj-summary-list__actions">
                {actions.length === 1 ? (
                  <ActionLink action={first} />
                ) : (
                  <ul class="fj-summary-list__actions-list">
                    {actions.map((action) => (
                      <li key={action.href} class="fj-summary-list__actions-list-item">
                        <ActionLink action={action} />
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            ) : null}
          </div>
        );
      })}
    </dl>
  );
}
