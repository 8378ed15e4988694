import { Table, type TableProps } from './components/table.tsx';

export interface CountedTableProps extends TableProps {
  /** How many there are, in words ("共 12 人"). */
  count: string;
  /** Said instead of an empty table when there are no rows. */
  empty: string;
}

/**
 * A list's results: how many there are, announced to screen readers as a
 * status (a search or filter changes it), then the table, or a sentence
 * saying there is nothing where an empty table would only have headers.
 */
export function CountedTable({ count, empty, ...table }: CountedTableProps) {
  return (
    <>
      <p class="fj-body" role="status">
        {count}
      </p>
      {table.rows.length === 0 ? <p class="fj-body">{empty}</p> : <Table {...table} />}
    </>
  );
}
