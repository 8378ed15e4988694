import type { FastifyRequest } from 'fastify';
import { type Action, authorise, type SignedInActor } from '../../platform/auth/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import { CatalogSearch } from './catalogSearch.ts';
import { currentDivisionCodes } from './classificationRepo.ts';
import { findProduct, findVersion, type ProductRecord, type ProductVersion } from './productsRepo.ts';

/** What the catalog's routes share: the database, the search index and a few lookups. */
export interface CatalogServices {
  readonly db: Db;
  readonly search: CatalogSearch;
  /** Where the platform is reached from outside (FUJU_PUBLIC_URL), for links in open data. */
  readonly publicUrl: string | undefined;
  /** The divisions of the edition products are classified by. */
  knownIsoCodes(): Promise<ReadonlySet<string>>;
  /** The supplier a signed-in user acts for: the one named if they may, or their only one. */
  supplierFor(actor: SignedInActor, requested: string | undefined): string | undefined;
  /** The product in the route's `:id`, if the actor may do the action to it; else 404 (audited). */
  productFor(request: FastifyRequest, action: Action): Promise<ProductRecord>;
  /** A published product and its published version, or undefined. */
  publishedProduct(id: string): Promise<{ product: ProductRecord; version: ProductVersion } | undefined>;
}

export function catalogServices(db: Db, publicUrl: URL | undefined): CatalogServices {
  const search = new CatalogSearch(db);
  return {
    db,
    search,
    publicUrl: publicUrl?.origin,
    knownIsoCodes: () => currentDivisionCodes(db),
    supplierFor(actor, requested) {
      const supplierIds = actor.grants
        .filter((g) => g.role === 'supplier_staff' && g.organisationId !== null)
        .map((g) => g.organisationId as string);
      if (requested !== undefined) return requested;
      return supplierIds.length === 1 ? supplierIds[0] : undefined;
    },
    async productFor(request, action) {
      const { id } = request.params as { id: string };
      const product = await findProduct(db, id);
      if (!product) throw new HttpError(404, 'not_found', 'not found');
      await authorise(
        db,
        request,
        action,
        { type: 'product', id },
        { organisationIds: [product.supplierId] },
      );
      return product;
    },
    async publishedProduct(id) {
      const product = await findProduct(db, id);
      if (product?.status !== 'published' || product.publishedVersion === null) return undefined;
      const version = await findVersion(db, id, product.publishedVersion);
      return version && { product, version };
    },
  };
}
