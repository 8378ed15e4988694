import type { Queryable } from '../../platform/db/index.ts';
import {
  catalogOn,
  findCatalogById,
  findSubsidyItem,
  type StoredSubsidyItem,
  subsidyItems,
} from './catalogsRepo.ts';
import { type ItemConditions, itemConditions } from './domain/conditions.ts';

/** A subsidy item as the fitting workflow reads it: the item, its version and its conditions. */
export interface SubsidyItemInCatalog {
  readonly catalogId: string;
  readonly year: number;
  readonly item: StoredSubsidyItem;
  readonly conditions: ItemConditions;
}

/** The subsidy catalog version governing applications made on a day, and its items. */
export async function subsidyCatalogOn(
  db: Queryable,
  day: string,
): Promise<
  | { catalogId: string; year: number; startsOn: string; endsOn: string; items: StoredSubsidyItem[] }
  | undefined
> {
  const catalog = await catalogOn(db, 'subsidy', day);
  if (!catalog) return undefined;
  return {
    catalogId: catalog.id,
    year: catalog.year,
    startsOn: catalog.startsOn,
    endsOn: catalog.endsOn,
    items: await subsidyItems(db, catalog.id),
  };
}

/**
 * One item of one version. A case keeps the version it was opened under, so
 * its prescription is priced by that year's item even after a new year's
 * catalog enters force.
 */
export async function subsidyItemOf(
  db: Queryable,
  catalogId: string,
  code: string,
): Promise<SubsidyItemInCatalog | undefined> {
  const catalog = await findCatalogById(db, catalogId);
  if (catalog?.kind !== 'subsidy') return undefined;
  const item = await findSubsidyItem(db, catalog.id, code);
  if (!item) return undefined;
  return { catalogId: catalog.id, year: catalog.year, item, conditions: itemConditions(item, catalog) };
}
