import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { can, signedIn } from '../../../platform/auth/index.ts';
import { DoneQuery, pageContext, StrictBody, sendPage } from '../../../platform/http/index.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  Button,
  CsrfField,
  doneText,
  type FieldErrors,
  NotificationBanner,
  Radios,
  shellMessages,
  Textarea,
} from '../../../platform/ui/index.ts';
import { listConsents } from '../consentsRepo.ts';
import { commandContext } from '../context.ts';
import { checkReveal, revealProblems } from '../domain/forms.ts';
import { revealReasons } from '../domain/vocabulary.ts';
import { listGuardians } from '../guardiansRepo.ts';
import { findPerson, type PersonTarget, personScope } from '../peopleRepo.ts';
import {
  dropGuardian,
  recordPersonRead,
  recordPersonReveal,
  withdrawPersonConsent,
} from '../peopleService.ts';
import { authorisedPerson, notFound } from '../scope.ts';
import { personFormMessages, problemsText } from './formMessages.ts';
import { peopleLabels, purposeText, reasonText } from './labels.ts';
import { peopleMessages } from './messages.ts';
import { PersonDetailsList } from './personView.tsx';
import { ConsentsTable, GuardiansTable } from './relationTables.tsx';
import { PeoplePage } from './shared.tsx';

interface RecordState {
  readonly revealed?: boolean;
  readonly errors?: FieldErrors;
  readonly reason?: string;
  readonly note?: string;
  readonly done?: string | undefined;
}

const RevealBody = StrictBody({
  reason: Type.Optional(Type.String({ maxLength: 20 })),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
});

