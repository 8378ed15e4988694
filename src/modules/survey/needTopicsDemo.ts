import { type Queryable, sql } from '../../platform/db/index.ts';

interface DemoTopic {
  readonly title: { readonly zh: string; readonly en: string };
  readonly summary: { readonly zh: string; readonly en: string };
  readonly measures: readonly string[];
  readonly keywords: readonly string[];
  readonly isoClasses: readonly string[];
}

/**
 * Topics a city worker would draw from the demo campaign: each names
 * measures, words and ISO classes the generated answers and the fitting
 * demo's follow-ups actually contain, so every topic shows evidence.
 */
const demoTopics: readonly DemoTopic[] = [
  {
    title: { zh: '智能出行与上下楼', en: 'Smart mobility and stairs' },
    summary: {
      zh: '许多轮椅使用者住在没有电梯的老旧小区，上下楼要靠家人背。调查中需要电动轮椅、手动轮椅而没有得到的人很多，费用是最常见的原因。寻找价格可负担的爬楼、助行和智能出行方案。',
      en: 'Many wheelchair users live in older blocks without lifts and depend on family to carry them up and down stairs. Many respondents need a powered or manual wheelchair and do not have one, most often because of cost. We seek affordable stair-climbing, walking and smart-mobility solutions.',
    },
    measures: ['unmet.apl04', 'unmet.apl03', 'tech.smart_mobility', 'barrier.cost'],
    keywords: ['轮椅', '楼梯', '爬楼机'],
    isoClasses: ['1222', '1223'],
  },
  {
    title: { zh: '盲人出行导航', en: 'Navigation for blind people' },
    summary: {
      zh: '视力残疾人希望独立出行：过马路、找公交站、在商场和医院里找到方向。调查中盲杖和读屏软件的需求未满足，盲人导航是视力残疾人最常选的新技术。',
      en: 'People with visual impairments want to travel on their own: crossing roads, finding bus stops, finding their way in shopping centres and hospitals. White canes and screen readers are unmet needs in the survey, and navigation is the technology visually impaired respondents choose most.',
    },
    measures: ['tech.blind_navigation', 'unmet.apl11', 'unmet.apl12'],
    keywords: ['导航', '盲人'],
    isoClasses: ['1239', '2239'],
  },
  {
    title: { zh: '可负担的智能听力设备', en: 'Affordable smart hearing' },
    summary: {
      zh: '需要助听器而没有的人多数说买不起；已配的助听器也有不少闲置。寻找价格可负担、易于验配和调试的智能听力设备，以及实时字幕等沟通辅助。',
      en: 'Most people who need a hearing aid and have none say they cannot afford one, and many fitted aids go unused. We seek affordable smart hearing devices that are easy to fit and adjust, and communication aids such as live captions.',
    },
    measures: ['unmet.apl14', 'tech.smart_hearing', 'barrier.cost'],
    keywords: ['助听器', '字幕'],
    isoClasses: ['2206'],
  },
];

/**
 * Three published need topics drawn from the demo campaign's measured needs.
 * Skips when any topic exists, so reseeding never duplicates them. Returns
 * how many it inserted.
 */
export async function seedNeedTopicsDemo(tx: Queryable, createdBy: string | null): Promise<number> {
  const existing = await tx.query<{ n: number }>(sql`select count(*)::int as n from need_topic`);
  if ((existing[0]?.n ?? 0) > 0) return 0;
  for (const topic of demoTopics) {
    await tx.query(
      sql`insert into need_topic (title_zh, title_en, summary_zh, summary_en, measures, keywords, iso_classes,
                                  status, published_at, created_by)
          values (${topic.title.zh}, ${topic.title.en}, ${topic.summary.zh}, ${topic.summary.en},
                  ${[...topic.measures]}::text[], ${[...topic.keywords]}::text[], ${[...topic.isoClasses]}::text[],
                  'published', now(), ${createdBy}::uuid)`,
    );
  }
  return demoTopics.length;
}
