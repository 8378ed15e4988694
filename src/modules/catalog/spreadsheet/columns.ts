import type { Locale } from '../../../platform/i18n/index.ts';
import { toHalfWidth } from '../../../platform/ids/index.ts';

/** One column of the supplier spreadsheet, with the header in each language. */
export interface SheetColumn<K extends string = string> {
  readonly key: K;
  readonly zh: string;
  readonly en: string;
}

/**
 * The columns a supplier fills in, in the order the template and the export
 * show them. Suppliers work in Chinese or English spreadsheets, so either
 * header is accepted; the key is what the code (and a technical user) uses.
 */
export const importColumns = [
  { key: 'name_zh', zh: '产品名称', en: 'Product name' },
  { key: 'name_en', zh: '英文名称', en: 'English name' },
  { key: 'model', zh: '型号', en: 'Model' },
  { key: 'iso_code', zh: '分类编码', en: 'ISO 9999 code' },
  { key: 'function_areas', zh: '功能领域', en: 'Function areas' },
  { key: 'disability_categories', zh: '适用残疾类别', en: 'Disability categories' },
  { key: 'description_zh', zh: '产品描述', en: 'Description' },
  { key: 'description_en', zh: '英文描述', en: 'English description' },
  { key: 'price_yuan', zh: '参考价格（元）', en: 'Reference price (yuan)' },
  { key: 'registration_number', zh: '医疗器械注册证号', en: 'Medical device registration number' },
  { key: 'certifications', zh: '认证', en: 'Certifications' },
  { key: 'attributes', zh: '技术参数', en: 'Technical attributes' },
  { key: 'replaces_model', zh: '替代的上一代型号', en: 'Replaces model' },
] as const satisfies readonly SheetColumn[];

export type ImportColumnKey = (typeof importColumns)[number]['key'];

/**
 * Columns only an export has. They are there so an exported file reads as a
 * report, and they are accepted (and ignored) on import so the same file can
 * be edited and uploaded again: a product's identity comes from the signed-in
 * supplier and its model, never from what a spreadsheet claims.
 */
export const exportOnlyColumns = [
  { key: 'id', zh: '产品编号', en: 'Product ID' },
  { key: 'supplier', zh: '供应商', en: 'Supplier' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'version', zh: '版本', en: 'Version' },
] as const satisfies readonly SheetColumn[];

export type ExportOnlyColumnKey = (typeof exportOnlyColumns)[number]['key'];
export type ExportColumnKey = ImportColumnKey | ExportOnlyColumnKey;

/** The export's column order: the id first (what a row is), the editable columns, then the report columns. */
export const exportColumns: readonly SheetColumn<ExportColumnKey>[] = [
  exportOnlyColumns[0],
  ...importColumns,
  ...exportOnlyColumns.slice(1),
];

/** Without these a row cannot become a product, so a file lacking the column is refused as a whole. */
export const requiredColumns: readonly ImportColumnKey[] = [
  'name_zh',
  'name_en',
  'model',
  'iso_code',
  'price_yuan',
];

/**
 * Header text as people actually type it: full-width brackets from a Chinese
 * input method ("参考价格(元)" and "参考价格（元）" are the same header to the
 * supplier), stray spaces, any letter case.
 */
export function normaliseHeader(raw: string): string {
  return toHalfWidth(raw).trim().replace(/\s+/g, ' ').toLowerCase();
}

type HeaderMatch =
  | { kind: 'import'; key: ImportColumnKey }
  | { kind: 'export_only'; key: ExportOnlyColumnKey };

const headerIndex = new Map<string, HeaderMatch>();
for (const column of importColumns) {
  for (const text of [column.key, column.zh, column.en]) {
    headerIndex.set(normaliseHeader(text), { kind: 'import', key: column.key });
  }
}
for (const column of exportOnlyColumns) {
  for (const text of [column.key, column.zh, column.en]) {
    headerIndex.set(normaliseHeader(text), { kind: 'export_only', key: column.key });
  }
}

/** Which column a header names, in either language or by key; undefined for an unknown header. */
export function matchHeader(raw: string): HeaderMatch | undefined {
  return headerIndex.get(normaliseHeader(raw));
}

const columnsByKey = new Map<string, SheetColumn>(
  [...importColumns, ...exportOnlyColumns].map((column) => [column.key, column]),
);

/** The header of a column in a language, for messages and exports; the key itself if it is not a column. */
export function columnHeader(key: string, locale: Locale): string {
  const column = columnsByKey.get(key);
  if (!column) return key;
  return locale === 'zh-CN' ? column.zh : column.en;
}
