import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../../platform/module.ts';
import type { VersionCache } from '../../versionCache.ts';
import { catalogListPages } from './catalogList.tsx';
import { diffPages } from './diffPage.tsx';
import { noticePages } from './noticePages.tsx';
import { versionRoutes } from './versionRoutes.tsx';

/**
 * The public pages of the policy catalogs: each kind's versions, a version's
 * items (print and spreadsheet too), one subsidy item, the comparison of two
 * years, and the public notices of admissions with their objection form.
 */
export function publicPolicyPages(app: FastifyInstance, deps: ModuleDeps, cache: VersionCache): void {
  catalogListPages(app, deps);
  // `/diff` is a static segment, so it wins over `/:year` whatever the order; `:year` is an integer anyway.
  diffPages(app, deps, cache);
  versionRoutes(app, deps, cache);
  noticePages(app, deps);
}
