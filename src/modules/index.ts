import type { FujuModule } from '../platform/module.ts';
import { auditModule } from './audit/index.ts';
import { catalogModule } from './catalog/index.ts';
import { fittingModule } from './fitting/index.ts';
import { identityModule } from './identity/index.ts';
import { peopleModule } from './people/index.ts';
import { policyCatalogsModule } from './policyCatalogs/index.ts';
import { portalModule } from './portal/index.ts';
import { researchModule } from './research/index.ts';
import { surveyModule } from './survey/index.ts';

/** Every module of the platform, in the order their routes and demo data are set up. */
export const modules: readonly FujuModule[] = [
  identityModule,
  auditModule,
  portalModule,
  catalogModule,
  policyCatalogsModule,
  peopleModule,
  fittingModule,
  surveyModule,
  researchModule,
];
