import type { FastifyInstance } from 'fastify';

/**
 * Every route declares a schema (DESIGN habit 2): a route without one stops
 * the app from being built, so the gap is found by the first test, not in review.
 */
export function requireSchemas(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.schema) {
      throw new Error(`route ${String(route.method)} ${route.url} has no schema`);
    }
  });
}
