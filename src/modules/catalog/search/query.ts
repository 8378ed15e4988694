import { atDictionary, maxWordLength } from './dictionary.ts';
import { compactKey, normalise } from './normalise.ts';
import { type LatinRun, segmentRuns } from './segment.ts';
import { englishStopWords, stem } from './terms.ts';
import type { Neighbour, QueryVocabulary } from './vocabulary.ts';

/** One way a query word may appear in a document. */
export interface QueryAlternative {
  readonly term: string;
  readonly weight: number;
}

/**
 * One word of the query: a document satisfies it through any of the
 * alternatives (OR); in strict mode every group must be satisfied (AND).
 * Only alternatives present in the vocabulary are kept, so a group may be
 * empty: a word nothing in the catalog matches.
 */
export interface QueryGroup {
  readonly text: string;
  readonly weight: number;
  readonly alternatives: readonly QueryAlternative[];
}

/** A misspelling the parser replaced, for a "showing results for …" line. */
export interface Correction {
  readonly from: string;
  readonly to: string;
}

export interface ParsedQuery {
  readonly groups: readonly QueryGroup[];
  readonly corrections: readonly Correction[];
  /** The query normalised with spaces and punctuation removed, to compare with whole names. */
  readonly key: string;
}

/** Admin-managed equivalences, looked up by normalised word. */
export interface SynonymTable {
  readonly byKey: ReadonlyMap<string, readonly string[]>;
}

/** How much an alternative that is not what the user typed counts, relative to an exact one. */
const weights = {
  exact: 1,
  compound: 1,
  synonym: 0.9,
  correction: 0.8,
  initials: 0.7,
  bigramFallback: 0.5,
  charFallback: 0.3,
  singleCharGroup: 0.6,
  uncoveredGroup: 0.6,
} as const;

/** Single characters that carry no meaning as a search requirement. */
const hanStopChars: ReadonlySet<string> = new Set(Array.from('的了和与及或在是用等之'));

/** Longest Latin token worth a typo lookup (the indexed terms have at most 20 letters). */
const maxFuzzyLength = 22;

/** Longest run of space-separated Latin tokens joined back into one pinyin or model term (lun yi → lunyi). */
const maxJoinedTokens = 6;

const isLatinWord = (text: string): boolean => /^[a-z]+$/.test(text);

/** The key a synonym or query word is looked up by: Latin words by stem, so plurals meet. */
function synonymKey(normalisedWord: string): string {
  const compact = compactKey(normalisedWord);
  return isLatinWord(compact) ? stem(compact) : compact;
}

/** Builds the lookup table from groups of equivalent words, e.g. [['拐杖', '手杖'], ['助听器', '耳背机']]. */
export function buildSynonyms(groups: readonly (readonly string[])[]): SynonymTable {
  const byKey = new Map<string, string[]>();
  for (const group of groups) {
    const forms = Array.from(
      new Set(group.map((word) => normalise(word).trim()).filter((w) => w.length > 0)),
    );
    for (const form of forms) {
      const key = synonymKey(form);
      const others = forms.filter((other) => other !== form);
      const list = byKey.get(key) ?? [];
      for (const other of others) if (!list.includes(other)) list.push(other);
      byKey.set(key, list);
    }
  }
  return { byKey };
}

const emptySynonyms: SynonymTable = { byKey: new Map() };

/**
 * The index terms a synonym stands for. Only single words are supported: a
 * multi-word synonym would need an AND inside an alternative.
 */
function synonymTerms(form: string): QueryAlternative[] {
  const runs = segmentRuns(form);
  const run = runs[0];
  if (runs.length !== 1 || run === undefined) return [];
  if (run.kind === 'han') {
    const out: QueryAlternative[] = [{ term: `w:${run.text}`, weight: weights.synonym }];
    // A two-character synonym outside the dictionary (a brand, say) is still findable as a bigram.
    if (run.text.length === 2) out.push({ term: `b:${run.text}`, weight: weights.synonym });
    return out;
  }
  return [
    { term: `e:${stem(run.text)}`, weight: weights.synonym },
    { term: `m:${run.text}`, weight: weights.synonym },
    { term: `p:${run.text}`, weight: weights.synonym },
  ];
}

