import { beforeEach, describe, expect, it } from 'vitest';
import { type IndexedProduct, priceBuckets, SearchIndex, type SearchRequest } from './index.ts';

const day = 86_400_000;
const epoch = Date.UTC(2024, 0, 1);

function product(
  id: string,
  name: string,
  nameEn: string,
  overrides: Partial<Omit<IndexedProduct, 'fields'>> & { model?: string; description?: string } = {},
): IndexedProduct {
  const { model = '', description = '', ...rest } = overrides;
  return {
    id,
    fields: { name, nameEn, model, classTitles: [], description, supplier: rest.supplierName ?? '' },
    isoCode: '122203',
    functionAreas: ['mobility'],
    disabilityCategories: ['physical'],
    supplierId: 's-other',
    supplierName: '其他',
    priceFen: 100_000,
    attributes: {},
    inSubsidyCatalog: false,
    publishedAt: epoch,
    nameForSort: name,
    ...rest,
  };
}

const catalog: IndexedProduct[] = [
  product('p1', '鱼跃电动折叠轮椅 D130', 'Yuwell electric folding wheelchair', {
    model: 'D130-L',
    isoCode: '122306',
    supplierId: 's-yuyue',
    supplierName: '鱼跃医疗',
    priceFen: 680_000,
    attributes: { seatWidthMm: 460, weightKg: 26, colour: '黑色' },
    inSubsidyCatalog: true,
    publishedAt: epoch + 60 * day,
    nameForSort: 'yuyue diandong zhedie lunyi',
  }),
  product('p2', '互邦手动轮椅', 'Hubang manual wheelchair', {
    model: 'H005',
    supplierId: 's-hubang',
    supplierName: '互邦',
    priceFen: 120_000,
    attributes: { seatWidthMm: 430, weightKg: 14 },
    inSubsidyCatalog: true,
    publishedAt: epoch + 10 * day,
    nameForSort: 'hubang shoudong lunyi',
  }),
  product('p3', '康扬儿童轮椅', "Karma children's wheelchair", {
    disabilityCategories: ['physical', 'multiple'],
    supplierId: 's-karma',
    supplierName: '康扬',
    priceFen: 350_000,
    attributes: { seatWidthMm: 330 },
    publishedAt: epoch + 30 * day,
    nameForSort: 'kangyang ertong lunyi',
  }),
  product('p4', '可孚四脚手杖', 'Cofoe quad walking stick', {
    isoCode: '120303',
    priceFen: 8_900,
    description: '防滑，可调节高度，适合老人行走。',
    nameForSort: 'kefu sijiao shouzhang',
  }),
  product('p5', '铝合金腋拐', 'Aluminium axillary crutches', {
    isoCode: '120312',
    priceFen: 12_000,
    nameForSort: 'lvhejin yeguai',
  }),
  product('p6', '欧仕达数字助听器', 'Digital hearing aid', {
    isoCode: '222406',
    functionAreas: ['hearing'],
    disabilityCategories: ['hearing'],
    priceFen: 480_000,
    attributes: { channels: 16 },
    inSubsidyCatalog: true,
    nameForSort: 'oushida shuzi zhutingqi',
  }),
  product('p7', '瑞声达耳背机', 'ReSound behind-the-ear hearing aid', {
    isoCode: '222406',
    functionAreas: ['hearing'],
    disabilityCategories: ['hearing'],
    priceFen: 1_200_000,
    attributes: { channels: 24 },
    nameForSort: 'ruishengda erbeiji',
  }),
  product('p8', '手持放大镜', 'Handheld magnifier', {
    isoCode: '220303',
    functionAreas: ['seeing'],
    disabilityCategories: ['visual'],
    priceFen: 6_000,
    nameForSort: 'shouchi fangdajing',
  }),
  product('p9', '争渡读屏软件', 'Zhengdu screen reader', {
    isoCode: '223912',
    functionAreas: ['seeing', 'communication'],
    disabilityCategories: ['visual'],
    priceFen: 0,
    nameForSort: 'zhengdu dupingruanjian',
  }),
  product('p10', '电动护理床', 'Electric nursing bed', {
    isoCode: '181210',
    functionAreas: ['self_care', 'mobility'],
    disabilityCategories: ['physical', 'multiple'],
    priceFen: 2_500_000,
    nameForSort: 'diandong hulichuang',
  }),
  product('p11', '可折叠坐便椅', 'Folding commode chair', {
    isoCode: '091203',
    functionAreas: ['self_care'],
    priceFen: 45_000,
    nameForSort: 'kezhedie zuobianyi',
  }),
  product('p12', '防褥疮轮椅坐垫', 'Pressure relief wheelchair cushion', {
    isoCode: '043306',
    functionAreas: ['self_care'],
    priceFen: 60_000,
    nameForSort: 'fangruchuang lunyi zuodian',
  }),
];

