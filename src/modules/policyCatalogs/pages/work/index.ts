import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { applicationPages } from './apply.tsx';
import { reviewPages } from './reviews.tsx';
import { supplierAdmissionPages } from './supplier.tsx';

/**
 * The working pages of admission: suppliers (and the city on a supplier's
 * behalf) apply and follow their applications; panel members declare their
 * interests and score.
 */
export function admissionWorkPages(app: FastifyInstance, deps: ModuleDeps): void {
  applicationPages(app, deps);
  supplierAdmissionPages(app, deps);
  reviewPages(app, deps);
}
