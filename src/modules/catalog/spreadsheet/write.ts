import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { Locale } from '../../../platform/i18n/index.ts';
import { csvLine } from '../../../platform/spreadsheet/index.ts';
import type { ProductDetails } from '../domain/product.ts';
import { type ExportColumnKey, exportColumns } from './columns.ts';
import { disabilityCategoryLabels, formatIsoCode, formatYuan, functionAreaLabels } from './validate.ts';

export interface ExportRow {
  readonly id: string;
  readonly supplierNameZh: string;
  readonly supplierNameEn: string;
  readonly status: string;
  readonly version: number;
  readonly details: ProductDetails;
  readonly replacesModel: string | null;
}

type Rows = AsyncIterable<ExportRow> | Iterable<ExportRow>;

/**
 * A row's cells as text, in the form the importer reads back to the same
 * details: lists joined with "; " (Chinese labels with "；" in the Chinese
 * export), the ISO code spaced so Excel keeps it as text and its leading
 * zero, prices with two decimals.
 */
export function exportCells(row: ExportRow, locale: Locale): Record<ExportColumnKey, string> {
  const { details } = row;
  const zh = locale === 'zh-CN';
  const separator = zh ? '；' : '; ';
  return {
    id: row.id,
    name_zh: details.nameZh,
    name_en: details.nameEn,
    model: details.model,
    iso_code: formatIsoCode(details.isoCode),
    function_areas: details.functionAreas
      .map((area) => (zh ? functionAreaLabels[area] : area))
      .join(separator),
    disability_categories: details.disabilityCategories
      .map((category) => (zh ? disabilityCategoryLabels[category] : category))
      .join(separator),
    description_zh: details.descriptionZh,
    description_en: details.descriptionEn,
    price_yuan: formatYuan(details.priceFen),
    registration_number: details.registrationNumber ?? '',
    certifications: details.certifications.join('; '),
    attributes: Object.entries(details.attributes)
      .map(([id, value]) => `${id}=${value}`)
      .join('; '),
    replaces_model: row.replacesModel ?? '',
    supplier: zh ? row.supplierNameZh : row.supplierNameEn,
    status: zh ? (statusLabelsZh[row.status] ?? row.status) : row.status,
    version: String(row.version),
  };
}

/** A product's status in a Chinese sheet; the importer ignores this column, so it is for people only. */
const statusLabelsZh: Readonly<Record<string, string>> = {
  draft: '草稿',
  submitted: '待审核',
  published: '已发布',
  withdrawn: '已下架',
};

const headers = (locale: Locale): string[] =>
  exportColumns.map((column) => (locale === 'zh-CN' ? column.zh : column.en));

/** Column widths in Excel's character units, so the file is readable when opened. */
const widths: Partial<Record<ExportColumnKey, number>> = {
  id: 38,
  name_zh: 30,
  name_en: 30,
  model: 16,
  iso_code: 12,
  function_areas: 20,
  disability_categories: 20,
  description_zh: 50,
  description_en: 50,
  price_yuan: 16,
  registration_number: 24,
  certifications: 24,
  attributes: 40,
  replaces_model: 16,
  supplier: 24,
  status: 12,
  version: 8,
};

/**
 * exceljs's streaming writer never pushes back: a worksheet's XML goes into an
 * in-memory buffer that the zip drains at its own pace, and deflating is slower
 * than making rows, so a loop that only adds rows ends up holding most of the
 * sheet in memory (measured: +160 MB at 150,000 rows). Every so many rows the
 * writer therefore looks at how much XML is waiting (exceljs 4.4.0 internals:
 * the sheet's StreamBuf and the stream the zip reads it through) and waits
 * while it is over a few megabytes. A slow output backs up into the same
 * buffer, so this also paces the export to the client.
 */
const rowsPerCheck = 200;
const maxBacklogBytes = 4 * 1024 * 1024;

