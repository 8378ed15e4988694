import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, anonymous } from '../../platform/auth/index.ts';
import type { Db } from '../../platform/db/index.ts';
import type { Config } from '../../platform/module.ts';
import { findLiveSession, touchSession } from './sessionsRepo.ts';
import { findTokenOwner, looksLikeToken } from './tokensRepo.ts';
import { loadGrants } from './usersRepo.ts';

/** `__Host-` pins the cookie to this host and path / over TLS (SECURITY.md 4). */
export const sessionCookieName = (config: Config): string =>
  config.publicUrl?.protocol === 'https:' ? '__Host-fuju_session' : 'fuju_session';

export const sessionCookieOptions = (config: Config) =>
  ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl?.protocol === 'https:',
  }) as const;

export function setSessionCookie(config: Config, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName(config), token, sessionCookieOptions(config));
}

export function clearSessionCookie(config: Config, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(config), sessionCookieOptions(config));
}

/** Touching the session on every request would be a write per request; once a minute is enough. */
const touchEveryMs = 60_000;

/**
 * Finds who is acting: a bearer token (scripts, department systems) or the
 * session cookie. Grants are read on every request, so a revoked role stops
 * working on the next one (SECURITY.md 9).
 */
export function actorResolver(config: Config, db: Db) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<Actor> => {
    request.sessionExpiresAt = null;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const token = /^Bearer (\S+)$/i.exec(authorization)?.[1];
      const owner =
        token !== undefined && looksLikeToken(token) ? await findTokenOwner(db, token) : undefined;
      if (!owner) return anonymous;
      return {
        kind: 'user',
        userId: owner.userId,
        label: owner.username ?? `resident:${owner.userId.slice(0, 8)}`,
        userKind: owner.kind,
        grants: await loadGrants(db, owner.userId),
        via: 'token',
        sessionId: null,
        tokenId: owner.tokenId,
      };
    }
    const token = request.cookies[sessionCookieName(config)];
    if (token === undefined || token.length > 100) return anonymous;
    const session = await findLiveSession(db, token);
    if (!session) {
      clearSessionCookie(config, reply);
      return anonymous;
    }
    const label = session.username ?? `resident:${session.userId.slice(0, 8)}`;
    if (session.state !== 'active') {
      return {
        kind: 'pending',
        userId: session.userId,
        label,
        sessionId: session.id,
        waitingFor: session.state,
      };
    }
    request.sessionExpiresAt =
      Date.now() - session.lastSeenAt.getTime() > touchEveryMs
        ? await touchSession(db, session.id, config.sessionIdleMinutes)
        : session.expiresAt;
    return {
      kind: 'user',
      userId: session.userId,
      label,
      userKind: session.userKind,
      grants: await loadGrants(db, session.userId),
      via: 'session',
      sessionId: session.id,
      tokenId: null,
    };
  };
}
