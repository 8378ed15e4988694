import { priorityProducts } from './apl.ts';
import { ageGroups } from './demographics.ts';
import { type FollowUpCount, type FollowUpSum, followUpCounts } from './followUps.ts';
import { difficultyLevels, functionDomains } from './needsQuestionnaire.ts';
import {
  minimumCount,
  type SumConstraint,
  type Suppressed,
  type Suppression,
  suppress,
} from './suppression.ts';

/**
 * The need analytics of a campaign, from its tallies to the tables the page,
 * the downloads and the API show (DOMAIN.md "Measuring need": WG-SS
 * prevalence and identifier; rATA use, met and unmet need, barriers and
 * satisfaction). Pure: the figures come in as sums of tally cells, and every
 * count goes out through small-cell suppression (suppression.ts), so the
 * three ways of reading a campaign always withhold the same cells.
 */

/** Where a tally sum was taken: the whole campaign (or the district it is filtered to), or one group of a breakdown. */
export type Slice = 'all' | `district:${string}` | `category:${number}` | `age:${string}`;

export interface TallySum {
  readonly measure: string;
  readonly slice: Slice;
  readonly respondents: number;
}

/** The measures broken down by district, disability category and age group (the others are summed only). */
export const brokenDownMeasures = ['respondents', 'wgss.identified', 'unmet.any'] as const;

/** The rATA satisfaction scale, very dissatisfied to very satisfied; `na`: the service was not received. */
export const satisfactionScores = ['s1', 's2', 's3', 's4', 's5'] as const;
const satisfiedScores = ['s4', 's5'] as const;

/** Disability categories in the order tables show them: 1-7, then 0 (no certificate, or not known). */
export const categoryRows = [1, 2, 3, 4, 5, 6, 7, 0] as const;

export interface AnalyticsInput {
  readonly sums: readonly TallySum[];
  /** The districts the campaign covers (or the one it is filtered to): each gets a row, answered or not. */
  readonly districtCodes: readonly string[];
  /** The questionnaire's choices, in its order: each gets a row. */
  readonly barriers: readonly string[];
  readonly techNeeds: readonly string[];
  readonly aspects: readonly string[];
  readonly followUps: readonly FollowUpSum[];
}

export const tableIds = [
  'respondentsByDistrict',
  'wgssByDomain',
  'productUse',
  'needByProduct',
  'needByIsoClass',
  'unmetByDistrict',
  'unmetByCategory',
  'unmetByAgeGroup',
  'barriers',
  'satisfaction',
  'techNeeds',
  'followUps',
  'comparison',
] as const;
export type TableId = (typeof tableIds)[number];

export type ColumnId =
  | 'respondents'
  | 'respondentsShare'
  | 'identified'
  | 'identifiedShare'
  | (typeof difficultyLevels)[number]
  | 'difficulty'
  | 'difficultyShare'
  | 'users'
  | 'usersShare'
  | 'met'
  | 'unmet'
  | 'need'
  | 'metShare'
  | 'unmetShare'
  | 'count'
  | 'share'
  | (typeof satisfactionScores)[number]
  | 'na'
  | 'answered'
  | 'satisfied'
  | 'satisfiedShare'
  | 'surveyUnmet'
  | FollowUpCount
  | 'abandonedShare'
  | 'current'
  | 'compared'
  | 'difference';

/** What a row is about, for its label. */
export type RowKind =
  | 'district'
  | 'total'
  | 'domain'
  | 'identified'
  | 'anyProduct'
  | 'product'
  | 'isoClass'
  | 'category'
  | 'ageGroup'
  | 'barrier'
  | 'aspect'
  | 'tech'
  | 'indicator';

/** A count by its key; a share of one count in another; or nothing (an empty cell). */
type Ref = { readonly count: string } | { readonly part: string; readonly whole: string } | null;

interface RowSpec {
  readonly kind: RowKind;
  readonly key: string;
  readonly refs: readonly Ref[];
}

interface TableSpec {
  readonly id: TableId;
  readonly columns: readonly ColumnId[];
  readonly rows: readonly RowSpec[];
  /** Rows ranked by this column, largest first (withheld last), instead of the questionnaire's order. */
  readonly rankBy?: ColumnId;
}

export type Figure =
  | { readonly unit: 'count'; readonly value: number | null; readonly suppression: Suppression }
  /** A percentage, or a difference of two in percentage points; `withheld`: one of its counts is. */
  | { readonly unit: 'percent' | 'points'; readonly value: number | null; readonly withheld: boolean }
  | { readonly unit: 'none' };

