import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import { HttpError } from './errors.tsx';
import { securityHeaders } from './securityHeaders.ts';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set to false only for routes that authenticate by bearer token, never by cookie. */
    csrf?: boolean;
  }
}

/** SECURITY.md 14: a state change must come from this site's own pages. */
function isCrossSite(request: FastifyRequest, config: Config): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (origin === 'null') return true;
    const allowed = config.publicUrl?.origin ?? `${request.protocol}://${request.host}`;
    return origin !== allowed;
  }
  return request.headers['sec-fetch-site'] === 'cross-site';
}

/**
 * Security baseline (SECURITY.md 12-16): headers with a strict CSP, CSRF on
 * every state-changing request, rate limits, and no caching of dynamic pages.
 */
export const security = fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const tls = config.publicUrl?.protocol === 'https:';
    securityHeaders(app, { tls });

    await app.register(rateLimit, {
      global: true,
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      // Probes from the orchestrator must never be throttled into a restart.
      allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
      errorResponseBuilder: (_request, context) =>
        new HttpError(context.statusCode, 'rate_limited', `retry after ${context.after}`),
    });

    await app.register(csrf, {
      cookieKey: tls ? '__Host-fuju_csrf' : 'fuju_csrf',
      cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: tls, signed: true },
      getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf,
    });

    app.addHook('onRequest', async (request) => {
      if (unsafeMethods.has(request.method) && isCrossSite(request, config)) {
        throw new HttpError(403, 'cross_site_request', 'cross-site request refused');
      }
    });

    // In preHandler, because the form body is parsed only after onRequest.
    app.addHook('preHandler', (request, reply, done) => {
      if (!unsafeMethods.has(request.method) || request.routeOptions.config.csrf === false) return done();
      // A bearer token is sent by a script on purpose, never by a browser on its own: no CSRF risk.
      // (With an Authorization header the session cookie is ignored, see actorResolver.)
      if (request.actor?.kind === 'user' && request.actor.via === 'token') return done();
      app.csrfProtection(request, reply, done);
    });

    // Dynamic responses may carry personal data: never store them anywhere.
    app.addHook('onSend', async (_request, reply, payload) => {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });
  },
  { name: 'fuju-security', dependencies: ['@fastify/cookie'] },
);