const page = { offset: 0, limit: 50 } as const;

let index: SearchIndex;
beforeEach(() => {
  index = new SearchIndex();
  for (const p of catalog) index.upsert(p);
});

const ids = (request: Partial<SearchRequest>): string[] => index.search({ ...page, ...request }).ids;
const sorted = (list: readonly string[]): string[] => [...list].sort();
const wheelchairs = ['p1', 'p2', 'p3', 'p12'];

describe('SearchIndex: matching', () => {
  it('finds products by Chinese word', () => {
    expect(sorted(ids({ q: '轮椅' }))).toEqual(sorted(wheelchairs));
    expect(ids({ q: '电动轮椅' })[0]).toBe('p1');
  });

  it('finds products by full pinyin, spaced pinyin and initials', () => {
    expect(sorted(ids({ q: 'lunyi' }))).toEqual(sorted(wheelchairs));
    expect(sorted(ids({ q: 'lun yi' }))).toEqual(sorted(wheelchairs));
    expect(ids({ q: 'ly' })).toEqual(expect.arrayContaining(wheelchairs));
    expect(sorted(ids({ q: 'diandong' }))).toEqual(['p1', 'p10']);
  });

  it('finds products by traditional characters, both ways round', () => {
    expect(sorted(ids({ q: '輪椅' }))).toEqual(sorted(wheelchairs));
    index.upsert(product('t1', '電動護理床', 'Electric nursing bed (TW)'));
    expect(sorted(ids({ q: '电动护理床' }))).toEqual(['p10', 't1']);
    expect(sorted(ids({ q: '助聽器' }))).toEqual(['p6']);
  });

  it('finds products by English word, singular or plural', () => {
    expect(sorted(ids({ q: 'wheelchair' }))).toEqual(sorted(wheelchairs));
    expect(sorted(ids({ q: 'Wheelchairs' }))).toEqual(sorted(wheelchairs));
    expect(sorted(ids({ q: 'crutch' }))).toEqual(['p5']);
  });

  it('finds products by model number, with or without separators', () => {
    expect(ids({ q: 'D130-L' })).toEqual(['p1']);
    expect(ids({ q: 'd130l' })).toEqual(['p1']);
    expect(ids({ q: 'h005' })).toEqual(['p2']);
  });

  it('tolerates typos and says what it searched for instead', () => {
    const english = index.search({ ...page, q: 'wheelchiar' });
    expect(sorted(english.ids)).toEqual(sorted(wheelchairs));
    expect(english.corrections).toEqual([{ from: 'wheelchiar', to: 'wheelchair' }]);

    const pinyin = index.search({ ...page, q: 'lunyl' });
    expect(sorted(pinyin.ids)).toEqual(sorted(wheelchairs));
    expect(pinyin.corrections).toEqual([{ from: 'lunyl', to: '轮椅' }]);

    expect(sorted(ids({ q: 'hearring aid' }))).toEqual(['p6', 'p7']);
  });

  it('ranks near matches first for a wrong Chinese character', () => {
    const result = index.search({ ...page, q: '轮倚' });
    expect(result.corrections).toEqual([{ from: '轮倚', to: '轮椅' }]);
    expect(sorted(result.ids.slice(0, 4))).toEqual(sorted(wheelchairs));
  });

  it('expands admin-managed synonyms', () => {
    expect(ids({ q: '耳背机' })).toEqual(['p7']);
    index.setSynonyms([
      ['拐杖', '手杖'],
      ['助听器', '耳背机'],
    ]);
    expect(sorted(ids({ q: '耳背机' }))).toEqual(['p6', 'p7']);
    const crutch = index.search({ ...page, q: '拐杖' });
    expect(crutch.ids).toEqual(['p4']);
    expect(crutch.corrections).toEqual([]);
  });

  it('boosts a product whose whole name is the query', () => {
    expect(ids({ q: '电动护理床' })[0]).toBe('p10');
    expect(ids({ q: '手持放大镜' })[0]).toBe('p8');
  });

  it('falls back to products matching some of the words, most words first', () => {
    const result = index.search({ ...page, q: '电动 轮椅 蓝牙' });
    expect(result.mode).toBe('any');
    expect(result.ids[0]).toBe('p1');
    expect(sorted(result.ids)).toEqual(sorted([...wheelchairs, 'p10']));
    expect(index.search({ ...page, q: '电动 轮椅' }).mode).toBe('all');
  });

  it('returns every product, in name order, without a query', () => {
    const result = index.search({ ...page });
    expect(result.total).toBe(catalog.length);
    expect(result.ids).toEqual(
      [...catalog].sort((a, b) => (a.nameForSort < b.nameForSort ? -1 : 1)).map((p) => p.id),
    );
    expect(index.search({ ...page, q: '  ' }).total).toBe(catalog.length);
  });

  it('finds nothing for a word nothing contains', () => {
    const result = index.search({ ...page, q: 'xyzzyq' });
    expect(result.total).toBe(0);
    expect(result.ids).toEqual([]);
  });
});

