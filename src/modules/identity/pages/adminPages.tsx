import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { type TProperties, Type } from 'typebox';
import { recordAudit } from '../../../platform/audit/index.ts';
import {
  type Action,
  auditActor,
  authorise,
  can,
  mayEver,
  reach,
  roles,
  sourceAddress,
  type Target,
} from '../../../platform/auth/index.ts';
import { maskName } from '../../../platform/crypto/index.ts';
import { HttpError, PageQuery, pageContext, sendPage } from '../../../platform/http/index.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  type BreadcrumbItem,
  Breadcrumbs,
  Button,
  ButtonGroup,
  ErrorSummary,
  Layout,
  NotificationBanner,
  type PageContext,
  Pagination,
  Radios,
  Select,
  SummaryList,
  shellMessages,
  Table,
  type TableCell,
  Tag,
  TextInput,
} from '../../../platform/ui/index.ts';
import {
  AdminRuleError,
  createOrganisation,
  createStaffUser,
  grantRole,
  issueToken,
  revokeGrant,
  setUserDisabled,
  withdrawToken,
} from '../admin.ts';
import {
  findGrant,
  findUserSummary,
  listOrganisationsWithin,
  listTokensWithin,
  listUsers,
  liveGrants,
  type OrganisationRow,
  type TokenRow,
} from '../adminQueries.ts';
import { listDistricts, type OrganisationType, organisationTypes } from '../repo.ts';
import { findToken } from '../tokensRepo.ts';
import { findAccountByUsername, userScope } from '../usersRepo.ts';
import { adminMessages } from './adminMessages.ts';
import { CsrfField, type FieldErrors, signedIn } from './common.tsx';
import type { SignInPageDeps } from './signInPages.tsx';

type T = ReturnType<typeof adminMessages.for>;
type AdminKey = Parameters<T>[0];

const isAdminKey = (key: string): key is AdminKey => Object.hasOwn(adminMessages.catalogs['zh-CN'], key);

/** A rule's problem in words; a problem this page does not know still gets a sentence, never a code. */
const problemText = (t: T, problem: string): string => {
  const key = `problem_${problem}`;
  return isAdminKey(key) ? t(key) : t('problem_unknown');
};

/** The success message named by `?done=`; anything else in the address shows nothing. */
const doneText = (t: T, done: string | undefined): string | undefined => {
  const key = `done_${done ?? ''}`;
  return done !== undefined && isAdminKey(key) ? t(key) : undefined;
};

/**
 * A form body that refuses any field it does not name (SECURITY.md 8): a posted
 * `role` or `isAdmin` gets 400 (the app's validator refuses, never drops, extra fields).
 */
const StrictBody = <P extends TProperties>(properties: P) =>
  Type.Object({ _csrf: Type.String(), ...properties }, { additionalProperties: false });

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const GrantParams = Type.Object({ grantId: Type.String({ format: 'uuid' }) });
const DoneQuery = Type.Object({
  ...PageQuery.properties,
  done: Type.Optional(Type.String({ maxLength: 40 })),
});

/** Select boxes send '' for "all"; anything else must be one of the choices. */
const optionalChoice = (values: readonly string[]) =>
  Type.Optional(Type.Union([Type.Literal(''), ...values.map((value) => Type.Literal(value))]));

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pageSize = 50;
const grantableRoles = roles.filter((role) => role !== 'resident');

const notFound = () => new HttpError(404, 'not_found', 'not found');

/** A user as a list shows them: residents signing in by phone have no username. */
const accountName = (t: T, user: { id: string; username: string | null }): string =>
  user.username ?? t('residentWithoutUsername', { id: user.id.slice(0, 8) });

/** Residents' names are personal data: masked here, as everywhere by default (SECURITY.md 19). */
const shownDisplayName = (user: { kind: 'staff' | 'resident'; displayName: string }): string =>
  user.kind === 'resident' ? maskName(user.displayName) : user.displayName;