/** A person's record (masked, or in full with a reason), its guardians and consents, and the commands on them. */
export function recordPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, keyring, config, assets } = deps;

  const recordPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    target: PersonTarget,
    state: RecordState,
    status = 200,
  ) => {
    const actor = signedIn(request);
    // The reveal answers a POST: the language switch and navigation point at the record's own page.
    const ctx = { ...pageContext(config, assets, request, reply), path: `/people/${target.id}` };
    const t = peopleMessages.for(ctx.locale);
    const l = peopleLabels.for(ctx.locale);
    const ft = personFormMessages.for(ctx.locale);
    const now = new Date();
    const revealed = state.revealed === true;
    const person = await findPerson(db, keyring, target.id, { reveal: revealed, now });
    if (person === undefined) throw notFound();
    const guardians = await listGuardians(db, keyring, target.id, { reveal: revealed });
    const consents = await listConsents(db, target.id);
    const scope = personScope(target);
    const mayChange = can(actor, 'person.register', scope);
    const mayReveal = can(actor, 'person.reveal', scope);
    // A resident applies for themselves from their own applications page, not "on their behalf".
    const mayApply = actor.userKind === 'staff' && can(actor, 'case.apply', scope);
    const fittingConsent = consents.some((c) => c.purpose === 'fitting' && c.withdrawnAt === null);
    const csrf = reply.generateCsrf();
    const base = `/people/${person.id}`;
    const errorPrefix = shellMessages.for(ctx.locale)('errorPrefix');
    return sendPage(
      reply,
      <PeoplePage
        ctx={ctx}
        title={t('recordTitle')}
        crumbs={[{ text: t('recordTitle') }]}
        errors={state.errors}
        done={state.done}
      >
        {revealed && (
          <NotificationBanner title={t('revealedTitle')} titleId="revealed-title" heading={t('revealed')}>
            <p class="fj-body">
              <a href={base}>{t('hideAgain')}</a>
            </p>
          </NotificationBanner>
        )}
        {!fittingConsent && (
          <NotificationBanner title={t('noFittingConsentTitle')} titleId="consent-title">
            <p class="fj-body">{t('noFittingConsent')}</p>
          </NotificationBanner>
        )}
        <h1 class="fj-heading-l">{t('recordTitle')}</h1>
        <PersonDetailsList locale={ctx.locale} person={person} now={now} />
        <p class="fj-body">
          {t('rowAccount')}: {person.userId === null ? t('accountNotBound') : t('accountBound')}
          {' · '}
          {t('rowUpdated')}: {formatDate(person.updatedAt, ctx.locale)}
        </p>
        {mayChange && (
          <p class="fj-body">
            <a href={`${base}/edit`}>{t('editLink')}</a>
          </p>
        )}
        {mayApply && (
          <p class="fj-body">
            <a href={`/cases/new?person=${person.id}`}>{t('applyOnBehalfLink')}</a>
          </p>
        )}

        <h2 class="fj-heading-m">{t('guardiansHeading')}</h2>
        {guardians.length === 0 ? (
          <p class="fj-body">{t('noGuardians')}</p>
        ) : (
          <GuardiansTable locale={ctx.locale} id="guardians" guardians={guardians} withPhone />
        )}
        {/* Below the table, not in a last column a narrow screen would scroll out of sight. */}
        {mayChange &&
          guardians.map((g) => (
            <form key={g.id} method="post" action={`${base}/guardians/${g.id}/remove`}>
              <CsrfField token={csrf} />
              <Button variant="secondary">{t('removeGuardianOf', { name: g.name })}</Button>
            </form>
          ))}
        {mayChange && (
          <p class="fj-body">
            <a href={`${base}/guardians/new`}>{t('addGuardianLink')}</a>
          </p>
        )}

        <h2 class="fj-heading-m">{t('consentsHeading')}</h2>
        {consents.length === 0 ? (
          <p class="fj-body">{t('noConsents')}</p>
        ) : (
          <ConsentsTable locale={ctx.locale} id="consents" consents={consents} />
        )}
        {mayChange &&
          consents
            .filter((c) => c.withdrawnAt === null)
            .map((c) => (
              <form key={c.id} method="post" action={`${base}/consents/${c.id}/withdraw`}>
                <CsrfField token={csrf} />
                <Button variant="warning">
                  {t('withdrawConsentOf', { purpose: purposeText(l, c.purpose) })}
                </Button>
              </form>
            ))}
        {mayChange && (
          <p class="fj-body">
            <a href={`${base}/consents/new`}>{t('addConsentLink')}</a>
          </p>
        )}

        {mayReveal && !revealed && (
          <form method="post" action={`${base}/reveal`} novalidate>
            <h2 class="fj-heading-m">{t('revealHeading')}</h2>
            <p class="fj-body">{t('revealLead')}</p>
            <CsrfField token={csrf} />
            <Radios
              idPrefix="reason"
              name="reason"
              legend={ft('reason')}
              legendSize="s"
              value={state.reason}
              error={state.errors?.reason}
              errorPrefix={errorPrefix}
              items={revealReasons.map((value) => ({ value, text: reasonText(l, value) }))}
            />
            <Textarea
              id="note"
              name="note"
              label={ft('note')}
              hint={ft('noteHint')}
              rows={2}
              value={state.note}
              error={state.errors?.note}
              errorPrefix={errorPrefix}
            />
            <Button variant="secondary">{t('revealButton')}</Button>
          </form>
        )}
        <p class="fj-body">
          <a href="/people">{t('backToList')}</a>
        </p>
      </PeoplePage>,
      status,
    );
  };

  app.get(
    '/people/:id',
    {
      config: { access: 'person.read' },
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: DoneQuery,
      },
    },
    async (request, reply) => {
      const target = await authorisedPerson(db, request, 'person.read');
      await recordPersonRead(db, commandContext(request), 'person.read', target.id);
      const { done } = request.query as { done?: string };
      return recordPage(request, reply, target, { done: doneText(peopleMessages, request.locale, done) });
    },
  );

  // Full values only in answer to a POST: a GET could be cached, bookmarked or prefetched (SECURITY.md 19).
  app.post(
    '/people/:id/reveal',
    {
      config: { access: 'person.reveal' },
      schema: { hide: true, params: Type.Object({ id: Type.String({ format: 'uuid' }) }), body: RevealBody },
    },
    async (request, reply) => {
      const target = await authorisedPerson(db, request, 'person.reveal');
      const body = request.body as { reason?: string; note?: string };
      const checked = checkReveal(body);
      if (!checked.ok) {
        const ft = personFormMessages.for(request.locale);
        const errors = problemsText(ft, Object.keys(revealProblems), checked.problems);
        // A note that looks like a number is not shown back: the page would then hold it.
        const note = checked.problems.note === undefined ? body.note : '';
        return recordPage(request, reply, target, { errors, reason: body.reason, note }, 400);
      }
      await recordPersonReveal(db, commandContext(request), target.id, checked.value);
      return recordPage(request, reply, target, { revealed: true });
    },
  );

  const GuardianParams = Type.Object({
    id: Type.String({ format: 'uuid' }),
    guardianId: Type.String({ format: 'uuid' }),
  });
  app.post(
    '/people/:id/guardians/:guardianId/remove',
    {
      config: { access: 'person.register' },
      schema: { hide: true, params: GuardianParams, body: StrictBody({}) },
    },
    async (request, reply) => {
      const target = await authorisedPerson(db, request, 'person.register');
      const { guardianId } = request.params as { guardianId: string };
      if (!(await dropGuardian(db, commandContext(request), target.id, guardianId))) throw notFound();
      return reply.redirect(`/people/${target.id}?done=guardianRemoved`, 303);
    },
  );

  const ConsentParams = Type.Object({
    id: Type.String({ format: 'uuid' }),
    consentId: Type.String({ format: 'uuid' }),
  });
  app.post(
    '/people/:id/consents/:consentId/withdraw',
    {
      config: { access: 'person.register' },
      schema: { hide: true, params: ConsentParams, body: StrictBody({}) },
    },
    async (request, reply) => {
      const target = await authorisedPerson(db, request, 'person.register');
      const { consentId } = request.params as { consentId: string };
      const withdrawn = await withdrawPersonConsent(db, commandContext(request), target.id, consentId);
      if (withdrawn === null) throw notFound();
      return reply.redirect(`/people/${target.id}?done=consentWithdrawn`, 303);
    },
  );
}
