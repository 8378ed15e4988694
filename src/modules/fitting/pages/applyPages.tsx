import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../../../platform/audit/index.ts';
import { auditActor, authorise, can, signedIn, sourceAddress } from '../../../platform/auth/index.ts';
import { PageQuery, pageContext, StrictBody, sendPage } from '../../../platform/http/index.ts';
import { formatYuan, type Locale } from '../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../platform/module.ts';
import {
  Button,
  CsrfField,
  type FieldErrors,
  FormPage,
  FreeText,
  NotificationBanner,
  type PageContext,
  Radios,
  SummaryList,
  shellMessages,
  TextInput,
} from '../../../platform/ui/index.ts';
import {
  findPersonByResidentId,
  type PersonFacts,
  personFacts,
  personLabels,
  personOfUser,
} from '../../people/index.ts';
import { beijingDay, subsidyCatalogOn } from '../../policyCatalogs/index.ts';
import { CaseProblem, type CaseService } from '../caseService.ts';
import { ApplicationFields } from './applicationFields.tsx';
import {
  type ApplicationForm,
  applicationFormOf,
  emptyApplicationForm,
  readApplicationForm,
} from './applicationForm.ts';
import type { FormProblem } from './commandForm.ts';
import { GroupedSelect, type OptionGroup } from './groupedSelect.tsx';
import { fittingLabels, problemText } from './labels.ts';
import { fittingPageMessages, type PageT } from './messages.ts';
import { districtFederations } from './places.ts';
import { caseActor, caseHref, inLocale, notFound, problemMessage } from './shared.tsx';

/** Who fills in the form: the person for themselves, or a community worker for someone in their district. */
type Side = 'self' | 'behalf';

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

const ApplicationBody = StrictBody({
  itemCode: text(20),
  usePlaces: Type.Optional(
    Type.Union([text(20), Type.Array(Type.String({ maxLength: 20 }), { maxItems: 4 })]),
  ),
  suppliedByOtherScheme: text(10),
  reason: text(4000),
  signedBy: text(10),
  proxyGuardianId: text(40),
  idempotencyKey: text(40),
});

const BehalfQuery = Type.Object({ ...PageQuery.properties, person: Type.String({ format: 'uuid' }) });

const formFields = [
  'itemCode',
  'usePlaces',
  'suppliedByOtherScheme',
  'reason',
  'signedBy',
  'proxyGuardianId',
];

const errorsOf = (locale: Locale, problems: readonly FormProblem[]): FieldErrors =>
  Object.fromEntries(
    problems.map((p) => {
      const field = formFields.includes(p.field) ? p.field : 'itemCode';
      return [field, problemMessage(locale, field, p.key)];
    }),
  );

/** The items a new application may name: the catalog in force today, by ISO class, with each item's cap. */
async function itemGroups(deps: ModuleDeps, t: PageT, locale: Locale) {
  const catalog = await subsidyCatalogOn(deps.db, beijingDay(new Date()));
  if (catalog === undefined) return undefined;
  const groups = new Map<string, OptionGroup['options'][number][]>();
  for (const item of [...catalog.items].sort((a, b) => a.code.localeCompare(b.code))) {
    const isoClass = item.code.slice(0, 2);
    const options = groups.get(isoClass) ?? [];
    options.push({
      value: item.code,
      text: t('itemOption', {
        code: item.code,
        name: inLocale(locale, item.nameZh, item.nameEn),
        max: formatYuan(item.maxSubsidyFen, locale),
      }),
    });
    groups.set(isoClass, options);
  }
  return {
    year: catalog.year,
    groups: [...groups].map(([isoClass, options]) => ({ label: t('isoClass', { code: isoClass }), options })),
  };
}

interface FormPageProps {
  readonly ctx: PageContext;
  readonly side: Side;
  readonly person: PersonFacts;
  readonly label: { maskedName: string; maskedResidentId: string } | undefined;
  readonly items: Awaited<ReturnType<typeof itemGroups>>;
  readonly contacts: readonly { nameZh: string; nameEn: string }[];
  readonly form: ApplicationForm;
  readonly errors: FieldErrors;
  readonly csrf: string;
}

