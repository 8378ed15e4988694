import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, for checks that must cover all of them (headers, authorisation). */
    readonly registeredRoutes: readonly { method: string; url: string }[];
  }
}

/**
 * Every route declares a schema (DESIGN habit 2): a route without one stops
 * the app from being built, so the gap is found by the first test, not in review.
 */
export function requireSchemas(app: FastifyInstance): void {
  const routes: { method: string; url: string }[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    if (!route.schema) {
      throw new Error(`route ${String(route.method)} ${route.url} has no schema`);
    }
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
}
