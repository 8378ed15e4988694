/**
 * What a person sees in a spreadsheet cell, as text, whatever exceljs read:
 * numbers as Excel shows them, rich text joined, a formula's cached result,
 * a date as YYYY-MM-DD, TRUE/FALSE as Excel writes them. Untrimmed.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return value.richText
        .map((run: unknown) =>
          typeof run === 'object' && run !== null && 'text' in run && typeof run.text === 'string'
            ? run.text
            : '',
        )
        .join('');
    }
    // A formula's cached result is what Excel shows; a file never opened in Excel has none.
    if ('result' in value) return cellText(value.result);
    if ('formula' in value || 'sharedFormula' in value) return '';
    if ('error' in value) return typeof value.error === 'string' ? value.error : '';
    if ('text' in value) return cellText(value.text);
  }
  return '';
}

/**
 * Excel keeps 15 significant digits and shows no more: a price computed as
 * =A2*1.1 is stored as 1357.0160000000001 but reads 1357.016 on screen, and
 * that is what the person means; 800.5 stays 800.5.
 */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  return String(Number(value.toPrecision(15)));
}
