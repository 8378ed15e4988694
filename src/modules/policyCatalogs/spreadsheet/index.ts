/**
 * The policy catalogs as Excel workbooks: an export an administrator edits
 * and uploads again into a draft version, all or nothing.
 */
export {
  describeSheetProblem,
  type SpreadsheetMessageKey,
  sheetProblemMessage,
  spreadsheetMessages,
} from './messages.ts';
export type { SheetProblem, SpreadsheetResult } from './problems.ts';
export { maxItemRows, readRehabItemsXlsx, readSubsidyItemsXlsx } from './read.ts';
export { rehabSheetName, subsidySheetName, writeRehabItemsXlsx, writeSubsidyItemsXlsx } from './write.ts';
