import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorise, can, mayEver, reach } from '../../../../platform/auth/index.ts';
import { DoneQuery, PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import {
  Button,
  doneText,
  type PageContext,
  Radios,
  Select,
  SummaryList,
  shellMessages,
  Table,
  type TableCell,
  TextInput,
} from '../../../../platform/ui/index.ts';
import {
  AdminRuleError,
  createOrganisation,
  type OrganisationChanges,
  updateOrganisation,
} from '../../admin.ts';
import {
  findOrganisation,
  listOrganisationsWithin,
  type OrganisationRow,
  organisationTarget,
} from '../../adminQueries.ts';
import { type District, listDistricts, type OrganisationType, organisationTypes } from '../../repo.ts';
import { CsrfField, type FieldErrors, signedIn } from '../common.tsx';
import type { SignInPageDeps } from '../signIn/index.ts';
import { adminMessages } from './messages.ts';
import {
  AdminPage,
  FilterForm,
  IdParams,
  notFound,
  optionalChoice,
  organisationName,
  problemText,
  StrictBody,
  type T,
  trimmed,
} from './shared.tsx';

interface OrganisationForm {
  type?: string;
  nameZh?: string;
  nameEn?: string;
  shortNameZh?: string;
  districtCode?: string;
}

/** The districts as select options, named in the page's language. */
const districtOptions = (ctx: PageContext, districts: readonly District[]) =>
  districts.map((d) => ({
    value: d.code,
    text: ctx.locale === 'zh-CN' ? d.nameZh : d.nameEn,
  }));

/** The fields a new organisation and a changed one share: names and district. */
function OrganisationFields(props: {
  ctx: PageContext;
  districts: readonly District[];
  values: OrganisationForm;
  errors: FieldErrors;
}) {
  const t = adminMessages.for(props.ctx.locale);
  const shell = shellMessages.for(props.ctx.locale);
  const { values, errors } = props;
  return (
    <>
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
        options={[{ value: '', text: t('districtNone') }, ...districtOptions(props.ctx, props.districts)]}
      />
    </>
  );
}

/** The shared fields of a posted form, trimmed and checked; empty optional ones become null. */
async function checkedFields(
  t: T,
  db: SignInPageDeps['db'],
  body: OrganisationForm,
): Promise<{ fields: OrganisationChanges; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  const nameZh = trimmed(body.nameZh);
  const nameEn = trimmed(body.nameEn);
  const shortNameZh = trimmed(body.shortNameZh);
  const districtCode = trimmed(body.districtCode);
  if (nameZh === '') errors.nameZh = t('nameZhMissing');
  else if (nameZh.length > 100) errors.nameZh = t('nameTooLong', { max: 100 });
  if (nameEn === '') errors.nameEn = t('nameEnMissing');
  else if (nameEn.length > 100) errors.nameEn = t('nameTooLong', { max: 100 });
  if (shortNameZh.length > 100) errors.shortNameZh = t('nameTooLong', { max: 100 });
  if (districtCode !== '' && !(await listDistricts(db)).some((d) => d.code === districtCode)) {
    errors.districtCode = t('districtUnknown');
  }
  return {
    fields: {
      nameZh,
      nameEn,
      shortNameZh: shortNameZh === '' ? null : shortNameZh,
      districtCode: districtCode === '' ? null : districtCode,
    },
    errors,
  };
}

const OrganisationFieldsBody = {
  nameZh: Type.String({ maxLength: 200 }),
  nameEn: Type.String({ maxLength: 200 }),
  shortNameZh: Type.Optional(Type.String({ maxLength: 200 })),
  districtCode: Type.Optional(Type.String({ maxLength: 10 })),
};

/**
 * GET /admin/organisations, GET and POST /admin/organisations/new, and GET and
 * POST /admin/organisations/:id (change one).
 */
export function organisationPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config, db, assets } = deps;

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
          done={doneText(adminMessages, ctx.locale, query.done)}
        >
          <h1 class="fj-heading-l">{t('organisationsTitle')}</h1>
          <p class="fj-body">{t('organisationsLead')}</p>
          {mayEver(actor, 'organisation.create') && (
            <Button href="/admin/organisations/new" variant="secondary">
              {t('sectionNewOrganisation')}
            </Button>
          )}
          <FilterForm t={t} action="/admin/organisations">
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
              options={[{ value: '', text: t('filterDistrictAll') }, ...districtOptions(ctx, districts)]}
            />
          </FilterForm>
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
              rows={organisations.map((o): TableCell[] => [
                can(actor, 'organisation.update', organisationTarget(o))
                  ? { content: <a href={`/admin/organisations/${o.id}`}>{organisationName(ctx, o)}</a> }
                  : organisationName(ctx, o),
                t(`orgType_${o.type}`),
                districtName(o),
              ])}
            />
          )}
        </AdminPage>,
      );
    },
  );

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
          <OrganisationFields ctx={ctx} districts={districts} values={values} errors={errors} />
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
          ...OrganisationFieldsBody,
        }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const body = request.body as OrganisationForm;
      const t = adminMessages.for(request.locale);
      const type = organisationTypes.find((candidate) => candidate === body.type);
      const checked = await checkedFields(t, db, body);
      const fields = checked.fields;
      // The type comes first in the error summary, as on the form.
      const errors = { ...(type === undefined ? { type: t('typeMissing') } : {}), ...checked.errors };
      if (Object.keys(errors).length > 0 || type === undefined) {
        return newOrganisationPage(request, reply, { values: body, errors }, 400);
      }
      // Creation is checked against where the new organisation will be, as any object is.
      await authorise(
        db,
        request,
        'organisation.create',
        { type: 'organisation', id: 'new' },
        { districtCodes: fields.districtCode === null ? [] : [fields.districtCode] },
      );
      try {
        await createOrganisation(deps, actor, request.ip, { type, ...fields });
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

  /** The change page; every caller has already authorised `organisation.update` on this organisation. */
  const editOrganisationPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    organisation: OrganisationRow,
    state: { values?: OrganisationForm; errors?: FieldErrors },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = adminMessages.for(ctx.locale);
    const districts = await listDistricts(db);
    const values: OrganisationForm = state.values ?? {
      nameZh: organisation.nameZh,
      nameEn: organisation.nameEn,
      shortNameZh: organisation.shortNameZh ?? '',
      districtCode: organisation.districtCode ?? '',
    };
    // Named as saved, not as typed: the page is about this organisation until a change is saved.
    const name = organisationName(ctx, organisation);
    const title = t('editOrganisationTitle', { name });
    return sendPage(
      reply,
      <AdminPage
        ctx={ctx}
        title={title}
        crumbs={[{ text: t('organisationsTitle'), href: '/admin/organisations' }, { text: name }]}
        errors={state.errors}
      >
        <h1 class="fj-heading-l">{title}</h1>
        <SummaryList rows={[{ key: t('fieldType'), value: t(`orgType_${organisation.type}`) }]} />
        <p class="fj-body">{t('typeFixedNote')}</p>
        <form method="post" action={`/admin/organisations/${organisation.id}`} novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <OrganisationFields ctx={ctx} districts={districts} values={values} errors={state.errors ?? {}} />
          <Button preventDoubleClick>{t('saveOrganisation')}</Button>
        </form>
      </AdminPage>,
      status,
    );
  };

  /** The organisation named in the address, once the actor may change it; 404 otherwise. */
  const organisationToChange = async (request: FastifyRequest): Promise<OrganisationRow> => {
    const { id } = request.params as { id: string };
    const organisation = await findOrganisation(db, id);
    if (!organisation) throw notFound();
    await authorise(
      db,
      request,
      'organisation.update',
      { type: 'organisation', id },
      organisationTarget(organisation),
    );
    return organisation;
  };

  app.get(
    '/admin/organisations/:id',
    {
      config: { access: 'organisation.update' },
      schema: { hide: true, params: IdParams, querystring: PageQuery },
    },
    async (request, reply) => editOrganisationPage(request, reply, await organisationToChange(request), {}),
  );

  app.post(
    '/admin/organisations/:id',
    {
      config: { access: 'organisation.update' },
      schema: {
        hide: true,
        params: IdParams,
        // No `type`: a posted one is refused with 400 like any field the form does not have.
        body: StrictBody(OrganisationFieldsBody),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const organisation = await organisationToChange(request);
      const body = request.body as OrganisationForm;
      const t = adminMessages.for(request.locale);
      const { fields, errors } = await checkedFields(t, db, body);
      if (Object.keys(errors).length > 0) {
        return editOrganisationPage(request, reply, organisation, { values: body, errors }, 400);
      }
      // Moving it is checked against where it will be too, as creating one is.
      if (fields.districtCode !== organisation.districtCode) {
        await authorise(
          db,
          request,
          'organisation.update',
          { type: 'organisation', id: organisation.id },
          { districtCodes: fields.districtCode === null ? [] : [fields.districtCode] },
        );
      }
      let changed: string[];
      try {
        changed = await updateOrganisation(deps, actor, request.ip, organisation.id, fields);
      } catch (error) {
        if (!(error instanceof AdminRuleError)) throw error;
        if (error.problem === 'organisationUnknown') throw notFound();
        return editOrganisationPage(
          request,
          reply,
          organisation,
          { values: body, errors: { [error.field]: problemText(t, error.problem) } },
          400,
        );
      }
      const done = changed.length > 0 ? 'organisationUpdated' : 'nothingChanged';
      return reply.redirect(`/admin/organisations?done=${done}`, 303);
    },
  );
}
