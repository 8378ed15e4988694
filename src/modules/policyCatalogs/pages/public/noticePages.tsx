import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Queryable } from '../../../../platform/db/index.ts';
import {
  DoneQuery,
  HttpError,
  IdParams,
  PageQuery,
  pageContext,
  StrictBody,
  sendPage,
} from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  CsrfField,
  doneText,
  type FieldErrors,
  FormPage,
  type PageContext,
  SummaryList,
  shellMessages,
  Table,
  type TableCell,
  Textarea,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { type ProductSummary, productSummaries } from '../../../catalog/index.ts';
import { type Admission, findAdmission, listNotices, objectionsOf } from '../../admissionsRepo.ts';
import { AdmissionProblem, object as objectToAdmission } from '../../admissionsService.ts';
import { findCatalog, readSettings } from '../../catalogsRepo.ts';
import { publicStatuses } from '../../domain/catalogWorkflow.ts';
import { beijingDay } from '../../domain/policyYear.ts';
import { money } from '../labels.ts';
import {
  AdmissionStatusTag,
  appliedProductName,
  commandContext,
  dayText,
  FreeText,
  inLocale,
  itemHref,
  Named,
  notFound,
  trimmed,
} from '../shared.tsx';
import { type PublicT, publicPolicyMessages } from './messages.ts';

export const maxGrounds = 2000;
export const maxName = 50;
const maxContact = 100;

const itemText = (t: PublicT, locale: Locale, a: Admission) =>
  t('itemInYear', {
    code: a.itemCode,
    name: inLocale(locale, a.itemNameZh, a.itemNameEn),
    year: a.catalogYear,
  });

const noticePeriod = (t: PublicT, locale: Locale, a: Admission) =>
  t('period', { from: dayText(a.noticeStartsOn, locale), to: dayText(a.noticeEndsOn, locale) });

function NoticesTable(props: {
  locale: Locale;
  id: string;
  caption: string;
  notices: readonly Admission[];
  products: ReadonlyMap<string, ProductSummary>;
}) {
  const { locale, notices, products } = props;
  const t = publicPolicyMessages.for(locale);
  return (
    <Table
      id={props.id}
      caption={props.caption}
      captionVisuallyHidden
      firstCellIsHeader
      columns={[
        { header: t('colProduct') },
        { header: t('colSupplier') },
        { header: t('colItem') },
        { header: t('colPrice'), numeric: true },
        { header: t('colNoticePeriod') },
        { header: t('colStatus') },
      ]}
      rows={notices.map((a): TableCell[] => {
        const product = products.get(a.productId);
        return [
          { content: <a href={`/notices/${a.id}`}>{appliedProductName(locale, a, product)}</a> },
          {
            content: product && (
              <Named locale={locale} zh={product.supplierNameZh} en={product.supplierNameEn} />
            ),
          },
          itemText(t, locale, a),
          money(a.priceFen, locale),
          noticePeriod(t, locale, a),
          { content: <AdmissionStatusTag locale={locale} status={a.status} /> },
        ];
      })}
    />
  );
}

function NoticesPage(props: {
  ctx: PageContext;
  notices: readonly Admission[];
  products: ReadonlyMap<string, ProductSummary>;
  noticeDays: number;
}) {
  const { ctx, notices, products } = props;
  const t = publicPolicyMessages.for(ctx.locale);
  const current = notices.filter((a) => a.status === 'notice');
  const concluded = notices.filter((a) => a.status !== 'notice');
  return (
    <FormPage ctx={ctx} title={t('noticesTitle')} crumbs={[{ text: t('noticesTitle') }]}>
      <h1 class="fj-heading-l">{t('noticesTitle')}</h1>
      <p class="fj-lead">{t('noticesLead', { days: props.noticeDays })}</p>
      <h2 class="fj-heading-m">{t('currentTitle')}</h2>
      {current.length === 0 ? (
        <p class="fj-body">{t('noCurrent')}</p>
      ) : (
        <NoticesTable
          locale={ctx.locale}
          id="current"
          caption={t('currentCaption')}
          notices={current}
          products={products}
        />
      )}
      <h2 class="fj-heading-m">{t('concludedTitle')}</h2>
      {concluded.length === 0 ? (
        <p class="fj-body">{t('noConcluded')}</p>
      ) : (
        <NoticesTable
          locale={ctx.locale}
          id="concluded"
          caption={t('concludedCaption')}
          notices={concluded}
          products={products}
        />
      )}
    </FormPage>
  );
}

interface ObjectionForm {
  readonly name: string;
  readonly contact: string;
  readonly grounds: string;
}

/** Everything the notice page shows; never who objected or what they wrote. */
interface NoticeView {
  readonly admission: Admission;
  readonly product: ProductSummary | undefined;
  /** The item's version is public, so its page can be linked. */
  readonly itemIsPublic: boolean;
  readonly objections: number;
  /** Objections are still taken: on notice, and today is within the period. */
  readonly open: boolean;
}

