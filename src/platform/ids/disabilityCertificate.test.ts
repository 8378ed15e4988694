import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disabilityCategories, makeResidentId, parseDisabilityCertificate } from './index.ts';

const now = new Date('2026-03-01T00:00:00Z');
const id = '11010519491231002X';

describe('2nd-generation disability certificate number', () => {
  it('splits a certificate into resident ID, category and grade', () => {
    const result = parseDisabilityCertificate(`${id}42`, { now });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      number: `${id}42`,
      category: 'physical',
      grade: 2,
      suffix: null,
    });
    expect(result.value.residentId.number).toBe(id);
  });

  it('accepts a B1–B9 suffix, lowercase and full-width too', () => {
    const result = parseDisabilityCertificate(' 11010519491231002x11b3 ', { now });
    expect(result.ok && result.value).toMatchObject({
      number: `${id}11B3`,
      category: 'visual',
      grade: 1,
      suffix: 'B3',
    });
    const fullWidth = parseDisabilityCertificate('１１０１０５１９４９１２３１００２Ｘ７４Ｂ９', { now });
    expect(fullWidth.ok && fullWidth.value.category).toBe('multiple');
  });

  it('maps every category code in order', () => {
    expect(disabilityCategories).toEqual([
      'visual',
      'hearing',
      'speech',
      'physical',
      'intellectual',
      'mental',
      'multiple',
    ]);
    disabilityCategories.forEach((category, i) => {
      const result = parseDisabilityCertificate(`${id}${i + 1}4`, { now });
      expect(result.ok && result.value.category).toBe(category);
    });
  });

  it.each([
    ['', 'format'],
    [id, 'format'],
    [`${id}4`, 'format'],
    [`${id}421`, 'format'],
    [`${id}42B0`, 'format'],
    [`${id}42B10`, 'format'],
    [`${id}42C1`, 'format'],
    ['110105194912310021' + '42', 'residentId'],
    [`${id}02`, 'category'],
    [`${id}82`, 'category'],
    [`${id}40`, 'grade'],
    [`${id}45`, 'grade'],
  ])('refuses %s as %s', (raw, problem) => {
    expect(parseDisabilityCertificate(raw, { now })).toEqual({ ok: false, problem });
  });

  it('property: every well-formed certificate parses; nothing throws', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.integer({ min: 1, max: 9 })),
        (category, grade, suffix) => {
          const number = `${makeResidentId('610113', '1990-01-01', '123')}${category}${grade}${suffix === null ? '' : `B${suffix}`}`;
          const result = parseDisabilityCertificate(number, { now });
          expect(result.ok && result.value.grade).toBe(grade);
        },
      ),
    );
    fc.assert(
      fc.property(fc.string(), (raw) => {
        expect(typeof parseDisabilityCertificate(raw).ok).toBe('boolean');
      }),
    );
  });
});
