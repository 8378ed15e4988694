import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { appendAudit } from '../../platform/audit/index.ts';
import { type Db, type Queryable, sql } from '../../platform/db/index.ts';
import { type ClassificationNode, upsertClassificationNodes } from './classificationRepo.ts';
import type { CommandContext } from './productsService.ts';

/**
 * An administrator's changes to the ISO 9999 / GB/T 16432 classification:
 * one node from a form, or many from a spreadsheet. A file is checked as a
 * whole and imported in one transaction or not at all.
 */

/** The columns of a classification file; either header (or the key) is accepted. */
export const classificationColumns = [
  { key: 'code', zh: '编码', en: 'Code', required: true },
  { key: 'title_zh', zh: '中文名称', en: 'Chinese title', required: true },
  { key: 'title_en', zh: '英文名称', en: 'English title', required: true },
  { key: 'source', zh: '来源', en: 'Source', required: true },
  { key: 'verified', zh: '已核实', en: 'Verified', required: false },
  { key: 'apl', zh: 'APL', en: 'APL', required: false },
] as const;

export type ClassificationColumnKey = (typeof classificationColumns)[number]['key'];

export const nodeLimits = { title: 200, source: 500 } as const;

/** Rows one file may hold: ISO 9999:2022 has under a thousand nodes, so this is generous. */
export const maxClassificationRows = 5000;

/** A classification file should be small; the upload is refused above this. */
export const maxClassificationFileBytes = 5 * 1024 * 1024;

export const classificationProblemKeys = [
  'unreadable',
  'no_header',
  'unknown_column',
  'duplicate_column',
  'missing_column',
  'too_many_rows',
  'empty',
  'required',
  'tooLong',
  'codeFormat',
  'duplicateCode',
  'parentMissing',
  'codeExists',
  'codeUnknown',
  'flagInvalid',
] as const;
export type ClassificationProblemKey = (typeof classificationProblemKeys)[number];

/** One problem: the spreadsheet row (0 for the file as a whole), the column key and a message key. */
export interface ClassificationProblem {
  readonly row: number;
  readonly column: ClassificationColumnKey | '';
  readonly message: ClassificationProblemKey;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Refused by the rules (a node that exists already, a parent that does not): the form says why. */
export class ClassificationRuleError extends Error {
  constructor(
    readonly field: 'code',
    readonly problem: ClassificationProblemKey,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(problem);
    this.name = 'ClassificationRuleError';
  }
}

const fullWidthDigits = /[０-９]/g;
const halfWidth = (text: string) =>
  text.replace(fullWidthDigits, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/**
 * "12 22 03", "12.22.03", "12-22" or "122203" → the digits. An odd number of
 * digits is a code whose leading zero a spreadsheet dropped (04 19 typed into
 * a number cell becomes 419). Null for anything that is not 2, 4 or 6 digits.
 */
export function parseNodeCode(raw: string): string | null {
  const text = halfWidth(raw).trim();
  if (!/^\d+([ .-]\d+)*$/.test(text)) return null;
  let digits = text.replace(/[ .-]/g, '');
  if (digits.length % 2 === 1) digits = `0${digits}`;
  return /^(\d{2}){1,3}$/.test(digits) ? digits : null;
}

/** "122203" → "12 22 03", as the standard prints codes. */
export const formatNodeCode = (code: string): string => code.replace(/(\d{2})(?=\d)/g, '$1 ');

const yes = new Set(['true', 'yes', 'y', '1', '是', '√', '✓', 'x', '已核实']);
const no = new Set(['', 'false', 'no', 'n', '0', '否', '×']);

/** A yes/no cell as people type it; null when it is neither. */
export function parseFlag(raw: string): boolean | null {
  const text = halfWidth(raw).trim().toLowerCase();
  if (yes.has(text)) return true;
  if (no.has(text)) return false;
  return null;
}

/** A node from its code and fields: the level and parent follow from the code. */
export function classificationNode(
  code: string,
  fields: { titleZh: string; titleEn: string; source: string; verified: boolean; apl: boolean },
): ClassificationNode {
  return {
    code,
    parentCode: code.length === 2 ? null : code.slice(0, -2),
    level: (code.length / 2) as 1 | 2 | 3,
    titleZh: fields.titleZh,
    titleEn: fields.titleEn,
    source: fields.source,
    verified: fields.verified,
    apl: fields.apl,
  };
}

export type NodeField = 'titleZh' | 'titleEn' | 'source';

/** What a node must state: both titles and where it comes from, none too long. */
export function checkNodeFields(fields: {
  titleZh: string;
  titleEn: string;
  source: string;
}): { field: NodeField; message: 'required' | 'tooLong'; params?: { max: number } }[] {
  const problems: { field: NodeField; message: 'required' | 'tooLong'; params?: { max: number } }[] = [];
  const check = (field: NodeField, max: number) => {
    const value = fields[field];
    if (value === '') problems.push({ field, message: 'required' });
    else if (value.length > max) problems.push({ field, message: 'tooLong', params: { max } });
  };
  check('titleZh', nodeLimits.title);
  check('titleEn', nodeLimits.title);
  check('source', nodeLimits.source);
  return problems;
}

// ---------------------------------------------------------------------------
// Files

class FileProblem extends Error {
  constructor(
    readonly key: ClassificationProblemKey,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(key);
  }
}

interface RawRow {
  readonly row: number;
  readonly values: readonly string[];
}

async function xlsxRows(filePath: string): Promise<RawRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(filePath);
  } catch {
    throw new FileProblem('unreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new FileProblem('unreadable');
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) values.push(row.getCell(column).text ?? '');
    rows.push({ row: rowNumber, values });
  });
  return rows;
}

