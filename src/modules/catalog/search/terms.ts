import { pinyin } from 'pinyin-pro';
import { atDictionary, maxWordLength } from './dictionary.ts';
import { normalise } from './normalise.ts';
import { type Run, segmentRuns } from './segment.ts';

/** The searchable text of one product. */
export interface DocumentFields {
  readonly name: string;
  readonly nameEn: string;
  readonly model: string;
  readonly classTitles: readonly string[];
  readonly description: string;
  readonly supplier: string;
  readonly extra?: readonly string[];
}

/** How much a term found in each field counts: a word in the name says far more about the product than one in the description. */
export const fieldWeights = {
  name: 4,
  nameEn: 4,
  model: 3,
  classTitles: 2,
  description: 1,
  supplier: 1,
  extra: 1,
} as const;

/**
 * How much each kind of term counts relative to a whole word. Bigrams and
 * single characters exist to catch unknown words and typos, pinyin initials
 * are ambiguous (ly = 轮椅 but also 礼仪): all must rank below a real match.
 */
export const kindWeights = {
  word: 1,
  bigram: 0.5,
  char: 0.2,
  pinyin: 1,
  pinyinSingle: 0.3,
  initials: 0.6,
  english: 1,
  model: 1,
} as const;

/** Words so common in English product text that requiring them would only lose matches. */
export const englishStopWords: ReadonlySet<string> = new Set(
  'a an and are as at be by for from in is it of on or the to with'.split(' '),
);

/**
 * A deliberately light English stemmer (plural -s/-es/-ies, -ing): enough to
 * make wheelchairs/wheelchair and hearing/hear meet, without an algorithm
 * that a reviewer cannot predict. Applied identically to documents and queries.
 */
export function stem(word: string): string {
  const n = word.length;
  if (n <= 3 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies') && n > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(?:ch|sh|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('ing') && n >= 6) {
    const base = word.slice(0, -3);
    const last = base.charCodeAt(base.length - 1);
    // sitting → sit, but rolling → roll: undouble a final doubled consonant except l, s, z.
    if (last === base.charCodeAt(base.length - 2) && !/[aeiouylsz]$/.test(base)) return base.slice(0, -1);
    return base;
  }
  return word;
}

export interface Pinyin {
  /** Toneless syllables run together: 轮椅 → lunyi. */
  readonly full: string;
  /** First letter of each syllable: 轮椅 → ly. */
  readonly initials: string;
}

const pinyinCache = new Map<string, Pinyin>();

/**
 * Pinyin of a Han word, converted as a whole so pinyin-pro can pick the
 * reading of a polyphone from its neighbours (行走 xingzou, 银行 yinhang).
 * Conversion is the slowest step of indexing; a catalog repeats the same
 * few thousand words, so the cache makes it nearly free.
 */
export function pinyinOf(word: string): Pinyin {
  const cached = pinyinCache.get(word);
  if (cached) return cached;
  const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true });
  let full = '';
  let initials = '';
  for (const syllable of syllables) {
    // Characters pinyin-pro does not know come back unchanged; they have no pinyin.
    const letters = syllable.replace(/[^a-z]/g, '');
    if (letters.length === 0) continue;
    full += letters;
    initials += letters[0];
  }
  const result = { full, initials };
  pinyinCache.set(word, result);
  return result;
}

/** Terms are accumulated as term → summed weight; a term seen in several fields counts for each. */
type Sink = Map<string, number>;

const add = (sink: Sink, term: string, weight: number): void => {
  sink.set(term, (sink.get(term) ?? 0) + weight);
};

function addWord(sink: Sink, word: string, weight: number): void {
  add(sink, `w:${word}`, weight * kindWeights.word);
  const py = pinyinOf(word);
  if (py.full.length > 0) {
    add(sink, `p:${py.full}`, weight * kindWeights.pinyin);
    add(sink, `i:${py.initials}`, weight * kindWeights.initials);
  }
}

