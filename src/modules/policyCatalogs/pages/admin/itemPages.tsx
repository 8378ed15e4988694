import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { HttpError, PageQuery, pageContext, StrictBody, sendPage } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import {
  disabilityCategories,
  disabilityCategoryText,
  disabilityGradeText,
} from '../../../../platform/ids/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  ButtonGroup,
  Checkboxes,
  CsrfField,
  type FieldErrors,
  Fieldset,
  Radios,
  shellMessages,
  Textarea,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { currentDivisionCodes, type ProductSummary, productSummaries } from '../../../catalog/index.ts';
import {
  admissionsForSubsidyItem,
  type CatalogVersion,
  findCatalogById,
  findRehabItem,
  findSubsidyItem,
  type StoredSubsidyItem,
} from '../../catalogsRepo.ts';
import {
  deleteItem,
  type ItemChange,
  ItemCodeTaken,
  ItemHasAdmissions,
  saveItem,
} from '../../catalogsService.ts';
import { catalogAllows } from '../../domain/catalogWorkflow.ts';
import { applicantGroups, type RehabItem } from '../../domain/items.ts';
import { catalogStatusText, groupText, policyLabels } from '../labels.ts';
import { commandContext, inLocale, notFound } from '../shared.tsx';
import {
  emptyRehabForm,
  emptySubsidyForm,
  grades,
  maxInsuranceCode,
  maxLongText,
  maxShortText,
  type RehabItemForm,
  ratioFields,
  readRehabItem,
  readSubsidyItem,
  rehabFormFrom,
  rehabFormOf,
  type SubsidyItemForm,
  subsidyFormFrom,
  subsidyFormOf,
} from './itemForm.ts';
import { type AdminT, policyAdminMessages } from './messages.ts';
import { PolicyAdminPage } from './shared.tsx';

/**
 * One item of a draft, by form: add (…/items/new), change (…/items/:code/edit)
 * and delete (…/items/:code/delete, after a page saying what is lost). Items
 * change only in a draft; any other status answers 409 with a page saying so.
 */

const access = { access: 'policy_catalog.manage' } as const;
const CatalogParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ItemParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String({ minLength: 1, maxLength: 20 }),
});

// Limits well above the form's own, so a long text comes back as a field error with what was typed.
const short = Type.Optional(Type.String({ maxLength: 1000 }));
const long = Type.Optional(Type.String({ maxLength: 20_000 }));
const ticked = Type.Optional(
  Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })]),
);

/** Both kinds' fields: each form sends its own. */
const ItemBody = StrictBody({
  code: short,
  nameZh: short,
  nameEn: short,
  descriptionZh: long,
  descriptionEn: long,
  isoCodes: short,
  maxSubsidy: short,
  productPart: short,
  servicePart: short,
  ratioSubsistence: short,
  ratioExtremePoverty: short,
  ratioLowIncome: short,
  ratioOther: short,
  eligibleCategories: ticked,
  eligibleGrades: ticked,
  ageMin: short,
  ageMax: short,
  serviceLifeYears: short,
  quantityLimit: short,
  medicalInsurance: short,
  medicalInsuranceCode: short,
  firstOfKind: short,
  targetGroupZh: short,
  targetGroupEn: short,
  contentZh: long,
  contentEn: long,
  frequencyZh: short,
  frequencyEn: short,
  standardPrice: short,
  subsidy: short,
});

const versionHref = (catalog: CatalogVersion) => `/admin/policy-catalogs/${catalog.id}`;
const itemHref = (catalog: CatalogVersion, code: string, what: 'edit' | 'delete') =>
  `${versionHref(catalog)}/items/${encodeURIComponent(code)}/${what}`;
const newItemHref = (catalog: CatalogVersion) => `${versionHref(catalog)}/items/new`;

const catalogTitle = (locale: Locale, catalog: CatalogVersion) =>
  inLocale(locale, catalog.titleZh, catalog.titleEn);

