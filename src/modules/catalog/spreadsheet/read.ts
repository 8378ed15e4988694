import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { cellText } from '../../../platform/spreadsheet/index.ts';
import { type ImportColumnKey, matchHeader, requiredColumns } from './columns.ts';

/** Problems with a file as a whole: nothing in it can be imported until they are fixed. */
export const sheetErrorCodes = [
  'unreadable',
  'no_header',
  'unknown_column',
  'duplicate_column',
  'missing_column',
  'too_many_rows',
] as const;
export type SheetErrorCode = (typeof sheetErrorCodes)[number];

export class SheetError extends Error {
  override readonly name = 'SheetError';
  readonly code: SheetErrorCode;
  /**
   * The columns concerned: header text as written in the file for unknown and
   * duplicate columns, column keys for missing ones. Every offending column is
   * listed, so one upload shows the supplier everything to fix in the header.
   */
  readonly columns: readonly string[];
  /** The row limit, for `too_many_rows`. */
  readonly limit: number | undefined;

  constructor(
    code: SheetErrorCode,
    details: { columns?: readonly string[]; limit?: number; cause?: unknown } = {},
  ) {
    const columns = details.columns ?? [];
    super(columns.length > 0 ? `${code}: ${columns.join(', ')}` : code, { cause: details.cause });
    this.code = code;
    this.columns = columns;
    this.limit = details.limit;
  }

  /** The first column concerned, if any. */
  get column(): string | undefined {
    return this.columns[0];
  }
}

export interface SheetRow {
  /** The row number the supplier sees in Excel (the header is row 1). */
  readonly rowNumber: number;
  /** Every import column present in the header, by key; '' for an empty cell. */
  readonly cells: Record<string, string>;
}

export interface ReadOptions {
  /** Data rows allowed in one file (the header and empty rows are not counted). */
  readonly maxRows?: number;
}

export const defaultMaxRows = 100_000;

/**
 * Reads a supplier spreadsheet row by row. Both formats are streamed, so memory
 * stays flat however many rows the file has; a file-level problem throws a
 * SheetError, possibly after rows have already been yielded (too_many_rows is
 * only known when the limit is passed), so a caller that imports all-or-nothing
 * must not commit before the iteration ends.
 */
export async function* readSheetRows(
  filePath: string,
  format: 'xlsx' | 'csv',
  options: ReadOptions = {},
): AsyncGenerator<SheetRow> {
  const maxRows = options.maxRows ?? defaultMaxRows;
  const rows = format === 'xlsx' ? xlsxRecords(filePath) : csvRecords(filePath);
  let header: Header | undefined;
  let count = 0;
  for await (const record of rows) {
    if (header === undefined) {
      // The header must be row 1: a template whose first row was deleted would otherwise
      // have its first product taken for the header.
      if (record.rowNumber !== 1 || record.values.every((value) => value.trim() === '')) {
        throw new SheetError('no_header');
      }
      header = readHeader(record.values);
      continue;
    }
    const cells: Record<string, string> = {};
    let empty = true;
    for (const [index, key] of header.keys) {
      const value = record.values[index] ?? '';
      cells[key] = value;
      if (value.trim() !== '') empty = false;
    }
    // Suppliers leave blank rows between groups of products, and Excel keeps formatted
    // but empty rows at the end of a sheet: neither is a product.
    if (empty) continue;
    count += 1;
    if (count > maxRows) throw new SheetError('too_many_rows', { limit: maxRows });
    yield { rowNumber: record.rowNumber, cells };
  }
  if (header === undefined) throw new SheetError('no_header');
}

interface RawRecord {
  readonly rowNumber: number;
  /** Cell text by 0-based column position. */
  readonly values: readonly string[];
}

interface Header {
  /** Column position → import column key; positions of ignored columns are absent. */
  readonly keys: ReadonlyMap<number, ImportColumnKey>;
}

