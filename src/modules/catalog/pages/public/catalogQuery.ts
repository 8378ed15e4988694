import { Type } from 'typebox';
import { PageQuery } from '../../../../platform/http/index.ts';
import { parseYuanToFen } from '../../../../platform/i18n/index.ts';
import { attributeDefinition } from '../../domain/attributes.ts';
import { listOf, type Sort, searchParams, sorts } from '../../searchQuery.ts';

/**
 * The catalog page's query string. It shares the API's search parameters,
 * with three differences made for a form: prices are typed in yuan
 * (`minYuan`, `maxYuan`, checked here so a mistake gets an error message,
 * not a 400); technical ranges are two boxes per attribute (`min_seatWidth`,
 * `max_seatWidth`); and the "all" choices of the class and subsidy radios
 * send an empty value.
 */
const { attr: _apiRanges, pageSize: _apiPageSize, iso: _iso, subsidy: _subsidy, ...shared } = searchParams;

const rangeParam = '^(min|max)_[A-Za-z]{1,40}$';

export const CatalogQuerySchema = Type.Object(
  {
    ...PageQuery.properties,
    ...shared,
    iso: Type.Optional(Type.String({ pattern: '^(([0-9]{2}){1,3})?$' })),
    subsidy: Type.Optional(
      Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('all'), Type.Literal('')]),
    ),
    minYuan: Type.Optional(Type.String({ maxLength: 30 })),
    maxYuan: Type.Optional(Type.String({ maxLength: 30 })),
  },
  { patternProperties: { [rangeParam]: Type.String({ maxLength: 30 }) } },
);

export interface RawCatalogQuery {
  readonly lang?: string;
  readonly q?: string;
  readonly iso?: string;
  readonly function?: string | string[];
  readonly disability?: string | string[];
  readonly supplier?: string | string[];
  readonly subsidy?: 'yes' | 'no' | 'all' | '';
  readonly sort?: Sort;
  readonly page?: number;
  readonly minYuan?: string;
  readonly maxYuan?: string;
  readonly [range: string]: unknown;
}

/** A technical range as typed, and as understood where it could be. */
export interface RangeInput {
  readonly attributeId: string;
  readonly minText: string;
  readonly maxText: string;
  readonly min: number | undefined;
  readonly max: number | undefined;
}

export type FieldProblem =
  | { readonly field: 'minYuan' | 'maxYuan'; readonly problem: 'invalid' | 'order' }
  | {
      readonly field: string;
      readonly attributeId: string;
      readonly problem: 'minInvalid' | 'maxInvalid' | 'order';
    };

export interface CatalogQuery {
  readonly q: string;
  readonly iso: string | undefined;
  readonly functionAreas: readonly string[];
  readonly disabilityCategories: readonly string[];
  readonly supplierIds: readonly string[];
  readonly subsidy: 'yes' | 'no' | undefined;
  readonly sort: Sort | undefined;
  readonly page: number;
  readonly minYuanText: string;
  readonly maxYuanText: string;
  readonly minFen: number | undefined;
  readonly maxFen: number | undefined;
  readonly ranges: readonly RangeInput[];
  readonly problems: readonly FieldProblem[];
}

const halfWidth = (text: string): string =>
  text.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** A measurement as typed ("42", "42.5"); null when it is not one. */
export function parseMeasure(text: string): number | null {
  const cleaned = halfWidth(text.trim());
  if (!/^\d{1,9}(\.\d{1,6})?$/.test(cleaned)) return null;
  return Number(cleaned);
}

export const rangeFieldId = (bound: 'min' | 'max', attributeId: string): string =>
  `range-${bound}-${attributeId}`;

export const unique = (values: readonly string[]): string[] => [...new Set(values)];

