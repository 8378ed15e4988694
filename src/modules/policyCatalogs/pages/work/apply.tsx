import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorise, reach, signedIn } from '../../../../platform/auth/index.ts';
import { PageQuery, pageContext, StrictBody, sendPage } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  CsrfField,
  type FieldErrors,
  Fieldset,
  FormPage,
  Hint,
  Select,
  type SelectOption,
  shellMessages,
  Textarea,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { type ProductSummary, productSummaries, publishedProductsOf } from '../../../catalog/index.ts';
import { AdmissionProblem, apply } from '../../admissionsService.ts';
import { catalogInForce, subsidyItems } from '../../catalogsRepo.ts';
import { commandContext, inLocale, notFound } from '../shared.tsx';
import {
  type ApplicationForm,
  type ApplicationProblem,
  applicationFormOf,
  emptyApplicationForm,
  maxRegistration,
  maxReportTitle,
  maxReportUrl,
  maxTrialSummary,
  readApplication,
  reportRows,
  reportTitleField,
  reportUrlField,
} from './applicationForm.ts';
import { admissionWorkMessages, type WorkT } from './messages.ts';
import { applicationsCrumbs, productOption } from './shared.tsx';

/** Who fills in the form: a supplier for its own products, or the city for any supplier's. */
type Side = 'supplier' | 'city';

const formPath: Record<Side, string> = {
  supplier: '/supplier/admissions/new',
  city: '/admin/admissions/new',
};

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

const ApplicationBody = StrictBody({
  productId: text(100),
  itemId: text(100),
  price: text(100),
  registrationNumber: text(1000),
  reportTitle1: text(2000),
  reportUrl1: text(2000),
  reportTitle2: text(2000),
  reportUrl2: text(2000),
  reportTitle3: text(2000),
  reportUrl3: text(2000),
  trialParticipants: text(100),
  trialSummary: text(20_000),
});

/** The organisations a supplier applies for (their own); none for the city. */
const ownOrganisations = (request: FastifyRequest) =>
  reach(signedIn(request), 'admission.apply').organisationIds;

/** The products the form offers, sorted by what the select shows. */
async function productChoices(
  deps: ModuleDeps,
  request: FastifyRequest,
  side: Side,
  locale: Locale,
): Promise<SelectOption[]> {
  const products: ProductSummary[] =
    side === 'city'
      ? await publishedProductsOf(deps.db, null)
      : (await Promise.all(ownOrganisations(request).map((id) => publishedProductsOf(deps.db, id)))).flat();
  const option = (p: ProductSummary) =>
    side === 'city'
      ? `${productOption(locale, p)} — ${inLocale(locale, p.supplierNameZh, p.supplierNameEn)}`
      : productOption(locale, p);
  return products
    .map((p) => ({ value: p.id, text: option(p) }))
    .sort((a, b) => a.text.localeCompare(b.text, locale));
}

/** The items of the subsidy catalog in force ("code name"), and its year. */
async function itemChoices(deps: ModuleDeps, locale: Locale) {
  const catalog = await catalogInForce(deps.db, 'subsidy');
  if (catalog === undefined) return { year: undefined, options: [] };
  const items = await subsidyItems(deps.db, catalog.id);
  return {
    year: catalog.year,
    options: items.map((item) => ({
      value: item.id,
      text: `${item.code} ${inLocale(locale, item.nameZh, item.nameEn)}`,
    })),
  };
}

const problemText = (t: WorkT, problem: ApplicationProblem) => t(problem.key, problem.params);

