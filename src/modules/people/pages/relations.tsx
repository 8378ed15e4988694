import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import { PageQuery, pageContext, StrictBody, sendPage } from '../../../platform/http/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  Button,
  ButtonGroup,
  CsrfField,
  type FieldErrors,
  Radios,
  shellMessages,
  TextInput,
} from '../../../platform/ui/index.ts';
import { commandContext } from '../context.ts';
import { checkConsent, checkGuardian, consentProblems, guardianProblems } from '../domain/forms.ts';
import { consentGivers, consentPurposes, guardianRelations } from '../domain/vocabulary.ts';
import { addGuardian, giveConsent } from '../peopleService.ts';
import { type FormT, personFormMessages, problemText } from './formMessages.ts';
import { giverText, peopleLabels, purposeText, relationText } from './labels.ts';
import { peopleMessages } from './messages.ts';
import { authorisedPerson, PeoplePage } from './shared.tsx';

type Values = Readonly<Record<string, string | undefined>>;
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** Each field's problem in the page's words, keyed by the field (each field's id is its name). */
function errorsOf(t: FormT, problems: Readonly<Record<string, string | undefined>>): FieldErrors {
  const errors: Record<string, string> = {};
  for (const [field, problem] of Object.entries(problems)) {
    if (problem !== undefined) errors[field] = problemText(t, field, problem);
  }
  return errors;
}

/** Adding a guardian and recording a consent: a form page each, back to the record when done. */
export function relationPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, keyring, config, assets } = deps;

  /** One small form below the record: its page, heading, lead and button. */
  const formPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: {
      personId: string;
      path: string;
      title: string;
      lead: string;
      button: string;
      errors: FieldErrors;
    },
    fields: ComponentChildren,
    status: number,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = peopleMessages.for(ctx.locale);
    const record = `/people/${form.personId}`;
    return sendPage(
      reply,
      <PeoplePage
        ctx={ctx}
        title={form.title}
        crumbs={[{ text: t('recordTitle'), href: record }, { text: form.title }]}
        errors={form.errors}
      >
        <h1 class="fj-heading-l">{form.title}</h1>
        <p class="fj-body">{form.lead}</p>
        <form method="post" action={form.path} novalidate>
          <CsrfField token={reply.generateCsrf()} />
          {fields}
          <ButtonGroup>
            <Button preventDoubleClick>{form.button}</Button>
            <a href={record} class="fj-body">
              {t('cancel')}
            </a>
          </ButtonGroup>
        </form>
      </PeoplePage>,
      status,
    );
  };

  const guardianPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    state: { values?: Values; errors?: FieldErrors },
    status = 200,
  ) => {
    const locale = request.locale;
    const t = peopleMessages.for(locale);
    const ft = personFormMessages.for(locale);
    const l = peopleLabels.for(locale);
    const errorPrefix = shellMessages.for(locale)('errorPrefix');
    const values = state.values ?? {};
    const errors = state.errors ?? {};
    return formPage(
      request,
      reply,
      {
        personId,
        path: `/people/${personId}/guardians/new`,
        title: t('guardianTitle'),
        lead: t('guardianLead'),
        button: t('addGuardianButton'),
        errors,
      },
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
      </>,
      status,
    );
  };

  app.get(
    '/people/:id/guardians/new',
    { config: { access: 'person.register' }, schema: { hide: true, params: Params, querystring: PageQuery } },
    async (request, reply) => {
      const target = await authorisedPerson(db, request, 'person.register');
      return guardianPage(request, reply, target.id, {});
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
        const errors = errorsOf(personFormMessages.for(request.locale), checked.problems);
        const ordered = Object.fromEntries(
          Object.keys(guardianProblems).flatMap((f) => (errors[f] ? [[f, errors[f]]] : [])),
        );
        return guardianPage(request, reply, target.id, { values, errors: ordered }, 400);
      }
      await addGuardian(db, keyring, commandContext(request), target.id, checked.value);
      return reply.redirect(`/people/${target.id}?done=guardianAdded`, 303);
    },
  );

  const consentPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    state: { values?: Values; errors?: FieldErrors },
    status = 200,
  ) => {
    const locale = request.locale;
    const t = peopleMessages.for(locale);
    const ft = personFormMessages.for(locale);
    const l = peopleLabels.for(locale);
    const errorPrefix = shellMessages.for(locale)('errorPrefix');
    const values = state.values ?? {};
    const errors = state.errors ?? {};
    return formPage(
      request,
      reply,
      {
        personId,
        path: `/people/${personId}/consents/new`,
        title: t('consentTitle'),
        lead: t('consentLead'),
        button: t('addConsentButton'),
        errors,
      },
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
      </>,
      status,
    );
  };

  app.get(
    '/people/:id/consents/new',
    { config: { access: 'person.register' }, schema: { hide: true, params: Params, querystring: PageQuery } },
    async (request, reply) => {
      const target = await authorisedPerson(db, request, 'person.register');
      return consentPage(request, reply, target.id, {});
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
        const errors = errorsOf(ft, checked.problems);
        const ordered = Object.fromEntries(
          Object.keys(consentProblems).flatMap((f) => (errors[f] ? [[f, errors[f]]] : [])),
        );
        return consentPage(request, reply, target.id, { values, errors: ordered }, 400);
      }
      const id = await giveConsent(db, commandContext(request), target.id, checked.value);
      if (id === null) {
        const errors = { purpose: problemText(ft, 'purpose', 'alreadyGiven') };
        return consentPage(request, reply, target.id, { values, errors }, 409);
      }
      return reply.redirect(`/people/${target.id}?done=consentGiven`, 303);
    },
  );
}
