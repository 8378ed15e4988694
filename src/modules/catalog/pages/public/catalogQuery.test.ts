import { describe, expect, it } from 'vitest';
import { catalogHref, isBrowse, parseCatalogQuery, queryPairs, searchRanges } from './catalogQuery.ts';

describe('the catalog page query', () => {
  it('is browsing when nothing is asked', () => {
    expect(isBrowse(parseCatalogQuery({}))).toBe(true);
    expect(isBrowse(parseCatalogQuery({ q: '  ' }))).toBe(true);
    expect(isBrowse(parseCatalogQuery({ q: '轮椅' }))).toBe(false);
    expect(isBrowse(parseCatalogQuery({ iso: '12' }))).toBe(false);
    expect(isBrowse(parseCatalogQuery({ function: 'mobility' }))).toBe(false);
    expect(isBrowse(parseCatalogQuery({ subsidy: 'all', iso: '' }))).toBe(true);
  });

  it('converts yuan to fen from the text, and reports what it cannot read', () => {
    const query = parseCatalogQuery({ minYuan: '1,280.50', maxYuan: '12.345' });
    expect(query.minFen).toBe(128_050);
    expect(query.maxFen).toBeUndefined();
    expect(query.problems).toEqual([{ field: 'maxYuan', problem: 'invalid' }]);
    expect(parseCatalogQuery({ minYuan: '500', maxYuan: '100' }).problems).toEqual([
      { field: 'maxYuan', problem: 'order' },
    ]);
  });

  it('reads technical ranges from min_/max_ boxes for known numeric attributes only', () => {
    const query = parseCatalogQuery({
      min_seatWidth: '40',
      max_seatWidth: '46.5',
      min_material: 'steel',
      min_unknownThing: '3',
      max_maxUserWeight: 'heavy',
    });
    expect(query.ranges.map((r) => r.attributeId)).toEqual(['maxUserWeight', 'seatWidth']);
    expect(searchRanges(query)).toEqual({ seatWidth: { min: 40, max: 46.5 } });
    expect(query.problems).toEqual([
      { field: 'range-max-maxUserWeight', attributeId: 'maxUserWeight', problem: 'maxInvalid' },
    ]);
  });

  it('writes the query back as the form sends it, lists as repeated parameters', () => {
    const query = parseCatalogQuery({
      q: '轮椅',
      function: 'mobility,self_care',
      disability: ['physical'],
      minYuan: '100',
      subsidy: 'yes',
      min_seatWidth: '40',
      sort: 'price_asc',
      page: 2,
    });
    expect(catalogHref(queryPairs(query))).toBe(
      `/products?q=${encodeURIComponent('轮椅')}&function=mobility&function=self_care&disability=physical&minYuan=100&subsidy=yes&min_seatWidth=40&sort=price_asc&page=2`,
    );
    expect(catalogHref([])).toBe('/products');
  });
});
