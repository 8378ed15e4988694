import type { FastifyInstance } from 'fastify';
import { registerUploads } from '../../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import type { CatalogServices } from '../../catalogServices.ts';
import { classificationPages } from './classification.tsx';
import { catalogHomePage } from './home.tsx';
import { reviewPages } from './review.tsx';
import { synonymPages } from './synonyms.tsx';

/**
 * The city administrator's catalog pages under /admin/catalog: the review
 * queue and decisions, the classification with its crosswalk and imports,
 * and search synonyms.
 */
export function catalogAdminPages(app: FastifyInstance, services: CatalogServices, deps: ModuleDeps): void {
  catalogHomePage(app, services, deps);
  reviewPages(app, services, deps);
  synonymPages(app, services, deps);
  // The classification import reads multipart bodies: its parser lives in a scope of its own.
  app.register(async (uploads) => {
    await registerUploads(uploads, deps.config.dataDir);
    classificationPages(uploads, services, deps);
  });
}
