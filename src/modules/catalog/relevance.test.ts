import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/db.ts';
import { CatalogSearch, type ProductSummary } from './catalogSearch.ts';

/**
 * Relevance on the demo catalog: for each query, what a resident means by it,
 * judged on the product's Chinese or English name. A query passes when its top
 * result is relevant and at least 3 of its top 5 are (or all of them, when the
 * catalog holds fewer than 5 relevant products). Precision at 5 is printed.
 */
type Judge = (p: ProductSummary) => boolean;
const zh =
  (...words: string[]): Judge =>
  (p) =>
    words.some((w) => p.nameZh.includes(w));

const cases: { kind: string; q: string; relevant: Judge }[] = [
  { kind: 'word', q: '轮椅', relevant: zh('轮椅') },
  { kind: 'word', q: '电动轮椅', relevant: zh('电动轮椅') },
  { kind: 'word', q: '手动轮椅', relevant: (p) => p.nameZh.includes('轮椅') && !p.nameZh.includes('电动') },
  { kind: 'word', q: '助听器', relevant: zh('助听器') },
  { kind: 'word', q: '盲杖', relevant: zh('盲杖') },
  { kind: 'word', q: '助行器', relevant: zh('助行') },
  { kind: 'word', q: '放大镜', relevant: zh('放大镜', '助视') },
  { kind: 'word', q: '坐便椅', relevant: zh('坐便') },
  { kind: 'word', q: '洗澡椅', relevant: zh('洗澡', '沐浴', '淋浴') },
  { kind: 'word', q: '护理床', relevant: zh('护理床') },
  { kind: 'word', q: '假肢', relevant: zh('假肢') },
  { kind: 'word', q: '矫形器', relevant: zh('矫形') },
  { kind: 'word', q: '外骨骼', relevant: zh('外骨骼') },
  { kind: 'word', q: '读屏软件', relevant: zh('读屏') },
  { kind: 'word', q: '防褥疮坐垫', relevant: zh('防褥疮', '减压') },
  { kind: 'two characters', q: '拐杖', relevant: zh('拐', '杖') },
  { kind: 'two characters', q: '盲文', relevant: zh('盲文') },
  { kind: 'two characters', q: '坐垫', relevant: zh('坐垫') },
  { kind: 'pinyin', q: 'lunyi', relevant: zh('轮椅') },
  { kind: 'pinyin', q: 'lun yi', relevant: zh('轮椅') },
  { kind: 'pinyin', q: 'zhutingqi', relevant: zh('助听器') },
  { kind: 'pinyin', q: 'fangdajing', relevant: zh('放大镜') },
  { kind: 'pinyin', q: 'hulichuang', relevant: zh('护理床') },
  { kind: 'initials', q: 'ly', relevant: zh('轮椅') },
  { kind: 'initials', q: 'ztq', relevant: zh('助听器') },
  { kind: 'initials', q: 'ddly', relevant: zh('电动轮椅') },
  { kind: 'initials', q: 'hlc', relevant: zh('护理床') },
  { kind: 'traditional', q: '輪椅', relevant: zh('轮椅') },
  { kind: 'traditional', q: '助聽器', relevant: zh('助听器') },
  { kind: 'traditional', q: '護理床', relevant: zh('护理床') },
  { kind: 'traditional', q: '電動輪椅', relevant: zh('电动轮椅') },
  { kind: 'English', q: 'wheelchair', relevant: zh('轮椅') },
  { kind: 'English', q: 'hearing aid', relevant: zh('助听器') },
  { kind: 'English', q: 'magnifier', relevant: zh('放大镜', '助视') },
  { kind: 'English', q: 'powered wheelchair', relevant: zh('电动轮椅') },
  { kind: 'English', q: 'white cane', relevant: zh('盲杖') },
  { kind: 'typo', q: 'wheelchiar', relevant: zh('轮椅') },
  { kind: 'typo', q: 'hearring aid', relevant: zh('助听器') },
  { kind: 'typo', q: 'magnifer', relevant: zh('放大镜', '助视') },
  { kind: 'typo', q: 'lunyl', relevant: zh('轮椅') },
  { kind: 'typo', q: '轮倚', relevant: zh('轮椅') },
  { kind: 'synonym', q: '手杖', relevant: zh('杖', '拐') },
  { kind: 'synonym', q: '耳背机', relevant: zh('助听器', '耳背') },
  { kind: 'synonym', q: '义肢', relevant: zh('假肢') },
  { kind: 'synonym', q: '马桶椅', relevant: zh('坐便') },
  { kind: 'synonym', q: '导盲杖', relevant: zh('盲杖') },
  { kind: 'synonym', q: '病床', relevant: zh('护理床') },
];

let database: TestDatabase;
let search: CatalogSearch;
let all: ProductSummary[];

beforeAll(async () => {
  database = await testDatabase('demo');
  search = new CatalogSearch(database.db);
  all = (await search.search({ offset: 0, limit: 10_000 })).items;
});

afterAll(async () => {
  await database.close();
});

describe('search relevance on the demo catalog', () => {
  const precisions: { kind: string; q: string; precision: number }[] = [];

  it.each(cases)('$kind: $q', async ({ kind, q, relevant }) => {
    const available = all.filter(relevant).length;
    expect(available, `the demo catalog has products relevant to ${q}`).toBeGreaterThan(0);
    const top = (await search.search({ q, offset: 0, limit: 5 })).items;
    const hits = top.filter(relevant).length;
    const precision = hits / Math.min(5, available);
    precisions.push({ kind, q, precision });
    expect(top[0] && relevant(top[0]), `top result for ${q}: ${top[0]?.nameZh}`).toBe(true);
    expect(hits, `${q}: ${top.map((p) => p.nameZh).join(' | ')}`).toBeGreaterThanOrEqual(
      Math.min(3, available),
    );
  });

  it('prints precision at 5', () => {
    expect(precisions.length).toBe(cases.length);
    const mean = precisions.reduce((sum, p) => sum + p.precision, 0) / precisions.length;
    const byKind = new Map<string, number[]>();
    for (const p of precisions) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p.precision]);
    const lines = [...byKind].map(
      ([kind, values]) =>
        `${kind} ${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(2)} (${values.length})`,
    );
    console.log(
      `search relevance: ${cases.length} queries, mean precision at 5 = ${mean.toFixed(3)}; ${lines.join(', ')}`,
    );
    expect(mean).toBeGreaterThanOrEqual(0.8);
  });
});
