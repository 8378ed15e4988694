import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { appendAudit } from '../../../../platform/audit/index.ts';
import type { Queryable } from '../../../../platform/db/index.ts';
import { ReturnTo } from '../../../../platform/http/index.ts';
import { clearSessionCookie } from '../../session.ts';
import { endAllSessions, endSession, touchSession } from '../../sessionsRepo.ts';
import { signedIn, wantsJson } from '../common.tsx';
import type { SignInPageDeps } from './shared.tsx';

/** Signing out here or everywhere, and keeping a session alive. */
export function sessionPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config } = deps;

  app.post(
    '/logout',
    { config: { access: 'public' }, schema: { hide: true, body: Type.Object({ _csrf: Type.String() }) } },
    async (request, reply) => {
      const actor = request.actor;
      const sessionId =
        actor.kind === 'user' ? actor.sessionId : actor.kind === 'pending' ? actor.sessionId : null;
      if (sessionId !== null && actor.kind !== 'anonymous') {
        await deps.db.transaction(async (tx) => {
          await endSession(tx, sessionId, 'signed_out');
          await appendLogout(tx, request, actor.userId, actor.label);
        });
      }
      clearSessionCookie(config, reply);
      return reply.redirect('/login?signedOut=1', 303);
    },
  );

  app.post(
    '/logout/everywhere',
    { config: { access: 'signedIn' }, schema: { hide: true, body: Type.Object({ _csrf: Type.String() }) } },
    async (request, reply) => {
      const actor = signedIn(request);
      await deps.db.transaction(async (tx) => {
        const ended = await endAllSessions(tx, actor.userId, 'signed_out_everywhere');
        await appendAudit(tx, {
          actor: { userId: actor.userId, label: actor.label, organisationId: null },
          action: 'logout.everywhere',
          outcome: 'success',
          sourceAddress: request.ip,
          detail: { sessionsEnded: ended },
        });
      });
      clearSessionCookie(config, reply);
      return reply.redirect('/login?signedOut=1', 303);
    },
  );

  app.post(
    '/session/extend',
    {
      config: { access: 'signedIn' },
      schema: { hide: true, body: Type.Object({ _csrf: Type.String(), returnTo: Type.Optional(ReturnTo) }) },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const expiresAt = actor.sessionId
        ? await touchSession(deps.db, actor.sessionId, config.sessionIdleMinutes)
        : null;
      if (wantsJson(request)) return reply.send({ expiresAt: expiresAt?.toISOString() ?? null });
      return reply.redirect((request.body as { returnTo?: string }).returnTo ?? '/account', 303);
    },
  );
}

function appendLogout(tx: Queryable, request: FastifyRequest, userId: string, label: string) {
  return appendAudit(tx, {
    actor: { userId, label, organisationId: null },
    action: 'logout.success',
    outcome: 'success',
    sourceAddress: request.ip,
  });
}
