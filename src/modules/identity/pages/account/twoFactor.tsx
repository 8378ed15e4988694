import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import { personalDataRoles, type SignedInActor } from '../../../../platform/auth/index.ts';
import { formatSecretForReading, otpauthUri } from '../../../../platform/crypto/index.ts';
import { sendPage } from '../../../../platform/http/index.ts';
import { Button, SummaryList, TextInput } from '../../../../platform/ui/index.ts';
import { confirmTotp, disableTotp, pendingTotpSecret, startTotpEnrolment } from '../../ownAccount.ts';
import { CsrfField, type FieldErrors, signedIn } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { accountMessages } from './messages.ts';
import { AccountSubpage, accountState, ctxAndT, formRoute, pageRoute } from './shared.tsx';

/** Two-step verification: enrolling an authenticator app, and turning it off again. */
export function twoFactorPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config, db } = deps;

  const twoFactorPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: SignedInActor,
    errors: FieldErrors = {},
    status = 200,
  ) => {
    const { ctx, t } = ctxAndT(deps, request, reply);
    const state = await accountState(db, actor.userId);
    const csrf = reply.generateCsrf();
    const errorPrefix = t('errorPrefix');
    const page = (body: ComponentChildren) =>
      sendPage(
        reply,
        <AccountSubpage ctx={ctx} t={t} title={t('twoFactorTitle')} errors={errors}>
          {body}
        </AccountSubpage>,
        status,
      );
    if (!state.hasPassword) return page(<p class="fj-body">{t('twoFactorNoPassword')}</p>);
    if (state.secondFactor) {
      const required =
        config.requireSecondFactor &&
        actor.userKind === 'staff' &&
        actor.grants.some((g) => personalDataRoles.has(g.role));
      return page(
        <>
          <p class="fj-body">{t('twoFactorIsOn')}</p>
          <h2 class="fj-heading-m">{t('twoFactorOffHeading')}</h2>
          <p class="fj-body">{t('twoFactorOffLead')}</p>
          {required && <p class="fj-body">{t('twoFactorRequired')}</p>}
          <form method="post" action="/account/two-factor" novalidate>
            <CsrfField token={csrf} />
            <input type="hidden" name="action" value="disable" />
            <TextInput
              id="password"
              name="password"
              type="password"
              label={t('password')}
              autocomplete="current-password"
              width="20"
              error={errors.password}
              errorPrefix={errorPrefix}
            />
            <Button variant="warning" preventDoubleClick>
              {t('twoFactorOff')}
            </Button>
          </form>
        </>,
      );
    }
    const secret = await pendingTotpSecret(deps, actor.userId);
    if (secret === null) {
      // Enrolment starts with a POST: a GET never changes anything (SECURITY.md 14).
      return page(
        <>
          <p class="fj-body">{t('twoFactorLead')}</p>
          <p class="fj-body">{t('twoFactorIsOff')}</p>
          <form method="post" action="/account/two-factor">
            <CsrfField token={csrf} />
            <input type="hidden" name="action" value="start" />
            <Button>{t('twoFactorStart')}</Button>
          </form>
        </>,
      );
    }
    const uri = otpauthUri({ secret, account: actor.label, issuer: config.platformName.en });
    return page(
      <>
        <p class="fj-body">{t('twoFactorLead')}</p>
        <ol class="fj-list">
          <li>{t('enrolStep1')}</li>
          <li>
            {t('enrolStep2')}
            <SummaryList
              rows={[
                {
                  key: t('enrolKey'),
                  // Large, in groups of four, so it can be read and typed without a magnifier.
                  value: (
                    <code id="setup-key" class="fj-lead">
                      {formatSecretForReading(secret)}
                    </code>
                  ),
                },
                { key: t('enrolAccount'), value: actor.label },
              ]}
            />
            <p class="fj-body">
              <a href={uri}>{t('enrolOpenApp')}</a>
            </p>
          </li>
          <li>{t('enrolStep3')}</li>
        </ol>
        <form method="post" action="/account/two-factor" novalidate>
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="confirm" />
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
            error={errors.code}
            errorPrefix={errorPrefix}
          />
          <Button preventDoubleClick>{t('twoFactorConfirm')}</Button>
        </form>
        <form method="post" action="/account/two-factor">
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="start" />
          <Button variant="secondary">{t('twoFactorRestart')}</Button>
        </form>
      </>,
    );
  };

  app.get('/account/two-factor', pageRoute(), async (request, reply) =>
    twoFactorPage(request, reply, signedIn(request)),
  );

  app.post(
    '/account/two-factor',
    formRoute({
      action: Type.Union([Type.Literal('start'), Type.Literal('confirm'), Type.Literal('disable')]),
      code: Type.Optional(Type.String({ maxLength: 20 })),
      password: Type.Optional(Type.String({ maxLength: 1000 })),
    }),
    async (request, reply) => {
      const actor = signedIn(request);
      const body = request.body as {
        action: 'start' | 'confirm' | 'disable';
        code?: string;
        password?: string;
      };
      const t = accountMessages.for(request.locale);
      const state = await accountState(db, actor.userId);
      // Without a password there is nothing for a second factor to guard, nor a way to turn it off again.
      if (!state.hasPassword) return twoFactorPage(request, reply, actor, {}, 400);
      if (body.action === 'start') {
        if (!state.secondFactor) await startTotpEnrolment(deps, actor.userId);
        return reply.redirect('/account/two-factor', 303);
      }
      if (body.action === 'confirm') {
        const code = (body.code ?? '').replace(/\s/g, '');
        if (!/^\d{6}$/.test(code))
          return twoFactorPage(request, reply, actor, { code: t('codeMissing') }, 400);
        if (!(await confirmTotp(deps, actor, { code, address: request.ip }))) {
          return twoFactorPage(request, reply, actor, { code: t('codeInvalid') }, 400);
        }
        return reply.redirect('/account?done=twoFactorOn', 303);
      }
      const password = body.password ?? '';
      if (password === '') {
        return twoFactorPage(request, reply, actor, { password: t('passwordMissing') }, 400);
      }
      if (!(await disableTotp(deps, actor, { password, address: request.ip }))) {
        return twoFactorPage(request, reply, actor, { password: t('passwordInvalid') }, 400);
      }
      return reply.redirect('/account?done=twoFactorOff', 303);
    },
  );
}
