import { mkdir, readFile, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText } from '../../../platform/spreadsheet/index.ts';
import { exportOnlyColumns, importColumns, matchHeader, normaliseHeader } from './columns.ts';
import { readSheetRows, SheetError } from './read.ts';
import { encodeGb18030, readAll, type TempDir, tempDir } from './testSupport.ts';

let dir: TempDir;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.remove();
});

async function writeXlsx(name: string, sheets: readonly (readonly unknown[][])[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  sheets.forEach((rows, index) => {
    const sheet = workbook.addWorksheet(`Sheet${index + 1}`);
    rows.forEach((values, row) => {
      values.forEach((value, column) => {
        if (value !== undefined) sheet.getCell(row + 1, column + 1).value = value as ExcelJS.CellValue;
      });
    });
  });
  const path = dir.path(name);
  await workbook.xlsx.writeFile(path);
  return path;
}

async function thrown(promise: Promise<unknown>): Promise<SheetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SheetError)) throw new Error(`expected a SheetError, got ${String(error)}`);
  return error;
}

describe('columns', () => {
  it('every header, in either language or as a key, names exactly one column', () => {
    const seen = new Map<string, string>();
    for (const column of [...importColumns, ...exportOnlyColumns]) {
      for (const text of [column.key, column.zh, column.en]) {
        const key = normaliseHeader(text);
        expect(seen.get(key) ?? column.key, `${text} is ambiguous`).toBe(column.key);
        seen.set(key, column.key);
      }
    }
  });

  it('matches headers however they are typed', () => {
    expect(matchHeader('  参考价格(元) ')).toEqual({ kind: 'import', key: 'price_yuan' });
    expect(matchHeader('REFERENCE PRICE  (YUAN)')).toEqual({ kind: 'import', key: 'price_yuan' });
    expect(matchHeader('ｍｏｄｅｌ')).toEqual({ kind: 'import', key: 'model' });
    expect(matchHeader('iso_code')).toEqual({ kind: 'import', key: 'iso_code' });
    expect(matchHeader('状态')).toEqual({ kind: 'export_only', key: 'status' });
    expect(matchHeader('颜色')).toBeUndefined();
  });
});

