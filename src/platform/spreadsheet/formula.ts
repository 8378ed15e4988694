/**
 * Spreadsheet formula injection (SECURITY.md 13): text that Excel would run
 * as a formula (=, +, -, @, or a tab or carriage return first) gets an
 * apostrophe in front, so an export opened in Excel shows what someone typed
 * and never executes it. An apostrophe already in front of such text is
 * escaped too, so an importer that removes one apostrophe gets the text back
 * exactly. Numbers an export writes itself (-2.5) are not text and are not guarded.
 */
const formulaLike = /^'?[=+\-@\t\r]/;

export const guardFormula = (text: string): string => (formulaLike.test(text) ? `'${text}` : text);

/**
 * One CSV record (RFC 4180), CRLF-terminated: text guarded against formulas,
 * numbers written as they are, and a field quoted where a comma, quote, line
 * break or edge space would otherwise change it.
 */
export function csvLine(fields: readonly (string | number)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

function csvField(raw: string | number): string {
  const value = typeof raw === 'number' ? String(raw) : guardFormula(raw);
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
