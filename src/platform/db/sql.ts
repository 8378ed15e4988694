/**
 * A parameterised query. Values never become part of the SQL text, so a value
 * cannot change what a statement does (SECURITY.md 11).
 */
export interface SqlQuery {
  readonly text: string;
  readonly values: readonly unknown[];
}

const isSqlQuery = (value: unknown): value is SqlQuery =>
  typeof value === 'object' &&
  value !== null &&
  'text' in value &&
  'values' in value &&
  SQL_FRAGMENT in value;

const SQL_FRAGMENT = Symbol('sql fragment');

/**
 * Tagged template for SQL: `sql\`select * from district where code = ${code}\``.
 * A nested `sql` fragment is spliced in with its placeholders renumbered.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlQuery {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (isSqlQuery(value)) {
      const offset = params.length;
      text += value.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
      params.push(...value.values);
    } else {
      params.push(value);
      text += `$${params.length}`;
    }
    text += strings[i + 1] ?? '';
  });
  return { text, values: params, [SQL_FRAGMENT]: true } as SqlQuery;
}

/** Joins fragments with a separator, e.g. the rows of a multi-row insert. */
sql.join = (fragments: readonly SqlQuery[], separator: string): SqlQuery => {
  const strings = ['', ...fragments.slice(1).map(() => separator), ''];
  return sql(Object.assign(strings, { raw: strings }) as TemplateStringsArray, ...fragments);
};
