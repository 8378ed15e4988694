import ExcelJS from 'exceljs';
import type { DisabilityCategory, DisabilityGrade } from '../../../platform/ids/index.ts';
import {
  type ItemProblem,
  type RehabItem,
  rehabItemProblems,
  type SubsidyItem,
  subsidyItemProblems,
} from '../domain/items.ts';
import {
  cellText,
  listTokens,
  type Parsed,
  parseCategories,
  parseGrades,
  parseWhole,
  parseYesNo,
} from './cells.ts';
import {
  columnTitle,
  ignoredOnImport,
  matchHeader,
  type RehabColumnKey,
  rehabColumns,
  type SheetColumn,
  type SubsidyColumnKey,
  subsidyColumns,
} from './columns.ts';
import type { SheetProblem, SpreadsheetResult } from './problems.ts';
import { rehabSheetName, subsidySheetName } from './write.ts';

/** A catalog has a few hundred items at most; many more means the wrong file, not a bigger catalog. */
export const maxItemRows = 2000;

type Params = Record<string, string | number>;

/** A domain rule's problem, with the numbers its message shows. */
type RuleProblem = ItemProblem & { readonly params?: Params };

/**
 * The columns whose values a cross-field rule compares. When one of them
 * could not be read, the rule is not reported: the row already has a problem
 * there, and a comparison with a stand-in value would only mislead.
 */
const ruleInputs: Partial<Record<ItemProblem['problem'], readonly string[]>> = {
  partsNotSum: ['maxSubsidyFen', 'productPartFen', 'servicePartFen'],
  overPrice: ['standardPriceFen', 'subsidyFen'],
  ageOrder: ['ageMin', 'ageMax'],
  ratioRange: ['ratioSubsistence', 'ratioExtremePoverty', 'ratioLowIncome', 'ratioOther'],
  insuranceCodeMissing: ['medicalInsurance', 'medicalInsuranceCode'],
};

/** Domain fields that are not one column. */
const fieldColumn: Readonly<Record<string, string>> = { ratios: 'ratioSubsistence' };

/** A cell as quoted back in a message: enough to find it, not a whole description. */
const shown = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * One data row being read into an item. Each reader method parses one cell
 * strictly; a cell that cannot be read becomes a problem and a stand-in value,
 * so the rest of the row is still checked and every mistake shows at once.
 */
class RowReader<K extends string> {
  readonly problems: SheetProblem[] = [];
  private readonly failed = new Set<string>();

  constructor(
    readonly row: number,
    private readonly cells: ReadonlyMap<string, string>,
    private readonly titleOf: (key: string) => string,
  ) {}

  cell(key: string): string {
    return this.cells.get(key) ?? '';
  }

  hasFailed(key: string): boolean {
    return this.failed.has(key);
  }

  report(key: string, problem: string, params: Params = {}): void {
    this.failed.add(key);
    const value = shown(this.cell(key));
    this.problems.push({
      row: this.row,
      column: this.titleOf(key),
      key: problem,
      params: { value, ...params },
    });
  }

  text(key: K): string {
    return this.cell(key);
  }

  optionalText(key: K): string | null {
    const text = this.cell(key);
    return text === '' ? null : text;
  }

  whole(key: K): number {
    return this.required(key, parseWhole, 0);
  }

  optionalWhole(key: K): number | null {
    return this.cell(key) === '' ? null : this.take(key, parseWhole(this.cell(key)), null);
  }

  percent(key: K): number {
    const value = this.whole(key);
    if (!this.hasFailed(key) && (value < 0 || value > 100)) this.report(key, 'ratioRange');
    return value;
  }

  yesNo(key: K): boolean {
    return this.required(key, parseYesNo, false);
  }

  /** An empty list is left to the domain rules, which say whether the list is required. */
  categories(key: K): DisabilityCategory[] {
    return this.take(key, parseCategories(this.cell(key)), []);
  }

  grades(key: K): DisabilityGrade[] {
    return this.take(key, parseGrades(this.cell(key)), []);
  }

  list(key: K): string[] {
    return listTokens(this.cell(key));
  }

  private required<T>(key: K, parse: (text: string) => Parsed<T>, standIn: T): T {
    if (this.cell(key) === '') {
      this.report(key, 'required');
      return standIn;
    }
    return this.take(key, parse(this.cell(key)), standIn);
  }

  private take<T>(key: K, parsed: Parsed<T>, standIn: T): T {
    if ('value' in parsed) return parsed.value;
    this.report(key, parsed.problem, parsed.token === undefined ? {} : { value: parsed.token });
    return standIn;
  }
}

