import { describe, expect, it } from 'vitest';
import { buildSynonyms, type ParsedQuery, parseQuery } from './query.ts';
import { type DocumentFields, documentTerms } from './terms.ts';
import { deletions, editDistance, Vocabulary } from './vocabulary.ts';

/** A vocabulary holding the terms of the given products, as the index would build it. */
function vocabularyOf(products: readonly Partial<DocumentFields>[]): Vocabulary {
  const vocabulary = new Vocabulary();
  for (const product of products) {
    const terms = documentTerms({
      name: '',
      nameEn: '',
      model: '',
      classTitles: [],
      description: '',
      supplier: '',
      ...product,
    });
    for (const term of terms.keys()) vocabulary.adjustDf(vocabulary.intern(term), 1);
  }
  return vocabulary;
}

const vocabulary = vocabularyOf([
  { name: '鱼跃电动折叠轮椅', nameEn: 'Electric folding wheelchair', model: 'D130-L' },
  { name: '手动轮椅', nameEn: 'Manual wheelchair' },
  { name: '四脚手杖', nameEn: 'Quad walking stick' },
  { name: '数字助听器', nameEn: 'Digital hearing aid' },
  { name: '耳背机', nameEn: 'BTE hearing aid' },
  { name: '轮胎' },
]);

const terms = (parsed: ParsedQuery): string[][] =>
  parsed.groups.map((g) => g.alternatives.map((a) => a.term));

describe('parseQuery', () => {
  it('maps Chinese words to word terms, one group per word', () => {
    expect(terms(parseQuery('手动 轮椅', vocabulary))).toEqual([['w:手动'], ['w:轮椅']]);
  });

  it('offers a compound the segmenter split as an alternative of each part', () => {
    expect(terms(parseQuery('电动轮椅', vocabulary))).toEqual([['w:电动'], ['w:轮椅']]);
    expect(terms(parseQuery('折叠轮椅', vocabulary))).toEqual([
      ['w:折叠', 'w:折叠轮椅'],
      ['w:轮椅', 'w:折叠轮椅'],
    ]);
  });

  it('falls back to bigrams for Han text outside the dictionary', () => {
    expect(terms(parseQuery('鱼跃', vocabulary))).toEqual([['b:鱼跃']]);
  });

  it('drops function characters', () => {
    expect(terms(parseQuery('鱼跃的轮椅', vocabulary))).toEqual([['b:鱼跃'], ['w:轮椅']]);
  });

  it('corrects a wrong character to the nearest catalog word and keeps characters as a fallback', () => {
    const parsed = parseQuery('轮倚', vocabulary);
    expect(parsed.corrections).toEqual([{ from: '轮倚', to: '轮椅' }]);
    const [group] = terms(parsed);
    expect(group).toContain('w:轮椅');
    expect(group).toContain('c:轮');
  });

  it('adds synonyms as alternatives', () => {
    const synonyms = buildSynonyms([
      ['拐杖', '手杖'],
      ['助听器', '耳背机'],
    ]);
    // A two-character synonym is also tried as a bigram, in case it is not a dictionary word.
    expect(terms(parseQuery('拐杖', vocabulary, synonyms))).toEqual([['w:手杖', 'b:手杖']]);
    expect(terms(parseQuery('助听器', vocabulary, synonyms))).toEqual([['w:助听器', 'w:耳背机']]);
    expect(parseQuery('拐杖', vocabulary, synonyms).corrections).toEqual([]);
  });

  it('matches English synonyms by stem', () => {
    const synonyms = buildSynonyms([['crutch', '手杖']]);
    expect(terms(parseQuery('Crutches', vocabulary, synonyms))).toEqual([['w:手杖', 'b:手杖']]);
  });

  it('tries a Latin token as English, model, pinyin and initials', () => {
    expect(terms(parseQuery('wheelchairs', vocabulary))).toEqual([['e:wheelchair']]);
    expect(terms(parseQuery('lunyi', vocabulary))).toEqual([['p:lunyi']]);
    expect(terms(parseQuery('ly', vocabulary))).toEqual([['i:ly']]);
    expect(terms(parseQuery('D130', vocabulary))).toEqual([['m:d130']]);
    expect(terms(parseQuery('digital', vocabulary))).toEqual([['e:digital']]);
  });

  it('joins space-separated pinyin and model pieces when the joined form is known', () => {
    expect(terms(parseQuery('lun yi', vocabulary))).toEqual([['p:lunyi']]);
    expect(terms(parseQuery('D130 L', vocabulary))).toEqual([['m:d130l']]);
  });

  it('splits run-together pinyin into known words', () => {
    expect(terms(parseQuery('zhedielunyi', vocabulary))).toEqual([['p:zhedielunyi']]);
    expect(terms(parseQuery('shoudonglunyi', vocabulary))).toEqual([['p:shoudonglunyi']]);
    expect(terms(parseQuery('lunyishoudong', vocabulary))).toEqual([['p:lunyi'], ['p:shoudong']]);
  });

  it('corrects Latin typos within one edit (4–7 letters) or two (8 or more)', () => {
    const wheelchair = parseQuery('wheelchiar', vocabulary);
    expect(terms(wheelchair)).toEqual([['e:wheelchair']]);
    expect(wheelchair.corrections).toEqual([{ from: 'wheelchiar', to: 'wheelchair' }]);
    const lunyi = parseQuery('lunyl', vocabulary);
    expect(terms(lunyi)).toEqual([['p:lunyi']]);
    expect(lunyi.corrections).toEqual([{ from: 'lunyl', to: '轮椅' }]);
    expect(terms(parseQuery('hearring aid', vocabulary))).toEqual([['e:hear'], ['e:aid']]);
    expect(terms(parseQuery('digitl', vocabulary))).toEqual([['e:digital']]);
    // Two edits on a short word are too far: an empty group, not a wild guess.
    expect(terms(parseQuery('dgitl', vocabulary))).toEqual([[]]);
    // Three-letter tokens are never corrected.
    expect(terms(parseQuery('aix', vocabulary))).toEqual([[]]);
  });

  it('ignores English stop words', () => {
    expect(terms(parseQuery('wheelchair for the', vocabulary))).toEqual([['e:wheelchair']]);
  });

  it('returns the compact key used for whole-name matching', () => {
    expect(parseQuery('手动 轮椅！', vocabulary).key).toBe('手动轮椅');
  });
});

describe('typo helpers', () => {
  it('measures edit distance with adjacent transpositions', () => {
    expect(editDistance('wheelchiar', 'wheelchair', 2)).toBe(1);
    expect(editDistance('lunyl', 'lunyi', 1)).toBe(1);
    expect(editDistance('hearring', 'hearing', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('lists deletion neighbourhoods', () => {
    expect(Array.from(deletions('abc', 1)).sort()).toEqual(['ab', 'abc', 'ac', 'bc']);
    expect(deletions('abcd', 2).size).toBe(1 + 4 + 6);
  });

  it('finds live Latin and Han neighbours', () => {
    expect(vocabulary.nearLatin('wheelchiar', 2).map((n) => n.term)).toEqual(['e:wheelchair']);
    expect(vocabulary.nearHan('轮倚').map((n) => n.term)).toContain('w:轮椅');
    expect(vocabulary.display('p:lunyi')).toBe('轮椅');
  });
});

describe('parseQuery on hostile input', () => {
  it('stays fast on very long tokens and queries', () => {
    const start = performance.now();
    parseQuery('x'.repeat(5_000), vocabulary);
    parseQuery('轮椅 '.repeat(500), vocabulary);
    parseQuery('abcdefghijklmnopqrstu', vocabulary);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});
