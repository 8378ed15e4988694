import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorise, can, reach, roles, type Target } from '../../../../platform/auth/index.ts';
import { DoneQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import { formatDateTime } from '../../../../platform/i18n/index.ts';
import {
  Button,
  doneText,
  Select,
  SummaryList,
  shellMessages,
  Table,
  type TableCell,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { AdminRuleError, grantRole, renameUser, revokeGrant, setUserDisabled } from '../../admin.ts';
import { findGrant, findUserSummary, listOrganisationsWithin, liveGrants } from '../../adminQueries.ts';
import { CsrfField, type FieldErrors, signedIn } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { adminMessages } from './messages.ts';
import {
  ActionButton,
  AdminPage,
  accountName,
  IdParams,
  notFound,
  organisationName,
  problemText,
  StatusTag,
  StrictBody,
  shownDisplayName,
  trimmed,
  userTarget,
} from './shared.tsx';

const GrantParams = Type.Object({ grantId: Type.String({ format: 'uuid' }) });
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const grantableRoles = roles.filter((role) => role !== 'resident');

interface GrantForm {
  role?: string;
  organisationId?: string;
}

/**
 * GET /admin/users/:id, and what is done from it: change a staff account's
 * display name, disable and enable the account, grant a role, revoke a grant
 * (POST /admin/grants/:grantId/revoke).
 */
export function userPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config, db, assets } = deps;

  /** The user page; every caller has already authorised `user.read` on this user. */
  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    target: Target,
    state: {
      errors?: FieldErrors;
      values?: GrantForm;
      /** The display name as typed, when the form is shown again with an error. */
      displayName?: string;
      done?: string | undefined;
    },
    status = 200,
  ) => {
    const actor = signedIn(request);
    const ctx = pageContext(config, assets, request, reply);
    const t = adminMessages.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const user = await findUserSummary(db, userId);
    if (!user) throw notFound();
    const grants = await liveGrants(db, userId);
    const mayRevoke = can(actor, 'grant.revoke', target);
    const mayGrant = can(actor, 'grant.create', target);
    const mayDisable = can(actor, 'user.disable', target);
    const errors = state.errors ?? {};
    // Residents' names are shown masked here and put right by the resident's own correction request;
    // the form is shown for one only to say why a posted change was refused.
    const mayRename =
      can(actor, 'user.update', target) && (user.kind === 'staff' || errors.displayName !== undefined);
    const organisations = mayGrant
      ? await listOrganisationsWithin(db, reach(actor, 'organisation.read'), {})
      : [];
    const name = accountName(t, user);
    const csrf = reply.generateCsrf();
    const grantOrganisation = (g: { organisationNameZh: string | null; organisationNameEn: string | null }) =>
      (ctx.locale === 'zh-CN' ? g.organisationNameZh : g.organisationNameEn) ?? t('none');
    return sendPage(
      reply,
      <AdminPage
        ctx={ctx}
        title={t('userTitle', { name })}
        crumbs={[{ text: t('usersTitle'), href: '/admin/users' }, { text: name }]}
        errors={errors}
        done={state.done}
      >
        <h1 class="fj-heading-l">{name}</h1>
        <h2 class="fj-heading-m">{t('accountHeading')}</h2>
        <SummaryList
          rows={[
            { key: t('rowUsername'), value: name },
            {
              key: t('rowDisplayName'),
              value: user.kind === 'resident' ? `${shownDisplayName(user)}${t('masked')}` : user.displayName,
            },
            { key: t('rowKind'), value: t(`kind_${user.kind}`) },
            { key: t('rowStatus'), value: <StatusTag t={t} disabled={user.disabled} /> },
            { key: t('rowCreated'), value: formatDateTime(user.createdAt, ctx.locale) },
            // Sessions are the security administrator's business (session.read), not every reader's.
            ...(can(actor, 'session.read', target)
              ? [{ key: t('rowSessions'), value: t('sessionsCount', { count: user.liveSessions }) }]
              : []),
          ]}
        />
        {mayRename && (
          <>
            <h2 class="fj-heading-m">{t('renameHeading')}</h2>
            <form method="post" action={`/admin/users/${userId}/display-name`} novalidate>
              <CsrfField token={csrf} />
              <TextInput
                id="displayName"
                name="displayName"
                label={t('fieldDisplayName')}
                hint={t('fieldDisplayNameHint')}
                value={state.displayName ?? user.displayName}
                error={errors.displayName}
                errorPrefix={shell('errorPrefix')}
                autocomplete="off"
                width="30"
                maxlength={100}
              />
              <Button variant="secondary" preventDoubleClick>
                {t('renameButton')}
              </Button>
            </form>
          </>
        )}
        {mayDisable && (
          <>
            <h2 class="fj-heading-m">{t('accessHeading')}</h2>
            <p class="fj-body">{user.disabled ? t('enableLead') : t('disableLead')}</p>
            {user.disabled ? (
              <ActionButton action={`/admin/users/${userId}/enable`} csrf={csrf} text={t('enableButton')} />
            ) : (
              <ActionButton
                action={`/admin/users/${userId}/disable`}
                csrf={csrf}
                text={t('disableButton')}
                variant="warning"
              />
            )}
          </>
        )}
        <h2 class="fj-heading-m" id="grants" tabindex={-1}>
          {t('grantsHeading')}
        </h2>
        {grants.length === 0 ? (
          <p class="fj-body">{t('noGrants')}</p>
        ) : (
          <Table
            id="grants-table"
            caption={t('grantsCaption', { name })}
            captionVisuallyHidden
            columns={[
              { header: t('colRole') },
              { header: t('colOrganisation') },
              { header: t('colGrantedAt') },
              ...(mayRevoke ? [{ header: t('colAction') }] : []),
            ]}
            rows={grants.map((g): TableCell[] => [
              t(`role_${g.role}`),
              grantOrganisation(g),
              formatDateTime(g.grantedAt, ctx.locale),
              ...(mayRevoke
                ? [
                    {
                      content: (
                        <ActionButton
                          action={`/admin/grants/${g.id}/revoke`}
                          csrf={csrf}
                          text={t('revokeButton')}
                          hidden={t('revokeHidden', {
                            role: t(`role_${g.role}`),
                            organisation: grantOrganisation(g),
                          })}
                        />
                      ),
                    },
                  ]
                : []),
            ])}
          />
        )}
        {mayGrant && user.kind === 'resident' && errors.role === undefined && (
          <p class="fj-body">{t('grantResidentNote')}</p>
        )}
        {mayGrant && (user.kind === 'staff' || errors.role !== undefined) && (
          <>
            <h2 class="fj-heading-m">{t('grantHeading')}</h2>
            <p class="fj-body">{t('grantLead')}</p>
            <form method="post" action={`/admin/users/${userId}/grants`} novalidate>
              <CsrfField token={csrf} />
              <Select
                id="role"
                name="role"
                label={t('fieldRole')}
                value={state.values?.role ?? ''}
                error={errors.role}
                errorPrefix={shell('errorPrefix')}
                options={[
                  { value: '', text: t('chooseRole') },
                  ...grantableRoles.map((role) => ({ value: role, text: t(`role_${role}`) })),
                ]}
              />
              <Select
                id="organisationId"
                name="organisationId"
                label={t('fieldOrganisation')}
                value={state.values?.organisationId ?? ''}
                error={errors.organisationId}
                errorPrefix={shell('errorPrefix')}
                width="full"
                options={[
                  { value: '', text: t('chooseOrganisation') },
                  ...organisations.map((o) => ({
                    value: o.id,
                    text: t('organisationOption', {
                      name: organisationName(ctx, o),
                      type: t(`orgType_${o.type}`),
                    }),
                  })),
                ]}
              />
              <Button preventDoubleClick>{t('grantButton')}</Button>
            </form>
          </>
        )}
      </AdminPage>,
      status,
    );
  };

  app.get(
    '/admin/users/:id',
    {
      config: { access: 'user.read' },
      schema: { hide: true, params: IdParams, querystring: DoneQuery },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { done } = request.query as { done?: string };
      const target = await userTarget(deps, id);
      await authorise(db, request, 'user.read', { type: 'user', id }, target);
      return userPage(request, reply, id, target, {
        done: doneText(adminMessages, request.locale, done),
      });
    },
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/admin/users/:id/${verb}`,
      {
        config: { access: 'user.disable' },
        schema: { hide: true, params: IdParams, body: StrictBody({}) },
      },
      async (request, reply) => {
        const actor = signedIn(request);
        const { id } = request.params as { id: string };
        const target = await userTarget(deps, id);
        await authorise(db, request, 'user.disable', { type: 'user', id }, target);
        await setUserDisabled(deps, actor, request.ip, id, disabled);
        return reply.redirect(`/admin/users/${id}?done=${disabled ? 'userDisabled' : 'userEnabled'}`, 303);
      },
    );
  }

  app.post(
    '/admin/users/:id/display-name',
    {
      config: { access: 'user.update' },
      schema: {
        hide: true,
        params: IdParams,
        body: StrictBody({ displayName: Type.String({ maxLength: 200 }) }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const { id } = request.params as { id: string };
      const { displayName } = request.body as { displayName: string };
      const t = adminMessages.for(request.locale);
      const target = await userTarget(deps, id);
      await authorise(db, request, 'user.update', { type: 'user', id }, target);
      const name = trimmed(displayName);
      let error: string | undefined;
      if (name === '') error = t('displayNameMissing');
      else if (name.length > 100) error = t('displayNameTooLong', { max: 100 });
      else {
        try {
          const changed = await renameUser(deps, actor, request.ip, id, name);
          return reply.redirect(
            `/admin/users/${id}?done=${changed ? 'displayNameChanged' : 'nothingChanged'}`,
            303,
          );
        } catch (caught) {
          if (!(caught instanceof AdminRuleError)) throw caught;
          error = problemText(t, caught.problem);
        }
      }
      // As with grants: the form is re-shown only to someone who may read the user.
      await authorise(db, request, 'user.read', { type: 'user', id }, target);
      return userPage(request, reply, id, target, { errors: { displayName: error }, displayName }, 400);
    },
  );

  app.post(
    '/admin/users/:id/grants',
    {
      config: { access: 'grant.create' },
      schema: {
        hide: true,
        params: IdParams,
        body: StrictBody({
          role: Type.String({ maxLength: 40 }),
          organisationId: Type.String({ maxLength: 40 }),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const { id } = request.params as { id: string };
      const body = request.body as Required<GrantForm>;
      const t = adminMessages.for(request.locale);
      const target = await userTarget(deps, id);
      await authorise(db, request, 'grant.create', { type: 'user', id }, target);
      const errors: Record<string, string> = {};
      if (body.role === '') errors.role = t('roleMissing');
      if (body.organisationId === '') errors.organisationId = t('organisationMissing');
      // A value that is not an id cannot name an organisation (and must not reach SQL as one).
      else if (!uuidPattern.test(body.organisationId))
        errors.organisationId = t('problem_organisationUnknown');
      if (Object.keys(errors).length === 0) {
        try {
          await grantRole(deps, actor, request.ip, { userId: id, ...body });
          return reply.redirect(`/admin/users/${id}?done=roleGranted`, 303);
        } catch (error) {
          if (!(error instanceof AdminRuleError)) throw error;
          errors[error.field] = problemText(t, error.problem);
        }
      }
      // The form is re-shown only to someone who may read the user (true of everyone who may grant today).
      await authorise(db, request, 'user.read', { type: 'user', id }, target);
      return userPage(request, reply, id, target, { errors, values: body }, 400);
    },
  );

  app.post(
    '/admin/grants/:grantId/revoke',
    {
      config: { access: 'grant.revoke' },
      schema: { hide: true, params: GrantParams, body: StrictBody({}) },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const { grantId } = request.params as { grantId: string };
      const grant = await findGrant(db, grantId);
      if (!grant) throw notFound();
      // A grant is revoked by whoever may revoke grants of its user.
      const target = await userTarget(deps, grant.userId);
      await authorise(db, request, 'grant.revoke', { type: 'role_grant', id: grantId }, target);
      try {
        await revokeGrant(deps, actor, request.ip, grantId);
      } catch (error) {
        if (!(error instanceof AdminRuleError)) throw error;
        await authorise(db, request, 'user.read', { type: 'user', id: grant.userId }, target);
        const t = adminMessages.for(request.locale);
        return userPage(
          request,
          reply,
          grant.userId,
          target,
          { errors: { grants: problemText(t, error.problem) } },
          400,
        );
      }
      return reply.redirect(`/admin/users/${grant.userId}?done=roleRevoked`, 303);
    },
  );
}
