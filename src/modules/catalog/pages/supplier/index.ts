import type { FastifyInstance } from 'fastify';
import { registerUploads } from '../../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import type { CatalogServices } from '../../catalogServices.ts';
import { exportRoutes } from './exports.ts';
import { importPages } from './imports.tsx';
import { productFormPages } from './productForm.tsx';
import { productPages } from './products.tsx';

/**
 * The supplier portal under /supplier: a supplier's products with their
 * versions and review, the product form, bulk import and export. The city
 * administrator, who reads every supplier's products, sees the same pages.
 */
export function supplierPages(app: FastifyInstance, services: CatalogServices, deps: ModuleDeps): void {
  // Static paths (export.xlsx, new) are matched before the :id routes whatever the order.
  exportRoutes(app, services);
  productPages(app, services, deps);
  productFormPages(app, services, deps);
  // Imports read multipart bodies: the parser and its temporary files live in a scope of their own.
  app.register(async (scope) => {
    await registerUploads(scope, deps.config.dataDir);
    importPages(scope, services, deps);
  });
}
