import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../../../../platform/audit/index.ts';
import {
  type Action,
  auditActor,
  authorise,
  can,
  mayEver,
  reach,
  sourceAddress,
} from '../../../../platform/auth/index.ts';
import { DoneQuery, PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import { formatDateTime } from '../../../../platform/i18n/index.ts';
import {
  Button,
  doneText,
  NotificationBanner,
  SummaryList,
  shellMessages,
  Table,
  type TableCell,
  Tag,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { AdminRuleError, issueToken, withdrawToken } from '../../admin.ts';
import { listTokensWithin, type TokenRow } from '../../adminQueries.ts';
import { findTokenOwnerId } from '../../tokensRepo.ts';
import { findAccountByUsername, findUserTarget } from '../../usersRepo.ts';
import { CsrfField, type FieldErrors, signedIn } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { adminMessages } from './messages.ts';
import {
  ActionButton,
  AdminPage,
  accountName,
  IdParams,
  notFound,
  problemText,
  StrictBody,
  trimmed,
  UsernameField,
  userTarget,
} from './shared.tsx';

interface TokenForm {
  username?: string;
  label?: string;
  ttlHours?: string;
}

const tokenStatus = (token: TokenRow): 'active' | 'expired' | 'revoked' =>
  token.revokedAt !== null
    ? 'revoked'
    : token.expiresAt !== null && token.expiresAt.getTime() <= Date.now()
      ? 'expired'
      : 'active';

/** GET /admin/tokens, GET and POST /admin/tokens/new, and POST /admin/tokens/:id/revoke. */
export function tokenPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config, db, assets } = deps;

  /** The denial the guard would write, for checks a form answers with an error instead of a 404. */
  const recordDenial = (request: FastifyRequest, action: Action, object: { type: string; id: string }) =>
    recordAudit(db, {
      actor: auditActor(request.actor),
      action,
      object,
      outcome: 'denied',
      sourceAddress: sourceAddress(request),
    });

  const tokensPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { errors?: FieldErrors; done?: string | undefined },
    status = 200,
  ) => {
    const actor = signedIn(request);
    const ctx = pageContext(config, assets, request, reply);
    const t = adminMessages.for(ctx.locale);
    const tokens = await listTokensWithin(db, reach(actor, 'token.read'));
    const csrf = reply.generateCsrf();
    const anyRevocable = tokens.some((token) => can(actor, 'token.revoke', token.owner));
    const when = (date: Date | null, otherwise: string) =>
      date === null ? otherwise : formatDateTime(date, ctx.locale);
    const colours = { active: 'green', expired: 'grey', revoked: 'grey' } as const;
    return sendPage(
      reply,
      <AdminPage
        ctx={ctx}
        title={t('tokensTitle')}
        crumbs={[{ text: t('tokensTitle') }]}
        errors={state.errors}
        done={state.done}
      >
        <h1 class="fj-heading-l">{t('tokensTitle')}</h1>
        <p class="fj-body">{t('tokensLead')}</p>
        {mayEver(actor, 'token.create') && (
          <Button href="/admin/tokens/new" variant="secondary">
            {t('newTokenLink')}
          </Button>
        )}
        {tokens.length === 0 ? (
          <p class="fj-body" id="tokens">
            {t('noTokens')}
          </p>
        ) : (
          <Table
            id="tokens"
            caption={t('tokensCaption')}
            captionSize="m"
            columns={[
              { header: t('colUser') },
              { header: t('colLabel') },
              { header: t('colCreated') },
              { header: t('colExpires') },
              { header: t('colLastUsed') },
              { header: t('colStatus') },
              ...(anyRevocable ? [{ header: t('colAction') }] : []),
            ]}
            rows={tokens.map((token): TableCell[] => {
              const owner = accountName(t, { id: token.userId, username: token.username });
              const state = tokenStatus(token);
              return [
                can(actor, 'user.read', token.owner)
                  ? { content: <a href={`/admin/users/${token.userId}`}>{owner}</a> }
                  : owner,
                token.label,
                formatDateTime(token.createdAt, ctx.locale),
                when(token.expiresAt, t('noExpiry')),
                when(token.lastUsedAt, t('never')),
                { content: <Tag text={t(`tokenStatus_${state}`)} colour={colours[state]} /> },
                ...(anyRevocable
                  ? [
                      state === 'active' && can(actor, 'token.revoke', token.owner)
                        ? {
                            content: (
                              <ActionButton
                                action={`/admin/tokens/${token.id}/revoke`}
                                csrf={csrf}
                                text={t('revokeButton')}
                                hidden={t('revokeTokenHidden', { label: token.label, user: owner })}
                              />
                            ),
                          }
                        : '',
                    ]
                  : []),
              ];
            })}
          />
        )}
      </AdminPage>,
      status,
    );
  };

  app.get(
    '/admin/tokens',
    { config: { access: 'token.read' }, schema: { hide: true, querystring: DoneQuery } },
    async (request, reply) => {
      const { done } = request.query as { done?: string };
      return tokensPage(request, reply, { done: doneText(adminMessages, request.locale, done) });
    },
  );

  const newTokenPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: TokenForm; errors?: FieldErrors },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = adminMessages.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const errors = state.errors ?? {};
    return sendPage(
      reply,
      <AdminPage
        ctx={ctx}
        title={t('newTokenTitle')}
        crumbs={[{ text: t('tokensTitle'), href: '/admin/tokens' }, { text: t('newTokenTitle') }]}
        errors={errors}
      >
        <h1 class="fj-heading-l">{t('newTokenTitle')}</h1>
        <p class="fj-body">{t('newTokenLead')}</p>
        <form method="post" action="/admin/tokens/new" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <UsernameField
            label={t('fieldTokenUser')}
            hint={t('fieldTokenUserHint')}
            value={state.values?.username}
            error={errors.username}
            errorPrefix={shell('errorPrefix')}
          />
          <TextInput
            id="label"
            name="label"
            label={t('fieldLabel')}
            hint={t('fieldLabelHint')}
            value={state.values?.label}
            error={errors.label}
            errorPrefix={shell('errorPrefix')}
            autocomplete="off"
            width="30"
            maxlength={100}
          />
          <TextInput
            id="ttlHours"
            name="ttlHours"
            label={t('fieldTtl')}
            hint={t('fieldTtlHint')}
            value={state.values?.ttlHours}
            error={errors.ttlHours}
            errorPrefix={shell('errorPrefix')}
            inputmode="numeric"
            autocomplete="off"
            spellcheck={false}
            width="5"
            suffix={t('hours')}
            maxlength={4}
          />
          <Button preventDoubleClick>{t('createToken')}</Button>
        </form>
      </AdminPage>,
      status,
    );
  };

  app.get(
    '/admin/tokens/new',
    { config: { access: 'token.create' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => newTokenPage(request, reply, {}),
  );

  app.post(
    '/admin/tokens/new',
    {
      config: { access: 'token.create' },
      schema: {
        hide: true,
        body: StrictBody({
          username: Type.String({ maxLength: 200 }),
          label: Type.String({ maxLength: 500 }),
          ttlHours: Type.Optional(Type.String({ maxLength: 20 })),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const body = request.body as TokenForm & { username: string; label: string };
      const t = adminMessages.for(request.locale);
      const errors: Record<string, string> = {};
      const username = body.username.trim().toLowerCase();
      let owner: { id: string } | undefined;
      if (username === '') errors.username = t('tokenUserMissing');
      else {
        const account = await findAccountByUsername(db, username);
        const target = account && (await findUserTarget(db, account.id));
        if (!account || !target) errors.username = t('tokenUserUnknown');
        else if (!can(actor, 'token.create', target)) {
          // Refused like any object out of reach, and audited; only one's own account is named as such.
          await recordDenial(request, 'token.create', { type: 'user', id: account.id });
          errors.username = account.id === actor.userId ? t('tokenForSelf') : t('tokenUserUnknown');
        } else if (account.disabled) errors.username = t('tokenUserDisabled');
        else owner = account;
      }
      const label = trimmed(body.label);
      if (label === '') errors.label = t('labelMissing');
      else if (label.length > 100) errors.label = t('labelTooLong', { max: 100 });
      const ttlText = trimmed(body.ttlHours);
      const ttlHours = ttlText === '' ? null : /^\d{1,4}$/.test(ttlText) ? Number(ttlText) : Number.NaN;
      if (ttlHours !== null && !(ttlHours >= 1 && ttlHours <= 8760)) errors.ttlHours = t('ttlInvalid');
      if (Object.keys(errors).length > 0 || owner === undefined) {
        return newTokenPage(request, reply, { values: body, errors }, 400);
      }
      const created = await issueToken(db, actor, request.ip, { userId: owner.id, label, ttlHours });
      return tokenCreatedPage(request, reply, {
        token: created.token,
        username,
        label,
        expiresAt: created.expiresAt,
      });
    },
  );

  /**
   * The token, shown once, in the response to the POST itself: a redirect would
   * have to carry it in an address, where histories and logs keep it.
   */
  const tokenCreatedPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    created: { token: string; username: string; label: string; expiresAt: Date | null },
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = adminMessages.for(ctx.locale);
    return sendPage(
      reply,
      <AdminPage
        ctx={ctx}
        title={t('tokenCreatedTitle')}
        crumbs={[{ text: t('tokensTitle'), href: '/admin/tokens' }, { text: t('tokenCreatedTitle') }]}
      >
        <h1 class="fj-heading-l">{t('tokenCreatedTitle')}</h1>
        <NotificationBanner title={t('tokenCreatedWarningTitle')} titleId="token-warning">
          <p class="fj-notification-banner__heading">{t('tokenCreatedWarning')}</p>
        </NotificationBanner>
        <SummaryList
          rows={[
            { key: t('tokenValue'), value: <code class="fj-code fj-code--break">{created.token}</code> },
            { key: t('colUser'), value: created.username },
            { key: t('colLabel'), value: created.label },
            {
              key: t('colExpires'),
              value:
                created.expiresAt === null ? t('noExpiry') : formatDateTime(created.expiresAt, ctx.locale),
            },
          ]}
        />
        <p class="fj-body">{t('tokenUsage')}</p>
        <p class="fj-body">
          {/* A placeholder, not the token again: the token appears once on the page. */}
          <code class="fj-code">Authorization: Bearer {t('tokenPlaceholder')}</code>
        </p>
        <p class="fj-body">
          <a href="/admin/tokens">{t('tokenBack')}</a>
        </p>
      </AdminPage>,
    );
  };

  app.post(
    '/admin/tokens/:id/revoke',
    {
      config: { access: 'token.revoke' },
      schema: { hide: true, params: IdParams, body: StrictBody({}) },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const { id } = request.params as { id: string };
      const ownerId = await findTokenOwnerId(db, id);
      if (ownerId === undefined) throw notFound();
      const target = await userTarget(deps, ownerId);
      await authorise(db, request, 'token.revoke', { type: 'api_token', id }, target);
      try {
        await withdrawToken(deps, actor, request.ip, id);
      } catch (error) {
        if (!(error instanceof AdminRuleError)) throw error;
        const t = adminMessages.for(request.locale);
        return tokensPage(request, reply, { errors: { tokens: problemText(t, error.problem) } }, 400);
      }
      return reply.redirect('/admin/tokens?done=tokenRevoked', 303);
    },
  );
}
