import type { FujuModule } from '../../platform/module.ts';
import { concludeEndedNotices } from './admissionsService.ts';
import { policyCatalogsApi } from './api.ts';
import { seedPolicyCatalogs } from './demo.ts';
import { beijingDay } from './domain/policyYear.ts';
import { policyAdminPages } from './pages/admin/index.ts';
import { policyAdminMessages } from './pages/admin/messages.ts';
import { policyLabels } from './pages/labels.ts';
import { publicPolicyPages } from './pages/public/index.ts';
import { publicPolicyMessages } from './pages/public/messages.ts';
import { admissionWorkPages } from './pages/work/index.ts';
import { admissionWorkMessages } from './pages/work/messages.ts';
import { spreadsheetMessages } from './spreadsheet/messages.ts';
import { VersionCache } from './versionCache.ts';

export type { ItemConditions } from './domain/conditions.ts';
export type { AdmittedProduct, ApplicantGroup, SubsidyItem } from './domain/items.ts';
export { applicantGroups, subsidyFor } from './domain/items.ts';
export { addDays } from './domain/policyYear.ts';
export type { SubsidyItemInCatalog } from './subsidyLookup.ts';
export { subsidyCatalogOn, subsidyItemOf } from './subsidyLookup.ts';
export { beijingDay, concludeEndedNotices };

/** How often a running app ends notices whose period is over. */
const concludeEveryMs = 60 * 60 * 1000;

/**
 * The city's yearly subsidy and rehabilitation-services catalogs, and the
 * admission of products to them by review and public notice (plan task 5).
 */
export const policyCatalogsModule: FujuModule = {
  name: 'policyCatalogs',
  routes(app, deps) {
    const cache = new VersionCache(deps.db);
    policyCatalogsApi(app, deps, cache);
    publicPolicyPages(app, deps, cache);
    policyAdminPages(app, deps);
    admissionWorkPages(app, deps);
    // Notices end on their own: a listening app concludes those past their last day, at start and hourly.
    let timer: NodeJS.Timeout | undefined;
    const sweep = () =>
      concludeEndedNotices(deps.db, beijingDay(new Date())).catch((error: unknown) =>
        app.log.error({ err: error }, 'concluding ended notices failed'),
      );
    app.addHook('onListen', async () => {
      void sweep();
      timer = setInterval(sweep, concludeEveryMs);
      timer.unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  },
  async seedDemo(tx) {
    return seedPolicyCatalogs(tx, new Date());
  },
  // Who objected to a notice: opened only for the city's administrators.
  encryptedColumns: [{ table: 'admission_objection', idColumn: 'id', column: 'objector_sealed' }],
  messages: [
    policyLabels,
    publicPolicyMessages,
    policyAdminMessages,
    admissionWorkMessages,
    spreadsheetMessages,
  ],
};
