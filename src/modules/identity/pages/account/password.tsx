import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { SignedInActor } from '../../../../platform/auth/index.ts';
import { sendPage } from '../../../../platform/http/index.ts';
import { Button, NotificationBanner, TextInput } from '../../../../platform/ui/index.ts';
import { changeOwnPassword } from '../../ownAccount.ts';
import { setSessionCookie } from '../../session.ts';
import { CsrfField, type FieldErrors, requestOrigin, signedIn } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { accountMessages } from './messages.ts';
import { AccountSubpage, accountState, ctxAndT, formRoute, type Key, pageRoute } from './shared.tsx';

/** Changing my password (when I have one). */
export function passwordPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config, db } = deps;

  const passwordPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: SignedInActor,
    state: { expired?: boolean; errors?: FieldErrors },
    status = 200,
  ) => {
    const { ctx, t } = ctxAndT(deps, request, reply);
    const { hasPassword } = await accountState(db, actor.userId);
    if (!hasPassword) {
      return sendPage(
        reply,
        <AccountSubpage ctx={ctx} t={t} title={t('passwordTitle')}>
          <p class="fj-body">{t('noPasswordText')}</p>
        </AccountSubpage>,
        status,
      );
    }
    const rules: Key[] = [
      'ruleLength',
      ...(actor.userKind === 'staff' && config.staffPasswordComplexity ? (['ruleComplexity'] as const) : []),
      'ruleCommon',
      'ruleUsername',
    ];
    const errorPrefix = t('errorPrefix');
    // Passwords are never written back into the form after an error: the page would then hold them.
    return sendPage(
      reply,
      <AccountSubpage
        ctx={ctx}
        t={t}
        title={t('passwordTitle')}
        errors={state.errors}
        banner={
          state.expired && (
            <NotificationBanner
              title={t('importantTitle')}
              titleId="expired-title"
              heading={t('passwordExpired')}
            />
          )
        }
      >
        <p class="fj-body">{t('passwordLead')}</p>
        <form method="post" action="/account/password" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <TextInput
            id="currentPassword"
            name="currentPassword"
            type="password"
            label={t('currentPassword')}
            autocomplete="current-password"
            width="20"
            error={state.errors?.currentPassword}
            errorPrefix={errorPrefix}
          />
          <TextInput
            id="newPassword"
            name="newPassword"
            type="password"
            label={t('newPassword')}
            hint={t('passwordRules', { rules: rules.map((r) => t(r)).join(t('rulesSeparator')) })}
            autocomplete="new-password"
            width="20"
            error={state.errors?.newPassword}
            errorPrefix={errorPrefix}
          />
          <TextInput
            id="confirmPassword"
            name="confirmPassword"
            type="password"
            label={t('confirmPassword')}
            autocomplete="new-password"
            width="20"
            error={state.errors?.confirmPassword}
            errorPrefix={errorPrefix}
          />
          <Button preventDoubleClick>{t('passwordSubmit')}</Button>
        </form>
      </AccountSubpage>,
      status,
    );
  };

  app.get(
    '/account/password',
    pageRoute({ expired: Type.Optional(Type.Literal('1')) }),
    async (request, reply) =>
      passwordPage(request, reply, signedIn(request), {
        expired: (request.query as { expired?: '1' }).expired === '1',
      }),
  );

  app.post(
    '/account/password',
    formRoute({
      currentPassword: Type.Optional(Type.String({ maxLength: 1000 })),
      newPassword: Type.Optional(Type.String({ maxLength: 1000 })),
      confirmPassword: Type.Optional(Type.String({ maxLength: 1000 })),
    }),
    async (request, reply) => {
      const actor = signedIn(request);
      const body = request.body as {
        currentPassword?: string;
        newPassword?: string;
        confirmPassword?: string;
      };
      const t = accountMessages.for(request.locale);
      const current = body.currentPassword ?? '';
      const next = body.newPassword ?? '';
      const confirm = body.confirmPassword ?? '';
      const errors: Record<string, string> = {};
      if (current === '') errors.currentPassword = t('currentMissing');
      if (next === '') errors.newPassword = t('newMissing');
      if (confirm === '') errors.confirmPassword = t('confirmMissing');
      else if (next !== '' && confirm !== next) errors.confirmPassword = t('confirmMismatch');
      if (Object.keys(errors).length > 0) return passwordPage(request, reply, actor, { errors }, 400);
      const result = await changeOwnPassword(deps, actor, { current, next, ...requestOrigin(request) });
      if (result.outcome === 'wrongCurrent') {
        return passwordPage(request, reply, actor, { errors: { currentPassword: t('wrongCurrent') } }, 400);
      }
      if (result.outcome === 'weak') {
        return passwordPage(request, reply, actor, { errors: { newPassword: t(result.problem) } }, 400);
      }
      // Every session ended with the old password, this one too: carry on in the new one.
      setSessionCookie(config, reply, result.token);
      return reply.redirect('/account?done=password', 303);
    },
  );
}