function ApplicationPage({ ctx, side, person, label, items, contacts, form, errors, csrf }: FormPageProps) {
  const t = fittingPageMessages.for(ctx.locale);
  const l = fittingLabels.for(ctx.locale);
  const shell = shellMessages.for(ctx.locale);
  const errorPrefix = shell('errorPrefix');
  const title = side === 'self' ? t('applyTitle') : t('applyBehalfTitle');
  const area =
    side === 'self'
      ? { text: shell('navMyApplications'), href: '/my/applications' }
      : { text: shell('navCases'), href: '/cases' };
  const action = side === 'self' ? '/my/applications/new' : `/cases/new?person=${person.id}`;
  const contact = contacts.map((c) => inLocale(ctx.locale, c.nameZh, c.nameEn)).join(t('listSeparator'));
  return (
    <FormPage ctx={ctx} title={title} area={area} crumbs={[{ text: title }]} errors={errors}>
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-body">{side === 'self' ? t('applyLead') : t('applyBehalfLead')}</p>
      <SummaryList
        rows={[
          { key: t('personName'), value: <FreeText locale={ctx.locale} text={label?.maskedName ?? ''} /> },
          { key: t('personResidentId'), value: label?.maskedResidentId ?? '' },
        ]}
      />
      {!person.fittingConsent ? (
        <NotificationBanner
          id="consent"
          title={t('importantTitle')}
          titleId="consent-title"
          heading={problemText(l, 'consentMissing')}
        >
          <p class="fj-body">
            {side === 'self'
              ? t('consentMissingSelf', { contact: contact || t('yourCommunityWorker') })
              : t('consentMissingBehalf')}
          </p>
          {side === 'behalf' && (
            <p class="fj-body">
              <a href={`/people/${person.id}`}>{t('openPersonRecord')}</a>
            </p>
          )}
        </NotificationBanner>
      ) : items === undefined ? (
        <NotificationBanner
          title={t('importantTitle')}
          titleId="catalog-title"
          heading={t('noCatalogInForce')}
        />
      ) : (
        <form method="post" action={action} novalidate>
          <CsrfField token={csrf} />
          <input type="hidden" name="idempotencyKey" value={form.idempotencyKey} />
          <GroupedSelect
            id="itemCode"
            name="itemCode"
            label={t('fieldItem')}
            hint={t('fieldItemHint', { year: items.year })}
            placeholder={t('chooseItem')}
            groups={items.groups}
            value={form.itemCode}
            error={errors.itemCode}
            errorPrefix={errorPrefix}
          />
          <ApplicationFields locale={ctx.locale} idPrefix="" values={form} errors={errors} />
          <Radios
            idPrefix="signedBy"
            name="signedBy"
            legend={t('fieldSignedBy')}
            legendSize="s"
            hint={
              person.proxies.length > 0
                ? t('fieldSignedByHint')
                : side === 'self'
                  ? t('fieldSignedByNoProxyHintSelf')
                  : t('fieldSignedByNoProxyHint')
            }
            items={[
              { value: 'person', text: l('signedBy_person') },
              ...(person.proxies.length > 0 ? [{ value: 'proxy', text: l('signedBy_proxy') }] : []),
            ]}
            value={form.signedBy}
            error={errors.signedBy}
            errorPrefix={errorPrefix}
          />
          {person.proxies.length > 0 && (
            <Radios
              idPrefix="proxyGuardianId"
              name="proxyGuardianId"
              legend={t('fieldProxy')}
              legendSize="s"
              hint={t('fieldProxyHint')}
              items={person.proxies.map((p) => ({
                value: p.id,
                text: t('proxyOption', { name: p.maskedName, relation: relationText(t, p.relation) }),
              }))}
              value={
                form.proxyGuardianId || (person.proxies.length === 1 ? (person.proxies[0]?.id ?? '') : '')
              }
              error={errors.proxyGuardianId}
              errorPrefix={errorPrefix}
            />
          )}
          <Button preventDoubleClick>{t('submitApplication')}</Button>
        </form>
      )}
      <p class="fj-body">
        <a href={side === 'self' ? '/my/applications' : '/cases'}>{t('cancel')}</a>
      </p>
    </FormPage>
  );
}

const relations = ['parent', 'spouse', 'child', 'sibling', 'guardian', 'other'] as const;
const relationText = (t: PageT, relation: string) =>
  t(
    `relation_${(relations as readonly string[]).includes(relation) ? (relation as (typeof relations)[number]) : 'other'}`,
  );

