import { describe, expect, it } from 'vitest';
import { locales, placeholders } from '../../../platform/i18n/index.ts';
import { describeImportProblem, describeRowProblem, describeSheetError, importMessages } from './messages.ts';
import { SheetError, sheetErrorCodes } from './read.ts';
import { rowMessageKeys } from './validate.ts';

describe('import messages', () => {
  const zh = importMessages.catalogs['zh-CN'];

  it('have every sheet error and row problem in both languages, with the same placeholders', () => {
    for (const key of [...sheetErrorCodes, ...rowMessageKeys]) {
      for (const locale of locales) {
        const message: string | undefined = importMessages.catalogs[locale][key];
        expect(message?.trim(), `${key} in ${locale}`).toBeTruthy();
        expect(placeholders(message ?? ''), `${key} in ${locale}`).toEqual(placeholders(zh[key]));
      }
    }
    expect(Object.keys(importMessages.catalogs.en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('name the column in every row problem', () => {
    for (const key of rowMessageKeys) expect(placeholders(zh[key])).toContain('column');
  });

  it('describe a sheet error with the columns in the reader’s language', () => {
    const missing = new SheetError('missing_column', { columns: ['name_en', 'price_yuan'] });
    expect(describeSheetError(missing, 'zh-CN')).toContain('英文名称、参考价格（元）');
    expect(describeSheetError(missing, 'en')).toContain('English name, Reference price (yuan)');
    const unknown = new SheetError('unknown_column', { columns: ['颜色'] });
    expect(describeSheetError(unknown, 'en')).toContain(': 颜色.');
    expect(describeSheetError(new SheetError('too_many_rows', { limit: 100_000 }), 'en')).toContain('100000');
    expect(describeSheetError(new SheetError('unreadable'), 'zh-CN')).not.toMatch(/\{\w+\}/);
  });

  it('describe a row problem with the column header, the row and the values', () => {
    const problem = { column: 'price_yuan', message: 'priceFormat', params: { value: '1e3' } } as const;
    expect(describeRowProblem(problem, 'zh-CN', 7)).toBe(
      '第 7 行：“参考价格（元）”中的“1e3”不是金额，请填写以元为单位、最多两位小数的数字，例如 1234.56。',
    );
    expect(describeRowProblem(problem, 'en')).toMatch(/^“Reference price \(yuan\)”: “1e3” is not an amount/);
  });

  it('describe the import service’s stored problems, including ones it adds', () => {
    expect(
      describeImportProblem({ row: 5, column: 'model', message: 'duplicateModel', params: { row: 2 } }, 'en'),
    ).toBe('Row 5: “Model”: this model already appears in row 2; each model may appear only once in a file.');
    expect(describeImportProblem({ row: 0, column: '', message: 'too_many_rows' }, 'en')).toContain('100000');
    expect(describeImportProblem({ row: 0, column: '', message: 'somethingNew' }, 'en')).toBe('somethingNew');
  });
});
