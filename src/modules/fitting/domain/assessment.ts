import type { DisabilityCategory } from '../../../platform/ids/index.ts';

/**
 * Assessment forms per function area (NAV's areas in DOMAIN.md, with
 * self-care and communication). Each measurement has a unit and a plausible
 * range, so a typing slip (seat width 450 cm) is caught on the form rather
 * than in the prescription.
 */
export const functionAreas = [
  'mobility',
  'hearing',
  'vision',
  'communication',
  'self_care',
  'cognition',
] as const;
export type FunctionArea = (typeof functionAreas)[number];

/** The area an assessment most likely covers, from the person's category: a first choice the assessor may change. */
const areaByCategory: Readonly<Record<DisabilityCategory, FunctionArea>> = {
  visual: 'vision',
  hearing: 'hearing',
  speech: 'communication',
  physical: 'mobility',
  intellectual: 'cognition',
  mental: 'cognition',
  multiple: 'self_care',
};

export const likelyAreaOf = (category: DisabilityCategory): FunctionArea => areaByCategory[category];

export interface Measurement {
  readonly key: string;
  readonly unit: 'cm' | 'kg' | 'dBHL' | 'decimal' | 'degrees' | 'score';
  readonly min: number;
  readonly max: number;
  /** Decimal places allowed (visual acuity is read to 0.1 or 0.01). */
  readonly decimals: number;
}

const hearingFrequencies = [500, 1000, 2000, 4000] as const;
const ear = (side: 'left' | 'right'): Measurement[] =>
  hearingFrequencies.map((hz) => ({ key: `${side}_${hz}`, unit: 'dBHL', min: -10, max: 120, decimals: 0 }));

export const measurementsByArea = {
  mobility: [
    { key: 'seat_width', unit: 'cm', min: 20, max: 80, decimals: 1 },
    { key: 'seat_depth', unit: 'cm', min: 20, max: 70, decimals: 1 },
    { key: 'lower_leg_length', unit: 'cm', min: 20, max: 70, decimals: 1 },
    { key: 'body_weight', unit: 'kg', min: 5, max: 250, decimals: 1 },
  ],
  hearing: [...ear('left'), ...ear('right')],
  vision: [
    { key: 'acuity_left', unit: 'decimal', min: 0, max: 2, decimals: 2 },
    { key: 'acuity_right', unit: 'decimal', min: 0, max: 2, decimals: 2 },
    { key: 'visual_field', unit: 'degrees', min: 0, max: 180, decimals: 0 },
  ],
  communication: [{ key: 'speech_intelligibility', unit: 'score', min: 0, max: 100, decimals: 0 }],
  self_care: [{ key: 'barthel_index', unit: 'score', min: 0, max: 100, decimals: 0 }],
  cognition: [{ key: 'mmse', unit: 'score', min: 0, max: 30, decimals: 0 }],
} as const satisfies Record<FunctionArea, readonly Measurement[]>;

export type MeasurementProblem = 'missing' | 'notNumber' | 'range';

/**
 * Reads an area's measurements from form text. Every measurement is
 * required: an assessment with a blank seat width cannot size a wheelchair.
 */
export function readMeasurements(
  area: FunctionArea,
  raw: Readonly<Record<string, string | undefined>>,
): { values: Record<string, number>; problems: Record<string, MeasurementProblem> } {
  const values: Record<string, number> = {};
  const problems: Record<string, MeasurementProblem> = {};
  for (const m of measurementsByArea[area] as readonly Measurement[]) {
    const text = (raw[m.key] ?? '').trim();
    if (text === '') {
      problems[m.key] = 'missing';
      continue;
    }
    const pattern = m.decimals === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+(\\.\\d{1,${m.decimals}})?$`);
    if (!pattern.test(text)) {
      problems[m.key] = 'notNumber';
      continue;
    }
    const value = Number(text);
    if (value < m.min || value > m.max) problems[m.key] = 'range';
    else values[m.key] = value;
  }
  return { values, problems };
}
