/**
 * Deterministic synthetic catalog for the search tests and the 50,000-product
 * smoke test. Not used by production code; it lives next to the tests so the
 * generated vocabulary stays in step with the dictionary.
 */
import type { IndexedProduct } from './index.ts';

interface ProductType {
  readonly zh: string;
  readonly en: string;
  readonly iso: string;
  readonly classTitles: readonly string[];
  readonly functionAreas: readonly string[];
  readonly disabilityCategories: readonly string[];
  readonly priceYuan: readonly [number, number];
  readonly attributes: Readonly<Record<string, readonly [number, number]>>;
  readonly features: readonly string[];
}

const mobility = '个人移动辅助器具';
const communication = '沟通和信息辅助器具';
const selfCare = '个人生活自理和防护辅助器具';

export const productTypes: readonly ProductType[] = [
  {
    zh: '手动轮椅',
    en: 'Manual wheelchair',
    iso: '122203',
    classTitles: [mobility, '人力轮椅车'],
    functionAreas: ['mobility'],
    disabilityCategories: ['physical'],
    priceYuan: [600, 3000],
    attributes: { seatWidthMm: [400, 500], weightKg: [10, 20], maxLoadKg: [100, 150] },
    features: ['铝合金车架', '可折叠', '实心轮胎', '免充气'],
  },
  {
    zh: '电动轮椅',
    en: 'Electric wheelchair',
    iso: '122306',
    classTitles: [mobility, '电动轮椅车'],
    functionAreas: ['mobility'],
    disabilityCategories: ['physical'],
    priceYuan: [3000, 25000],
    attributes: { seatWidthMm: [420, 520], weightKg: [20, 60], maxLoadKg: [100, 180], rangeKm: [15, 40] },
    features: ['锂电池', '续航长', '智能刹车', '可折叠'],
  },
  {
    zh: '儿童轮椅',
    en: "Children's wheelchair",
    iso: '122203',
    classTitles: [mobility, '人力轮椅车'],
    functionAreas: ['mobility'],
    disabilityCategories: ['physical', 'multiple'],
    priceYuan: [1500, 8000],
    attributes: { seatWidthMm: [280, 380], weightKg: [8, 15] },
    features: ['可调节', '头枕', '安全带'],
  },
  {
    zh: '手杖',
    en: 'Walking stick',
    iso: '120303',
    classTitles: [mobility, '单臂操作助行器'],
    functionAreas: ['mobility'],
    disabilityCategories: ['physical'],
    priceYuan: [30, 300],
    attributes: { heightMm: [700, 950], weightKg: [0.3, 1] },
    features: ['防滑', '可调节高度', '轻便'],
  },
  {
    zh: '腋拐',
    en: 'Axillary crutch',
    iso: '120312',
    classTitles: [mobility, '单臂操作助行器'],
    functionAreas: ['mobility'],
    disabilityCategories: ['physical'],
    priceYuan: [60, 400],
    attributes: { heightMm: [1000, 1400] },
    features: ['铝合金', '防滑脚垫'],
  },
  {
    zh: '助行器',
    en: 'Walking frame',
    iso: '120606',
    classTitles: [mobility, '双臂操作助行器'],
    functionAreas: ['mobility'],
    disabilityCategories: ['physical'],
    priceYuan: [100, 1200],
    attributes: { heightMm: [750, 950], weightKg: [2, 8] },
    features: ['折叠', '带座椅', '带轮'],
  },
  {
    zh: '盲杖',
    en: 'White cane',
    iso: '123903',
    classTitles: [mobility, '定向辅助器具'],
    functionAreas: ['seeing', 'mobility'],
    disabilityCategories: ['visual'],
    priceYuan: [50, 2000],
    attributes: { lengthMm: [1000, 1400] },
    features: ['可折叠', '反光', '智能避障'],
  },
  {
    zh: '助听器',
    en: 'Hearing aid',
    iso: '222406',
    classTitles: [communication, '助听器'],
    functionAreas: ['hearing'],
    disabilityCategories: ['hearing'],
    priceYuan: [800, 30000],
    attributes: { channels: [4, 48], batteryHours: [50, 200] },
    features: ['降噪', '可充电', '蓝牙'],
  },
  {
    zh: '耳背机',
    en: 'Behind-the-ear hearing aid',
    iso: '222406',
    classTitles: [communication, '助听器'],
    functionAreas: ['hearing'],
    disabilityCategories: ['hearing'],
    priceYuan: [1000, 20000],
    attributes: { channels: [4, 32] },
    features: ['大功率', '防水'],
  },
  {
    zh: '闪光门铃',
    en: 'Flashing doorbell',
    iso: '222703',
    classTitles: [communication, '信号和指示器'],
    functionAreas: ['hearing'],
    disabilityCategories: ['hearing'],
    priceYuan: [80, 600],
    attributes: {},
    features: ['无线', '闪光提醒'],
  },
  {
    zh: '振动闹钟',
    en: 'Vibrating alarm clock',
    iso: '222718',
    classTitles: [communication, '时钟'],
    functionAreas: ['hearing'],
    disabilityCategories: ['hearing'],
    priceYuan: [60, 400],
    attributes: {},
    features: ['振动', '大字'],
  },
  {
    zh: '放大镜',
    en: 'Magnifier',
    iso: '220303',
    classTitles: [communication, '光学辅助器具'],
    functionAreas: ['seeing'],
    disabilityCategories: ['visual'],
    priceYuan: [30, 800],
    attributes: { magnification: [2, 10] },
    features: ['手持', 'led照明'],
  },
  {
    zh: '电子助视器',
    en: 'Video magnifier',
    iso: '221803',
    classTitles: [communication, '视频放大系统'],
    functionAreas: ['seeing'],
    disabilityCategories: ['visual'],
    priceYuan: [2000, 30000],
    attributes: { magnification: [2, 60], screenInch: [5, 24] },
    features: ['高清', '语音播报', '大屏'],
  },
  {
    zh: '读屏软件',
    en: 'Screen reader',
    iso: '223912',
    classTitles: [communication, '计算机软件'],
    functionAreas: ['seeing', 'communication'],
    disabilityCategories: ['visual'],
    priceYuan: [0, 3000],
    attributes: {},
    features: ['语音', '快捷键'],
  },
  {
    zh: '盲文点显器',
    en: 'Braille display',
    iso: '223906',
    classTitles: [communication, '盲文输出设备'],
    functionAreas: ['seeing', 'communication'],
    disabilityCategories: ['visual'],
    priceYuan: [10000, 60000],
    attributes: { cells: [14, 80] },
    features: ['蓝牙', '可充电'],
  },
  {
    zh: '沟通板',
    en: 'Communication board',
    iso: '222109',
    classTitles: [communication, '面对面沟通辅助器具'],
    functionAreas: ['communication'],
    disabilityCategories: ['speech', 'intellectual'],
    priceYuan: [100, 5000],
    attributes: {},
    features: ['语音输出', '图片'],
  },
  {
    zh: '坐便椅',
    en: 'Commode chair',
    iso: '091203',
    classTitles: [selfCare, '如厕辅助器具'],
    functionAreas: ['self_care'],
    disabilityCategories: ['physical'],
    priceYuan: [150, 1500],
    attributes: { maxLoadKg: [100, 150] },
    features: ['防水', '扶手', '可调节'],
  },
  {
    zh: '洗澡椅',
    en: 'Shower chair',
    iso: '093303',
    classTitles: [selfCare, '洗浴辅助器具'],
    functionAreas: ['self_care'],
    disabilityCategories: ['physical'],
    priceYuan: [100, 1200],
    attributes: { maxLoadKg: [100, 150] },
    features: ['防滑', '防水'],
  },
  {
    zh: '护理床',
    en: 'Nursing bed',
    iso: '181210',
    classTitles: ['家具和适配件', '床'],
    functionAreas: ['self_care', 'mobility'],
    disabilityCategories: ['physical', 'multiple'],
    priceYuan: [2000, 30000],
    attributes: { lengthMm: [1900, 2100], maxLoadKg: [150, 250] },
    features: ['电动', '翻身', '护栏'],
  },
  {
    zh: '防褥疮床垫',
    en: 'Pressure relief mattress',
    iso: '043306',
    classTitles: ['个人医疗辅助器具', '防压疮辅助器具'],
    functionAreas: ['self_care'],
    disabilityCategories: ['physical'],
    priceYuan: [300, 5000],
    attributes: {},
    features: ['气垫', '静音'],
  },
  {
    zh: '下肢假肢',
    en: 'Lower limb prosthesis',
    iso: '062412',
    classTitles: ['矫形器和假肢', '下肢假肢'],
    functionAreas: ['mobility'],
    disabilityCategories: ['physical'],
    priceYuan: [5000, 200000],
    attributes: { weightKg: [1, 4] },
    features: ['碳纤维', '智能'],
  },
  {
    zh: '矫形器',
    en: 'Orthosis',
    iso: '060609',
    classTitles: ['矫形器和假肢', '上肢矫形器'],
    functionAreas: ['mobility', 'self_care'],
    disabilityCategories: ['physical'],
    priceYuan: [200, 8000],
    attributes: {},
    features: ['定制', '轻便'],
  },
  {
    zh: '认知训练软件',
    en: 'Cognitive training software',
    iso: '050312',
    classTitles: ['技能训练辅助器具', '记忆训练'],
    functionAreas: ['cognition'],
    disabilityCategories: ['intellectual', 'mental'],
    priceYuan: [0, 5000],
    attributes: {},
    features: ['记忆', '训练'],
  },
  {
    zh: '防走失定位器',
    en: 'GPS locator',
    iso: '222906',
    classTitles: [communication, '报警系统'],
    functionAreas: ['cognition'],
    disabilityCategories: ['intellectual', 'mental'],
    priceYuan: [100, 1000],
    attributes: { batteryHours: [24, 240] },
    features: ['定位', '紧急呼叫'],
  },
];