/** The item a change starts from: a subsidy item with its admitted products, or a rehab item. */
type ExistingItem =
  | { readonly kind: 'subsidy'; readonly item: StoredSubsidyItem }
  | { readonly kind: 'rehab'; readonly item: RehabItem };

/** The form of the version's kind, with its values: blank, an item's, or as typed before a refusal. */
type FormState =
  | { readonly kind: 'subsidy'; readonly form: SubsidyItemForm }
  | { readonly kind: 'rehab'; readonly form: RehabItemForm };

function formStateOf(catalog: CatalogVersion, existing: ExistingItem | undefined): FormState {
  if (existing?.kind === 'subsidy') return { kind: 'subsidy', form: subsidyFormFrom(existing.item) };
  if (existing?.kind === 'rehab') return { kind: 'rehab', form: rehabFormFrom(existing.item) };
  return catalog.kind === 'subsidy'
    ? { kind: 'subsidy', form: emptySubsidyForm }
    : { kind: 'rehab', form: emptyRehabForm };
}

/** GET and POST …/items/new, …/items/:code/edit and …/items/:code/delete. */
export function itemPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db, config, assets } = deps;

  const catalogOf = async (request: FastifyRequest): Promise<CatalogVersion> => {
    const catalog = await findCatalogById(db, (request.params as { id: string }).id);
    if (catalog === undefined) throw notFound();
    return catalog;
  };

  const existingItem = async (catalog: CatalogVersion, code: string): Promise<ExistingItem> => {
    if (catalog.kind === 'subsidy') {
      const item = await findSubsidyItem(db, catalog.id, code);
      if (item !== undefined) return { kind: 'subsidy', item };
    } else {
      const item = await findRehabItem(db, catalog.id, code);
      if (item !== undefined) return { kind: 'rehab', item };
    }
    throw notFound();
  };

  /** The answer to any item command outside a draft: why, and what to do instead. */
  const notDraftPage = (request: FastifyRequest, reply: FastifyReply, catalog: CatalogVersion) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = policyAdminMessages.for(ctx.locale);
    const title = catalogTitle(ctx.locale, catalog);
    return sendPage(
      reply,
      <PolicyAdminPage
        ctx={ctx}
        area="catalogs"
        title={t('notDraftTitle')}
        crumbs={[{ text: title, href: versionHref(catalog) }, { text: t('notDraftTitle') }]}
      >
        <h1 class="fj-heading-l">{t('notDraftTitle')}</h1>
        <p class="fj-body">
          {t('notDraftText', {
            catalog: title,
            status: catalogStatusText(policyLabels.for(ctx.locale), catalog.status),
          })}
        </p>
        <p class="fj-body">{catalog.status === 'notice' ? t('notDraftNotice') : t('notDraftClosed')}</p>
        <p class="fj-body">
          <a href={versionHref(catalog)}>{t('backToVersion', { catalog: title })}</a>
        </p>
      </PolicyAdminPage>,
      409,
    );
  };

  /** The add or change form, with the problems of the last attempt. */
  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    catalog: CatalogVersion,
    existing: ExistingItem | undefined,
    state: FormState,
    errors: FieldErrors = {},
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = policyAdminMessages.for(ctx.locale);
    const title =
      existing === undefined ? t('newItemTitle') : t('editItemTitle', { code: existing.item.code });
    const catalogName = catalogTitle(ctx.locale, catalog);
    const products = existing?.kind === 'subsidy' ? existing.item.products.length : 0;
    const props = {
      t,
      locale: ctx.locale,
      errors,
      errorPrefix: shellMessages.for(ctx.locale)('errorPrefix'),
    };
    return sendPage(
      reply,
      <PolicyAdminPage
        ctx={ctx}
        area="catalogs"
        title={title}
        crumbs={[{ text: catalogName, href: versionHref(catalog) }, { text: title }]}
        errors={errors}
      >
        <h1 class="fj-heading-l">{title}</h1>
        <p class="fj-body">
          {existing === undefined ? t('newItemLead', { catalog: catalogName }) : t('editItemLead')}
        </p>
        {products > 0 && <p class="fj-body">{t('editItemKeepsProducts', { count: products })}</p>}
        <form
          method="post"
          action={
            existing === undefined ? newItemHref(catalog) : itemHref(catalog, existing.item.code, 'edit')
          }
          novalidate
        >
          <CsrfField token={reply.generateCsrf()} />
          {state.kind === 'subsidy' ? (
            <SubsidyFields {...props} form={state.form} />
          ) : (
            <RehabFields {...props} form={state.form} />
          )}
          <ButtonGroup>
            <Button preventDoubleClick>{existing === undefined ? t('saveNewItem') : t('saveItem')}</Button>
            <a href={versionHref(catalog)} class="fj-body">
              {t('cancel')}
            </a>
          </ButtonGroup>
        </form>
        {existing !== undefined && (
          <p class="fj-body">
            <a href={itemHref(catalog, existing.item.code, 'delete')}>{t('deleteThisItem')}</a>
          </p>
        )}
      </PolicyAdminPage>,
      status,
    );
  };

  /** The item the form describes as a change to save, or the problems with the form. */
  const readChange = async (
    locale: Locale,
    state: FormState,
    previousCode: string | null,
  ): Promise<{ change: ItemChange; errors: FieldErrors } | { change: undefined; errors: FieldErrors }> => {
    if (state.kind === 'subsidy') {
      const read = readSubsidyItem(locale, state.form, await currentDivisionCodes(db));
      return read.item === undefined
        ? { change: undefined, errors: read.errors }
        : { change: { kind: 'subsidy', item: read.item, previousCode }, errors: {} };
    }
    const read = readRehabItem(locale, state.form);
    return read.item === undefined
      ? { change: undefined, errors: read.errors }
      : { change: { kind: 'rehab', item: read.item, previousCode }, errors: {} };
  };

  /** Reads the form and saves the item: back to the version, or to the form with every problem. */
  const save = async (
    request: FastifyRequest,
    reply: FastifyReply,
    catalog: CatalogVersion,
    existing: ExistingItem | undefined,
  ) => {
    const body = request.body as Record<string, unknown>;
    const state: FormState =
      catalog.kind === 'subsidy'
        ? { kind: 'subsidy', form: subsidyFormOf(body) }
        : { kind: 'rehab', form: rehabFormOf(body) };
    const { change, errors } = await readChange(request.locale, state, existing?.item.code ?? null);
    if (change === undefined) return formPage(request, reply, catalog, existing, state, errors, 400);
    try {
      await saveItem(db, commandContext(request), catalog, change);
    } catch (error) {
      if (error instanceof ItemCodeTaken) {
        const t = policyAdminMessages.for(request.locale);
        const taken = { code: t('err_codeTaken', { code: error.code }) };
        return formPage(request, reply, catalog, existing, state, taken, 400);
      }
      // Someone started the notice meanwhile.
      if (error instanceof HttpError && error.statusCode === 409)
        return notDraftPage(request, reply, (await findCatalogById(db, catalog.id)) ?? catalog);
      throw error;
    }
    const done = existing === undefined ? 'itemAdded' : 'itemSaved';
    return reply.redirect(`${versionHref(catalog)}?done=${done}`, 303);
  };

  /** Before a deletion: what goes with the item, or why it has to stay. */
  const deletePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    catalog: CatalogVersion,
    existing: ExistingItem,
    errors: FieldErrors = {},
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = policyAdminMessages.for(ctx.locale);
    const { item } = existing;
    const title = t('deleteItemTitle', { code: item.code });
    const catalogName = catalogTitle(ctx.locale, catalog);
    const admissions = existing.kind === 'subsidy' ? await admissionsForSubsidyItem(db, existing.item.id) : 0;
    const listed =
      existing.kind === 'subsidy'
        ? await productSummaries(
            db,
            existing.item.products.map((p) => p.productId),
          )
        : new Map<string, ProductSummary>();
    return sendPage(
      reply,
      <PolicyAdminPage
        ctx={ctx}
        area="catalogs"
        title={title}
        crumbs={[{ text: catalogName, href: versionHref(catalog) }, { text: title }]}
        errors={errors}
      >
        <h1 class="fj-heading-l">{title}</h1>
        <p class="fj-body">
          {t('deleteItemLead', {
            code: item.code,
            name: inLocale(ctx.locale, item.nameZh, item.nameEn),
            catalog: catalogName,
          })}
        </p>
        {existing.kind === 'subsidy' && (
          <ProductsLost t={t} locale={ctx.locale} item={existing.item} products={listed} />
        )}
        {admissions > 0 ? (
          <>
            <p class="fj-body" id="delete">
              {t('deleteItemAdmissions', { count: admissions })}
            </p>
            <p class="fj-body">
              <a href={itemHref(catalog, item.code, 'edit')}>{t('editItemTitle', { code: item.code })}</a>
            </p>
          </>
        ) : (
          <>
            <p class="fj-body">{t('deleteItemCannotUndo')}</p>
            <form method="post" action={itemHref(catalog, item.code, 'delete')} novalidate>
              <CsrfField token={reply.generateCsrf()} />
              <ButtonGroup>
                <Button variant="warning" preventDoubleClick>
                  {t('confirmDeleteItem')}
                </Button>
                <a href={versionHref(catalog)} class="fj-body">
                  {t('cancel')}
                </a>
              </ButtonGroup>
            </form>
          </>
        )}
      </PolicyAdminPage>,
      status,
    );
  };

  /** The version the route names, if it is a draft (null: the 409 page was sent). */
  const draftOf = async (request: FastifyRequest, reply: FastifyReply) => {
    const catalog = await catalogOf(request);
    if (catalogAllows(catalog.status, 'editItems')) return catalog;
    await notDraftPage(request, reply, catalog);
    return null;
  };
  const codeOf = (request: FastifyRequest) => (request.params as { code: string }).code;

  app.get(
    '/admin/policy-catalogs/:id/items/new',
    { config: access, schema: { hide: true, params: CatalogParams, querystring: PageQuery } },
    async (request, reply) => {
      const catalog = await draftOf(request, reply);
      if (catalog === null) return reply;
      return formPage(request, reply, catalog, undefined, formStateOf(catalog, undefined));
    },
  );

  app.post(
    '/admin/policy-catalogs/:id/items/new',
    { config: access, schema: { hide: true, params: CatalogParams, body: ItemBody } },
    async (request, reply) => {
      const catalog = await draftOf(request, reply);
      if (catalog === null) return reply;
      return save(request, reply, catalog, undefined);
    },
  );

  app.get(
    '/admin/policy-catalogs/:id/items/:code/edit',
    { config: access, schema: { hide: true, params: ItemParams, querystring: PageQuery } },
    async (request, reply) => {
      const catalog = await draftOf(request, reply);
      if (catalog === null) return reply;
      const existing = await existingItem(catalog, codeOf(request));
      return formPage(request, reply, catalog, existing, formStateOf(catalog, existing));
    },
  );

  app.post(
    '/admin/policy-catalogs/:id/items/:code/edit',
    { config: access, schema: { hide: true, params: ItemParams, body: ItemBody } },
    async (request, reply) => {
      const catalog = await draftOf(request, reply);
      if (catalog === null) return reply;
      return save(request, reply, catalog, await existingItem(catalog, codeOf(request)));
    },
  );

  app.get(
    '/admin/policy-catalogs/:id/items/:code/delete',
    { config: access, schema: { hide: true, params: ItemParams, querystring: PageQuery } },
    async (request, reply) => {
      const catalog = await draftOf(request, reply);
      if (catalog === null) return reply;
      return deletePage(request, reply, catalog, await existingItem(catalog, codeOf(request)));
    },
  );

  app.post(
    '/admin/policy-catalogs/:id/items/:code/delete',
    { config: access, schema: { hide: true, params: ItemParams, body: StrictBody({}) } },
    async (request, reply) => {
      const catalog = await draftOf(request, reply);
      if (catalog === null) return reply;
      const existing = await existingItem(catalog, codeOf(request));
      try {
        await deleteItem(db, commandContext(request), catalog, catalog.kind, existing.item.code);
      } catch (error) {
        if (error instanceof ItemHasAdmissions) {
          const t = policyAdminMessages.for(request.locale);
          return deletePage(request, reply, catalog, existing, { delete: t('err_itemHasAdmissions') }, 409);
        }
        if (error instanceof HttpError && error.statusCode === 409)
          return notDraftPage(request, reply, (await findCatalogById(db, catalog.id)) ?? catalog);
        throw error;
      }
      return reply.redirect(`${versionHref(catalog)}?done=itemDeleted`, 303);
    },
  );
}