function NoticeSummary({ locale, view }: { locale: Locale; view: NoticeView }) {
  const t = publicPolicyMessages.for(locale);
  const { admission: a, product } = view;
  const name = appliedProductName(locale, a, product);
  return (
    <SummaryList
      rows={[
        {
          key: t('rowProduct'),
          value: product?.published ? <a href={`/products/${a.productId}`}>{name}</a> : name,
        },
        { key: t('rowModel'), value: product?.model ?? '' },
        {
          key: t('rowSupplier'),
          value:
            product === undefined ? '' : inLocale(locale, product.supplierNameZh, product.supplierNameEn),
        },
        {
          key: t('rowItem'),
          value: view.itemIsPublic ? (
            <a href={itemHref(a.catalogYear, a.itemCode)}>{itemText(t, locale, a)}</a>
          ) : (
            itemText(t, locale, a)
          ),
        },
        { key: t('rowPrice'), value: money(a.priceFen, locale) },
        {
          key: t('rowReason'),
          value: a.decisionReason === null ? t('none') : <FreeText locale={locale} text={a.decisionReason} />,
        },
        { key: t('rowNoticeStarts'), value: dayText(a.noticeStartsOn, locale) },
        { key: t('rowNoticeEnds'), value: dayText(a.noticeEndsOn, locale) },
        { key: t('rowStatus'), value: <AdmissionStatusTag locale={locale} status={a.status} /> },
        { key: t('rowObjections'), value: t('objectionsCount', { count: view.objections }) },
      ]}
    />
  );
}

function ObjectionFields(props: {
  ctx: PageContext;
  form: ObjectionForm;
  errors: FieldErrors;
  csrf: string;
  id: string;
}) {
  const { ctx, form, errors } = props;
  const t = publicPolicyMessages.for(ctx.locale);
  const shell = shellMessages.for(ctx.locale);
  return (
    <form method="post" action={`/notices/${props.id}/objections`} novalidate>
      <CsrfField token={props.csrf} />
      <TextInput
        id="name"
        name="name"
        label={t('fieldName')}
        hint={t('privacyText')}
        value={form.name}
        error={errors.name}
        errorPrefix={shell('errorPrefix')}
        autocomplete="name"
        spellcheck={false}
        width="20"
        maxlength={maxName}
      />
      <TextInput
        id="contact"
        name="contact"
        label={t('fieldContact')}
        hint={t('fieldContactHint')}
        value={form.contact}
        error={errors.contact}
        errorPrefix={shell('errorPrefix')}
        autocomplete="email"
        spellcheck={false}
        width="30"
        maxlength={maxContact}
      />
      <Textarea
        id="grounds"
        name="grounds"
        label={t('fieldGrounds')}
        hint={t('fieldGroundsHint', { max: maxGrounds })}
        value={form.grounds}
        error={errors.grounds}
        errorPrefix={shell('errorPrefix')}
        rows={8}
        maxlength={maxGrounds}
      />
      <Button preventDoubleClick>{t('submitObjection')}</Button>
    </form>
  );
}

function NoticePage(props: {
  ctx: PageContext;
  view: NoticeView;
  form: ObjectionForm;
  errors: FieldErrors;
  csrf: string;
  done: string | undefined;
}) {
  const { ctx, view } = props;
  const { locale } = ctx;
  const t = publicPolicyMessages.for(locale);
  const title = t('noticeTitle', { product: appliedProductName(locale, view.admission, view.product) });
  return (
    <FormPage
      ctx={ctx}
      title={title}
      crumbs={[{ text: t('noticesTitle'), href: '/notices' }, { text: title }]}
      errors={props.errors}
      done={props.done}
    >
      <h1 class="fj-heading-l">{title}</h1>
      <NoticeSummary locale={locale} view={view} />
      <h2 class="fj-heading-m" id="objection" tabindex={-1}>
        {t('howTitle')}
      </h2>
      <p class="fj-body">{t('howText')}</p>
      <p class="fj-body">{t('howRuling')}</p>
      {view.open ? (
        <>
          <h3 class="fj-heading-s">{t('formTitle')}</h3>
          <ObjectionFields
            ctx={ctx}
            form={props.form}
            errors={props.errors}
            csrf={props.csrf}
            id={view.admission.id}
          />
        </>
      ) : (
        <p class="fj-body">{t('howEnded')}</p>
      )}
      <p class="fj-body">
        <a href="/notices">{t('noticesTitle')}</a>
      </p>
    </FormPage>
  );
}

