import type { FujuModule } from '../../platform/module.ts';
import { identityApi } from './api.ts';
import { seedIdentityDemo } from './demo.ts';

export type { District, Organisation, OrganisationType } from './repo.ts';
export { listDistricts, listOrganisations, organisationTypes } from './repo.ts';

/** Users, organisations, roles and district scope. */
export const identityModule: FujuModule = {
  name: 'identity',
  routes: (app, { db }) => identityApi(app, db),
  seedDemo: (tx) => seedIdentityDemo(tx),
  messages: [],
};
