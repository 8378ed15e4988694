import { atDictionary, maxWordLength } from './dictionary.ts';
import { isHanCode, normalise } from './normalise.ts';

/** A maximal run of Han characters, cut into words. */
export interface HanRun {
  readonly kind: 'han';
  readonly text: string;
  readonly words: readonly string[];
}

/**
 * A maximal run of letters and digits. `parts` splits letters from digits
 * (`kx200` → `kx`, `200`); it is empty when the run is all letters or all digits.
 */
export interface LatinRun {
  readonly kind: 'latin';
  readonly text: string;
  readonly parts: readonly string[];
}

export type Run = HanRun | LatinRun;

const isAsciiAlnum = (code: number): boolean =>
  (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const otherLetterOrNumber = /[\p{L}\p{N}]/u;

/** Forward maximum matching: at each position take the longest dictionary word. */
function forward(text: string, dictionary: ReadonlySet<string>, maxLength: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let length = Math.min(maxLength, text.length - i);
    while (length > 1 && !dictionary.has(text.slice(i, i + length))) length--;
    out.push(text.slice(i, i + length));
    i += length;
  }
  return out;
}

/** Backward maximum matching: the same from the end, which suits Chinese head-final compounds better. */
function backward(text: string, dictionary: ReadonlySet<string>, maxLength: number): string[] {
  const out: string[] = [];
  let end = text.length;
  while (end > 0) {
    let length = Math.min(maxLength, end);
    while (length > 1 && !dictionary.has(text.slice(end - length, end))) length--;
    out.push(text.slice(end - length, end));
    end -= length;
  }
  return out.reverse();
}

const singles = (words: readonly string[]): number => words.reduce((n, w) => n + (w.length === 1 ? 1 : 0), 0);

/**
 * Bidirectional maximum matching: fewer words wins, then fewer single
 * characters; on a full tie the backward result, which is right more often.
 */
function maximumMatch(text: string, maxLength: number): string[] {
  const f = forward(text, atDictionary, maxLength);
  const b = backward(text, atDictionary, maxLength);
  if (f.length !== b.length) return f.length < b.length ? f : b;
  return singles(f) < singles(b) ? f : b;
}

/**
 * Cuts one Han run into words. A compound dictionary word that is itself made
 * of two or more multi-character dictionary words (电动轮椅 = 电动 + 轮椅) is
 * split into them, so a query for the part and a query for the compound meet
 * on the same terms; the indexer re-adds the compound.
 */
export function segmentHan(text: string): string[] {
  const out: string[] = [];
  for (const word of maximumMatch(text, maxWordLength)) {
    if (word.length >= 4 && atDictionary.has(word)) {
      const parts = maximumMatch(word, word.length - 1);
      if (parts.length > 1 && parts.every((p) => p.length >= 2 && atDictionary.has(p))) {
        out.push(...parts);
        continue;
      }
    }
    out.push(word);
  }
  return out;
}

function latinParts(token: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= token.length; i++) {
    if (i === token.length || isDigit(token.charCodeAt(i)) !== isDigit(token.charCodeAt(i - 1))) {
      parts.push(token.slice(start, i));
      start = i;
    }
  }
  return parts.length > 1 ? parts : [];
}

/** Splits already-normalised text into Han and Latin runs; punctuation and spaces separate runs and are dropped. */
export function segmentRuns(normalisedText: string): Run[] {
  const runs: Run[] = [];
  let kind: 'han' | 'latin' | null = null;
  let start = 0;
  const flush = (end: number): void => {
    if (kind === null) return;
    const text = normalisedText.slice(start, end);
    runs.push(
      kind === 'han'
        ? { kind, text, words: segmentHan(text) }
        : { kind, text, parts: /^[a-z0-9]+$/.test(text) ? latinParts(text) : [] },
    );
    kind = null;
  };
  let i = 0;
  while (i < normalisedText.length) {
    const code = normalisedText.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    let next: 'han' | 'latin' | null = null;
    if (isAsciiAlnum(code)) next = 'latin';
    else if (isHanCode(code)) next = 'han';
    else if (code > 0x7f && otherLetterOrNumber.test(normalisedText.slice(i, i + width))) next = 'latin';
    if (next !== kind) {
      flush(i);
      kind = next;
      start = i;
    }
    i += width;
  }
  flush(normalisedText.length);
  return runs;
}

/**
 * The words of `text` in order: Han runs cut by dictionary, Latin runs as
 * tokens, a mixed letter/digit token followed by its letter and digit parts
 * (`KX200` → `kx200`, `kx`, `200`). The text is normalised first.
 */
export function segment(text: string): string[] {
  const out: string[] = [];
  for (const run of segmentRuns(normalise(text))) {
    if (run.kind === 'han') out.push(...run.words);
    else out.push(run.text, ...run.parts);
  }
  return out;
}
