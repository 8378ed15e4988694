import type { ComponentChildren, VNode } from 'preact';
import { classNames } from './formParts.tsx';

export interface TableColumn {
  header: string;
  /** Right-align the column (header and cells) and use tabular figures. */
  numeric?: boolean;
}

/** A cell: plain text/number, or rich content (e.g. a link or a Tag) with an optional numeric override. */
export type TableCell = string | number | { content: ComponentChildren; numeric?: boolean };

export interface TableProps {
  /** Required: describes the table for screen reader users. */
  caption: string;
  captionSize?: 's' | 'm' | 'l' | 'xl';
  /** Hide the caption visually (still read by screen readers) when a heading right above says the same. */
  captionVisuallyHidden?: boolean;
  columns: readonly TableColumn[];
  rows: ReadonlyArray<readonly TableCell[]>;
  /** Render the first cell of each row as a row header (`<th scope="row">`). */
  firstCellIsHeader?: boolean;
  /**
   * When set, the table is wrapped in a focusable, labelled scroll region (`{id}-caption` labels it)
   * so wide tables can be scrolled with the keyboard on narrow screens.
   */
  id?: string;
}

function cellContent(cell: TableCell): ComponentChildren {
  return typeof cell === 'object' ? cell.content : cell;
}

function cellIsNumeric(cell: TableCell | undefined, column: TableColumn | undefined): boolean {
  if (cell !== undefined && typeof cell === 'object' && cell.numeric !== undefined) {
    return cell.numeric;
  }
  return column?.numeric === true;
}

export function Table({
  caption,
  captionSize,
  captionVisuallyHidden = false,
  columns,
  rows,
  firstCellIsHeader = false,
  id,
}: TableProps): VNode {
  const captionId = id !== undefined ? `${id}-caption` : undefined;
  const table = (
    <table class="fj-table">
      <caption
        class={classNames(
          'fj-table__caption',
          captionSize && `fj-table__caption--${captionSize}`,
          captionVisuallyHidden && 'fj-visually-hidden',
        )}
        id={captionId}
      >
        {caption}
      </caption>
      <thead class="fj-table__head">
        <tr class="fj-table__row">
          {columns.map((column, index) => (
            <th
              key={index}
              scope="col"
              class={classNames('fj-table__header', column.numeric && 'fj-table__header--numeric')}
            >
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="fj-table__body">
        {rows.map((row, rowIndex) => (
          <tr key={rowIndex} class="fj-table__row">
            {row.map((cell, cellIndex) => {
              const numeric = cellIsNumeric(cell, columns[cellIndex]);
              if (firstCellIsHeader && cellIndex === 0) {
                return (
                  <th
                    key={cellIndex}
                    scope="row"
                    class={classNames('fj-table__header', numeric && 'fj-table__header--numeric')}
                  >
                    {cellContent(cell)}
                  </th>
                );
              }
              return (
                <td
                  key={cellIndex}
                  class={classNames('fj-table__cell', numeric && 'fj-table__cell--numeric')}
                >
                  {cellContent(cell)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (id === undefined) {
    return table;
  }
  return (
    <section class="fj-table-container" id={id} aria-labelledby={captionId} tabindex={0}>
      {table}
    </section>
  );
}
