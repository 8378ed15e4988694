import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import type { SignedInActor } from '../../../../platform/auth/index.ts';
import { sendPage } from '../../../../platform/http/index.ts';
import { Button, NotificationBanner, Select, TextInput } from '../../../../platform/ui/index.ts';
import { bindResidentId, myData } from '../../ownAccount.ts';
import { listDistricts } from '../../repo.ts';
import { CsrfField, type FieldErrors, signedIn } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { accountMessages } from './messages.ts';
import { AccountSubpage, accountState, ctxAndT, formRoute, pageRoute } from './shared.tsx';

/** Binding the resident ID: a resident who signed up by text message adds their ID number and district. */
export function residentIdPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { db } = deps;

  const residentIdPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: SignedInActor,
    state: { welcome?: boolean; districtCode?: string; errors?: FieldErrors },
    status = 200,
  ) => {
    const { ctx, t } = ctxAndT(deps, request, reply);
    const page = (body: ComponentChildren) =>
      sendPage(
        reply,
        <AccountSubpage
          ctx={ctx}
          t={t}
          title={t('residentIdTitle')}
          errors={state.errors}
          banner={
            state.welcome && (
              <NotificationBanner
                type="success"
                title={t('welcomeTitle')}
                titleId="welcome-title"
                heading={t('welcomeHeading')}
              >
                <p class="fj-body">{t('welcomeText')}</p>
              </NotificationBanner>
            )
          }
        >
          {body}
        </AccountSubpage>,
        status,
      );
    if (actor.userKind !== 'resident') return page(<p class="fj-body">{t('residentIdStaff')}</p>);
    const { idBound } = await accountState(db, actor.userId);
    // Once bound (and not re-posting), the page says so, masked, and points to a correction.
    if (idBound && state.errors === undefined) {
      const data = await myData(deps, actor, { reveal: false, address: request.ip });
      return page(
        <>
          <p class="fj-body">{t('residentIdBound', { number: data.residentId ?? '' })}</p>
          <p class="fj-body">
            <a href="/account/correction">{t('correctionLink')}</a>
          </p>
        </>,
      );
    }
    const districts = await listDistricts(db);
    const errorPrefix = t('errorPrefix');
    // The number typed is not written back after an error: no page but reveal and export holds a full ID.
    return page(
      <>
        <p class="fj-body">{t('residentIdLead')}</p>
        <form method="post" action="/account/resident-id" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <TextInput
            id="residentId"
            name="residentId"
            label={t('residentIdLabel')}
            hint={t('residentIdHint')}
            autocomplete="off"
            spellcheck={false}
            width="20"
            maxlength={30}
            error={state.errors?.residentId}
            errorPrefix={errorPrefix}
          />
          <Select
            id="districtCode"
            name="districtCode"
            label={t('districtLabel')}
            hint={t('districtHint')}
            value={state.districtCode ?? ''}
            options={[
              { value: '', text: t('chooseDistrict') },
              ...districts.map((d) => ({ value: d.code, text: ctx.locale === 'en' ? d.nameEn : d.nameZh })),
            ]}
            error={state.errors?.districtCode}
            errorPrefix={errorPrefix}
          />
          <Button preventDoubleClick>{t('residentIdSubmit')}</Button>
        </form>
      </>,
    );
  };

  app.get(
    '/account/resident-id',
    pageRoute({ welcome: Type.Optional(Type.Literal('1')) }),
    async (request, reply) =>
      residentIdPage(request, reply, signedIn(request), {
        welcome: (request.query as { welcome?: '1' }).welcome === '1',
      }),
  );

  app.post(
    '/account/resident-id',
    formRoute({
      residentId: Type.Optional(Type.String({ maxLength: 100 })),
      districtCode: Type.Optional(Type.String({ maxLength: 20 })),
    }),
    async (request, reply) => {
      const actor = signedIn(request);
      if (actor.userKind !== 'resident') return residentIdPage(request, reply, actor, {}, 403);
      const body = request.body as { residentId?: string; districtCode?: string };
      const t = accountMessages.for(request.locale);
      const residentId = (body.residentId ?? '').replace(/\s/g, '').toUpperCase();
      const districtCode = body.districtCode ?? '';
      const districts = await listDistricts(db);
      const errors: Record<string, string> = {};
      if (residentId === '') errors.residentId = t('residentIdMissing');
      if (!districts.some((d) => d.code === districtCode)) errors.districtCode = t('districtMissing');
      if (Object.keys(errors).length === 0) {
        const outcome = await bindResidentId(deps, actor, { residentId, districtCode, address: request.ip });
        if (outcome === 'bound') return reply.redirect('/account?done=bound', 303);
        errors.residentId = t(
          outcome === 'invalid'
            ? 'residentIdInvalid'
            : outcome === 'boundElsewhere'
              ? 'residentIdBoundElsewhere'
              : 'residentIdAlreadyBound',
        );
      }
      return residentIdPage(request, reply, actor, { districtCode, errors }, 400);
    },
  );
}