export interface FigureRow {
  readonly kind: RowKind;
  readonly key: string;
  readonly figures: readonly Figure[];
}

export interface FigureTable {
  readonly id: TableId;
  readonly columns: readonly ColumnId[];
  readonly rows: readonly FigureRow[];
}

/** The headline indicators, compared between campaigns. */
export const headlineIds = [
  'identified',
  'useAny',
  'unmetAny',
  'metShareOfNeed',
  'barrierCost',
  'satisfiedProduct',
] as const;
export type HeadlineId = (typeof headlineIds)[number];

export interface Headline {
  readonly id: HeadlineId;
  readonly percent: number | null;
  readonly withheld: boolean;
}

export interface NeedFigures {
  /** Everyone counted; null when withheld. */
  readonly respondents: number | null;
  /**
   * Fewer than five respondents (in the district filtered to): no table is
   * shown at all, since with so few people even a 0 says something about each.
   */
  readonly tooFew: boolean;
  readonly tables: readonly FigureTable[];
  readonly headline: readonly Headline[];
}

const key = (measure: string, slice: string = 'all') => `${measure}@${slice}`;
const count = (measure: string, slice?: string): Ref => ({ count: key(measure, slice) });
const share = (part: string, whole: string, slice?: string): Ref => ({
  part: key(part, slice),
  whole: key(whole, slice),
});

/** The ISO 9999 classes of the priority products, in list order. */
export const productIsoClasses: readonly string[] = [...new Set(priorityProducts.map((p) => p.isoClass))];

const headlineShares: Readonly<Record<HeadlineId, { readonly part: string; readonly whole: string }>> = {
  identified: { part: 'wgss.identified', whole: 'respondents' },
  useAny: { part: 'use.any', whole: 'respondents' },
  unmetAny: { part: 'unmet.any', whole: 'respondents' },
  metShareOfNeed: { part: 'use.mentions', whole: 'need.mentions' },
  barrierCost: { part: 'barrier.cost', whole: 'unmet.any' },
  satisfiedProduct: { part: 'satisfaction.product.satisfied', whole: 'satisfaction.product.answered' },
};

/** Adds the counts the tables show that are sums of tallied ones. */
function derive(cells: Map<string, number>, input: AnalyticsInput): void {
  const get = (k: string) => cells.get(k) ?? 0;
  const add = (k: string, n: number) => cells.set(k, get(k) + n);
  for (const product of priorityProducts) {
    const met = get(key(`use.${product.code}`));
    const unmet = get(key(`unmet.${product.code}`));
    cells.set(key(`need.${product.code}`), met + unmet);
    add(key('use.mentions'), met);
    add(key('unmet.mentions'), unmet);
    add(key('need.mentions'), met + unmet);
    add(key(`use.iso.${product.isoClass}`), met);
    add(key(`unmet.iso.${product.isoClass}`), unmet);
    add(key(`need.iso.${product.isoClass}`), met + unmet);
  }
  for (const domain of functionDomains) {
    cells.set(
      key(`wgss.answered.${domain}`),
      difficultyLevels.reduce((sum, level) => sum + get(key(`wgss.${domain}.${level}`)), 0),
    );
  }
  for (const aspect of input.aspects) {
    const score = (s: string) => get(key(`satisfaction.${aspect}.${s}`));
    const answered = satisfactionScores.reduce((sum, s) => sum + score(s), 0);
    cells.set(key(`satisfaction.${aspect}.answered`), answered);
    cells.set(
      key(`satisfaction.${aspect}.satisfied`),
      satisfiedScores.reduce((sum, s) => sum + score(s), 0),
    );
    cells.set(key(`satisfaction.${aspect}.asked`), answered + score('na'));
  }
  for (const outcome of input.followUps) {
    for (const name of followUpCounts) {
      add(key(`followUp.${name}`, `iso:${outcome.isoClass}`), outcome[name]);
      add(key(`followUp.${name}`), outcome[name]);
    }
  }
}

/** Rows whose counts add up to a total row: each column is a sum. */
function columnSums(measures: readonly string[], slices: readonly string[]): SumConstraint[] {
  return measures.map((measure) => ({
    total: key(measure),
    parts: slices.map((slice) => key(measure, slice)),
  }));
}

