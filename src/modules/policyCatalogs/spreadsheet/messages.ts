import { defineMessages, type Locale } from '../../../platform/i18n/index.ts';
import type { SheetProblem } from './problems.ts';

/**
 * Every problem the catalog spreadsheet reader reports. Row problems name
 * the column ({column}, its header as the export writes it) and, where a cell
 * was read, what it held ({value}).
 */
export const spreadsheetMessages = defineMessages(
  'policySpreadsheet',
  {
    // The file as a whole (row 0 or the header row).
    sheet_unreadable: '无法读取这个文件。请上传 Excel 工作簿（.xlsx），最好是从本平台导出后修改的文件。',
    sheet_noHeader: '这一行应是列标题，但它是空的。请从本平台导出目录，在导出的文件中修改后再上传。',
    sheet_required: '缺少必填列“{column}”。列标题可以只写中文或只写英文，但每一列都必须有。',
    sheet_duplicateColumn: '列“{column}”出现了不止一次，每一列只能有一个。',
    sheet_noItems: '表格中没有目录项目：除标题行外所有行都是空的。',
    sheet_tooManyRows: '表格中的项目超过 {limit} 行，一个目录不会有这么多项目，请检查是否选错了文件。',
    // One cell or one row.
    required: '“{column}”必须填写。',
    notInteger: '“{column}”应为整数，而“{value}”不是。请不要填写小数、单位或千位分隔符。',
    tooLarge: '“{column}”中的“{value}”太大。',
    negative: '“{column}”不能是负数（现为“{value}”）。',
    tooLong: '“{column}”太长，最多 2000 个字符。',
    format: '“{column}”中的“{value}”格式不对。',
    format_subsidyCode: '“{column}”中的“{value}”格式不对：补贴目录编码为 6 至 10 位数字，例如 12220301。',
    format_rehabCode: '“{column}”中的“{value}”格式不对：康复服务项目编码为 R 加 2 至 4 位数字，例如 R01。',
    format_isoCodes:
      '“{column}”中的“{value}”格式不对：请填写至少一个 6 位数字的 ISO 9999 分类编码，多个用空格分隔，例如 122203 122206。',
    format_age: '“{column}”中的“{value}”不是 0 至 150 之间的周岁年龄。',
    format_serviceLifeYears: '“{column}”中的“{value}”不是 1 至 50 之间的年数。',
    format_quantityLimit: '“{column}”中的“{value}”不是 1 至 99 之间的数量。',
    ratioRange: '“{column}”中的“{value}”应为 0 至 100 之间的整数百分比。',
    partsNotSum: '产品部分（{product} 分）与服务部分（{service} 分）之和应等于最高补贴（{max} 分）。',
    overPrice: '补助金额（{subsidy} 分）不能高于服务标准（{price} 分）。',
    ageOrder: '最低年龄（{min} 岁）不能高于最高年龄（{max} 岁）。',
    insuranceCodeMissing: '纳入医保的项目必须填写“{column}”。',
    categoryUnknown:
      '“{column}”中的“{value}”不是残疾类别代码，可填 1 至 7：1 视力、2 听力、3 言语、4 肢体、5 智力、6 精神、7 多重。',
    gradeUnknown: '“{column}”中的“{value}”不是残疾等级，可填 1 至 4。',
    notYesNo: '“{column}”应填写“是”或“否”，而不是“{value}”。',
    duplicateCode: '编码 {value} 已在第 {firstRow} 行出现，每个编码只能出现一次。',
    // Framing for a list of problems.
    rowProblem: '第 {row} 行：{message}',
  },
  {
    sheet_unreadable:
      'This file cannot be read. Upload an Excel workbook (.xlsx), preferably one exported from this platform and then edited.',
    sheet_noHeader:
      'This row should hold the column headers, but it is empty. Export the catalog from this platform, edit the exported file and upload it again.',
    sheet_required:
      'The required column “{column}” is missing. A header may be written in Chinese or in English only, but every column must be there.',
    sheet_duplicateColumn: 'The column “{column}” appears more than once; each column may appear only once.',
    sheet_noItems: 'The sheet has no catalog items: every row below the headers is empty.',
    sheet_tooManyRows:
      'The sheet has more than {limit} rows of items. No catalog is that long; check that this is the right file.',
    required: '“{column}” must be filled in.',
    notInteger:
      '“{column}” must be a whole number, and “{value}” is not. Do not write decimals, units or thousands separators.',
    tooLarge: '“{value}” in “{column}” is too large.',
    negative: '“{column}” cannot be negative (it is “{value}”).',
    tooLong: '“{column}” is too long: at most 2000 characters.',
    format: '“{value}” in “{column}” is not in the expected form.',
    format_subsidyCode:
      '“{value}” in “{column}” is not a subsidy catalog code: 6 to 10 digits, such as 12220301.',
    format_rehabCode:
      '“{value}” in “{column}” is not a rehabilitation service code: R and 2 to 4 digits, such as R01.',
    format_isoCodes:
      '“{value}” in “{column}” is not a list of ISO 9999 codes: write at least one six-digit code, several separated by spaces, such as 122203 122206.',
    format_age: '“{value}” in “{column}” is not an age in years from 0 to 150.',
    format_serviceLifeYears: '“{value}” in “{column}” is not a number of years from 1 to 50.',
    format_quantityLimit: '“{value}” in “{column}” is not a quantity from 1 to 99.',
    ratioRange: '“{value}” in “{column}” must be a whole percentage from 0 to 100.',
    partsNotSum:
      'The product part ({product} fen) and the service part ({service} fen) must add up to the maximum subsidy ({max} fen).',
    overPrice: 'The subsidy ({subsidy} fen) cannot be higher than the standard price ({price} fen).',
    ageOrder: 'The minimum age ({min}) cannot be higher than the maximum age ({max}).',
    insuranceCodeMissing: 'An item covered by medical insurance needs a “{column}”.',
    categoryUnknown:
      '“{value}” in “{column}” is not a disability category code. Use 1 to 7: 1 visual, 2 hearing, 3 speech, 4 physical, 5 intellectual, 6 mental, 7 multiple.',
    gradeUnknown: '“{value}” in “{column}” is not a disability grade. Use 1 to 4.',
    notYesNo: '“{column}” must be yes or no (是 or 否), not “{value}”.',
    duplicateCode: 'The code {value} already appears in row {firstRow}; each code may appear only once.',
    rowProblem: 'Row {row}: {message}',
  },
);

export type SpreadsheetMessageKey = keyof (typeof spreadsheetMessages.catalogs)['zh-CN'];

const isMessageKey = (key: string): key is SpreadsheetMessageKey =>
  Object.hasOwn(spreadsheetMessages.catalogs['zh-CN'], key);

/**
 * A problem's message without its row, for a table that shows the row in a
 * column of its own. Fills in the column's header, and for a format problem
 * says what the column expects when the reader knew (params.rule). A key
 * these messages do not have is shown as it is.
 */
export function sheetProblemMessage(problem: SheetProblem, locale: Locale): string {
  const rule = problem.params?.rule;
  const specific = problem.key === 'format' && rule !== undefined ? `format_${rule}` : problem.key;
  const key = isMessageKey(specific) ? specific : problem.key;
  if (!isMessageKey(key)) return problem.key;
  return spreadsheetMessages.for(locale)(key, { ...problem.params, column: problem.column });
}

/** A problem as one sentence, starting with its row ("第 3 行：…") when it has one. */
export function describeSheetProblem(problem: SheetProblem, locale: Locale): string {
  const message = sheetProblemMessage(problem, locale);
  return problem.row > 0
    ? spreadsheetMessages.for(locale)('rowProblem', { row: problem.row, message })
    : message;
}
