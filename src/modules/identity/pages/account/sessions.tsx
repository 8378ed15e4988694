import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DoneQuery, sendPage } from '../../../../platform/http/index.ts';
import { formatDateTime } from '../../../../platform/i18n/index.ts';
import { Button, Table, Tag } from '../../../../platform/ui/index.ts';
import { endMySessions } from '../../ownAccount.ts';
import { listLiveSessions } from '../../sessionsRepo.ts';
import { CsrfField, signedIn } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { AccountSubpage, ctxAndT, formRoute, pageRoute } from './shared.tsx';

/** My sessions: where I am signed in, and signing out one, the others or all of them. */
export function sessionsPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { db } = deps;

  app.get('/account/sessions', pageRoute(DoneQuery.properties), async (request, reply) => {
    const actor = signedIn(request);
    const { ctx, t } = ctxAndT(deps, request, reply);
    const sessions = await listLiveSessions(db, actor.userId);
    const csrf = reply.generateCsrf();
    const others = sessions.filter((s) => s.id !== actor.sessionId);
    const done = (request.query as { done?: string }).done !== undefined;
    return sendPage(
      reply,
      <AccountSubpage ctx={ctx} t={t} title={t('sessionsTitle')} done={done ? t('done_sessions') : undefined}>
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
                        <span class="fj-visually-hidden"> {t('endSessionContext', { device, started })}</span>
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
      </AccountSubpage>,
    );
  });

  app.post(
    '/account/sessions/end',
    // A session id is the 64-hex SM3 hash of its token; ownership is checked by endMySessions.
    formRoute({ sessionId: Type.String({ pattern: '^(others|[0-9a-f]{64})$' }) }),
    async (request, reply) => {
      const { sessionId } = request.body as { sessionId: string };
      await endMySessions(deps, signedIn(request), { sessionId, address: request.ip });
      return reply.redirect('/account/sessions?done=1', 303);
    },
  );
}