function breakdownRows(kind: RowKind, groups: readonly { key: string; slice: string }[]): RowSpec[] {
  return [
    ...groups.map((group) => ({
      kind,
      key: group.key,
      refs: [
        count('respondents', group.slice),
        count('unmet.any', group.slice),
        share('unmet.any', 'respondents', group.slice),
      ],
    })),
    {
      kind: 'total' as const,
      key: 'total',
      refs: [count('respondents'), count('unmet.any'), share('unmet.any', 'respondents')],
    },
  ];
}

const unmetColumns: readonly ColumnId[] = ['respondents', 'unmet', 'unmetShare'];
const needColumns: readonly ColumnId[] = ['met', 'unmet', 'need', 'metShare'];
const needRefs = (met: string, unmet: string, need: string): Ref[] => [
  count(met),
  count(unmet),
  count(need),
  share(met, need),
];

/** A multiple-choice question's choices (measures `<kind>.<choice>`), each counted and as a share of `whole`, most chosen first. */
const rankedChoices = (
  id: TableId,
  kind: 'barrier' | 'tech',
  choices: readonly string[],
  whole: string,
): TableSpec => ({
  id,
  columns: ['count', 'share'],
  rankBy: 'count',
  rows: choices.map((choice) => ({
    kind,
    key: choice,
    refs: [count(`${kind}.${choice}`), share(`${kind}.${choice}`, whole)],
  })),
});

function tables(input: AnalyticsInput, cells: ReadonlyMap<string, number>): TableSpec[] {
  const seen = (prefix: string) =>
    [...cells.keys()]
      .filter((k) => k.startsWith(`respondents@${prefix}:`))
      .map((k) => k.slice(`respondents@${prefix}:`.length));
  const districts = [...new Set([...input.districtCodes, ...seen('district')])];
  const ages = [...new Set([...ageGroups, ...seen('age')])];
  const districtGroups = districts.map((code) => ({ key: code, slice: `district:${code}` }));
  const isoRows = productIsoClasses;
  const followUpClasses = [...new Set([...isoRows, ...input.followUps.map((f) => f.isoClass)])]
    .filter(
      (c) =>
        (cells.get(key(`unmet.iso.${c}`)) ?? 0) > 0 ||
        (cells.get(key('followUp.followedUp', `iso:${c}`)) ?? 0) > 0,
    )
    .sort();
  const followUpRefs = (slice?: string): Ref[] => [
    slice === undefined ? count('unmet.mentions') : count(`unmet.iso.${slice.slice(4)}`),
    ...followUpCounts.map((name) => count(`followUp.${name}`, slice)),
    share('followUp.abandoned', 'followUp.followedUp', slice),
  ];
  return [
    {
      id: 'respondentsByDistrict',
      columns: ['respondents', 'respondentsShare', 'identified', 'identifiedShare'],
      rows: [
        ...districtGroups.map((group) => ({
          kind: 'district' as const,
          key: group.key,
          refs: [
            count('respondents', group.slice),
            { part: key('respondents', group.slice), whole: key('respondents') },
            count('wgss.identified', group.slice),
            share('wgss.identified', 'respondents', group.slice),
          ],
        })),
        {
          kind: 'total',
          key: 'total',
          refs: [
            count('respondents'),
            share('respondents', 'respondents'),
            count('wgss.identified'),
            share('wgss.identified', 'respondents'),
          ],
        },
      ],
    },
    {
      id: 'wgssByDomain',
      columns: [...difficultyLevels, 'difficulty', 'difficultyShare'],
      rows: [
        ...functionDomains.map((domain) => ({
          kind: 'domain' as const,
          key: domain,
          refs: [
            ...difficultyLevels.map((level) => count(`wgss.${domain}.${level}`)),
            count(`wgss.difficulty.${domain}`),
            share(`wgss.difficulty.${domain}`, 'respondents'),
          ],
        })),
        {
          kind: 'identified',
          key: 'identified',
          refs: [
            ...difficultyLevels.map(() => null),
            count('wgss.identified'),
            share('wgss.identified', 'respondents'),
          ],
        },
      ],
    },
    {
      id: 'productUse',
      columns: ['users', 'usersShare'],
      rows: [
        { kind: 'anyProduct', key: 'any', refs: [count('use.any'), share('use.any', 'respondents')] },
        ...priorityProducts.map((p) => ({
          kind: 'product' as const,
          key: p.code,
          refs: [count(`use.${p.code}`), share(`use.${p.code}`, 'respondents')],
        })),
      ],
    },
    {
      id: 'needByProduct',
      columns: needColumns,
      rows: [
        ...priorityProducts.map((p) => ({
          kind: 'product' as const,
          key: p.code,
          refs: needRefs(`use.${p.code}`, `unmet.${p.code}`, `need.${p.code}`),
        })),
        { kind: 'total', key: 'total', refs: needRefs('use.mentions', 'unmet.mentions', 'need.mentions') },
      ],
    },
    {
      id: 'needByIsoClass',
      columns: needColumns,
      rows: [
        ...isoRows.map((c) => ({
          kind: 'isoClass' as const,
          key: c,
          refs: needRefs(`use.iso.${c}`, `unmet.iso.${c}`, `need.iso.${c}`),
        })),
        { kind: 'total', key: 'total', refs: needRefs('use.mentions', 'unmet.mentions', 'need.mentions') },
      ],
    },
    { id: 'unmetByDistrict', columns: unmetColumns, rows: breakdownRows('district', districtGroups) },
    {
      id: 'unmetByCategory',
      columns: unmetColumns,
      rows: breakdownRows(
        'category',
        categoryRows.map((c) => ({ key: String(c), slice: `category:${c}` })),
      ),
    },
    {
      id: 'unmetByAgeGroup',
      columns: unmetColumns,
      rows: breakdownRows(
        'ageGroup',
        ages.map((a) => ({ key: a, slice: `age:${a}` })),
      ),
    },
    rankedChoices('barriers', 'barrier', input.barriers, 'unmet.any'),
    {
      id: 'satisfaction',
      columns: [...satisfactionScores, 'na', 'answered', 'satisfied', 'satisfiedShare'],
      rows: input.aspects.map((a) => ({
        kind: 'aspect' as const,
        key: a,
        refs: [
          ...satisfactionScores.map((s) => count(`satisfaction.${a}.${s}`)),
          count(`satisfaction.${a}.na`),
          count(`satisfaction.${a}.answered`),
          count(`satisfaction.${a}.satisfied`),
          share(`satisfaction.${a}.satisfied`, `satisfaction.${a}.answered`),
        ],
      })),
    },
    rankedChoices('techNeeds', 'tech', input.techNeeds, 'respondents'),
    {
      id: 'followUps',
      columns: ['surveyUnmet', ...followUpCounts, 'abandonedShare'],
      rows: [
        ...followUpClasses.map((c) => ({
          kind: 'isoClass' as const,
          key: c,
          refs: followUpRefs(`iso:${c}`),
        })),
        { kind: 'total', key: 'total', refs: followUpRefs() },
      ],
    },
  ];
}

