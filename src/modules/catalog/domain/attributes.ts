/**
 * Technical attributes per ISO 9999 / GB/T 16432 subclass, as Norway's
 * catalog keeps them (seat width, user weight…) so that search can offer
 * range filters. Numbers carry a unit and a plausible range; text attributes
 * (IP rating, material, platform…) are free text.
 *
 * The ranges are sanity bounds for data entry and import, not product
 * requirements: a value outside them is almost certainly a typing or unit
 * error (millimetres entered as centimetres, grams as kilograms).
 */
export interface AttributeDefinition {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  readonly unit: string | null;
  readonly kind: 'number' | 'text';
  readonly min?: number;
  readonly max?: number;
}

const num = (id: string, zh: string, en: string, unit: string | null, min: number, max: number) =>
  ({ id, zh, en, unit, kind: 'number', min, max }) as const satisfies AttributeDefinition;
const text = (id: string, zh: string, en: string) =>
  ({ id, zh, en, unit: null, kind: 'text' }) as const satisfies AttributeDefinition;

export const attributeDefinitions: readonly AttributeDefinition[] = [
  // Seating and size
  num('seatWidth', '座宽', 'Seat width', 'cm', 20, 80),
  num('seatDepth', '座深', 'Seat depth', 'cm', 20, 70),
  num('seatHeight', '座高', 'Seat height', 'cm', 10, 100),
  num('length', '长度', 'Length', 'cm', 1, 400),
  num('width', '宽度', 'Width', 'cm', 1, 300),
  num('thickness', '厚度', 'Thickness', 'cm', 0.1, 40),
  num('diameter', '直径', 'Diameter', 'cm', 0.3, 100),
  num('minHeight', '最低高度', 'Minimum height', 'cm', 5, 250),
  num('maxHeight', '最高高度', 'Maximum height', 'cm', 5, 300),
  num('foldedWidth', '折叠宽度', 'Folded width', 'cm', 5, 100),
  num('rearWheelDiameter', '后轮直径', 'Rear wheel diameter', 'in', 6, 26),
  num('sections', '节数', 'Sections', null, 1, 10),
  // Users and loads
  num('maxUserWeight', '最大承重', 'Maximum user weight', 'kg', 5, 300),
  num('loadCapacity', '额定载荷', 'Load capacity', 'kg', 0.1, 500),
  num('productWeight', '产品重量', 'Product weight', 'kg', 0.005, 500),
  num('userHeightMin', '适用身高下限', 'Minimum user height', 'cm', 50, 220),
  num('userHeightMax', '适用身高上限', 'Maximum user height', 'cm', 50, 220),
  num('ageMin', '适用最小年龄', 'Minimum age', 'y', 0, 100),
  // Power and motion
  num('batteryRange', '续航里程', 'Battery range', 'km', 1, 100),
  num('maxSpeed', '最高速度', 'Maximum speed', 'km/h', 0.1, 20),
  num('batteryCapacity', '电池容量', 'Battery capacity', 'Ah', 0.5, 200),
  num('batteryLife', '电池续航时间', 'Battery life', 'h', 1, 2000),
  num('power', '额定功率', 'Rated power', 'W', 0.1, 5000),
  num('maxStairAngle', '最大爬楼角度', 'Maximum stair angle', '°', 10, 60),
  num('stepsPerCharge', '单次充电爬楼级数', 'Steps per charge', null, 10, 2000),
  num('adjustableFunctions', '可调功能数', 'Adjustable functions', null, 1, 10),
  // Orthoses, prostheses, robots
  num('activityLevel', '适用活动等级（K级）', 'Activity level (K-level)', null, 0, 4),
  num('poweredJoints', '主动关节数', 'Powered joints', null, 1, 12),
  num('degreesOfFreedom', '自由度', 'Degrees of freedom', null, 1, 30),
  num('gripForce', '握力', 'Grip force', 'N', 1, 300),
  num('programs', '训练项目数', 'Training programmes', null, 1, 2000),
  // Hearing
  num('gain', '最大声增益', 'Maximum gain', 'dB', 0, 90),
  num('maxOutput', '最大输出声压级', 'Maximum output', 'dB SPL', 60, 145),
  num('channels', '通道数', 'Channels', null, 1, 64),
  num('noiseReduction', '降噪值（SNR）', 'Noise reduction (SNR)', 'dB', 5, 40),
  // Seeing
  num('magnification', '放大倍数', 'Magnification', '×', 1, 100),
  num('screenSize', '屏幕尺寸', 'Screen size', 'in', 1, 40),
  num('fieldOfView', '视场角', 'Field of view', '°', 1, 180),
  num('illuminance', '照度', 'Illuminance', 'lx', 100, 10000),
  num('colourTemperature', '色温', 'Colour temperature', 'K', 2000, 7000),
  num('brailleCells', '盲文方数', 'Braille cells', null, 1, 100),
  // Information and communication
  num('symbolCount', '符号词汇量', 'Symbol vocabulary', null, 1, 20000),
  num('storage', '存储容量', 'Storage', 'GB', 0.5, 1024),
  num('wirelessRange', '无线传输距离', 'Wireless range', 'm', 1, 2000),
  num('detectionRange', '探测距离', 'Detection range', 'm', 0.1, 50),
  num('samplingRate', '采样率', 'Sampling rate', 'Hz', 1, 2000),
  num('compartments', '药格数', 'Compartments', null, 1, 60),
  num('alarmsPerDay', '每日提醒次数', 'Reminders per day', null, 1, 24),
  // Daily living
  num('volume', '容量', 'Capacity', 'mL', 10, 5000),
  num('absorbency', '吸收量', 'Absorbency', 'mL', 100, 5000),
  num('piecesPerPack', '每包片数', 'Pieces per pack', null, 1, 200),
  // Text
  text('ipRating', '防护等级', 'IP rating'),
  text('material', '主要材质', 'Main material'),
  text('sizes', '规格尺码', 'Sizes'),
  text('side', '适用侧', 'Side'),
  text('voiceLanguages', '语音语言', 'Voice languages'),
  text('connectivity', '连接方式', 'Connectivity'),
  text('platform', '运行平台', 'Platform'),
  text('measurementRange', '测量范围', 'Measurement range'),
  text('fittingRange', '适配听力损失程度', 'Fitting range'),
  text('batteryType', '电池类型', 'Battery type'),
];

