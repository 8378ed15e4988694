import ExcelJS, { type CellValue } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { locales, placeholders } from '../../../platform/i18n/index.ts';
import type { StoredSubsidyItem } from '../catalogsRepo.ts';
import type { RehabItem, SubsidyItem } from '../domain/items.ts';
import { readRehabSeed, readSubsidySeed } from '../seedFiles.ts';
import { columnTitle, rehabColumns, subsidyColumns } from './columns.ts';
import {
  describeSheetProblem,
  readRehabItemsXlsx,
  readSubsidyItemsXlsx,
  type SheetProblem,
  sheetProblemMessage,
  spreadsheetMessages,
  writeRehabItemsXlsx,
  writeSubsidyItemsXlsx,
} from './index.ts';

const subsidyItems: SubsidyItem[] = readSubsidySeed(2026).items.map(
  ({ products: _products, ...item }) => item,
);
const rehabItems: RehabItem[] = [...readRehabSeed(2026).items];

const stored = (items: readonly SubsidyItem[]): StoredSubsidyItem[] =>
  items.map((item, index) => ({ ...item, id: `item-${index}`, products: [] }));

const exportSubsidy = (items: readonly SubsidyItem[] = subsidyItems) =>
  writeSubsidyItemsXlsx(stored(items), new Map());

const title = (key: string, columns: readonly { key: string; zh: string; en: string }[] = subsidyColumns) => {
  const column = columns.find((c) => c.key === key);
  if (column === undefined) throw new Error(`no column ${key}`);
  return columnTitle({ ...column, width: 0, text: false });
};

async function loadSheet(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new Error('no worksheet');
  return sheet;
}