class QueryBuilder {
  readonly groups: QueryGroup[] = [];
  readonly corrections: Correction[] = [];
  private readonly seenGroups = new Set<string>();

  constructor(
    readonly vocabulary: QueryVocabulary,
    readonly synonyms: SynonymTable,
  ) {}

  synonymAlternatives(word: string): QueryAlternative[] {
    const out: QueryAlternative[] = [];
    for (const form of this.synonyms.byKey.get(synonymKey(word)) ?? []) out.push(...synonymTerms(form));
    return out;
  }

  /** Keeps the alternatives the vocabulary knows (the best weight per term) and drops repeated groups. */
  push(text: string, weight: number, alternatives: readonly QueryAlternative[]): void {
    const best = new Map<string, number>();
    for (const alternative of alternatives) {
      if (!this.vocabulary.has(alternative.term)) continue;
      best.set(alternative.term, Math.max(best.get(alternative.term) ?? 0, alternative.weight));
    }
    const kept = Array.from(best, ([term, w]) => ({ term, weight: w }));
    const signature =
      kept.length > 0
        ? kept
            .map((a) => a.term)
            .sort()
            .join('|')
        : `?${text}`;
    if (this.seenGroups.has(signature)) return;
    this.seenGroups.add(signature);
    this.groups.push({ text, weight, alternatives: kept });
  }

  anyKnown(alternatives: readonly QueryAlternative[]): boolean {
    return alternatives.some((a) => this.vocabulary.has(a.term));
  }

  correct(from: string, to: string): void {
    if (from !== to && !this.corrections.some((c) => c.from === from)) this.corrections.push({ from, to });
  }
}

function bigramsOf(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 <= text.length; i++) out.push(text.slice(i, i + 2));
  return out;
}

/** Characters and known bigrams of a stretch of text nothing better matched. */
function fallbackAlternatives(text: string, bigramWeight: number): QueryAlternative[] {
  const out: QueryAlternative[] = [];
  for (const bigram of bigramsOf(text)) out.push({ term: `b:${bigram}`, weight: bigramWeight });
  for (const ch of text) {
    if (!hanStopChars.has(ch)) out.push({ term: `c:${ch}`, weight: weights.charFallback });
  }
  return out;
}

/**
 * Han text that is not a known word: a name outside the dictionary (鱼跃) or
 * a typo (轮倚). Known phrases match by their bigrams; otherwise windows that
 * are one character away from a catalog word are corrected, and whatever is
 * left still matches by bigrams and characters so near misses rank.
 */
function hanChunk(b: QueryBuilder, chunk: string): void {
  const v = b.vocabulary;
  // A word an administrator made a synonym (病床 for 护理床) is a word, dictionary or not.
  const synonyms = chunk.length > 1 ? b.synonymAlternatives(chunk) : [];
  if (synonyms.length > 0) {
    const own = chunk.length === 2 ? `b:${chunk}` : `w:${chunk}`;
    b.push(chunk, weights.exact, [{ term: own, weight: weights.exact }, ...synonyms]);
    return;
  }
  if (chunk.length === 1) {
    if (!hanStopChars.has(chunk)) {
      b.push(chunk, weights.singleCharGroup, [
        { term: `c:${chunk}`, weight: weights.exact },
        ...b.synonymAlternatives(chunk),
      ]);
    }
    return;
  }
  const bigrams = bigramsOf(chunk);
  if (bigrams.every((bigram) => v.has(`b:${bigram}`))) {
    for (const bigram of bigrams)
      b.push(bigram, weights.exact, [{ term: `b:${bigram}`, weight: weights.exact }]);
    return;
  }
  let uncovered = 0;
  const flushUncovered = (end: number): void => {
    const text = chunk.slice(uncovered, end);
    if (text.length === 0 || (text.length === 1 && hanStopChars.has(text))) return;
    b.push(text, weights.uncoveredGroup, fallbackAlternatives(text, weights.exact));
  };
  let i = 0;
  while (i < chunk.length) {
    let matched = 0;
    for (let length = Math.min(maxWordLength, chunk.length - i); length >= 2 && matched === 0; length--) {
      const window = chunk.slice(i, i + length);
      if (v.has(`w:${window}`)) {
        flushUncovered(i);
        b.push(window, weights.exact, [{ term: `w:${window}`, weight: weights.exact }]);
        matched = length;
        break;
      }
      // Only a window the catalog has never seen as written is a typo candidate;
      // correcting known text (a brand) to a similar word would be wrong.
      if (bigramsOf(window).every((bigram) => v.has(`b:${bigram}`))) continue;
      const near = v.nearHan(window).slice(0, 3);
      const first = near[0];
      if (first === undefined) continue;
      flushUncovered(i);
      b.correct(window, v.display(first.term));
      b.push(window, weights.exact, [
        ...near.map((n) => ({ term: n.term, weight: weights.correction })),
        ...fallbackAlternatives(window, weights.bigramFallback),
      ]);
      matched = length;
    }
    if (matched > 0) {
      i += matched;
      uncovered = i;
    } else {
      i++;
    }
  }
  flushUncovered(chunk.length);
}