/** Every sum a reader could take of the tables' counts. */
function constraints(input: AnalyticsInput, table: readonly TableSpec[]): SumConstraint[] {
  const slicesOf = (id: TableId, prefix: string) =>
    (table.find((t) => t.id === id)?.rows ?? [])
      .filter((row) => row.kind !== 'total')
      .map((row) => `${prefix}:${row.key}`);
  const districts = slicesOf('respondentsByDistrict', 'district');
  const categories = slicesOf('unmetByCategory', 'category');
  const ages = slicesOf('unmetByAgeGroup', 'age');
  const classes = slicesOf('followUps', 'iso');
  const sums: SumConstraint[] = [
    ...columnSums(brokenDownMeasures, districts),
    ...columnSums(brokenDownMeasures, categories),
    ...columnSums(brokenDownMeasures, ages),
    ...followUpCounts.map((name) => ({
      total: key(`followUp.${name}`),
      parts: classes.map((slice) => key(`followUp.${name}`, slice)),
    })),
  ];
  for (const domain of functionDomains) {
    sums.push(
      {
        total: key(`wgss.answered.${domain}`),
        parts: difficultyLevels.map((level) => key(`wgss.${domain}.${level}`)),
      },
      {
        total: key(`wgss.difficulty.${domain}`),
        parts: [key(`wgss.${domain}.a_lot`), key(`wgss.${domain}.cannot`)],
      },
    );
  }
  for (const product of priorityProducts) {
    sums.push({
      total: key(`need.${product.code}`),
      parts: [key(`use.${product.code}`), key(`unmet.${product.code}`)],
    });
  }
  sums.push({ total: key('need.mentions'), parts: [key('use.mentions'), key('unmet.mentions')] });
  for (const measure of ['use', 'unmet', 'need']) {
    sums.push(
      {
        total: key(`${measure}.mentions`),
        parts: priorityProducts.map((p) => key(`${measure}.${p.code}`)),
      },
      {
        total: key(`${measure}.mentions`),
        parts: productIsoClasses.map((c) => key(`${measure}.iso.${c}`)),
      },
    );
  }
  for (const isoClass of productIsoClasses) {
    sums.push(
      {
        total: key(`need.iso.${isoClass}`),
        parts: [key(`use.iso.${isoClass}`), key(`unmet.iso.${isoClass}`)],
      },
      {
        total: key(`unmet.iso.${isoClass}`),
        parts: priorityProducts.filter((p) => p.isoClass === isoClass).map((p) => key(`unmet.${p.code}`)),
      },
      {
        total: key(`use.iso.${isoClass}`),
        parts: priorityProducts.filter((p) => p.isoClass === isoClass).map((p) => key(`use.${p.code}`)),
      },
    );
  }
  for (const aspect of input.aspects) {
    const score = (s: string) => key(`satisfaction.${aspect}.${s}`);
    sums.push(
      { total: score('answered'), parts: satisfactionScores.map(score) },
      { total: score('satisfied'), parts: satisfiedScores.map(score) },
      { total: score('asked'), parts: [score('answered'), score('na')] },
    );
  }
  return sums;
}

