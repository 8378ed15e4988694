import { describe, expect, it } from 'vitest';
import { type AttributeDefinition, attributesFor } from '../domain/attributes.ts';
import {
  formatIsoCode,
  formatYuan,
  parseIsoCode,
  parseProductRow,
  parseYuan,
  type RowProblem,
} from './validate.ts';

const context = { knownIsoCodes: new Set(['122203', '120306', '041906']) };

/** The attribute of manual wheelchairs whose English name matches, whatever its id is spelt. */
function wheelchairAttribute(english: RegExp): AttributeDefinition & { min: number; max: number } {
  const definition = attributesFor('122203').find((d) => english.test(d.en));
  if (definition?.kind !== 'number' || definition.min === undefined || definition.max === undefined) {
    throw new Error(`manual wheelchairs have no numeric attribute ${english}`);
  }
  return { ...definition, min: definition.min, max: definition.max };
}
const seatWidth = wheelchairAttribute(/^seat width$/i);
const maxUserWeight = wheelchairAttribute(/user weight/i);

const valid = {
  name_zh: ' 轻便折叠手动轮椅 ',
  name_en: 'Lightweight folding manual wheelchair',
  model: 'QZ-100',
  iso_code: '12 22 03',
  function_areas: '行动；self_care',
  disability_categories: '肢体、多重残疾',
  description_zh: '铝合金车架。\r\n可折叠。',
  description_en: 'Aluminium frame.',
  price_yuan: '1234.56',
  registration_number: '',
  certifications: 'CE; GB/T 13800-2021',
  attributes: `${seatWidth.id}=46; ${maxUserWeight.id}=120 kg`,
  replaces_model: 'QZ-90',
};