describe('SearchIndex: filters', () => {
  it('filters by ISO class, subclass and division', () => {
    expect(sorted(ids({ iso: '12' }))).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(sorted(ids({ iso: '1222' }))).toEqual(['p2', 'p3']);
    expect(ids({ iso: '122306' })).toEqual(['p1']);
    expect(ids({ iso: '99' })).toEqual([]);
    expect(sorted(ids({ q: '轮椅', iso: '12' }))).toEqual(['p1', 'p2', 'p3']);
  });

  it('filters by function area, disability category and supplier (any of the values)', () => {
    expect(sorted(ids({ functionAreas: ['hearing'] }))).toEqual(['p6', 'p7']);
    expect(sorted(ids({ functionAreas: ['hearing', 'seeing'] }))).toEqual(['p6', 'p7', 'p8', 'p9']);
    expect(sorted(ids({ disabilityCategories: ['multiple'] }))).toEqual(['p10', 'p3']);
    expect(sorted(ids({ supplierIds: ['s-yuyue', 's-hubang'] }))).toEqual(['p1', 'p2']);
    expect(ids({ supplierIds: ['unknown'] })).toEqual([]);
  });

  it('filters by price, subsidy catalog and attribute ranges', () => {
    expect(sorted(ids({ priceMinFen: 400_000, priceMaxFen: 700_000 }))).toEqual(['p1', 'p6']);
    expect(sorted(ids({ inSubsidyCatalog: true }))).toEqual(['p1', 'p2', 'p6']);
    expect(ids({ inSubsidyCatalog: false })).not.toContain('p1');
    // Products without the attribute do not match a range on it.
    expect(sorted(ids({ ranges: { seatWidthMm: { min: 400 } } }))).toEqual(['p1', 'p2']);
    expect(ids({ ranges: { seatWidthMm: { min: 400, max: 450 } } })).toEqual(['p2']);
    expect(ids({ ranges: { unknownAttribute: { max: 1 } } })).toEqual([]);
  });

  it('combines filters with a query', () => {
    expect(ids({ q: 'wheelchair', priceMaxFen: 400_000, inSubsidyCatalog: true })).toEqual(['p2']);
  });
});

describe('SearchIndex: facets', () => {
  it('counts classes, subclasses, areas, categories, suppliers, prices, subsidy and ranges over the matches', () => {
    const { facets, total } = index.search({ ...page, q: '轮椅' });
    expect(total).toBe(4);
    expect(facets.classes).toEqual([
      { code: '04', count: 1 },
      { code: '12', count: 3 },
    ]);
    expect(facets.subclasses).toEqual([
      { code: '0433', count: 1 },
      { code: '1222', count: 2 },
      { code: '1223', count: 1 },
    ]);
    expect(facets.functionAreas).toEqual([
      { value: 'mobility', count: 3 },
      { value: 'self_care', count: 1 },
    ]);
    expect(facets.disabilityCategories).toEqual([
      { value: 'physical', count: 4 },
      { value: 'multiple', count: 1 },
    ]);
    expect(facets.suppliers).toEqual([
      { id: 's-hubang', name: '互邦', count: 1 },
      { id: 's-other', name: '其他', count: 1 },
      { id: 's-karma', name: '康扬', count: 1 },
      { id: 's-yuyue', name: '鱼跃医疗', count: 1 },
    ]);
    expect(facets.priceBuckets).toEqual([
      { minFen: 0, maxFen: 50_000, count: 0 },
      { minFen: 50_000, maxFen: 200_000, count: 2 },
      { minFen: 200_000, maxFen: 500_000, count: 1 },
      { minFen: 500_000, maxFen: 2_000_000, count: 1 },
      { minFen: 2_000_000, maxFen: null, count: 0 },
    ]);
    expect(facets.inSubsidyCatalog).toEqual({ true: 2, false: 2 });
    expect(facets.ranges).toEqual([
      { attributeId: 'seatWidthMm', min: 330, max: 460, count: 3 },
      { attributeId: 'weightKg', min: 14, max: 26, count: 2 },
    ]);
  });

  it('counts after filters, and places prices on bucket boundaries in the upper bucket', () => {
    const { facets } = index.search({ ...page, inSubsidyCatalog: true });
    expect(facets.inSubsidyCatalog).toEqual({ true: 3, false: 0 });
    expect(priceBuckets).toHaveLength(5);
    index.upsert(product('edge', '边界价格产品', 'Edge', { priceFen: 50_000 }));
    const edge = index.search({ ...page, q: '边界价格产品' }).facets.priceBuckets;
    expect(edge[1]?.count).toBe(1);
  });
});

