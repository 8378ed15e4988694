import { describe, expect, it } from 'vitest';
import { SearchIndex } from './index.ts';
import { syntheticCatalog } from './searchFixtures.ts';

/**
 * A smoke test at catalog scale. The bounds are deliberately loose (a shared
 * CI machine is slow and noisy): they catch an accidental quadratic step, not
 * a regression of a few milliseconds. On a laptop build is about 3 s and a
 * 5,000-match query with facets about 1 ms.
 */
describe('SearchIndex at 50,000 products', () => {
  it('builds and answers queries with facets quickly', { timeout: 120_000 }, () => {
    const products = syntheticCatalog(50_000);
    const index = new SearchIndex();
    index.setSynonyms([['拐杖', '手杖']]);

    const buildStart = performance.now();
    for (const product of products) index.upsert(product);
    const buildMs = performance.now() - buildStart;
    expect(index.size).toBe(50_000);
    expect(buildMs).toBeLessThan(20_000);

    // The first query after a bulk load also orders the catalog by name.
    const first = index.search({ q: '轮椅', offset: 0, limit: 20 });
    expect(first.total).toBeGreaterThan(5_000);
    expect(first.ids).toHaveLength(20);
    expect(first.facets.classes.map((c) => c.code)).toEqual(['12']);
    expect(first.facets.suppliers.length).toBeGreaterThan(0);

    const queries = ['轮椅', 'lunyi', 'wheelchair', '电动轮椅 折叠', 'wheelchiar', '拐杖', '助听器 蓝牙', ''];
    for (const q of queries) index.search({ q, offset: 0, limit: 20 });
    for (const q of queries) {
      const runs = 10;
      const start = performance.now();
      for (let i = 0; i < runs; i++)
        index.search({ q, offset: 0, limit: 20, sort: i % 2 ? 'price_asc' : 'relevance' });
      const perQuery = (performance.now() - start) / runs;
      expect(perQuery, q).toBeLessThan(50);
    }

    const filtered = index.search({ q: '轮椅', iso: '1223', priceMaxFen: 1_000_000, offset: 0, limit: 10 });
    expect(filtered.total).toBeGreaterThan(0);
    expect(filtered.total).toBeLessThan(first.total);

    const start = performance.now();
    expect(index.suggest('lun')).toContain('轮椅');
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
