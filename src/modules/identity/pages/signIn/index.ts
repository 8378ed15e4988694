import type { FastifyInstance } from 'fastify';
import { residentPages } from './resident.tsx';
import { secondFactorPages } from './secondFactor.tsx';
import { sessionPages } from './session.tsx';
import type { SignInPageDeps } from './shared.tsx';
import { staffPages } from './staff.tsx';

export type { SignInPageDeps } from './shared.tsx';

/** Signing in and out: staff with a password (and second factor), residents with a code; sessions. */
export function signInPages(app: FastifyInstance, deps: SignInPageDeps): void {
  // Registered in the order the routes have always been: staff, their second step, signing out, residents.
  staffPages(app, deps);
  secondFactorPages(app, deps);
  sessionPages(app, deps);
  residentPages(app, deps);
}
