import type { Text } from './questionnaire.ts';

/** The function a product serves: the picker groups products by it, as rATA does. */
export const productDomains = [
  'mobility',
  'vision',
  'hearing',
  'communication',
  'cognition',
  'selfCare',
] as const;
export type ProductDomain = (typeof productDomains)[number];

export interface PriorityProduct {
  /** Stored in answers and measures (`use.apl05`, `unmet.apl05`). */
  readonly code: string;
  readonly name: Text;
  readonly domain: ProductDomain;
  /** The ISO 9999 class (GB/T 16432) the product belongs to: analytics groups by it. */
  readonly isoClass: string;
}

const product = (
  code: string,
  domain: ProductDomain,
  isoClass: string,
  zh: string,
  en: string,
): PriorityProduct => ({
  code,
  domain,
  isoClass,
  name: { zh, en },
});

/**
 * Products of the WHO Priority Assistive Products List (2016) that the survey
 * asks about, each under its ISO 9999 class. The list is data the rATA
 * instrument shares, which keeps Xi'an's figures comparable with other
 * countries' surveys.
 */
export const priorityProducts: readonly PriorityProduct[] = [
  product('apl01', 'mobility', '1203', '手杖、拐杖', 'Canes and crutches'),
  product('apl02', 'mobility', '1206', '助行器、助行架', 'Walking frames'),
  product('apl03', 'mobility', '1222', '手动轮椅', 'Manual wheelchairs'),
  product('apl04', 'mobility', '1223', '电动轮椅', 'Powered wheelchairs'),
  product('apl05', 'mobility', '0618', '下肢假肢', 'Lower-limb prostheses'),
  product('apl06', 'mobility', '0612', '下肢矫形器', 'Lower-limb orthoses'),
  product('apl07', 'mobility', '0403', '防压疮坐垫、床垫', 'Pressure-relief cushions and mattresses'),
  product('apl08', 'mobility', '1809', '站立架、姿势支撑', 'Standing frames and postural support'),
  product('apl09', 'vision', '2203', '眼镜、低视力助视器', 'Spectacles and low-vision aids'),
  product('apl10', 'vision', '2203', '放大镜、电子助视器', 'Magnifiers, handheld and video'),
  product('apl11', 'vision', '1239', '盲杖', 'White canes'),
  product('apl12', 'vision', '2239', '读屏软件', 'Screen readers'),
  product('apl13', 'vision', '2239', '盲文点显器、盲文设备', 'Braille displays and writing equipment'),
  product('apl14', 'hearing', '2206', '助听器', 'Hearing aids'),
  product('apl15', 'hearing', '2206', '人工耳蜗', 'Cochlear implants'),
  product('apl16', 'hearing', '2227', '闪光、振动提示器', 'Flashing and vibrating alerts'),
  product(
    'apl17',
    'communication',
    '2221',
    '沟通板、语音输出设备',
    'Communication boards and speech devices',
  ),
  product('apl18', 'communication', '2224', '大按键手机、通讯辅助', 'Simplified mobile phones'),
  product('apl19', 'cognition', '2227', '定位器、防走失设备', 'Personal locators and emergency alerts'),
  product('apl20', 'cognition', '2228', '提醒器、日程辅助', 'Reminders and time-management aids'),
  product('apl21', 'selfCare', '0933', '洗浴椅、洗澡凳', 'Shower chairs'),
  product('apl22', 'selfCare', '0912', '坐便椅、马桶增高器', 'Commode chairs and raised toilet seats'),
  product('apl23', 'selfCare', '1812', '护理床', 'Care beds'),
  product('apl24', 'selfCare', '0930', '失禁用品', 'Incontinence products'),
];

const byCode = new Map(priorityProducts.map((p) => [p.code, p]));

export const priorityProduct = (code: string): PriorityProduct | undefined => byCode.get(code);
export const isPriorityProduct = (code: string): boolean => byCode.has(code);
