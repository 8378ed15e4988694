import type { ColumnId, FigureRow, FigureTable, NeedFigures, TableId } from '../../domain/analytics.ts';
import type { AnalyticsLabels } from './labels.ts';

/**
 * The sentence that states what a table shows, computed from its figures as
 * published: only counts and shares that are shown are ever named, so a
 * sentence cannot say more than the table beside it.
 */

const figureValue = (table: FigureTable, row: FigureRow | undefined, column: ColumnId): number | null => {
  const figure = row?.figures[table.columns.indexOf(column)];
  return figure === undefined || figure.unit === 'none' ? null : figure.value;
};

const rowsOf = (table: FigureTable) => table.rows.filter((row) => row.kind !== 'total');
const totalOf = (table: FigureTable) => table.rows.find((row) => row.kind === 'total');

/** The row with the largest (or smallest) shown value in a column; the first in table order on a tie. */
function extreme(
  table: FigureTable,
  column: ColumnId,
  rows: readonly FigureRow[],
  direction: 'largest' | 'smallest' = 'largest',
): { row: FigureRow; value: number } | undefined {
  let found: { row: FigureRow; value: number } | undefined;
  for (const row of rows) {
    const value = figureValue(table, row, column);
    if (value === null) continue;
    if (found === undefined || (direction === 'largest' ? value > found.value : value < found.value))
      found = { row, value };
  }
  return found;
}

export interface FindingContext {
  readonly labels: AnalyticsLabels;
  readonly figures: NeedFigures;
  /** The title of the campaign compared with, when there is one. */
  readonly comparedTitle: string | null;
}

function tableOf(figures: NeedFigures, id: TableId): FigureTable | undefined {
  return figures.tables.find((table) => table.id === id);
}

export function findingOf(table: FigureTable, context: FindingContext): string {
  const { labels } = context;
  const { t } = labels;
  const n = labels.count;
  const pct = labels.percent;
  const row = (r: FigureRow) => labels.row(table.id, r);
  const respondents = context.figures.respondents;
  const withheld = t('find_withheld');

  switch (table.id) {
    case 'respondentsByDistrict': {
      const total = totalOf(table);
      const all = figureValue(table, total, 'respondents');
      const top = extreme(table, 'respondents', rowsOf(table));
      if (all === null || top === undefined) return withheld;
      const identified = figureValue(table, total, 'identified');
      const share = figureValue(table, total, 'identifiedShare');
      const place = { total: n(all), district: row(top.row), count: n(top.value) };
      return identified === null || share === null
        ? t('find_respondentsByDistrictShort', place)
        : t('find_respondentsByDistrict', { ...place, identified: n(identified), share: pct(share) });
    }
    case 'wgssByDomain': {
      const top = extreme(
        table,
        'difficultyShare',
        table.rows.filter((r) => r.kind === 'domain'),
      );
      if (respondents === null || top === undefined) return withheld;
      return t('find_wgssByDomain', { total: n(respondents), domain: row(top.row), share: pct(top.value) });
    }
    case 'productUse': {
      const any = table.rows.find((r) => r.kind === 'anyProduct');
      const users = figureValue(table, any, 'users');
      const share = figureValue(table, any, 'usersShare');
      if (users === null || share === null) return withheld;
      const top = extreme(
        table,
        'usersShare',
        table.rows.filter((r) => r.kind === 'product'),
      );
      return top === undefined || top.value === 0
        ? t('find_productUseNone', { users: n(users), share: pct(share) })
        : t('find_productUse', {
            users: n(users),
            share: pct(share),
            product: row(top.row),
            productShare: pct(top.value),
          });
    }
    case 'needByProduct': {
      const shown = rowsOf(table).filter(
        (r) => figureValue(table, r, 'met') !== null && figureValue(table, r, 'metShare') !== null,
      );
      const top = extreme(table, 'need', shown);
      if (top === undefined || top.value === 0) return withheld;
      return t('find_needByProduct', {
        product: row(top.row),
        need: n(top.value),
        met: n(figureValue(table, top.row, 'met') ?? 0),
        share: pct(figureValue(table, top.row, 'metShare') ?? 0),
      });
    }
    case 'needByIsoClass': {
      const shown = rowsOf(table).filter((r) => (figureValue(table, r, 'need') ?? 0) > 0);
      const low = extreme(table, 'metShare', shown, 'smallest');
      if (low === undefined) return withheld;
      return t('find_needByIsoClass', {
        isoClass: row(low.row),
        need: n(figureValue(table, low.row, 'need') ?? 0),
        share: pct(low.value),
      });
    }
    case 'unmetByDistrict':
    case 'unmetByCategory':
    case 'unmetByAgeGroup': {
      const top = extreme(table, 'unmetShare', rowsOf(table));
      const overall = figureValue(table, totalOf(table), 'unmetShare');
      if (top === undefined || overall === null) return withheld;
      return t('find_unmetBy', { group: row(top.row), share: pct(top.value), total: pct(overall) });
    }
    case 'barriers': {
      const unmetTable = tableOf(context.figures, 'unmetByDistrict');
      const unmet = unmetTable === undefined ? null : figureValue(unmetTable, totalOf(unmetTable), 'unmet');
      const top = extreme(table, 'share', table.rows);
      if (unmet === null || top === undefined || top.value === 0) return withheld;
      return t('find_barriers', { total: n(unmet), barrier: row(top.row), share: pct(top.value) });
    }
    case 'satisfaction': {
      const high = extreme(table, 'satisfiedShare', table.rows);
      const low = extreme(table, 'satisfiedShare', table.rows, 'smallest');
      if (high === undefined || low === undefined) return withheld;
      return high.row === low.row
        ? t('find_satisfactionOne', { aspect: row(high.row), share: pct(high.value) })
        : t('find_satisfaction', {
            aspect: row(high.row),
            share: pct(high.value),
            lowAspect: row(low.row),
            lowShare: pct(low.value),
          });
    }
    case 'techNeeds': {
      const top = extreme(table, 'share', table.rows);
      if (top === undefined || top.value === 0) return withheld;
      return t('find_techNeeds', { tech: row(top.row), share: pct(top.value) });
    }
    case 'followUps': {
      const classes = rowsOf(table);
      const abandoned = extreme(table, 'abandonedShare', classes);
      const unmet = extreme(table, 'surveyUnmet', classes);
      const fitting =
        abandoned === undefined
          ? t('find_followUpsNone')
          : t('find_followUps', {
              isoClass: row(abandoned.row),
              share: pct(abandoned.value),
              followedUp: n(figureValue(table, abandoned.row, 'followedUp') ?? 0),
            });
      const survey =
        unmet === undefined || unmet.value === 0
          ? ''
          : t('find_followUpsSurvey', { isoClass: row(unmet.row), unmet: n(unmet.value) });
      return `${fitting}${labels.locale === 'zh-CN' || survey === '' ? '' : ' '}${survey}`;
    }
    case 'comparison': {
      const unmetRow = table.rows.find((r) => r.key === 'unmetAny');
      const after = figureValue(table, unmetRow, 'current');
      const before = figureValue(table, unmetRow, 'compared');
      const change = figureValue(table, unmetRow, 'difference');
      if (after === null || before === null || change === null || context.comparedTitle === null)
        return withheld;
      const rounded = Math.round(Math.abs(change) * 10) / 10;
      return t('find_comparison', {
        other: context.comparedTitle,
        before: pct(before),
        after: pct(after),
        change:
          rounded === 0
            ? t('changeNone')
            : t(change > 0 ? 'changeUp' : 'changeDown', { points: labels.decimal(rounded) }),
      });
    }
  }
}