/** The products a deleted subsidy item takes out of this version, named. */
function ProductsLost(props: {
  t: AdminT;
  locale: Locale;
  item: StoredSubsidyItem;
  products: ReadonlyMap<string, ProductSummary>;
}) {
  const { t, locale } = props;
  if (props.item.products.length === 0) return <p class="fj-body">{t('deleteItemNoProducts')}</p>;
  return (
    <>
      <p class="fj-body">{t('deleteItemProducts', { count: props.item.products.length })}</p>
      <ul class="fj-list" id="products">
        {props.item.products.map(({ productId }) => {
          const product = props.products.get(productId);
          return (
            <li key={productId}>
              {product === undefined
                ? productId
                : t('deleteItemProduct', {
                    name: inLocale(locale, product.nameZh, product.nameEn),
                    model: product.model,
                    supplier: inLocale(locale, product.supplierNameZh, product.supplierNameEn),
                  })}
            </li>
          );
        })}
      </ul>
    </>
  );
}

interface FieldsProps<F> {
  t: AdminT;
  locale: Locale;
  form: F;
  errors: FieldErrors;
  errorPrefix: string;
}

/** What every text field of these forms shares: its id and name, what was typed, its error. */
const fieldOf = (errors: FieldErrors, errorPrefix: string) => (name: string, value: string) => ({
  id: name,
  name,
  value,
  error: errors[name],
  errorPrefix,
});