function resolve(spec: TableSpec, suppressed: Suppressed): FigureTable {
  const figure = (ref: Ref): Figure => {
    if (ref === null) return { unit: 'none' };
    if ('count' in ref) {
      return {
        unit: 'count',
        value: suppressed.count(ref.count),
        suppression: suppressed.suppression(ref.count),
      };
    }
    const value = suppressed.percent(ref.part, ref.whole);
    const withheld =
      suppressed.suppression(ref.part) !== 'shown' || suppressed.suppression(ref.whole) !== 'shown';
    return { unit: 'percent', value, withheld };
  };
  const rows = spec.rows.map((row) => ({ kind: row.kind, key: row.key, figures: row.refs.map(figure) }));
  const rank = spec.rankBy === undefined ? -1 : spec.columns.indexOf(spec.rankBy);
  if (rank >= 0) {
    // By what is shown only: ranking withheld counts would tell which of them is larger.
    const shown = (row: FigureRow) => {
      const f = row.figures[rank];
      return f !== undefined && f.unit === 'count' && f.value !== null ? f.value : -1;
    };
    rows.sort((a, b) => shown(b) - shown(a));
  }
  return { id: spec.id, columns: spec.columns, rows };
}

/** The tables and headline indicators of a campaign (or of one district of it), suppressed. */
export function needFigures(input: AnalyticsInput): NeedFigures {
  const cells = new Map<string, number>();
  for (const sum of input.sums) cells.set(key(sum.measure, sum.slice), sum.respondents);
  derive(cells, input);
  const respondents = cells.get(key('respondents')) ?? 0;
  if (respondents < minimumCount) {
    return {
      respondents: respondents === 0 ? 0 : null,
      tooFew: true,
      tables: [],
      headline: headlineIds.map((id) => ({ id, percent: null, withheld: respondents > 0 })),
    };
  }
  const specs = tables(input, cells);
  const suppressed = suppress(cells, constraints(input, specs));
  return {
    respondents: suppressed.count(key('respondents')),
    tooFew: false,
    tables: specs.map((spec) => resolve(spec, suppressed)),
    headline: headlineIds.map((id) => {
      const { part, whole } = headlineShares[id];
      const percent = suppressed.percent(key(part), key(whole));
      return {
        id,
        percent,
        withheld:
          suppressed.suppression(key(part)) !== 'shown' || suppressed.suppression(key(whole)) !== 'shown',
      };
    }),
  };
}

/** The headline indicators of two campaigns side by side, and the change in percentage points. */
export function comparisonTable(current: NeedFigures, compared: NeedFigures): FigureTable {
  const asFigure = (h: Headline | undefined): Figure => ({
    unit: 'percent',
    value: h?.percent ?? null,
    withheld: h?.withheld ?? false,
  });
  return {
    id: 'comparison',
    columns: ['current', 'compared', 'difference'],
    rows: headlineIds.map((id) => {
      const a = current.headline.find((h) => h.id === id);
      const b = compared.headline.find((h) => h.id === id);
      const change =
        typeof a?.percent === 'number' && typeof b?.percent === 'number' ? a.percent - b.percent : null;
      return {
        kind: 'indicator',
        key: id,
        figures: [
          asFigure(a),
          asFigure(b),
          {
            unit: 'points',
            value: change,
            withheld: (a?.withheld ?? false) || (b?.withheld ?? false),
          },
        ],
      };
    }),
  };
}
