import type { FastifyInstance } from 'fastify';
import { registerUploads } from '../../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { admissionPages } from './admissionPage.tsx';
import { admissionListPages } from './admissions.tsx';
import { catalogPages, catalogUploadPages } from './catalogPage.tsx';
import { catalogListPages } from './catalogs.tsx';
import { itemPages } from './itemPages.tsx';
import { settingsPages } from './settings.tsx';

/**
 * The city administrator's pages for the policy catalogs (drafts, items from
 * a spreadsheet or one by one, notice and entry into force, settings) and for admission
 * reviews (panel, decision, objections, conclusion).
 */
export function policyAdminPages(app: FastifyInstance, deps: ModuleDeps): void {
  catalogListPages(app, deps);
  settingsPages(app, deps);
  catalogPages(app, deps);
  itemPages(app, deps);
  admissionListPages(app, deps);
  admissionPages(app, deps);
  // The item import reads multipart bodies: its parser lives in a scope of its own.
  app.register(async (uploads) => {
    await registerUploads(uploads, deps.config.dataDir);
    catalogUploadPages(uploads, deps);
  });
}
