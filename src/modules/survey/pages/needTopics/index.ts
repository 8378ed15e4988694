import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { needTopicsApi } from './api.ts';
import { formPages } from './formPages.tsx';
import { listPage } from './list.tsx';
import { topicPages } from './topicPage.tsx';

/**
 * Need topics: the public list and pages of published topics with their
 * evidence, the city's forms to group needs into topics and publish them,
 * and the topics as open data.
 */
export function needTopicsPages(app: FastifyInstance, deps: ModuleDeps): void {
  listPage(app, deps);
  formPages(app, deps);
  topicPages(app, deps);
  needTopicsApi(app, deps);
}
