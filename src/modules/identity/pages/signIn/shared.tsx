import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Assets } from '../../../../platform/http/index.ts';
import { pageContext } from '../../../../platform/http/index.ts';
import type { MessageSender } from '../../residentSignIn.ts';
import { setSessionCookie } from '../../session.ts';
import type { SignInDeps, SignInResult } from '../../signIn.ts';
import { signInMessages } from './messages.ts';

export interface SignInPageDeps extends SignInDeps {
  readonly assets: Assets;
  readonly sender: MessageSender;
}

export type T = ReturnType<typeof signInMessages.for>;

/** A 6-digit code as typed: room for spaces, checked by the handler rather than the schema. */
export const Code = Type.String({ maxLength: 20 });

/** The page context and the sign-in pages' messages in its language. */
export const ctxAndT = (deps: SignInPageDeps, request: FastifyRequest, reply: FastifyReply) => {
  const ctx = pageContext(deps.config, deps.assets, request, reply);
  return { ctx, t: signInMessages.for(ctx.locale) };
};

/** Too many attempts: how long to wait, in whole minutes and never less than one. */
export const lockedMessage = (t: T, retryAfterSeconds: number): string =>
  t('locked', { minutes: String(Math.max(1, Math.ceil(retryAfterSeconds / 60))) });

/** A password or second factor accepted: set the cookie, then on to the next step, or to where they were going. */
export const afterSignIn = (
  deps: SignInPageDeps,
  reply: FastifyReply,
  result: Extract<SignInResult, { outcome: 'signedIn' }>,
  returnTo?: string,
) => {
  setSessionCookie(deps.config, reply, result.token);
  const back = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : '';
  if (result.next === 'second_factor' || result.next === 'enrol_second_factor') {
    return reply.redirect(`/login/two-factor${back}`, 303);
  }
  if (result.next === 'changePassword') return reply.redirect('/account/password?expired=1', 303);
  return reply.redirect(returnTo ?? '/account', 303);
};
