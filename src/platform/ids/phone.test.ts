import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePhone } from './index.ts';

describe('mobile phone numbers', () => {
  it.each([
    ['13812341234', '13812341234'],
    ['138 1234 1234', '13812341234'],
    ['138-1234-1234', '13812341234'],
    ['+86 138 1234 1234', '13812341234'],
    ['+86-13812341234', '13812341234'],
    ['8613812341234', '13812341234'],
    ['008613812341234', '13812341234'],
    ['１３８１２３４１２３４', '13812341234'],
    ['19912345678', '19912345678'],
  ])('accepts %s', (raw, value) => {
    expect(parsePhone(raw)).toEqual({ ok: true, value });
  });

  it.each([
    '',
    '12812341234', // no mobile prefix starts with 12
    '1381234123', // 10 digits
    '138123412345', // 12 digits
    '029-88881234', // a Xi'an landline
    '+1 13812341234',
    '86', // only the country code
    '13812341234x',
  ])('refuses %s', (raw) => {
    expect(parsePhone(raw)).toEqual({ ok: false });
  });

  it('property: never throws, and what it accepts is 11 digits', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const result = parsePhone(raw);
        if (result.ok) expect(result.value).toMatch(/^1[3-9]\d{9}$/);
      }),
    );
  });
});