interface SheetSpec<C extends SheetColumn, I> {
  readonly sheetName: string;
  readonly columns: readonly C[];
  readonly item: (row: RowReader<C['key']>) => I & { readonly code: string };
  readonly rules: (item: I) => readonly RuleProblem[];
  /** Which format message explains a column's `format` problem. */
  readonly formatRules: Readonly<Partial<Record<C['key'], string>>>;
}

async function openSheet(data: Buffer, sheetName: string): Promise<ExcelJS.Worksheet | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own Buffer interface; JSZip underneath reads a Node Buffer.
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    return undefined;
  }
  // The named sheet if a person kept it, otherwise the first: a renamed sheet is still the catalog.
  return workbook.getWorksheet(sheetName) ?? workbook.worksheets[0];
}

type Header<K extends string> =
  | { readonly keys: ReadonlyMap<number, K> }
  | { readonly problems: SheetProblem[] };

/**
 * Row 1, in any column order. Headers that name no column (a person's notes
 * column, say) are ignored; since every column an import reads is required,
 * a mistyped header shows up as a missing column rather than as lost data.
 */
function readHeader<C extends SheetColumn>(row: ExcelJS.Row, columns: readonly C[]): Header<C['key']> {
  const keys = new Map<number, C['key']>();
  const problems: SheetProblem[] = [];
  let anyText = false;
  row.eachCell((cell, columnNumber) => {
    const text = cellText(cell.value);
    if (text === '') return;
    anyText = true;
    const column = matchHeader(columns, text);
    if (column === undefined || ignoredOnImport.has(column.key)) return;
    if ([...keys.values()].includes(column.key))
      problems.push({ row: 1, column: columnTitle(column), key: 'sheet_duplicateColumn' });
    else keys.set(columnNumber, column.key);
  });
  if (!anyText) return { problems: [{ row: 1, column: '', key: 'sheet_noHeader' }] };
  const present = new Set(keys.values());
  for (const column of columns) {
    if (!ignoredOnImport.has(column.key) && !present.has(column.key))
      problems.push({ row: 1, column: columnTitle(column), key: 'sheet_required' });
  }
  return problems.length > 0 ? { problems } : { keys };
}

interface DataRow {
  readonly number: number;
  readonly cells: ReadonlyMap<string, string>;
}

/** Rows below the header with something in an imported column; blank separator rows are not items. */
function dataRows(sheet: ExcelJS.Worksheet, keys: ReadonlyMap<number, string>): DataRow[] {
  const rows: DataRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells = new Map<string, string>();
    for (const [columnNumber, key] of keys) cells.set(key, cellText(row.getCell(columnNumber).value));
    if ([...cells.values()].some((text) => text !== '')) rows.push({ number, cells });
  });
  return rows;
}

function ruleProblems<C extends SheetColumn, I>(
  spec: SheetSpec<C, I>,
  reader: RowReader<C['key']>,
  item: I,
): void {
  for (const found of spec.rules(item)) {
    const key = fieldColumn[found.field] ?? found.field;
    const inputs = ruleInputs[found.problem] ?? [key];
    if (inputs.some((input) => reader.hasFailed(input))) continue;
    const rule: string | undefined =
      found.problem === 'format' ? spec.formatRules[key as C['key']] : undefined;
    reader.report(key, found.problem, { ...(rule === undefined ? {} : { rule }), ...found.params });
  }
}

async function readSheet<C extends SheetColumn, I>(
  data: Buffer,
  spec: SheetSpec<C, I>,
): Promise<SpreadsheetResult<I>> {
  const sheet = await openSheet(data, spec.sheetName);
  if (sheet === undefined) return { items: [], problems: [{ row: 0, column: '', key: 'sheet_unreadable' }] };
  const header = readHeader(sheet.getRow(1), spec.columns);
  if ('problems' in header) return { items: [], problems: header.problems };
  const rows = dataRows(sheet, header.keys);
  if (rows.length === 0) return { items: [], problems: [{ row: 0, column: '', key: 'sheet_noItems' }] };
  if (rows.length > maxItemRows)
    return {
      items: [],
      problems: [{ row: 0, column: '', key: 'sheet_tooManyRows', params: { limit: maxItemRows } }],
    };

  const titles = new Map(spec.columns.map((column) => [column.key as string, columnTitle(column)]));
  const titleOf = (key: string) => titles.get(key) ?? key;
  const items: I[] = [];
  const problems: SheetProblem[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const row of rows) {
    const reader = new RowReader<C['key']>(row.number, row.cells, titleOf);
    const item = spec.item(reader);
    ruleProblems(spec, reader, item);
    const firstRow = firstRowOfCode.get(item.code);
    if (firstRow !== undefined) reader.report('code', 'duplicateCode', { value: item.code, firstRow });
    else if (item.code !== '') firstRowOfCode.set(item.code, row.number);
    problems.push(...reader.problems);
    items.push(item);
  }
  return problems.length > 0 ? { items: [], problems } : { items, problems: [] };
}

