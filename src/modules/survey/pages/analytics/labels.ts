import type { Locale } from '../../../../platform/i18n/index.ts';
import { disabilityCategories, disabilityCategoryText } from '../../../../platform/ids/index.ts';
import type { District } from '../../../identity/index.ts';
import type { ColumnId, Figure, FigureRow, TableId } from '../../domain/analytics.ts';
import { priorityProduct, priorityProducts } from '../../domain/apl.ts';
import { needsQuestionnaire } from '../../domain/needsQuestionnaire.ts';
import { type Questionnaire, questionById, type Text, textIn } from '../../domain/questionnaire.ts';
import { type AnalyticsKey, type AnalyticsT, analyticsMessages } from './messages.ts';

/**
 * The words of the analytics, shared by the page, the downloads and the
 * API: table titles, column headers, row names and how a figure reads.
 * Choices (barriers, technologies, satisfaction aspects and scores, WG-SS
 * levels) read as the campaign's own questionnaire version words them.
 */
export interface AnalyticsLabels {
  readonly locale: Locale;
  readonly t: AnalyticsT;
  title(table: TableId): string;
  sheetName(table: TableId): string;
  rowHeader(table: TableId): string;
  column(table: TableId, column: ColumnId): string;
  row(table: TableId, row: Pick<FigureRow, 'kind' | 'key'>): string;
  /** A figure as the page shows it: "1,234", "31.2%", "+2.3", "<5", "*" or "—". */
  figure(figure: Figure): string;
  count(value: number): string;
  percent(value: number): string;
  points(value: number): string;
  /** A number with one decimal, as the reader's language writes it. */
  decimal(value: number): string;
  text(text: Text): string;
}

/** The words of a choice (a grid's row or column, or a choice) of a question. */
function choiceText(questionnaire: Questionnaire, questionId: string, value: string): Text | undefined {
  for (const source of [questionnaire, needsQuestionnaire]) {
    const question = questionById(source, questionId);
    if (question === undefined) continue;
    const choices =
      question.kind === 'grid'
        ? [...question.rows, ...question.columns]
        : question.kind === 'single' || question.kind === 'multiple'
          ? question.choices
          : [];
    const found = choices.find((choice) => choice.value === value);
    if (found !== undefined) return found.label;
  }
  return undefined;
}

/** Columns that are a questionnaire's own answers: WG-SS levels and satisfaction scores. */
const answerColumns: Readonly<Partial<Record<ColumnId, string>>> = {
  none: 'wgss',
  some: 'wgss',
  a_lot: 'wgss',
  cannot: 'wgss',
  s1: 'satisfaction',
  s2: 'satisfaction',
  s3: 'satisfaction',
  s4: 'satisfaction',
  s5: 'satisfaction',
};

const rowQuestions: Readonly<Partial<Record<FigureRow['kind'], string>>> = {
  barrier: 'barriers',
  tech: 'tech_needs',
  aspect: 'satisfaction',
};

export function analyticsLabels(
  locale: Locale,
  questionnaire: Questionnaire,
  districts: ReadonlyMap<string, District>,
): AnalyticsLabels {
  const t = analyticsMessages.for(locale);
  const has = (key: string): key is AnalyticsKey => analyticsMessages.has(key);
  const specific = (table: TableId, name: string, fallback: AnalyticsKey): string => {
    const key = `${name.replace('_', `_${table}_`)}`;
    return has(key) ? t(key) : t(fallback);
  };
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const text = (value: Text) => textIn(locale, value);
  const choice = (questionId: string, value: string) => {
    const found = choiceText(questionnaire, questionId, value);
    return found === undefined ? value : text(found);
  };
  const count = (value: number) => whole.format(value);
  const percent = (value: number) => t('percent', { value: oneDecimal.format(value) });
  const points = (value: number) => {
    const rounded = Math.round(value * 10) / 10;
    if (rounded === 0) return oneDecimal.format(0);
    return t(rounded > 0 ? 'pointsUp' : 'pointsDown', { value: oneDecimal.format(Math.abs(rounded)) });
  };
  const isoClass = (code: string) => {
    const names = priorityProducts.filter((p) => p.isoClass === code).map((p) => text(p.name));
    return names.length === 0 ? code : `${code} ${names.join(locale === 'zh-CN' ? '、' : '; ')}`;
  };
  const ageGroup = (group: string) => {
    const range = /^(\d+)-(\d+)$/.exec(group);
    if (range) return t('row_ageRange', { from: range[1] ?? '', to: range[2] ?? '' });
    const over = /^(\d+)\+$/.exec(group);
    return over ? t('row_ageOver', { from: over[1] ?? '' }) : group;
  };
  const category = (key: string) => {
    const named = disabilityCategories[Number(key) - 1];
    return named === undefined ? t('row_noCategory') : disabilityCategoryText(locale, named);
  };
  return {
    locale,
    t,
    text,
    count,
    percent,
    points,
    decimal: (value) => oneDecimal.format(value),
    title: (table) => t(`table_${table}`),
    sheetName: (table) => t(`sheet_${table}`),
    rowHeader: (table) => specific(table, 'col_rowHeader', 'col_rowHeader'),
    column(table, column) {
      const question = answerColumns[column];
      if (question !== undefined) return choice(question, column);
      const key = `col_${column}`;
      return specific(table, key, has(key) ? key : 'col_share');
    },
    row(table, row) {
      switch (row.kind) {
        case 'district': {
          const district = districts.get(row.key);
          return district === undefined ? row.key : text({ zh: district.nameZh, en: district.nameEn });
        }
        case 'total':
          return specific(table, 'row_total', 'row_total');
        case 'domain':
          return has(`domain_${row.key}`) ? t(`domain_${row.key}` as AnalyticsKey) : row.key;
        case 'identified':
          return t('row_identified');
        case 'anyProduct':
          return t('row_anyProduct');
        case 'product': {
          const product = priorityProduct(row.key);
          return product === undefined ? row.key : text(product.name);
        }
        case 'isoClass':
          return isoClass(row.key);
        case 'category':
          return category(row.key);
        case 'ageGroup':
          return ageGroup(row.key);
        case 'indicator':
          return has(`indicator_${row.key}`) ? t(`indicator_${row.key}` as AnalyticsKey) : row.key;
        default: {
          const question = rowQuestions[row.kind];
          return question === undefined ? row.key : choice(question, row.key);
        }
      }
    },
    figure(figure) {
      if (figure.unit === 'none') return '';
      if (figure.unit === 'count') {
        if (figure.suppression === 'small') return t('small');
        if (figure.suppression === 'hidden') return t('hidden');
        return figure.value === null ? t('missing') : count(figure.value);
      }
      if (figure.value === null) return t('missing');
      return figure.unit === 'percent' ? percent(figure.value) : points(figure.value);
    },
  };
}