const byId = new Map(attributeDefinitions.map((d) => [d.id, d]));

/** Attribute ids per 4-digit subclass; the 2-digit class list is the fallback. */
const bySubclass: Readonly<Record<string, readonly string[]>> = {
  '0419': ['compartments', 'alarmsPerDay', 'batteryLife', 'voiceLanguages', 'connectivity', 'productWeight'],
  '0424': ['measurementRange', 'voiceLanguages', 'batteryLife', 'sizes', 'productWeight'],
  '0427': ['channels', 'programs', 'batteryLife', 'connectivity', 'productWeight'],
  '0433': [
    'seatWidth',
    'seatDepth',
    'length',
    'width',
    'thickness',
    'maxUserWeight',
    'power',
    'material',
    'productWeight',
  ],
  '0448': [
    'maxUserWeight',
    'userHeightMin',
    'userHeightMax',
    'minHeight',
    'maxHeight',
    'power',
    'maxSpeed',
    'programs',
    'poweredJoints',
    'degreesOfFreedom',
    'channels',
    'productWeight',
  ],
  '0503': ['platform', 'programs', 'ageMin', 'voiceLanguages'],
  '0506': ['platform', 'programs', 'brailleCells', 'ageMin', 'voiceLanguages', 'productWeight'],
  '0512': ['platform', 'programs', 'ageMin', 'screenSize'],
  '0603': ['sizes', 'material', 'productWeight'],
  '0606': ['sizes', 'side', 'material', 'productWeight'],
  '0612': ['sizes', 'side', 'material', 'maxUserWeight', 'productWeight'],
  '0615': [
    'maxUserWeight',
    'userHeightMin',
    'userHeightMax',
    'poweredJoints',
    'batteryLife',
    'maxSpeed',
    'ipRating',
    'productWeight',
  ],
  '0618': ['side', 'gripForce', 'degreesOfFreedom', 'batteryLife', 'material', 'sizes', 'productWeight'],
  '0624': ['side', 'activityLevel', 'maxUserWeight', 'batteryLife', 'ipRating', 'material', 'productWeight'],
  '0633': ['sizes', 'material', 'productWeight'],
  '0906': ['sizes', 'material', 'productWeight'],
  '0909': ['length', 'material', 'productWeight'],
  '0912': [
    'seatWidth',
    'seatHeight',
    'minHeight',
    'maxHeight',
    'width',
    'volume',
    'maxUserWeight',
    'material',
    'productWeight',
  ],
  '0927': ['volume', 'power', 'batteryLife', 'material', 'productWeight'],
  '0930': ['sizes', 'absorbency', 'piecesPerPack'],
  '0933': [
    'seatWidth',
    'minHeight',
    'maxHeight',
    'length',
    'width',
    'maxUserWeight',
    'material',
    'productWeight',
  ],
  '1203': ['minHeight', 'maxHeight', 'length', 'sections', 'maxUserWeight', 'material', 'productWeight'],
  '1206': [
    'minHeight',
    'maxHeight',
    'width',
    'seatHeight',
    'foldedWidth',
    'maxUserWeight',
    'material',
    'productWeight',
  ],
  '1218': ['seatWidth', 'length', 'maxUserWeight', 'material', 'productWeight'],
  '1222': [
    'seatWidth',
    'seatDepth',
    'seatHeight',
    'foldedWidth',
    'rearWheelDiameter',
    'maxUserWeight',
    'material',
    'productWeight',
  ],
  '1223': [
    'seatWidth',
    'seatDepth',
    'foldedWidth',
    'maxUserWeight',
    'batteryRange',
    'maxSpeed',
    'batteryCapacity',
    'power',
    'ipRating',
    'productWeight',
  ],
  '1224': ['batteryRange', 'maxSpeed', 'batteryCapacity', 'power', 'maxUserWeight', 'productWeight'],
  '1231': ['length', 'width', 'maxUserWeight', 'material', 'productWeight'],
  '1236': ['loadCapacity', 'minHeight', 'maxHeight', 'power', 'batteryCapacity', 'productWeight'],
  '1239': [
    'length',
    'sections',
    'detectionRange',
    'batteryLife',
    'ipRating',
    'connectivity',
    'material',
    'productWeight',
  ],
  '1503': ['loadCapacity', 'voiceLanguages', 'batteryLife', 'productWeight'],
  '1509': ['volume', 'length', 'batteryLife', 'degreesOfFreedom', 'power', 'material', 'productWeight'],
  '1812': [
    'length',
    'width',
    'minHeight',
    'maxHeight',
    'loadCapacity',
    'adjustableFunctions',
    'power',
    'productWeight',
  ],
  '1818': ['length', 'diameter', 'loadCapacity', 'material'],
  '1830': [
    'loadCapacity',
    'maxStairAngle',
    'stepsPerCharge',
    'maxSpeed',
    'length',
    'width',
    'power',
    'material',
    'productWeight',
  ],
  '2203': ['magnification', 'screenSize', 'diameter', 'fieldOfView', 'batteryLife', 'productWeight'],
  '2206': [
    'gain',
    'maxOutput',
    'channels',
    'batteryLife',
    'batteryType',
    'fittingRange',
    'connectivity',
    'ipRating',
  ],
  '2209': ['maxOutput', 'power', 'batteryLife', 'productWeight'],
  '2212': ['brailleCells', 'material', 'productWeight'],
  '2218': [
    'storage',
    'wirelessRange',
    'channels',
    'batteryLife',
    'voiceLanguages',
    'connectivity',
    'productWeight',
  ],
  '2221': ['screenSize', 'symbolCount', 'batteryLife', 'voiceLanguages', 'platform', 'productWeight'],
  '2224': ['screenSize', 'gain', 'batteryLife', 'voiceLanguages', 'connectivity'],
  '2227': [
    'wirelessRange',
    'maxOutput',
    'alarmsPerDay',
    'screenSize',
    'batteryLife',
    'voiceLanguages',
    'connectivity',
    'ipRating',
  ],
  '2230': ['storage', 'batteryLife', 'voiceLanguages', 'connectivity', 'productWeight'],
  '2236': ['samplingRate', 'channels', 'connectivity', 'platform', 'productWeight'],
  '2239': [
    'brailleCells',
    'magnification',
    'batteryLife',
    'connectivity',
    'platform',
    'voiceLanguages',
    'productWeight',
  ],
  '2413': ['wirelessRange', 'power', 'voiceLanguages', 'connectivity'],
  '2418': ['diameter', 'length', 'degreesOfFreedom', 'loadCapacity', 'power', 'material', 'productWeight'],
  '2421': ['length', 'loadCapacity', 'material', 'productWeight'],
  '2703': ['noiseReduction', 'illuminance', 'colourTemperature', 'power', 'sizes', 'ageMin', 'productWeight'],
  '2706': ['measurementRange', 'voiceLanguages', 'batteryLife', 'productWeight'],
  '2803': ['minHeight', 'maxHeight', 'length', 'width', 'seatWidth', 'loadCapacity', 'power'],
  '2830': ['platform', 'programs', 'length', 'material'],
  '3003': ['ageMin', 'batteryLife', 'connectivity', 'material', 'productWeight'],
  '3006': ['ageMin', 'length', 'width', 'material', 'productWeight'],
  '3009': ['seatWidth', 'diameter', 'maxUserWeight', 'material', 'productWeight'],
};