const brands = [
  '鱼跃',
  '互邦',
  '康扬',
  '凯洋',
  '可孚',
  '欧乐',
  '瑞康',
  '安达',
  '福寿',
  '乐健',
  '九圆',
  '和泰',
];
const modifiers = ['', '', '轻便', '折叠', '老人', '家用', '智能', '医用', '便携'];
const uses = ['适合老人出行使用', '家庭护理首选', '医院康复科推荐', '适配评估后使用', '残疾人辅具补贴产品'];

/** Small fast deterministic PRNG (mulberry32), so generated catalogs are identical on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

/** `count` products spread evenly over the product types, one supplier per brand, 3 years of publication dates. */
export function syntheticCatalog(count: number, seed = 1): IndexedProduct[] {
  const rand = random(seed);
  const out: IndexedProduct[] = [];
  for (let i = 0; i < count; i++) {
    const type = productTypes[i % productTypes.length] as ProductType;
    const brandIndex = Math.floor(rand() * brands.length);
    const brand = brands[brandIndex] ?? '';
    const modifier = pick(rand, modifiers);
    const model = `${brand.length > 1 ? 'ky' : 'k'}${String.fromCharCode(97 + (i % 26))}-${100 + (i % 900)}`;
    const [low, high] = type.priceYuan;
    const priceFen = Math.round((low + rand() * (high - low)) * 100);
    const attributes: Record<string, number> = {};
    for (const [attribute, [min, max]] of Object.entries(type.attributes)) {
      attributes[attribute] = Math.round((min + rand() * (max - min)) * 10) / 10;
    }
    const features = type.features.filter(() => rand() < 0.6).join('，');
    const name = `${brand}${modifier}${type.zh}`;
    out.push({
      id: `p${String(i).padStart(6, '0')}`,
      fields: {
        name,
        nameEn: `${type.en} ${model.toUpperCase()}`,
        model: model.toUpperCase(),
        classTitles: type.classTitles,
        description: `${name}，${features}。${pick(rand, uses)}。`,
        supplier: `${brand}医疗器械有限公司`,
      },
      isoCode: type.iso,
      functionAreas: type.functionAreas,
      disabilityCategories: type.disabilityCategories,
      supplierId: `s${brandIndex}`,
      supplierName: `${brand}医疗器械有限公司`,
      priceFen,
      attributes,
      inSubsidyCatalog: rand() < 0.3,
      publishedAt: Date.UTC(2023, 0, 1) + Math.floor(rand() * 3 * 365) * 86_400_000,
      nameForSort: name,
    });
  }
  return out;
}
