import { defineMessages, type Locale } from '../../../platform/i18n/index.ts';
import { columnHeader } from './columns.ts';
import { defaultMaxRows, type SheetError, type SheetErrorCode } from './read.ts';
import type { RowMessageKey, RowProblem } from './validate.ts';

const zh = {
  // File-level problems (SheetError codes).
  unreadable:
    '无法读取这个文件。请上传 Excel（.xlsx）或 CSV 文件；如果文件来自其他软件，请在 Excel 中另存为 .xlsx 后再上传。',
  no_header: '第 1 行应是列标题（如“产品名称”“型号”），但它是空的或文件中没有内容。请使用平台提供的模板。',
  unknown_column: '无法识别这些列标题：{column}。请使用模板中的列标题（中文或英文均可），或删除这些列。',
  duplicate_column: '这些列出现了不止一次：{column}。每一列只能有一个。',
  missing_column: '缺少必需的列：{column}。请使用平台提供的模板。',
  too_many_rows: '文件中的产品超过 {limit} 行。请分成几个文件上传。',
  // Row problems (RowMessageKey).
  required: '“{column}”必须填写。',
  tooLong: '“{column}”太长，最多 {max} 个字符。',
  isoFormat: '“{column}”应为 6 位数字，例如 12 22 03，而不是“{value}”。',
  isoUnknown: '“{column}”中的 {code} 不在现行的分类中。',
  functionAreaUnknown: '“{column}”中的“{value}”无法识别，可填：行动、视觉、听觉、沟通、认知、生活自理。',
  disabilityCategoryUnknown:
    '“{column}”中的“{value}”无法识别，可填：视力、听力、言语、肢体、智力、精神、多重。',
  priceFormat: '“{column}”中的“{value}”不是金额，请填写以元为单位、最多两位小数的数字，例如 1234.56。',
  priceRange: '“{column}”中的“{value}”超出范围：价格应大于 0 元，且不超过 10,000,000 元。',
  attributeSyntax:
    '“{column}”中的“{value}”应写成“参数=值”，多个参数用分号分隔，例如 seatWidth=46; maxUserWeight=120。',
  attributeUnknown: '“{column}”中的“{attribute}”不是分类 {code} 的产品的技术参数。',
  attributeDuplicate: '“{column}”中的“{attribute}”出现了不止一次。',
  attributeNotNumber: '“{column}”中的“{attribute}”应为数字，而不是“{value}”。',
  attributeTooSmall: '“{column}”中的“{attribute}”不能小于 {min}。',
  attributeTooLarge: '“{column}”中的“{attribute}”不能大于 {max}。',
  attributeTooLong: '“{column}”中的“{attribute}”太长，最多 {max} 个字符。',
  replacesItself: '“{column}”与本产品的型号相同：一个型号不能替代它自己。',
  // Problems found across rows or against saved products (reported by the import service).
  empty: '文件中没有产品：除标题行外，所有行都是空的。',
  duplicateModel: '“{column}”：这个型号已在第 {row} 行出现，每个型号在一个文件中只能出现一次。',
  underReview: '“{column}”：型号 {model} 的上一版本正在审核中，审核完成后才能导入新版本。',
  replacesUnknown: '“{column}”：找不到型号 {model}，无法标记为被替代。',
  // Framing for a list of problems.
  rowProblem: '第 {row} 行：{message}',
} as const;

