import { type Db, sql } from '../../platform/db/index.ts';
import { currentClassificationVersion, listClassificationNodes } from './classificationRepo.ts';
import type { FunctionArea } from './domain/product.ts';
import { catalogRevision, type PublishedProduct, publishedChanges } from './productsRepo.ts';
import { SearchIndex, type SearchRequest, type SearchResult } from './search/index.ts';
import { pinyinOf } from './search/terms.ts';

/** What a result list shows of a product, kept beside the index so a search needs no query. */
export interface ProductSummary {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly model: string;
  readonly isoCode: string;
  readonly supplierId: string;
  readonly supplierNameZh: string;
  readonly supplierNameEn: string;
  readonly priceFen: number;
  readonly functionAreas: readonly FunctionArea[];
  readonly disabilityCategories: readonly string[];
  readonly inSubsidyCatalog: boolean;
  readonly isDemo: boolean;
}

export type CatalogSearchResult = SearchResult & { items: ProductSummary[]; cached: boolean };

/** Answers kept for repeated questions; any change to the catalog or its synonyms empties it. */
const resultCacheSize = 1000;

/** How often a process asks the database whether the catalog changed elsewhere. */
const freshnessMs = 1000;
const loadPage = 2000;

/**
 * The public catalog's search, held in memory by each app process: 50,000
 * products fit in tens of megabytes, and an in-memory index answers with
 * facets in about a millisecond, where the same query on one embedded
 * PostgreSQL connection queues behind every other request. The database stays
 * the record: the index follows it by catalog revision (see productsRepo.ts),
 * so several processes agree within a second.
 */
export class CatalogSearch {
  private readonly index = new SearchIndex();
  private readonly summaries = new Map<string, ProductSummary>();
  private revision = 0;
  private checkedAt = 0;
  private syncing: Promise<void> | null = null;
  private readonly classTitles = new Map<string, { zh: string; en: string }>();
  private synonymsLoaded = false;
  private readonly results = new Map<string, Omit<CatalogSearchResult, 'cached'>>();
  private resultsGeneration = 0;

  constructor(private readonly db: Db) {}

  /**
   * Makes the next search look for changes at once (after this process changed
   * the catalog). A classification change re-indexes everything, since every
   * product is found by its class titles too.
   */
  invalidate(options: { classification?: boolean } = {}): void {
    this.checkedAt = 0;
    this.synonymsLoaded = false;
    if (options.classification) {
      this.classTitles.clear();
      this.index.clear();
      this.summaries.clear();
      this.revision = 0;
    }
  }

  /** Changes whenever cached answers are dropped: anything derived from an answer is stale after it. */
  get generation(): number {
    return this.resultsGeneration;
  }

  private clearResults(): void {
    this.results.clear();
    this.resultsGeneration++;
  }

  get size(): number {
    return this.index.size;
  }

  async search(request: SearchRequest): Promise<CatalogSearchResult> {
    await this.fresh();
    // The same question asked again (a popular word, the next visitor) costs a lookup.
    const key = JSON.stringify(request);
    const cached = this.results.get(key);
    if (cached) {
      this.results.delete(key);
      this.results.set(key, cached);
      return { ...cached, cached: true };
    }
    const result = this.index.search(request);
    const answer = { ...result, items: result.ids.map((id) => this.summaries.get(id) as ProductSummary) };
    this.results.set(key, answer);
    if (this.results.size > resultCacheSize) this.results.delete(this.results.keys().next().value as string);
    return { ...answer, cached: false };
  }

  async suggest(prefix: string, limit?: number): Promise<string[]> {
    await this.fresh();
    return this.index.suggest(prefix, limit);
  }

  async summary(id: string): Promise<ProductSummary | undefined> {
    await this.fresh();
    return this.summaries.get(id);
  }

  /** Brings the index up to the catalog's current revision; concurrent callers share one sync. */
  async fresh(): Promise<void> {
    if (Date.now() - this.checkedAt < freshnessMs) return;
    this.syncing ??= this.sync().finally(() => {
      this.syncing = null;
    });
    await this.syncing;
  }

  private async sync(): Promise<void> {
    const latest = await catalogRevision(this.db);
    if (!this.synonymsLoaded) {
      const rows = await this.db.query<{ terms: string[] }>(sql`select terms from search_synonym`);
      this.index.setSynonyms(rows.map((r) => r.terms));
      this.synonymsLoaded = true;
      this.clearResults();
    }
    if (this.classTitles.size === 0) await this.loadClassTitles();
    if (latest !== this.revision) {
      let afterId: string | null = null;
      for (;;) {
        const page = await publishedChanges(this.db, this.revision, afterId, loadPage);
        for (const id of page.removed) {
          this.index.remove(id);
          this.summaries.delete(id);
        }
        for (const product of page.published) this.add(product);
        if (page.lastId === null) break;
        afterId = page.lastId;
      }
      this.revision = latest;
      this.clearResults();
    }
    this.checkedAt = Date.now();
  }

  private async loadClassTitles(): Promise<void> {
    const version = await currentClassificationVersion(this.db);
    if (version === undefined) return;
    for (const node of await listClassificationNodes(this.db, version))
      this.classTitles.set(node.code, { zh: node.titleZh, en: node.titleEn });
  }

  private add(product: PublishedProduct): void {
    const d = product.details;
    const classTitles: string[] = [];
    for (const code of [d.isoCode.slice(0, 2), d.isoCode.slice(0, 4), d.isoCode]) {
      const title = this.classTitles.get(code);
      if (title) classTitles.push(title.zh, title.en);
    }
    this.index.upsert({
      id: product.id,
      fields: {
        name: d.nameZh,
        nameEn: d.nameEn,
        model: d.model,
        classTitles,
        description: `${d.descriptionZh} ${d.descriptionEn}`,
        supplier: `${product.supplierNameZh} ${product.supplierNameEn}`,
      },
      isoCode: d.isoCode,
      functionAreas: [...d.functionAreas],
      disabilityCategories: [...d.disabilityCategories],
      supplierId: product.supplierId,
      supplierName: product.supplierNameZh,
      priceFen: d.priceFen,
      attributes: { ...d.attributes },
      inSubsidyCatalog: product.inSubsidyCatalog,
      publishedAt: product.publishedAt.getTime(),
      // Chinese names sort by their pinyin, as dictionaries and phone books do.
      nameForSort: pinyinOf(d.nameZh).full,
    });
    this.summaries.set(product.id, {
      id: product.id,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      model: d.model,
      isoCode: d.isoCode,
      supplierId: product.supplierId,
      supplierNameZh: product.supplierNameZh,
      supplierNameEn: product.supplierNameEn,
      priceFen: d.priceFen,
      functionAreas: d.functionAreas,
      disabilityCategories: d.disabilityCategories,
      inSubsidyCatalog: product.inSubsidyCatalog,
      isDemo: product.isDemo,
    });
  }
}