describe('reading xlsx', () => {
  it('reads a file whose zip lists the worksheet before the workbook part, as streaming writers do', async () => {
    const written = await writeXlsx('sheet-first.xlsx', [
      [
        ['product name', 'English name', 'Model', 'ISO 9999 code', 'Reference price (yuan)'],
        ['手杖', 'Cane', 'C1', '120306', '88'],
      ],
    ]);
    const zip = await JSZip.loadAsync(await readFile(written));
    const reordered = new JSZip();
    // Shared strings, relations and the sheet first; xl/workbook.xml last.
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir);
    const order = [
      ...names.filter((n) => n !== 'xl/workbook.xml' && !n.startsWith('xl/worksheets/')),
      ...names.filter((n) => n.startsWith('xl/worksheets/')),
      'xl/workbook.xml',
    ];
    for (const name of order)
      reordered.file(name, await (zip.file(name) as JSZip.JSZipObject).async('uint8array'));
    const path = dir.path('sheet-first-reordered.xlsx');
    await writeFile(path, await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const rows = await readAll(path, 'xlsx');
    expect(rows.map((row) => row.cells.name_zh)).toEqual(['手杖']);
  });

  it('reads Chinese headers, numbers, formulas, rich text, hyperlinks and booleans as the text Excel shows', async () => {
    const path = await writeXlsx('kinds.xlsx', [
      [
        ['产品名称', '英文名称', '型号', '分类编码', '参考价格（元）', '技术参数', '认证'],
        [
          { richText: [{ text: '轻便', font: { bold: true } }, { text: '轮椅' }] },
          { formula: 'B3&" chair"', result: 'Light chair' },
          { text: 'QZ-100', hyperlink: 'https://example.com/qz-100' },
          122203,
          1234.56,
          { formula: '"seatWidth="&46', result: 'seatWidth=46' },
          true,
        ],
        [
          '拐杖',
          'Crutch',
          'GZ-1',
          '12 03 06',
          { formula: '1000*1.1', result: 1100.0000000000002 },
          '',
          undefined,
        ],
        ['无结果', 'No result', 'NR-1', '12 03 06', { formula: 'A1*2' }, '', undefined],
      ],
    ]);
    const rows = await readAll(path, 'xlsx');
    expect(rows).toEqual([
      {
        rowNumber: 2,
        cells: {
          name_zh: '轻便轮椅',
          name_en: 'Light chair',
          model: 'QZ-100',
          iso_code: '122203',
          price_yuan: '1234.56',
          attributes: 'seatWidth=46',
          certifications: 'TRUE',
        },
      },
      {
        rowNumber: 3,
        cells: {
          name_zh: '拐杖',
          name_en: 'Crutch',
          model: 'GZ-1',
          iso_code: '12 03 06',
          // What Excel shows (15 significant digits), not the binary float's tail.
          price_yuan: '1100',
          attributes: '',
          certifications: '',
        },
      },
      {
        // A formula saved without a cached result (never opened in Excel) reads as empty.
        rowNumber: 4,
        cells: {
          name_zh: '无结果',
          name_en: 'No result',
          model: 'NR-1',
          iso_code: '12 03 06',
          price_yuan: '',
          attributes: '',
          certifications: '',
        },
      },
    ]);
  });

  it('reads English headers in any case, ignores export-only columns, skips empty rows and keeps Excel row numbers', async () => {
    const path = await writeXlsx('english.xlsx', [
      [
        [
          'Product ID',
          'product name',
          'ENGLISH NAME',
          ' Model ',
          'ISO 9999 code',
          'Reference price (yuan)',
          'Status',
        ],
        ['p-1', '手杖', 'Cane', 'C1', '120306', '88', 'published'],
        [],
        ['', '  ', '', '', '', '', ''],
        ['p-2', '助行器', 'Walker', 'W1', '12.06.03', '299.9', 'draft'],
        // Only report columns filled: not a product.
        ['p-3', '', '', '', '', '', 'draft'],
      ],
      // A second worksheet (instructions, lookups) is not read.
      [['随便'], ['anything']],
    ]);
    const rows = await readAll(path, 'xlsx');
    expect(rows.map((row) => row.rowNumber)).toEqual([2, 5]);
    expect(rows[1]?.cells).toEqual({
      name_zh: '助行器',
      name_en: 'Walker',
      model: 'W1',
      iso_code: '12.06.03',
      price_yuan: '299.9',
    });
  });

  it('keeps Chinese text intact across the chunks exceljs reads (shared and inline strings)', async () => {
    // exceljs 4.4.0 alone turns about one row in a thousand into U+FFFD here.
    for (const useSharedStrings of [true, false]) {
      const path = dir.path(`chunks-${useSharedStrings}.xlsx`);
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
      const sheet = workbook.addWorksheet('产品');
      sheet.addRow(['产品名称', '英文名称', '型号', '分类编码', '参考价格（元）', '产品描述']).commit();
      const description = (i: number) => `第${i}号：铝合金车架，可折叠，适合室内外使用。`.repeat(3);
      for (let i = 0; i < 4000; i++) {
        sheet.addRow([`手动轮椅${i}`, `Chair ${i}`, `M${i}`, '122203', 100, description(i)]).commit();
      }
      sheet.commit();
      await workbook.commit();
      let count = 0;
      for await (const row of readSheetRows(path, 'xlsx')) {
        const i = row.rowNumber - 2;
        if (row.cells.name_zh !== `手动轮椅${i}` || row.cells.description_zh !== description(i)) {
          throw new Error(`row ${row.rowNumber} garbled: ${row.cells.name_zh} ${row.cells.description_zh}`);
        }
        count += 1;
      }
      expect(count).toBe(4000);
    }
  });

  it('stops cleanly when the caller stops early', async () => {
    const path = await writeXlsx('early.xlsx', [
      [
        ['产品名称', '英文名称', '型号', '分类编码', '参考价格（元）'],
        ['a', 'a', 'a', '122203', '1'],
        ['b', 'b', 'b', '122203', '1'],
      ],
    ]);
    for await (const row of readSheetRows(path, 'xlsx')) {
      expect(row.rowNumber).toBe(2);
      break;
    }
    expect(await readAll(path, 'xlsx')).toHaveLength(2);
  });

  it('shows dates as ISO dates where exceljs gives a Date', () => {
    expect(cellText(new Date(Date.UTC(2024, 4, 1)))).toBe('2024-05-01');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(1e-7)).toBe('1e-7');
    expect(cellText(Number.NaN)).toBe('');
  });
});

