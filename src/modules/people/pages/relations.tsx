import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import { PageQuery, pageContext, StrictBody, sendPage } from '../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import { CsrfField, type FieldErrors, Radios, shellMessages, TextInput } from '../../../platform/ui/index.ts';
import { commandContext } from '../context.ts';
import { checkConsent, checkGuardian, consentProblems, guardianProblems } from '../domain/forms.ts';
import { consentGivers, consentPurposes, guardianRelations } from '../domain/vocabulary.ts';
import { addGuardian, giveConsent } from '../peopleService.ts';
import { authorisedPerson } from '../scope.ts';
import { type FormT, personFormMessages, problemsText, problemText } from './formMessages.ts';
import { giverText, type Labels, peopleLabels, purposeText, relationText } from './labels.ts';
import { peopleMessages } from './messages.ts';
import { PeoplePage, SubmitOrCancel } from './shared.tsx';

type Values = Readonly<Record<string, string | undefined>>;
type PageKey = Parameters<ReturnType<typeof peopleMessages.for>>[0];
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** What a form's fields are drawn from: the values posted, their problems, and the words for them. */
interface FieldsContext {
  readonly values: Values;
  readonly errors: FieldErrors;
  readonly ft: FormT;
  readonly l: Labels;
  readonly errorPrefix: string;
}

/** One small form below the record: where it posts (below the record's address), its words and its fields. */
interface RelationForm {
  readonly path: string;
  readonly title: PageKey;
  readonly lead: PageKey;
  readonly button: PageKey;
  readonly fields: (f: FieldsContext) => ComponentChildren;
}

const guardianForm: RelationForm = {
  path: 'guardians/new',
  title: 'guardianTitle',
  lead: 'guardianLead',
  button: 'addGuardianButton',
  fields: ({ values, errors, ft, l, errorPrefix }) => (
    <>
      <TextInput
        id="guardianName"
        name="guardianName"
        label={ft('guardianName')}
        value={values.guardianName ?? ''}
        error={errors.guardianName}
        errorPrefix={errorPrefix}
        width="20"
        autocomplete="off"
        spellcheck={false}
      />
      {/* The number is never typed back into the page: a scan of it would find it in full. */}
      <TextInput
        id="guardianPhone"
        name="guardianPhone"
        type="tel"
        label={ft('guardianPhone')}
        error={errors.guardianPhone}
        errorPrefix={errorPrefix}
        width="20"
        autocomplete="off"
      />
      <Radios
        idPrefix="relation"
        name="relation"
        legend={ft('relation')}
        legendSize="s"
        value={values.relation}
        error={errors.relation}
        errorPrefix={errorPrefix}
        items={guardianRelations.map((r) => ({ value: r, text: relationText(l, r) }))}
      />
      <Radios
        idPrefix="isProxy"
        name="isProxy"
        legend={ft('isProxy')}
        legendSize="s"
        hint={ft('isProxyHint')}
        inline
        value={values.isProxy}
        error={errors.isProxy}
        errorPrefix={errorPrefix}
        items={[
          { value: 'yes', text: l('yes') },
          { value: 'no', text: l('no') },
        ]}
      />
    </>
  ),
};

const consentForm: RelationForm = {
  path: 'consents/new',
  title: 'consentTitle',
  lead: 'consentLead',
  button: 'addConsentButton',
  fields: ({ values, errors, ft, l, errorPrefix }) => (
    <>
      <Radios
        idPrefix="purpose"
        name="purpose"
        legend={ft('purpose')}
        legendSize="s"
        value={values.purpose}
        error={errors.purpose}
        errorPrefix={errorPrefix}
        items={consentPurposes.map((p) => ({ value: p, text: purposeText(l, p) }))}
      />
      <Radios
        idPrefix="givenBy"
        name="givenBy"
        legend={ft('givenBy')}
        legendSize="s"
        inline
        value={values.givenBy}
        error={errors.givenBy}
        errorPrefix={errorPrefix}
        items={consentGivers.map((g) => ({ value: g, text: giverText(l, g) }))}
      />
    </>
  ),
};

