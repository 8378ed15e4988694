import { compactKey, normalise } from './normalise.ts';
import { buildSynonyms, type Correction, parseQuery, type QueryGroup, type SynonymTable } from './query.ts';
import { SuggestionIndex } from './suggest.ts';
import { type DocumentFields, documentTerms } from './terms.ts';
import { Vocabulary } from './vocabulary.ts';

export type { Correction, ParsedQuery, QueryAlternative, QueryGroup, SynonymTable } from './query.ts';
export { buildSynonyms, parseQuery } from './query.ts';
export type { DocumentFields } from './terms.ts';
export { documentTerms } from './terms.ts';
export type { Neighbour, QueryVocabulary } from './vocabulary.ts';
export { Vocabulary } from './vocabulary.ts';

/** A published product as the search index holds it. */
export interface IndexedProduct {
  readonly id: string;
  readonly fields: DocumentFields;
  /** ISO 9999 division, six digits. */
  readonly isoCode: string;
  readonly functionAreas: readonly string[];
  readonly disabilityCategories: readonly string[];
  readonly supplierId: string;
  readonly supplierName: string;
  readonly priceFen: number;
  readonly attributes: Readonly<Record<string, number | string>>;
  readonly inSubsidyCatalog: boolean;
  /** Epoch milliseconds. */
  readonly publishedAt: number;
  /** Compared by UTF-16 code units; callers pass a collation key (pinyin, say) for a natural order. */
  readonly nameForSort: string;
}

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest' | 'name';

export interface RangeFilter {
  readonly min?: number;
  readonly max?: number;
}

export interface SearchRequest {
  readonly q?: string;
  /** ISO 9999 prefix: class (2 digits), subclass (4) or division (6). */
  readonly iso?: string;
  readonly functionAreas?: readonly string[];
  readonly disabilityCategories?: readonly string[];
  readonly supplierIds?: readonly string[];
  readonly priceMinFen?: number;
  readonly priceMaxFen?: number;
  readonly inSubsidyCatalog?: boolean;
  /** Numeric attribute ranges, inclusive; a product without the attribute does not match. */
  readonly ranges?: Readonly<Record<string, RangeFilter>>;
  readonly sort?: SearchSort;
  readonly offset: number;
  readonly limit: number;
}

export interface CodeCount {
  readonly code: string;
  readonly count: number;
}

export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

export interface SupplierCount {
  readonly id: string;
  readonly name: string;
  readonly count: number;
}

export interface PriceBucketCount {
  readonly minFen: number;
  /** Exclusive; null for the open top bucket. */
  readonly maxFen: number | null;
  readonly count: number;
}

export interface RangeFacet {
  readonly attributeId: string;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

export interface SearchFacets {
  readonly classes: CodeCount[];
  readonly subclasses: CodeCount[];
  readonly functionAreas: ValueCount[];
  readonly disabilityCategories: ValueCount[];
  readonly suppliers: SupplierCount[];
  readonly priceBuckets: PriceBucketCount[];
  readonly inSubsidyCatalog: { readonly true: number; readonly false: number };
  readonly ranges: RangeFacet[];
}

export interface SearchResult {
  readonly ids: string[];
  readonly total: number;
  readonly facets: SearchFacets;
  readonly corrections: Correction[];
  /** 'any' when no product matched every word and the results match only some. */
  readonly mode: 'all' | 'any';
}

/** Fixed price buckets in fen: under ¥500, ¥500–2,000, ¥2,000–5,000, ¥5,000–20,000, ¥20,000 and up. */
export const priceBuckets: readonly { readonly minFen: number; readonly maxFen: number | null }[] = [
  { minFen: 0, maxFen: 50_000 },
  { minFen: 50_000, maxFen: 200_000 },
  { minFen: 200_000, maxFen: 500_000 },
  { minFen: 500_000, maxFen: 2_000_000 },
  { minFen: 2_000_000, maxFen: null },
];

function priceBucketOf(priceFen: number): number {
  for (let i = priceBuckets.length - 1; i > 0; i--) {
    if (priceFen >= (priceBuckets[i]?.minFen ?? 0)) return i;
  }
  return 0;
}

/*
 * A posting is one small integer: the document slot shifted left, the
 * field-weighted term frequency (in eighths) in the low bits. Plain arrays of
 * such integers stay in V8's compact small-integer representation, cost less
 * per term than a typed array (most terms have few postings) and need one
 * load per posting when scoring. 20 + 10 bits keep every value below 2^30,
 * a small integer on every platform.
 */
const tfBits = 10;
const tfMask = (1 << tfBits) - 1;
const tfScale = 8;
const maxSlots = 1 << 20;

/** BM25 parameters: the usual term-frequency saturation and length normalisation. */
const k1 = 1.2;
const bm25b = 0.75;

/** Characters of a query considered at most. */
const maxQueryLength = 256;

/** Query words beyond this are ignored: a pasted paragraph must not cost a full scan per word. */
const maxGroups = 32;

/**
 * Score multipliers for a product whose whole name is the query, whose name
 * ends with it, or (English only) starts with it. Chinese and English product
 * names put the head noun last: 折叠手动轮椅 is a wheelchair, 轮椅升降工作台 a
 * workbench, so a Chinese name starting with the query is no sign at all.
 */
const exactNameBoost = 2;
const nameHeadBoost = 1.5;
const namePrefixBoost = 1.2;

const noTerms = new Int32Array(0);

type Typed = Int32Array | Uint32Array | Uint8Array | Float32Array | Float64Array;

function grown<T extends Typed>(array: T, capacity: number, make: (capacity: number) => T): T {
  const next = make(capacity);
  next.set(array);
  return next;
}

/** Strings to dense small integers, so per-document facet values are plain numbers in typed arrays. */
class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  idOf(value: string): number | undefined {
    return this.ids.get(value);
  }

  get size(): number {
    return this.values.length;
  }
}

/**
 * A multi-valued facet (function areas, disability categories): the first
 * 32 distinct values as bits of one integer per document (both real
 * vocabularies have under ten values), any further ones in a side list.
 */
class MultiFacet {
  readonly values = new Interner();
  masks = new Uint32Array(0);
  overflow: (number[] | undefined)[] = [];

  grow(capacity: number): void {
    this.masks = grown(this.masks, capacity, (n) => new Uint32Array(n));
  }

  set(slot: number, values: readonly string[]): void {
    let mask = 0;
    let extra: number[] | undefined;
    for (const value of values) {
      const id = this.values.intern(value);
      if (id < 32) mask |= 1 << id;
      else {
        extra ??= [];
        extra.push(id);
      }
    }
    this.masks[slot] = mask >>> 0;
    this.overflow[slot] = extra;
  }

  /** A test "has any of these values", or null when none of them is known (nothing can match). */
  compile(values: readonly string[]): { mask: number; extra: ReadonlySet<number> } | null {
    let mask = 0;
    const extra = new Set<number>();
    for (const value of values) {
      const id = this.values.idOf(value);
      if (id === undefined) continue;
      if (id < 32) mask |= 1 << id;
      else extra.add(id);
    }
    if (mask === 0 && extra.size === 0) return null;
    return { mask: mask >>> 0, extra };
  }

