import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { PageQuery, ReturnTo, safeReturnTo, sendPage } from '../../../../platform/http/index.ts';
import { Button, NotificationBanner, TextInput } from '../../../../platform/ui/index.ts';
import { signInWithPassword } from '../../signIn.ts';
import { CsrfField, type FieldErrors, requestOrigin, UncrumbedPage } from '../common.tsx';
import { signInMessages } from './messages.ts';
import { afterSignIn, ctxAndT, lockedMessage, type SignInPageDeps } from './shared.tsx';

/** Staff sign in with a username and password: the form, and checking it. */
export function staffPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const passwordPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { username?: string; errors?: FieldErrors; returnTo?: string; notice?: 'signedOut' | 'expired' },
    status = 200,
  ) => {
    const { ctx, t } = ctxAndT(deps, request, reply);
    return sendPage(
      reply,
      <UncrumbedPage ctx={ctx} title={t('title')} errors={state.errors}>
        {state.notice && (
          <NotificationBanner type="success" title={t('signedOutTitle')} titleId="signed-out">
            <p class="fj-body">{t(state.notice)}</p>
          </NotificationBanner>
        )}
        <h1 class="fj-heading-l">{t('title')}</h1>
        <p class="fj-body">{t('lead')}</p>
        <form method="post" action="/login" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          {state.returnTo && <input type="hidden" name="returnTo" value={state.returnTo} />}
          <TextInput
            id="username"
            name="username"
            label={t('username')}
            value={state.username}
            autocomplete="username"
            spellcheck={false}
            width="20"
            error={state.errors?.username}
          />
          <TextInput
            id="password"
            name="password"
            type="password"
            label={t('password')}
            autocomplete="current-password"
            width="20"
            error={state.errors?.password}
          />
          <Button preventDoubleClick>{t('submit')}</Button>
        </form>
        <p class="fj-body">
          <a href="/login/resident">{t('residentLink')}</a>
        </p>
      </UncrumbedPage>,
      status,
    );
  };

  app.get(
    '/login',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...PageQuery.properties,
          returnTo: Type.Optional(Type.String({ maxLength: 2000 })),
          signedOut: Type.Optional(Type.Literal('1')),
          expired: Type.Optional(Type.Literal('1')),
        }),
      },
    },
    async (request, reply) => {
      const query = request.query as { returnTo?: string; signedOut?: '1'; expired?: '1' };
      return passwordPage(request, reply, {
        returnTo: safeReturnTo(query.returnTo),
        notice: query.signedOut ? 'signedOut' : query.expired ? 'expired' : undefined,
      });
    },
  );

  app.post(
    '/login',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        body: Type.Object({
          _csrf: Type.String(),
          username: Type.String({ maxLength: 200 }),
          password: Type.String({ maxLength: 1000 }),
          returnTo: Type.Optional(ReturnTo),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body as { username: string; password: string; returnTo?: string };
      const t = signInMessages.for(request.locale);
      const errors: Record<string, string> = {};
      if (body.username.trim() === '') errors.username = t('usernameMissing');
      if (body.password === '') errors.password = t('passwordMissing');
      if (Object.keys(errors).length > 0) {
        return passwordPage(
          request,
          reply,
          { username: body.username, errors, returnTo: body.returnTo },
          400,
        );
      }
      const result = await signInWithPassword(deps, { ...body, ...requestOrigin(request) });
      if (result.outcome === 'refused') {
        const message =
          result.reason === 'locked' ? lockedMessage(t, result.retryAfterSeconds) : t('invalid');
        if (result.reason === 'locked') reply.header('retry-after', String(result.retryAfterSeconds));
        return passwordPage(
          request,
          reply,
          { username: body.username, errors: { username: message }, returnTo: body.returnTo },
          result.reason === 'locked' ? 429 : 401,
        );
      }
      return afterSignIn(deps, reply, result, body.returnTo);
    },
  );
}