function addHanRun(sink: Sink, text: string, words: readonly string[], weight: number): void {
  for (let k = 0; k < words.length; k++) {
    const word = words[k] ?? '';
    if (word.length >= 2) {
      addWord(sink, word, weight);
      // Dictionary words inside a longer word (护理 in 护理床), so the shorter query still meets it.
      if (word.length >= 3) {
        for (let length = 2; length < word.length; length++) {
          for (let i = 0; i + length <= word.length; i++) {
            const inner = word.slice(i, i + length);
            if (atDictionary.has(inner)) addWord(sink, inner, weight);
          }
        }
      }
    } else {
      const py = pinyinOf(word);
      if (py.full.length > 0) add(sink, `p:${py.full}`, weight * kindWeights.pinyinSingle);
    }
    // Compounds the segmenter split (电动 + 轮椅 → 电动轮椅) are indexed too, so
    // the compound's own terms (w:电动轮椅, i:ddly) exist beside the parts'.
    let compound = word;
    for (let j = k + 1; j < words.length && j <= k + 3; j++) {
      compound += words[j] ?? '';
      if (compound.length > maxWordLength) break;
      if (atDictionary.has(compound)) addWord(sink, compound, weight);
    }
  }
  for (let i = 0; i + 2 <= text.length; i++)
    add(sink, `b:${text.slice(i, i + 2)}`, weight * kindWeights.bigram);
  for (const ch of text) add(sink, `c:${ch}`, weight * kindWeights.char);
}

function addLatinRun(sink: Sink, text: string, parts: readonly string[], weight: number): void {
  for (const token of [text, ...parts]) {
    if (!englishStopWords.has(token)) add(sink, `e:${stem(token)}`, weight * kindWeights.english);
  }
  // A token mixing letters and digits in running text is almost always a model number.
  if (parts.length > 0) add(sink, `m:${text}`, weight * kindWeights.model);
}

function addRuns(sink: Sink, runs: readonly Run[], weight: number): void {
  for (const run of runs) {
    if (run.kind === 'han') addHanRun(sink, run.text, run.words, weight);
    else addLatinRun(sink, run.text, run.parts, weight);
  }
}

function addText(sink: Sink, text: string, weight: number): void {
  if (text.length > 0) addRuns(sink, segmentRuns(normalise(text)), weight);
}

/** The Han characters of a name run together, for whole-name pinyin (电动折叠轮椅 KX200 → 电动折叠轮椅). */
export function hanOnly(runs: readonly Run[]): string {
  let out = '';
  for (const run of runs) if (run.kind === 'han') out += run.text;
  return out;
}

function addModel(sink: Sink, model: string, weight: number): void {
  const runs = segmentRuns(normalise(model));
  // The model without separators (KX-200 → kx200) is how people type it into a search box.
  let compact = '';
  for (const run of runs) {
    if (run.kind !== 'latin') {
      addHanRun(sink, run.text, run.words, weight);
      continue;
    }
    compact += run.text;
    add(sink, `m:${run.text}`, weight * kindWeights.model);
    for (const part of run.parts) add(sink, `m:${part}`, weight * kindWeights.model);
  }
  if (compact.length > 0) add(sink, `m:${compact}`, weight * kindWeights.model);
}

/**
 * Every index term of a product with its weight. Terms carry a kind prefix
 * so that, say, the English word `ly` and the pinyin initials `ly` stay apart:
 * `w:` word, `b:` Han bigram, `c:` Han character, `p:` full pinyin,
 * `i:` pinyin initials, `e:` stemmed English/Latin word, `m:` model token.
 */
export function documentTerms(fields: DocumentFields): Map<string, number> {
  const sink: Sink = new Map();
  const nameRuns = segmentRuns(normalise(fields.name));
  addRuns(sink, nameRuns, fieldWeights.name);
  // Pinyin of the whole name, so typing 'diandongzhedielunyi' or 'ddzdly' finds it.
  const nameHan = hanOnly(nameRuns);
  if (nameHan.length >= 2) {
    const py = pinyinOf(nameHan);
    if (py.full.length > 0) {
      add(sink, `p:${py.full}`, fieldWeights.name * kindWeights.pinyin);
      add(sink, `i:${py.initials}`, fieldWeights.name * kindWeights.initials);
    }
  }
  addText(sink, fields.nameEn, fieldWeights.nameEn);
  addModel(sink, fields.model, fieldWeights.model);
  for (const title of fields.classTitles) addText(sink, title, fieldWeights.classTitles);
  addText(sink, fields.description, fieldWeights.description);
  addText(sink, fields.supplier, fieldWeights.supplier);
  for (const text of fields.extra ?? []) addText(sink, text, fieldWeights.extra);
  return sink;
}