const organisationName = (ctx: PageContext, o: { nameZh: string; nameEn: string }) =>
  ctx.locale === 'zh-CN' ? o.nameZh : o.nameEn;

/** Where a user stands for the policy: their organisations and districts, and themselves as owner. */
async function userTarget(deps: SignInPageDeps, userId: string): Promise<Target> {
  const scope = await userScope(deps.db, userId);
  if (!scope) throw notFound();
  return { ...scope, ownerUserId: userId };
}

/** Every administration page: breadcrumbs, the error summary, the success banner, then the page. */
function AdminPage(props: {
  ctx: PageContext;
  title: string;
  /** After "首页 › 系统管理"; the last one is this page (no link). */
  crumbs: readonly BreadcrumbItem[];
  errors?: FieldErrors | undefined;
  done?: string | undefined;
  children: ComponentChildren;
}) {
  const t = adminMessages.for(props.ctx.locale);
  const shell = shellMessages.for(props.ctx.locale);
  const errors = Object.entries(props.errors ?? {});
  const admin: BreadcrumbItem =
    props.crumbs.length === 0 ? { text: t('indexTitle') } : { text: t('indexTitle'), href: '/admin' };
  return (
    <Layout ctx={props.ctx} title={props.title} hasErrors={errors.length > 0}>
      <Breadcrumbs
        label={shell('breadcrumbs')}
        items={[{ text: shell('navHome'), href: '/' }, admin, ...props.crumbs]}
      />
      {errors.length > 0 && (
        <ErrorSummary
          title={t('errorSummary')}
          errors={errors.map(([id, text]) => ({ href: `#${id}`, text }))}
        />
      )}
      {props.done !== undefined && (
        <NotificationBanner type="success" title={t('doneTitle')} titleId="done-title" heading={props.done} />
      )}
      {props.children}
    </Layout>
  );
}

/** A one-button form (revoke, disable): the hidden text names what the button acts on. */
function ActionButton(props: {
  action: string;
  csrf: string;
  text: string;
  hidden?: string;
  variant?: 'secondary' | 'warning';
}) {
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrf} />
      <Button variant={props.variant ?? 'secondary'} preventDoubleClick>
        {props.text}
        {props.hidden !== undefined && <span class="fj-visually-hidden"> {props.hidden}</span>}
      </Button>
    </form>
  );
}

const trimmed = (value: string | undefined): string => (value ?? '').trim();