/** The fallback for a code whose subclass has no list of its own. */
const byClass: Readonly<Record<string, readonly string[]>> = {
  '04': ['power', 'batteryLife', 'material', 'productWeight'],
  '05': ['platform', 'programs', 'ageMin'],
  '06': ['sizes', 'side', 'material', 'productWeight'],
  '09': ['sizes', 'material', 'productWeight'],
  '12': ['maxUserWeight', 'material', 'productWeight'],
  '15': ['material', 'productWeight'],
  '18': ['length', 'width', 'loadCapacity', 'material'],
  '22': ['batteryLife', 'voiceLanguages', 'connectivity', 'productWeight'],
  '24': ['length', 'material', 'productWeight'],
  '27': ['power', 'measurementRange', 'productWeight'],
  '28': ['length', 'width', 'material'],
  '30': ['ageMin', 'material', 'productWeight'],
};

const resolve = (ids: readonly string[]): readonly AttributeDefinition[] =>
  ids.flatMap((id) => {
    const definition = byId.get(id);
    return definition === undefined ? [] : [definition];
  });

const resolvedSubclasses = new Map(Object.entries(bySubclass).map(([code, ids]) => [code, resolve(ids)]));
const resolvedClasses = new Map(Object.entries(byClass).map(([code, ids]) => [code, resolve(ids)]));

/** The attributes a product with this ISO code may carry: by 4-digit subclass, then by 2-digit class. */
export function attributesFor(isoCode: string): readonly AttributeDefinition[] {
  const digits = isoCode.replace(/\s/g, '');
  return resolvedSubclasses.get(digits.slice(0, 4)) ?? resolvedClasses.get(digits.slice(0, 2)) ?? [];
}

export function attributeDefinition(id: string): AttributeDefinition | undefined {
  return byId.get(id);
}
