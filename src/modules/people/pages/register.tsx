import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { can, signedIn } from '../../../platform/auth/index.ts';
import { PageQuery, pageContext, StrictBody, sendPage } from '../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import { CsrfField, type FieldErrors } from '../../../platform/ui/index.ts';
import { commandContext } from '../context.ts';
import { checkPerson } from '../domain/person.ts';
import { type ConsentGiver, consentGivers, isOneOf } from '../domain/vocabulary.ts';
import { personScope } from '../peopleRepo.ts';
import { DuplicatePerson, registerPerson } from '../peopleService.ts';
import { refuseUnservedDistrict } from '../scope.ts';
import { personFormMessages, problemText } from './formMessages.ts';
import { peopleMessages } from './messages.ts';
import {
  FittingConsentFields,
  type FormValues,
  many,
  one,
  PersonFields,
  personErrors,
  personFormBody,
  personFormOf,
} from './personForm.tsx';
import { districtsInReach, PeoplePage, SubmitOrCancel } from './shared.tsx';

const RegisterBody = StrictBody({
  ...personFormBody,
  fittingConsent: Type.Optional(Type.String({ maxLength: 10 })),
  consentGivenBy: Type.Optional(Type.String({ maxLength: 10 })),
});

/** Numbers a scan of the page would find in full: after a problem they are asked for again, never echoed. */
export const withoutNumbers = (values: FormValues): FormValues => ({
  ...values,
  residentId: '',
  phone: '',
  certificateNumber: '',
});

/** GET and POST /people/new: staff register a person in a district they serve. */
export function registerPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, keyring, config, assets } = deps;

  const registerPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: FormValues; errors?: FieldErrors; existingHref?: string },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = peopleMessages.for(ctx.locale);
    const districts = await districtsInReach(db, signedIn(request), 'person.register');
    const errors = state.errors ?? {};
    // One district served: it is the only answer, so it is chosen already.
    const values = state.values ?? (districts.length === 1 ? { districtCode: districts[0]?.code } : {});
    return sendPage(
      reply,
      <PeoplePage
        ctx={ctx}
        title={t('registerTitle')}
        crumbs={[{ text: t('registerTitle') }]}
        errors={errors}
      >
        <h1 class="fj-heading-l">{t('registerTitle')}</h1>
        <p class="fj-body">{t('registerLead')}</p>
        {Object.keys(errors).length > 0 && <p class="fj-body">{t('notEchoed')}</p>}
        {state.existingHref !== undefined && (
          <p class="fj-body">
            <a href={state.existingHref}>{t('openExisting')}</a>
          </p>
        )}
        <form method="post" action="/people/new" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <PersonFields locale={ctx.locale} values={values} errors={errors} districts={districts} />
          <FittingConsentFields locale={ctx.locale} values={values} errors={errors} />
          <SubmitOrCancel locale={ctx.locale} button={t('registerButton')} back="/people" />
        </form>
      </PeoplePage>,
      status,
    );
  };

  app.get(
    '/people/new',
    { config: { access: 'person.register' }, schema: { hide: true, querystring: PageQuery } },
    (request, reply) => registerPage(request, reply, {}),
  );

  app.post(
    '/people/new',
    { config: { access: 'person.register' }, schema: { hide: true, body: RegisterBody } },
    async (request, reply) => {
      const values = request.body as FormValues;
      const actor = signedIn(request);
      const form = personFormOf(values);
      // A district the form never offered: out of scope.
      await refuseUnservedDistrict(db, request, form.districtCode?.trim() ?? '');
      const served = (await districtsInReach(db, actor, 'person.register')).map((d) => d.code);
      const checked = checkPerson(form, { now: new Date(), districtCodes: served });
      const ft = personFormMessages.for(request.locale);
      const errors: Record<string, string> = checked.ok ? {} : personErrors(ft, checked.problems);
      const consentGiven = many(values.fittingConsent).includes('yes');
      const givenBy = one(values.consentGivenBy);
      if (consentGiven && !isOneOf(consentGivers, givenBy)) {
        errors.consentGivenBy = ft('err_consentGivenBy_required');
      }
      if (!checked.ok || Object.keys(errors).length > 0) {
        return registerPage(request, reply, { values: withoutNumbers(values), errors }, 400);
      }
      try {
        const person = await registerPerson(
          db,
          keyring,
          commandContext(request),
          checked.value,
          consentGiven ? (givenBy as ConsentGiver) : null,
        );
        return reply.redirect(`/people/${person.id}?done=registered`, 303);
      } catch (error) {
        if (!(error instanceof DuplicatePerson)) throw error;
        const message = problemText(ft, 'residentId', 'duplicate', { masked: error.maskedResidentId });
        const mayOpen = can(actor, 'person.read', personScope(error.existing));
        return registerPage(
          request,
          reply,
          {
            values: withoutNumbers(values),
            errors: { residentId: message },
            ...(mayOpen ? { existingHref: `/people/${error.existing.id}` } : {}),
          },
          409,
        );
      }
    },
  );
}
