import { Type } from 'typebox';
import type { Queryable } from '../../../../platform/db/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { BreadcrumbItem, PageContext } from '../../../../platform/ui/index.ts';
import { type CatalogVersion, findCatalog } from '../../catalogsRepo.ts';
import { publicStatuses } from '../../domain/catalogWorkflow.ts';
import type { CatalogKind } from '../../domain/items.ts';
import { kindPath, kindText, policyLabels } from '../labels.ts';
import { inLocale, notFound } from '../shared.tsx';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
export const YearParams = Type.Object({ year: Year });
export const ItemParams = Type.Object({ year: Year, code: Type.String({ pattern: '^[0-9]{6,10}$' }) });

export const catalogTitle = (locale: Locale, catalog: CatalogVersion) =>
  inLocale(locale, catalog.titleZh, catalog.titleEn);

export const versionHref = (kind: CatalogKind, year: number) => `${kindPath[kind]}/${year}`;

/** A version the public may see: a draft is the city's working copy, so it is not found. */
export async function publicCatalog(db: Queryable, kind: CatalogKind, year: number): Promise<CatalogVersion> {
  const catalog = await findCatalog(db, kind, year);
  if (catalog === undefined || !publicStatuses.includes(catalog.status)) throw notFound();
  return catalog;
}

/** Breadcrumbs from the home page to a kind's list, for pages below it. */
export const kindCrumbs = (ctx: PageContext, kind: CatalogKind): BreadcrumbItem[] => [
  { text: kindText(policyLabels.for(ctx.locale), kind), href: kindPath[kind] },
];
