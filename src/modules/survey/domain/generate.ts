import { type PriorityProduct, priorityProducts } from './apl.ts';
import { ageGroups, type Demographics } from './demographics.ts';
import { type FunctionDomain, functionDomains } from './needsQuestionnaire.ts';
import type { Answer, Answers } from './questionnaire.ts';

/**
 * Synthetic responses to the default questionnaire, for the demo campaign,
 * the tests and the benchmark. They are deterministic for a seed and shaped
 * like a survey of certificate holders: the disability category makes some
 * WG-SS domains hard, difficulty makes products used and needed likely, and
 * cost is the commonest barrier (as rATA surveys find). Nothing here is real.
 */

/** A small deterministic generator (mulberry32): the same seed gives the same responses. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

/** The WG-SS domain each disability category (1-7) makes hard. */
const hardDomains: Readonly<Record<number, readonly FunctionDomain[]>> = {
  0: [],
  1: ['seeing'],
  2: ['hearing', 'communication'],
  3: ['communication'],
  4: ['walking', 'self_care'],
  5: ['cognition', 'communication'],
  6: ['cognition'],
  7: ['walking', 'seeing'],
};

/** Products that serve a domain's difficulty. */
const productsFor: Readonly<Record<FunctionDomain, readonly PriorityProduct['domain'][]>> = {
  seeing: ['vision'],
  hearing: ['hearing'],
  walking: ['mobility'],
  cognition: ['cognition'],
  self_care: ['selfCare'],
  communication: ['communication'],
};

/** Each value, chosen with its own probability. */
const weighted = (random: () => number, values: readonly (readonly [string, number])[]): string[] =>
  values.filter(([, p]) => random() < p).map(([value]) => value);

const barrierWeights: readonly (readonly [string, number])[] = [
  ['cost', 0.55],
  ['do_not_know_where', 0.3],
  ['too_far', 0.2],
  ['no_assessment', 0.15],
  ['not_available', 0.12],
  ['no_help', 0.1],
  ['not_suitable', 0.08],
  ['other', 0.03],
];

/** What people write about technology, by the domain that troubles them. */
const wishes: Readonly<Record<FunctionDomain, readonly string[]>> = {
  seeing: [
    '希望有盲人导航，出门过马路更安全',
    '手机读屏软件不好用，希望语音更清楚',
    '想要能识别药品说明的智能眼镜',
  ],
  hearing: ['希望助听器便宜一些，声音更清楚', '希望有字幕电话，能和家人通话', '门铃和闹钟希望有闪光振动提醒'],
  walking: ['希望有智能轮椅可以自己上下楼梯', '老小区没有电梯，希望有爬楼机', '想试试外骨骼机器人帮助行走'],
  cognition: ['家里老人容易走失，希望有定位手环', '希望有提醒吃药的智能设备'],
  self_care: ['洗澡不方便，希望家里做无障碍改造', '希望有智能护理床，翻身方便'],
  communication: ['希望有沟通板，能和别人交流', '说话别人听不懂，希望有语音合成设备'],
};

/** A synthetic respondent's demographics and answers. */
export function generateResponse(
  random: () => number,
  districtCodes: readonly string[],
): { readonly who: Demographics; readonly answers: Answers } {
  const category = random() < 0.08 ? 0 : 1 + Math.floor(random() * 7);
  const who: Demographics = {
    districtCode: pick(random, districtCodes),
    ageGroup: pick(random, [...ageGroups, '45-59', '60-74', '60-74', '75+']),
    disabilityCategory: category,
  };
  const hard = new Set(hardDomains[category] ?? []);
  const wgss: Record<string, string> = {};
  for (const domain of functionDomains) {
    const r = random();
    wgss[domain] = hard.has(domain)
      ? r < 0.45
        ? 'a_lot'
        : r < 0.7
          ? 'cannot'
          : r < 0.92
            ? 'some'
            : 'none'
      : r < 0.72
        ? 'none'
        : r < 0.93
          ? 'some'
          : 'a_lot';
  }
  const answers: Record<string, Answer> = { wgss };

  const troubled = functionDomains.filter((d) => wgss[d] === 'a_lot' || wgss[d] === 'cannot' || hard.has(d));
  const candidates = priorityProducts.filter((p) =>
    troubled.some((domain) => productsFor[domain].includes(p.domain)),
  );
  const used = candidates.filter(() => random() < 0.3).map((p) => p.code);
  const needed = candidates.filter((p) => !used.includes(p.code) && random() < 0.35).map((p) => p.code);
  if (used.length > 0) {
    answers.products_used = used;
    answers.source = pick(random, [
      'government',
      'government',
      'hospital',
      'shop',
      'online',
      'charity',
      'other',
    ]);
    const payers = weighted(random, [
      ['self_family', 0.6],
      ['subsidy', 0.45],
      ['insurance', 0.1],
      ['charity', 0.05],
    ]);
    answers.payer = payers.length > 0 ? payers : ['self_family'];
    const satisfaction: Record<string, string> = {};
    for (const aspect of ['product', 'assessment', 'training', 'repair']) {
      const r = random();
      satisfaction[aspect] =
        aspect !== 'product' && r < 0.25
          ? 'na'
          : r < 0.05
            ? 's1'
            : r < 0.15
              ? 's2'
              : r < 0.4
                ? 's3'
                : r < 0.8
                  ? 's4'
                  : 's5';
    }
    answers.satisfaction = satisfaction;
    const unhappy = Object.values(satisfaction).some((s) => s === 's1' || s === 's2');
    if (unhappy) {
      const reasons = weighted(random, [
        ['discomfort', 0.5],
        ['poor_fit', 0.4],
        ['service_quality', 0.3],
        ['looks', 0.1],
        ['broken', 0.2],
      ]);
      answers.dissatisfaction = reasons.length > 0 ? reasons : ['other'];
    }
  }
  if (needed.length > 0) {
    answers.products_needed = needed;
    const chosen = weighted(random, barrierWeights);
    answers.barriers = chosen.length > 0 ? chosen : ['cost'];
  }
  if (random() < 0.6) answers.travel_minutes = 5 + Math.floor(random() * 24) * 5;

  const tech = weighted(random, [
    ['smart_mobility', troubled.includes('walking') ? 0.5 : 0.05],
    ['exoskeleton', troubled.includes('walking') ? 0.25 : 0.02],
    ['brain_computer_interface', 0.04],
    ['smart_hearing', troubled.includes('hearing') ? 0.6 : 0.03],
    ['blind_navigation', troubled.includes('seeing') ? 0.55 : 0.02],
    ['home_adaptation', troubled.includes('self_care') || troubled.includes('walking') ? 0.35 : 0.1],
    ['communication_aid', troubled.includes('communication') ? 0.4 : 0.03],
    ['smart_care', troubled.includes('cognition') ? 0.4 : 0.08],
  ]);
  answers.tech_needs = tech.length > 0 ? tech : ['none'];
  const wishDomain = troubled[0];
  if (wishDomain !== undefined && random() < 0.4) answers.tech_need_text = pick(random, wishes[wishDomain]);
  return { who, answers };
}
