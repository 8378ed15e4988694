import { toHalfWidth } from '../../../platform/ids/index.ts';

/**
 * One column of a catalog spreadsheet. The header shows both languages
 * ("编码 Code"), and either half alone is recognised on import, because a
 * person editing the file may retype a header in the language they work in.
 */
export interface SheetColumn<K extends string = string> {
  readonly key: K;
  readonly zh: string;
  readonly en: string;
  /** Excel character units. */
  readonly width: number;
  /**
   * Cells kept as text in Excel ('@' format): codes keep their leading zeros,
   * "4 7" or "4-7" is not turned into a number or a date, and text typed later
   * into the column is never run as a formula.
   */
  readonly text: boolean;
  /** Shown as a note on the header cell: what the column accepts. */
  readonly noteZh?: string;
  readonly noteEn?: string;
}

const categoriesNote = {
  noteZh:
    '填写残疾类别代码（GB/T 26341），用空格分隔：1 视力、2 听力、3 言语、4 肢体、5 智力、6 精神、7 多重。',
  noteEn:
    'Disability category codes (GB/T 26341) separated by spaces: 1 visual, 2 hearing, 3 speech, 4 physical, 5 intellectual, 6 mental, 7 multiple.',
};
const fenNote = {
  noteZh: '以分为单位的整数，例如 80000 表示 800 元。',
  noteEn: 'A whole number of fen, e.g. 80000 for 800 yuan.',
};
const percentNote = { noteZh: '0 至 100 的整数。', noteEn: 'A whole number from 0 to 100.' };
const ageNote = { noteZh: '周岁，不限则留空。', noteEn: 'Age in years; leave empty for no limit.' };
const yesNoNote = { noteZh: '填写“是”或“否”。', noteEn: 'Yes or no (是 or 否).' };

export const subsidyColumns = [
  {
    key: 'code',
    zh: '编码',
    en: 'Code',
    width: 12,
    text: true,
    noteZh: '6 至 10 位数字。',
    noteEn: '6 to 10 digits.',
  },
  { key: 'nameZh', zh: '名称', en: 'Name (zh)', width: 24, text: true },
  { key: 'nameEn', zh: '英文名称', en: 'Name (en)', width: 28, text: true },
  { key: 'descriptionZh', zh: '说明', en: 'Description (zh)', width: 40, text: true },
  { key: 'descriptionEn', zh: '英文说明', en: 'Description (en)', width: 40, text: true },
  {
    key: 'isoCodes',
    zh: 'ISO 9999 分类编码',
    en: 'ISO 9999 codes',
    width: 16,
    text: true,
    noteZh: '6 位数字的分类编码，多个用空格分隔。',
    noteEn: 'Six-digit division codes separated by spaces.',
  },
  {
    key: 'maxSubsidyFen',
    zh: '最高补贴（分）',
    en: 'Maximum subsidy (fen)',
    width: 14,
    text: false,
    ...fenNote,
  },
  {
    key: 'productPartFen',
    zh: '产品部分（分）',
    en: 'Product part (fen)',
    width: 14,
    text: false,
    ...fenNote,
  },
  {
    key: 'servicePartFen',
    zh: '服务部分（分）',
    en: 'Service part (fen)',
    width: 14,
    text: false,
    ...fenNote,
  },
  {
    key: 'ratioSubsistence',
    zh: '低保对象比例（%）',
    en: 'Ratio, subsistence allowance (%)',
    width: 12,
    text: false,
    ...percentNote,
  },
  {
    key: 'ratioExtremePoverty',
    zh: '特困人员比例（%）',
    en: 'Ratio, extreme poverty (%)',
    width: 12,
    text: false,
    ...percentNote,
  },
  {
    key: 'ratioLowIncome',
    zh: '低收入人员比例（%）',
    en: 'Ratio, low income (%)',
    width: 12,
    text: false,
    ...percentNote,
  },
  {
    key: 'ratioOther',
    zh: '其他人员比例（%）',
    en: 'Ratio, others (%)',
    width: 12,
    text: false,
    ...percentNote,
  },
  {
    key: 'eligibleCategories',
    zh: '适用残疾类别',
    en: 'Disability categories',
    width: 14,
    text: true,
    ...categoriesNote,
  },
  {
    key: 'eligibleGrades',
    zh: '适用残疾等级',
    en: 'Disability grades',
    width: 12,
    text: true,
    noteZh: '残疾等级 1 至 4，用空格分隔。',
    noteEn: 'Disability grades 1 to 4 separated by spaces.',
  },
  { key: 'ageMin', zh: '最低年龄', en: 'Minimum age', width: 10, text: false, ...ageNote },
  { key: 'ageMax', zh: '最高年龄', en: 'Maximum age', width: 10, text: false, ...ageNote },
  { key: 'serviceLifeYears', zh: '使用年限（年）', en: 'Service life (years)', width: 12, text: false },
  { key: 'quantityLimit', zh: '数量上限', en: 'Quantity limit', width: 10, text: false },
  { key: 'medicalInsurance', zh: '纳入医保', en: 'Medical insurance', width: 10, text: true, ...yesNoNote },
  { key: 'medicalInsuranceCode', zh: '医保编码', en: 'Medical insurance code', width: 16, text: true },
  { key: 'firstOfKind', zh: '首台套', en: 'First of kind', width: 10, text: true, ...yesNoNote },
  {
    key: 'products',
    zh: '已纳入产品型号（导入时忽略）',
    en: 'Admitted product models (ignored on import)',
    width: 30,
    text: true,
    noteZh: '仅供查阅：产品通过纳入评审进入目录，不能在表格中修改。',
    noteEn:
      'For reference only: products enter the catalog through admission review, not through this sheet.',
  },
] as const satisfies readonly SheetColumn[];

