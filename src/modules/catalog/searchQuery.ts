import { Type } from 'typebox';
import { disabilityCategories } from '../../platform/ids/index.ts';
import { attributeDefinition } from './domain/attributes.ts';
import { functionAreas } from './domain/product.ts';
import type { SearchRequest } from './search/index.ts';

export const sorts = ['relevance', 'price_asc', 'price_desc', 'newest', 'name'] as const;
export type Sort = (typeof sorts)[number];

/** Lists in a query string: `function=mobility,seeing` or the parameter repeated (a form's checkboxes). */
const ListParam = (pattern: string, description: string) =>
  Type.Union(
    [
      Type.String({ pattern, maxLength: 400 }),
      Type.Array(Type.String({ pattern, maxLength: 400 }), { maxItems: 20 }),
    ],
    {
      description,
    },
  );

/**
 * The search parameters the API and the catalog page share. Prices are in fen
 * on the API; the page asks for yuan and converts (see pages).
 */
export const searchParams = {
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'Words in Chinese, pinyin, initials, traditional characters or English',
    }),
  ),
  iso: Type.Optional(
    Type.String({
      pattern: '^([0-9]{2}){1,3}$',
      description: 'ISO 9999 class, subclass or division (2, 4 or 6 digits)',
    }),
  ),
  function: Type.Optional(
    ListParam(`^(${functionAreas.join('|')})(,(${functionAreas.join('|')}))*$`, 'Function areas, any of'),
  ),
  disability: Type.Optional(
    ListParam(
      `^(${disabilityCategories.join('|')})(,(${disabilityCategories.join('|')}))*$`,
      'Disability categories, any of',
    ),
  ),
  supplier: Type.Optional(ListParam('^[0-9a-f-]{36}(,[0-9a-f-]{36})*$', 'Supplier organisation ids, any of')),
  subsidy: Type.Optional(
    Type.Union([Type.Literal('yes'), Type.Literal('no')], { description: 'In the subsidy catalog or not' }),
  ),
  attr: Type.Optional(
    ListParam(
      '^[A-Za-z_]{1,40}:[0-9.]*-[0-9.]*$',
      'Technical ranges as id:min-max, e.g. seatWidth:40-46 (either end may be empty)',
    ),
  ),
  sort: Type.Optional(Type.Union(sorts.map((s) => Type.Literal(s)))),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
};

export interface SearchParams {
  q?: string;
  iso?: string;
  function?: string | string[];
  disability?: string | string[];
  supplier?: string | string[];
  subsidy?: 'yes' | 'no';
  attr?: string | string[];
  sort?: Sort;
  page?: number;
  pageSize?: number;
}

export const listOf = (value: string | string[] | undefined): string[] =>
  value === undefined
    ? []
    : (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).filter(Boolean);

/** Technical ranges from `id:min-max` values; unknown attributes and empty ranges are dropped. */
export function parseRanges(values: readonly string[]): Record<string, { min?: number; max?: number }> {
  const ranges: Record<string, { min?: number; max?: number }> = {};
  for (const value of values) {
    const [id = '', span = ''] = value.split(':');
    const [minText = '', maxText = ''] = span.split('-');
    if (attributeDefinition(id)?.kind !== 'number') continue;
    const min = minText === '' ? undefined : Number(minText);
    const max = maxText === '' ? undefined : Number(maxText);
    if (
      (min === undefined || Number.isFinite(min)) &&
      (max === undefined || Number.isFinite(max)) &&
      (min ?? max) !== undefined
    )
      ranges[id] = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
  }
  return ranges;
}

export function toSearchRequest(
  params: SearchParams,
  price: { minFen?: number | undefined; maxFen?: number | undefined },
  defaultPageSize: number,
): SearchRequest & { page: number; pageSize: number } {
  const page = params.page ?? 1;
  const pageSize = params.pageSize ?? defaultPageSize;
  const q = params.q?.trim();
  return {
    ...(q ? { q } : {}),
    ...(params.iso ? { iso: params.iso } : {}),
    functionAreas: listOf(params.function),
    disabilityCategories: listOf(params.disability),
    supplierIds: listOf(params.supplier),
    ...(price.minFen === undefined ? {} : { priceMinFen: price.minFen }),
    ...(price.maxFen === undefined ? {} : { priceMaxFen: price.maxFen }),
    ...(params.subsidy === undefined ? {} : { inSubsidyCatalog: params.subsidy === 'yes' }),
    ranges: parseRanges(listOf(params.attr)),
    sort: params.sort ?? 'relevance',
    offset: (page - 1) * pageSize,
    limit: pageSize,
    page,
    pageSize,
  };
}