export const importMessages = defineMessages('catalogImport', zh, {
  unreadable:
    'This file cannot be read. Upload an Excel (.xlsx) or CSV file; if it comes from other software, save it as .xlsx in Excel and upload it again.',
  no_header:
    'Row 1 should hold the column headers (such as “Product name” and “Model”), but it is empty or the file has no content. Please use the template.',
  unknown_column:
    'These column headers are not recognised: {column}. Use the headers in the template (in Chinese or English), or delete these columns.',
  duplicate_column: 'These columns appear more than once: {column}. Each column may appear only once.',
  missing_column: 'Required columns are missing: {column}. Please use the template.',
  too_many_rows: 'The file has more than {limit} product rows. Please split it into several files.',
  required: '“{column}” is required.',
  tooLong: '“{column}” is too long: at most {max} characters.',
  isoFormat: '“{column}” should be six digits, such as 12 22 03, not “{value}”.',
  isoUnknown: '“{column}”: {code} is not in the current classification.',
  functionAreaUnknown:
    '“{column}”: “{value}” is not recognised. Use mobility, seeing, hearing, communication, cognition or self_care.',
  disabilityCategoryUnknown:
    '“{column}”: “{value}” is not recognised. Use visual, hearing, speech, physical, intellectual, mental or multiple.',
  priceFormat:
    '“{column}”: “{value}” is not an amount. Enter yuan with at most two decimal places, such as 1234.56.',
  priceRange: '“{column}”: “{value}” is out of range. A price must be above 0 and at most 10,000,000 yuan.',
  attributeSyntax:
    '“{column}”: “{value}” should be written as attribute=value, separated by semicolons, such as seatWidth=46; maxUserWeight=120.',
  attributeUnknown: '“{column}”: “{attribute}” is not an attribute of products in class {code}.',
  attributeDuplicate: '“{column}”: “{attribute}” is given more than once.',
  attributeNotNumber: '“{column}”: “{attribute}” should be a number, not “{value}”.',
  attributeTooSmall: '“{column}”: “{attribute}” cannot be less than {min}.',
  attributeTooLarge: '“{column}”: “{attribute}” cannot be more than {max}.',
  attributeTooLong: '“{column}”: “{attribute}” is too long: at most {max} characters.',
  replacesItself: '“{column}” is the same as this product’s model: a model cannot replace itself.',
  empty: 'The file has no products: every row below the header is empty.',
  duplicateModel:
    '“{column}”: this model already appears in row {row}; each model may appear only once in a file.',
  underReview:
    '“{column}”: the previous version of model {model} is under review; a new version can be imported once the review is finished.',
  replacesUnknown: '“{column}”: there is no model {model}, so it cannot be marked as replaced.',
  rowProblem: 'Row {row}: {message}',
});

export type ImportMessageKey = keyof typeof zh;

// The catalog must cover every code the reader throws and every key the validator reports;
// this fails to compile when either list grows without a message.
const _covered: Readonly<Record<SheetErrorCode | RowMessageKey, string>> = zh;
void _covered;

const listSeparator: Record<Locale, string> = { 'zh-CN': '、', en: ', ' };

/**
 * A file-level problem in the reader's language. Missing columns are named by
 * their header in that language; unknown and duplicate ones as the file wrote them.
 */
export function describeSheetError(error: SheetError, locale: Locale): string {
  const columns =
    error.code === 'missing_column' ? error.columns.map((key) => columnHeader(key, locale)) : error.columns;
  return importMessages.for(locale)(error.code, {
    column: columns.join(listSeparator[locale]),
    limit: error.limit ?? '',
  });
}

const isImportMessageKey = (key: string): key is ImportMessageKey => Object.hasOwn(zh, key);

/**
 * Any problem of an import report (the shape importService stores: row 0 for
 * the file as a whole) in the reader's language. A key this catalog does not
 * know is shown as it is rather than hidden.
 */
export function describeImportProblem(
  problem: {
    row: number;
    column: string;
    message: string;
    params?: Readonly<Record<string, string | number>>;
  },
  locale: Locale,
): string {
  const t = importMessages.for(locale);
  const message = isImportMessageKey(problem.message)
    ? t(problem.message, {
        // A report stored without the limit was made with the default one.
        limit: defaultMaxRows,
        ...problem.params,
        column: columnHeader(problem.column, locale),
      })
    : problem.message;
  return problem.row > 0 ? t('rowProblem', { row: problem.row, message }) : message;
}

/** One row problem in the reader's language, the column named by its header. */
export function describeRowProblem(problem: RowProblem, locale: Locale, rowNumber?: number): string {
  const t = importMessages.for(locale);
  const message = t(problem.message, { ...problem.params, column: columnHeader(problem.column, locale) });
  return rowNumber === undefined ? message : t('rowProblem', { row: rowNumber, message });
}