function readHeader(values: readonly string[]): Header {
  const keys = new Map<number, ImportColumnKey>();
  const seen = new Set<ImportColumnKey>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  values.forEach((raw, index) => {
    const text = raw.trim();
    // A blank header cell is a spare column (often just formatting), not a mistake.
    if (text === '') return;
    const match = matchHeader(text);
    if (match === undefined) unknown.push(text);
    else if (match.kind === 'import') {
      if (seen.has(match.key)) duplicate.push(text);
      seen.add(match.key);
      keys.set(index, match.key);
    }
    // Export-only columns (id, supplier, status, version) are accepted and ignored.
  });
  if (unknown.length > 0) throw new SheetError('unknown_column', { columns: unknown });
  if (duplicate.length > 0) throw new SheetError('duplicate_column', { columns: duplicate });
  const missing = requiredColumns.filter((key) => !seen.has(key));
  if (missing.length > 0) throw new SheetError('missing_column', { columns: missing });
  return { keys };
}

// ---------------------------------------------------------------------------
// xlsx

/**
 * The parts of exceljs's streaming reader (4.4.0) that have to be corrected.
 * It decodes every chunk of XML on its own, so a Chinese character whose UTF-8
 * bytes straddle two chunks becomes two U+FFFD (exceljs issues #2063, #2084):
 * in a catalogue of Chinese product names that happens every few hundred rows.
 * Both entry points receive the raw byte source before any decoding, so the
 * bytes are decoded there with a streaming decoder instead.
 */
interface ReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
  /** The parsed xl/workbook.xml: undefined until that part of the zip has been read. */
  model?: object;
}

function isReaderInternals(value: object): value is ReaderInternals {
  const candidate = value as Partial<Record<keyof ReaderInternals, unknown>>;
  return (
    typeof candidate._parseSharedStrings === 'function' && typeof candidate._parseWorksheet === 'function'
  );
}

async function* utf8Chunks(source: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const text =
      typeof chunk === 'string'
        ? chunk
        : chunk instanceof Uint8Array
          ? decoder.decode(chunk, { stream: true })
          : String(chunk);
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

function correctMultibyteDecoding(reader: object): void {
  if (!isReaderInternals(reader)) {
    // Fail loudly rather than silently corrupt Chinese text after an exceljs upgrade.
    throw new Error('exceljs WorkbookReader internals changed: review the UTF-8 correction in read.ts');
  }
  const parseSharedStrings = reader._parseSharedStrings.bind(reader);
  const parseWorksheet = reader._parseWorksheet.bind(reader);
  reader._parseSharedStrings = (entry) => {
    // A string-mode stream decodes with a StringDecoder, which carries split characters over.
    entry.setEncoding('utf8');
    return parseSharedStrings(entry);
  };
  reader._parseWorksheet = (iterator, sheetNo) => {
    // A zip may list a worksheet before xl/workbook.xml (streaming writers commit sheets first); exceljs then
    // looks the sheet's name up in a model it has not built yet and fails. The name is not needed here.
    reader.model ??= {};
    return parseWorksheet(utf8Chunks(iterator), sheetNo);
  };
}

async function* xlsxRecords(filePath: string): AsyncGenerator<RawRecord> {
  // The file stream is ours, not exceljs's, so that stopping early (a file-level error,
  // or a caller that stops iterating) closes the file instead of leaving it half read.
  // exceljs pipes it into the unzipper without passing its errors on, so a read error
  // would leave the parse waiting forever: every step races against it.
  let handle: FileHandle;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    throw new SheetError('unreadable', { cause: error });
  }
  const input = handle.createReadStream();
  const failure = new ReadFailure();
  input.once('error', (error) => failure.fail(error));
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      sharedStrings: 'cache',
      worksheets: 'emit',
      hyperlinks: 'ignore',
      styles: 'ignore',
    });
    correctMultibyteDecoding(reader);
    let sawWorksheet = false;
    try {
      for await (const worksheet of racing(reader, failure)) {
        sawWorksheet = true;
        for await (const row of racing(worksheet, failure)) {
          yield { rowNumber: row.number, values: rowTexts(row.values) };
        }
        // Only the first worksheet is the product list; later sheets hold instructions or lookups.
        break;
      }
    } catch (error) {
      throw error instanceof SheetError ? error : new SheetError('unreadable', { cause: error });
    }
    if (!sawWorksheet) throw new SheetError('unreadable');
  } finally {
    input.destroy();
  }
}

