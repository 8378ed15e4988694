import { describe, expect, it } from 'vitest';
import { type DocumentFields, documentTerms, fieldWeights, pinyinOf, stem } from './terms.ts';

const fields = (overrides: Partial<DocumentFields>): DocumentFields => ({
  name: '',
  nameEn: '',
  model: '',
  classTitles: [],
  description: '',
  supplier: '',
  ...overrides,
});

describe('pinyinOf', () => {
  it('gives toneless full pinyin and initials', () => {
    expect(pinyinOf('轮椅')).toEqual({ full: 'lunyi', initials: 'ly' });
    expect(pinyinOf('电动轮椅')).toEqual({ full: 'diandonglunyi', initials: 'ddly' });
  });

  it('reads polyphones from their word', () => {
    expect(pinyinOf('行走').full).toBe('xingzou');
    expect(pinyinOf('银行').full).toBe('yinhang');
    // ü is typed as v on a keyboard.
    expect(pinyinOf('绿色').full).toBe('lvse');
  });
});

describe('stem', () => {
  it('strips plurals and -ing lightly', () => {
    expect(stem('wheelchairs')).toBe('wheelchair');
    expect(stem('batteries')).toBe('battery');
    expect(stem('crutches')).toBe('crutch');
    expect(stem('glasses')).toBe('glass');
    expect(stem('hearing')).toBe('hear');
    expect(stem('sitting')).toBe('sit');
    expect(stem('rolling')).toBe('roll');
    expect(stem('bus')).toBe('bus');
    expect(stem('ring')).toBe('ring');
  });
});

describe('documentTerms', () => {
  it('indexes words, compounds, bigrams, characters, pinyin and initials', () => {
    const terms = documentTerms(fields({ name: '电动轮椅' }));
    for (const term of ['w:电动', 'w:轮椅', 'w:电动轮椅', 'b:电动', 'b:动轮', 'b:轮椅', 'c:电', 'c:椅']) {
      expect(terms.has(term), term).toBe(true);
    }
    for (const term of ['p:diandong', 'p:lunyi', 'p:diandonglunyi', 'i:dd', 'i:ly', 'i:ddly']) {
      expect(terms.has(term), term).toBe(true);
    }
  });

  it('indexes the pinyin of the whole product name', () => {
    const terms = documentTerms(fields({ name: '鱼跃电动折叠轮椅 D130' }));
    expect(terms.has('p:yuyuediandongzhedielunyi')).toBe(true);
    expect(terms.has('i:yyddzdly')).toBe(true);
  });

  it('indexes dictionary words inside a longer word', () => {
    const terms = documentTerms(fields({ name: '电动护理床' }));
    expect(terms.has('w:护理床')).toBe(true);
    expect(terms.has('w:护理')).toBe(true);
  });

  it('stems English words and keeps model tokens', () => {
    const terms = documentTerms(fields({ nameEn: 'Folding Wheelchairs for the elderly', model: 'KX-200A' }));
    expect(terms.has('e:wheelchair')).toBe(true);
    expect(terms.has('e:fold')).toBe(true);
    expect(terms.has('e:the')).toBe(false);
    for (const term of ['m:kx200a', 'm:kx', 'm:200a', 'm:200', 'm:a'])
      expect(terms.has(term), term).toBe(true);
  });

  it('treats a letter-digit token in running text as a model number too', () => {
    expect(documentTerms(fields({ description: '升级版 KX200 电池' })).has('m:kx200')).toBe(true);
  });

  it('weighs the name above the class titles above the description', () => {
    const inName = documentTerms(fields({ name: '轮椅' })).get('w:轮椅') ?? 0;
    const inTitle = documentTerms(fields({ classTitles: ['轮椅'] })).get('w:轮椅') ?? 0;
    const inDescription = documentTerms(fields({ description: '轮椅' })).get('w:轮椅') ?? 0;
    expect(inName).toBe(fieldWeights.name);
    expect(inName).toBeGreaterThan(inTitle);
    expect(inTitle).toBeGreaterThan(inDescription);
    // Bigrams and characters count for less than the word.
    const terms = documentTerms(fields({ description: '轮椅' }));
    expect(terms.get('b:轮椅') ?? 0).toBeLessThan(inDescription);
    expect(terms.get('c:轮') ?? 0).toBeLessThan(terms.get('b:轮椅') ?? 0);
  });

  it('accumulates a term found in several fields and the extra texts', () => {
    const terms = documentTerms(fields({ name: '轮椅', description: '轮椅', extra: ['轮椅'] }));
    expect(terms.get('w:轮椅')).toBe(fieldWeights.name + fieldWeights.description + fieldWeights.extra);
  });

  it('normalises traditional characters before indexing', () => {
    expect(documentTerms(fields({ name: '電動輪椅' })).has('w:电动轮椅')).toBe(true);
  });
});