function hanRun(b: QueryBuilder, words: readonly string[]): void {
  // Compounds the segmenter split (电动 + 轮椅) are offered as alternatives of
  // each part, so documents with the exact compound score higher.
  const compoundAlternatives: QueryAlternative[][] = words.map(() => []);
  for (let k = 0; k < words.length; k++) {
    let compound = words[k] ?? '';
    for (let j = k + 1; j < words.length && j <= k + 3; j++) {
      compound += words[j] ?? '';
      if (compound.length > maxWordLength) break;
      if (!atDictionary.has(compound)) continue;
      const extra = [{ term: `w:${compound}`, weight: weights.compound }, ...b.synonymAlternatives(compound)];
      for (let m = k; m <= j; m++) compoundAlternatives[m]?.push(...extra);
    }
  }
  let i = 0;
  while (i < words.length) {
    const word = words[i] ?? '';
    if (word.length >= 2) {
      const alternatives = [
        { term: `w:${word}`, weight: weights.exact },
        ...b.synonymAlternatives(word),
        ...(compoundAlternatives[i] ?? []),
      ];
      if (b.anyKnown(alternatives)) b.push(word, weights.exact, alternatives);
      else hanChunk(b, word);
      i++;
      continue;
    }
    // Runs of single characters form one chunk; a function character (的) ends it and is dropped.
    let j = i;
    while (j < words.length && (words[j] ?? '').length === 1 && !hanStopChars.has(words[j] ?? '')) j++;
    if (j > i) hanChunk(b, words.slice(i, j).join(''));
    i = Math.max(j, i + 1);
  }
}

function latinAlternatives(b: QueryBuilder, token: string): QueryAlternative[] {
  return [
    { term: `e:${stem(token)}`, weight: weights.exact },
    { term: `m:${token}`, weight: weights.exact },
    { term: `p:${token}`, weight: weights.exact },
    { term: `i:${token}`, weight: weights.initials },
    ...b.synonymAlternatives(token),
  ];
}

/**
 * Pinyin typed without spaces across words (lunyizhedie): the fewest known
 * pinyin terms of two or more letters that spell the token, or null.
 */
function splitPinyin(v: QueryVocabulary, token: string): string[] | null {
  const n = token.length;
  if (n < 4 || n > 40 || !isLatinWord(token)) return null;
  const best: (string[] | null)[] = new Array(n + 1).fill(null);
  best[0] = [];
  for (let end = 2; end <= n; end++) {
    for (let start = end - 2; start >= 0; start--) {
      const before = best[start];
      if (before === null || before === undefined || before.length >= 4) continue;
      const piece = token.slice(start, end);
      if (!v.has(`p:${piece}`)) continue;
      const current = best[end];
      if (current === null || current === undefined || current.length > before.length + 1) {
        best[end] = [...before, piece];
      }
    }
  }
  const result = best[n];
  return result && result.length >= 2 ? result : null;
}

/** Edits tolerated in a Latin token: none below 4 letters (too many short words are one edit apart). */
const allowedEdits = (length: number): number => (length >= 8 ? 2 : length >= 4 ? 1 : 0);