function problemsOf(cells: Record<string, string>): RowProblem[] {
  const result = parseProductRow(cells, context);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('a valid row', () => {
  it('becomes product details', () => {
    expect(parseProductRow(valid, context)).toEqual({
      ok: true,
      details: {
        nameZh: '轻便折叠手动轮椅',
        nameEn: 'Lightweight folding manual wheelchair',
        model: 'QZ-100',
        isoCode: '122203',
        functionAreas: ['mobility', 'self_care'],
        disabilityCategories: ['physical', 'multiple'],
        descriptionZh: '铝合金车架。\n可折叠。',
        descriptionEn: 'Aluminium frame.',
        attributes: { [seatWidth.id]: 46, [maxUserWeight.id]: 120 },
        priceFen: 123456,
        registrationNumber: null,
        certifications: ['CE', 'GB/T 13800-2021'],
        images: [],
        documents: [],
      },
      replacesModel: 'QZ-90',
    });
  });

  it('needs only the required columns', () => {
    const result = parseProductRow(
      { name_zh: '手杖', name_en: 'Cane', model: 'C1', iso_code: '120306', price_yuan: '88' },
      context,
    );
    expect(result).toMatchObject({
      ok: true,
      details: {
        functionAreas: [],
        disabilityCategories: [],
        attributes: {},
        certifications: [],
        priceFen: 8800,
      },
      replacesModel: null,
    });
  });

  it('accepts attributes by Chinese or English name, snake_case, and full-width punctuation', () => {
    const result = parseProductRow(
      { ...valid, attributes: `${seatWidth.zh}＝46；${maxUserWeight.en}: 120` },
      context,
    );
    expect(result.ok && result.details.attributes).toEqual({ [seatWidth.id]: 46, [maxUserWeight.id]: 120 });
    const snake = seatWidth.id.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const result2 = parseProductRow({ ...valid, attributes: `${snake}=45.5` }, context);
    expect(result2.ok && result2.details.attributes).toEqual({ [seatWidth.id]: 45.5 });
  });

  it('lists areas and categories by English key or Chinese label, with any separator, without repeats', () => {
    const result = parseProductRow(
      {
        ...valid,
        function_areas: 'Mobility, 视觉 ;hearing、communication；认知\nSelf-care;mobility',
        disability_categories: 'visual;听力;speech;肢体残疾;intellectual;精神;multiple',
      },
      context,
    );
    expect(result.ok && result.details.functionAreas).toEqual([
      'mobility',
      'seeing',
      'hearing',
      'communication',
      'cognition',
      'self_care',
    ]);
    expect(result.ok && result.details.disabilityCategories).toEqual([
      'visual',
      'hearing',
      'speech',
      'physical',
      'intellectual',
      'mental',
      'multiple',
    ]);
  });
});

describe('ISO codes', () => {
  it.each([
    ['12 22 03', '122203'],
    ['12.22.03', '122203'],
    ['122203', '122203'],
    ['１２ ２２ ０３', '122203'],
    // Excel dropped the leading zero of 04 19 06.
    ['41906', '041906'],
  ])('reads %s', (raw, code) => {
    expect(parseIsoCode(raw)).toBe(code);
  });

  it.each(['12 22', '1222033', '12-22-0a', '12  22 03', ''])('refuses %s', (raw) => {
    expect(parseIsoCode(raw)).toBeNull();
  });

  it('prints codes spaced', () => {
    expect(formatIsoCode('122203')).toBe('12 22 03');
  });
});

describe('prices', () => {
  it.each([
    ['1234.56', 123456],
    ['0.1', 10],
    ['0.01', 1],
    ['0.29', 29],
    ['1.00', 100],
    ['19.99', 1999],
    ['1,234.5', 123450],
    ['¥88', 8800],
    ['88元', 8800],
    ['００８.５', 850],
    ['10000000', 1_000_000_000],
    ['10000000.00', 1_000_000_000],
  ])('reads %s yuan as %i fen', (raw, fen) => {
    expect(parseYuan(raw)).toEqual({ ok: true, fen });
  });

  it.each(['1e3', '12.345', '1.', '.5', 'abc', '12,34', '1 234', 'NaN', 'Infinity', '0x10'])(
    'refuses %s as not an amount',
    (raw) => {
      expect(parseYuan(raw)).toEqual({ ok: false, problem: 'priceFormat' });
    },
  );

  it.each(['0', '0.00', '-5', '10000000.01', '99999999999999999999'])('refuses %s as out of range', (raw) => {
    expect(parseYuan(raw)).toEqual({ ok: false, problem: 'priceRange' });
  });

  it('prints fen as yuan with two decimals, the inverse of reading', () => {
    for (const fen of [1, 10, 99, 100, 123456, 1_000_000_000]) {
      expect(parseYuan(formatYuan(fen))).toEqual({ ok: true, fen });
    }
    expect(formatYuan(123450)).toBe('1234.50');
  });
});

describe('row problems', () => {
  it('reports each missing required field in its column', () => {
    expect(problemsOf({})).toEqual([
      { column: 'name_zh', message: 'required' },
      { column: 'name_en', message: 'required' },
      { column: 'model', message: 'required' },
      { column: 'iso_code', message: 'required' },
      { column: 'price_yuan', message: 'required' },
    ]);
  });

  it.each([
    ['name_zh', 200],
    ['name_en', 200],
    ['model', 100],
    ['description_zh', 4000],
    ['description_en', 4000],
    ['registration_number', 100],
    ['replaces_model', 100],
  ])('refuses %s longer than %i characters', (column, max) => {
    expect(parseProductRow({ ...valid, [column]: '字'.repeat(max) }, context).ok).toBe(true);
    expect(problemsOf({ ...valid, [column]: '字'.repeat(max + 1) })).toEqual([
      { column, message: 'tooLong', params: { max } },
    ]);
  });

  it.each([
    [{ iso_code: '12-22' }, { column: 'iso_code', message: 'isoFormat', params: { value: '12-22' } }],
    [{ iso_code: '99 99 99' }, { column: 'iso_code', message: 'isoUnknown', params: { code: '99 99 99' } }],
    [
      { function_areas: 'mobility; flying' },
      { column: 'function_areas', message: 'functionAreaUnknown', params: { value: 'flying' } },
    ],
    [
      { disability_categories: '肢体、其他' },
      { column: 'disability_categories', message: 'disabilityCategoryUnknown', params: { value: '其他' } },
    ],
    [{ price_yuan: '1e3' }, { column: 'price_yuan', message: 'priceFormat', params: { value: '1e3' } }],
    [{ price_yuan: '12.345' }, { column: 'price_yuan', message: 'priceFormat', params: { value: '12.345' } }],
    [{ price_yuan: '0' }, { column: 'price_yuan', message: 'priceRange', params: { value: '0' } }],
    [
      { price_yuan: '20000000' },
      { column: 'price_yuan', message: 'priceRange', params: { value: '20000000' } },
    ],
    [
      { attributes: 'seat width 46' },
      { column: 'attributes', message: 'attributeSyntax', params: { value: 'seat width 46' } },
    ],
    [
      { attributes: 'colour=' },
      { column: 'attributes', message: 'attributeSyntax', params: { value: 'colour=' } },
    ],
    [
      { attributes: 'wingspan=3' },
      {
        column: 'attributes',
        message: 'attributeUnknown',
        params: { attribute: 'wingspan', code: '12 22 03' },
      },
    ],
    [
      { attributes: `${seatWidth.id}=46; ${seatWidth.zh}=47` },
      { column: 'attributes', message: 'attributeDuplicate', params: { attribute: seatWidth.zh } },
    ],
    [
      { attributes: `${seatWidth.id}=wide` },
      {
        column: 'attributes',
        message: 'attributeNotNumber',
        params: { attribute: seatWidth.id, value: 'wide' },
      },
    ],
    [
      { attributes: `${seatWidth.id}=1e2` },
      {
        column: 'attributes',
        message: 'attributeNotNumber',
        params: { attribute: seatWidth.id, value: '1e2' },
      },
    ],
    [
      { attributes: `${seatWidth.id}=${seatWidth.min - 1}` },
      {
        column: 'attributes',
        message: 'attributeTooSmall',
        params: { attribute: seatWidth.id, min: `${seatWidth.min} ${seatWidth.unit}` },
      },
    ],
    [
      { attributes: `${maxUserWeight.id}=${maxUserWeight.max + 1}` },
      {
        column: 'attributes',
        message: 'attributeTooLarge',
        params: { attribute: maxUserWeight.id, max: `${maxUserWeight.max} ${maxUserWeight.unit}` },
      },
    ],
    [{ replaces_model: 'QZ-100' }, { column: 'replaces_model', message: 'replacesItself' }],
    [
      { certifications: `CE; ${'C'.repeat(101)}` },
      { column: 'certifications', message: 'tooLong', params: { max: 100 } },
    ],
  ])('%o → %o', (change, expected) => {
    expect(problemsOf({ ...valid, ...change })).toEqual([expected]);
  });

  it('reports a text attribute that is too long', () => {
    const textAttribute = attributesFor('122203').find((d) => d.kind === 'text');
    if (!textAttribute) return;
    expect(problemsOf({ ...valid, attributes: `${textAttribute.id}=${'x'.repeat(101)}` })).toEqual([
      {
        column: 'attributes',
        message: 'attributeTooLong',
        params: { attribute: textAttribute.id, max: 100 },
      },
    ]);
  });

  it('collects every problem of a row, not just the first', () => {
    const problems = problemsOf({
      name_zh: '',
      name_en: 'x'.repeat(201),
      model: 'M1',
      iso_code: '12 22 0',
      function_areas: 'flying',
      disability_categories: 'none',
      price_yuan: '1e3',
      attributes: 'broken',
    });
    expect(problems.map((p) => `${p.column}:${p.message}`)).toEqual([
      'name_zh:required',
      'name_en:tooLong',
      'iso_code:isoFormat',
      'function_areas:functionAreaUnknown',
      'disability_categories:disabilityCategoryUnknown',
      'price_yuan:priceFormat',
      'attributes:attributeSyntax',
    ]);
  });

  it('checks attribute syntax but not membership when the ISO code is wrong', () => {
    const problems = problemsOf({ ...valid, iso_code: '99 99 99', attributes: 'wingspan=3; broken' });
    expect(problems.map((p) => p.message)).toEqual(['isoUnknown', 'attributeSyntax']);
  });
});
