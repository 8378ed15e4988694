import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorise, type Reach, reach } from '../../../../platform/auth/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import { disabilityCategories, disabilityCategoryText } from '../../../../platform/ids/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  ButtonGroup,
  Checkboxes,
  classNames,
  ErrorMessage,
  errorId,
  Hint,
  hintId,
  joinIds,
  Label,
  type PageContext,
  Select,
  shellMessages,
  Textarea,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { commandContext } from '../../api.ts';
import type { CatalogServices } from '../../catalogServices.ts';
import { currentClassificationVersion, listClassificationNodes } from '../../classificationRepo.ts';
import { attributeDefinition, attributesFor } from '../../domain/attributes.ts';
import { functionAreas, type ProductDetails } from '../../domain/product.ts';
import { allowedCommands } from '../../domain/workflow.ts';
import {
  findProduct,
  findVersion,
  listProducts,
  listVersions,
  type ProductRecord,
} from '../../productsRepo.ts';
import { CatalogCommandError, createProduct, saveDraft, submitProduct } from '../../productsService.ts';
import {
  attributeField,
  attributeFieldNames,
  detailsFromForm,
  documentKinds,
  type FormProblem,
  formFromDetails,
  list,
  type ProductForm,
} from './formData.ts';
import { type SupplierT, supplierMessages } from './messages.ts';
import { organisationNames } from './queries.ts';
import {
  CsrfField,
  type FieldErrors,
  formatCode,
  IdParams,
  inLocale,
  productName,
  StrictBody,
  SupplierPage,
  signedIn,
  trimmed,
  workingStateOf,
} from './shared.tsx';

/** A class and its divisions, as an optgroup of the class select. */
interface DivisionGroup {
  readonly label: string;
  readonly options: readonly { code: string; text: string }[];
}

/** The divisions of the edition in force, grouped by class, named in the page's language. */
async function divisionGroups(services: CatalogServices, locale: Locale): Promise<DivisionGroup[]> {
  const version = await currentClassificationVersion(services.db);
  if (version === undefined) return [];
  const nodes = await listClassificationNodes(services.db, version);
  const title = (n: { titleZh: string; titleEn: string }) => inLocale(locale, n.titleZh, n.titleEn);
  return nodes
    .filter((n) => n.level === 1)
    .map((c) => ({
      label: `${c.code} ${title(c)}`,
      options: nodes
        .filter((n) => n.level === 3 && n.code.startsWith(c.code))
        .map((n) => ({ code: n.code, text: `${formatCode(n.code)} ${title(n)}` })),
    }))
    .filter((group) => group.options.length > 0);
}

/** The attribute's name, and its unit, in the page's language. */
const attributeName = (locale: Locale, id: string): string => {
  const definition = attributeDefinition(id);
  return definition === undefined ? id : inLocale(locale, definition.zh, definition.en);
};

const withUnit = (value: string | number, unit: string | null | undefined) =>
  unit ? `${value} ${unit}` : String(value);

/** The words for a problem, naming the field as the page does. */
export function problemText(t: SupplierT, locale: Locale, problem: FormProblem): string {
  const { field } = problem;
  const params = problem.params ?? {};
  const attributeId = field.startsWith('attr_') ? field.slice('attr_'.length) : undefined;
  const shortKey = `fieldShort_${field}`;
  const short =
    attributeId !== undefined
      ? attributeName(locale, attributeId)
      : supplierMessages.has(shortKey)
        ? t(shortKey)
        : field;
  switch (problem.message) {
    case 'required': {
      const key = `err_${field}_required`;
      return supplierMessages.has(key) ? t(key) : t('err_required', { field: short });
    }
    case 'priceRequired':
      return t('err_price_required');
    case 'tooLong':
      return t('err_tooLong', { field: short, max: params.max ?? '' });
    case 'isoUnknown':
      return t('err_isoUnknown', { code: formatCode(String(params.code ?? '')) });
    case 'priceInvalid':
      return t('err_priceInvalid');
    case 'attributeUnknown':
      return t('err_attributeUnknown', { attribute: short });
    case 'attributeNotNumber':
      return t('err_attributeNotNumber', { attribute: short });
    case 'attributeRange': {
      const unit = attributeId === undefined ? null : attributeDefinition(attributeId)?.unit;
      return t('err_attributeRange', {
        attribute: short,
        min: withUnit(params.min ?? '', unit),
        max: withUnit(params.max ?? '', unit),
      });
    }
    case 'altRequired':
      return field === 'imageAltEn' ? t('err_imageAltEn_altRequired') : t('err_imageAltZh_altRequired');
    case 'urlInvalid': {
      const key = `err_${field}_urlInvalid`;
      return supplierMessages.has(key) ? t(key) : t('err_urlInvalid', { field: short });
    }
    case 'imageUrlMissing':
      return t('err_imageUrlMissing');
    case 'documentUrlMissing':
      return t('err_documentUrlMissing');
    case 'certificationsTooMany':
      return t('err_certificationsTooMany');
  }
}