export function adminPages(app: FastifyInstance, deps: SignInPageDeps): void {
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

  // ---------- Index ----------

  app.get(
    '/admin',
    {
      // Everyone who may use any section here holds user.read (see the permissions table), and so
      // does the district reviewer, whose navigation links here: the index needs no more than that.
      config: { access: 'user.read' },
      schema: { hide: true, querystring: PageQuery },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const ctx = pageContext(config, assets, request, reply);
      const t = adminMessages.for(ctx.locale);
      const sections: { action: Action; href: string; title: AdminKey; text: AdminKey }[] = [
        {
          action: 'organisation.read',
          href: '/admin/organisations',
          title: 'sectionOrganisations',
          text: 'sectionOrganisationsText',
        },
        {
          action: 'organisation.create',
          href: '/admin/organisations/new',
          title: 'sectionNewOrganisation',
          text: 'sectionNewOrganisationText',
        },
        { action: 'user.read', href: '/admin/users', title: 'sectionUsers', text: 'sectionUsersText' },
        {
          action: 'user.create',
          href: '/admin/users/new',
          title: 'sectionNewUser',
          text: 'sectionNewUserText',
        },
        { action: 'token.read', href: '/admin/tokens', title: 'sectionTokens', text: 'sectionTokensText' },
      ];
      return sendPage(
        reply,
        <AdminPage ctx={ctx} title={t('indexTitle')} crumbs={[]}>
          <h1 class="fj-heading-l">{t('indexTitle')}</h1>
          <p class="fj-body">{t('indexLead')}</p>
          {sections
            .filter((section) => mayEver(actor, section.action))
            .map((section) => (
              <div key={section.href}>
                <h2 class="fj-heading-m">
                  <a href={section.href}>{t(section.title)}</a>
                </h2>
                <p class="fj-body">{t(section.text)}</p>
              </div>
            ))}
        </AdminPage>,
      );
    },
  );

  // ---------- Organisations ----------

  app.get(
    '/admin/organisations',
    {
      config: { access: 'organisation.read' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...DoneQuery.properties,
          type: optionalChoice(organisationTypes),
          district: Type.Optional(Type.String({ pattern: '^([0-9]{6})?$' })),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const query = request.query as { type?: OrganisationType | ''; district?: string; done?: string };
      const ctx = pageContext(config, assets, request, reply);
      const t = adminMessages.for(ctx.locale);
      const [organisations, districts] = await Promise.all([
        listOrganisationsWithin(db, reach(actor, 'organisation.read'), {
          type: query.type || undefined,
          districtCode: query.district || undefined,
        }),
        listDistricts(db),
      ]);
      const districtName = (o: OrganisationRow) =>
        (ctx.locale === 'zh-CN' ? o.districtNameZh : o.districtNameEn) ?? t('cityWide');
      return sendPage(
        reply,
        <AdminPage
          ctx={ctx}
          title={t('organisationsTitle')}
          crumbs={[{ text: t('organisationsTitle') }]}
          done={doneText(t, query.done)}
        >
          <h1 class="fj-heading-l">{t('organisationsTitle')}</h1>
          <p class="fj-body">{t('organisationsLead')}</p>
          {mayEver(actor, 'organisation.create') && (
            <Button href="/admin/organisations/new" variant="secondary">
              {t('sectionNewOrganisation')}
            </Button>
          )}
          <form method="get" action="/admin/organisations" class="fj-filters" novalidate>
            <h2 class="fj-heading-m">{t('filters')}</h2>
            <div class="fj-filters__grid">
              <Select
                id="type"
                name="type"
                label={t('filterType')}
                value={query.type ?? ''}
                options={[
                  { value: '', text: t('filterTypeAll') },
                  ...organisationTypes.map((type) => ({ value: type, text: t(`orgType_${type}`) })),
                ]}
              />
              <Select
                id="district"
                name="district"
                label={t('filterDistrict')}
                value={query.district ?? ''}
                options={[
                  { value: '', text: t('filterDistrictAll') },
                  ...districts.map((d) => ({
                    value: d.code,
                    text: ctx.locale === 'zh-CN' ? d.nameZh : d.nameEn,
                  })),
                ]}
              />
            </div>
            <ButtonGroup>
              <Button>{t('applyFilters')}</Button>
              <a href="/admin/organisations">{t('clearFilters')}</a>
            </ButtonGroup>
          </form>
          <p class="fj-body" role="status">
            {t('organisationsCount', { total: organisations.length })}
          </p>
          {organisations.length === 0 ? (
            <p class="fj-body">{t('noOrganisations')}</p>
          ) : (
            <Table
              id="organisations"
              caption={t('organisationsCaption')}
              captionSize="m"
              columns={[{ header: t('colName') }, { header: t('colType') }, { header: t('colDistrict') }]}
              rows={organisations.map((o) => [
                organisationName(ctx, o),
                t(`orgType_${o.type}`),
                districtName(o),
              ])}
            />
          )}
        </AdminPage>,
      );
    },
  );

  interface OrganisationForm {
    type?: string;
    nameZh?: string;
    nameEn?: string;
    shortNameZh?: string;
    districtCode?: string;
  }

  const newOrganisationPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: OrganisationForm; errors?: FieldErrors },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = adminMessages.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const districts = await listDistricts(db);
    const values = state.values ?? {};
    const errors = state.errors ?? {};
    return sendPage(
      reply,
      <AdminPage
        ctx={ctx}
        title={t('newOrganisationTitle')}
        crumbs={[
          { text: t('organisationsTitle'), href: '/admin/organisations' },
          { text: t('newOrganisationTitle') },
        ]}
        errors={errors}
      >
        <h1 class="fj-heading-l">{t('newOrganisationTitle')}</h1>
        <form method="post" action="/admin/organisations/new" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <Radios
            idPrefix="type"
            name="type"
            legend={t('fieldType')}
            legendSize="m"
            value={values.type}
            error={errors.type}
            errorPrefix={shell('errorPrefix')}
            items={organisationTypes.map((type) => ({ value: type, text: t(`orgType_${type}`) }))}
          />
          <TextInput
            id="nameZh"
            name="nameZh"
            label={t('fieldNameZh')}
            hint={t('fieldNameZhHint')}
            value={values.nameZh}
            error={errors.nameZh}
            errorPrefix={shell('errorPrefix')}
            autocomplete="organization"
            spellcheck={false}
            maxlength={100}
          />
          <TextInput
            id="nameEn"
            name="nameEn"
            label={t('fieldNameEn')}
            hint={t('fieldNameEnHint')}
            value={values.nameEn}
            error={errors.nameEn}
            errorPrefix={shell('errorPrefix')}
            autocomplete="off"
            maxlength={100}
          />
          <TextInput
            id="shortNameZh"
            name="shortNameZh"
            label={t('fieldShortNameZh')}
            hint={t('fieldShortNameZhHint')}
            value={values.shortNameZh}
            error={errors.shortNameZh}
            errorPrefix={shell('errorPrefix')}
            autocomplete="off"
            spellcheck={false}
            width="20"
            maxlength={100}
          />
          <Select
            id="districtCode"
            name="districtCode"
            label={t('fieldDistrict')}
            hint={t('fieldDistrictHint')}
            value={values.districtCode ?? ''}
            error={errors.districtCode}
            errorPrefix={shell('errorPrefix')}
            options={[
              { value: '', text: t('districtNone') },
              ...districts.map((d) => ({
                value: d.code,
                text: ctx.locale === 'zh-CN' ? d.nameZh : d.nameEn,
              })),
            ]}
          />
          <Button preventDoubleClick>{t('createOrganisation')}</Button>
        </form>
      </AdminPage>,
      status,
    );
  };

  app.get(
    '/admin/organisations/new',
    { config: { access: 'organisation.create' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => newOrganisationPage(request, reply, {}),
  );

  app.post(
    '/admin/organisations/new',
    {
      config: { access: 'organisation.create' },
      schema: {
        hide: true,
        body: StrictBody({
          // Optional: no radio chosen sends no field, which is a form error, not a bad request.
          type: Type.Optional(Type.String({ maxLength: 40 })),
          nameZh: Type.String({ maxLength: 200 }),
          nameEn: Type.String({ maxLength: 200 }),
          shortNameZh: Type.Optional(Type.String({ maxLength: 200 })),
          districtCode: Type.Optional(Type.String({ maxLength: 10 })),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const body = request.body as OrganisationForm;
      const t = adminMessages.for(request.locale);
      const errors: Record<string, string> = {};
      const type = organisationTypes.find((candidate) => candidate === body.type);
      const nameZh = trimmed(body.nameZh);
      const nameEn = trimmed(body.nameEn);
      const shortNameZh = trimmed(body.shortNameZh);
      const districtCode = trimmed(body.districtCode);
      if (type === undefined) errors.type = t('typeMissing');
      if (nameZh === '') errors.nameZh = t('nameZhMissing');
      else if (nameZh.length > 100) errors.nameZh = t('nameTooLong', { max: 100 });
      if (nameEn === '') errors.nameEn = t('nameEnMissing');
      else if (nameEn.length > 100) errors.nameEn = t('nameTooLong', { max: 100 });
      if (shortNameZh.length > 100) errors.shortNameZh = t('nameTooLong', { max: 100 });
      if (districtCode !== '' && !(await listDistricts(db)).some((d) => d.code === districtCode)) {
        errors.districtCode = t('districtUnknown');
      }
      if (Object.keys(errors).length > 0 || type === undefined) {
        return newOrganisationPage(request, reply, { values: body, errors }, 400);
      }
      // Creation is checked against where the new organisation will be, as any object is.
      await authorise(
        db,
        request,
        'organisation.create',
        { type: 'organisation', id: 'new' },
        { districtCodes: districtCode === '' ? [] : [districtCode] },
      );
      try {
        await createOrganisation(deps, actor, request.ip, {
          type,
          nameZh,
          nameEn,
          shortNameZh: shortNameZh === '' ? null : shortNameZh,
          districtCode: districtCode === '' ? null : districtCode,
        });
      } catch (error) {
        if (!(error instanceof AdminRuleError)) throw error;
        return newOrganisationPage(
          request,
          reply,
          { values: body, errors: { [error.field]: problemText(t, error.problem) } },
          400,
        );
      }
      return reply.redirect('/admin/organisations?done=organisationCreated', 303);
    },
  );

  // ---------- Users ----------

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
          done={doneText(t, query.done)}
        >
          <h1 class="fj-heading-l">{t('usersTitle')}</h1>
          <p class="fj-body">{t('usersLead')}</p>
          {mayEver(actor, 'user.create') && (
            <Button href="/admin/users/new" variant="secondary">
              {t('sectionNewUser')}
            </Button>
          )}
          <form method="get" action="/admin/users" class="fj-filters" novalidate>
            <h2 class="fj-heading-m">{t('filters')}</h2>
            <div class="fj-filters__grid">
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
            </div>
            <ButtonGroup>
              <Button>{t('applyFilters')}</Button>
              <a href="/admin/users">{t('clearFilters')}</a>
            </ButtonGroup>
          </form>
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

  interface GrantForm {
    role?: string;
    organisationId?: string;
  }

  /** The user page; every caller has already authorised `user.read` on this user. */
  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    target: Target,
    state: { errors?: FieldErrors; values?: GrantForm; done?: string | undefined },
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
        done: doneText(adminMessages.for(request.locale), done),
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

  interface UserForm {
    username?: string;
    displayName?: string;
    initialPassword?: string;
  }

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
          <TextInput
            id="username"
            name="username"
            label={t('fieldUsername')}
            hint={t('fieldUsernameHint')}
            value={state.values?.username}
            error={errors.username}
            errorPrefix={shell('errorPrefix')}
            autocomplete="off"
            spellcheck={false}
            width="20"
            maxlength={64}
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

  // ---------- API tokens ----------

  const tokenStatus = (token: TokenRow): 'active' | 'expired' | 'revoked' =>
    token.revokedAt !== null
      ? 'revoked'
      : token.expiresAt !== null && token.expiresAt.getTime() <= Date.now()
        ? 'expired'
        : 'active';

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
      return tokensPage(request, reply, { done: doneText(adminMessages.for(request.locale), done) });
    },
  );

  interface TokenForm {
    username?: string;
    label?: string;
    ttlHours?: string;
  }

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
          <TextInput
            id="username"
            name="username"
            label={t('fieldTokenUser')}
            hint={t('fieldTokenUserHint')}
            value={state.values?.username}
            error={errors.username}
            errorPrefix={shell('errorPrefix')}
            autocomplete="off"
            spellcheck={false}
            width="20"
            maxlength={64}
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
        const target = account && (await userScope(db, account.id));
        if (!account || !target) errors.username = t('tokenUserUnknown');
        else if (!can(actor, 'token.create', { ...target, ownerUserId: account.id })) {
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
      const token = await findToken(db, id);
      if (!token) throw notFound();
      const target = await userTarget(deps, token.userId);
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

function StatusTag({ t, disabled }: { t: T; disabled: boolean }) {
  return disabled ? (
    <Tag text={t('status_disabled')} colour="grey" />
  ) : (
    <Tag text={t('status_active')} colour="green" />
  );
}