describe('SearchIndex: order and paging', () => {
  it('sorts by price, date and name', () => {
    expect(ids({ q: '轮椅', sort: 'price_asc' })).toEqual(['p12', 'p2', 'p3', 'p1']);
    expect(ids({ q: '轮椅', sort: 'price_desc' })).toEqual(['p1', 'p3', 'p2', 'p12']);
    expect(ids({ q: '轮椅', sort: 'newest' }).slice(0, 3)).toEqual(['p1', 'p3', 'p2']);
    expect(ids({ q: '轮椅', sort: 'name' })).toEqual(['p12', 'p2', 'p3', 'p1']);
  });

  it('pages consistently through the full order', () => {
    const all = index.search({ offset: 0, limit: 100, sort: 'price_asc' }).ids;
    const pages: string[] = [];
    for (let offset = 0; offset < all.length; offset += 5) {
      const result = index.search({ offset, limit: 5, sort: 'price_asc' });
      expect(result.total).toBe(catalog.length);
      pages.push(...result.ids);
    }
    expect(pages).toEqual(all);
    expect(index.search({ offset: 100, limit: 5 }).ids).toEqual([]);
    expect(index.search({ offset: 0, limit: 0 }).ids).toEqual([]);
    // Relevance paging: a deep page equals the slice of a full listing.
    const relevance = index.search({ q: 'ly', offset: 0, limit: 100 }).ids;
    expect(index.search({ q: 'ly', offset: 1, limit: 2 }).ids).toEqual(relevance.slice(1, 3));
  });
});

describe('SearchIndex: maintenance', () => {
  it('removes, replaces and clears products', () => {
    expect(index.size).toBe(catalog.length);
    expect(index.remove('p1')).toBe(true);
    expect(index.remove('p1')).toBe(false);
    expect(index.size).toBe(catalog.length - 1);
    expect(ids({ q: 'diandong' })).toEqual(['p10']);
    expect(index.vocabulary.has('m:d130l')).toBe(false);

    const p2 = catalog[1];
    if (!p2) throw new Error('fixture');
    index.upsert({ ...p2, fields: { ...p2.fields, name: '互邦助行器', nameEn: 'Hubang walker' } });
    expect(index.size).toBe(catalog.length - 1);
    expect(ids({ q: '手动轮椅' })).not.toContain('p2');
    expect(ids({ q: '助行器' })).toEqual(['p2']);

    index.clear();
    expect(index.size).toBe(0);
    expect(index.search({ ...page }).total).toBe(0);
    index.upsert(catalog[0] as IndexedProduct);
    expect(ids({ q: '轮椅' })).toEqual(['p1']);
  });

  it('survives many replacements (slots are purged and reused)', () => {
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 1500; i++) {
        index.upsert(product(`bulk${i}`, `测试轮椅${round}`, `Test ${round}`, { priceFen: i }));
      }
    }
    expect(index.size).toBe(catalog.length + 1500);
    const result = index.search({ ...page, q: '测试轮椅4' });
    expect(result.total).toBe(1500);
    expect(index.search({ ...page, q: '测试轮椅0' }).mode).toBe('any');
    expect(index.vocabulary.df('w:轮椅')).toBe(1500 + wheelchairs.length);
  });
});

describe('SearchIndex: suggestions', () => {
  it('completes by text, full pinyin and initials', () => {
    expect(index.suggest('lunyi')[0]).toBe('轮椅');
    expect(index.suggest('lun')).toContain('轮椅');
    expect(index.suggest('ly')).toContain('轮椅');
    expect(index.suggest('手持')).toEqual(['手持', '手持放大镜']);
    expect(index.suggest('scfdj')).toEqual(['手持放大镜']);
    expect(index.suggest('Handheld')).toEqual(['Handheld magnifier']);
    expect(index.suggest('輪')).toContain('轮椅');
  });

  it('puts common words before single products and honours the limit', () => {
    expect(index.suggest('dian')).toEqual(['电动', '电动护理床']);
    expect(index.suggest('l', 2)).toHaveLength(2);
    expect(index.suggest('')).toEqual([]);
  });

  it('follows additions and removals', () => {
    expect(index.suggest('zhengdu')).toEqual(['争渡读屏软件', 'Zhengdu screen reader']);
    index.remove('p9');
    expect(index.suggest('zhengdu')).toEqual([]);
    index.upsert(product('n1', '新品盲杖', 'New white cane'));
    expect(index.suggest('xinpin')).toEqual(['新品盲杖']);
  });
});
