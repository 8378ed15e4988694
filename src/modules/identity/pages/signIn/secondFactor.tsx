import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { formatSecretForReading, otpauthUri } from '../../../../platform/crypto/index.ts';
import { PageQuery, ReturnTo, safeReturnTo, sendPage } from '../../../../platform/http/index.ts';
import { Button, TextInput } from '../../../../platform/ui/index.ts';
import { pendingTotpSecret, startTotpEnrolment } from '../../ownAccount.ts';
import { clearSessionCookie } from '../../session.ts';
import { endSession } from '../../sessionsRepo.ts';
import { completeSecondFactor } from '../../signIn.ts';
import { CsrfField, requestOrigin, UncrumbedPage } from '../common.tsx';
import { signInMessages } from './messages.ts';
import { afterSignIn, Code, ctxAndT, lockedMessage, type SignInPageDeps } from './shared.tsx';

/** The second step for staff: a code from an authenticator app (set up here the first time), or giving up. */
export function secondFactorPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config } = deps;

  const secondFactorPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { error?: string; returnTo?: string },
    status = 200,
  ) => {
    const { ctx, t } = ctxAndT(deps, request, reply);
    const pending = request.actor.kind === 'pending' ? request.actor : undefined;
    if (!pending) return reply.redirect('/login', 303);
    const enrolling = pending.waitingFor === 'enrol_second_factor';
    const secret = enrolling
      ? ((await pendingTotpSecret(deps, pending.userId)) ?? (await startTotpEnrolment(deps, pending.userId)))
      : null;
    const title = enrolling ? t('enrolTitle') : t('secondFactorTitle');
    const csrf = reply.generateCsrf();
    return sendPage(
      reply,
      <UncrumbedPage ctx={ctx} title={title} errors={state.error ? { code: state.error } : {}}>
        <h1 class="fj-heading-l">{title}</h1>
        {secret !== null ? (
          <>
            <p class="fj-body">{t('enrolLead')}</p>
            <ol class="fj-list">
              <li>{t('enrolStep1')}</li>
              <li>
                {t('enrolStep2')}
                <dl class="fj-setup-key">
                  <dt>{t('enrolKey')}</dt>
                  <dd>
                    <code
                      class="fj-code"
                      data-otpauth={otpauthUri({
                        secret,
                        account: pending.label,
                        issuer: config.platformName.en,
                      })}
                    >
                      {formatSecretForReading(secret)}
                    </code>
                  </dd>
                  <dt>{t('enrolAccount')}</dt>
                  <dd>{pending.label}</dd>
                </dl>
              </li>
              <li>{t('enrolStep3')}</li>
            </ol>
          </>
        ) : (
          <p class="fj-body">{t('secondFactorLead')}</p>
        )}
        <form method="post" action="/login/two-factor" novalidate>
          <CsrfField token={csrf} />
          {state.returnTo && <input type="hidden" name="returnTo" value={state.returnTo} />}
          <TextInput
            id="code"
            name="code"
            label={t('secondFactorCode')}
            hint={t('secondFactorHint')}
            inputmode="numeric"
            autocomplete="one-time-code"
            spellcheck={false}
            width="10"
            maxlength={20}
            error={state.error}
          />
          <Button preventDoubleClick>{t('secondFactorSubmit')}</Button>
        </form>
        <form method="post" action="/login/cancel">
          <CsrfField token={csrf} />
          <Button variant="secondary">{t('cancel')}</Button>
        </form>
      </UncrumbedPage>,
      status,
    );
  };

  app.get(
    '/login/two-factor',
    {
      config: { access: 'pendingSecondFactor' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...PageQuery.properties,
          returnTo: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
      },
    },
    async (request, reply) =>
      secondFactorPage(request, reply, {
        returnTo: safeReturnTo((request.query as { returnTo?: string }).returnTo),
      }),
  );

  app.post(
    '/login/two-factor',
    {
      config: { access: 'pendingSecondFactor' },
      schema: {
        hide: true,
        body: Type.Object({ _csrf: Type.String(), code: Code, returnTo: Type.Optional(ReturnTo) }),
      },
    },
    async (request, reply) => {
      const body = request.body as { code: string; returnTo?: string };
      const t = signInMessages.for(request.locale);
      if (!/^\d{6}$/.test(body.code.replace(/\s/g, ''))) {
        return secondFactorPage(
          request,
          reply,
          { error: t('secondFactorMissing'), returnTo: body.returnTo },
          400,
        );
      }
      if (request.actor.kind !== 'pending') return reply.redirect('/login', 303);
      const result = await completeSecondFactor(deps, request.actor, {
        code: body.code,
        ...requestOrigin(request),
      });
      if (result.outcome === 'refused') {
        const error =
          result.reason === 'locked' ? lockedMessage(t, result.retryAfterSeconds) : t('secondFactorInvalid');
        return secondFactorPage(
          request,
          reply,
          { error, returnTo: body.returnTo },
          result.reason === 'locked' ? 429 : 401,
        );
      }
      return afterSignIn(deps, reply, result, body.returnTo);
    },
  );

  app.post(
    '/login/cancel',
    {
      config: { access: 'pendingSecondFactor' },
      schema: { hide: true, body: Type.Object({ _csrf: Type.String() }) },
    },
    async (request, reply) => {
      if (request.actor.kind === 'pending')
        await endSession(deps.db, request.actor.sessionId, 'second_factor_cancelled');
      clearSessionCookie(config, reply);
      return reply.redirect('/login?signedOut=1', 303);
    },
  );
}