/**
 * The closest live `e:`/`p:` terms to a token not in the vocabulary, tried as
 * typed and as stemmed (each with the tolerance its own length allows).
 */
function nearestLatin(v: QueryVocabulary, token: string): Neighbour[] {
  const found = new Map<string, Neighbour>();
  const stemmed = stem(token);
  for (const candidate of stemmed === token ? [token] : [token, stemmed]) {
    const maxDistance = allowedEdits(candidate.length);
    if (maxDistance === 0) continue;
    for (const n of v.nearLatin(candidate, maxDistance)) {
      const seen = found.get(n.term);
      if (!seen || seen.distance > n.distance) found.set(n.term, n);
    }
  }
  const all = Array.from(found.values()).sort((a, b) => a.distance - b.distance || b.df - a.df);
  const first = all[0];
  return first === undefined ? [] : all.filter((n) => n.distance === first.distance).slice(0, 3);
}

function latinToken(b: QueryBuilder, run: LatinRun): void {
  const v = b.vocabulary;
  const token = run.text;
  if (englishStopWords.has(token)) return;
  const alternatives = latinAlternatives(b, token);
  if (b.anyKnown(alternatives)) {
    b.push(token, weights.exact, alternatives);
    return;
  }
  const pieces = splitPinyin(v, token);
  if (pieces) {
    for (const piece of pieces) b.push(piece, weights.exact, [{ term: `p:${piece}`, weight: weights.exact }]);
    return;
  }
  // Vocabulary terms in the typo index have at most 20 letters, so a longer token cannot be 2 edits from one.
  if (token.length >= 4 && token.length <= maxFuzzyLength && isLatinWord(token)) {
    const near = nearestLatin(v, token);
    const first = near[0];
    if (first !== undefined) {
      b.correct(token, v.display(first.term));
      b.push(
        token,
        weights.exact,
        near.map((n) => ({ term: n.term, weight: weights.correction })),
      );
      return;
    }
  }
  if (run.parts.length > 0) {
    for (const part of run.parts) b.push(part, weights.exact, latinAlternatives(b, part));
    return;
  }
  // Nothing matches: an empty group, which sends the search to any-mode.
  b.push(token, weights.exact, alternatives);
}

function latinRuns(b: QueryBuilder, runs: readonly LatinRun[]): void {
  let i = 0;
  while (i < runs.length) {
    let joined = 0;
    for (let j = Math.min(runs.length, i + maxJoinedTokens); j >= i + 2 && joined === 0; j--) {
      const text = runs
        .slice(i, j)
        .map((r) => r.text)
        .join('');
      const alternatives = [
        { term: `p:${text}`, weight: weights.exact },
        { term: `m:${text}`, weight: weights.exact },
      ];
      if (b.anyKnown(alternatives)) {
        b.push(text, weights.exact, alternatives);
        joined = j - i;
      }
    }
    if (joined > 0) {
      i += joined;
      continue;
    }
    const run = runs[i];
    if (run) latinToken(b, run);
    i++;
  }
}

/**
 * Turns a search box query into groups of alternative index terms. Chinese
 * words map to `w:` terms (or bigrams and characters when unknown or
 * misspelt), Latin tokens to English, model, pinyin and initials terms;
 * synonyms and typo corrections add alternatives.
 */
export function parseQuery(
  q: string,
  vocabulary: QueryVocabulary,
  synonyms: SynonymTable = emptySynonyms,
): ParsedQuery {
  const normalised = normalise(q);
  const b = new QueryBuilder(vocabulary, synonyms);
  const runs = segmentRuns(normalised);
  let i = 0;
  while (i < runs.length) {
    const run = runs[i];
    if (run === undefined) break;
    if (run.kind === 'han') {
      hanRun(b, run.words);
      i++;
      continue;
    }
    const latin: LatinRun[] = [];
    while (i < runs.length) {
      const next = runs[i];
      if (next === undefined || next.kind !== 'latin') break;
      latin.push(next);
      i++;
    }
    latinRuns(b, latin);
  }
  return { groups: b.groups, corrections: b.corrections, key: compactKey(normalised) };
}
