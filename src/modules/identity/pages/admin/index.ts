import type { FastifyInstance } from 'fastify';
import type { SignInPageDeps } from '../signIn/index.ts';
import { homePage } from './home.tsx';
import { organisationPages } from './organisations.tsx';
import { tokenPages } from './tokens.tsx';
import { userPages } from './user.tsx';
import { newUserPages, userListPage } from './users.tsx';

/** Every administration page: organisations, user accounts, role grants and API tokens. */
export function adminPages(app: FastifyInstance, deps: SignInPageDeps): void {
  homePage(app, deps);
  organisationPages(app, deps);
  // Registered in the order the routes have always been: the user list, one user, then a new user.
  userListPage(app, deps);
  userPages(app, deps);
  newUserPages(app, deps);
  tokenPages(app, deps);
}
