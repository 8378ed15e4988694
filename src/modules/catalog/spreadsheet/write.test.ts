import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../../platform/i18n/index.ts';
import { attributeDefinition, attributesFor } from '../domain/attributes.ts';
import type { ProductDetails } from '../domain/product.ts';
import { exportColumns } from './columns.ts';
import { eastinJsonStream, eastinRecord, writeEastinCsv } from './eastin.ts';
import { readSheetRows } from './read.ts';
import { readAll, sampleDetails, type TempDir, tempDir } from './testSupport.ts';
import { parseProductRow } from './validate.ts';
import { type ExportRow, writeProductsCsv, writeProductsXlsx } from './write.ts';

let dir: TempDir;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.remove();
});

const wheelchairAttributes = attributesFor('122203');
const numeric = wheelchairAttributes.filter((d) => d.kind === 'number');
const textual = wheelchairAttributes.find((d) => d.kind === 'text');

function attributesSample(): Record<string, number | string> {
  const attributes: Record<string, number | string> = {};
  for (const [index, definition] of numeric.slice(0, 3).entries()) {
    const min = definition.min ?? 0;
    const max = definition.max ?? min + 10;
    // A value with a fraction, to see that decimals survive the trip.
    attributes[definition.id] = index === 0 ? Math.round(((min + max) / 2) * 10 + 5) / 10 : max;
  }
  if (textual) attributes[textual.id] = '铝合金 = 6061, 阳极氧化';
  return attributes;
}

function exportRow(
  n: number,
  details: Partial<ProductDetails> = {},
  replacesModel: string | null = null,
): ExportRow {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    supplierNameZh: '西安康复器材有限公司',
    supplierNameEn: 'Xi’an Rehab Equipment Co.',
    status: 'published',
    version: n,
    details: sampleDetails({ model: `QZ-${n}`, ...details }),
    replacesModel,
  };
}

/** Products whose text is hard to carry through a spreadsheet. */
const tricky: ExportRow[] = [
  exportRow(1, { attributes: attributesSample() }, 'QZ-0'),
  exportRow(2, {
    nameZh: '=HYPERLINK("http://evil.example","点我")',
    nameEn: '-5 degree "tilt", comfort',
    model: '00123',
    isoCode: '120306',
    functionAreas: [],
    disabilityCategories: [],
    descriptionZh: '',
    descriptionEn: 'Line one\nLine two, with, commas\n"quoted"',
    priceFen: 1,
    registrationNumber: null,
    certifications: [],
  }),
  exportRow(3, {
    nameZh: "'=already quoted",
    nameEn: '@mention +plus',
    isoCode: '041906',
    functionAreas: ['cognition', 'seeing', 'hearing', 'communication'],
    disabilityCategories: ['visual', 'hearing', 'speech', 'intellectual', 'mental'],
    priceFen: 1_000_000_000,
    certifications: ['ISO 13485:2016'],
  }),
];

async function roundTrip(format: 'xlsx' | 'csv', locale: Locale, rows: readonly ExportRow[]) {
  const path = dir.path(`export-${locale}.${format}`);
  const output = createWriteStream(path);
  if (format === 'xlsx') await writeProductsXlsx(output, rows, locale);
  else await writeProductsCsv(output, rows, locale);
  const knownIsoCodes = new Set(rows.map((row) => row.details.isoCode));
  const results = [];
  for await (const row of readSheetRows(path, format))
    results.push(parseProductRow(row.cells, { knownIsoCodes }));
  return { path, results };
}

describe('export then import', () => {
  for (const format of ['xlsx', 'csv'] as const) {
    for (const locale of ['zh-CN', 'en'] as const) {
      it(`gives back identical details (${format}, ${locale})`, async () => {
        const { results } = await roundTrip(format, locale, tricky);
        expect(results).toEqual(
          tricky.map((row) => ({ ok: true, details: row.details, replacesModel: row.replacesModel })),
        );
      });
    }
  }

  it('works from an async source of rows', async () => {
    async function* rows() {
      yield* tricky;
    }
    const path = dir.path('async.csv');
    await writeProductsCsv(createWriteStream(path), rows(), 'en');
    expect(await readAll(path, 'csv')).toHaveLength(tricky.length);
  });
});