/** Adding a guardian and recording a consent: a form page each, back to the record when done. */
export function relationPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, keyring, config, assets } = deps;

  const formPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    form: RelationForm,
    state: { values?: Values; errors?: FieldErrors },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = peopleMessages.for(ctx.locale);
    const record = `/people/${personId}`;
    const title = t(form.title);
    const errors = state.errors ?? {};
    return sendPage(
      reply,
      <PeoplePage
        ctx={ctx}
        title={title}
        crumbs={[{ text: t('recordTitle'), href: record }, { text: title }]}
        errors={errors}
      >
        <h1 class="fj-heading-l">{title}</h1>
        <p class="fj-body">{t(form.lead)}</p>
        <form method="post" action={`${record}/${form.path}`} novalidate>
          <CsrfField token={reply.generateCsrf()} />
          {form.fields({
            values: state.values ?? {},
            errors,
            ft: personFormMessages.for(ctx.locale),
            l: peopleLabels.for(ctx.locale),
            errorPrefix: shellMessages.for(ctx.locale)('errorPrefix'),
          })}
          <SubmitOrCancel locale={ctx.locale} button={t(form.button)} back={record} />
        </form>
      </PeoplePage>,
      status,
    );
  };

  app.get(
    '/people/:id/guardians/new',
    { config: { access: 'person.register' }, schema: { hide: true, params: Params, querystring: PageQuery } },
    async (request, reply) => {
      const target = await authorisedPerson(db, request, 'person.register');
      return formPage(request, reply, target.id, guardianForm, {});
    },
  );

  app.post(
    '/people/:id/guardians/new',
    {
      config: { access: 'person.register' },
      schema: {
        hide: true,
        params: Params,
        body: StrictBody({
          guardianName: text(100),
          guardianPhone: text(40),
          relation: text(20),
          isProxy: text(10),
        }),
      },
    },
    async (request, reply) => {
      const target = await authorisedPerson(db, request, 'person.register');
      const values = request.body as Values;
      const checked = checkGuardian(values);
      if (!checked.ok) {
        const ft = personFormMessages.for(request.locale);
        const errors = problemsText(ft, Object.keys(guardianProblems), checked.problems);
        return formPage(request, reply, target.id, guardianForm, { values, errors }, 400);
      }
      await addGuardian(db, keyring, commandContext(request), target.id, checked.value);
      return reply.redirect(`/people/${target.id}?done=guardianAdded`, 303);
    },
  );

  app.get(
    '/people/:id/consents/new',
    { config: { access: 'person.register' }, schema: { hide: true, params: Params, querystring: PageQuery } },
    async (request, reply) => {
      const target = await authorisedPerson(db, request, 'person.register');
      return formPage(request, reply, target.id, consentForm, {});
    },
  );

  app.post(
    '/people/:id/consents/new',
    {
      config: { access: 'person.register' },
      schema: { hide: true, params: Params, body: StrictBody({ purpose: text(20), givenBy: text(20) }) },
    },
    async (request, reply) => {
      const target = await authorisedPerson(db, request, 'person.register');
      const values = request.body as Values;
      const ft = personFormMessages.for(request.locale);
      const checked = checkConsent(values);
      if (!checked.ok) {
        const errors = problemsText(ft, Object.keys(consentProblems), checked.problems);
        return formPage(request, reply, target.id, consentForm, { values, errors }, 400);
      }
      const id = await giveConsent(db, commandContext(request), target.id, checked.value);
      if (id === null) {
        const errors = { purpose: problemText(ft, 'purpose', 'alreadyGiven') };
        return formPage(request, reply, target.id, consentForm, { values, errors }, 409);
      }
      return reply.redirect(`/people/${target.id}?done=consentGiven`, 303);
    },
  );
}