/** A read error, and the waits it must interrupt. */
class ReadFailure {
  error: unknown;
  failed = false;
  readonly waiting = new Set<(error: unknown) => void>();

  fail(error: unknown): void {
    this.failed = true;
    this.error = error;
    for (const reject of this.waiting) reject(error);
  }
}

/**
 * Iterates `source`, but gives up as soon as the file fails. (Not Promise.race
 * against one long-lived promise: every race would leave a handler on it that
 * keeps its row alive, and 50,000 rows would all stay in memory.)
 */
async function* racing<T>(source: AsyncIterable<T>, failure: ReadFailure): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  // Whether `iterator` may be closed: not while its next() is still pending after a
  // read error, as return() would then wait for that next() forever.
  let closable = true;
  try {
    while (true) {
      if (failure.failed) throw failure.error;
      closable = false;
      let reject: ((error: unknown) => void) | undefined;
      const next = await new Promise<IteratorResult<T>>((resolve, rejectNext) => {
        reject = rejectNext;
        failure.waiting.add(rejectNext);
        iterator.next().then(resolve, rejectNext);
      }).finally(() => {
        if (reject) failure.waiting.delete(reject);
      });
      closable = !next.done;
      if (next.done) return;
      yield next.value;
    }
  } finally {
    if (closable) await iterator.return?.();
  }
}

/** exceljs gives row values 1-based and sparse; records are 0-based and dense. */
function rowTexts(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  const texts: string[] = [];
  for (let column = 1; column < values.length; column++) {
    texts.push(cellText(values[column]));
  }
  return texts;
}

// ---------------------------------------------------------------------------
// csv

/**
 * Excel on Chinese Windows saves "CSV" in the ANSI code page (GBK, which
 * GB18030 contains) and "CSV UTF-8" with a BOM; other tools write UTF-8
 * without one. A file that is not valid UTF-8 from start to end is read as
 * GB18030. The whole file is checked because an English header and ASCII
 * first rows say nothing about the encoding of later rows.
 */
async function detectEncoding(filePath: string): Promise<'utf-8' | 'gb18030'> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const input = createReadStream(filePath);
  try {
    for await (const chunk of input) {
      if (!(chunk instanceof Uint8Array)) continue;
      decoder.decode(chunk, { stream: true });
    }
    decoder.decode();
    return 'utf-8';
  } catch (error) {
    if (error instanceof TypeError) return 'gb18030';
    throw error;
  } finally {
    input.destroy();
  }
}

function decodingTransform(encoding: 'utf-8' | 'gb18030'): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    // The parser reads UTF-8 bytes, so GB18030 text is handed on re-encoded as UTF-8.
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(callback) {
      callback(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
}

/**
 * Spreadsheet formula injection: the CSV export prefixes text that Excel would
 * run as a formula with an apostrophe (see write.ts); it is removed here so an
 * exported file imports unchanged.
 */
const escapedFormula = /^''?[=+\-@\t\r]/;

async function* csvRecords(filePath: string): AsyncGenerator<RawRecord> {
  let encoding: 'utf-8' | 'gb18030';
  try {
    encoding = await detectEncoding(filePath);
  } catch (error) {
    throw new SheetError('unreadable', { cause: error });
  }
  const input = createReadStream(filePath);
  const parser = parseCsv({
    bom: true,
    // Rows shorter or longer than the header are normal in hand-edited files.
    relax_column_count: true,
    // A stray quote inside an unquoted cell (a 12" wheel) is text, not a syntax error.
    relax_quotes: true,
  });
  // Errors from any stage destroy the parser, and so end the loop below with the error.
  pipeline(input, decodingTransform(encoding), parser).catch(() => undefined);
  let rowNumber = 0;
  try {
    for await (const record of parser) {
      rowNumber += 1;
      const values = Array.isArray(record)
        ? record.map((value: unknown) => {
            const text = typeof value === 'string' ? value : '';
            return escapedFormula.test(text) ? text.slice(1) : text;
          })
        : [];
      yield { rowNumber, values };
    }
  } catch (error) {
    throw error instanceof SheetError ? error : new SheetError('unreadable', { cause: error });
  } finally {
    input.destroy();
    parser.destroy();
  }
}
