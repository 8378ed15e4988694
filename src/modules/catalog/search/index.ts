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

  matches(slot: number, test: { mask: number; extra: ReadonlySet<number> }): boolean {
    if (((this.masks[slot] ?? 0) & test.mask) !== 0) return true;
    if (test.extra.size === 0) return false;
    return (this.overflow[slot] ?? []).some((id) => test.extra.has(id));
  }

  count(slot: number, counts: Int32Array): void {
    let mask = this.masks[slot] ?? 0;
    while (mask !== 0) {
      const bit = 31 - Math.clz32(mask);
      counts[bit] = (counts[bit] ?? 0) + 1;
      mask &= ~(1 << bit);
    }
    for (const id of this.overflow[slot] ?? []) counts[id] = (counts[id] ?? 0) + 1;
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

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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
  private bucketOf = new Uint8Array(0);
  private subsidyOf = new Uint8Array(0);
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
  private sortNames: string[] = [];
  private isoCodes: string[] = [];
  private termIds: Int32Array[] = [];
  private attributeIds: (number[] | undefined)[] = [];
  private attributeValues: (number[] | undefined)[] = [];

  // Facet dictionaries.
  private classes = new Interner();
  private subclasses = new Interner();
  private divisions = new Interner();
  private suppliers = new Interner();
  private supplierNames: string[] = [];
  private attributes = new Interner();
  private functionAreaFacet = new MultiFacet();
  private disabilityFacet = new MultiFacet();

  // Query scratch space, reused across queries; stamps avoid clearing it.
  private score = new Float64Array(0);
  private groupScore = new Float64Array(0);
  private groupStamp = new Int32Array(0);
  private queryStamp = new Int32Array(0);
  private matchCount = new Uint8Array(0);
  private touched = new Int32Array(0);
  private groupTouched = new Int32Array(0);
  private hits = new Int32Array(0);
  private stamp = 0;

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
    this.bucketOf = new Uint8Array(0);
    this.subsidyOf = new Uint8Array(0);
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
    this.sortNames = [];
    this.isoCodes = [];
    this.termIds = [];
    this.attributeIds = [];
    this.attributeValues = [];
    this.classes = new Interner();
    this.subclasses = new Interner();
    this.divisions = new Interner();
    this.suppliers = new Interner();
    this.supplierNames = [];
    this.attributes = new Interner();
    this.functionAreaFacet = new MultiFacet();
    this.disabilityFacet = new MultiFacet();
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
    this.bucketOf = grown(this.bucketOf, capacity, (n) => new Uint8Array(n));
    this.subsidyOf = grown(this.subsidyOf, capacity, (n) => new Uint8Array(n));
    this.publishedOf = grown(this.publishedOf, capacity, (n) => new Float64Array(n));
    this.nameRank = grown(this.nameRank, capacity, (n) => new Int32Array(n));
    this.ranked = grown(this.ranked, capacity, (n) => new Uint8Array(n));
    this.functionAreaFacet.grow(capacity);
    this.disabilityFacet.grow(capacity);
    // Scratch arrays hold no state between queries: fresh ones are fine.
    this.score = new Float64Array(capacity);
    this.groupScore = new Float64Array(capacity);
    this.groupStamp = new Int32Array(capacity);
    this.queryStamp = new Int32Array(capacity);
    this.matchCount = new Uint8Array(capacity);
    this.touched = new Int32Array(capacity);
    this.groupTouched = new Int32Array(capacity);
    this.hits = new Int32Array(capacity);
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
    this.classOf[slot] = this.classes.intern(iso.slice(0, 2));
    this.subclassOf[slot] = this.subclasses.intern(iso.slice(0, 4));
    this.divisionOf[slot] = this.divisions.intern(iso.slice(0, 6));
    const supplier = this.suppliers.intern(doc.supplierId);
    this.supplierOf[slot] = supplier;
    this.supplierNames[supplier] = doc.supplierName;
    this.priceOf[slot] = doc.priceFen;
    this.bucketOf[slot] = priceBucketOf(doc.priceFen);
    this.subsidyOf[slot] = doc.inSubsidyCatalog ? 1 : 0;
    this.publishedOf[slot] = doc.publishedAt;
    this.functionAreaFacet.set(slot, doc.functionAreas);
    this.disabilityFacet.set(slot, doc.disabilityCategories);

    const attributeIds: number[] = [];
    const attributeValues: number[] = [];
    for (const [attribute, value] of Object.entries(doc.attributes)) {
      // Only numbers take part in range filters; text attributes are for display.
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      attributeIds.push(this.attributes.intern(attribute));
      attributeValues.push(value);
    }
    // Most products have no numeric attribute: keep no empty arrays for them.
    this.attributeIds[slot] = attributeIds.length > 0 ? attributeIds : undefined;
    this.attributeValues[slot] = attributeValues.length > 0 ? attributeValues : undefined;

    this.externalIds[slot] = doc.id;
    this.names[slot] = doc.fields.name;
    this.namesEn[slot] = doc.fields.nameEn;
    // Names are kept without the model number, so "ends with" means the name's head noun.
    const withoutModel = (name: string) => (doc.fields.model ? name.split(doc.fields.model).join(' ') : name);
    this.nameKeys[slot] = compactKey(normalise(withoutModel(doc.fields.name)));
    this.nameEnKeys[slot] = compactKey(normalise(withoutModel(doc.fields.nameEn)));
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
      this.attributeIds[slot] = undefined;
      this.attributeValues[slot] = undefined;
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

  private passes(slot: number, f: CompiledFilter): boolean {
    if (!f.any) return true;
    if (f.iso) {
      const column =
        f.iso.level === 'class'
          ? this.classOf
          : f.iso.level === 'subclass'
            ? this.subclassOf
            : this.divisionOf;
      if (column[slot] !== f.iso.id) return false;
    }
    if (f.isoPrefix !== null && !(this.isoCodes[slot] ?? '').startsWith(f.isoPrefix)) return false;
    const price = this.priceOf[slot] ?? 0;
    if (price < f.priceMin || price > f.priceMax) return false;
    if (f.subsidy !== -1 && this.subsidyOf[slot] !== f.subsidy) return false;
    if (f.suppliers && f.suppliers[this.supplierOf[slot] ?? 0] !== 1) return false;
    if (f.functionAreas && !this.functionAreaFacet.matches(slot, f.functionAreas)) return false;
    if (f.disabilityCategories && !this.disabilityFacet.matches(slot, f.disabilityCategories)) return false;
    if (f.ranges.length > 0) {
      const ids = this.attributeIds[slot];
      const values = this.attributeValues[slot];
      if (!ids || !values) return false;
      for (const range of f.ranges) {
        const at = ids.indexOf(range.attribute);
        if (at < 0) return false;
        const value = values[at] ?? Number.NaN;
        if (!(value >= range.min && value <= range.max)) return false;
      }
    }
    return true;
  }

  private nextStamp(): number {
    if (this.stamp >= 0x7ffffff0) {
      this.stamp = 0;
      this.groupStamp.fill(0);
      this.queryStamp.fill(0);
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
      for (let slot = 0; slot < this.slotCount; slot++) {
        if (this.alive[slot] === 1 && this.passes(slot, filter)) hits[total++] = slot;
      }
    } else {
      const touchedCount = this.scoreGroups(groups);
      const required = groups.length;
      for (let t = 0; t < touchedCount; t++) {
        const slot = this.touched[t] ?? 0;
        if (this.matchCount[slot] === required && this.passes(slot, filter)) hits[total++] = slot;
      }
      if (total === 0 && required > 1) {
        mode = 'any';
        for (let t = 0; t < touchedCount; t++) {
          const slot = this.touched[t] ?? 0;
          if (this.passes(slot, filter)) hits[total++] = slot;
        }
      }
      this.boostNames(parsed?.key ?? '', total);
    }

    const facets = this.facets(total);
    const ids = this.page(total, offset, limit, request.sort ?? 'relevance', ranked, mode);
    return { ids, total, facets, corrections, mode };
  }

  /** A product named exactly what was typed is what the user wants; one whose name ends with it, likely. */
  private boostNames(key: string, total: number): void {
    if (key.length === 0) return;
    const latin = /^[a-z0-9]+$/.test(key);
    for (let i = 0; i < total; i++) {
      const slot = this.hits[i] ?? 0;
      const name = this.nameKeys[slot] ?? '';
      const nameEn = this.nameEnKeys[slot] ?? '';
      let boost = 1;
      if (name === key || nameEn === key) boost = exactNameBoost;
      else if (name.endsWith(key) || nameEn.endsWith(key)) boost = nameHeadBoost;
      else if (latin && nameEn.startsWith(key)) boost = namePrefixBoost;
      if (boost !== 1) this.score[slot] = (this.score[slot] ?? 0) * boost;
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
   * ordered: a bounded heap keeps the best k of the hits, which for a deep
   * page falls back to sorting them all.
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
    let ordered: ArrayLike<number>;
    if (k * 4 >= total) {
      ordered = this.hits.subarray(0, total).sort(compare);
    } else {
      // Max-heap on `compare`: the root is the worst of the best k so far.
      const heap = new Int32Array(k);
      let size = 0;
      for (let i = 0; i < total; i++) {
        const slot = this.hits[i] ?? 0;
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
      ordered = heap.sort(compare);
    }
    const ids: string[] = [];
    for (let i = offset; i < k; i++) ids.push(this.externalIds[ordered[i] ?? 0] ?? '');
    return ids;
  }

  /** Facet counts over the first `total` hits. */
  private facets(total: number): SearchFacets {
    const classCounts = new Int32Array(this.classes.size);
    const subclassCounts = new Int32Array(this.subclasses.size);
    const supplierCounts = new Int32Array(this.suppliers.size);
    const areaCounts = new Int32Array(this.functionAreaFacet.values.size);
    const categoryCounts = new Int32Array(this.disabilityFacet.values.size);
    const bucketCounts = new Int32Array(priceBuckets.length);
    const attributeCount = this.attributes.size;
    const rangeCounts = new Int32Array(attributeCount);
    const rangeMin = new Float64Array(attributeCount).fill(Infinity);
    const rangeMax = new Float64Array(attributeCount).fill(-Infinity);
    let subsidised = 0;
    const { hits, classOf, subclassOf, supplierOf, bucketOf, subsidyOf } = this;
    for (let i = 0; i < total; i++) {
      const slot = hits[i] ?? 0;
      const c = classOf[slot] ?? 0;
      classCounts[c] = (classCounts[c] ?? 0) + 1;
      const s = subclassOf[slot] ?? 0;
      subclassCounts[s] = (subclassCounts[s] ?? 0) + 1;
      const supplier = supplierOf[slot] ?? 0;
      supplierCounts[supplier] = (supplierCounts[supplier] ?? 0) + 1;
      const bucket = bucketOf[slot] ?? 0;
      bucketCounts[bucket] = (bucketCounts[bucket] ?? 0) + 1;
      subsidised += subsidyOf[slot] ?? 0;
      this.functionAreaFacet.count(slot, areaCounts);
      this.disabilityFacet.count(slot, categoryCounts);
      const ids = this.attributeIds[slot];
      const values = this.attributeValues[slot];
      if (ids && values) {
        for (let a = 0; a < ids.length; a++) {
          const attribute = ids[a] ?? 0;
          const value = values[a] ?? 0;
          rangeCounts[attribute] = (rangeCounts[attribute] ?? 0) + 1;
          if (value < (rangeMin[attribute] ?? Infinity)) rangeMin[attribute] = value;
          if (value > (rangeMax[attribute] ?? -Infinity)) rangeMax[attribute] = value;
        }
      }
    }
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