describe('the xlsx export', () => {
  it('has a bold, frozen header in the locale’s language, and numbers where Excel should calculate', async () => {
    const { path } = await roundTrip('xlsx', 'zh-CN', tricky);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no worksheet');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = sheet.getRow(1);
    expect(exportColumns.map((_, i) => header.getCell(i + 1).value)).toEqual(exportColumns.map((c) => c.zh));
    expect(header.getCell(1).font?.bold).toBe(true);
    const price = exportColumns.findIndex((c) => c.key === 'price_yuan') + 1;
    expect(sheet.getRow(2).getCell(price).value).toBe(1234.56);
    const model = exportColumns.findIndex((c) => c.key === 'model') + 1;
    expect(sheet.getRow(3).getCell(model).value).toBe('00123');
    // A supplier's text is never stored as a formula.
    expect(sheet.getRow(3).getCell(exportColumns.findIndex((c) => c.key === 'name_zh') + 1).type).toBe(
      ExcelJS.ValueType.String,
    );
  });
});

describe('the csv export', () => {
  it('starts with a BOM, uses English headers for en, and guards against formulas', async () => {
    const { path } = await roundTrip('csv', 'en', tricky);
    const content = await readFile(path, 'utf8');
    expect(content.startsWith('\uFEFFProduct ID,Product name,English name,Model,')).toBe(true);
    expect(content).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(content).toContain("'@mention +plus");
    expect(content).toContain("''=already quoted");
    expect(content).toContain(',00123,');
    expect(content.split('\r\n').length).toBeGreaterThan(tricky.length);
  });
});

describe('EASTIN open data', () => {
  const source = {
    id: 'p-1',
    details: sampleDetails({ attributes: attributesSample() }),
    supplier: {
      nameZh: '西安康复器材有限公司',
      nameEn: 'Xi’an Rehab Equipment Co.',
      phone: '+86 29 8888 1234',
    },
    // 07:00 in Xi'an on 1 May is still 30 April in UTC.
    publishedAt: new Date('2024-04-30T23:00:00Z'),
    updatedAt: new Date('2024-06-15T02:00:00Z'),
    isoVersion: 'ISO 9999:2022',
    sourceUrl: 'https://fuju.example/products/p-1',
  };

  it('maps a product to EASTIN’s fields', () => {
    const record = eastinRecord(source);
    expect(record).toMatchObject({
      id: 'p-1',
      commercialName: '轻便折叠手动轮椅',
      commercialNameEn: 'Lightweight folding manual wheelchair',
      isoCode: '12 22 03',
      isoVersion: 'ISO 9999:2022',
      insertDate: '2024-05-01',
      lastUpdate: '2024-06-15',
      manufacturer: {
        name: '西安康复器材有限公司',
        nameEn: 'Xi’an Rehab Equipment Co.',
        address: null,
        phone: '+86 29 8888 1234',
        email: null,
        website: null,
      },
      description: source.details.descriptionZh,
      originalLanguage: 'zh',
      descriptionEn: source.details.descriptionEn,
      images: [],
      documents: [],
      sourceDatabase: 'Fuju Xi’an',
      country: 'CN',
      priceFen: 123456,
      registrationNumber: '陕械注准20212190123',
    });
    const [first] = Object.entries(source.details.attributes);
    const definition = first && attributeDefinition(first[0]);
    expect(record.technicalFeatures[0]).toEqual({
      id: first?.[0],
      name: definition?.zh,
      nameEn: definition?.en,
      value: first?.[1],
      unit: definition?.unit,
    });
  });

  it('streams records as one JSON array', async () => {
    async function* records() {
      for (let i = 0; i < 3; i++) yield eastinRecord({ ...source, id: `p-${i}` });
    }
    const parsed: unknown = JSON.parse(await text(eastinJsonStream(records())));
    expect(Array.isArray(parsed) && parsed.map((r: { id: string }) => r.id)).toEqual(['p-0', 'p-1', 'p-2']);
    expect(JSON.parse(await text(eastinJsonStream([])))).toEqual([]);
  });

  it('writes records as CSV', async () => {
    const path = dir.path('eastin.csv');
    await writeEastinCsv(createWriteStream(path), [
      eastinRecord(source),
      eastinRecord({ ...source, id: 'p-2' }),
    ]);
    const content = await readFile(path, 'utf8');
    const lines = content.split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFid,commercialName,commercialNameEn,model,isoCode,/);
    expect(lines[1]).toContain(
      'p-1,轻便折叠手动轮椅,Lightweight folding manual wheelchair,QZ-100,12 22 03,ISO 9999:2022,2024-05-01',
    );
    expect(content).toContain('Fuju Xi’an');
  });
});