/** The class select: divisions in optgroups by class, which the shared Select does not offer. */
function IsoSelect(props: {
  value: string;
  label: string;
  hint: string;
  error: string | undefined;
  errorPrefix: string;
  chooseText: string;
  notCurrentText: string;
  groups: readonly DivisionGroup[];
}) {
  const id = 'isoCode';
  const { error } = props;
  const known = props.groups.some((g) => g.options.some((o) => o.code === props.value));
  return (
    <div class={classNames('fj-form-group', error !== undefined && 'fj-form-group--error')}>
      <Label for={id} text={props.label} />
      <Hint id={hintId(id)}>{props.hint}</Hint>
      {error !== undefined && <ErrorMessage fieldId={id} message={error} prefix={props.errorPrefix} />}
      <select
        class={classNames('fj-select', error !== undefined && 'fj-select--error')}
        id={id}
        name={id}
        aria-describedby={joinIds(hintId(id), error !== undefined && errorId(id))}
        aria-invalid={error !== undefined ? 'true' : undefined}
      >
        <option value="">{props.chooseText}</option>
        {/* A saved code no longer in the edition stays chosen, so saving does not silently drop it. */}
        {props.value !== '' && !known && (
          <option value={props.value} selected>
            {props.notCurrentText}
          </option>
        )}
        {props.groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.code} value={option.code} selected={option.code === props.value}>
                {option.text}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

interface FormState {
  readonly values: ProductForm;
  readonly errors: FieldErrors;
  /** The class whose attributes the form shows: the saved one (or the one shown when the form was posted). */
  readonly attributesOf: string;
}

interface FormSetting {
  readonly mode: 'new' | 'edit';
  readonly action: string;
  readonly groups: readonly DivisionGroup[];
  /** More than one: the supplier is asked. */
  readonly suppliers: readonly { id: string; name: string }[];
  /** The products a new one may replace. */
  readonly replaceable: readonly { id: string; text: string }[];
  /** Documents after the first, which the form does not show and keeps as they are. */
  readonly documentsKept: number;
  readonly cancelHref: string;
}

function ProductFormFields({
  ctx,
  setting,
  state,
}: {
  ctx: PageContext;
  setting: FormSetting;
  state: FormState;
}) {
  const t = supplierMessages.for(ctx.locale);
  const shell = shellMessages.for(ctx.locale);
  const { values, errors } = state;
  const value = (name: string) => {
    const v = values[name];
    return typeof v === 'string' ? v : '';
  };
  const field = (name: string) => ({
    id: name,
    name,
    value: value(name),
    error: errors[name],
    errorPrefix: shell('errorPrefix'),
  });
  const attributes = state.attributesOf === '' ? [] : attributesFor(state.attributesOf);
  return (
    <>
      <h2 class="fj-heading-m">{t('sectionBasics')}</h2>
      {setting.suppliers.length > 1 && (
        <Select
          {...field('supplierId')}
          label={t('fieldSupplier')}
          hint={t('fieldSupplierHint')}
          options={[
            { value: '', text: t('chooseSupplier') },
            ...setting.suppliers.map((s) => ({ value: s.id, text: s.name })),
          ]}
        />
      )}
      <TextInput
        {...field('nameZh')}
        label={t('fieldNameZh')}
        hint={t('fieldNameZhHint')}
        maxlength={200}
        autocomplete="off"
      />
      <TextInput
        {...field('nameEn')}
        label={t('fieldNameEn')}
        hint={t('fieldNameEnHint')}
        maxlength={200}
        autocomplete="off"
        spellcheck
      />
      <TextInput
        {...field('model')}
        label={t('fieldModel')}
        hint={t('fieldModelHint')}
        width="20"
        maxlength={100}
        autocomplete="off"
        spellcheck={false}
      />
      {setting.groups.length > 0 ? (
        <IsoSelect
          value={value('isoCode')}
          label={t('fieldIso')}
          hint={t('fieldIsoHint')}
          error={errors.isoCode}
          errorPrefix={shell('errorPrefix')}
          chooseText={t('isoChoose')}
          notCurrentText={t('isoNotCurrent', { code: formatCode(value('isoCode')) })}
          groups={setting.groups}
        />
      ) : (
        <TextInput
          {...field('isoCode')}
          label={t('fieldIso')}
          hint={t('fieldIsoHint')}
          width="10"
          inputmode="numeric"
          autocomplete="off"
          spellcheck={false}
        />
      )}
      <Checkboxes
        idPrefix="functionAreas"
        name="functionAreas"
        legend={t('fieldFunctionAreas')}
        legendSize="s"
        hint={t('fieldFunctionAreasHint')}
        error={errors.functionAreas}
        errorPrefix={shell('errorPrefix')}
        values={list(values, 'functionAreas')}
        items={functionAreas.map((area) => ({ value: area, text: t(`area_${area}`) }))}
        small
      />
      <Checkboxes
        idPrefix="disabilityCategories"
        name="disabilityCategories"
        legend={t('fieldCategories')}
        legendSize="s"
        hint={t('fieldCategoriesHint')}
        error={errors.disabilityCategories}
        errorPrefix={shell('errorPrefix')}
        values={list(values, 'disabilityCategories')}
        items={disabilityCategories.map((c) => ({ value: c, text: disabilityCategoryText(ctx.locale, c) }))}
        small
      />

      <h2 class="fj-heading-m">{t('sectionDescription')}</h2>
      <Textarea
        {...field('descriptionZh')}
        label={t('fieldDescriptionZh')}
        hint={t('fieldDescriptionHint')}
        rows={6}
      />
      <Textarea
        {...field('descriptionEn')}
        label={t('fieldDescriptionEn')}
        hint={t('fieldDescriptionHint')}
        rows={6}
        spellcheck
      />

      <h2 class="fj-heading-m">{t('sectionPrice')}</h2>
      <TextInput
        {...field('price')}
        label={t('fieldPrice')}
        hint={t('fieldPriceHint')}
        width="10"
        inputmode="decimal"
        autocomplete="off"
        spellcheck={false}
        prefix="¥"
        suffix={t('yuan')}
        maxlength={20}
      />
      <TextInput
        {...field('registrationNumber')}
        label={t('fieldRegistration')}
        hint={t('fieldRegistrationHint')}
        width="30"
        maxlength={100}
        autocomplete="off"
        spellcheck={false}
      />
      <Textarea
        {...field('certifications')}
        label={t('fieldCertifications')}
        hint={t('fieldCertificationsHint')}
        rows={4}
      />

      <h2 class="fj-heading-m">{t('sectionAttributes')}</h2>
      <input type="hidden" name="attributesOf" value={state.attributesOf} />
      {state.attributesOf === '' ? (
        <p class="fj-body">{t('attributesNone')}</p>
      ) : attributes.length === 0 ? (
        <>
          <p class="fj-body">{t('attributesEmpty', { code: formatCode(state.attributesOf) })}</p>
          <p class="fj-body">{t('attributesChangeNote')}</p>
        </>
      ) : (
        <>
          <p class="fj-body">{t('attributesLead', { code: formatCode(state.attributesOf) })}</p>
          <p class="fj-body">{t('attributesChangeNote')}</p>
          {attributes.map((a) => {
            const name = inLocale(ctx.locale, a.zh, a.en);
            const number = a.kind === 'number';
            return (
              <TextInput
                key={a.id}
                {...field(attributeField(a.id))}
                label={
                  a.unit ? t('attributeLabel', { name, unit: a.unit }) : t('attributeLabelNoUnit', { name })
                }
                {...(number && a.min !== undefined && a.max !== undefined
                  ? { hint: t('attributeRangeHint', { min: a.min, max: a.max }) }
                  : {})}
                {...(number
                  ? { inputmode: 'decimal' as const, width: '5' as const }
                  : { width: '20' as const })}
                {...(a.unit ? { suffix: a.unit } : {})}
                autocomplete="off"
                spellcheck={false}
                maxlength={100}
              />
            );
          })}
        </>
      )}

      <h2 class="fj-heading-m">{t('sectionImage')}</h2>
      <p class="fj-body">{t('imageLead')}</p>
      <TextInput
        {...field('imageUrl')}
        type="url"
        label={t('fieldImageUrl')}
        hint={t('fieldImageUrlHint')}
        autocomplete="off"
        spellcheck={false}
        maxlength={500}
      />
      <TextInput
        {...field('imageAltZh')}
        label={t('fieldImageAltZh')}
        hint={t('fieldImageAltZhHint')}
        maxlength={300}
      />
      <TextInput
        {...field('imageAltEn')}
        label={t('fieldImageAltEn')}
        hint={t('fieldImageAltEnHint')}
        maxlength={300}
        spellcheck
      />

      <fieldset class="fj-fieldset" aria-describedby="document-lead">
        <legend class="fj-fieldset__legend fj-fieldset__legend--m">
          <h2 class="fj-fieldset__heading">{t('sectionDocument')}</h2>
        </legend>
        <p class="fj-body" id="document-lead">
          {t('documentLead')}
        </p>
        <TextInput
          {...field('documentUrl')}
          type="url"
          label={t('fieldDocumentUrl')}
          hint={t('fieldDocumentUrlHint')}
          autocomplete="off"
          spellcheck={false}
          maxlength={500}
        />
        <Select
          {...field('documentKind')}
          label={t('fieldDocumentKind')}
          options={[
            { value: '', text: t('documentKindChoose') },
            ...documentKinds.map((kind) => ({ value: kind, text: t(`documentKind_${kind}`) })),
          ]}
        />
        <TextInput
          {...field('documentTitleZh')}
          label={t('fieldDocumentTitleZh')}
          hint={t('fieldDocumentTitleZhHint')}
          maxlength={300}
        />
        <TextInput
          {...field('documentTitleEn')}
          label={t('fieldDocumentTitleEn')}
          hint={t('fieldDocumentTitleEnHint')}
          maxlength={300}
          spellcheck
        />
        {setting.documentsKept > 0 && (
          <p class="fj-body">{t('documentsKept', { count: setting.documentsKept })}</p>
        )}
      </fieldset>

      <h2 class="fj-heading-m">{t('sectionLineage')}</h2>
      {setting.mode === 'new' ? (
        <Select
          {...field('replacesProductId')}
          label={t('fieldReplaces')}
          hint={t('fieldReplacesHint')}
          options={[
            { value: '', text: t('replacesNone') },
            ...setting.replaceable.map((p) => ({ value: p.id, text: p.text })),
          ]}
        />
      ) : (
        <p class="fj-body">{t('replacesFixed')}</p>
      )}

      <ButtonGroup>
        <Button name="intent" value="save" preventDoubleClick>
          {t('saveDraft')}
        </Button>
        <Button name="intent" value="submit" variant="secondary" preventDoubleClick>
          {t('saveAndSubmit')}
        </Button>
        <a href={setting.cancelHref} class="fj-body">
          {t('cancel')}
        </a>
      </ButtonGroup>
    </>
  );
}

const textField = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const listField = Type.Optional(
  Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })]),
);