function ageOrderParams(
  problem: ItemProblem,
  item: { ageMin: number | null; ageMax: number | null },
): Params {
  return problem.problem === 'ageOrder' ? { min: item.ageMin ?? '', max: item.ageMax ?? '' } : {};
}

const subsidySpec: SheetSpec<(typeof subsidyColumns)[number], SubsidyItem> = {
  sheetName: subsidySheetName,
  columns: subsidyColumns,
  item: (row: RowReader<SubsidyColumnKey>): SubsidyItem => ({
    code: row.text('code'),
    nameZh: row.text('nameZh'),
    nameEn: row.text('nameEn'),
    descriptionZh: row.text('descriptionZh'),
    descriptionEn: row.text('descriptionEn'),
    isoCodes: row.list('isoCodes'),
    maxSubsidyFen: row.whole('maxSubsidyFen'),
    productPartFen: row.whole('productPartFen'),
    servicePartFen: row.whole('servicePartFen'),
    ratios: {
      subsistence: row.percent('ratioSubsistence'),
      extremePoverty: row.percent('ratioExtremePoverty'),
      lowIncome: row.percent('ratioLowIncome'),
      other: row.percent('ratioOther'),
    },
    eligibleCategories: row.categories('eligibleCategories'),
    eligibleGrades: row.grades('eligibleGrades'),
    ageMin: row.optionalWhole('ageMin'),
    ageMax: row.optionalWhole('ageMax'),
    serviceLifeYears: row.whole('serviceLifeYears'),
    quantityLimit: row.whole('quantityLimit'),
    medicalInsurance: row.yesNo('medicalInsurance'),
    medicalInsuranceCode: row.optionalText('medicalInsuranceCode'),
    firstOfKind: row.yesNo('firstOfKind'),
  }),
  rules: (item) =>
    subsidyItemProblems(item).map((problem) => ({
      ...problem,
      params:
        problem.problem === 'partsNotSum'
          ? { max: item.maxSubsidyFen, product: item.productPartFen, service: item.servicePartFen }
          : ageOrderParams(problem, item),
    })),
  formatRules: {
    code: 'subsidyCode',
    isoCodes: 'isoCodes',
    ageMin: 'age',
    ageMax: 'age',
    serviceLifeYears: 'serviceLifeYears',
    quantityLimit: 'quantityLimit',
  },
};

const rehabSpec: SheetSpec<(typeof rehabColumns)[number], RehabItem> = {
  sheetName: rehabSheetName,
  columns: rehabColumns,
  item: (row: RowReader<RehabColumnKey>): RehabItem => ({
    code: row.text('code'),
    nameZh: row.text('nameZh'),
    nameEn: row.text('nameEn'),
    targetGroupZh: row.text('targetGroupZh'),
    targetGroupEn: row.text('targetGroupEn'),
    contentZh: row.text('contentZh'),
    contentEn: row.text('contentEn'),
    frequencyZh: row.text('frequencyZh'),
    frequencyEn: row.text('frequencyEn'),
    standardPriceFen: row.whole('standardPriceFen'),
    subsidyFen: row.whole('subsidyFen'),
    eligibleCategories: row.categories('eligibleCategories'),
    ageMin: row.optionalWhole('ageMin'),
    ageMax: row.optionalWhole('ageMax'),
  }),
  rules: (item) =>
    rehabItemProblems(item).map((problem) => ({
      ...problem,
      params:
        problem.problem === 'overPrice'
          ? { price: item.standardPriceFen, subsidy: item.subsidyFen }
          : ageOrderParams(problem, item),
    })),
  formatRules: { code: 'rehabCode', ageMin: 'age', ageMax: 'age' },
};

/** Reads an edited subsidy catalog sheet; items only when no row has a problem. */
export function readSubsidyItemsXlsx(data: Buffer): Promise<SpreadsheetResult<SubsidyItem>> {
  return readSheet(data, subsidySpec);
}

export function readRehabItemsXlsx(data: Buffer): Promise<SpreadsheetResult<RehabItem>> {
  return readSheet(data, rehabSpec);
}
