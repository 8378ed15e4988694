import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, parseYuanToFen } from './money.ts';

describe('formatYuan', () => {
  it.each([
    [128_000, '¥1,280.00'],
    [0, '¥0.00'],
    [1, '¥0.01'],
    [10, '¥0.10'],
    [99, '¥0.99'],
    [100, '¥1.00'],
    [128_050, '¥1,280.50'],
    [123_456_789, '¥1,234,567.89'],
    [100_000_000_000, '¥1,000,000,000.00'],
    [-1_050, '-¥10.50'],
  ])('%i fen is %s', (fen, text) => {
    expect(formatYuan(fen, 'zh-CN')).toBe(text);
  });

  it('writes CN¥ in English, as Intl does, so it is not read as yen', () => {
    expect(formatYuan(128_000, 'en')).toBe('CN¥1,280.00');
    expect(formatYuan(128_000, 'en')).toBe(
      new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(1280),
    );
  });

  it('refuses a fraction of a fen', () => {
    expect(() => formatYuan(0.5, 'zh-CN')).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN, 'zh-CN')).toThrow(RangeError);
  });

  it('agrees with Intl for any whole number of fen', () => {
    const intl = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => {
        // Intl works on the float yuan value; for these magnitudes it is exact to the fen.
        expect(formatYuan(fen, 'zh-CN')).toBe(intl.format(fen / 100));
      }),
    );
  });
});

describe('parseYuanToFen', () => {
  it.each([
    ['1280', 128_000],
    ['1280.5', 128_050],
    ['1280.50', 128_050],
    ['1,280.00', 128_000],
    ['1,234,567.89', 123_456_789],
    ['0.01', 1],
    ['0', 0],
    ['007', 700],
    ['  99.9 ', 9_990],
    ['¥1280', 128_000],
    ['￥ 1280', 128_000],
    ['1280元', 128_000],
    ['１２８０．５', 128_050],
  ])('reads %j as %i fen', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });

  it.each([
    '',
    ' ',
    '-5',
    '+5',
    '1e3',
    '1E3',
    '12.345',
    '1.',
    '.5',
    '1,28',
    '12,80.00',
    '1,2800',
    'abc',
    '12 80',
    'Infinity',
    'NaN',
    '0x10',
    '99999999999999',
  ])('refuses %j', (text) => {
    expect(parseYuanToFen(text)).toBeNull();
  });

  it('turns any formatted amount back into the same fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (fen) => {
        expect(parseYuanToFen(formatYuan(fen, 'zh-CN'))).toBe(fen);
      }),
    );
  });

  it('never gives a fraction of a fen', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const fen = parseYuanToFen(text);
        expect(fen === null || Number.isSafeInteger(fen)).toBe(true);
      }),
    );
  });
});