/**
 * One text in Chinese and in English, a field each: the Chinese first, the
 * English spell-checked; long texts are text areas.
 */
function TextPair(props: {
  field: ReturnType<typeof fieldOf>;
  names: readonly [string, string];
  values: readonly [string, string];
  labels: readonly [string, string];
  hints?: readonly [string | undefined, string | undefined];
  long?: boolean;
}) {
  return (
    <>
      {([0, 1] as const).map((i) => {
        const common = {
          ...props.field(props.names[i], props.values[i]),
          label: props.labels[i],
          ...(props.hints?.[i] === undefined ? {} : { hint: props.hints[i] }),
          ...(i === 1 ? { spellcheck: true } : {}),
        };
        return props.long ? (
          <Textarea key={props.names[i]} {...common} rows={4} maxlength={maxLongText} />
        ) : (
          <TextInput key={props.names[i]} {...common} maxlength={maxShortText} autocomplete="off" />
        );
      })}
    </>
  );
}

/** The categories, each named as the catalogs name them. */
const categoryItems = (locale: Locale) => {
  return disabilityCategories.map((c) => ({ value: c, text: disabilityCategoryText(locale, c) }));
};

/** The amount fields: typed in yuan, with at most two decimals. */
const yuanInput = {
  width: '10',
  inputmode: 'decimal',
  autocomplete: 'off',
  prefix: '¥',
  maxlength: 20,
} as const;
const wholeInput = { width: '3', inputmode: 'numeric', autocomplete: 'off', maxlength: 3 } as const;

