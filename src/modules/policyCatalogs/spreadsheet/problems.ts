/**
 * Something in an uploaded catalog sheet that stops the import. `row` is the
 * row number Excel shows (the header is row 1; 0 for the file as a whole),
 * `column` the header of the column concerned as the export writes it ('' for
 * none), `key` a message in spreadsheetMessages.
 */
export interface SheetProblem {
  readonly row: number;
  readonly column: string;
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Callers import all or nothing: `items` is only filled when `problems` is empty. */
export interface SpreadsheetResult<T> {
  readonly items: T[];
  readonly problems: readonly SheetProblem[];
}