/** GET and POST /supplier/admissions/new (a supplier's own products) and /admin/admissions/new (the city's). */
export function applicationPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    side: Side,
    form: ApplicationForm,
    errors: FieldErrors,
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = admissionWorkMessages.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const [products, items] = await Promise.all([
      productChoices(deps, request, side, ctx.locale),
      itemChoices(deps, ctx.locale),
    ]);
    const title = side === 'city' ? t('applyCityTitle') : t('applyTitle');
    const crumbs =
      side === 'city'
        ? [{ text: t('cityAdmissionsTitle'), href: '/admin/admissions' }, { text: title }]
        : [...applicationsCrumbs(ctx.locale), { text: title }];
    const field = (id: keyof typeof errors) => ({ error: errors[id], errorPrefix: shell('errorPrefix') });
    return sendPage(
      reply,
      <FormPage ctx={ctx} title={title} crumbs={crumbs} errors={errors}>
        <h1 class="fj-heading-l">{title}</h1>
        <p class="fj-body">{side === 'city' ? t('applyCityLead') : t('applyLead')}</p>
        <form method="post" action={formPath[side]} novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <Select
            id="productId"
            name="productId"
            label={t('fieldProduct')}
            hint={side === 'city' ? t('fieldProductCityHint') : t('fieldProductHint')}
            options={[{ value: '', text: t('chooseProduct') }, ...products]}
            value={form.productId}
            {...field('productId')}
          />
          <Select
            id="itemId"
            name="itemId"
            label={t('fieldItem')}
            hint={items.year === undefined ? t('noCatalogInForce') : t('fieldItemHint', { year: items.year })}
            options={[{ value: '', text: t('chooseItem') }, ...items.options]}
            value={form.itemId}
            {...field('itemId')}
          />
          <TextInput
            id="price"
            name="price"
            label={t('fieldPrice')}
            hint={t('fieldPriceHint')}
            value={form.price}
            inputmode="decimal"
            width="10"
            prefix="¥"
            autocomplete="off"
            maxlength={20}
            {...field('price')}
          />
          <TextInput
            id="registrationNumber"
            name="registrationNumber"
            label={t('fieldRegistration')}
            hint={t('fieldRegistrationHint')}
            value={form.registrationNumber}
            autocomplete="off"
            maxlength={maxRegistration}
            {...field('registrationNumber')}
          />
          <Fieldset legend={t('reportsLegend')} legendSize="m" describedBy="reports-hint">
            <Hint id="reports-hint">{t('reportsHint')}</Hint>
            {reportRows.map((row) => {
              const report = form.reports[row - 1];
              return (
                <div key={row}>
                  <TextInput
                    id={reportTitleField(row)}
                    name={reportTitleField(row)}
                    label={t('fieldReportTitle', { row })}
                    value={report?.title}
                    maxlength={maxReportTitle}
                    autocomplete="off"
                    {...field(reportTitleField(row))}
                  />
                  <TextInput
                    id={reportUrlField(row)}
                    name={reportUrlField(row)}
                    type="url"
                    label={t('fieldReportUrl', { row })}
                    hint={row === 1 ? t('fieldReportUrlHint') : undefined}
                    value={report?.url}
                    maxlength={maxReportUrl}
                    spellcheck={false}
                    autocomplete="off"
                    {...field(reportUrlField(row))}
                  />
                </div>
              );
            })}
          </Fieldset>
          <TextInput
            id="trialParticipants"
            name="trialParticipants"
            label={t('fieldParticipants')}
            hint={t('fieldParticipantsHint')}
            value={form.trialParticipants}
            inputmode="numeric"
            width="5"
            autocomplete="off"
            maxlength={7}
            {...field('trialParticipants')}
          />
          <Textarea
            id="trialSummary"
            name="trialSummary"
            label={t('fieldTrialSummary')}
            hint={t('fieldTrialSummaryHint', { max: maxTrialSummary })}
            value={form.trialSummary}
            rows={6}
            {...field('trialSummary')}
          />
          <Button preventDoubleClick>{t('submitApplication')}</Button>
        </form>
        <p class="fj-body">
          <a href={side === 'city' ? '/admin/admissions' : '/supplier/admissions'}>{t('cancel')}</a>
        </p>
      </FormPage>,
      status,
    );
  };

  /** The organisation that applies: the product's supplier when it is the applicant's (or the city applies). */
  const applicantFor = async (request: FastifyRequest, side: Side, productId: string): Promise<string> => {
    const product = (await productSummaries(db, [productId])).get(productId);
    if (side === 'city') return product?.supplierId ?? '';
    const own = ownOrganisations(request);
    // A product of another supplier keeps the supplier's own organisation, so the service refuses it.
    return product !== undefined && own.includes(product.supplierId) ? product.supplierId : (own[0] ?? '');
  };

  const submit = async (request: FastifyRequest, reply: FastifyReply, side: Side) => {
    const t = admissionWorkMessages.for(request.locale);
    const form = applicationFormOf(request.body as Record<string, unknown>);
    const read = readApplication(form);
    if (read.application === undefined) {
      const errors = Object.fromEntries(read.problems.map((p) => [p.field, problemText(t, p)]));
      return formPage(request, reply, side, form, errors, 400);
    }
    try {
      const id = await apply(db, commandContext(request), {
        ...read.application,
        applicantOrganisationId: await applicantFor(request, side, read.application.productId),
        byCity: side === 'city',
      });
      const detail = side === 'city' ? `/admin/admissions/${id}` : `/supplier/admissions/${id}`;
      return reply.redirect(`${detail}?done=applied`, 303);
    } catch (error) {
      if (!(error instanceof AdmissionProblem)) throw error;
      const message = admissionWorkMessages.has(error.key) ? t(error.key) : t('err_applyRefused');
      return formPage(request, reply, side, form, { [error.field]: message }, 400);
    }
  };

  /** The city's form is for those who may apply for any supplier (others learn nothing from it). */
  const cityOnly = (request: FastifyRequest) =>
    authorise(db, request, 'admission.apply', { type: 'admission', id: 'new' }, {});

  /** A supplier's form needs an organisation to apply for; the city is sent to its own form. */
  const supplierOnly = (request: FastifyRequest) => {
    if (ownOrganisations(request).length === 0) throw notFound();
  };

  app.get(
    '/supplier/admissions/new',
    { config: { access: 'admission.apply' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      if (ownOrganisations(request).length === 0 && reach(signedIn(request), 'admission.apply').all)
        return reply.redirect(formPath.city, 303);
      supplierOnly(request);
      return formPage(request, reply, 'supplier', emptyApplicationForm, {});
    },
  );

  app.post(
    '/supplier/admissions/new',
    { config: { access: 'admission.apply' }, schema: { hide: true, body: ApplicationBody } },
    async (request, reply) => {
      supplierOnly(request);
      return submit(request, reply, 'supplier');
    },
  );

  app.get(
    '/admin/admissions/new',
    { config: { access: 'admission.apply' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      await cityOnly(request);
      return formPage(request, reply, 'city', emptyApplicationForm, {});
    },
  );

  app.post(
    '/admin/admissions/new',
    { config: { access: 'admission.apply' }, schema: { hide: true, body: ApplicationBody } },
    async (request, reply) => {
      await cityOnly(request);
      return submit(request, reply, 'city');
    },
  );
}
