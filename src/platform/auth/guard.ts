import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/index.ts';
import { type Action, type Actor, actions, can, mayEver, type SignedInActor, type Target } from './policy.ts';

/**
 * Who may reach a route, declared on every route (`config: { access }`):
 * - 'public': anyone;
 * - 'signedIn': any signed-in user (their own account);
 * - 'pendingSecondFactor': a session that owes its second factor;
 * - an action: users who may do it somewhere; the handler then checks the object with `authorise`.
 */
export type Access = 'public' | 'signedIn' | 'pendingSecondFactor' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor;
    /** When the signed-in session ends if idle (shown in the header, warned about before). */
    sessionExpiresAt: Date | null;
  }
}

export interface AuthenticationOptions {
  readonly db: Db;
  /** Finds who is acting from the request's session cookie or bearer token. */
  resolveActor(request: FastifyRequest, reply: FastifyReply): Promise<Actor>;
  /** Where a page request without a session is sent. */
  readonly signInPath: string;
  /** Where a session that owes its second factor is sent. */
  secondFactorPath(waitingFor: 'second_factor' | 'enrol_second_factor'): string;
}

const isAccess = (value: unknown): value is Access =>
  value === 'public' ||
  value === 'signedIn' ||
  value === 'pendingSecondFactor' ||
  (actions as readonly unknown[]).includes(value);

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

/** The address the audit trail records (the proxy's client address when FUJU_TRUST_PROXY is on). */
export const sourceAddress = (request: FastifyRequest): string => request.ip;

/** How an actor is written on the trail. */
export function auditActor(actor: Actor): {
  userId: string | null;
  label: string;
  organisationId: string | null;
} {
  if (actor.kind === 'anonymous') return { userId: null, label: 'anonymous', organisationId: null };
  if (actor.kind === 'pending') return { userId: actor.userId, label: actor.label, organisationId: null };
  return {
    userId: actor.userId,
    label: actor.via === 'token' ? `${actor.label} (token:${actor.tokenId})` : actor.label,
    organisationId: actor.grants.find((g) => g.organisationId !== null)?.organisationId ?? null,
  };
}

async function recordDenial(
  db: Db,
  request: FastifyRequest,
  action: string,
  object: { type: string; id: string } | null,
) {
  await recordAudit(db, {
    actor: auditActor(request.actor),
    action,
    object,
    outcome: 'denied',
    sourceAddress: sourceAddress(request),
  });
}

/**
 * Authentication and route-level authorisation for every route. A route that
 * does not declare `access` stops the app from being built, as one without a
 * schema does, so no route is ever open by omission.
 */
export const authentication = fp(
  async (app: FastifyInstance, options: AuthenticationOptions) => {
    // Set on every request by the onRequest hook below; a shared object cannot be a decorator's default.
    app.decorateRequest('actor', null as never);
    app.decorateRequest('sessionExpiresAt', null);
    app.addHook('onRoute', (route) => {
      const access = (route.config as { access?: unknown } | undefined)?.access;
      if (!isAccess(access)) {
        throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
      }
    });

    app.addHook('onRequest', async (request, reply) => {
      request.actor = await options.resolveActor(request, reply);
    });

    app.addHook('preHandler', async (request, reply) => {
      const access = request.routeOptions.config.access;
      const actor = request.actor;
      // Only the not-found handler has no access declared (onRoute refuses any route without one).
      if (access === undefined || access === 'public') return;
      if (access === 'pendingSecondFactor') {
        if (actor.kind === 'pending') return;
        throw new HttpError(404, 'not_found', 'not found');
      }
      if (actor.kind === 'pending') {
        if (isApi(request)) throw new HttpError(401, 'unauthorized', 'sign-in not complete');
        return reply.redirect(options.secondFactorPath(actor.waitingFor), 303);
      }
      if (actor.kind === 'anonymous') {
        if (isApi(request) || request.method !== 'GET')
          throw new HttpError(401, 'unauthorized', 'sign in first');
        const returnTo = encodeURIComponent(request.url);
        return reply.redirect(`${options.signInPath}?returnTo=${returnTo}`, 303);
      }
      if (access === 'signedIn' || mayEver(actor, access)) return;
      await recordDenial(options.db, request, access, null);
      throw new HttpError(403, 'forbidden', 'not allowed');
    });
  },
  { name: 'fuju-authentication', dependencies: ['@fastify/cookie'] },
);

/**
 * The object-level check every handler makes before reading or changing an
 * object. Out of scope looks the same as absent (404), so a probe learns
 * nothing about what exists elsewhere; the denial is audited.
 */
export async function authorise(
  db: Db,
  request: FastifyRequest,
  action: Action,
  object: { type: string; id: string },
  target: Target,
): Promise<void> {
  if (can(request.actor, action, target)) return;
  await recordDenial(db, request, action, object);
  throw new HttpError(404, 'not_found', 'not found');
}

/** The route's access check has run: this handler only runs for a signed-in user. */
export function signedIn(request: FastifyRequest): SignedInActor {
  if (request.actor.kind !== 'user') throw new HttpError(401, 'unauthorized', 'sign in first');
  return request.actor;
}
