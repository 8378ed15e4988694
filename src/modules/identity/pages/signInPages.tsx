import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { appendAudit } from '../../../platform/audit/index.ts';
import { formatSecretForReading, maskPhone, otpauthUri } from '../../../platform/crypto/index.ts';
import type { Queryable } from '../../../platform/db/index.ts';
import type { Assets } from '../../../platform/http/index.ts';
import { PageQuery, pageContext, ReturnTo, safeReturnTo, sendPage } from '../../../platform/http/index.ts';
import { Button, NotificationBanner, TextInput } from '../../../platform/ui/index.ts';
import { pendingTotpSecret, startTotpEnrolment } from '../ownAccount.ts';
import { type MessageSender, requestSignInCode, signInWithCode } from '../residentSignIn.ts';
import { clearSessionCookie, setSessionCookie } from '../session.ts';
import { endAllSessions, endSession, touchSession } from '../sessionsRepo.ts';
import { completeSecondFactor, type SignInDeps, type SignInResult, signInWithPassword } from '../signIn.ts';
import { CsrfField, type FieldErrors, FormPage, requestOrigin, signedIn, wantsJson } from './common.tsx';
import { signInMessages } from './signInMessages.ts';

export interface SignInPageDeps extends SignInDeps {
  readonly assets: Assets;
  readonly sender: MessageSender;
}

/** The phone a code was sent to rides in a signed, sealed cookie between the two steps, never in the page. */
const codePhoneCookie = 'fuju_code_phone';

const Code = Type.String({ maxLength: 20 });

