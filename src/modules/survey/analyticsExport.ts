import ExcelJS from 'exceljs';
import { csvLine, guardFormula } from '../../platform/spreadsheet/index.ts';
import type { Figure, FigureTable } from './domain/analytics.ts';
import type { AnalyticsLabels } from './pages/analytics/labels.ts';

/**
 * A campaign's analytics as downloads: every table of the page, withheld
 * exactly as the page withholds it (the tables come already suppressed).
 * The workbook has a sheet per table (its title, the finding, then the
 * table) after a sheet that says what the file is; the CSV has one line per
 * figure, named by its table, row and column, so it loads into any tool.
 * Every text cell goes through the formula guard (SECURITY.md 13): titles
 * and the questionnaire's words are typed by people.
 */
export interface AnalyticsDocument {
  readonly labels: AnalyticsLabels;
  /** What the file is: campaign, period, area, comparison, when exported; as label and value. */
  readonly about: readonly (readonly [string, string])[];
  readonly tables: readonly FigureTable[];
  readonly findingOf: (table: FigureTable) => string;
}

/** A share or change as a file gives it: to one decimal, as on the page. */
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

type CsvValue = { readonly value: string | number; readonly unit: string } | null;

function csvValue(figure: Figure, labels: AnalyticsLabels): CsvValue {
  const { t } = labels;
  if (figure.unit === 'none') return null;
  const unit = t(`unit_${figure.unit}`);
  if (figure.unit === 'count') {
    if (figure.suppression === 'small') return { value: t('small'), unit };
    if (figure.suppression === 'hidden') return { value: t('hidden'), unit };
    return { value: figure.value ?? t('missing'), unit };
  }
  return { value: figure.value === null ? t('missing') : oneDecimal(figure.value), unit };
}

/** The CSV: UTF-8 with a BOM (Excel opens a CSV without one in the ANSI code page, garbling Chinese). */
export function analyticsCsv(document: AnalyticsDocument): string {
  const { labels } = document;
  const { t } = labels;
  let text = `\uFEFF${csvLine([t('csvTable'), t('csvRow'), t('csvColumn'), t('csvValue'), t('csvUnit')])}`;
  for (const table of document.tables) {
    const title = labels.title(table.id);
    for (const row of table.rows) {
      const rowLabel = labels.row(table.id, row);
      row.figures.forEach((figure, index) => {
        const column = table.columns[index];
        const value = csvValue(figure, labels);
        if (column === undefined || value === null) return;
        text += csvLine([title, rowLabel, labels.column(table.id, column), value.value, value.unit]);
      });
    }
  }
  return text;
}

const percentFormat = '0.0%';
const pointsFormat = '+0.0;-0.0;0.0';
const countFormat = '#,##0';

/** A figure as a cell: numbers where a reader would calculate with them, the page's marks where withheld. */
function setFigure(cell: ExcelJS.Cell, figure: Figure, labels: AnalyticsLabels): void {
  const { t } = labels;
  cell.alignment = { horizontal: 'right' };
  if (figure.unit === 'none') return;
  if (figure.unit === 'count') {
    if (figure.suppression !== 'shown' || figure.value === null) {
      cell.value =
        figure.suppression === 'small'
          ? t('small')
          : figure.suppression === 'hidden'
            ? t('hidden')
            : t('missing');
      return;
    }
    cell.value = figure.value;
    cell.numFmt = countFormat;
    return;
  }
  if (figure.value === null) {
    cell.value = t('missing');
    return;
  }
  if (figure.unit === 'percent') {
    cell.value = oneDecimal(figure.value) / 100;
    cell.numFmt = percentFormat;
  } else {
    cell.value = oneDecimal(figure.value);
    cell.numFmt = pointsFormat;
  }
}

const text = (value: string) => guardFormula(value);

export async function analyticsXlsx(document: AnalyticsDocument): Promise<Buffer> {
  const { labels } = document;
  const { t } = labels;
  const workbook = new ExcelJS.Workbook();
  const about = workbook.addWorksheet(t('sheet_about'));
  about.columns = [{ width: 24 }, { width: 80 }];
  for (const [name, value] of document.about) about.addRow([text(name), text(value)]);
  about.addRow([]);
  const notes = about.addRow([text(t('aboutHeading')), text(t('aboutFigures'))]);
  notes.alignment = { wrapText: true, vertical: 'top' };
  about.getColumn(1).font = { bold: true };

  for (const table of document.tables) {
    const sheet = workbook.addWorksheet(t(`sheet_${table.id}`), {
      views: [{ state: 'frozen', ySplit: 4 }],
    });
    sheet.columns = [{ width: 36 }, ...table.columns.map(() => ({ width: 16 }))];
    sheet.addRow([text(labels.title(table.id))]).font = { bold: true, size: 13 };
    sheet.addRow([text(document.findingOf(table))]);
    sheet.addRow([]);
    const header = sheet.addRow([
      text(labels.rowHeader(table.id)),
      ...table.columns.map((column) => text(labels.column(table.id, column))),
    ]);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    for (const row of table.rows) {
      const added = sheet.addRow([text(labels.row(table.id, row))]);
      row.figures.forEach((figure, index) => {
        setFigure(added.getCell(index + 2), figure, labels);
      });
      if (row.kind === 'total') added.font = { bold: true };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
