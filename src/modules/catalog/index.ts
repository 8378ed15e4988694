import type { FujuModule } from '../../platform/module.ts';
import { catalogApi } from './api.ts';
import { catalogServices } from './catalogServices.ts';
import { demoProducts } from './demo/products.ts';
import { hasDemoProducts, insertPublishedProducts, seedClassification, seedSynonyms } from './demo.ts';
import { catalogAdminPages } from './pages/admin/index.ts';
import { catalogAdminMessages } from './pages/admin/messages.ts';
import { publicCatalogPages } from './pages/public/index.ts';
import { publicCatalogMessages } from './pages/public/messages.ts';
import { supplierPages } from './pages/supplier/index.ts';
import { supplierMessages } from './pages/supplier/messages.ts';
import { importMessages } from './spreadsheet/messages.ts';

export { currentDivisionCodes } from './classificationRepo.ts';
export { syntheticProducts } from './demo/products.ts';
export { insertPublishedProducts } from './demo.ts';
export type { FollowUpOutcome, ProductFeedback } from './feedbackRepo.ts';
export { productFeedback, recordProductFeedback } from './feedbackRepo.ts';
export { importFileForSupplier } from './importService.ts';
export type { ProductSummary } from './productLinks.ts';
export {
  productSummaries,
  publishedProductsByModel,
  publishedProductsOf,
  setSubsidyCatalogMembership,
} from './productLinks.ts';
export { catalogRevision } from './productsRepo.ts';
/** The catalog's assistive-technology word cutter, for other modules' free text (need topics). */
export { segment as segmentText } from './search/segment.ts';
export { writeProductsXlsx } from './spreadsheet/write.ts';

/** Assistive products: the ISO 9999 classification, suppliers' products with their review, and search. */
export const catalogModule: FujuModule = {
  name: 'catalog',
  routes(app, deps) {
    const services = catalogServices(deps.db, deps.config.publicUrl);
    // A listening server builds its search index at once, not on its first visitor's search.
    app.addHook('onListen', async () => {
      services.search
        .fresh()
        .catch((error: unknown) => app.log.error({ err: error }, 'search index warm-up failed'));
    });
    catalogApi(app, services);
    publicCatalogPages(app, services, deps);
    supplierPages(app, services, deps);
    catalogAdminPages(app, services, deps);
  },
  async seedDemo(tx) {
    const { nodes } = await seedClassification(tx);
    const synonyms = await seedSynonyms(tx);
    const products = (await hasDemoProducts(tx))
      ? 0
      : await insertPublishedProducts(tx, demoProducts(), { isDemo: true });
    return { classificationNodes: nodes, synonyms, products };
  },
  messages: [publicCatalogMessages, supplierMessages, catalogAdminMessages, importMessages],
};