export function signInPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config, assets } = deps;
  const tls = config.publicUrl?.protocol === 'https:';

  const afterSignIn = (
    reply: FastifyReply,
    result: Extract<SignInResult, { outcome: 'signedIn' }>,
    returnTo?: string,
  ) => {
    setSessionCookie(config, reply, result.token);
    const back = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : '';
    if (result.next === 'second_factor' || result.next === 'enrol_second_factor') {
      return reply.redirect(`/login/two-factor${back}`, 303);
    }
    if (result.next === 'changePassword') return reply.redirect('/account/password?expired=1', 303);
    return reply.redirect(returnTo ?? '/account', 303);
  };

  const passwordPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { username?: string; errors?: FieldErrors; returnTo?: string; notice?: 'signedOut' | 'expired' },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = signInMessages.for(ctx.locale);
    return sendPage(
      reply,
      <FormPage ctx={ctx} title={t('title')} errors={state.errors} errorTitle={t('errorSummary')}>
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
      </FormPage>,
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
          result.reason === 'locked'
            ? t('locked', { minutes: String(Math.max(1, Math.ceil(result.retryAfterSeconds / 60))) })
            : t('invalid');
        if (result.reason === 'locked') reply.header('retry-after', String(result.retryAfterSeconds));
        return passwordPage(
          request,
          reply,
          { username: body.username, errors: { username: message }, returnTo: body.returnTo },
          result.reason === 'locked' ? 429 : 401,
        );
      }
      return afterSignIn(reply, result, body.returnTo);
    },
  );

  const secondFactorPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { error?: string; returnTo?: string },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = signInMessages.for(ctx.locale);
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
      <FormPage
        ctx={ctx}
        title={title}
        errors={state.error ? { code: state.error } : {}}
        errorTitle={t('errorSummary')}
      >
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
      </FormPage>,
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
          result.reason === 'locked'
            ? t('locked', { minutes: String(Math.max(1, Math.ceil(result.retryAfterSeconds / 60))) })
            : t('secondFactorInvalid');
        return secondFactorPage(
          request,
          reply,
          { error, returnTo: body.returnTo },
          result.reason === 'locked' ? 429 : 401,
        );
      }
      return afterSignIn(reply, result, body.returnTo);
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

  const phoneCookieOptions = {
    path: '/login/resident',
    httpOnly: true,
    sameSite: 'lax',
    secure: tls,
    signed: true,
    maxAge: 600,
  } as const;

  const residentPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { phone?: string; error?: string },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = signInMessages.for(ctx.locale);
    return sendPage(
      reply,
      <FormPage
        ctx={ctx}
        title={t('residentTitle')}
        errors={state.error ? { phone: state.error } : {}}
        errorTitle={t('errorSummary')}
      >
        <h1 class="fj-heading-l">{t('residentTitle')}</h1>
        <p class="fj-body">{t('residentLead')}</p>
        <form method="post" action="/login/resident" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <TextInput
            id="phone"
            name="phone"
            type="tel"
            label={t('phone')}
            hint={t('phoneHint')}
            value={state.phone}
            autocomplete="tel-national"
            inputmode="tel"
            width="20"
            maxlength={20}
            error={state.error}
          />
          <Button preventDoubleClick>{t('sendCode')}</Button>
        </form>
        <p class="fj-body">
          <a href="/login">{t('staffLink')}</a>
        </p>
      </FormPage>,
      status,
    );
  };

  app.get(
    '/login/resident',
    { config: { access: 'public' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => residentPage(request, reply, {}),
  );

  app.post(
    '/login/resident',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        body: Type.Object({ _csrf: Type.String(), phone: Type.String({ maxLength: 40 }) }),
      },
    },
    async (request, reply) => {
      const { phone } = request.body as { phone: string };
      const t = signInMessages.for(request.locale);
      if (phone.trim() === '') return residentPage(request, reply, { error: t('phoneMissing') }, 400);
      const result = await requestSignInCode(deps, deps.sender, {
        phone,
        address: request.ip,
        locale: request.locale,
      });
      if (result.outcome === 'invalidPhone') {
        return residentPage(request, reply, { phone, error: t('phoneInvalid') }, 400);
      }
      if (result.outcome === 'refused') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return residentPage(
          request,
          reply,
          // Not echoed back: a valid number would sit in the page in full.
          { error: t('tooManyCodes', { seconds: String(result.retryAfterSeconds) }) },
          429,
        );
      }
      reply.setCookie(
        codePhoneCookie,
        deps.keyring.seal(phone.replace(/\D/g, '').slice(-11)),
        phoneCookieOptions,
      );
      return reply.redirect('/login/resident/code', 303);
    },
  );

  const codePhone = (request: FastifyRequest): string | null => {
    const raw = request.cookies[codePhoneCookie];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    if (!unsigned?.valid || unsigned.value === null) return null;
    try {
      return deps.keyring.open(unsigned.value);
    } catch {
      return null;
    }
  };

  const codePage = (
    request: FastifyRequest,
    reply: FastifyReply,
    phone: string,
    error?: string,
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = signInMessages.for(ctx.locale);
    return sendPage(
      reply,
      <FormPage
        ctx={ctx}
        title={t('codeTitle')}
        errors={error ? { code: error } : {}}
        errorTitle={t('errorSummary')}
      >
        <h1 class="fj-heading-l">{t('codeTitle')}</h1>
        <p class="fj-body">{t('codeSent', { phone: maskPhone(phone) })}</p>
        <form method="post" action="/login/resident/code" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <TextInput
            id="code"
            name="code"
            label={t('code')}
            hint={t('codeHint')}
            inputmode="numeric"
            autocomplete="one-time-code"
            spellcheck={false}
            width="10"
            maxlength={20}
            error={error}
          />
          <Button preventDoubleClick>{t('submit')}</Button>
        </form>
        <p class="fj-body">
          <a href="/login/resident">{t('codeResend')}</a>
        </p>
      </FormPage>,
      status,
    );
  };

  app.get(
    '/login/resident/code',
    { config: { access: 'public' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const phone = codePhone(request);
      if (phone === null) return reply.redirect('/login/resident', 303);
      return codePage(request, reply, phone);
    },
  );

  app.post(
    '/login/resident/code',
    {
      config: { access: 'public' },
      schema: { hide: true, body: Type.Object({ _csrf: Type.String(), code: Code }) },
    },
    async (request, reply) => {
      const phone = codePhone(request);
      if (phone === null) return reply.redirect('/login/resident', 303);
      const { code } = request.body as { code: string };
      const t = signInMessages.for(request.locale);
      if (!/^\d{6}$/.test(code.replace(/\s/g, '')))
        return codePage(request, reply, phone, t('codeMissing'), 400);
      const result = await signInWithCode(deps, { phone, code, ...requestOrigin(request) });
      if (result.outcome === 'refused') {
        const error =
          result.reason === 'locked'
            ? t('locked', { minutes: String(Math.max(1, Math.ceil(result.retryAfterSeconds / 60))) })
            : t('codeInvalid');
        return codePage(request, reply, phone, error, result.reason === 'locked' ? 429 : 401);
      }
      reply.clearCookie(codePhoneCookie, phoneCookieOptions);
      setSessionCookie(config, reply, result.token);
      return reply.redirect(result.created ? '/account/resident-id?welcome=1' : '/account', 303);
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