/** GET and POST /my/applications/new (a resident for themselves) and /cases/new?person= (a community worker). */
export function applyPages(app: FastifyInstance, deps: ModuleDeps & { cases: CaseService }): void {
  const { db, config, assets, keyring, cases } = deps;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    side: Side,
    person: PersonFacts,
    form: ApplicationForm,
    errors: FieldErrors,
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = fittingPageMessages.for(ctx.locale);
    const [labels, items, contacts] = await Promise.all([
      personLabels(db, [person.id]),
      itemGroups(deps, t, ctx.locale),
      districtFederations(db, person.districtCode),
    ]);
    // A masked name and ID are still a person's data: the form showing them is a read (SECURITY.md 25).
    await recordAudit(db, {
      actor: auditActor(request.actor),
      action: 'person.read',
      object: { type: 'person', id: person.id },
      outcome: 'success',
      sourceAddress: sourceAddress(request),
      detail: { purpose: 'case.apply' },
    });
    return sendPage(
      reply,
      <ApplicationPage
        ctx={ctx}
        side={side}
        person={person}
        label={labels.get(person.id)}
        items={items}
        contacts={contacts}
        form={form}
        errors={errors}
        csrf={reply.generateCsrf()}
      />,
      status,
    );
  };

  const submit = async (request: FastifyRequest, reply: FastifyReply, side: Side, person: PersonFacts) => {
    const locale = request.locale;
    const form = applicationFormOf(request.body as Record<string, unknown>);
    const read = readApplicationForm(
      form,
      person.id,
      person.proxies.map((p) => p.id),
    );
    if (read.application === undefined)
      return show(request, reply, side, person, form, errorsOf(locale, read.problems), 400);
    try {
      const opened = await cases.apply(caseActor(request), read.application);
      return reply.redirect(`${caseHref(opened.case.id)}?done=submit`, 303);
    } catch (error) {
      if (!(error instanceof CaseProblem)) throw error;
      return show(request, reply, side, person, form, errorsOf(locale, [error]), 400);
    }
  };

  /** The resident's own record; staff are sent to the queue's form, where they pick the person. */
  const ownRecord = async (request: FastifyRequest) => {
    const actor = signedIn(request);
    if (actor.userKind !== 'resident') return undefined;
    return (await personOfUser(db, actor.userId)) ?? null;
  };

  /** The person `?person=` names, if the user may apply for them (404 otherwise, audited). */
  const behalfOf = async (request: FastifyRequest) => {
    const { person: id } = request.query as { person: string };
    const person = await personFacts(db, id);
    const target = person ? { districtCodes: [person.districtCode], ownerUserId: person.userId } : {};
    await authorise(db, request, 'case.apply', { type: 'person', id }, target);
    if (!person) throw notFound();
    return person;
  };

  app.get(
    '/my/applications/new',
    { config: { access: 'case.apply' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const person = await ownRecord(request);
      if (person === undefined) return reply.redirect('/cases/new', 303);
      if (person === null) return reply.redirect('/my/applications', 303);
      return show(request, reply, 'self', person, emptyApplicationForm(randomUUID()), {});
    },
  );

  app.post(
    '/my/applications/new',
    { config: { access: 'case.apply' }, schema: { hide: true, body: ApplicationBody } },
    async (request, reply) => {
      const person = await ownRecord(request);
      if (!person) throw notFound();
      return submit(request, reply, 'self', person);
    },
  );

  app.get(
    '/cases/new',
    {
      config: { access: 'case.apply' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...PageQuery.properties,
          person: Type.Optional(Type.String({ format: 'uuid' })),
        }),
      },
    },
    async (request, reply) => {
      if (signedIn(request).userKind === 'resident') return reply.redirect('/my/applications/new', 303);
      if ((request.query as { person?: string }).person === undefined) return choosePerson(request, reply);
      const person = await behalfOf(request);
      return show(request, reply, 'behalf', person, emptyApplicationForm(randomUUID()), {});
    },
  );

  app.post(
    '/cases/new',
    {
      config: { access: 'case.apply' },
      schema: { hide: true, querystring: BehalfQuery, body: ApplicationBody },
    },
    async (request, reply) => {
      if (signedIn(request).userKind === 'resident') throw notFound();
      return submit(request, reply, 'behalf', await behalfOf(request));
    },
  );

  /**
   * Without a person named: the worker types the person's ID number (posted,
   * never put in an address, where history and logs would keep it), or finds
   * them in the registry and applies from their record.
   */
  const choosePerson = (request: FastifyRequest, reply: FastifyReply, error?: string, status = 200) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = fittingPageMessages.for(ctx.locale);
    const l = fittingLabels.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const title = t('applyBehalfTitle');
    return sendPage(
      reply,
      <FormPage
        ctx={ctx}
        title={title}
        area={{ text: shell('navCases'), href: '/cases' }}
        crumbs={[{ text: title }]}
        errors={error === undefined ? {} : { residentId: error }}
      >
        <h1 class="fj-heading-l">{title}</h1>
        <form method="post" action="/cases/new/person" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <TextInput
            id="residentId"
            name="residentId"
            label={l('findPersonLabel')}
            hint={l('findPersonHint')}
            error={error}
            errorPrefix={shell('errorPrefix')}
            autocomplete="off"
            spellcheck={false}
            width="20"
            maxlength={30}
          />
          <Button>{l('findPersonButton')}</Button>
        </form>
        <p class="fj-body">{t('choosePersonLead')}</p>
        <p class="fj-body">
          <a href="/people">{t('choosePersonLink')}</a>
        </p>
      </FormPage>,
      status,
    );
  };

  app.post(
    '/cases/new/person',
    {
      config: { access: 'case.apply' },
      schema: { hide: true, body: StrictBody({ residentId: Type.String({ maxLength: 30 }) }) },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      if (actor.userKind === 'resident') throw notFound();
      const l = fittingLabels.for(pageContext(config, assets, request, reply).locale);
      const found = await findPersonByResidentId(
        db,
        keyring,
        (request.body as { residentId: string }).residentId,
      );
      if (found === 'invalid') return choosePerson(request, reply, l('err_residentIdInvalid'), 400);
      // Someone outside the worker's district is answered as not registered: the form does not confirm who is.
      if (
        found === null ||
        !can(actor, 'case.apply', { districtCodes: [found.districtCode], ownerUserId: found.userId })
      )
        return choosePerson(request, reply, l('err_personNotFound'), 400);
      return reply.redirect(`/cases/new?person=${found.id}`, 303);
    },
  );
}
