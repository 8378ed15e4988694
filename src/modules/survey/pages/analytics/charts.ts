import { type BarChart, renderBarChart, scaleColours } from '../../../../platform/charts/index.ts';
import {
  type ColumnId,
  type FigureRow,
  type FigureTable,
  satisfactionScores,
  type TableId,
} from '../../domain/analytics.ts';
import type { AnalyticsLabels } from './labels.ts';

/**
 * What each table's chart draws, from the table's published figures only: a
 * withheld count or share is a missing bar, never a drawn one, so the chart
 * gives away nothing the table does not.
 */

const shown = (table: FigureTable, row: FigureRow, column: ColumnId): number | null => {
  const figure = row.figures[table.columns.indexOf(column)];
  return figure === undefined || figure.unit === 'none' ? null : figure.value;
};

const ofKind = (table: FigureTable, ...kinds: FigureRow['kind'][]) =>
  table.rows.filter((row) => kinds.includes(row.kind));

/** Largest first; rows without a shown value left out. */
const largestFirst = (table: FigureTable, rows: readonly FigureRow[], column: ColumnId) =>
  rows
    .filter((row) => (shown(table, row, column) ?? 0) > 0)
    .sort((a, b) => (shown(table, b, column) ?? 0) - (shown(table, a, column) ?? 0));

export function chartOf(
  table: FigureTable,
  labels: AnalyticsLabels,
  comparedTitles?: { readonly current: string; readonly compared: string },
): BarChart | null {
  const row = (r: FigureRow) => labels.row(table.id, r);
  const percentChart = (rows: readonly FigureRow[], column: ColumnId): BarChart | null =>
    rows.length === 0
      ? null
      : {
          kind: 'bar',
          categories: rows.map(row),
          series: [
            { name: labels.column(table.id, column), values: rows.map((r) => shown(table, r, column)) },
          ],
          format: labels.percent,
          axisFormat: (v) => labels.t('percent', { value: labels.count(v) }),
        };
  const countChart = (
    kind: 'stacked' | 'grouped',
    rows: readonly FigureRow[],
    series: readonly { name: string; column: ColumnId }[],
  ): BarChart | null =>
    rows.length === 0
      ? null
      : {
          kind,
          categories: rows.map(row),
          series: series.map((s) => ({ name: s.name, values: rows.map((r) => shown(table, r, s.column)) })),
          format: labels.count,
        };

  switch (table.id) {
    case 'respondentsByDistrict':
      return percentChart(ofKind(table, 'district'), 'identifiedShare');
    case 'wgssByDomain':
      return percentChart(ofKind(table, 'domain', 'identified'), 'difficultyShare');
    case 'productUse':
      return percentChart(largestFirst(table, ofKind(table, 'product'), 'usersShare'), 'usersShare');
    case 'needByProduct':
    case 'needByIsoClass':
      return countChart('stacked', largestFirst(table, ofKind(table, 'product', 'isoClass'), 'need'), [
        { name: labels.t('series_met'), column: 'met' },
        { name: labels.t('series_unmet'), column: 'unmet' },
      ]);
    case 'unmetByDistrict':
    case 'unmetByCategory':
    case 'unmetByAgeGroup':
      return percentChart(
        table.rows.filter((r) => r.kind !== 'total'),
        'unmetShare',
      );
    case 'barriers':
    case 'techNeeds':
      return percentChart(largestFirst(table, table.rows, 'share'), 'share');
    case 'satisfaction': {
      if (table.rows.length === 0) return null;
      // Each score as a share of those who answered, so every aspect's bar runs to 100%.
      const shareOf = (r: FigureRow, score: ColumnId) => {
        const part = shown(table, r, score);
        const whole = shown(table, r, 'answered');
        return part === null || whole === null || whole === 0 ? null : (part / whole) * 100;
      };
      return {
        kind: 'stacked',
        categories: table.rows.map(row),
        series: satisfactionScores.map((score) => ({
          name: labels.column(table.id, score),
          values: table.rows.map((r) => shareOf(r, score)),
        })),
        colours: scaleColours,
        max: 100,
        format: labels.percent,
        axisFormat: (v) => labels.t('percent', { value: labels.count(v) }),
      };
    }
    case 'followUps':
      return countChart(
        'grouped',
        table.rows.filter(
          (r) =>
            r.kind !== 'total' &&
            ((shown(table, r, 'surveyUnmet') ?? 0) > 0 || (shown(table, r, 'abandoned') ?? 0) > 0),
        ),
        [
          { name: labels.t('series_surveyUnmet'), column: 'surveyUnmet' },
          { name: labels.t('series_abandoned'), column: 'abandoned' },
        ],
      );
    case 'comparison':
      return comparedTitles === undefined
        ? null
        : {
            kind: 'grouped',
            categories: table.rows.map(row),
            series: [
              { name: comparedTitles.current, values: table.rows.map((r) => shown(table, r, 'current')) },
              { name: comparedTitles.compared, values: table.rows.map((r) => shown(table, r, 'compared')) },
            ],
            format: labels.percent,
            axisFormat: (v) => labels.t('percent', { value: labels.count(v) }),
          };
  }
}

/** Every table's chart as SVG, drawn before the page is (ECharts loads and draws asynchronously). */
export async function drawCharts(
  tables: readonly FigureTable[],
  labels: AnalyticsLabels,
  comparedTitles?: { readonly current: string; readonly compared: string },
): Promise<ReadonlyMap<TableId, string>> {
  const drawn = new Map<TableId, string>();
  for (const table of tables) {
    const chart = chartOf(table, labels, comparedTitles);
    if (chart !== null && chart.categories.length > 0) drawn.set(table.id, await renderBarChart(chart));
  }
  return drawn;
}
