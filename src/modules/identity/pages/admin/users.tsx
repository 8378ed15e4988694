import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorise, mayEver, reach } from '../../../../platform/auth/index.ts';
import { DoneQuery, PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import {
  Button,
  doneText,
  Pagination,
  Select,
  shellMessages,
  Table,
  type TableCell,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { AdminRuleError, createStaffUser } from '../../admin.ts';
import { listUsers } from '../../adminQueries.ts';
import { CsrfField, type FieldErrors, signedIn } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { adminMessages } from './messages.ts';
import {
  AdminPage,
  accountName,
  FilterForm,
  optionalChoice,
  problemText,
  StatusTag,
  StrictBody,
  shownDisplayName,
  trimmed,
  UsernameField,
} from './shared.tsx';

const pageSize = 50;

interface UserForm {
  username?: string;
  displayName?: string;
  initialPassword?: string;
}

/** GET /admin/users: the users this actor may read, filtered and a page at a time. */
export function userListPage(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config, db, assets } = deps;

  app.get(
    '/admin/users',
    {
      config: { access: 'user.read' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...DoneQuery.properties,
          q: Type.Optional(Type.String({ maxLength: 64 })),
          kind: optionalChoice(['staff', 'resident']),
          status: optionalChoice(['active', 'disabled']),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const query = request.query as {
        q?: string;
        kind?: 'staff' | 'resident' | '';
        status?: 'active' | 'disabled' | '';
        page?: number;
        done?: string;
      };
      const ctx = pageContext(config, assets, request, reply);
      const t = adminMessages.for(ctx.locale);
      // The list holds exactly the users this actor could open one by one (SECURITY.md 7).
      const within = reach(actor, 'user.read');
      const filter = {
        usernamePrefix: trimmed(query.q).toLowerCase() || undefined,
        kind: query.kind || undefined,
        status: query.status || undefined,
      };
      const pageOf = (page: number) =>
        listUsers(db, within, filter, { offset: (page - 1) * pageSize, limit: pageSize });
      let page = query.page ?? 1;
      let result = await pageOf(page);
      const totalPages = Math.max(1, Math.ceil(result.total / pageSize));
      if (page > totalPages) {
        // A page past the end (the list shrank since the link was made) shows the last page.
        page = totalPages;
        result = await pageOf(page);
      }
      const href = (p: number) => {
        const search = new URLSearchParams();
        if (filter.usernamePrefix) search.set('q', filter.usernamePrefix);
        if (filter.kind) search.set('kind', filter.kind);
        if (filter.status) search.set('status', filter.status);
        if (p > 1) search.set('page', String(p));
        const text = search.toString();
        return text === '' ? '/admin/users' : `/admin/users?${text}`;
      };
      const separator = t('listSeparator');
      return sendPage(
        reply,
        <AdminPage
          ctx={ctx}
          title={t('usersTitle')}
          crumbs={[{ text: t('usersTitle') }]}
          done={doneText(adminMessages, ctx.locale, query.done)}
        >
          <h1 class="fj-heading-l">{t('usersTitle')}</h1>
          <p class="fj-body">{t('usersLead')}</p>
          {mayEver(actor, 'user.create') && (
            <Button href="/admin/users/new" variant="secondary">
              {t('sectionNewUser')}
            </Button>
          )}
          <FilterForm t={t} action="/admin/users">
            <TextInput
              id="q"
              name="q"
              type="search"
              label={t('fieldSearch')}
              hint={t('fieldSearchHint')}
              value={query.q}
              autocomplete="off"
              spellcheck={false}
              maxlength={64}
            />
            <Select
              id="kind"
              name="kind"
              label={t('filterKind')}
              value={query.kind ?? ''}
              options={[
                { value: '', text: t('all') },
                { value: 'staff', text: t('kind_staff') },
                { value: 'resident', text: t('kind_resident') },
              ]}
            />
            <Select
              id="status"
              name="status"
              label={t('filterStatus')}
              value={query.status ?? ''}
              options={[
                { value: '', text: t('all') },
                { value: 'active', text: t('status_active') },
                { value: 'disabled', text: t('status_disabled') },
              ]}
            />
          </FilterForm>
          <p class="fj-body" role="status">
            {t('usersCount', { total: result.total })}
          </p>
          {result.rows.length === 0 ? (
            <p class="fj-body">{t('noUsers')}</p>
          ) : (
            <Table
              id="users"
              caption={t('usersCaption')}
              captionSize="m"
              columns={[
                { header: t('colUsername') },
                { header: t('colDisplayName') },
                { header: t('colKind') },
                { header: t('colRoles') },
                { header: t('colStatus') },
              ]}
              rows={result.rows.map((user): TableCell[] => [
                { content: <a href={`/admin/users/${user.id}`}>{accountName(t, user)}</a> },
                shownDisplayName(user),
                t(`kind_${user.kind}`),
                user.roles.length === 0
                  ? t('none')
                  : user.roles.map((role) => t(`role_${role}`)).join(separator),
                { content: <StatusTag t={t} disabled={user.disabled} /> },
              ])}
            />
          )}
          <Pagination
            label={t('pagination')}
            currentPage={page}
            totalPages={totalPages}
            hrefForPage={href}
            previousText={t('previous')}
            nextText={t('next')}
            pageLabel={(p) => t('page', { page: p })}
          />
        </AdminPage>,
      );
    },
  );
}

/** GET and POST /admin/users/new: a staff account with an initial password. */
export function newUserPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config, db, assets } = deps;

  const newUserPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: UserForm; errors?: FieldErrors },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = adminMessages.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const errors = state.errors ?? {};
    const passwordHint = config.staffPasswordComplexity
      ? `${t('fieldInitialPasswordHint')}${t('fieldInitialPasswordComplexity')}`
      : t('fieldInitialPasswordHint');
    return sendPage(
      reply,
      <AdminPage
        ctx={ctx}
        title={t('newUserTitle')}
        crumbs={[{ text: t('usersTitle'), href: '/admin/users' }, { text: t('newUserTitle') }]}
        errors={errors}
      >
        <h1 class="fj-heading-l">{t('newUserTitle')}</h1>
        <p class="fj-body">{t('newUserLead')}</p>
        <form method="post" action="/admin/users/new" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <UsernameField
            label={t('fieldUsername')}
            hint={t('fieldUsernameHint')}
            value={state.values?.username}
            error={errors.username}
            errorPrefix={shell('errorPrefix')}
          />
          <TextInput
            id="displayName"
            name="displayName"
            label={t('fieldDisplayName')}
            hint={t('fieldDisplayNameHint')}
            value={state.values?.displayName}
            error={errors.displayName}
            errorPrefix={shell('errorPrefix')}
            autocomplete="off"
            width="30"
            maxlength={100}
          />
          {/* The password is never sent back in the page, even after an error. */}
          <TextInput
            id="initialPassword"
            name="initialPassword"
            type="password"
            label={t('fieldInitialPassword')}
            hint={passwordHint}
            error={errors.initialPassword}
            errorPrefix={shell('errorPrefix')}
            autocomplete="new-password"
            spellcheck={false}
            width="20"
          />
          <Button preventDoubleClick>{t('createUser')}</Button>
        </form>
      </AdminPage>,
      status,
    );
  };

  app.get(
    '/admin/users/new',
    { config: { access: 'user.create' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => newUserPage(request, reply, {}),
  );

  app.post(
    '/admin/users/new',
    {
      config: { access: 'user.create' },
      schema: {
        hide: true,
        body: StrictBody({
          username: Type.String({ maxLength: 200 }),
          displayName: Type.String({ maxLength: 200 }),
          initialPassword: Type.String({ maxLength: 1000 }),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const body = request.body as Required<UserForm>;
      const t = adminMessages.for(request.locale);
      const values = { username: body.username, displayName: body.displayName };
      const errors: Record<string, string> = {};
      if (body.username.trim() === '') errors.username = t('usernameMissing');
      const displayName = body.displayName.trim();
      if (displayName === '') errors.displayName = t('displayNameMissing');
      else if (displayName.length > 100) errors.displayName = t('displayNameTooLong', { max: 100 });
      if (body.initialPassword === '') errors.initialPassword = t('passwordMissing');
      if (Object.keys(errors).length > 0) return newUserPage(request, reply, { values, errors }, 400);
      await authorise(db, request, 'user.create', { type: 'user', id: 'new' }, {});
      try {
        const id = await createStaffUser(deps, actor, request.ip, {
          username: body.username,
          displayName,
          initialPassword: body.initialPassword,
        });
        return reply.redirect(`/admin/users/${id}?done=userCreated`, 303);
      } catch (error) {
        if (!(error instanceof AdminRuleError)) throw error;
        return newUserPage(
          request,
          reply,
          { values, errors: { [error.field]: problemText(t, error.problem) } },
          400,
        );
      }
    },
  );
}
