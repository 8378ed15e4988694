import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SignedInActor } from '../../../../platform/auth/index.ts';
import { DoneQuery, sendPage } from '../../../../platform/http/index.ts';
import { formatDate } from '../../../../platform/i18n/index.ts';
import {
  Button,
  doneText,
  NotificationBanner,
  SummaryList,
  type SummaryListRow,
} from '../../../../platform/ui/index.ts';
import { myData } from '../../ownAccount.ts';
import { listDistricts } from '../../repo.ts';
import { listLiveSessions } from '../../sessionsRepo.ts';
import { CsrfField, signedIn, UncrumbedPage } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { accountMessages } from './messages.ts';
import { accountState, ctxAndT, districtName, formRoute, pageRoute, roleName } from './shared.tsx';

/** /account: what the platform holds about me, masked unless revealed, and the ways to change it. */
export function overviewPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { db } = deps;

  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: SignedInActor,
    options: { reveal: boolean; done?: string },
  ) => {
    const page = ctxAndT(deps, request, reply);
    // The reveal answers a POST to /account/reveal: the language switch and navigation point to /account.
    const ctx = { ...page.ctx, path: '/account' };
    const t = page.t;
    const data = await myData(deps, actor, { reveal: options.reveal, address: request.ip });
    const state = await accountState(db, actor.userId);
    const districts = await listDistricts(db);
    const sessions = await listLiveSessions(db, actor.userId);
    const resident = data.kind === 'resident';
    // What `?done=` says just happened: the catalog's `done_<name>`; any other name shows nothing.
    const done = doneText(accountMessages, ctx.locale, options.done);
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
      <UncrumbedPage ctx={ctx} title={t('title')} done={done}>
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
      </UncrumbedPage>,
    );
  };

  app.get('/account', pageRoute(DoneQuery.properties), async (request, reply) =>
    accountPage(request, reply, signedIn(request), {
      reveal: false,
      done: (request.query as { done?: string }).done,
    }),
  );

  // Full values only in answer to a POST: a GET could be cached, bookmarked or prefetched (SECURITY.md 19).
  app.post('/account/reveal', formRoute(), async (request, reply) =>
    accountPage(request, reply, signedIn(request), { reveal: true }),
  );
}