function CodeAndNames(
  props: FieldsProps<{ code: string; nameZh: string; nameEn: string }> & { codeHint: string },
) {
  const { t, form } = props;
  const field = fieldOf(props.errors, props.errorPrefix);
  return (
    <>
      <TextInput
        {...field('code', form.code)}
        label={t('itemFieldCode')}
        hint={props.codeHint}
        width="10"
        autocomplete="off"
        spellcheck={false}
        maxlength={12}
      />
      <TextPair
        field={field}
        names={['nameZh', 'nameEn']}
        values={[form.nameZh, form.nameEn]}
        labels={[t('itemFieldNameZh'), t('itemFieldNameEn')]}
      />
    </>
  );
}

function AgeFields(props: FieldsProps<{ ageMin: string; ageMax: string }>) {
  const { t, form } = props;
  const field = fieldOf(props.errors, props.errorPrefix);
  return (
    <Fieldset legend={t('itemAgesLegend')} legendSize="m">
      <p class="fj-body">{t('itemAgesHint')}</p>
      <TextInput {...field('ageMin', form.ageMin)} label={t('itemFieldAgeMin')} {...wholeInput} />
      <TextInput {...field('ageMax', form.ageMax)} label={t('itemFieldAgeMax')} {...wholeInput} />
    </Fieldset>
  );
}