  /** Keeps, in order, the slots of list[0, n) that have any of the test's values; returns how many. */
  keep(list: Int32Array, n: number, test: { mask: number; extra: ReadonlySet<number> }): number {
    const { masks, overflow } = this;
    const { mask, extra } = test;
    const anyExtra = extra.size > 0;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const slot = list[i] ?? 0;
      if (
        ((masks[slot] ?? 0) & mask) !== 0 ||
        (anyExtra && (overflow[slot] ?? []).some((id) => extra.has(id)))
      ) {
        list[kept++] = slot;
      }
    }
    return kept;
  }

  /** True when some value lies beyond the bit mask, so per-slot side lists may exist. */
  get hasOverflow(): boolean {
    return this.values.size > 32;
  }

  /** Adds the side-list values of the given slots to `counts` (the mask bits are counted by the caller). */
  countOverflow(hits: Int32Array, total: number, counts: Int32Array): void {
    for (let i = 0; i < total; i++) {
      const extra = this.overflow[hits[i] ?? 0];
      if (extra === undefined) continue;
      for (let e = 0; e < extra.length; e++) {
        const id = extra[e] ?? 0;
        counts[id] = (counts[id] ?? 0) + 1;
      }
    }
  }

  facet(counts: Int32Array): ValueCount[] {
    const out: ValueCount[] = [];
    for (let id = 0; id < counts.length; id++) {
      const count = counts[id] ?? 0;
      if (count > 0) out.push({ value: this.values.values[id] ?? '', count });
    }
    return out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  }
}

/**
 * The distinct combinations of a product's single-valued facet values and
 * multi-valued facet masks. Products of one family share one: the demo
 * catalog of 50,000 products has a few hundred. Facets count hits per profile
 * (one load and one increment per hit) and then spread each profile's count
 * over its values.
 */
class FacetProfiles {
  private readonly ids = new Map<string, number>();
  readonly classes: number[] = [];
  readonly subclasses: number[] = [];
  readonly suppliers: number[] = [];
  readonly buckets: number[] = [];
  readonly subsidies: number[] = [];
  readonly areaMasks: number[] = [];
  readonly categoryMasks: number[] = [];

