import { atDictionary } from './dictionary.ts';
import { pinyinOf } from './terms.ts';

/** A vocabulary term near a misspelt query token. */
export interface Neighbour {
  readonly term: string;
  readonly distance: number;
  readonly df: number;
}

/** What query parsing needs to know about the indexed terms. */
export interface QueryVocabulary {
  /** True when at least one live document has the term. */
  has(term: string): boolean;
  /** Number of live documents with the term. */
  df(term: string): number;
  /** Live `e:` and `p:` terms within `maxDistance` (Damerau–Levenshtein, adjacent transpositions) of `token`. */
  nearLatin(token: string, maxDistance: number): Neighbour[];
  /** Live `w:` terms of the same length as `word` that differ from it in exactly one character. */
  nearHan(word: string): Neighbour[];
  /** How to show a term to a person: 轮椅 for `p:lunyi`, the word itself otherwise. */
  display(term: string): string;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent
 * transposition), giving up as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        value = Math.min(value, (prev2[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, current] = [prev, current, prev2];
  }
  return prev[n] ?? max + 1;
}

/** Every string obtainable from `text` by deleting up to `depth` characters, `text` included. */
export function deletions(text: string, depth: number): Set<string> {
  const out = new Set<string>([text]);
  let frontier = [text];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const s of frontier) {
      for (let i = 0; i < s.length; i++) {
        const shorter = s.slice(0, i) + s.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}

let dictionaryPinyin: Map<string, string[]> | null = null;

/**
 * Full pinyin → the dictionary words that read so. Only these pinyin terms are
 * typo-corrected: whole-name pinyin strings are long and unique, would bloat
 * the deletion index, and a near miss on one is better caught by its words.
 */
function pinyinOfDictionary(): Map<string, string[]> {
  if (dictionaryPinyin) return dictionaryPinyin;
  const map = new Map<string, string[]>();
  for (const word of atDictionary) {
    const full = pinyinOf(word).full;
    const list = map.get(full);
    if (list) list.push(word);
    else map.set(full, [word]);
  }
  dictionaryPinyin = map;
  return map;
}

const latinFuzzy = /^[a-z]{3,20}$/;
const hanWildcard = '\u0000';

/**
 * Interned index terms with their live document frequencies, plus the two
 * typo indexes, maintained incrementally as terms first appear:
 * a symmetric-delete index over Latin terms (a query token and a term within
 * distance d share a string reachable by ≤ d deletions from each) and a
 * one-wildcard index over Han words (轮? and ?椅 both lead to 轮椅).
 */
export class Vocabulary implements QueryVocabulary {
  private readonly ids = new Map<string, number>();
  private readonly termList: string[] = [];
  private dfs = new Int32Array(1024);
  private readonly deletionIndex = new Map<string, number[]>();
  private readonly hanIndex = new Map<string, number[]>();

  /** Number of distinct terms ever seen (including ones no live document has any more). */
  get size(): number {
    return this.termList.length;
  }

  /** The id of `term`, creating it (with df 0) if new. */
  intern(term: string): number {
    const existing = this.ids.get(term);
    if (existing !== undefined) return existing;
    const id = this.termList.length;
    this.ids.set(term, id);
    this.termList.push(term);
    if (id >= this.dfs.length) {
      const grown = new Int32Array(this.dfs.length * 2);
      grown.set(this.dfs);
      this.dfs = grown;
    }
    this.indexForTypos(term, id);
    return id;
  }

  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  termOf(id: number): string {
    return this.termList[id] ?? '';
  }

  dfOf(id: number): number {
    return this.dfs[id] ?? 0;
  }

  adjustDf(id: number, delta: number): void {
    this.dfs[id] = (this.dfs[id] ?? 0) + delta;
  }

  has(term: string): boolean {
    return this.df(term) > 0;
  }

  df(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : (this.dfs[id] ?? 0);
  }

  /** Live terms, for tests and diagnostics. */
  *terms(): IterableIterator<string> {
    for (let id = 0; id < this.termList.length; id++) {
      if ((this.dfs[id] ?? 0) > 0) yield this.termList[id] ?? '';
    }
  }

  clear(): void {
    this.ids.clear();
    this.termList.length = 0;
    this.dfs = new Int32Array(1024);
    this.deletionIndex.clear();
    this.hanIndex.clear();
  }

  private indexForTypos(term: string, id: number): void {
    const kind = term.slice(0, 2);
    const text = term.slice(2);
    if (kind === 'e:' || kind === 'p:') {
      if (!latinFuzzy.test(text)) return;
      if (kind === 'p:' && !pinyinOfDictionary().has(text)) return;
      // Queries of 8+ letters may be 2 edits away, and such a term has at least 6 letters.
      for (const variant of deletions(text, text.length >= 6 ? 2 : 1)) {
        const list = this.deletionIndex.get(variant);
        if (list) list.push(id);
        else this.deletionIndex.set(variant, [id]);
      }
    } else if (kind === 'w:' && text.length >= 2 && text.length <= 6) {
      for (let i = 0; i < text.length; i++) {
        const key = text.slice(0, i) + hanWildcard + text.slice(i + 1);
        const list = this.hanIndex.get(key);
        if (list) list.push(id);
        else this.hanIndex.set(key, [id]);
      }
    }
  }

  nearLatin(token: string, maxDistance: number): Neighbour[] {
    const seen = new Set<number>();
    const out: Neighbour[] = [];
    for (const variant of deletions(token, maxDistance)) {
      for (const id of this.deletionIndex.get(variant) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const df = this.dfs[id] ?? 0;
        if (df === 0) continue;
        const term = this.termList[id] ?? '';
        const distance = editDistance(token, term.slice(2), maxDistance);
        if (distance <= maxDistance) out.push({ term, distance, df });
      }
    }
    return out.sort((a, b) => a.distance - b.distance || b.df - a.df || (a.term < b.term ? -1 : 1));
  }

  nearHan(word: string): Neighbour[] {
    const out: Neighbour[] = [];
    if (word.length < 2 || word.length > 6) return out;
    const seen = new Set<number>();
    for (let i = 0; i < word.length; i++) {
      const key = word.slice(0, i) + hanWildcard + word.slice(i + 1);
      for (const id of this.hanIndex.get(key) ?? []) {
        const df = this.dfs[id] ?? 0;
        const term = this.termList[id] ?? '';
        if (seen.has(id) || df === 0 || term.slice(2) === word) continue;
        seen.add(id);
        out.push({ term, distance: 1, df });
      }
    }
    return out.sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1));
  }

  display(term: string): string {
    const text = term.slice(2);
    if (term.startsWith('p:')) {
      // Show the Han word the pinyin stands for, preferring the one the catalog uses most.
      let best = text;
      let bestDf = 0;
      for (const word of pinyinOfDictionary().get(text) ?? []) {
        const df = this.df(`w:${word}`);
        if (df > bestDf) {
          best = word;
          bestDf = df;
        }
      }
      return best;
    }
    return text;
  }
}