/** Every row of the first sheet as cell values, header first, as a person would see and edit it. */
async function sheetRows(buffer: Buffer): Promise<CellValue[][]> {
  const sheet = await loadSheet(buffer);
  const rows: CellValue[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values: CellValue[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(row.getCell(c).value);
    rows.push(values);
  }
  return rows;
}

async function workbookOf(rows: readonly (readonly CellValue[])[], sheetName = 'Sheet1'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((row, index) => {
    // Rows are placed by number, so an all-empty array leaves a truly blank row.
    const target = sheet.getRow(index + 1);
    row.forEach((value, column) => {
      if (value !== null && value !== undefined) target.getCell(column + 1).value = value;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The subsidy export, edited: `edit` changes the rows (row 0 is the header) before they are saved again. */
async function editedSubsidy(
  edit: (rows: CellValue[][]) => void,
  items: readonly SubsidyItem[] = subsidyItems,
) {
  const rows = await sheetRows(await exportSubsidy(items));
  edit(rows);
  return readSubsidyItemsXlsx(await workbookOf(rows));
}

function setCell(rows: CellValue[][], rowNumber: number, key: string, value: CellValue): void {
  const index = (rows[0] ?? []).indexOf(title(key));
  const row = rows[rowNumber - 1];
  if (index < 0 || row === undefined) throw new Error(`no cell ${key} in row ${rowNumber}`);
  row[index] = value;
}

const keysOf = (problems: readonly SheetProblem[]) => problems.map((p) => `${p.row} ${p.key} ${p.column}`);

describe('policy catalog spreadsheets', () => {
  it('round-trip all 66 subsidy items of the 2026 seed exactly', async () => {
    expect(subsidyItems).toHaveLength(66);
    const result = await readSubsidyItemsXlsx(await exportSubsidy());
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual(subsidyItems);
  });

  it('round-trip all 20 rehabilitation items of the 2026 seed exactly', async () => {
    expect(rehabItems).toHaveLength(20);
    const result = await readRehabItemsXlsx(await writeRehabItemsXlsx(rehabItems));
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual(rehabItems);
  });

  it('write a frozen bilingual header, codes as text and amounts as whole fen', async () => {
    const first = subsidyItems[0];
    if (first === undefined) throw new Error('empty seed');
    const items: StoredSubsidyItem[] = [
      {
        ...first,
        id: 'item-1',
        products: [
          { productId: 'p-1', priceFen: 19_800, admissionId: null },
          { productId: 'p-2', priceFen: 20_000, admissionId: 'a-1' },
        ],
      },
    ];
    const buffer = await writeSubsidyItemsXlsx(items, new Map([['p-1', 'ZY-Y1']]));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('补贴目录');
    if (sheet === undefined) throw new Error('no 补贴目录 sheet');
    expect(sheet.getCell('A1').value).toBe('编码 Code');
    expect(sheet.getCell('B1').value).toBe('名称 Name (zh)');
    expect(sheet.getCell('G1').value).toBe('最高补贴（分） Maximum subsidy (fen)');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(4).width).toBe(40);
    // The code keeps its leading zero because it is a string in a text column.
    expect(sheet.getCell('A2').value).toBe('04190401');
    expect(sheet.getCell('A2').numFmt).toBe('@');
    expect(sheet.getCell('G2').value).toBe(20_000);
    expect(sheet.getCell('N2').value).toBe('1 5 6 7');
    expect(sheet.getCell('O2').value).toBe('1 2 3 4');
    expect(sheet.getCell('P2').value).toBeNull();
    expect(sheet.getCell('T2').value).toBe('否');
    // A product without a known model is still listed, by its id.
    expect(sheet.getCell('W2').value).toBe('ZY-Y1、p-2');
  });

  it('write the rehabilitation sheet under its own name and headers', async () => {
    const sheet = await loadSheet(await writeRehabItemsXlsx(rehabItems));
    expect(sheet.name).toBe('康复服务目录');
    expect(sheet.getCell('J1').value).toBe('服务标准（分） Standard price (fen)');
    expect(sheet.getCell('A2').value).toBe('R01');
    expect(sheet.rowCount).toBe(21);
  });

  it('never write typed text as a formula, and read it back unchanged', async () => {
    const first = subsidyItems[0];
    if (first === undefined) throw new Error('empty seed');
    const item = { ...first, nameZh: '=1+1', descriptionEn: '@SUM(A1:A2)' };
    const buffer = await exportSubsidy([item]);
    const sheet = await loadSheet(buffer);
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect((await readSubsidyItemsXlsx(buffer)).items).toEqual([item]);
  });

  it('read English-only headers in any order, the products column left out', async () => {
    const rows = await sheetRows(await exportSubsidy());
    const header = rows[0] ?? [];
    const order = header.map((_value, index) => index).reverse();
    const english = rows.map((row, r) =>
      order
        .filter((index) => header[index] !== title('products'))
        .map((index) => (r === 0 ? (subsidyColumns[index]?.en ?? '') : (row[index] ?? null))),
    );
    expect(english[0]?.[0]).toBe('First of kind');
    const result = await readSubsidyItemsXlsx(await workbookOf(english));
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual(subsidyItems);
  });

  it('accept headers retyped in Chinese with half-width brackets, and numbers and yes/no typed as text', async () => {
    const result = await editedSubsidy((rows) => {
      setCell(rows, 2, 'maxSubsidyFen', '20000');
      setCell(rows, 2, 'productPartFen', ' 20000 ');
      setCell(rows, 2, 'ratioOther', '90');
      setCell(rows, 2, 'medicalInsurance', 'No');
      setCell(rows, 2, 'firstOfKind', false);
      setCell(rows, 2, 'eligibleCategories', '1，5、6 7');
      const header = rows[0] ?? [];
      header[header.indexOf(title('maxSubsidyFen'))] = '最高补贴(分)';
      header[header.indexOf(title('nameEn'))] = ' name (EN) ';
    });
    expect(result.problems).toEqual([]);
    expect(result.items[0]).toEqual(subsidyItems[0]);
  });

  it('refuse a fractional amount without rounding it, and no sum check on a value it could not read', async () => {
    const result = await editedSubsidy((rows) => setCell(rows, 3, 'maxSubsidyFen', 800.5));
    expect(result.items).toEqual([]);
    expect(result.problems).toEqual([
      { row: 3, column: title('maxSubsidyFen'), key: 'notInteger', params: { value: '800.5' } },
    ]);
  });

  it('refuse an amount written with its unit', async () => {
    const result = await editedSubsidy((rows) => setCell(rows, 4, 'productPartFen', '800元'));
    expect(result.problems).toEqual([
      { row: 4, column: title('productPartFen'), key: 'notInteger', params: { value: '800元' } },
    ]);
  });

  it('refuse a category that is not 1-7 and a grade that is not 1-4', async () => {
    const result = await editedSubsidy((rows) => {
      setCell(rows, 2, 'eligibleCategories', '4 9');
      setCell(rows, 5, 'eligibleGrades', '0');
    });
    expect(result.problems).toEqual([
      { row: 2, column: title('eligibleCategories'), key: 'categoryUnknown', params: { value: '9' } },
      { row: 5, column: title('eligibleGrades'), key: 'gradeUnknown', params: { value: '0' } },
    ]);
  });

  it('refuse a code used twice, naming the row where it first appears', async () => {
    const code = subsidyItems[0]?.code ?? '';
    const result = await editedSubsidy((rows) => setCell(rows, 6, 'code', code));
    expect(result.problems).toEqual([
      { row: 6, column: title('code'), key: 'duplicateCode', params: { value: code, firstRow: 2 } },
    ]);
  });

  it('refuse a file missing a required column, once, on row 1', async () => {
    const result = await editedSubsidy((rows) => {
      const index = (rows[0] ?? []).indexOf(title('servicePartFen'));
      for (const row of rows) row.splice(index, 1);
    });
    expect(result).toEqual({
      items: [],
      problems: [{ row: 1, column: title('servicePartFen'), key: 'sheet_required' }],
    });
  });

  it('refuse a row whose product and service parts do not add up to the maximum', async () => {
    const result = await editedSubsidy((rows) => setCell(rows, 7, 'servicePartFen', 1));
    const item = subsidyItems[5];
    expect(result.problems).toEqual([
      {
        row: 7,
        column: title('servicePartFen'),
        key: 'partsNotSum',
        params: { value: '1', max: item?.maxSubsidyFen, product: item?.productPartFen, service: 1 },
      },
    ]);
    expect(describeSheetProblem(result.problems[0] as SheetProblem, 'zh-CN')).toMatch(
      /^第 7 行：产品部分（\d+ 分）与服务部分（1 分）之和应等于最高补贴（\d+ 分）。$/,
    );
  });

  it('skip an empty row in the middle, and count rows as Excel shows them', async () => {
    const result = await editedSubsidy((rows) => {
      rows.splice(3, 0, []);
      rows.splice(10, 0, ['', null, ' ']);
    });
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual(subsidyItems);
    const later = await editedSubsidy((rows) => {
      rows.splice(3, 0, []);
      setCell(rows, 6, 'quantityLimit', 'two');
    });
    // Row 6 of the file is the fourth item, after the blank row 4.
    expect(keysOf(later.problems)).toEqual([`6 notInteger ${title('quantityLimit')}`]);
  });

  it('report several problems of a row at once, with the format rule for the message', async () => {
    const result = await editedSubsidy((rows) => {
      setCell(rows, 2, 'code', '123');
      setCell(rows, 2, 'nameEn', '');
      setCell(rows, 2, 'ratioLowIncome', 120);
      setCell(rows, 2, 'medicalInsurance', '可能');
      setCell(rows, 2, 'ageMin', 18);
      setCell(rows, 2, 'ageMax', 6);
    });
    expect(keysOf(result.problems)).toEqual([
      `2 ratioRange ${title('ratioLowIncome')}`,
      `2 notYesNo ${title('medicalInsurance')}`,
      `2 format ${title('code')}`,
      `2 required ${title('nameEn')}`,
      `2 ageOrder ${title('ageMax')}`,
    ]);
    const [, , format] = result.problems;
    expect(format?.params).toMatchObject({ rule: 'subsidyCode', value: '123' });
    expect(describeSheetProblem(format as SheetProblem, 'en')).toBe(
      `Row 2: “123” in “${title('code')}” is not a subsidy catalog code: 6 to 10 digits, such as 12220301.`,
    );
  });

  it('check rehabilitation rows against the rehabilitation rules', async () => {
    const rows = await sheetRows(await writeRehabItemsXlsx(rehabItems));
    const header = rows[0] ?? [];
    const row = rows[1] ?? [];
    row[header.indexOf(title('subsidyFen', rehabColumns))] = 999_999_999;
    row[header.indexOf(title('code', rehabColumns))] = '01';
    const result = await readRehabItemsXlsx(await workbookOf(rows));
    expect(result.problems).toEqual([
      {
        row: 2,
        column: title('code', rehabColumns),
        key: 'format',
        params: { value: '01', rule: 'rehabCode' },
      },
      {
        row: 2,
        column: title('subsidyFen', rehabColumns),
        key: 'overPrice',
        params: { value: '999999999', price: rehabItems[0]?.standardPriceFen, subsidy: 999_999_999 },
      },
    ]);
  });

  it('refuse a file that is not a workbook, or has no header or no items', async () => {
    expect((await readSubsidyItemsXlsx(Buffer.from('code,name\n1,2\n'))).problems).toEqual([
      { row: 0, column: '', key: 'sheet_unreadable' },
    ]);
    expect((await readSubsidyItemsXlsx(await workbookOf([[], ['04190401']]))).problems).toEqual([
      { row: 1, column: '', key: 'sheet_noHeader' },
    ]);
    const headerOnly = (await sheetRows(await exportSubsidy())).slice(0, 1);
    expect((await readSubsidyItemsXlsx(await workbookOf(headerOnly))).problems).toEqual([
      { row: 0, column: '', key: 'sheet_noItems' },
    ]);
    const doubled = await editedSubsidy((rows) => {
      rows[0]?.push('Code');
      rows[1]?.push('x');
    });
    expect(doubled.problems).toEqual([{ row: 1, column: title('code'), key: 'sheet_duplicateColumn' }]);
  });

  it('have every message in both languages with the same placeholders', () => {
    const zh = spreadsheetMessages.catalogs['zh-CN'];
    expect(Object.keys(spreadsheetMessages.catalogs.en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      for (const locale of locales) {
        const message = spreadsheetMessages.catalogs[locale][key];
        expect(message.trim(), `${key} in ${locale}`).not.toBe('');
        expect(placeholders(message), `${key} in ${locale}`).toEqual(placeholders(zh[key]));
      }
    }
  });

  it('have a message for every problem the reader produces', async () => {
    const produced = [
      ...(
        await editedSubsidy((rows) => {
          setCell(rows, 2, 'maxSubsidyFen', '99999999999999999999');
          setCell(rows, 3, 'productPartFen', -5);
          setCell(rows, 3, 'servicePartFen', 0);
          setCell(rows, 4, 'nameZh', '长'.repeat(2001));
          setCell(rows, 5, 'isoCodes', '04 19 04');
          setCell(rows, 6, 'medicalInsurance', '是');
          setCell(rows, 6, 'medicalInsuranceCode', null);
          setCell(rows, 7, 'serviceLifeYears', 0);
          setCell(rows, 7, 'quantityLimit', 100);
          setCell(rows, 7, 'firstOfKind', null);
        })
      ).problems,
    ];
    const keys = new Set(produced.map((p) => p.key));
    for (const key of ['tooLarge', 'negative', 'tooLong', 'format', 'insuranceCodeMissing', 'required'])
      expect(keys, key).toContain(key);
    for (const problem of produced) {
      for (const locale of locales) expect(describeSheetProblem(problem, locale)).not.toMatch(/\{\w+\}/);
    }
    expect(describeSheetProblem({ row: 1, column: '编码 Code', key: 'sheet_required' }, 'zh-CN')).toBe(
      '第 1 行：缺少必填列“编码 Code”。列标题可以只写中文或只写英文，但每一列都必须有。',
    );
    expect(sheetProblemMessage({ row: 3, column: '名称 Name (zh)', key: 'required' }, 'en')).toBe(
      '“名称 Name (zh)” must be filled in.',
    );
    expect(describeSheetProblem({ row: 0, column: '', key: 'somethingNew' }, 'en')).toBe('somethingNew');
  });
});