/** UTF-8 when the whole file is valid UTF-8, else GB18030 (Excel's "CSV" on Chinese Windows). */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function csvRows(filePath: string): Promise<RawRow[]> {
  const text = decode(await readFile(filePath));
  let records: string[][];
  try {
    records = parseCsv(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch {
    throw new FileProblem('unreadable');
  }
  // The export's formula guard (an apostrophe before = + - @) is taken off again.
  return records.map((values, index) => ({
    row: index + 1,
    values: values.map((v) => (/^'[=+\-@]/.test(v) ? v.slice(1) : v)),
  }));
}

const normaliseHeader = (text: string) => halfWidth(text).trim().replace(/\s+/g, ' ').toLowerCase();
const headerIndex = new Map<string, ClassificationColumnKey>();
for (const column of classificationColumns)
  for (const text of [column.key, column.zh, column.en]) headerIndex.set(normaliseHeader(text), column.key);

function readHeader(values: readonly string[]): Map<number, ClassificationColumnKey> {
  const keys = new Map<number, ClassificationColumnKey>();
  const seen = new Set<ClassificationColumnKey>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  values.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const key = headerIndex.get(normaliseHeader(raw));
    if (key === undefined) unknown.push(raw.trim());
    else if (seen.has(key)) duplicate.push(raw.trim());
    else {
      seen.add(key);
      keys.set(index, key);
    }
  });
  if (unknown.length > 0) throw new FileProblem('unknown_column', { column: unknown.join(', ') });
  if (duplicate.length > 0) throw new FileProblem('duplicate_column', { column: duplicate.join(', ') });
  const missing = classificationColumns.filter((c) => c.required && !seen.has(c.key)).map((c) => c.key);
  if (missing.length > 0) throw new FileProblem('missing_column', { column: missing.join(', ') });
  return keys;
}

export interface ParsedClassificationFile {
  readonly nodes: ClassificationNode[];
  readonly problems: ClassificationProblem[];
}

/** Problems a report lists: enough to fix a file. */
const maxProblems = 1000;

/**
 * Reads and checks a classification file: every row must have a code of 2, 4
 * or 6 digits, both titles and a source; a code appears once; each parent is
 * in the file or already in the edition (`existingCodes`). Every problem is
 * reported, so the file is fixed in one pass; nodes come back only when there
 * are none.
 */
export async function parseClassificationFile(
  filePath: string,
  format: 'xlsx' | 'csv',
  existingCodes: ReadonlySet<string>,
): Promise<ParsedClassificationFile> {
  const problems: ClassificationProblem[] = [];
  const problem = (p: ClassificationProblem) => {
    if (problems.length < maxProblems) problems.push(p);
  };
  let raw: RawRow[];
  let header: Map<number, ClassificationColumnKey>;
  try {
    raw = format === 'xlsx' ? await xlsxRows(filePath) : await csvRows(filePath);
    const first = raw[0];
    if (first?.row !== 1 || first.values.every((v) => v.trim() === '')) throw new FileProblem('no_header');
    header = readHeader(first.values);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    return { nodes: [], problems: [{ row: 0, column: '', message: error.key, params: error.params }] };
  }
  const rows = raw
    .slice(1)
    .map(({ row, values }) => {
      const cells = {} as Record<ClassificationColumnKey, string>;
      for (const column of classificationColumns) cells[column.key] = '';
      for (const [index, key] of header) cells[key] = (values[index] ?? '').trim();
      return { row, cells };
    })
    .filter(({ cells }) => Object.values(cells).some((v) => v !== ''));
  if (rows.length === 0) return { nodes: [], problems: [{ row: 0, column: '', message: 'empty' }] };
  if (rows.length > maxClassificationRows)
    return {
      nodes: [],
      problems: [{ row: 0, column: '', message: 'too_many_rows', params: { limit: maxClassificationRows } }],
    };

  const nodes: ClassificationNode[] = [];
  const rowOfCode = new Map<string, number>();
  for (const { row, cells } of rows) {
    const before = problems.length;
    let code: string | null = null;
    if (cells.code === '') problem({ row, column: 'code', message: 'required' });
    else {
      code = parseNodeCode(cells.code);
      if (code === null)
        problem({ row, column: 'code', message: 'codeFormat', params: { value: cells.code } });
      else if (rowOfCode.has(code)) {
        problem({ row, column: 'code', message: 'duplicateCode', params: { row: rowOfCode.get(code) ?? 0 } });
        code = null;
      } else rowOfCode.set(code, row);
    }
    const fields = { titleZh: cells.title_zh, titleEn: cells.title_en, source: cells.source };
    const columnOf: Record<NodeField, ClassificationColumnKey> = {
      titleZh: 'title_zh',
      titleEn: 'title_en',
      source: 'source',
    };
    for (const p of checkNodeFields(fields))
      problem({
        row,
        column: columnOf[p.field],
        message: p.message,
        ...(p.params ? { params: p.params } : {}),
      });
    const verified = parseFlag(cells.verified);
    if (verified === null)
      problem({ row, column: 'verified', message: 'flagInvalid', params: { value: cells.verified } });
    const apl = parseFlag(cells.apl);
    if (apl === null) problem({ row, column: 'apl', message: 'flagInvalid', params: { value: cells.apl } });
    if (code !== null && problems.length === before)
      nodes.push(classificationNode(code, { ...fields, verified: verified ?? false, apl: apl ?? false }));
  }
  // Parents are checked once every code in the file is known: a file may list children first.
  for (const [code, row] of rowOfCode) {
    if (code.length === 2) continue;
    const parent = code.slice(0, -2);
    if (!rowOfCode.has(parent) && !existingCodes.has(parent))
      problem({ row, column: 'code', message: 'parentMissing', params: { parent: formatNodeCode(parent) } });
  }
  problems.sort((a, b) => a.row - b.row);
  return problems.length > 0 ? { nodes: [], problems } : { nodes, problems };
}

// ---------------------------------------------------------------------------
// Writes

async function editionCodes(tx: Queryable, version: string): Promise<Set<string>> {
  const rows = await tx.query<{ code: string }>(
    sql`select code from classification_node where version_id = ${version} for update`,
  );
  return new Set(rows.map((r) => r.code));
}

/**
 * Adds one node, or changes an existing one's titles, source and flags, with
 * its audit row in the same transaction.
 */
export async function saveClassificationNode(
  db: Db,
  context: CommandContext,
  version: string,
  node: ClassificationNode,
  operation: 'add' | 'edit',
): Promise<void> {
  await db.transaction(async (tx) => {
    const codes = await editionCodes(tx, version);
    if (operation === 'add') {
      if (codes.has(node.code))
        throw new ClassificationRuleError('code', 'codeExists', { code: formatNodeCode(node.code) });
      if (node.parentCode !== null && !codes.has(node.parentCode))
        throw new ClassificationRuleError('code', 'parentMissing', {
          parent: formatNodeCode(node.parentCode),
        });
    } else if (!codes.has(node.code)) {
      throw new ClassificationRuleError('code', 'codeUnknown', { code: formatNodeCode(node.code) });
    }
    await upsertClassificationNodes(tx, version, [node]);
    await appendAudit(tx, {
      actor: context.actor,
      action: 'classification.update',
      object: { type: 'classification_node', id: `${version} ${node.code}` },
      outcome: 'success',
      sourceAddress: context.sourceAddress,
      detail: { version, code: node.code, operation, verified: node.verified, apl: node.apl },
    });
  });
}

/** Writes checked nodes in one transaction with one audit row; says how many were added and changed. */
export async function importClassificationNodes(
  db: Db,
  context: CommandContext,
  version: string,
  nodes: readonly ClassificationNode[],
): Promise<{ added: number; updated: number }> {
  return db.transaction(async (tx) => {
    const codes = await editionCodes(tx, version);
    const added = nodes.filter((n) => !codes.has(n.code)).length;
    const updated = nodes.length - added;
    await upsertClassificationNodes(tx, version, nodes);
    await appendAudit(tx, {
      actor: context.actor,
      action: 'classification.import',
      object: { type: 'classification_version', id: version },
      outcome: 'success',
      sourceAddress: context.sourceAddress,
      detail: { version, added, updated },
    });
    return { added, updated };
  });
}
