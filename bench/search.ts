/**
 * Search index profile on a 50,000-product catalog, built from the demo
 * generator exactly as catalogSearch.ts adds a published product. Not a test:
 *
 *   npm run bench:search
 *
 * Prints the build time, the heap the index holds, and per request the mean
 * and p95 of 200 timed runs (after a warm-up). For a CPU profile add
 * `--cpu-prof` before `--import`.
 */
import { readFileSync } from 'node:fs';
import { syntheticProducts } from '../src/modules/catalog/demo/products.ts';
import { SearchIndex, type SearchRequest } from '../src/modules/catalog/search/index.ts';
import { pinyinOf } from '../src/modules/catalog/search/terms.ts';

const productCount = Number(process.env.PROFILE_PRODUCTS ?? 50_000);
const runs = Number(process.env.PROFILE_RUNS ?? 200);
const edition = 'GB/T 16432-2025';

/** English names of the demo suppliers (seed/xian/demo-organisations.json). */
const supplierNamesEn: Readonly<Record<string, string>> = {
  示例康行辅具科技有限公司: 'Demo Kangxing Assistive Technology Co., Ltd.',
  示例秦声听力设备有限公司: 'Demo Qinsheng Hearing Devices Co., Ltd.',
  示例明视助视器材有限公司: 'Demo Mingshi Low-Vision Aids Co., Ltd.',
  示例华岳假肢矫形科技有限公司: 'Demo Huayue Prosthetics and Orthotics Technology Co., Ltd.',
  示例安居无障碍家居有限公司: 'Demo Anju Accessible Home Products Co., Ltd.',
  示例智语信息无障碍科技有限公司: 'Demo Zhiyu Accessible Information Technology Co., Ltd.',
};

const requests: readonly { readonly label: string; readonly request: SearchRequest }[] = [
  { label: 'q=轮椅', request: { q: '轮椅', offset: 0, limit: 20 } },
  { label: 'browse all', request: { offset: 0, limit: 20 } },
  { label: 'browse all, newest', request: { sort: 'newest', offset: 0, limit: 20 } },
  { label: 'q=助听器', request: { q: '助听器', offset: 0, limit: 20 } },
  { label: 'q=lunyi', request: { q: 'lunyi', offset: 0, limit: 20 } },
  { label: 'q=ly', request: { q: 'ly', offset: 0, limit: 20 } },
  { label: 'q=wheelchiar', request: { q: 'wheelchiar', offset: 0, limit: 20 } },
  { label: 'q=hearing aid', request: { q: 'hearing aid', offset: 0, limit: 20 } },
  { label: 'q=电动轮椅', request: { q: '电动轮椅', offset: 0, limit: 20 } },
  { label: 'q=放大镜 price_asc', request: { q: '放大镜', sort: 'price_asc', offset: 0, limit: 20 } },
  {
    label: 'iso=12 price 1000–3000',
    request: { iso: '12', priceMinFen: 100_000, priceMaxFen: 300_000, offset: 0, limit: 20 },
  },
  { label: 'function=hearing page 3', request: { functionAreas: ['hearing'], offset: 40, limit: 20 } },
  {
    label: 'q=轮椅 seatWidth range',
    request: { q: '轮椅', ranges: { seatWidth: { min: 40, max: 46 } }, offset: 0, limit: 20 },
  },
];

interface ClassificationNode {
  readonly version: string;
  readonly code: string;
  readonly titleZh: string;
  readonly titleEn: string;
}

function classTitles(): Map<string, { zh: string; en: string }> {
  const file = new URL('../seed/xian/catalog/classification.json', import.meta.url);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ClassificationNode[] };
  const titles = new Map<string, { zh: string; en: string }>();
  for (const node of data.nodes) {
    if (node.version === edition) titles.set(node.code, { zh: node.titleZh, en: node.titleEn });
  }
  return titles;
}

const idOf = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function build(): SearchIndex {
  const titles = classTitles();
  const products = syntheticProducts(productCount, 7);
  const supplierIds = new Map<string, string>();
  const index = new SearchIndex();
  const publishedFrom = Date.UTC(2025, 0, 1);
  for (let i = 0; i < products.length; i++) {
    const product = products[i];
    if (!product) continue;
    const d = product.details;
    let supplierId = supplierIds.get(product.supplierNameZh);
    if (supplierId === undefined) {
      supplierId = idOf(1_000_000 + supplierIds.size);
      supplierIds.set(product.supplierNameZh, supplierId);
    }
    const supplierNameEn = supplierNamesEn[product.supplierNameZh] ?? '';
    const titlesOfProduct: string[] = [];
    for (const code of [d.isoCode.slice(0, 2), d.isoCode.slice(0, 4), d.isoCode]) {
      const title = titles.get(code);
      if (title) titlesOfProduct.push(title.zh, title.en);
    }
    index.upsert({
      id: idOf(i),
      fields: {
        name: d.nameZh,
        nameEn: d.nameEn,
        model: d.model,
        classTitles: titlesOfProduct,
        description: `${d.descriptionZh} ${d.descriptionEn}`,
        supplier: `${product.supplierNameZh} ${supplierNameEn}`,
      },
      isoCode: d.isoCode,
      functionAreas: [...d.functionAreas],
      disabilityCategories: [...d.disabilityCategories],
      supplierId,
      supplierName: product.supplierNameZh,
      priceFen: d.priceFen,
      attributes: { ...d.attributes },
      inSubsidyCatalog: product.inSubsidyCatalog ?? false,
      publishedAt: publishedFrom + i * 60_000,
      nameForSort: pinyinOf(d.nameZh).full,
    });
  }
  return index;
}

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const heapBefore = heapMb();
const buildStart = performance.now();
const index = build();
const buildMs = performance.now() - buildStart;
// The first search after a bulk load orders the catalog by name and computes length norms.
const prepareStart = performance.now();
index.search({ offset: 0, limit: 1 });
const prepareMs = performance.now() - prepareStart;
const heapAfter = heapMb();

console.log(`products          ${index.size}`);
console.log(
  `build             ${(buildMs / 1000).toFixed(2)} s (+ ${prepareMs.toFixed(0)} ms first-search prepare)`,
);
console.log(
  `heap used         ${heapAfter.toFixed(0)} MB (${(heapAfter - heapBefore).toFixed(0)} MB over the start${gc ? '' : '; run with --expose-gc for a settled figure'})`,
);

for (let round = 0; round < 30; round++) for (const { request } of requests) index.search(request);

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

console.log('');
console.log(`${'request'.padEnd(26)}${'total'.padStart(7)}${'mean ms'.padStart(10)}${'p95 ms'.padStart(10)}`);
let sum = 0;
for (const { label, request } of requests) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    total = index.search(request).total;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  sum += mean;
  console.log(
    `${label.padEnd(26)}${String(total).padStart(7)}${mean.toFixed(3).padStart(10)}${percentile(times, 95).toFixed(3).padStart(10)}`,
  );
}
console.log(`${'mean of means'.padEnd(33)}${(sum / requests.length).toFixed(3).padStart(10)}`);
