import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import { personalDataRoles, type Role, type SignedInActor } from '../../../platform/auth/index.ts';
import { formatSecretForReading, otpauthUri } from '../../../platform/crypto/index.ts';
import { type Queryable, sql } from '../../../platform/db/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../platform/http/index.ts';
import {
  displayTimeZone,
  formatDate,
  formatDateTime,
  type Locale,
  type Translate,
} from '../../../platform/i18n/index.ts';
import {
  Button,
  NotificationBanner,
  Radios,
  Select,
  SummaryList,
  type SummaryListRow,
  Table,
  type TableCell,
  Tag,
  Textarea,
  TextInput,
} from '../../../platform/ui/index.ts';
import {
  bindResidentId,
  type CorrectionField,
  changeOwnPassword,
  confirmTotp,
  correctionFields,
  disableTotp,
  endMySessions,
  exportMyData,
  myData,
  pendingTotpSecret,
  requestCorrection,
  startTotpEnrolment,
} from '../ownAccount.ts';
import { type District, listDistricts } from '../repo.ts';
import { setSessionCookie } from '../session.ts';
import { listLiveSessions } from '../sessionsRepo.ts';
import { accountMessages } from './accountMessages.ts';
import { CsrfField, type FieldErrors, FormPage, requestOrigin, signedIn } from './common.tsx';
import type { SignInPageDeps } from './signInPages.tsx';

type Key = Parameters<ReturnType<typeof accountMessages.for>>[0];
type T = Translate<Key>;

const roleNames: Readonly<Record<Role, Key>> = {
  resident: 'roleResident',
  community_worker: 'roleCommunityWorker',
  assessor: 'roleAssessor',
  district_reviewer: 'roleDistrictReviewer',
  city_admin: 'roleCityAdmin',
  supplier_staff: 'roleSupplierStaff',
  department_officer: 'roleDepartmentOfficer',
  researcher: 'roleResearcher',
  volunteer: 'roleVolunteer',
  auditor: 'roleAuditor',
  security_admin: 'roleSecurityAdmin',
  system_admin: 'roleSystemAdmin',
};

const fieldNames: Readonly<Record<CorrectionField, Key>> = {
  name: 'fieldName',
  phone: 'fieldPhone',
  resident_id: 'fieldResidentId',
  district: 'fieldDistrict',
  other: 'fieldOther',
};

const statusNames: Readonly<Record<string, Key>> = {
  open: 'statusOpen',
  done: 'statusDone',
  refused: 'statusRefused',
};

const outcomeNames: Readonly<Record<string, Key>> = {
  success: 'outcomeSuccess',
  failure: 'outcomeFailure',
  denied: 'outcomeDenied',
};

/** What `?done=` may say just happened on /account, and the banner text for each. */
const doneMessages: Readonly<Record<string, Key>> = {
  password: 'donePassword',
  twoFactorOn: 'doneTwoFactorOn',
  twoFactorOff: 'doneTwoFactorOff',
  correction: 'doneCorrection',
  sessions: 'doneSessions',
  bound: 'doneBound',
};

/** A grant's role in the page language; an unknown role (added later, not yet named here) shows its code. */
const roleName = (t: T, role: string): string => (role in roleNames ? t(roleNames[role as Role]) : role);

const districtName = (districts: readonly District[], code: string | null, locale: Locale): string | null => {
  if (code === null) return null;
  const district = districts.find((d) => d.code === code);
  if (!district) return code;
  return locale === 'en' ? district.nameEn : district.nameZh;
};

const correctionMaxLength = 1000;

/**
 * Facts about the account that decide what the pages offer. Residents who
 * signed up with a text-message code have no password: no password to change,
 * and no second factor (it guards password sign-in only, and turning it off
 * again would need a password they do not have).
 */
interface AccountState {
  readonly hasPassword: boolean;
  readonly secondFactor: boolean;
  readonly idBound: boolean;
}

async function accountState(db: Queryable, userId: string): Promise<AccountState> {
  const [row] = await db.query<{ has_password: boolean; totp_enabled: boolean; id_bound: boolean }>(
    sql`select password_hash is not null as has_password, totp_enabled, resident_id_hash is not null as id_bound
        from app_user where id = ${userId}`,
  );
  if (!row) throw new Error('signed-in user has no account row');
  return { hasPassword: row.has_password, secondFactor: row.totp_enabled, idBound: row.id_bound };
}