function pendingXmlBytes(sheet: object): number {
  const stream: unknown = Reflect.get(sheet, 'stream');
  if (typeof stream !== 'object' || stream === null) return 0;
  let bytes = 0;
  const buffers: unknown = Reflect.get(stream, 'buffers');
  if (Array.isArray(buffers)) {
    for (const buffer of buffers) {
      const length: unknown =
        typeof buffer === 'object' && buffer !== null ? Reflect.get(buffer, 'length') : 0;
      if (typeof length === 'number') bytes += length;
    }
  }
  const pipes: unknown = Reflect.get(stream, 'pipes');
  if (Array.isArray(pipes)) {
    for (const pipe of pipes) {
      const state: unknown =
        typeof pipe === 'object' && pipe !== null ? Reflect.get(pipe, '_writableState') : null;
      const length: unknown = typeof state === 'object' && state !== null ? Reflect.get(state, 'length') : 0;
      if (typeof length === 'number') bytes += length;
    }
  }
  return bytes;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes products as an .xlsx file, streamed: rows go out as they are
 * produced, so an export of the whole catalogue needs no more memory than a
 * page of it. Ends `output`; resolves when everything is written.
 */
export async function writeProductsXlsx(
  output: NodeJS.WritableStream,
  rows: Rows,
  locale: Locale,
): Promise<void> {
  // exceljs wants a stream.Stream, which NodeJS.WritableStream does not promise to be.
  const zipped = new PassThrough();
  // A client that goes away mid-download fails the pipeline; the export then stops
  // instead of waiting for a buffer that will never drain.
  let failure: { error: unknown } | undefined;
  const delivered = pipeline(zipped, output).catch((error: unknown) => {
    failure = { error };
  });
  const stopIfFailed = () => {
    if (failure) throw failure.error;
  };
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: zipped,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet(locale === 'zh-CN' ? '产品' : 'Products', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = exportColumns.map((column) => ({ key: column.key, width: widths[column.key] ?? 16 }));
    const priceColumn = exportColumns.findIndex((column) => column.key === 'price_yuan') + 1;
    const versionColumn = exportColumns.findIndex((column) => column.key === 'version') + 1;
    const header = sheet.addRow(headers(locale));
    header.font = { bold: true };
    header.commit();
    let count = 0;
    for await (const row of rows) {
      const cells = exportCells(row, locale);
      const added = sheet.addRow(exportColumns.map((column) => cells[column.key]));
      // Numbers where a supplier would calculate with them; everything else stays text, so a
      // model such as 00123 keeps its zeros.
      added.getCell(priceColumn).value = row.details.priceFen / 100;
      added.getCell(priceColumn).numFmt = '0.00';
      added.getCell(versionColumn).value = row.version;
      added.commit();
      count += 1;
      if (count % rowsPerCheck === 0) {
        while (!failure && pendingXmlBytes(sheet) > maxBacklogBytes) await pause(2);
        stopIfFailed();
      }
    }
    sheet.commit();
    await Promise.race([workbook.commit(), delivered.then(stopIfFailed)]);
    await delivered;
    stopIfFailed();
  } catch (error) {
    zipped.destroy();
    await delivered;
    throw error;
  }
}

/**
 * Lines are handed on in batches: one write per row would make a large export
 * slow. Every field goes through the platform's formula guard (csvLine): what a
 * supplier typed never runs as a formula in Excel, and the importer removes the
 * apostrophe again.
 */
const batchChars = 64 * 1024;

export async function* csvChunks<T>(
  header: readonly string[],
  rows: AsyncIterable<T> | Iterable<T>,
  fields: (row: T) => readonly string[],
): AsyncGenerator<string> {
  // Excel opens a CSV without a BOM in the ANSI code page, which garbles Chinese.
  let batch = `\uFEFF${csvLine(header)}`;
  for await (const row of rows) {
    batch += csvLine(fields(row));
    if (batch.length >= batchChars) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
}

/** Writes products as a UTF-8 CSV with a BOM. Ends `output`; resolves when everything is written. */
export async function writeProductsCsv(
  output: NodeJS.WritableStream,
  rows: Rows,
  locale: Locale,
): Promise<void> {
  await pipeline(
    Readable.from(
      csvChunks(headers(locale), rows, (row) => {
        const cells = exportCells(row, locale);
        return exportColumns.map((column) => cells[column.key]);
      }),
    ),
    output,
  );
}