function SubsidyFields(props: FieldsProps<SubsidyItemForm>) {
  const { t, locale, form, errors, errorPrefix } = props;
  const l = policyLabels.for(locale);
  const field = fieldOf(errors, errorPrefix);
  return (
    <>
      <CodeAndNames {...props} codeHint={t('itemCodeHintSubsidy')} />
      <TextPair
        field={field}
        names={['descriptionZh', 'descriptionEn']}
        values={[form.descriptionZh, form.descriptionEn]}
        labels={[t('itemFieldDescriptionZh'), t('itemFieldDescriptionEn')]}
        long
      />
      <TextInput
        {...field('isoCodes', form.isoCodes)}
        label={t('itemFieldIsoCodes')}
        hint={t('itemIsoCodesHint')}
        width="20"
        autocomplete="off"
        spellcheck={false}
        maxlength={200}
      />
      <Fieldset legend={t('itemAmountsLegend')} legendSize="m">
        <p class="fj-body">{t('itemAmountsHint')}</p>
        <TextInput
          {...field('maxSubsidy', form.maxSubsidy)}
          label={t('itemFieldMaxSubsidy')}
          {...yuanInput}
        />
        <TextInput
          {...field('productPart', form.productPart)}
          label={t('itemFieldProductPart')}
          {...yuanInput}
        />
        <TextInput
          {...field('servicePart', form.servicePart)}
          label={t('itemFieldServicePart')}
          {...yuanInput}
        />
      </Fieldset>
      <Fieldset legend={t('itemRatiosLegend')} legendSize="m">
        <p class="fj-body">{t('itemRatiosHint')}</p>
        {applicantGroups.map((group) => (
          <TextInput
            key={group}
            {...field(ratioFields[group], form.ratios[group])}
            label={t('itemFieldRatio', { group: groupText(l, group) })}
            {...wholeInput}
          />
        ))}
      </Fieldset>
      <Checkboxes
        idPrefix="eligibleCategories"
        name="eligibleCategories"
        legend={t('itemCategoriesLegend')}
        legendSize="m"
        hint={t('itemChooseAllHint')}
        error={errors.eligibleCategories}
        errorPrefix={errorPrefix}
        values={form.eligibleCategories}
        items={categoryItems(locale)}
      />
      <Checkboxes
        idPrefix="eligibleGrades"
        name="eligibleGrades"
        legend={t('itemGradesLegend')}
        legendSize="m"
        hint={t('itemChooseAllHint')}
        error={errors.eligibleGrades}
        errorPrefix={errorPrefix}
        values={form.eligibleGrades}
        items={grades.map((grade) => ({ value: String(grade), text: disabilityGradeText(locale, grade) }))}
      />
      <AgeFields {...props} />
      <TextInput
        {...field('serviceLifeYears', form.serviceLifeYears)}
        label={t('itemFieldServiceLife')}
        hint={t('itemServiceLifeHint')}
        {...wholeInput}
      />
      <TextInput
        {...field('quantityLimit', form.quantityLimit)}
        label={t('itemFieldQuantity')}
        hint={t('itemQuantityHint')}
        {...wholeInput}
      />
      <Radios
        idPrefix="medicalInsurance"
        name="medicalInsurance"
        legend={t('itemInsuranceLegend')}
        legendSize="m"
        inline
        value={form.medicalInsurance}
        error={errors.medicalInsurance}
        errorPrefix={errorPrefix}
        items={[
          { value: 'yes', text: t('itemInsuranceYes') },
          { value: 'no', text: t('itemInsuranceNo') },
        ]}
      />
      <TextInput
        {...field('medicalInsuranceCode', form.medicalInsuranceCode)}
        label={t('itemFieldInsuranceCode')}
        hint={t('itemInsuranceCodeHint')}
        width="20"
        autocomplete="off"
        spellcheck={false}
        maxlength={maxInsuranceCode}
      />
      <Checkboxes
        idPrefix="firstOfKind"
        name="firstOfKind"
        legend={t('itemFirstOfKindLegend')}
        legendSize="m"
        error={errors.firstOfKind}
        errorPrefix={errorPrefix}
        values={form.firstOfKind ? ['yes'] : []}
        items={[{ value: 'yes', text: t('itemFirstOfKindOption') }]}
      />
    </>
  );
}

