import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SumConstraint, suppress } from './suppression.ts';

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('primary suppression', () => {
  it('withholds counts from 1 to 4 and shows 0 and 5 and over', () => {
    const s = suppress(counts({ zero: 0, one: 1, four: 4, five: 5, many: 1234 }), []);
    expect(['zero', 'one', 'four', 'five', 'many'].map((k) => s.suppression(k))).toEqual([
      'shown',
      'small',
      'small',
      'shown',
      'shown',
    ]);
    expect(['zero', 'one', 'four', 'five', 'many'].map((k) => s.count(k))).toEqual([0, null, null, 5, 1234]);
    expect(s.suppression('never counted')).toBe('shown');
    expect(s.count('never counted')).toBe(0);
  });

  it('hides a share when its part or its whole is withheld, or the whole is 0', () => {
    const s = suppress(counts({ small: 3, part: 10, whole: 40, tiny: 2, zero: 0 }), []);
    expect(s.percent('part', 'whole')).toBe(25);
    expect(s.percent('small', 'whole')).toBeNull();
    expect(s.percent('small', 'tiny')).toBeNull();
    expect(s.percent('zero', 'whole')).toBe(0);
    expect(s.percent('part', 'zero')).toBeNull();
  });
});

describe('secondary suppression', () => {
  const row: SumConstraint = { total: 'total', parts: ['a', 'b', 'c'] };

  it('hides the smallest other count when one count of a shown sum is withheld', () => {
    const s = suppress(counts({ a: 3, b: 10, c: 7, total: 20 }), [row]);
    expect([s.suppression('a'), s.suppression('b'), s.suppression('c'), s.suppression('total')]).toEqual([
      'small',
      'shown',
      'hidden',
      'shown',
    ]);
    // What is left cannot give back a: total - b = a + c = 10, in any split.
    expect(s.count('c')).toBeNull();
    expect(s.percent('c', 'total')).toBeNull();
  });

  it('skips a 0 when choosing what else to hide (a 0 hides nothing)', () => {
    const s = suppress(counts({ a: 2, b: 0, c: 9, total: 11 }), [row]);
    expect([s.suppression('b'), s.suppression('c')]).toEqual(['shown', 'hidden']);
  });

  it('hides nothing more when two counts of the sum are withheld already, or the total is', () => {
    const two = suppress(counts({ a: 2, b: 3, c: 30, total: 35 }), [row]);
    expect(two.suppression('c')).toBe('shown');
    const smallTotal = suppress(counts({ a: 1, b: 0, c: 3, total: 4 }), [row]);
    expect(smallTotal.suppression('b')).toBe('shown');
    expect(smallTotal.suppression('total')).toBe('small');
  });

  it('carries on across sums: a count hidden for its row leaves its column with one withheld', () => {
    // r1: a1 + b1 = t1 ; r2: a2 + b2 = t2 ; columns: a1 + a2 = ta ; b1 + b2 = tb.
    const grid = counts({ a1: 2, b1: 20, t1: 22, a2: 30, b2: 40, t2: 70, ta: 32, tb: 60 });
    const s = suppress(grid, [
      { total: 't1', parts: ['a1', 'b1'] },
      { total: 't2', parts: ['a2', 'b2'] },
      { total: 'ta', parts: ['a1', 'a2'] },
      { total: 'tb', parts: ['b1', 'b2'] },
    ]);
    expect(['a1', 'b1', 'a2', 'b2'].map((k) => s.suppression(k))).toEqual([
      'small',
      'hidden',
      'hidden',
      'hidden',
    ]);
  });

  it('never leaves a shown sum with exactly one withheld count, nor shows a count from 1 to 4', () => {
    const table = fc.record({
      rows: fc.integer({ min: 1, max: 5 }),
      columns: fc.integer({ min: 1, max: 5 }),
      values: fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 200 })), {
        minLength: 25,
        maxLength: 25,
      }),
    });
    fc.assert(
      fc.property(table, ({ rows, columns, values }) => {
        const cells = new Map<string, number>();
        const constraints: SumConstraint[] = [];
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < columns; c++) cells.set(`${r}.${c}`, values[r * columns + c] ?? 0);
        }
        for (let r = 0; r < rows; r++) {
          const parts = Array.from({ length: columns }, (_, c) => `${r}.${c}`);
          cells.set(
            `r${r}`,
            parts.reduce((sum, p) => sum + (cells.get(p) ?? 0), 0),
          );
          constraints.push({ total: `r${r}`, parts });
        }
        for (let c = 0; c < columns; c++) {
          const parts = Array.from({ length: rows }, (_, r) => `${r}.${c}`);
          cells.set(
            `c${c}`,
            parts.reduce((sum, p) => sum + (cells.get(p) ?? 0), 0),
          );
          constraints.push({ total: `c${c}`, parts });
        }
        const s = suppress(cells, constraints);
        for (const [key, value] of cells) {
          const shown = s.count(key);
          if (shown !== null) {
            expect(shown).toBe(value);
            expect(shown >= 1 && shown <= 4).toBe(false);
          }
        }
        for (const { total, parts } of constraints) {
          if (s.count(total) === null) continue;
          expect(parts.filter((p) => s.count(p) === null).length).not.toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