/** An admission put on public notice, with what its page shows; anything else is not found. */
async function noticeView(db: Queryable, id: string, today: string): Promise<NoticeView> {
  const admission = await findAdmission(db, id);
  if (admission?.noticeStartsOn == null || admission.noticeEndsOn === null) throw notFound();
  const [products, catalog, objections] = await Promise.all([
    productSummaries(db, [admission.productId]),
    findCatalog(db, 'subsidy', admission.catalogYear),
    objectionsOf(db, admission.id),
  ]);
  return {
    admission,
    product: products.get(admission.productId),
    itemIsPublic: catalog !== undefined && publicStatuses.includes(catalog.status),
    objections: objections.length,
    open: admission.status === 'notice' && today <= admission.noticeEndsOn,
  };
}

const phonePattern = /^\+?[0-9][0-9 -]{5,22}[0-9]$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form's problems, field by field, in the order the fields appear. */
export function objectionErrors(t: PublicT, form: ObjectionForm): FieldErrors {
  const errors: Record<string, string> = {};
  if (form.name === '') errors.name = t('err_nameRequired');
  else if ([...form.name].length > maxName) errors.name = t('err_nameTooLong', { max: maxName });
  if (form.contact === '') errors.contact = t('err_contactRequired');
  else if (
    form.contact.length > maxContact ||
    !(phonePattern.test(form.contact) || emailPattern.test(form.contact))
  )
    errors.contact = t('err_contactFormat');
  if (form.grounds === '') errors.grounds = t('err_groundsRequired');
  else if ([...form.grounds].length > maxGrounds)
    errors.grounds = t('err_groundsTooLong', { max: maxGrounds });
  return errors;
}

// Every field optional in the schema: a field left out gets the page's error summary, not a bare 400.
const ObjectionBody = StrictBody({
  name: Type.Optional(Type.String({ maxLength: 1000 })),
  contact: Type.Optional(Type.String({ maxLength: 1000 })),
  grounds: Type.Optional(Type.String({ maxLength: 20_000 })),
});

/** GET /notices, GET /notices/:id and POST /notices/:id/objections. */
export function noticePages(app: FastifyInstance, deps: ModuleDeps): void {
  const { config, assets, db, keyring } = deps;

  app.get(
    '/notices',
    { config: { access: 'public' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const [notices, settings] = await Promise.all([listNotices(db), readSettings(db)]);
      const products = await productSummaries(db, [...new Set(notices.map((a) => a.productId))]);
      const ctx = pageContext(config, assets, request, reply);
      return sendPage(
        reply,
        <NoticesPage ctx={ctx} notices={notices} products={products} noticeDays={settings.noticeDays} />,
      );
    },
  );

  const noticePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    view: NoticeView,
    state: { form?: ObjectionForm; errors?: FieldErrors; done?: string | undefined },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    return sendPage(
      reply,
      <NoticePage
        ctx={ctx}
        view={view}
        form={state.form ?? { name: '', contact: '', grounds: '' }}
        errors={state.errors ?? {}}
        csrf={reply.generateCsrf()}
        done={state.done}
      />,
      status,
    );
  };

  app.get(
    '/notices/:id',
    { config: { access: 'public' }, schema: { hide: true, params: IdParams, querystring: DoneQuery } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { done } = request.query as { done?: string };
      const view = await noticeView(db, id, beijingDay(new Date()));
      return noticePage(request, reply, view, {
        done: doneText(publicPolicyMessages, request.locale, done),
      });
    },
  );

  app.post(
    '/notices/:id/objections',
    { config: { access: 'public' }, schema: { hide: true, params: IdParams, body: ObjectionBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const body = request.body as { name?: string; contact?: string; grounds?: string };
      const today = beijingDay(new Date());
      const view = await noticeView(db, id, today);
      const t = publicPolicyMessages.for(request.locale);
      const form = {
        name: trimmed(body.name),
        contact: trimmed(body.contact),
        grounds: trimmed(body.grounds),
      };
      if (!view.open)
        return noticePage(request, reply, view, { errors: { objection: t('err_noticeEnded') } }, 400);
      const errors = objectionErrors(t, form);
      if (Object.keys(errors).length > 0) return noticePage(request, reply, view, { form, errors }, 400);
      try {
        await objectToAdmission(db, keyring, commandContext(request), id, { ...form, today });
      } catch (error) {
        // The notice ended (or was concluded) between the page and the post: say so where the form was.
        const problem = error instanceof AdmissionProblem && error.key === 'err_noticeEnded';
        const concluded = error instanceof HttpError && error.statusCode === 409;
        if (!problem && !concluded) throw error;
        const fresh = await noticeView(db, id, today);
        return noticePage(
          request,
          reply,
          fresh,
          { form, errors: { objection: t('err_noticeEnded') } },
          problem ? 400 : 409,
        );
      }
      return reply.redirect(`/notices/${id}?done=objection`, 303);
    },
  );
}