/**
 * The product form's body. Limits are generous so a long text gets a form
 * error rather than a bare 400; any field the form does not have is refused.
 */
const ProductFormBody = StrictBody({
  supplierId: textField(40),
  nameZh: textField(2000),
  nameEn: textField(2000),
  model: textField(1000),
  isoCode: textField(40),
  functionAreas: listField,
  disabilityCategories: listField,
  descriptionZh: textField(40_000),
  descriptionEn: textField(40_000),
  price: textField(100),
  registrationNumber: textField(1000),
  certifications: textField(10_000),
  imageUrl: textField(2000),
  imageAltZh: textField(1000),
  imageAltEn: textField(1000),
  documentUrl: textField(2000),
  documentKind: textField(40),
  documentTitleZh: textField(1000),
  documentTitleEn: textField(1000),
  replacesProductId: textField(40),
  attributesOf: textField(20),
  intent: Type.Optional(Type.Union([Type.Literal('save'), Type.Literal('submit')])),
  ...Object.fromEntries(attributeFieldNames.map((name) => [name, textField(200)])),
});

const organisationReach = (organisationId: string): Reach => ({
  all: false,
  districtCodes: [],
  organisationIds: [organisationId],
  selfUserId: null,
  excludeUserId: null,
});

/** GET and POST /supplier/products/new and /supplier/products/:id/edit. */
export function productFormPages(app: FastifyInstance, services: CatalogServices, deps: ModuleDeps): void {
  const { db } = services;
  const { config, assets } = deps;

  /** The suppliers this user may add products for, named. */
  const suppliersOf = async (request: FastifyRequest, locale: Locale) => {
    const ids = reach(signedIn(request), 'product.edit').organisationIds;
    return (await organisationNames(db, ids)).map((o) => ({
      id: o.id,
      name: inLocale(locale, o.nameZh, o.nameEn),
    }));
  };

  const replaceableOf = async (supplierIds: readonly string[], locale: Locale) => {
    const lists = await Promise.all(
      supplierIds.map((id) => listProducts(db, { reach: organisationReach(id), offset: 0, limit: 1000 })),
    );
    return lists
      .flatMap((l) => l.items)
      .map((p) => ({ id: p.id, text: `${inLocale(locale, p.nameZh, p.nameEn)}（${p.model}）` }));
  };

  const newPage = async (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = supplierMessages.for(ctx.locale);
    const suppliers = await suppliersOf(request, ctx.locale);
    const setting: FormSetting = {
      mode: 'new',
      action: '/supplier/products/new',
      groups: await divisionGroups(services, ctx.locale),
      suppliers,
      replaceable: await replaceableOf(
        suppliers.map((s) => s.id),
        ctx.locale,
      ),
      documentsKept: 0,
      cancelHref: '/supplier/products',
    };
    return sendPage(
      reply,
      <SupplierPage ctx={ctx} title={t('newTitle')} crumbs={[{ text: t('newTitle') }]} errors={state.errors}>
        <h1 class="fj-heading-l">{t('newTitle')}</h1>
        <p class="fj-body">{t('formLead')}</p>
        <form method="post" action={setting.action} novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <ProductFormFields ctx={ctx} setting={setting} state={state} />
        </form>
      </SupplierPage>,
      status,
    );
  };

  const errorsOf = (locale: Locale, problems: readonly FormProblem[]): FieldErrors => {
    const t = supplierMessages.for(locale);
    return Object.fromEntries(problems.map((p) => [p.field, problemText(t, locale, p)]));
  };

  app.get(
    '/supplier/products/new',
    { config: { access: 'product.edit' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => newPage(request, reply, { values: {}, errors: {}, attributesOf: '' }),
  );

  app.post(
    '/supplier/products/new',
    { config: { access: 'product.edit' }, schema: { hide: true, body: ProductFormBody } },
    async (request, reply) => {
      const body = request.body as ProductForm;
      const t = supplierMessages.for(request.locale);
      const suppliers = await suppliersOf(request, request.locale);
      const chosen = trimmed(body.supplierId);
      const supplierId =
        suppliers.length === 1 ? suppliers[0]?.id : suppliers.find((s) => s.id === chosen)?.id;
      const { details, problems } = detailsFromForm(body, undefined, await services.knownIsoCodes());
      const errors: Record<string, string> = {};
      if (supplierId === undefined) errors.supplierId = t('err_supplierMissing');
      Object.assign(errors, errorsOf(request.locale, problems));
      const replacesProductId = trimmed(body.replacesProductId) || null;
      const state = { values: body, attributesOf: trimmed(body.attributesOf) };
      if (supplierId === undefined || Object.keys(errors).length > 0)
        return newPage(request, reply, { ...state, errors }, 400);
      await authorise(
        db,
        request,
        'product.edit',
        { type: 'organisation', id: supplierId },
        { organisationIds: [supplierId] },
      );
      let created: { productId: string };
      try {
        created = await createProduct(db, commandContext(request), {
          supplierId,
          details,
          replacesProductId,
        });
      } catch (error) {
        if (error instanceof CatalogCommandError && error.code === 'replaces_unknown')
          return newPage(
            request,
            reply,
            { ...state, errors: { replacesProductId: t('err_replacesUnknown') } },
            400,
          );
        throw error;
      }
      if (body.intent === 'submit') await submitProduct(db, commandContext(request), created.productId);
      const done = body.intent === 'submit' ? 'submitted' : 'created';
      return reply.redirect(`/supplier/products/${created.productId}?done=${done}`, 303);
    },
  );

  /** The version a change starts from: the one being worked on, else the published one. */
  const latestDetails = async (product: ProductRecord): Promise<ProductDetails | undefined> => {
    const version = product.workingVersion ?? product.publishedVersion;
    return version === null ? undefined : (await findVersion(db, product.id, version))?.details;
  };

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    product: ProductRecord,
    state: FormState | undefined,
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = supplierMessages.for(ctx.locale);
    const versions = await listVersions(db, product.id);
    const latest = versions.find((v) => v.version === (product.workingVersion ?? product.publishedVersion));
    const details = latest?.details;
    const name = details ? productName(ctx, details) : product.id;
    const title = t('editTitle', { name });
    const crumbs = [{ text: name, href: `/supplier/products/${product.id}` }, { text: t('actionEdit') }];
    const working = workingStateOf(product, versions);
    if (!allowedCommands(product.status, working).includes('save')) {
      return sendPage(
        reply,
        <SupplierPage ctx={ctx} title={title} crumbs={crumbs}>
          <h1 class="fj-heading-l">{title}</h1>
          <p class="fj-body">{t('err_notAllowedNow')}</p>
          <p class="fj-body">
            <a href={`/supplier/products/${product.id}`}>{t('back')}</a>
          </p>
        </SupplierPage>,
        409,
      );
    }
    const shown = state ?? {
      values: details ? formFromDetails(details) : {},
      errors: {},
      attributesOf: details?.isoCode ?? '',
    };
    const setting: FormSetting = {
      mode: 'edit',
      action: `/supplier/products/${product.id}/edit`,
      groups: await divisionGroups(services, ctx.locale),
      suppliers: [],
      replaceable: [],
      documentsKept: Math.max(0, (details?.documents.length ?? 0) - 1),
      cancelHref: `/supplier/products/${product.id}`,
    };
    const lead =
      working === 'rejected'
        ? t('editLeadRejected')
        : product.publishedVersion !== null && product.workingVersion === null
          ? t('editLeadPublished')
          : t('formLead');
    return sendPage(
      reply,
      <SupplierPage ctx={ctx} title={title} crumbs={crumbs} errors={shown.errors}>
        <h1 class="fj-heading-l">{title}</h1>
        <p class="fj-body">{lead}</p>
        <form method="post" action={setting.action} novalidate>
          <CsrfField token={reply.generateCsrf()} />
          <ProductFormFields ctx={ctx} setting={setting} state={shown} />
        </form>
      </SupplierPage>,
      status,
    );
  };

  app.get(
    '/supplier/products/:id/edit',
    {
      config: { access: 'product.edit' },
      schema: { hide: true, params: IdParams, querystring: PageQuery },
    },
    async (request, reply) =>
      editPage(request, reply, await services.productFor(request, 'product.edit'), undefined),
  );

  app.post(
    '/supplier/products/:id/edit',
    { config: { access: 'product.edit' }, schema: { hide: true, params: IdParams, body: ProductFormBody } },
    async (request, reply) => {
      const product = await services.productFor(request, 'product.edit');
      const body = request.body as ProductForm;
      const previous = await latestDetails(product);
      const { details, problems } = detailsFromForm(body, previous, await services.knownIsoCodes());
      const state = { values: body, attributesOf: trimmed(body.attributesOf) };
      if (problems.length > 0)
        return editPage(
          request,
          reply,
          product,
          { ...state, errors: errorsOf(request.locale, problems) },
          400,
        );
      try {
        await saveDraft(db, commandContext(request), product.id, details);
        if (body.intent === 'submit') await submitProduct(db, commandContext(request), product.id);
      } catch (error) {
        // Another person submitted it while this form was open: the page says it cannot be changed now.
        if (error instanceof CatalogCommandError && error.code === 'not_allowed_now')
          return editPage(request, reply, (await findProduct(db, product.id)) ?? product, undefined);
        throw error;
      }
      const done = body.intent === 'submit' ? 'submitted' : 'saved';
      return reply.redirect(`/supplier/products/${product.id}?done=${done}`, 303);
    },
  );
}
