import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { maskPhone } from '../../../../platform/crypto/index.ts';
import { PageQuery, sendPage } from '../../../../platform/http/index.ts';
import { Button, TextInput } from '../../../../platform/ui/index.ts';
import { requestSignInCode, signInWithCode } from '../../residentSignIn.ts';
import { setSessionCookie } from '../../session.ts';
import { CsrfField, requestOrigin, UncrumbedPage } from '../common.tsx';
import { signInMessages } from './messages.ts';
import { Code, ctxAndT, lockedMessage, type SignInPageDeps } from './shared.tsx';

/** The phone a code was sent to rides in a signed, sealed cookie between the two steps, never in the page. */
const codePhoneCookie = 'fuju_code_phone';

/** Residents sign in with a code sent to their phone: asking for one, then typing it in. */
export function residentPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config } = deps;
  const tls = config.publicUrl?.protocol === 'https:';

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
    const { ctx, t } = ctxAndT(deps, request, reply);
    return sendPage(
      reply,
      <UncrumbedPage ctx={ctx} title={t('residentTitle')} errors={state.error ? { phone: state.error } : {}}>
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
      </UncrumbedPage>,
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
    const { ctx, t } = ctxAndT(deps, request, reply);
    return sendPage(
      reply,
      <UncrumbedPage ctx={ctx} title={t('codeTitle')} errors={error ? { code: error } : {}}>
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
      </UncrumbedPage>,
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
          result.reason === 'locked' ? lockedMessage(t, result.retryAfterSeconds) : t('codeInvalid');
        return codePage(request, reply, phone, error, result.reason === 'locked' ? 429 : 401);
      }
      reply.clearCookie(codePhoneCookie, phoneCookieOptions);
      setSessionCookie(config, reply, result.token);
      return reply.redirect(result.created ? '/account/resident-id?welcome=1' : '/account', 303);
    },
  );
}
