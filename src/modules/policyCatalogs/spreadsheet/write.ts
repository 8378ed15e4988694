import ExcelJS from 'exceljs';
import type { StoredSubsidyItem } from '../catalogsRepo.ts';
import type { RehabItem } from '../domain/items.ts';
import { categoryDigits, yesNoText } from './cells.ts';
import {
  columnTitle,
  type RehabColumnKey,
  rehabColumns,
  type SheetColumn,
  type SubsidyColumnKey,
  subsidyColumns,
} from './columns.ts';

export const subsidySheetName = '补贴目录';
export const rehabSheetName = '康复服务目录';

/** Empty cells are null; amounts and counts are numbers, so a person can add them up in Excel. */
type CellContent = string | number | null;

function subsidyCells(
  item: StoredSubsidyItem,
  productModels: ReadonlyMap<string, string>,
): Record<SubsidyColumnKey, CellContent> {
  return {
    code: item.code,
    nameZh: item.nameZh,
    nameEn: item.nameEn,
    descriptionZh: item.descriptionZh,
    descriptionEn: item.descriptionEn,
    isoCodes: item.isoCodes.join(' '),
    maxSubsidyFen: item.maxSubsidyFen,
    productPartFen: item.productPartFen,
    servicePartFen: item.servicePartFen,
    ratioSubsistence: item.ratios.subsistence,
    ratioExtremePoverty: item.ratios.extremePoverty,
    ratioLowIncome: item.ratios.lowIncome,
    ratioOther: item.ratios.other,
    eligibleCategories: categoryDigits(item.eligibleCategories),
    eligibleGrades: item.eligibleGrades.join(' '),
    ageMin: item.ageMin,
    ageMax: item.ageMax,
    serviceLifeYears: item.serviceLifeYears,
    quantityLimit: item.quantityLimit,
    medicalInsurance: yesNoText(item.medicalInsurance),
    medicalInsuranceCode: item.medicalInsuranceCode,
    firstOfKind: yesNoText(item.firstOfKind),
    // A product whose model is not known is still shown, by its id, rather than silently left out.
    products: item.products
      .map((product) => productModels.get(product.productId) ?? product.productId)
      .join('、'),
  };
}

function rehabCells(item: RehabItem): Record<RehabColumnKey, CellContent> {
  return {
    code: item.code,
    nameZh: item.nameZh,
    nameEn: item.nameEn,
    targetGroupZh: item.targetGroupZh,
    targetGroupEn: item.targetGroupEn,
    contentZh: item.contentZh,
    contentEn: item.contentEn,
    frequencyZh: item.frequencyZh,
    frequencyEn: item.frequencyEn,
    standardPriceFen: item.standardPriceFen,
    subsidyFen: item.subsidyFen,
    eligibleCategories: categoryDigits(item.eligibleCategories),
    ageMin: item.ageMin,
    ageMax: item.ageMax,
  };
}

const textFormat = '@';
const wholeFormat = '0';

/**
 * One sheet: a bold, frozen, filterable header row of bilingual titles with
 * a note on what each column accepts, then one row per item. Text is always
 * written as string cells in text-formatted columns, so nothing an
 * administrator typed (even "=1+1") is ever evaluated as a formula.
 */
async function writeSheet<C extends SheetColumn>(
  sheetName: string,
  columns: readonly C[],
  rows: readonly Readonly<Record<C['key'], CellContent>>[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    key: column.key,
    width: column.width,
    style: { numFmt: column.text ? textFormat : wholeFormat },
  }));
  const header = sheet.addRow(columns.map(columnTitle));
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  columns.forEach((column, index) => {
    if (column.noteZh !== undefined && column.noteEn !== undefined)
      header.getCell(index + 1).note = `${column.noteZh}\n${column.noteEn}`;
  });
  for (const row of rows) {
    const added = sheet.addRow(columns.map((column: C) => row[column.key as C['key']]));
    added.alignment = { vertical: 'top', wrapText: true };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The subsidy catalog as an .xlsx; `productModels` maps product id → model number for the reference column. */
export function writeSubsidyItemsXlsx(
  items: readonly StoredSubsidyItem[],
  productModels: ReadonlyMap<string, string>,
): Promise<Buffer> {
  return writeSheet(
    subsidySheetName,
    subsidyColumns,
    items.map((item) => subsidyCells(item, productModels)),
  );
}

export function writeRehabItemsXlsx(items: readonly RehabItem[]): Promise<Buffer> {
  return writeSheet(rehabSheetName, rehabColumns, items.map(rehabCells));
}