function RehabFields(props: FieldsProps<RehabItemForm>) {
  const { t, locale, form, errors, errorPrefix } = props;
  const field = fieldOf(errors, errorPrefix);
  return (
    <>
      <CodeAndNames {...props} codeHint={t('itemCodeHintRehab')} />
      <TextPair
        field={field}
        names={['targetGroupZh', 'targetGroupEn']}
        values={[form.targetGroupZh, form.targetGroupEn]}
        labels={[t('itemFieldTargetGroupZh'), t('itemFieldTargetGroupEn')]}
      />
      <TextPair
        field={field}
        names={['contentZh', 'contentEn']}
        values={[form.contentZh, form.contentEn]}
        labels={[t('itemFieldContentZh'), t('itemFieldContentEn')]}
        long
      />
      <TextPair
        field={field}
        names={['frequencyZh', 'frequencyEn']}
        values={[form.frequencyZh, form.frequencyEn]}
        labels={[t('itemFieldFrequencyZh'), t('itemFieldFrequencyEn')]}
        hints={[t('itemFrequencyHint'), t('itemFrequencyHintEn')]}
      />
      <Fieldset legend={t('itemPriceLegend')} legendSize="m">
        <p class="fj-body">{t('itemPriceHint')}</p>
        <TextInput
          {...field('standardPrice', form.standardPrice)}
          label={t('itemFieldStandardPrice')}
          {...yuanInput}
        />
        <TextInput {...field('subsidy', form.subsidy)} label={t('itemFieldSubsidy')} {...yuanInput} />
      </Fieldset>
      <Checkboxes
        idPrefix="eligibleCategories"
        name="eligibleCategories"
        legend={t('itemCategoriesLegend')}
        legendSize="m"
        hint={t('itemChooseAllHint')}
        error={errors.eligibleCategories}
        errorPrefix={errorPrefix}
        values={form.eligibleCategories}
        items={categoryItems(locale)}
      />
      <AgeFields {...props} />
    </>
  );
}
