import { describe, expect, it } from 'vitest';
import { keywordSuggestions, minSuggestedRespondents, normaliseKeyword } from './keywordSuggestions.ts';

const counts = (entries: Record<string, number>) =>
  Object.entries(entries).map(([term, respondents]) => ({ term, respondents }));

describe('keyword suggestions', () => {
  it('adds up every campaign’s counts and ranks the words by them, ties by the word', () => {
    const terms = [...counts({ 轮椅: 30, 导航: 12, 字幕: 12 }), ...counts({ 导航: 20, 楼梯: 9 })];
    expect(keywordSuggestions(terms, [])).toEqual(
      counts({ 导航: 32, 轮椅: 30, 字幕: 12, 楼梯: 9 }).sort((a, b) => b.respondents - a.respondents),
    );
    // Same count: the order is fixed by the word, whatever order the rows came in.
    const tied = keywordSuggestions(counts({ 楼梯: 7, 电梯: 7 }), []);
    expect(tied.map((s) => s.term)).toEqual(['楼梯', '电梯'].sort());
    expect(keywordSuggestions(counts({ 电梯: 7, 楼梯: 7 }), [])).toEqual(tied);
  });

  it('drops stop words and the words already in a topic', () => {
    const terms = counts({ 希望: 400, 方便: 90, 可以: 80, 一些: 70, 轮椅: 60, 助听器: 50, 字幕: 40 });
    expect(keywordSuggestions(terms, ['助听器']).map((s) => s.term)).toEqual(['轮椅', '字幕']);
  });

  it('never suggests a word fewer than five people wrote', () => {
    const terms = counts({ 外骨骼: minSuggestedRespondents, 某某街: minSuggestedRespondents - 1 });
    expect(keywordSuggestions(terms, [])).toEqual(counts({ 外骨骼: 5 }));
    // Below the threshold in each campaign, above it together: suggested.
    expect(keywordSuggestions(counts({ 机器人: 3 }).concat(counts({ 机器人: 2 })), [])).toEqual(
      counts({ 机器人: 5 }),
    );
  });

  it('compares words as typed: case and full-width forms do not matter', () => {
    expect(normaliseKeyword(' ＡＩ眼镜 ')).toBe('ai眼镜');
    expect(keywordSuggestions(counts({ robot: 9, Robot: 1 }), [])).toEqual(counts({ robot: 10 }));
    expect(keywordSuggestions(counts({ robot: 9 }), ['ROBOT'])).toEqual([]);
  });

  it('keeps to the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      term: `词${String(i).padStart(2, '0')}`,
      respondents: 100 - i,
    }));
    const top = keywordSuggestions(many, [], 3);
    expect(top.map((s) => s.term)).toEqual(['词00', '词01', '词02']);
    expect(keywordSuggestions(many, [])).toHaveLength(20);
  });
});
