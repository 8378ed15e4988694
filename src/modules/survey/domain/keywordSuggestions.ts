/** A word of the free-text answers and how many respondents wrote it. */
export interface TermCount {
  readonly term: string;
  readonly respondents: number;
}

/**
 * Words that say how people wish, not what they need ("希望……方便一些"),
 * and words too general to group anything ("设备"): frequent in every
 * campaign, useless as a topic's keyword.
 */
export const stopWords: ReadonlySet<string> = new Set([
  '希望',
  '想要',
  '需要',
  '一些',
  '可以',
  '能够',
  '方便',
  '没有',
  '不好',
  '自己',
  '家里',
  '比较',
  '更加',
  '非常',
  '现在',
  '还是',
  '已经',
  '因为',
  '所以',
  '如果',
  '但是',
  '就是',
  '设备',
  '东西',
  '问题',
  '帮助',
  '生活',
  '日常',
  'the',
  'and',
  'for',
  'with',
]);

/**
 * Words fewer people wrote are never suggested: a rare word (a street, a
 * surname, an unusual condition) may point at the one person who wrote it,
 * and a handful of mentions is no evidence of a shared need anyway.
 */
export const minSuggestedRespondents = 5;

export const maxSuggestions = 20;

/** Keywords compare as typed words do: Latin letters in lower case, full-width forms as half-width. */
export const normaliseKeyword = (word: string): string => word.normalize('NFKC').trim().toLowerCase();

/**
 * The words to suggest as keywords of a topic, most-written first: the
 * counts of every campaign added up, without stop words, rare words, and
 * the words already grouped into a topic (`taken`). Ties go by the word,
 * so the list is the same on every visit.
 */
export function keywordSuggestions(
  terms: readonly TermCount[],
  taken: Iterable<string>,
  limit: number = maxSuggestions,
): TermCount[] {
  const excluded = new Set([...taken].map(normaliseKeyword));
  const totals = new Map<string, number>();
  for (const { term, respondents } of terms) {
    const word = normaliseKeyword(term);
    if (word === '' || stopWords.has(word) || excluded.has(word)) continue;
    totals.set(word, (totals.get(word) ?? 0) + respondents);
  }
  return [...totals]
    .filter(([, respondents]) => respondents >= minSuggestedRespondents)
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, Math.max(0, limit))
    .map(([term, respondents]) => ({ term, respondents }));
}