/** The day in the city's time zone, for the export's file name. */
const dayInCity = (date: Date): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: displayTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);

const BackLink = ({ t }: { t: T }) => (
  <p class="fj-body">
    <a href="/account">{t('backToAccount')}</a>
  </p>
);

export function accountPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config, assets, db } = deps;

  const ctxAndT = (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = pageContext(config, assets, request, reply);
    return { ctx, t: accountMessages.for(ctx.locale) };
  };

  // ---------- /account ----------

  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: SignedInActor,
    options: { reveal: boolean; done?: string },
  ) => {
    const page = ctxAndT(request, reply);
    // The reveal answers a POST to /account/reveal: the language switch and navigation point to /account.
    const ctx = { ...page.ctx, path: '/account' };
    const t = page.t;
    const data = await myData(deps, actor, { reveal: options.reveal, address: request.ip });
    const state = await accountState(db, actor.userId);
    const districts = await listDistricts(db);
    const sessions = await listLiveSessions(db, actor.userId);
    const resident = data.kind === 'resident';
    const done = options.done !== undefined ? doneMessages[options.done] : undefined;
    const roles = data.grants.map((g) => {
      const organisation = ctx.locale === 'en' ? g.organisationNameEn : g.organisationNameZh;
      const role = roleName(t, g.role);
      return organisation ? t('roleWithOrganisation', { role, organisation }) : role;
    });
    const details: SummaryListRow[] = [
      { key: t('username'), value: data.username ?? t('noUsername') },
      { key: t('displayName'), value: data.displayName || t('notSet') },
    ];
    if (resident || data.phone !== null) {
      details.push({ key: t('phone'), value: data.phone ?? t('notRecorded') });
    }
    if (resident || data.residentId !== null) {
      details.push({
        key: t('residentId'),
        value: data.residentId ?? t('idNotBound'),
        actions:
          resident && data.residentId === null
            ? [{ href: '/account/resident-id', text: t('bind'), visuallyHiddenText: t('residentId') }]
            : undefined,
      });
    }
    if (resident || data.districtCode !== null) {
      details.push({
        key: t('district'),
        value: districtName(districts, data.districtCode, ctx.locale) ?? t('notRecorded'),
      });
    }
    details.push(
      {
        key: t('roles'),
        value:
          roles.length === 0 ? (
            t('none')
          ) : roles.length === 1 ? (
            roles[0]
          ) : (
            <ul class="fj-list">
              {roles.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ),
      },
      { key: t('memberSince'), value: formatDate(data.createdAt, ctx.locale) },
    );
    const security: SummaryListRow[] = [
      {
        key: t('password'),
        value: state.hasPassword ? t('passwordSet') : t('noPassword'),
        actions: state.hasPassword
          ? [{ href: '/account/password', text: t('change'), visuallyHiddenText: t('password') }]
          : undefined,
      },
      {
        key: t('secondFactor'),
        value: state.hasPassword ? (data.secondFactor ? t('on') : t('off')) : t('twoFactorNotUsed'),
        actions: state.hasPassword
          ? [{ href: '/account/two-factor', text: t('change'), visuallyHiddenText: t('secondFactor') }]
          : undefined,
      },
      {
        key: t('sessions'),
        value: t('sessionsCount', { count: sessions.length }),
        actions: [{ href: '/account/sessions', text: t('manage'), visuallyHiddenText: t('sessions') }],
      },
    ];
    const canReveal = !options.reveal && (data.phone !== null || data.residentId !== null);
    return sendPage(
      reply,
      <FormPage ctx={ctx} title={t('title')} errorTitle={t('errorSummary')}>
        {done && (
          <NotificationBanner
            type="success"
            title={t('successTitle')}
            titleId="done-title"
            heading={t(done)}
          />
        )}
        {options.reveal && (
          <NotificationBanner
            title={t('importantTitle')}
            titleId="revealed-title"
            heading={t('revealedNotice')}
          >
            <p class="fj-body">
              <a href="/account">{t('hideAgain')}</a>
            </p>
          </NotificationBanner>
        )}
        <h1 class="fj-heading-l">{t('title')}</h1>
        <p class="fj-body">{options.reveal ? t('leadRevealed') : t('lead')}</p>
        {resident && !state.idBound && (
          <>
            <h2 class="fj-heading-m">{t('bindHeading')}</h2>
            <p class="fj-body">{t('bindLead')}</p>
            <p class="fj-body">
              <a href="/account/resident-id">{t('bindLink')}</a>
            </p>
          </>
        )}
        <h2 class="fj-heading-m">{t('detailsHeading')}</h2>
        <SummaryList rows={details} />
        {canReveal && (
          <form method="post" action="/account/reveal">
            <CsrfField token={reply.generateCsrf()} />
            <p class="fj-hint" id="reveal-hint">
              {t('revealHint')}
            </p>
            <Button variant="secondary">{t('revealButton')}</Button>
          </form>
        )}
        <h2 class="fj-heading-m">{t('dataHeading')}</h2>
        <p class="fj-body">{t('dataLead')}</p>
        <ul class="fj-list">
          <li>
            <a href="/account/export">{t('exportLink')}</a>
          </li>
          <li>
            <a href="/account/correction">{t('correctionLink')}</a>
          </li>
        </ul>
        <h2 class="fj-heading-m">{t('securityHeading')}</h2>
        <SummaryList rows={security} />
      </FormPage>,
    );
  };

  app.get(
    '/account',
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...PageQuery.properties,
          // Any other value is ignored rather than refused: it only chooses a banner.
          done: Type.Optional(Type.String({ maxLength: 40 })),
        }),
      },
    },
    async (request, reply) =>
      accountPage(request, reply, signedIn(request), {
        reveal: false,
        done: (request.query as { done?: string }).done,
      }),
  );

  // Full values only in answer to a POST: a GET could be cached, bookmarked or prefetched (SECURITY.md 19).
  app.post(
    '/account/reveal',
    {
      config: { access: 'signedIn' },
      schema: { hide: true, body: Type.Object({ _csrf: Type.String() }) },
    },
    async (request, reply) => accountPage(request, reply, signedIn(request), { reveal: true }),
  );

  // ---------- export ----------

  const DownloadForm = ({ t, csrf }: { t: T; csrf: string }) => (
    <form method="post" action="/account/export.json">
      <CsrfField token={csrf} />
      <p class="fj-hint">{t('exportDownloadHint')}</p>
      <Button variant="secondary">{t('exportDownload')}</Button>
    </form>
  );

  app.get(
    '/account/export',
    { config: { access: 'signedIn' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const { ctx, t } = ctxAndT(request, reply);
      const csrf = reply.generateCsrf();
      return sendPage(
        reply,
        <FormPage ctx={ctx} title={t('exportTitle')} errorTitle={t('errorSummary')}>
          <h1 class="fj-heading-l">{t('exportTitle')}</h1>
          <p class="fj-body">{t('exportLead')}</p>
          <p class="fj-body">
            <strong>{t('exportFullNotice')}</strong>
          </p>
          <form method="post" action="/account/export">
            <CsrfField token={csrf} />
            <Button>{t('exportShow')}</Button>
          </form>
          <DownloadForm t={t} csrf={csrf} />
          <BackLink t={t} />
        </FormPage>,
      );
    },
  );

  app.post(
    '/account/export',
    {
      config: { access: 'signedIn' },
      schema: { hide: true, body: Type.Object({ _csrf: Type.String() }) },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const { ctx, t } = ctxAndT(request, reply);
      const data = await exportMyData(deps, actor, request.ip);
      const districts = await listDistricts(db);
      const at = (iso: string) => formatDateTime(new Date(iso), ctx.locale);
      const a = data.account;
      const table = (heading: string, id: string, columns: string[], rows: TableCell[][], lead?: string) => (
        <>
          <h2 class="fj-heading-m" id={`${id}-heading`}>
            {heading}
          </h2>
          {lead && <p class="fj-body">{lead}</p>}
          {rows.length === 0 ? (
            <p class="fj-body">{t('none')}</p>
          ) : (
            <Table
              id={id}
              caption={heading}
              captionVisuallyHidden
              columns={columns.map((header) => ({ header }))}
              rows={rows}
            />
          )}
        </>
      );
      return sendPage(
        reply,
        <FormPage ctx={ctx} title={t('exportTitle')} errorTitle={t('errorSummary')}>
          <NotificationBanner
            title={t('importantTitle')}
            titleId="export-shown-title"
            heading={t('exportShownNotice')}
          />
          <h1 class="fj-heading-l">{t('exportTitle')}</h1>
          <h2 class="fj-heading-m">{t('accountHeading')}</h2>
          <SummaryList
            rows={[
              { key: t('exportedAt'), value: at(data.exportedAt) },
              { key: t('accountKind'), value: a.kind === 'staff' ? t('kindStaff') : t('kindResident') },
              { key: t('username'), value: a.username ?? t('noUsername') },
              { key: t('displayName'), value: a.displayName || t('notSet') },
              { key: t('phone'), value: a.phone ?? t('notRecorded') },
              { key: t('residentId'), value: a.residentId ?? t('idNotBound') },
              {
                key: t('district'),
                value: districtName(districts, a.districtCode, ctx.locale) ?? t('notRecorded'),
              },
              { key: t('memberSince'), value: at(a.createdAt) },
              { key: t('secondFactor'), value: a.secondFactor ? t('on') : t('off') },
            ]}
          />
          {table(
            t('rolesHeading'),
            'export-roles',
            [t('role'), t('organisation')],
            data.roles.map((r) => [
              roleName(t, r.role),
              (ctx.locale === 'en' ? r.organisationNameEn : r.organisationNameZh) ?? '—',
            ]),
          )}
          {table(
            t('sessionsHeading'),
            'export-sessions',
            [t('device'), t('started'), t('lastActive')],
            data.sessions.map((s) => [s.device || t('unknownDevice'), at(s.createdAt), at(s.lastSeenAt)]),
          )}
          {table(
            t('correctionsHeading'),
            'export-corrections',
            [t('sentAt'), t('correctionField'), t('correctionMessage'), t('correctionStatus')],
            data.correctionRequests.map((c) => [
              at(c.createdAt),
              c.field in fieldNames ? t(fieldNames[c.field as CorrectionField]) : c.field,
              c.message,
              statusNames[c.status] ? t(statusNames[c.status] as Key) : c.status,
            ]),
          )}
          {table(
            t('activityHeading'),
            'export-activity',
            [t('activityTime'), t('activityAction'), t('activityOutcome')],
            data.recentActivity.map((e) => [
              at(e.at),
              { content: <code>{e.action}</code> },
              outcomeNames[e.outcome] ? t(outcomeNames[e.outcome] as Key) : e.outcome,
            ]),
            t('activityLead'),
          )}
          <DownloadForm t={t} csrf={reply.generateCsrf()} />
          <BackLink t={t} />
        </FormPage>,
      );
    },
  );

  app.post(
    '/account/export.json',
    {
      config: { access: 'signedIn' },
      schema: { hide: true, body: Type.Object({ _csrf: Type.String() }) },
    },
    async (request, reply) => {
      const data = await exportMyData(deps, signedIn(request), request.ip);
      return reply
        .header(
          'content-disposition',
          `attachment; filename="fuju-my-data-${dayInCity(new Date(data.exportedAt))}.json"`,
        )
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    },
  );

  // ---------- correction ----------

  const correctionPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { field?: string; message?: string; errors?: FieldErrors },
    status = 200,
  ) => {
    const { ctx, t } = ctxAndT(request, reply);
    return sendPage(
      reply,
      <FormPage ctx={ctx} title={t('correctionTitle')} errors={state.errors} errorTitle={t('errorSummary')}>
        <h1 class="fj-heading-l">{t('correctionTitle')}</h1>
        <p class="fj-body">{t('correctionLead')}</p>
        <form method="post" action="/account/correction" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <Radios
            idPrefix="field"
            name="field"
            legend={t('correctionFieldLegend')}
            legendSize="m"
            items={correctionFields.map((f) => ({ value: f, text: t(fieldNames[f]) }))}
            value={state.field}
            error={state.errors?.field}
            errorPrefix={t('errorPrefix')}
          />
          <Textarea
            id="message"
            name="message"
            label={t('correctionMessageLabel')}
            labelSize="m"
            hint={t('correctionMessageHint')}
            value={state.message}
            rows={6}
            error={state.errors?.message}
            errorPrefix={t('errorPrefix')}
          />
          <Button preventDoubleClick>{t('correctionSubmit')}</Button>
        </form>
        <BackLink t={t} />
      </FormPage>,
      status,
    );
  };

  app.get(
    '/account/correction',
    { config: { access: 'signedIn' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => correctionPage(request, reply, {}),
  );

  app.post(
    '/account/correction',
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        // Generous caps here so that a long text gets the form's own message, not a bare 400.
        body: Type.Object({
          _csrf: Type.String(),
          field: Type.Optional(Type.String({ maxLength: 40 })),
          message: Type.Optional(Type.String({ maxLength: 20_000 })),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const body = request.body as { field?: string; message?: string };
      const t = accountMessages.for(request.locale);
      const field = correctionFields.find((f) => f === body.field);
      const message = (body.message ?? '').trim();
      const errors: Record<string, string> = {};
      if (field === undefined) errors.field = t('correctionFieldMissing');
      if (message === '') errors.message = t('correctionMessageMissing');
      else if (Array.from(message).length > correctionMaxLength)
        errors.message = t('correctionMessageTooLong');
      if (field === undefined || Object.keys(errors).length > 0) {
        return correctionPage(request, reply, { field: body.field, message: body.message, errors }, 400);
      }
      await requestCorrection(deps, actor, { field, message, address: request.ip });
      return reply.redirect('/account?done=correction', 303);
    },
  );

  // ---------- sessions ----------

  app.get(
    '/account/sessions',
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...PageQuery.properties,
          done: Type.Optional(Type.String({ maxLength: 40 })),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const { ctx, t } = ctxAndT(request, reply);
      const sessions = await listLiveSessions(db, actor.userId);
      const csrf = reply.generateCsrf();
      const others = sessions.filter((s) => s.id !== actor.sessionId);
      const done = (request.query as { done?: string }).done !== undefined;
      return sendPage(
        reply,
        <FormPage ctx={ctx} title={t('sessionsTitle')} errorTitle={t('errorSummary')}>
          {done && (
            <NotificationBanner
              type="success"
              title={t('successTitle')}
              titleId="done-title"
              heading={t('doneSessions')}
            />
          )}
          <h1 class="fj-heading-l">{t('sessionsTitle')}</h1>
          <p class="fj-body">{t('sessionsLead')}</p>
          <Table
            id="sessions"
            caption={t('sessionsCaption')}
            captionSize="m"
            columns={[
              { header: t('device') },
              { header: t('started') },
              { header: t('lastActive') },
              { header: t('action') },
            ]}
            rows={sessions.map((s) => {
              const device = s.device || t('unknownDevice');
              const started = formatDateTime(s.createdAt, ctx.locale);
              return [
                device,
                started,
                formatDateTime(s.lastSeenAt, ctx.locale),
                {
                  content:
                    s.id === actor.sessionId ? (
                      <Tag text={t('thisSession')} colour="green" />
                    ) : (
                      <form method="post" action="/account/sessions/end">
                        <CsrfField token={csrf} />
                        <input type="hidden" name="sessionId" value={s.id} />
                        <Button variant="secondary">
                          {t('endSession')}
                          <span class="fj-visually-hidden">
                            {' '}
                            {t('endSessionContext', { device, started })}
                          </span>
                        </Button>
                      </form>
                    ),
                },
              ];
            })}
          />
          {others.length > 0 ? (
            <form method="post" action="/account/sessions/end">
              <CsrfField token={csrf} />
              <input type="hidden" name="sessionId" value="others" />
              <Button variant="warning">{t('endOthers')}</Button>
            </form>
          ) : (
            <p class="fj-body">{t('noOtherSessions')}</p>
          )}
          <h2 class="fj-heading-m">{t('endAllHeading')}</h2>
          <p class="fj-body">{t('endAllLead')}</p>
          <form method="post" action="/logout/everywhere">
            <CsrfField token={csrf} />
            <Button variant="warning">{t('endAll')}</Button>
          </form>
          <BackLink t={t} />
        </FormPage>,
      );
    },
  );

  app.post(
    '/account/sessions/end',
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        // A session id is the 64-hex SM3 hash of its token; ownership is checked by endMySessions.
        body: Type.Object({
          _csrf: Type.String(),
          sessionId: Type.String({ pattern: '^(others|[0-9a-f]{64})$' }),
        }),
      },
    },
    async (request, reply) => {
      const { sessionId } = request.body as { sessionId: string };
      await endMySessions(deps, signedIn(request), { sessionId, address: request.ip });
      return reply.redirect('/account/sessions?done=1', 303);
    },
  );

  // ---------- password ----------

  const passwordPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: SignedInActor,
    state: { expired?: boolean; errors?: FieldErrors },
    status = 200,
  ) => {
    const { ctx, t } = ctxAndT(request, reply);
    const { hasPassword } = await accountState(db, actor.userId);
    if (!hasPassword) {
      return sendPage(
        reply,
        <FormPage ctx={ctx} title={t('passwordTitle')} errorTitle={t('errorSummary')}>
          <h1 class="fj-heading-l">{t('passwordTitle')}</h1>
          <p class="fj-body">{t('noPasswordText')}</p>
          <BackLink t={t} />
        </FormPage>,
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
      <FormPage ctx={ctx} title={t('passwordTitle')} errors={state.errors} errorTitle={t('errorSummary')}>
        {state.expired && (
          <NotificationBanner
            title={t('importantTitle')}
            titleId="expired-title"
            heading={t('passwordExpired')}
          />
        )}
        <h1 class="fj-heading-l">{t('passwordTitle')}</h1>
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
        <BackLink t={t} />
      </FormPage>,
      status,
    );
  };

  app.get(
    '/account/password',
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        querystring: Type.Object({ ...PageQuery.properties, expired: Type.Optional(Type.Literal('1')) }),
      },
    },
    async (request, reply) =>
      passwordPage(request, reply, signedIn(request), {
        expired: (request.query as { expired?: '1' }).expired === '1',
      }),
  );

  app.post(
    '/account/password',
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        body: Type.Object({
          _csrf: Type.String(),
          currentPassword: Type.Optional(Type.String({ maxLength: 1000 })),
          newPassword: Type.Optional(Type.String({ maxLength: 1000 })),
          confirmPassword: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
      },
    },
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

  // ---------- two-step verification ----------

  const twoFactorPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: SignedInActor,
    errors: FieldErrors = {},
    status = 200,
  ) => {
    const { ctx, t } = ctxAndT(request, reply);
    const state = await accountState(db, actor.userId);
    const csrf = reply.generateCsrf();
    const errorPrefix = t('errorPrefix');
    const page = (body: ComponentChildren) =>
      sendPage(
        reply,
        <FormPage ctx={ctx} title={t('twoFactorTitle')} errors={errors} errorTitle={t('errorSummary')}>
          <h1 class="fj-heading-l">{t('twoFactorTitle')}</h1>
          {body}
          <BackLink t={t} />
        </FormPage>,
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

  app.get(
    '/account/two-factor',
    { config: { access: 'signedIn' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => twoFactorPage(request, reply, signedIn(request)),
  );

  app.post(
    '/account/two-factor',
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        body: Type.Object({
          _csrf: Type.String(),
          action: Type.Union([Type.Literal('start'), Type.Literal('confirm'), Type.Literal('disable')]),
          code: Type.Optional(Type.String({ maxLength: 20 })),
          password: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
      },
    },
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

  // ---------- binding the resident ID ----------

  const residentIdPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: SignedInActor,
    state: { welcome?: boolean; districtCode?: string; errors?: FieldErrors },
    status = 200,
  ) => {
    const { ctx, t } = ctxAndT(request, reply);
    const page = (body: ComponentChildren) =>
      sendPage(
        reply,
        <FormPage ctx={ctx} title={t('residentIdTitle')} errors={state.errors} errorTitle={t('errorSummary')}>
          {state.welcome && (
            <NotificationBanner
              type="success"
              title={t('welcomeTitle')}
              titleId="welcome-title"
              heading={t('welcomeHeading')}
            >
              <p class="fj-body">{t('welcomeText')}</p>
            </NotificationBanner>
          )}
          <h1 class="fj-heading-l">{t('residentIdTitle')}</h1>
          {body}
          <BackLink t={t} />
        </FormPage>,
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
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        querystring: Type.Object({ ...PageQuery.properties, welcome: Type.Optional(Type.Literal('1')) }),
      },
    },
    async (request, reply) =>
      residentIdPage(request, reply, signedIn(request), {
        welcome: (request.query as { welcome?: '1' }).welcome === '1',
      }),
  );

  app.post(
    '/account/resident-id',
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        body: Type.Object({
          _csrf: Type.String(),
          residentId: Type.Optional(Type.String({ maxLength: 100 })),
          districtCode: Type.Optional(Type.String({ maxLength: 20 })),
        }),
      },
    },
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
