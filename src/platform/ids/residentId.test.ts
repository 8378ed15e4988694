import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, makeResidentId, parseResidentId } from './index.ts';

const now = new Date('2026-03-01T00:00:00Z');

/** Any real date from 1800-01-01 up to `now`, as YYYY-MM-DD. */
const birthDates = fc
  .date({ min: new Date('1800-01-01T00:00:00Z'), max: now, noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const validIds = fc
  .tuple(digits(6), birthDates, digits(3))
  .map(([address, birth, sequence]) => makeResidentId(address, birth, sequence));

describe('resident ID (GB 11643-1999)', () => {
  it('accepts the standard’s published examples', () => {
    expect(parseResidentId('11010519491231002X', { now })).toEqual({
      ok: true,
      value: { number: '11010519491231002X', addressCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
    expect(parseResidentId('440524188001010014', { now })).toEqual({
      ok: true,
      value: { number: '440524188001010014', addressCode: '440524', birthDate: '1880-01-01', sex: 'male' },
    });
  });

  it('computes the check character', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
    expect(() => checkCharacter('1234')).toThrow(RangeError);
  });

  it('normalises what people type: spaces around, lowercase x, full-width characters', () => {
    const parsed = parseResidentId('  11010519491231002x ', { now });
    expect(parsed.ok && parsed.value.number).toBe('11010519491231002X');
    const fullWidth = parseResidentId('１１０１０５１９４９１２３１００２Ｘ', { now });
    expect(fullWidth.ok && fullWidth.value.number).toBe('11010519491231002X');
  });

  it('names the problem', () => {
    expect(parseResidentId('', { now })).toEqual({ ok: false, problem: 'format' });
    expect(parseResidentId('1101051949123100', { now })).toEqual({ ok: false, problem: 'format' });
    expect(parseResidentId('11010519491231002Y', { now })).toEqual({ ok: false, problem: 'format' });
    expect(parseResidentId('110105194912310021', { now })).toEqual({ ok: false, problem: 'checksum' });
    // Valid check characters around impossible or out-of-range dates:
    const withCheck = (first17: string) => first17 + checkCharacter(first17);
    expect(parseResidentId(withCheck('61011319900230123'), { now })).toEqual({
      ok: false,
      problem: 'birthDate',
    });
    expect(parseResidentId(withCheck('61011317991231123'), { now })).toEqual({
      ok: false,
      problem: 'birthDate',
    });
    expect(parseResidentId(makeResidentId('610113', '2026-03-02', '123'), { now })).toEqual({
      ok: false,
      problem: 'birthDate',
    });
  });

  it('counts "today" in China Standard Time', () => {
    const id = makeResidentId('610113', '2026-03-02', '123');
    // 16:30 UTC on 1 March is 00:30 on 2 March in Xi'an.
    expect(parseResidentId(id, { now: new Date('2026-03-01T16:30:00Z') }).ok).toBe(true);
    expect(parseResidentId(id, { now: new Date('2026-03-01T15:30:00Z') }).ok).toBe(false);
  });

  it('refuses impossible inputs to makeResidentId', () => {
    expect(() => makeResidentId('61011', '1990-01-01', '123')).toThrow(RangeError);
    expect(() => makeResidentId('610113', '1990-13-01', '123')).toThrow(RangeError);
    expect(() => makeResidentId('610113', '1990-01-01', '12')).toThrow(RangeError);
  });

  it('property: every generated ID parses back to its parts', () => {
    fc.assert(
      fc.property(digits(6), birthDates, digits(3), (address, birth, sequence) => {
        const parsed = parseResidentId(makeResidentId(address, birth, sequence), { now });
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value.addressCode).toBe(address);
        expect(parsed.value.birthDate).toBe(birth);
        expect(parsed.value.sex).toBe(Number(sequence[2]) % 2 === 1 ? 'male' : 'female');
      }),
    );
  });

  it('property: changing any single character of a valid ID fails the checksum', () => {
    fc.assert(
      fc.property(
        validIds,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789X'),
        (id, position, replacement) => {
          fc.pre(id[position] !== replacement && (position === 17 || replacement !== 'X'));
          const changed = id.slice(0, position) + replacement + id.slice(position + 1);
          expect(parseResidentId(changed, { now })).toEqual({ ok: false, problem: 'checksum' });
        },
      ),
    );
  });

  it('property: never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), digits(18)), (raw) => {
        const result = parseResidentId(raw);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});