  intern(
    klass: number,
    subclass: number,
    supplier: number,
    bucket: number,
    subsidy: number,
    areaMask: number,
    categoryMask: number,
  ): number {
    const key = `${klass} ${subclass} ${supplier} ${bucket} ${subsidy} ${areaMask} ${categoryMask}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.classes.length;
      this.ids.set(key, id);
      this.classes.push(klass);
      this.subclasses.push(subclass);
      this.suppliers.push(supplier);
      this.buckets.push(bucket);
      this.subsidies.push(subsidy);
      this.areaMasks.push(areaMask);
      this.categoryMasks.push(categoryMask);
    }
    return id;
  }

  get size(): number {
    return this.classes.length;
  }
}

/** Per-value counters for one request's facets, indexed by the interned ids. */
class FacetCounts {
  readonly classes: Int32Array;
  readonly subclasses: Int32Array;
  readonly suppliers: Int32Array;
  readonly areas: Int32Array;
  readonly categories: Int32Array;
  readonly buckets = new Int32Array(priceBuckets.length);
  readonly rangeCounts: Int32Array;
  readonly rangeMin: Float64Array;
  readonly rangeMax: Float64Array;

  constructor(
    classes: number,
    subclasses: number,
    suppliers: number,
    areas: number,
    categories: number,
    attributes: number,
  ) {
    this.classes = new Int32Array(classes);
    this.subclasses = new Int32Array(subclasses);
    this.suppliers = new Int32Array(suppliers);
    this.areas = new Int32Array(areas);
    this.categories = new Int32Array(categories);
    this.rangeCounts = new Int32Array(attributes);
    this.rangeMin = new Float64Array(attributes).fill(Infinity);
    this.rangeMax = new Float64Array(attributes).fill(-Infinity);
  }
}

/** Filters of one request, resolved to the index's integer ids. */
interface CompiledFilter {
  readonly iso: { readonly level: 'class' | 'subclass' | 'division'; readonly id: number } | null;
  readonly isoPrefix: string | null;
  readonly functionAreas: { mask: number; extra: ReadonlySet<number> } | null;
  readonly disabilityCategories: { mask: number; extra: ReadonlySet<number> } | null;
  readonly suppliers: Uint8Array | null;
  readonly priceMin: number;
  readonly priceMax: number;
  readonly subsidy: number;
  readonly ranges: readonly { readonly attribute: number; readonly min: number; readonly max: number }[];
  readonly any: boolean;
}

const clampCount = (value: number): number =>
  Number.isFinite(value) && value > 0 ? Math.min(Math.floor(value), 1_000_000) : 0;

/**
 * The last two UTF-16 units of a string in one integer (the last alone for a
 * one-unit string, -1 for an empty one). When `text.endsWith(key)`, the code
 * of `text` masked by `endMask(key)` is the code of `key`: a cheap necessary
 * test before comparing strings.
 */
function endCode(text: string): number {
  const n = text.length;
  if (n === 0) return -1;
  if (n === 1) return text.charCodeAt(0);
  return (text.charCodeAt(n - 2) << 16) | text.charCodeAt(n - 1);
}

const endMask = (key: string): number => (key.length === 1 ? 0xffff : -1);

/** The first two UTF-16 units of a string in one integer; as `endCode`, for `startsWith`. */
function startCode(text: string): number {
  const n = text.length;
  if (n === 0) return -1;
  if (n === 1) return text.charCodeAt(0) << 16;
  return (text.charCodeAt(0) << 16) | text.charCodeAt(1);
}

const startMask = (key: string): number => (key.length === 1 ? -0x10000 : -1);

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** keys[i] = sign × column[hits[i]]; false when some key is NaN (selection needs a total order). */
function fillKeys(
  hits: Int32Array,
  total: number,
  column: Float64Array | Int32Array,
  sign: number,
  keys: Float64Array,
): boolean {
  let nan = false;
  for (let i = 0; i < total; i++) {
    const key = sign * (column[hits[i] ?? 0] ?? 0);
    if (Number.isNaN(key)) nan = true;
    keys[i] = key;
  }
  return !nan;
}

/**
 * The value that would be at index `m` were values[0, n) sorted ascending
 * (quickselect; reorders values). Median-of-three pivots and a partition that
 * stops on equal values keep sorted input and many ties linear; a pathological
 * input falls back to sorting what is left.
 */
function nthSmallest(values: Float64Array, n: number, m: number): number {
  let lo = 0;
  let hi = n - 1;
  for (let round = 0; hi > lo; round++) {
    if (round > 64) return values.subarray(lo, hi + 1).sort()[m - lo] ?? 0;
    const a = values[lo] ?? 0;
    const b = values[(lo + hi) >> 1] ?? 0;
    const c = values[hi] ?? 0;
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i++;
      while ((values[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const swap = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = swap;
        i++;
        j--;
      }
    }
    // Now values[lo, j] <= pivot <= values[i, hi], and anything between equals the pivot.
    if (m <= j) hi = j;
    else if (m >= i) lo = i;
    else return values[m] ?? 0;
  }
  return values[m] ?? 0;
}

/** Copies to `out` the hits whose key (sign × column value) is at least `threshold`; returns how many. */
function keysAtLeast(
  hits: Int32Array,
  total: number,
  column: Float64Array | Int32Array,
  sign: number,
  threshold: number,
  out: Int32Array,
): number {
  let count = 0;
  for (let i = 0; i < total; i++) {
    const slot = hits[i] ?? 0;
    if (sign * (column[slot] ?? 0) >= threshold) out[count++] = slot;
  }
  return count;
}

/** Writes the live slots of [0, slotCount) to `out` in order; returns how many. */
function liveSlots(alive: Uint8Array, slotCount: number, out: Int32Array): number {
  let count = 0;
  for (let slot = 0; slot < slotCount; slot++) if (alive[slot] === 1) out[count++] = slot;
  return count;
}

/** Writes the touched slots that matched every group to `out` in order; returns how many. */
function matching(
  touched: Int32Array,
  touchedCount: number,
  matchCount: Uint8Array,
  required: number,
  out: Int32Array,
): number {
  let count = 0;
  for (let t = 0; t < touchedCount; t++) {
    const slot = touched[t] ?? 0;
    if (matchCount[slot] === required) out[count++] = slot;
  }
  return count;
}

/*
 * In-place filters: each keeps, in order, the slots of list[0, n) that pass
 * and returns how many.
 */

function keepEqual(list: Int32Array, n: number, column: Int32Array | Uint8Array, value: number): number {
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const slot = list[i] ?? 0;
    if (column[slot] === value) list[kept++] = slot;
  }
  return kept;
}

function keepIsoPrefix(list: Int32Array, n: number, isoCodes: readonly string[], prefix: string): number {
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const slot = list[i] ?? 0;
    if ((isoCodes[slot] ?? '').startsWith(prefix)) list[kept++] = slot;
  }
  return kept;
}

/** Drops values below min or above max (a NaN is neither, and stays). */
function keepWithin(list: Int32Array, n: number, column: Float64Array, min: number, max: number): number {
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const slot = list[i] ?? 0;
    const value = column[slot] ?? 0;
    if (!(value < min || value > max)) list[kept++] = slot;
  }
  return kept;
}

function keepFlagged(list: Int32Array, n: number, column: Int32Array, flags: Uint8Array): number {
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const slot = list[i] ?? 0;
    if (flags[column[slot] ?? 0] === 1) list[kept++] = slot;
  }
  return kept;
}

/** Keeps the slots that have the attribute with a value in [min, max]. */
function keepAttributeWithin(
  list: Int32Array,
  n: number,
  starts: Int32Array,
  lengths: Int32Array,
  ids: Int32Array,
  values: Float64Array,
  range: { readonly attribute: number; readonly min: number; readonly max: number },
): number {
  const { attribute, min, max } = range;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const slot = list[i] ?? 0;
    const start = starts[slot] ?? 0;
    const end = start + (lengths[slot] ?? 0);
    let at = start;
    while (at < end && ids[at] !== attribute) at++;
    if (at === end) continue;
    const value = values[at] ?? Number.NaN;
    if (value >= min && value <= max) list[kept++] = slot;
  }
  return kept;
}

function markHits(hits: Int32Array, total: number, marks: Int32Array, stamp: number): void {
  for (let i = 0; i < total; i++) marks[hits[i] ?? 0] = stamp;
}

/** The first k slots of `order` marked with `stamp`, in order, in out[0, k). */
function takeMarked(
  order: readonly number[],
  marks: Int32Array,
  stamp: number,
  out: Int32Array,
  k: number,
): Int32Array {
  let count = 0;
  for (let i = 0; i < order.length && count < k; i++) {
    const slot = order[i] ?? 0;
    if (marks[slot] === stamp) out[count++] = slot;
  }
  return out.subarray(0, count);
}

/** The best k of source[0, n) by `compare` (best first = smallest), unordered. */
function heapSelect(
  source: Int32Array,
  n: number,
  k: number,
  compare: (a: number, b: number) => number,
): Int32Array {
  // Max-heap on `compare`: the root is the worst of the best k so far.
  const heap = new Int32Array(k);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const slot = source[i] ?? 0;
    if (size < k) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        const above = heap[parent] ?? 0;
        if (compare(above, slot) >= 0) break;
        heap[at] = above;
        at = parent;
      }
      heap[at] = slot;
    } else if (compare(slot, heap[0] ?? 0) < 0) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= size) break;
        const right = left + 1;
        let child = left;
        if (right < size && compare(heap[right] ?? 0, heap[left] ?? 0) > 0) child = right;
        const below = heap[child] ?? 0;
        if (compare(below, slot) <= 0) break;
        heap[at] = below;
        at = child;
      }
      heap[at] = slot;
    }
  }
  return heap;
}

/**
 * The in-memory product search index. Documents live in integer slots;
 * per-slot values sit in typed arrays so a query touches no objects per
 * document. Removal is lazy: a removed slot is marked dead, skipped by
 * scoring, and its postings are purged in batches (then the slot is reused).
 */
export class SearchIndex {
  private readonly vocab = new Vocabulary();
  private synonymTable: SynonymTable = buildSynonyms([]);
  private postings: number[][] = [];

  private readonly slotOfId = new Map<string, number>();
  private slotCount = 0;
  private capacity = 0;
  private liveCount = 0;
  private totalLength = 0;
  private freeSlots: number[] = [];
  private deadSlots: number[] = [];

  // Per-slot columns.
  private alive = new Uint8Array(0);
  private lengths = new Float32Array(0);
  private lengthNorm = new Float32Array(0);
  private classOf = new Int32Array(0);
  private subclassOf = new Int32Array(0);
  private divisionOf = new Int32Array(0);
  private supplierOf = new Int32Array(0);
  private priceOf = new Float64Array(0);
  private subsidyOf = new Uint8Array(0);
  /** The slot's FacetProfiles id. */
  private profileOf = new Int32Array(0);
  private publishedOf = new Float64Array(0);
  private nameRank = new Int32Array(0);
  /** 1 when the slot's place in `order` is current; cleared when the slot's product is removed. */
  private ranked = new Uint8Array(0);
  /** Live slots in name order as of the last rerank. */
  private order: number[] = [];
  /** Slots filled since the last rerank. */
  private unranked: number[] = [];
  private externalIds: string[] = [];
  private names: string[] = [];
  private namesEn: string[] = [];
  private nameKeys: string[] = [];
  private nameEnKeys: string[] = [];
  /** The last two and first two UTF-16 units of the name keys, packed (see `endCode`), to test a boost without the strings. */
  private nameEnds = new Int32Array(0);
  private nameEnEnds = new Int32Array(0);
  private nameEnStarts = new Int32Array(0);
  private sortNames: string[] = [];
  private isoCodes: string[] = [];
  private termIds: Int32Array[] = [];
  /**
   * Numeric attributes, in two parallel pools: a slot's entries are
   * attributeIds/attributeValues[attributeStart[slot], + attributeLength[slot]).
   * A slot's entries are written once, at the end; those of removed products
   * become garbage, dropped when the pools next fill up.
   */
  private attributeStart = new Int32Array(0);
  private attributeLength = new Int32Array(0);
  private attributeIds = new Int32Array(0);
  private attributeValues = new Float64Array(0);
  private attributeUsed = 0;
  private attributeGarbage = 0;

  // Facet dictionaries.
  private classes = new Interner();
  private subclasses = new Interner();
  private divisions = new Interner();
  private suppliers = new Interner();
  private supplierNames: string[] = [];
  private attributes = new Interner();
  private functionAreaFacet = new MultiFacet();
  private disabilityFacet = new MultiFacet();
  private profiles = new FacetProfiles();

  // Query scratch space, reused across queries; stamps avoid clearing it.
  private score = new Float64Array(0);
  private groupScore = new Float64Array(0);
  private groupStamp = new Int32Array(0);
  private queryStamp = new Int32Array(0);
  private hitStamp = new Int32Array(0);
  private matchCount = new Uint8Array(0);
  private touched = new Int32Array(0);
  private groupTouched = new Int32Array(0);
  private hits = new Int32Array(0);
  private stamp = 0;
  /** Top-k selection: the hits' sort keys, and the hits that may make the page. */
  private selectKeys = new Float64Array(0);
  private candidates = new Int32Array(0);
  /** Hits per facet profile; all zero between queries. */
  private profileCounts = new Int32Array(0);
  private profileTouched = new Int32Array(0);

  private ranksDirty = true;
  private normDirty = true;
  private readonly suggestionIndex = new SuggestionIndex();

  /** Number of products in the index. */
  get size(): number {
    return this.liveCount;
  }

  /** The indexed terms and their document frequencies (for tests and diagnostics). */
  get vocabulary(): Vocabulary {
    return this.vocab;
  }

  /** Replaces the synonym groups, e.g. [['拐杖', '手杖'], ['助听器', '耳背机']]. Applies to later queries. */
  setSynonyms(groups: readonly (readonly string[])[]): void {
    this.synonymTable = buildSynonyms(groups);
  }

  /** Empties the index (the synonyms stay). */
  clear(): void {
    this.vocab.clear();
    this.postings = [];
    this.slotOfId.clear();
    this.slotCount = 0;
    this.capacity = 0;
    this.liveCount = 0;
    this.totalLength = 0;
    this.freeSlots = [];
    this.deadSlots = [];
    this.alive = new Uint8Array(0);
    this.lengths = new Float32Array(0);
    this.lengthNorm = new Float32Array(0);
    this.classOf = new Int32Array(0);
    this.subclassOf = new Int32Array(0);
    this.divisionOf = new Int32Array(0);
    this.supplierOf = new Int32Array(0);
    this.priceOf = new Float64Array(0);
    this.subsidyOf = new Uint8Array(0);
    this.profileOf = new Int32Array(0);
    this.publishedOf = new Float64Array(0);
    this.nameRank = new Int32Array(0);
    this.ranked = new Uint8Array(0);
    this.order = [];
    this.unranked = [];
    this.externalIds = [];
    this.names = [];
    this.namesEn = [];
    this.nameKeys = [];
    this.nameEnKeys = [];
    this.nameEnds = new Int32Array(0);
    this.nameEnEnds = new Int32Array(0);
    this.nameEnStarts = new Int32Array(0);
    this.sortNames = [];
    this.isoCodes = [];
    this.termIds = [];
    this.attributeStart = new Int32Array(0);
    this.attributeLength = new Int32Array(0);
    this.attributeIds = new Int32Array(0);
    this.attributeValues = new Float64Array(0);
    this.attributeUsed = 0;
    this.attributeGarbage = 0;
    this.classes = new Interner();
    this.subclasses = new Interner();
    this.divisions = new Interner();
    this.suppliers = new Interner();
    this.supplierNames = [];
    this.attributes = new Interner();
    this.functionAreaFacet = new MultiFacet();
    this.disabilityFacet = new MultiFacet();
    this.profiles = new FacetProfiles();
    this.profileCounts = new Int32Array(0);
    this.profileTouched = new Int32Array(0);
    this.suggestionIndex.clear();
    this.changed();
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.min(maxSlots, Math.max(1024, this.capacity * 2, needed));
    this.alive = grown(this.alive, capacity, (n) => new Uint8Array(n));
    this.lengths = grown(this.lengths, capacity, (n) => new Float32Array(n));
    this.lengthNorm = grown(this.lengthNorm, capacity, (n) => new Float32Array(n));
    this.classOf = grown(this.classOf, capacity, (n) => new Int32Array(n));
    this.subclassOf = grown(this.subclassOf, capacity, (n) => new Int32Array(n));
    this.divisionOf = grown(this.divisionOf, capacity, (n) => new Int32Array(n));
    this.supplierOf = grown(this.supplierOf, capacity, (n) => new Int32Array(n));
    this.priceOf = grown(this.priceOf, capacity, (n) => new Float64Array(n));
    this.subsidyOf = grown(this.subsidyOf, capacity, (n) => new Uint8Array(n));
    this.profileOf = grown(this.profileOf, capacity, (n) => new Int32Array(n));
    this.nameEnds = grown(this.nameEnds, capacity, (n) => new Int32Array(n));
    this.nameEnEnds = grown(this.nameEnEnds, capacity, (n) => new Int32Array(n));
    this.nameEnStarts = grown(this.nameEnStarts, capacity, (n) => new Int32Array(n));
    this.publishedOf = grown(this.publishedOf, capacity, (n) => new Float64Array(n));
    this.nameRank = grown(this.nameRank, capacity, (n) => new Int32Array(n));
    this.ranked = grown(this.ranked, capacity, (n) => new Uint8Array(n));
    this.attributeStart = grown(this.attributeStart, capacity, (n) => new Int32Array(n));
    this.attributeLength = grown(this.attributeLength, capacity, (n) => new Int32Array(n));
    this.functionAreaFacet.grow(capacity);
    this.disabilityFacet.grow(capacity);
    // Scratch arrays hold no state between queries: fresh ones are fine.
    this.score = new Float64Array(capacity);
    this.groupScore = new Float64Array(capacity);
    this.groupStamp = new Int32Array(capacity);
    this.queryStamp = new Int32Array(capacity);
    this.hitStamp = new Int32Array(capacity);
    this.matchCount = new Uint8Array(capacity);
    this.touched = new Int32Array(capacity);
    this.groupTouched = new Int32Array(capacity);
    this.hits = new Int32Array(capacity);
    this.selectKeys = new Float64Array(capacity);
    this.candidates = new Int32Array(capacity);
    this.stamp = 0;
    this.capacity = capacity;
  }

  private allocateSlot(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    if (this.slotCount >= maxSlots) {
      this.compact();
      const freed = this.freeSlots.pop();
      if (freed !== undefined) return freed;
      throw new RangeError(`The search index holds at most ${maxSlots} products`);
    }
    this.ensureCapacity(this.slotCount + 1);
    return this.slotCount++;
  }

  /** Adds a product, or replaces the product with the same id. */
  upsert(doc: IndexedProduct): void {
    const existing = this.slotOfId.get(doc.id);
    if (existing !== undefined) this.removeSlot(existing);
    const slot = this.allocateSlot();

    const terms = documentTerms(doc.fields);
    const ids = new Int32Array(terms.size);
    let k = 0;
    let length = 0;
    for (const [term, weight] of terms) {
      const id = this.vocab.intern(term);
      if (id === this.postings.length) this.postings.push([]);
      const tf = Math.min(tfMask, Math.max(1, Math.round(weight * tfScale)));
      this.postings[id]?.push((slot << tfBits) | tf);
      this.vocab.adjustDf(id, 1);
      ids[k++] = id;
      length += tf / tfScale;
    }
    this.termIds[slot] = ids;
    this.lengths[slot] = length;
    this.totalLength += length;

    const iso = doc.isoCode.trim();
    this.isoCodes[slot] = iso;
    const klass = this.classes.intern(iso.slice(0, 2));
    const subclass = this.subclasses.intern(iso.slice(0, 4));
    this.classOf[slot] = klass;
    this.subclassOf[slot] = subclass;
    this.divisionOf[slot] = this.divisions.intern(iso.slice(0, 6));
    const supplier = this.suppliers.intern(doc.supplierId);
    this.supplierOf[slot] = supplier;
    this.supplierNames[supplier] = doc.supplierName;
    this.priceOf[slot] = doc.priceFen;
    const subsidy = doc.inSubsidyCatalog ? 1 : 0;
    this.subsidyOf[slot] = subsidy;
    this.publishedOf[slot] = doc.publishedAt;
    this.functionAreaFacet.set(slot, doc.functionAreas);
    this.disabilityFacet.set(slot, doc.disabilityCategories);
    this.profileOf[slot] = this.profiles.intern(
      klass,
      subclass,
      supplier,
      priceBucketOf(doc.priceFen),
      subsidy,
      this.functionAreaFacet.masks[slot] ?? 0,
      this.disabilityFacet.masks[slot] ?? 0,
    );

    const attributes = Object.entries(doc.attributes);
    this.ensureAttributeRoom(attributes.length);
    const attributeStart = this.attributeUsed;
    let attributeEnd = attributeStart;
    for (const [attribute, value] of attributes) {
      // Only numbers take part in range filters; text attributes are for display.
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      this.attributeIds[attributeEnd] = this.attributes.intern(attribute);
      this.attributeValues[attributeEnd] = value;
      attributeEnd++;
    }
    this.attributeStart[slot] = attributeStart;
    this.attributeLength[slot] = attributeEnd - attributeStart;
    this.attributeUsed = attributeEnd;

    this.externalIds[slot] = doc.id;
    this.names[slot] = doc.fields.name;
    this.namesEn[slot] = doc.fields.nameEn;
    // Names are kept without the model number, so "ends with" means the name's head noun.
    const withoutModel = (name: string) => (doc.fields.model ? name.split(doc.fields.model).join(' ') : name);
    this.nameKeys[slot] = compactKey(normalise(withoutModel(doc.fields.name)));
    this.nameEnKeys[slot] = compactKey(normalise(withoutModel(doc.fields.nameEn)));
    this.nameEnds[slot] = endCode(this.nameKeys[slot] ?? '');
    this.nameEnEnds[slot] = endCode(this.nameEnKeys[slot] ?? '');
    this.nameEnStarts[slot] = startCode(this.nameEnKeys[slot] ?? '');
    this.sortNames[slot] = doc.nameForSort;
    this.alive[slot] = 1;
    this.ranked[slot] = 0;
    this.unranked.push(slot);
    this.suggestionIndex.add(doc.fields.name);
    this.suggestionIndex.add(doc.fields.nameEn);
    this.slotOfId.set(doc.id, slot);
    this.liveCount++;
    this.changed();
  }

  /**
   * Makes room for `extra` more attribute entries: when the pools are full,
   * copies every slot's entries (dropping garbage) into pools twice the size
   * of what is kept.
   */
  private ensureAttributeRoom(extra: number): void {
    if (this.attributeUsed + extra <= this.attributeIds.length) return;
    const capacity = Math.max(1024, 2 * (this.attributeUsed - this.attributeGarbage + extra));
    const ids = new Int32Array(capacity);
    const values = new Float64Array(capacity);
    const { attributeStart, attributeLength, attributeIds, attributeValues } = this;
    let used = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      const length = attributeLength[slot] ?? 0;
      if (length === 0) continue;
      const start = attributeStart[slot] ?? 0;
      attributeStart[slot] = used;
      for (let e = start; e < start + length; e++) {
        ids[used] = attributeIds[e] ?? 0;
        values[used] = attributeValues[e] ?? 0;
        used++;
      }
    }
    this.attributeIds = ids;
    this.attributeValues = values;
    this.attributeUsed = used;
    this.attributeGarbage = 0;
  }

  /** Removes a product; returns false when it was not in the index. */
  remove(id: string): boolean {
    const slot = this.slotOfId.get(id);
    if (slot === undefined) return false;
    this.removeSlot(slot);
    this.changed();
    return true;
  }

  private changed(): void {
    this.ranksDirty = true;
    this.normDirty = true;
  }

  private removeSlot(slot: number): void {
    this.alive[slot] = 0;
    this.ranked[slot] = 0;
    this.suggestionIndex.remove(this.names[slot] ?? '');
    this.suggestionIndex.remove(this.namesEn[slot] ?? '');
    for (const id of this.termIds[slot] ?? noTerms) this.vocab.adjustDf(id, -1);
    this.totalLength -= this.lengths[slot] ?? 0;
    this.liveCount--;
    this.slotOfId.delete(this.externalIds[slot] ?? '');
    this.deadSlots.push(slot);
    // Purging postings costs a pass over every list a dead document was in;
    // batching makes that cost per removal small.
    if (this.deadSlots.length >= Math.max(1024, this.liveCount >> 3)) this.compact();
  }

  /** Drops the postings of removed documents and frees their slots for reuse. */
  private compact(): void {
    if (this.deadSlots.length === 0) return;
    const affected = new Set<number>();
    for (const slot of this.deadSlots) {
      for (const id of this.termIds[slot] ?? noTerms) affected.add(id);
    }
    const alive = this.alive;
    for (const id of affected) {
      const list = this.postings[id];
      if (!list) continue;
      let write = 0;
      for (let read = 0; read < list.length; read++) {
        const posting = list[read] ?? 0;
        if (alive[posting >>> tfBits] === 1) list[write++] = posting;
      }
      list.length = write;
    }
    for (const slot of this.deadSlots) {
      this.termIds[slot] = noTerms;
      this.attributeGarbage += this.attributeLength[slot] ?? 0;
      this.attributeLength[slot] = 0;
      this.freeSlots.push(slot);
    }
    this.deadSlots = [];
  }

  /** Brings derived per-slot data (name order, BM25 length norms) up to date after changes. */
  private prepare(): void {
    if (this.normDirty) {
      const average = this.liveCount > 0 ? this.totalLength / this.liveCount : 1;
      for (let slot = 0; slot < this.slotCount; slot++) {
        this.lengthNorm[slot] = k1 * (1 - bm25b + (bm25b * (this.lengths[slot] ?? 0)) / (average || 1));
      }
      this.normDirty = false;
    }
    if (this.ranksDirty) {
      this.rerank();
      this.ranksDirty = false;
    }
  }

  /**
   * Recomputes each live product's position in name order. After a few
   * edits the previous order is still valid for every untouched product, so
   * only the new ones are sorted and merged in (linear); a bulk load sorts
   * everything once.
   */
  private rerank(): void {
    const names = this.sortNames;
    const ids = this.externalIds;
    const compare = (a: number, b: number): number =>
      compareStrings(names[a] ?? '', names[b] ?? '') || compareStrings(ids[a] ?? '', ids[b] ?? '');
    const { alive, ranked } = this;
    const added = Array.from(new Set(this.unranked)).filter(
      (slot) => alive[slot] === 1 && ranked[slot] !== 1,
    );
    let order: number[];
    if (added.length * 8 > this.liveCount) {
      order = [];
      for (let slot = 0; slot < this.slotCount; slot++) if (alive[slot] === 1) order.push(slot);
      order.sort(compare);
    } else {
      added.sort(compare);
      order = [];
      let j = 0;
      for (const slot of this.order) {
        if (alive[slot] !== 1 || ranked[slot] !== 1) continue;
        while (j < added.length && compare(added[j] ?? 0, slot) < 0) order.push(added[j++] ?? 0);
        order.push(slot);
      }
      while (j < added.length) order.push(added[j++] ?? 0);
    }
    for (let i = 0; i < order.length; i++) {
      const slot = order[i] ?? 0;
      this.nameRank[slot] = i;
      ranked[slot] = 1;
    }
    this.order = order;
    this.unranked = [];
  }

  private compileFilter(request: SearchRequest): CompiledFilter | null {
    let iso: CompiledFilter['iso'] = null;
    let isoPrefix: string | null = null;
    const isoText = request.iso?.trim() ?? '';
    if (isoText.length > 0) {
      const level =
        isoText.length === 2
          ? 'class'
          : isoText.length === 4
            ? 'subclass'
            : isoText.length === 6
              ? 'division'
              : null;
      if (level === null) {
        isoPrefix = isoText;
      } else {
        const interner =
          level === 'class' ? this.classes : level === 'subclass' ? this.subclasses : this.divisions;
        const id = interner.idOf(isoText);
        if (id === undefined) return null;
        iso = { level, id };
      }
    }
    let functionAreas: CompiledFilter['functionAreas'] = null;
    if (request.functionAreas && request.functionAreas.length > 0) {
      functionAreas = this.functionAreaFacet.compile(request.functionAreas);
      if (!functionAreas) return null;
    }
    let disabilityCategories: CompiledFilter['disabilityCategories'] = null;
    if (request.disabilityCategories && request.disabilityCategories.length > 0) {
      disabilityCategories = this.disabilityFacet.compile(request.disabilityCategories);
      if (!disabilityCategories) return null;
    }
    let suppliers: Uint8Array | null = null;
    if (request.supplierIds && request.supplierIds.length > 0) {
      suppliers = new Uint8Array(this.suppliers.size);
      let known = false;
      for (const supplierId of request.supplierIds) {
        const id = this.suppliers.idOf(supplierId);
        if (id === undefined) continue;
        suppliers[id] = 1;
        known = true;
      }
      if (!known) return null;
    }
    const ranges: { attribute: number; min: number; max: number }[] = [];
    for (const [attributeId, range] of Object.entries(request.ranges ?? {})) {
      if (range.min === undefined && range.max === undefined) continue;
      const attribute = this.attributes.idOf(attributeId);
      if (attribute === undefined) return null;
      ranges.push({ attribute, min: range.min ?? -Infinity, max: range.max ?? Infinity });
    }
    const priceMin = request.priceMinFen ?? -Infinity;
    const priceMax = request.priceMaxFen ?? Infinity;
    const subsidy = request.inSubsidyCatalog === undefined ? -1 : request.inSubsidyCatalog ? 1 : 0;
    const any =
      iso !== null ||
      isoPrefix !== null ||
      functionAreas !== null ||
      disabilityCategories !== null ||
      suppliers !== null ||
      ranges.length > 0 ||
      priceMin > -Infinity ||
      priceMax < Infinity ||
      subsidy !== -1;
    return {
      iso,
      isoPrefix,
      functionAreas,
      disabilityCategories,
      suppliers,
      priceMin,
      priceMax,
      subsidy,
      ranges,
      any,
    };
  }

  /**
   * Keeps, in order, the slots of list[0, n) that pass the filter; returns
   * how many. Each condition is one tight loop over what the previous ones
   * kept.
   */
  private applyFilter(list: Int32Array, n: number, f: CompiledFilter): number {
    if (!f.any) return n;
    let kept = n;
    if (f.iso) {
      const column =
        f.iso.level === 'class'
          ? this.classOf
          : f.iso.level === 'subclass'
            ? this.subclassOf
            : this.divisionOf;
      kept = keepEqual(list, kept, column, f.iso.id);
    }
    if (f.isoPrefix !== null) kept = keepIsoPrefix(list, kept, this.isoCodes, f.isoPrefix);
    if (f.priceMin > -Infinity || f.priceMax < Infinity) {
      kept = keepWithin(list, kept, this.priceOf, f.priceMin, f.priceMax);
    }
    if (f.subsidy !== -1) kept = keepEqual(list, kept, this.subsidyOf, f.subsidy);
    if (f.suppliers) kept = keepFlagged(list, kept, this.supplierOf, f.suppliers);
    if (f.functionAreas) kept = this.functionAreaFacet.keep(list, kept, f.functionAreas);
    if (f.disabilityCategories) kept = this.disabilityFacet.keep(list, kept, f.disabilityCategories);
    for (const range of f.ranges) {
      kept = keepAttributeWithin(
        list,
        kept,
        this.attributeStart,
        this.attributeLength,
        this.attributeIds,
        this.attributeValues,
        range,
      );
    }
    return kept;
  }

  private nextStamp(): number {
    if (this.stamp >= 0x7ffffff0) {
      this.stamp = 0;
      this.groupStamp.fill(0);
      this.queryStamp.fill(0);
      this.hitStamp.fill(0);
    }
    return ++this.stamp;
  }

  /**
   * BM25 over the query groups. A document's score for a group is its best
   * alternative (so 轮椅 matched as a word and as a bigram is not counted
   * twice); group scores add up. Returns how many documents matched any group.
   */
  private scoreGroups(groups: readonly QueryGroup[]): number {
    const queryStamp = this.nextStamp();
    const n = this.liveCount;
    const { alive, lengthNorm, groupStamp, groupScore, score, matchCount, touched, groupTouched } = this;
    const scale = 1 / tfScale;
    let touchedCount = 0;
    for (const group of groups) {
      const currentGroup = this.nextStamp();
      let groupCount = 0;
      for (const alternative of group.alternatives) {
        const id = this.vocab.idOf(alternative.term);
        if (id === undefined) continue;
        const df = this.vocab.dfOf(id);
        const list = this.postings[id];
        if (df <= 0 || !list) continue;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const weight = group.weight * alternative.weight * idf * (k1 + 1);
        for (let p = 0; p < list.length; p++) {
          const posting: number = list[p] ?? 0;
          const slot = posting >>> tfBits;
          if (alive[slot] !== 1) continue;
          const tf = (posting & tfMask) * scale;
          const s = (weight * tf) / (tf + (lengthNorm[slot] ?? k1));
          if (groupStamp[slot] !== currentGroup) {
            groupStamp[slot] = currentGroup;
            groupScore[slot] = s;
            groupTouched[groupCount++] = slot;
          } else if (s > (groupScore[slot] ?? 0)) {
            groupScore[slot] = s;
          }
        }
      }
      for (let t = 0; t < groupCount; t++) {
        const slot = groupTouched[t] ?? 0;
        if (queryStamp !== this.queryStamp[slot]) {
          this.queryStamp[slot] = queryStamp;
          score[slot] = 0;
          matchCount[slot] = 0;
          touched[touchedCount++] = slot;
        }
        score[slot] = (score[slot] ?? 0) + (groupScore[slot] ?? 0);
        matchCount[slot] = (matchCount[slot] ?? 0) + 1;
      }
    }
    return touchedCount;
  }

  search(request: SearchRequest): SearchResult {
    this.prepare();
    const offset = clampCount(request.offset);
    const limit = clampCount(request.limit);
    const filter = this.compileFilter(request);
    // A search box query longer than this is a paste, not a search; the rest would add nothing but cost.
    const q = (request.q ?? '').slice(0, maxQueryLength).trim();
    const parsed = q.length > 0 ? parseQuery(q, this.vocab, this.synonymTable) : null;
    const corrections = parsed ? [...parsed.corrections] : [];
    const groups = parsed ? parsed.groups.slice(0, maxGroups) : [];
    if (filter === null) return { ids: [], total: 0, facets: this.facets(0), corrections, mode: 'all' };

    const hits = this.hits;
    let total = 0;
    let mode: 'all' | 'any' = 'all';
    const ranked = groups.length > 0;
    if (!ranked) {
      // No query (or only stop words): every product, in the requested order.
      total = this.applyFilter(hits, liveSlots(this.alive, this.slotCount, hits), filter);
    } else {
      const touchedCount = this.scoreGroups(groups);
      const required = groups.length;
      total = this.applyFilter(
        hits,
        matching(this.touched, touchedCount, this.matchCount, required, hits),
        filter,
      );
      if (total === 0 && required > 1) {
        mode = 'any';
        hits.set(this.touched.subarray(0, touchedCount));
        total = this.applyFilter(hits, touchedCount, filter);
      }
      // Scores order only a relevance sort.
      if ((request.sort ?? 'relevance') === 'relevance') this.boostNames(parsed?.key ?? '', total);
    }

    const facets = this.facets(total);
    const ids = this.page(total, offset, limit, request.sort ?? 'relevance', ranked, mode);
    return { ids, total, facets, corrections, mode };
  }

  /**
   * A product named exactly what was typed is what the user wants; one whose
   * name ends with it, likely. Most hits' names cannot end (or start) with
   * the key, which the packed end and start codes tell without the strings.
   */
  private boostNames(key: string, total: number): void {
    if (key.length === 0) return;
    const latin = /^[a-z0-9]+$/.test(key);
    const { hits, nameEnds, nameEnEnds, nameEnStarts, nameKeys, nameEnKeys, score } = this;
    const keyEnd = endCode(key);
    const ends = endMask(key);
    // A start code never equals NaN: with a non-latin key the start test always fails.
    const keyStart = latin ? startCode(key) : Number.NaN;
    const starts = startMask(key);
    for (let i = 0; i < total; i++) {
      const slot = hits[i] ?? 0;
      if (
        ((nameEnds[slot] ?? 0) & ends) !== keyEnd &&
        ((nameEnEnds[slot] ?? 0) & ends) !== keyEnd &&
        ((nameEnStarts[slot] ?? 0) & starts) !== keyStart
      ) {
        continue;
      }
      const name = nameKeys[slot] ?? '';
      const nameEn = nameEnKeys[slot] ?? '';
      let boost = 1;
      if (name === key || nameEn === key) boost = exactNameBoost;
      else if (name.endsWith(key) || nameEn.endsWith(key)) boost = nameHeadBoost;
      else if (latin && nameEn.startsWith(key)) boost = namePrefixBoost;
      if (boost !== 1) score[slot] = (score[slot] ?? 0) * boost;
    }
  }

  private comparator(
    sort: SearchSort,
    ranked: boolean,
    mode: 'all' | 'any',
  ): (a: number, b: number) => number {
    const { nameRank, priceOf, publishedOf, score, matchCount } = this;
    const byName = (a: number, b: number): number => (nameRank[a] ?? 0) - (nameRank[b] ?? 0);
    switch (sort) {
      case 'price_asc':
        return (a, b) => (priceOf[a] ?? 0) - (priceOf[b] ?? 0) || byName(a, b);
      case 'price_desc':
        return (a, b) => (priceOf[b] ?? 0) - (priceOf[a] ?? 0) || byName(a, b);
      case 'newest':
        return (a, b) => (publishedOf[b] ?? 0) - (publishedOf[a] ?? 0) || byName(a, b);
      case 'name':
        return byName;
      case 'relevance':
        if (!ranked) return byName;
        if (mode === 'any') {
          return (a, b) =>
            (matchCount[b] ?? 0) - (matchCount[a] ?? 0) || (score[b] ?? 0) - (score[a] ?? 0) || byName(a, b);
        }
        return (a, b) => (score[b] ?? 0) - (score[a] ?? 0) || byName(a, b);
    }
  }

  /**
   * The requested page in order. Only offset + limit results are ever
   * ordered: when the order's first criterion is one number per hit (score,
   * price, date, name rank), the k-th best value is found by selection and
   * only the hits at least that good are sorted; otherwise a bounded heap
   * keeps the best k. A deep page falls back to sorting all hits.
   */
  private page(
    total: number,
    offset: number,
    limit: number,
    sort: SearchSort,
    ranked: boolean,
    mode: 'all' | 'any',
  ): string[] {
    const k = Math.min(total, offset + limit);
    if (limit === 0 || offset >= total) return [];
    const compare = this.comparator(sort, ranked, mode);
    let ordered: Int32Array;
    const byName = sort === 'name' || (sort === 'relevance' && !ranked);
    if (k * 4 >= total) {
      ordered = this.hits.subarray(0, total).sort(compare);
    } else if (byName && total * 16 >= this.liveCount) {
      ordered = this.firstInNameOrder(total, k);
    } else {
      const key = this.sortKey(sort, ranked, mode);
      const count = key ? this.candidatesByKey(total, k, key.column, key.sign) : -1;
      if (count < 0) ordered = heapSelect(this.hits, total, k, compare).sort(compare);
      else if (k * 4 >= count) ordered = this.candidates.subarray(0, count).sort(compare);
      else ordered = heapSelect(this.candidates, count, k, compare).sort(compare);
    }
    const ids: string[] = [];
    for (let i = offset; i < k; i++) ids.push(this.externalIds[ordered[i] ?? 0] ?? '');
    return ids;
  }

  /**
   * The first k hits in name order, found by walking the catalog's name
   * order: for a large share of the catalog, a few steps per result.
   */
  private firstInNameOrder(total: number, k: number): Int32Array {
    const stamp = this.nextStamp();
    markHits(this.hits, total, this.hitStamp, stamp);
    return takeMarked(this.order, this.hitStamp, stamp, this.candidates, k);
  }

  /**
   * The column whose value, times `sign`, ranks hits best first as the
   * comparator's first criterion does (ties then go by name); null when the
   * order has no such single number (matched words, then score).
   */
  private sortKey(
    sort: SearchSort,
    ranked: boolean,
    mode: 'all' | 'any',
  ): { column: Float64Array | Int32Array; sign: number } | null {
    switch (sort) {
      case 'price_asc':
        return { column: this.priceOf, sign: -1 };
      case 'price_desc':
        return { column: this.priceOf, sign: 1 };
      case 'newest':
        return { column: this.publishedOf, sign: 1 };
      case 'name':
        return { column: this.nameRank, sign: -1 };
      case 'relevance':
        if (!ranked) return { column: this.nameRank, sign: -1 };
        return mode === 'all' ? { column: this.score, sign: 1 } : null;
    }
  }

  /**
   * Puts in `candidates` the hits whose key is at least the k-th largest key
   * (so every hit of the first k, and any tied with the k-th); returns how
   * many, or -1 when a key is not a number.
   */
  private candidatesByKey(total: number, k: number, column: Float64Array | Int32Array, sign: number): number {
    const keys = this.selectKeys;
    if (!fillKeys(this.hits, total, column, sign, keys)) return -1;
    const threshold = nthSmallest(keys, total, total - k);
    return keysAtLeast(this.hits, total, column, sign, threshold, this.candidates);
  }

  /**
   * Hits per facet profile, listing each profile on its first hit in
   * `profileTouched`; returns how many profiles were touched. Like the other
   * counting loops, kept apart so that nothing follows the loop: V8 compiles
   * a long-running loop on the fly (on-stack replacement), and a property
   * access after it that had no type feedback yet sends every later call
   * back to the interpreter.
   */
  private countProfiles(total: number): number {
    const { hits, profileOf, profileCounts, profileTouched } = this;
    let touched = 0;
    for (let i = 0; i < total; i++) {
      const profile = profileOf[hits[i] ?? 0] ?? 0;
      const seen = profileCounts[profile] ?? 0;
      if (seen === 0) profileTouched[touched++] = profile;
      profileCounts[profile] = seen + 1;
    }
    return touched;
  }

  /** Numeric attribute ranges over the hits. */
  private countAttributes(total: number, counts: FacetCounts): void {
    const { rangeCounts, rangeMin, rangeMax } = counts;
    const { hits, attributeStart, attributeLength, attributeIds, attributeValues } = this;
    for (let i = 0; i < total; i++) {
      const slot = hits[i] ?? 0;
      const length = attributeLength[slot] ?? 0;
      if (length === 0) continue;
      const first = attributeStart[slot] ?? 0;
      const last = first + length;
      for (let a = first; a < last; a++) {
        const attribute = attributeIds[a] ?? 0;
        const value = attributeValues[a] ?? 0;
        rangeCounts[attribute] = (rangeCounts[attribute] ?? 0) + 1;
        if (value < (rangeMin[attribute] ?? Infinity)) rangeMin[attribute] = value;
        if (value > (rangeMax[attribute] ?? -Infinity)) rangeMax[attribute] = value;
      }
    }
  }

  /** Spreads the counts of the touched profiles over their values, and zeroes them for the next query. */
  private spreadProfiles(touched: number, counts: FacetCounts): number {
    const { profileCounts, profileTouched, profiles } = this;
    const { classes, subclasses, suppliers, buckets, areas, categories } = counts;
    let subsidised = 0;
    for (let t = 0; t < touched; t++) {
      const profile = profileTouched[t] ?? 0;
      const count = profileCounts[profile] ?? 0;
      profileCounts[profile] = 0;
      const c = profiles.classes[profile] ?? 0;
      classes[c] = (classes[c] ?? 0) + count;
      const s = profiles.subclasses[profile] ?? 0;
      subclasses[s] = (subclasses[s] ?? 0) + count;
      const supplier = profiles.suppliers[profile] ?? 0;
      suppliers[supplier] = (suppliers[supplier] ?? 0) + count;
      const bucket = profiles.buckets[profile] ?? 0;
      buckets[bucket] = (buckets[bucket] ?? 0) + count;
      subsidised += (profiles.subsidies[profile] ?? 0) * count;
      // `^=` keeps a mask with bit 31 set a 32-bit integer.
      let areaMask = profiles.areaMasks[profile] ?? 0;
      while (areaMask !== 0) {
        const bit = 31 - Math.clz32(areaMask);
        areas[bit] = (areas[bit] ?? 0) + count;
        areaMask ^= 1 << bit;
      }
      let categoryMask = profiles.categoryMasks[profile] ?? 0;
      while (categoryMask !== 0) {
        const bit = 31 - Math.clz32(categoryMask);
        categories[bit] = (categories[bit] ?? 0) + count;
        categoryMask ^= 1 << bit;
      }
    }
    return subsidised;
  }

  /**
   * Facet counts over the first `total` hits: one pass over small integers in
   * typed arrays, counting into typed arrays; objects are made only for the
   * values that occur.
   */
  private facets(total: number): SearchFacets {
    const counts = new FacetCounts(
      this.classes.size,
      this.subclasses.size,
      this.suppliers.size,
      this.functionAreaFacet.values.size,
      this.disabilityFacet.values.size,
      this.attributes.size,
    );
    if (this.profileCounts.length < this.profiles.size) {
      const size = Math.max(256, this.profiles.size * 2);
      this.profileCounts = new Int32Array(size);
      this.profileTouched = new Int32Array(size);
    }
    const touched = this.countProfiles(total);
    const subsidised = this.spreadProfiles(touched, counts);
    this.countAttributes(total, counts);
    if (this.functionAreaFacet.hasOverflow)
      this.functionAreaFacet.countOverflow(this.hits, total, counts.areas);
    if (this.disabilityFacet.hasOverflow) {
      this.disabilityFacet.countOverflow(this.hits, total, counts.categories);
    }
    const {
      classes: classCounts,
      subclasses: subclassCounts,
      suppliers: supplierCounts,
      areas: areaCounts,
      categories: categoryCounts,
      buckets: bucketCounts,
      rangeCounts,
      rangeMin,
      rangeMax,
    } = counts;
    const attributeCount = rangeCounts.length;
    const codes = (interner: Interner, counts: Int32Array): CodeCount[] => {
      const out: CodeCount[] = [];
      for (let id = 0; id < counts.length; id++) {
        const count = counts[id] ?? 0;
        if (count > 0) out.push({ code: interner.values[id] ?? '', count });
      }
      return out.sort((a, b) => compareStrings(a.code, b.code));
    };
    const suppliers: SupplierCount[] = [];
    for (let id = 0; id < supplierCounts.length; id++) {
      const count = supplierCounts[id] ?? 0;
      if (count > 0) {
        suppliers.push({ id: this.suppliers.values[id] ?? '', name: this.supplierNames[id] ?? '', count });
      }
    }
    suppliers.sort(
      (a, b) => b.count - a.count || compareStrings(a.name, b.name) || compareStrings(a.id, b.id),
    );
    const ranges: RangeFacet[] = [];
    for (let id = 0; id < attributeCount; id++) {
      const count = rangeCounts[id] ?? 0;
      if (count > 0) {
        ranges.push({
          attributeId: this.attributes.values[id] ?? '',
          min: rangeMin[id] ?? 0,
          max: rangeMax[id] ?? 0,
          count,
        });
      }
    }
    ranges.sort((a, b) => compareStrings(a.attributeId, b.attributeId));
    return {
      classes: codes(this.classes, classCounts),
      subclasses: codes(this.subclasses, subclassCounts),
      functionAreas: this.functionAreaFacet.facet(areaCounts),
      disabilityCategories: this.disabilityFacet.facet(categoryCounts),
      suppliers,
      priceBuckets: priceBuckets.map((bucket, i) => ({ ...bucket, count: bucketCounts[i] ?? 0 })),
      inSubsidyCatalog: { true: subsidised, false: total - subsidised },
      ranges,
    };
  }

  /**
   * Product names and dictionary words whose text, full pinyin or pinyin
   * initials start with `prefix`, for search-as-you-type, best first.
   */
  suggest(prefix: string, limit = 8): string[] {
    return this.suggestionIndex.suggest(prefix, limit, (word) => this.vocab.df(`w:${word}`));
  }
}
