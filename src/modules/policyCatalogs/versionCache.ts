import type { Queryable } from '../../platform/db/index.ts';
import { catalogRevision, type ProductSummary, productSummaries } from '../catalog/index.ts';
import { type CatalogVersion, rehabItems, type StoredSubsidyItem, subsidyItems } from './catalogsRepo.ts';
import type { RehabItem } from './domain/items.ts';

/** A subsidy version's items with the products offered under each (published ones), as the public sees them. */
export interface SubsidyView {
  readonly items: readonly StoredSubsidyItem[];
  readonly products: ReadonlyMap<string, ProductSummary>;
}

/**
 * What the public pages and the API compute from a catalog version — its
 * items with their products, a year-to-year difference, a spreadsheet — kept
 * per process and keyed on the version's revision (bumped by every change to
 * its items or admitted products) and the product catalog's revision (a
 * product renamed or withdrawn). A version changes a few times a year and is
 * read by every resident who looks up what the city pays, so each process
 * computes it once per change instead of once per request; a stale entry is
 * never served, because the key is read from the database on each request.
 */
export class VersionCache {
  readonly #entries = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Queryable,
    private readonly maxEntries = 64,
  ) {}

  /** The key of anything derived from these versions as they are now. */
  async keyFor(what: string, versions: readonly CatalogVersion[]): Promise<string> {
    const products = await catalogRevision(this.db);
    return [what, ...versions.map((v) => `${v.id}@${v.revision}`), `products@${products}`].join(':');
  }

  /** The value for a key, computed once; a failed computation is forgotten so the next request tries again. */
  remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const held = this.#entries.get(key);
    if (held !== undefined) {
      // Most recently used last, so eviction drops the oldest.
      this.#entries.delete(key);
      this.#entries.set(key, held);
      return held as Promise<T>;
    }
    const value = compute();
    this.#entries.set(key, value);
    value.catch(() => this.#entries.delete(key));
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return value;
  }

  async subsidyView(catalog: CatalogVersion): Promise<SubsidyView> {
    return this.remember(await this.keyFor('subsidy', [catalog]), async () => {
      const stored = await subsidyItems(this.db, catalog.id);
      const products = await productSummaries(
        this.db,
        stored.flatMap((i) => i.products.map((p) => p.productId)),
      );
      // A product its supplier withdrew stays in the record (subsidy_item_product) but is no longer offered.
      const items = stored.map((item) => ({
        ...item,
        products: item.products.filter((p) => products.get(p.productId)?.published === true),
      }));
      return { items, products };
    });
  }

  async rehabItems(catalog: CatalogVersion): Promise<readonly RehabItem[]> {
    return this.remember(await this.keyFor('rehab', [catalog]), () => rehabItems(this.db, catalog.id));
  }

  /** Anything else derived from versions (a difference, a spreadsheet, a response body). */
  async derived<T>(what: string, versions: readonly CatalogVersion[], compute: () => Promise<T>): Promise<T> {
    return this.remember(await this.keyFor(what, versions), compute);
  }
}
