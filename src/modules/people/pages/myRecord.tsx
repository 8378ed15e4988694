import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import { authorise, signedIn } from '../../../platform/auth/index.ts';
import { DoneQuery, PageQuery, pageContext, StrictBody, sendPage } from '../../../platform/http/index.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  Button,
  ButtonGroup,
  CsrfField,
  doneText,
  FormPage,
  NotificationBanner,
} from '../../../platform/ui/index.ts';
import { listConsents } from '../consentsRepo.ts';
import { commandContext } from '../context.ts';
import { personOfUser } from '../facts.ts';
import { listGuardians } from '../guardiansRepo.ts';
import { findPerson, personScope } from '../peopleRepo.ts';
import { recordPersonRead, recordPersonReveal, withdrawPersonConsent } from '../peopleService.ts';
import { notFound } from '../scope.ts';
import { peopleLabels, purposeText } from './labels.ts';
import { peopleMessages } from './messages.ts';
import { PersonDetailsList } from './personView.tsx';
import { ConsentsTable, GuardiansTable } from './relationTables.tsx';

/** A resident's own record: masked, and in full at their asking (their own data needs no reason). */
export function myRecordPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, keyring, config, assets } = deps;

  const myPage = async (request: FastifyRequest, reply: FastifyReply, reveal: boolean) => {
    const actor = signedIn(request);
    // The reveal answers a POST: the language switch and navigation point at the page itself.
    const ctx = { ...pageContext(config, assets, request, reply), path: '/my/record' };
    const t = peopleMessages.for(ctx.locale);
    const l = peopleLabels.for(ctx.locale);
    const facts = await personOfUser(db, actor.userId);
    const { done } = request.query as { done?: string };
    const page = (children: ComponentChildren) =>
      sendPage(
        reply,
        <FormPage
          ctx={ctx}
          title={t('myTitle')}
          crumbs={[{ text: t('myTitle') }]}
          done={reveal ? undefined : doneText(peopleMessages, ctx.locale, done)}
        >
          <h1 class="fj-heading-l">{t('myTitle')}</h1>
          {children}
        </FormPage>,
      );
    if (facts === null) {
      if (reveal) throw notFound();
      return page(
        <>
          <p class="fj-body">{t('myNone')}</p>
          <p class="fj-body">
            <a href="/account">{t('myAccountLink')}</a>
          </p>
        </>,
      );
    }
    await authorise(
      db,
      request,
      reveal ? 'person.reveal' : 'person.read',
      { type: 'person', id: facts.id },
      personScope(facts),
    );
    const now = new Date();
    const person = await findPerson(db, keyring, facts.id, { reveal, now });
    if (person === undefined) throw notFound();
    // Guardians' details are theirs, not the resident's: shown masked even on a reveal.
    const guardians = await listGuardians(db, keyring, facts.id, { reveal: false });
    const consents = await listConsents(db, facts.id);
    const context = commandContext(request);
    if (reveal) await recordPersonReveal(db, context, facts.id, 'own');
    else await recordPersonRead(db, context, 'person.read', facts.id, { own: true });
    return page(
      <>
        {reveal && (
          <NotificationBanner title={t('revealedTitle')} titleId="revealed-title" heading={t('revealed')}>
            <p class="fj-body">
              <a href="/my/record">{t('hideAgain')}</a>
            </p>
          </NotificationBanner>
        )}
        <p class="fj-body">{t('myLead')}</p>
        <PersonDetailsList locale={ctx.locale} person={person} now={now} />
        {guardians.length > 0 && (
          <>
            <h2 class="fj-heading-m">{t('guardiansHeading')}</h2>
            <GuardiansTable locale={ctx.locale} id="guardians" guardians={guardians} withPhone={false} />
          </>
        )}
        <h2 class="fj-heading-m">{t('consentsHeading')}</h2>
        {consents.length === 0 ? (
          <p class="fj-body">{t('noConsents')}</p>
        ) : (
          <ConsentsTable locale={ctx.locale} id="consents" consents={consents} />
        )}
        {/* Below the table, not in a last column a narrow screen would scroll out of sight. */}
        {consents
          .filter((c) => c.withdrawnAt === null)
          .map((c) => (
            <p key={c.id} class="fj-body">
              <a href={`/my/record/consents/${c.id}/withdraw`}>
                {t('withdrawConsentOf', { purpose: purposeText(l, c.purpose) })}
              </a>
            </p>
          ))}
        <p class="fj-body">{t('myCorrection')}</p>
        {!reveal && (
          <form method="post" action="/my/record/reveal">
            <CsrfField token={reply.generateCsrf()} />
            <p class="fj-hint" id="reveal-hint">
              {t('myRevealHint')}
            </p>
            <Button variant="secondary">{t('myRevealButton')}</Button>
          </form>
        )}
      </>,
    );
  };

  app.get(
    '/my/record',
    { config: { access: 'signedIn' }, schema: { hide: true, querystring: DoneQuery } },
    (request, reply) => myPage(request, reply, false),
  );

  // Full values only in answer to a POST: a GET could be cached, bookmarked or prefetched (SECURITY.md 19).
  app.post(
    '/my/record/reveal',
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        body: Type.Object({ _csrf: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
      },
    },
    (request, reply) => myPage(request, reply, true),
  );

  // ---------- withdrawing one's own consent (SECURITY.md 20) ----------

  const ConsentParams = Type.Object({ consentId: Type.String({ format: 'uuid' }) });

  /** The live consent of the signed-in resident's own record, or 404: anyone else's is not theirs to withdraw. */
  const ownLiveConsent = async (request: FastifyRequest) => {
    const facts = await personOfUser(db, signedIn(request).userId);
    if (facts === null) throw notFound();
    await authorise(db, request, 'consent.withdraw', { type: 'person', id: facts.id }, personScope(facts));
    const { consentId } = request.params as { consentId: string };
    const consent = (await listConsents(db, facts.id)).find(
      (c) => c.id === consentId && c.withdrawnAt === null,
    );
    if (consent === undefined) throw notFound();
    return { facts, consent };
  };

  app.get(
    '/my/record/consents/:consentId/withdraw',
    {
      config: { access: 'consent.withdraw' },
      schema: { hide: true, params: ConsentParams, querystring: PageQuery },
    },
    async (request, reply) => {
      const { consent } = await ownLiveConsent(request);
      const ctx = pageContext(config, assets, request, reply);
      const t = peopleMessages.for(ctx.locale);
      const l = peopleLabels.for(ctx.locale);
      return sendPage(
        reply,
        <FormPage
          ctx={ctx}
          title={t('ownWithdrawTitle')}
          crumbs={[{ text: t('myTitle'), href: '/my/record' }, { text: t('ownWithdrawTitle') }]}
        >
          <h1 class="fj-heading-l">{t('ownWithdrawTitle')}</h1>
          <p class="fj-body">
            {t('ownWithdrawLead', {
              at: formatDate(consent.givenAt, ctx.locale),
              purpose: purposeText(l, consent.purpose),
            })}
          </p>
          <p class="fj-body">{t(`ownWithdrawEffect_${consent.purpose}`)}</p>
          <form method="post" action={`/my/record/consents/${consent.id}/withdraw`}>
            <CsrfField token={reply.generateCsrf()} />
            <ButtonGroup>
              <Button variant="warning" preventDoubleClick>
                {t('ownWithdrawButton')}
              </Button>
              <a class="fj-body" href="/my/record">
                {t('ownWithdrawCancel')}
              </a>
            </ButtonGroup>
          </form>
        </FormPage>,
      );
    },
  );

  app.post(
    '/my/record/consents/:consentId/withdraw',
    {
      config: { access: 'consent.withdraw' },
      schema: { hide: true, params: ConsentParams, body: StrictBody({}) },
    },
    async (request, reply) => {
      const { facts, consent } = await ownLiveConsent(request);
      const withdrawn = await withdrawPersonConsent(db, commandContext(request), facts.id, consent.id);
      if (withdrawn === null) throw notFound();
      return reply.redirect('/my/record?done=ownConsentWithdrawn', 303);
    },
  );
}
