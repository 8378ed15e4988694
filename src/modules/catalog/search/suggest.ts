import { atDictionary } from './dictionary.ts';
import { compactKey, normalise } from './normalise.ts';
import { segmentRuns } from './segment.ts';
import { hanOnly, pinyinOf } from './terms.ts';

/** Suggestion keys examined per call at most, so a one-letter prefix stays cheap. */
const maxScan = 20_000;

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The keys a suggestion is found by: its normalised text, and for Han text its full pinyin and initials. */
function keysOf(display: string): string[] {
  const normalised = normalise(display);
  const keys = new Set([compactKey(normalised)]);
  const han = hanOnly(segmentRuns(normalised));
  if (han.length > 0) {
    const py = pinyinOf(han);
    keys.add(py.full);
    if (han.length >= 2) keys.add(py.initials);
  }
  keys.delete('');
  return Array.from(keys);
}

/**
 * Prefix lookup for search-as-you-type over product names and dictionary
 * words. Keys live in a sorted array searched by bisection; names first seen
 * since the last sort wait in a small unsorted list that is scanned, and are
 * merged in once it grows, so one edit does not re-sort 100,000 keys.
 * Removed names stay as keys but drop out once no product has them.
 */
export class SuggestionIndex {
  private readonly counts = new Map<string, number>();
  private readonly known = new Set<string>();
  private waiting: string[] = [];
  private keys: string[] = [];
  private keyDisplays: string[] = [];
  private pendingKeys: string[] = [];
  private pendingDisplays: string[] = [];
  private wordsAdded = false;

  add(display: string): void {
    if (display.trim().length === 0) return;
    this.counts.set(display, (this.counts.get(display) ?? 0) + 1);
    if (!this.known.has(display)) {
      this.known.add(display);
      this.waiting.push(display);
    }
  }

  remove(display: string): void {
    const count = (this.counts.get(display) ?? 0) - 1;
    if (count > 0) this.counts.set(display, count);
    else this.counts.delete(display);
  }

  clear(): void {
    this.counts.clear();
    this.known.clear();
    this.waiting = [];
    this.keys = [];
    this.keyDisplays = [];
    this.pendingKeys = [];
    this.pendingDisplays = [];
    this.wordsAdded = false;
  }

  private absorb(): void {
    if (!this.wordsAdded) {
      for (const word of atDictionary) {
        if (!this.known.has(word)) {
          this.known.add(word);
          this.waiting.push(word);
        }
      }
      this.wordsAdded = true;
    }
    for (const display of this.waiting) {
      for (const key of keysOf(display)) {
        this.pendingKeys.push(key);
        this.pendingDisplays.push(display);
      }
    }
    this.waiting = [];
    if (this.pendingKeys.length > Math.max(1000, this.keys.length >> 3)) {
      const order = Array.from({ length: this.keys.length + this.pendingKeys.length }, (_, i) => i);
      const allKeys = this.keys.concat(this.pendingKeys);
      const allDisplays = this.keyDisplays.concat(this.pendingDisplays);
      order.sort((a, b) => compareStrings(allKeys[a] ?? '', allKeys[b] ?? ''));
      this.keys = order.map((i) => allKeys[i] ?? '');
      this.keyDisplays = order.map((i) => allDisplays[i] ?? '');
      this.pendingKeys = [];
      this.pendingDisplays = [];
    }
  }

  /**
   * Up to `limit` suggestions whose text, pinyin or initials start with
   * `prefix`: an exact key first, then the most popular (`wordPopularity`
   * for dictionary words plus the number of products with the name), then
   * the shortest.
   */
  suggest(prefix: string, limit: number, wordPopularity: (word: string) => number): string[] {
    const key = compactKey(normalise(prefix));
    if (key.length === 0 || limit <= 0) return [];
    this.absorb();
    const found = new Map<string, boolean>();
    const consider = (candidate: string, display: string): void => {
      found.set(display, (found.get(display) ?? false) || candidate === key);
    };
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.keys[mid] ?? '') < key) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.keys.length && i < low + maxScan; i++) {
      const candidate = this.keys[i] ?? '';
      if (!candidate.startsWith(key)) break;
      consider(candidate, this.keyDisplays[i] ?? '');
    }
    for (let i = 0; i < this.pendingKeys.length; i++) {
      const candidate = this.pendingKeys[i] ?? '';
      if (candidate.startsWith(key)) consider(candidate, this.pendingDisplays[i] ?? '');
    }
    const ranked: { display: string; exact: boolean; popularity: number }[] = [];
    for (const [display, exact] of found) {
      const popularity =
        (this.counts.get(display) ?? 0) + (atDictionary.has(display) ? wordPopularity(display) : 0);
      if (popularity > 0) ranked.push({ display, exact, popularity });
    }
    return ranked
      .sort(
        (a, b) =>
          Number(b.exact) - Number(a.exact) ||
          b.popularity - a.popularity ||
          a.display.length - b.display.length ||
          compareStrings(a.display, b.display),
      )
      .slice(0, limit)
      .map((r) => r.display);
  }
}