/** Reads the page's query: what was asked, what could be understood, and what could not. */
export function parseCatalogQuery(raw: RawCatalogQuery): CatalogQuery {
  const problems: FieldProblem[] = [];
  const minYuanText = (raw.minYuan ?? '').trim();
  const maxYuanText = (raw.maxYuan ?? '').trim();
  const minFen = minYuanText === '' ? undefined : parseYuanToFen(minYuanText);
  const maxFen = maxYuanText === '' ? undefined : parseYuanToFen(maxYuanText);
  if (minFen === null) problems.push({ field: 'minYuan', problem: 'invalid' });
  if (maxFen === null) problems.push({ field: 'maxYuan', problem: 'invalid' });
  if (typeof minFen === 'number' && typeof maxFen === 'number' && maxFen < minFen)
    problems.push({ field: 'maxYuan', problem: 'order' });

  const texts = new Map<string, { min: string; max: string }>();
  for (const [key, value] of Object.entries(raw)) {
    const match = /^(min|max)_([A-Za-z]{1,40})$/.exec(key);
    if (!match || typeof value !== 'string' || value.trim() === '') continue;
    const [, bound, attributeId = ''] = match;
    if (attributeDefinition(attributeId)?.kind !== 'number') continue;
    const entry = texts.get(attributeId) ?? { min: '', max: '' };
    texts.set(
      attributeId,
      bound === 'min' ? { ...entry, min: value.trim() } : { ...entry, max: value.trim() },
    );
  }
  const ranges: RangeInput[] = [];
  for (const [attributeId, text] of [...texts].sort(([a], [b]) => a.localeCompare(b))) {
    const min = text.min === '' ? undefined : parseMeasure(text.min);
    const max = text.max === '' ? undefined : parseMeasure(text.max);
    if (min === null)
      problems.push({ field: rangeFieldId('min', attributeId), attributeId, problem: 'minInvalid' });
    if (max === null)
      problems.push({ field: rangeFieldId('max', attributeId), attributeId, problem: 'maxInvalid' });
    if (typeof min === 'number' && typeof max === 'number' && max < min)
      problems.push({ field: rangeFieldId('max', attributeId), attributeId, problem: 'order' });
    ranges.push({
      attributeId,
      minText: text.min,
      maxText: text.max,
      min: min ?? undefined,
      max: max ?? undefined,
    });
  }

  const iso = raw.iso?.trim() ? raw.iso.trim() : undefined;
  return {
    q: (raw.q ?? '').trim(),
    iso,
    functionAreas: unique(listOf(raw.function)),
    disabilityCategories: unique(listOf(raw.disability)),
    supplierIds: unique(listOf(raw.supplier)),
    subsidy: raw.subsidy === 'yes' || raw.subsidy === 'no' ? raw.subsidy : undefined,
    sort: raw.sort && (sorts as readonly string[]).includes(raw.sort) ? raw.sort : undefined,
    page: raw.page ?? 1,
    minYuanText,
    maxYuanText,
    minFen: minFen ?? undefined,
    maxFen: maxFen ?? undefined,
    ranges,
    problems,
  };
}

/** Filters that narrow the list, beyond the words and the class. */
export const hasFilters = (query: CatalogQuery): boolean =>
  query.functionAreas.length > 0 ||
  query.disabilityCategories.length > 0 ||
  query.supplierIds.length > 0 ||
  query.subsidy !== undefined ||
  query.minYuanText !== '' ||
  query.maxYuanText !== '' ||
  query.ranges.length > 0;

/** Nothing asked at all: the page shows the classes to browse. */
export const isBrowse = (query: CatalogQuery): boolean =>
  query.q === '' &&
  query.iso === undefined &&
  query.sort === undefined &&
  !hasFilters(query) &&
  query.page === 1;

/**
 * The query as URL parameters, in a stable order, as the form would send it.
 * Ranges keep what was typed, so a mistake stays visible after paging.
 */
export function queryPairs(query: CatalogQuery): [string, string][] {
  const pairs: [string, string][] = [];
  if (query.q !== '') pairs.push(['q', query.q]);
  if (query.iso !== undefined) pairs.push(['iso', query.iso]);
  for (const value of query.functionAreas) pairs.push(['function', value]);
  for (const value of query.disabilityCategories) pairs.push(['disability', value]);
  for (const value of query.supplierIds) pairs.push(['supplier', value]);
  if (query.minYuanText !== '') pairs.push(['minYuan', query.minYuanText]);
  if (query.maxYuanText !== '') pairs.push(['maxYuan', query.maxYuanText]);
  if (query.subsidy !== undefined) pairs.push(['subsidy', query.subsidy]);
  for (const range of query.ranges) {
    if (range.minText !== '') pairs.push([`min_${range.attributeId}`, range.minText]);
    if (range.maxText !== '') pairs.push([`max_${range.attributeId}`, range.maxText]);
  }
  if (query.sort !== undefined) pairs.push(['sort', query.sort]);
  if (query.page > 1) pairs.push(['page', String(query.page)]);
  return pairs;
}

export function catalogHref(pairs: readonly (readonly [string, string])[]): string {
  const search = new URLSearchParams(pairs.map(([k, v]) => [k, v]));
  const text = search.toString();
  return text === '' ? '/products' : `/products?${text}`;
}

/** The ranges for the search: what could be understood. */
export function searchRanges(query: CatalogQuery): Record<string, { min?: number; max?: number }> {
  const ranges: Record<string, { min?: number; max?: number }> = {};
  for (const range of query.ranges) {
    if (range.min === undefined && range.max === undefined) continue;
    ranges[range.attributeId] = {
      ...(range.min === undefined ? {} : { min: range.min }),
      ...(range.max === undefined ? {} : { max: range.max }),
    };
  }
  return ranges;
}