describe('reading csv', () => {
  const header = '产品名称,英文名称,型号,分类编码,参考价格（元）,产品描述\r\n';
  const body =
    '轻便轮椅,"Chair, light",QZ-1,12 22 03,1234.56,"第一行\r\n第二行，含""引号"""\r\n\r\n手杖,Cane,C1,120306,88,\r\n';
  const expected = [
    {
      rowNumber: 2,
      cells: {
        name_zh: '轻便轮椅',
        name_en: 'Chair, light',
        model: 'QZ-1',
        iso_code: '12 22 03',
        price_yuan: '1234.56',
        description_zh: '第一行\r\n第二行，含"引号"',
      },
    },
    {
      // Row 3 is empty; the multi-line cell above is still one row, as Excel shows it.
      rowNumber: 4,
      cells: {
        name_zh: '手杖',
        name_en: 'Cane',
        model: 'C1',
        iso_code: '120306',
        price_yuan: '88',
        description_zh: '',
      },
    },
  ];

  it('reads UTF-8 with a BOM', async () => {
    const path = dir.path('bom.csv');
    await writeFile(path, `\uFEFF${header}${body}`, 'utf8');
    expect(await readAll(path, 'csv')).toEqual(expected);
  });

  it('reads UTF-8 without a BOM', async () => {
    const path = dir.path('plain.csv');
    await writeFile(path, `${header}${body}`, 'utf8');
    expect(await readAll(path, 'csv')).toEqual(expected);
  });

  it('reads GB18030 (Excel’s “CSV” on Chinese Windows)', async () => {
    const path = dir.path('gb.csv');
    await writeFile(path, encodeGb18030(`${header}${body}`));
    expect(await readAll(path, 'csv')).toEqual(expected);
  });

  it('reads GB18030 whose first non-ASCII byte is far into the file', async () => {
    const path = dir.path('gb-late.csv');
    const ascii = Array.from({ length: 3000 }, (_, i) => `Chair ${i},Chair ${i},M${i},122203,1\r\n`).join('');
    await writeFile(
      path,
      encodeGb18030(
        `Product name,English name,Model,ISO 9999 code,Reference price (yuan)\r\n${ascii}轮椅,Chair,QZ,122203,1\r\n`,
      ),
    );
    const rows = await readAll(path, 'csv');
    expect(rows).toHaveLength(3001);
    expect(rows.at(-1)?.cells.name_zh).toBe('轮椅');
  });

  it('takes a stray quote in an unquoted cell as text, and removes the export’s formula guard', async () => {
    const path = dir.path('quotes.csv');
    await writeFile(path, `${header}12" wheel,'=1+1,'-5,''=x,1,\r\n`, 'utf8');
    const [row] = await readAll(path, 'csv');
    expect(row?.cells).toMatchObject({ name_zh: '12" wheel', name_en: '=1+1', model: '-5', iso_code: "'=x" });
  });
});

describe('file-level problems', () => {
  const csv = async (name: string, content: string | Buffer) => {
    const path = dir.path(name);
    await writeFile(path, content);
    return path;
  };

  it('lists every unknown header', async () => {
    const path = await csv(
      'unknown.csv',
      '产品名称,英文名称,型号,分类编码,参考价格（元）,颜色,Weight\r\na,b,c,122203,1,红,3\r\n',
    );
    const error = await thrown(readAll(path, 'csv'));
    expect(error.code).toBe('unknown_column');
    expect(error.columns).toEqual(['颜色', 'Weight']);
    expect(error.column).toBe('颜色');
  });

  it('names the missing required columns by key', async () => {
    const path = await csv('missing.csv', '产品名称,型号,分类编码\r\na,c,122203\r\n');
    const error = await thrown(readAll(path, 'csv'));
    expect(error.code).toBe('missing_column');
    expect(error.columns).toEqual(['name_en', 'price_yuan']);
  });

  it('refuses a column given twice, even in two languages', async () => {
    const path = await csv('twice.csv', '产品名称,Product name,英文名称,型号,分类编码,参考价格（元）\r\n');
    const error = await thrown(readAll(path, 'csv'));
    expect(error.code).toBe('duplicate_column');
    expect(error.columns).toEqual(['Product name']);
  });

  it('needs the header in row 1', async () => {
    expect((await thrown(readAll(await csv('empty.csv', ''), 'csv'))).code).toBe('no_header');
    expect((await thrown(readAll(await csv('blank-first.csv', ',,\r\n产品名称\r\n'), 'csv'))).code).toBe(
      'no_header',
    );
    const xlsx = await writeXlsx('no-header.xlsx', [
      [[], ['产品名称', '英文名称', '型号', '分类编码', '参考价格（元）']],
    ]);
    expect((await thrown(readAll(xlsx, 'xlsx'))).code).toBe('no_header');
    const emptySheet = await writeXlsx('empty-sheet.xlsx', [[]]);
    expect((await thrown(readAll(emptySheet, 'xlsx'))).code).toBe('no_header');
  });

  it('limits the number of product rows (empty rows do not count)', async () => {
    const rows = ['a,b,c,122203,1', '', 'a,b,d,122203,1', 'a,b,e,122203,1'];
    const path = await csv(
      'many.csv',
      `产品名称,英文名称,型号,分类编码,参考价格（元）\r\n${rows.join('\r\n')}\r\n`,
    );
    expect(await readAll(path, 'csv', { maxRows: 3 })).toHaveLength(3);
    const error = await thrown(readAll(path, 'csv', { maxRows: 2 }));
    expect(error.code).toBe('too_many_rows');
    expect(error.limit).toBe(2);
  });

  it('calls a file that is not a spreadsheet unreadable', async () => {
    const notZip = await csv('fake.xlsx', 'this is not a zip file at all');
    expect((await thrown(readAll(notZip, 'xlsx'))).code).toBe('unreadable');
    expect((await thrown(readAll(dir.path('absent.xlsx'), 'xlsx'))).code).toBe('unreadable');
    expect((await thrown(readAll(dir.path('absent.csv'), 'csv'))).code).toBe('unreadable');
    // A directory opens but fails on the first read: the error must end the read, not hang it.
    await mkdir(dir.path('folder.xlsx'));
    expect((await thrown(readAll(dir.path('folder.xlsx'), 'xlsx'))).code).toBe('unreadable');
    expect((await thrown(readAll(dir.path('folder.xlsx'), 'csv'))).code).toBe('unreadable');
  });
});
