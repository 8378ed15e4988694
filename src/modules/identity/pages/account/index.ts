import type { FastifyInstance } from 'fastify';
import type { OwnDataCollector } from '../../../../platform/module.ts';
import type { SignInPageDeps } from '../signIn/index.ts';
import { dataPages } from './data.tsx';
import { overviewPages } from './overview.tsx';
import { passwordPages } from './password.tsx';
import { residentIdPages } from './residentId.tsx';
import { sessionsPages } from './sessions.tsx';
import { twoFactorPages } from './twoFactor.tsx';

/** The "my account" pages: a person's own data, its export and correction, sessions, password, second factor, ID. */
export function accountPages(
  app: FastifyInstance,
  deps: SignInPageDeps & { readonly ownData: OwnDataCollector },
): void {
  overviewPages(app, deps);
  dataPages(app, deps);
  sessionsPages(app, deps);
  passwordPages(app, deps);
  twoFactorPages(app, deps);
  residentIdPages(app, deps);
}