export type SubsidyColumnKey = (typeof subsidyColumns)[number]['key'];

export const rehabColumns = [
  {
    key: 'code',
    zh: '编码',
    en: 'Code',
    width: 10,
    text: true,
    noteZh: 'R 加 2 至 4 位数字。',
    noteEn: 'R followed by 2 to 4 digits.',
  },
  { key: 'nameZh', zh: '名称', en: 'Name (zh)', width: 24, text: true },
  { key: 'nameEn', zh: '英文名称', en: 'Name (en)', width: 28, text: true },
  { key: 'targetGroupZh', zh: '服务对象', en: 'Target group (zh)', width: 24, text: true },
  { key: 'targetGroupEn', zh: '英文服务对象', en: 'Target group (en)', width: 28, text: true },
  { key: 'contentZh', zh: '服务内容', en: 'Content (zh)', width: 40, text: true },
  { key: 'contentEn', zh: '英文服务内容', en: 'Content (en)', width: 40, text: true },
  { key: 'frequencyZh', zh: '服务频次', en: 'Frequency (zh)', width: 20, text: true },
  { key: 'frequencyEn', zh: '英文服务频次', en: 'Frequency (en)', width: 24, text: true },
  {
    key: 'standardPriceFen',
    zh: '服务标准（分）',
    en: 'Standard price (fen)',
    width: 14,
    text: false,
    ...fenNote,
  },
  { key: 'subsidyFen', zh: '补助金额（分）', en: 'Subsidy (fen)', width: 14, text: false, ...fenNote },
  {
    key: 'eligibleCategories',
    zh: '适用残疾类别',
    en: 'Disability categories',
    width: 14,
    text: true,
    ...categoriesNote,
  },
  { key: 'ageMin', zh: '最低年龄', en: 'Minimum age', width: 10, text: false, ...ageNote },
  { key: 'ageMax', zh: '最高年龄', en: 'Maximum age', width: 10, text: false, ...ageNote },
] as const satisfies readonly SheetColumn[];

export type RehabColumnKey = (typeof rehabColumns)[number]['key'];

/** Columns an export shows for people but an import never reads. */
export const ignoredOnImport: ReadonlySet<string> = new Set(['products']);

/** The header as written in the export. */
export const columnTitle = (column: SheetColumn): string => `${column.zh} ${column.en}`;

/**
 * Header text compared without the differences retyping brings: full-width
 * brackets, spacing and letter case ("最高补贴(分)", "maximum subsidy(FEN)").
 */
const headerForm = (text: string): string => toHalfWidth(text).replace(/\s+/g, '').toLowerCase();

/** The column a header cell names, by its Chinese part, its English part or both. */
export function matchHeader<C extends SheetColumn>(columns: readonly C[], text: string): C | undefined {
  const form = headerForm(text);
  if (form === '') return undefined;
  return columns.find(
    (column) =>
      headerForm(column.zh) === form ||
      headerForm(column.en) === form ||
      headerForm(columnTitle(column)) === form,
  );
}
