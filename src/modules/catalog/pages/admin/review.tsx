import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { can, reach } from '../../../../platform/auth/index.ts';
import { pageContext, sendPage } from '../../../../platform/http/index.ts';
import { formatDateTime, type Locale } from '../../../../platform/i18n/index.ts';
import { disabilityCategoryText } from '../../../../platform/ids/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  doneText,
  Pagination,
  shellMessages,
  Table,
  type TableCell,
  Tag,
  Textarea,
} from '../../../../platform/ui/index.ts';
import { commandContext } from '../../api.ts';
import type { CatalogServices } from '../../catalogServices.ts';
import { attributeDefinition } from '../../domain/attributes.ts';
import type { ProductDetails } from '../../domain/product.ts';
import { allowedCommands } from '../../domain/workflow.ts';
import {
  findProduct,
  findVersion,
  listProducts,
  listVersions,
  type ProductRecord,
} from '../../productsRepo.ts';
import {
  approveProduct,
  CatalogCommandError,
  rejectProduct,
  withdrawProduct,
} from '../../productsService.ts';
import { type SupplierT, supplierMessages } from '../supplier/messages.ts';
import {
  CsrfField,
  DoneQuery,
  type FieldErrors,
  formatCode,
  formatPrice,
  IdParams,
  inLocale,
  productName,
  StateTag,
  StatusTag,
  StrictBody,
  signedIn,
  supplierName,
  trimmed,
  workingStateOf,
} from '../supplier/shared.tsx';
import { type AdminT, catalogAdminMessages } from './messages.ts';
import { CatalogAdminPage } from './shared.tsx';

const pageSize = 25;
const maxReason = 1000;

/** One line of the comparison: what a field says in each version. */
interface Comparison {
  readonly label: string;
  readonly submitted: string;
  readonly published: string | undefined;
  /** The text language of the values, where it is not the page's. */
  readonly lang?: 'zh-CN' | 'en';
}

/** Each field of two versions as text, so a reviewer sees every difference, attributes one by one. */
export function compare(
  locale: Locale,
  t: SupplierT,
  submitted: ProductDetails,
  published: ProductDetails | undefined,
): Comparison[] {
  const joined = (items: readonly string[]) =>
    items.length === 0 ? t('none') : items.join(locale === 'zh-CN' ? '、' : ', ');
  const areas = (d: ProductDetails) => joined(d.functionAreas.map((a) => t(`area_${a}`)));
  const categories = (d: ProductDetails) =>
    joined(d.disabilityCategories.map((c) => disabilityCategoryText(locale, c)));
  const image = (d: ProductDetails) =>
    d.images.map((i) => `${i.url} (${i.altZh} / ${i.altEn})`).join('; ') || t('none');
  const documents = (d: ProductDetails) =>
    d.documents.map((x) => `${x.titleZh}: ${x.url}`).join('; ') || t('none');
  const fields: [string, (d: ProductDetails) => string, ('zh-CN' | 'en')?][] = [
    [t('fieldNameZh'), (d) => d.nameZh, 'zh-CN'],
    [t('fieldNameEn'), (d) => d.nameEn, 'en'],
    [t('rowModel'), (d) => d.model],
    [t('rowIso'), (d) => formatCode(d.isoCode)],
    [t('rowFunctionAreas'), areas],
    [t('rowCategories'), categories],
    [t('rowDescriptionZh'), (d) => d.descriptionZh || t('none'), 'zh-CN'],
    [t('rowDescriptionEn'), (d) => d.descriptionEn || t('none'), 'en'],
    [t('rowPrice'), (d) => formatPrice(d.priceFen, locale)],
    [t('rowRegistration'), (d) => d.registrationNumber ?? t('none')],
    [t('rowCertifications'), (d) => joined(d.certifications)],
    [t('rowImage'), image],
    [t('rowDocuments'), documents],
  ];
  const rows: Comparison[] = fields.map(([label, text, lang]) => ({
    label,
    submitted: text(submitted),
    published: published && text(published),
    ...(lang ? { lang } : {}),
  }));
  const ids = [
    ...new Set([...Object.keys(submitted.attributes), ...Object.keys(published?.attributes ?? {})]),
  ];
  for (const id of ids) {
    const definition = attributeDefinition(id);
    const value = (d: ProductDetails | undefined) => {
      const v = d?.attributes[id];
      return v === undefined ? t('none') : `${v}${definition?.unit ? ` ${definition.unit}` : ''}`;
    };
    rows.push({
      label: `${t('rowAttributes')}${locale === 'zh-CN' ? '：' : ': '}${definition ? inLocale(locale, definition.zh, definition.en) : id}`,
      submitted: value(submitted),
      published: published && value(published),
    });
  }
  return rows;
}

/** GET /admin/catalog/review, GET /admin/catalog/review/:id and its POSTs: approve, reject, withdraw. */
export function reviewPages(app: FastifyInstance, services: CatalogServices, deps: ModuleDeps): void {
  const { db } = services;
  const { config, assets } = deps;

  app.get(
    '/admin/catalog/review',
    {
      config: { access: 'product.review' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...DoneQuery.properties,
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const query = request.query as { page?: number; done?: string };
      const ctx = pageContext(config, assets, request, reply);
      const t = catalogAdminMessages.for(ctx.locale);
      const ts = supplierMessages.for(ctx.locale);
      const within = reach(actor, 'product.review');
      const pageOf = (page: number) =>
        listProducts(db, {
          reach: within,
          awaitingReview: true,
          offset: (page - 1) * pageSize,
          limit: pageSize,
        });
      let page = query.page ?? 1;
      let result = await pageOf(page);
      const totalPages = Math.max(1, Math.ceil(result.total / pageSize));
      if (page > totalPages) {
        page = totalPages;
        result = await pageOf(page);
      }
      const submittedAt = await Promise.all(
        result.items.map(async (p) => (await findVersion(db, p.id, p.version))?.submittedAt ?? null),
      );
      return sendPage(
        reply,
        <CatalogAdminPage
          ctx={ctx}
          title={t('reviewTitle')}
          crumbs={[{ text: t('reviewTitle') }]}
          done={doneText(catalogAdminMessages, ctx.locale, query.done)}
        >
          <h1 class="fj-heading-l">{t('reviewTitle')}</h1>
          <p class="fj-body">{t('reviewLead')}</p>
          <p class="fj-body" role="status">
            {t('reviewCount', { total: result.total })}
          </p>
          {result.items.length === 0 ? (
            <p class="fj-body">{t('reviewEmpty')}</p>
          ) : (
            <Table
              id="queue"
              caption={t('reviewCaption')}
              captionSize="m"
              captionVisuallyHidden
              columns={[
                { header: t('colProduct') },
                { header: t('colSupplier') },
                { header: t('colModel') },
                { header: t('colVersion') },
                { header: t('colSubmitted') },
              ]}
              rows={result.items.map((p, i): TableCell[] => {
                const at = submittedAt[i];
                return [
                  { content: <a href={`/admin/catalog/review/${p.id}`}>{productName(ctx, p)}</a> },
                  supplierName(ctx, p),
                  p.model,
                  ts('versionNumber', { version: p.version }),
                  at ? formatDateTime(at, ctx.locale) : '',
                ];
              })}
            />
          )}
          <Pagination
            label={t('pagination')}
            currentPage={page}
            totalPages={totalPages}
            hrefForPage={(p) => (p > 1 ? `/admin/catalog/review?page=${p}` : '/admin/catalog/review')}
            previousText={t('previous')}
            nextText={t('next')}
            pageLabel={(p) => t('page', { page: p })}
          />
        </CatalogAdminPage>,
      );
    },
  );

  const reviewPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    product: ProductRecord,
    state: {
      errors?: FieldErrors;
      rejectReason?: string;
      withdrawReason?: string;
      done?: string | undefined;
    },
    status = 200,
  ) => {
    const actor = signedIn(request);
    const ctx = pageContext(config, assets, request, reply);
    const t: AdminT = catalogAdminMessages.for(ctx.locale);
    const ts = supplierMessages.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const versions = await listVersions(db, product.id);
    const working = workingStateOf(product, versions);
    const commands = allowedCommands(product.status, working);
    const submitted =
      working === 'submitted' ? versions.find((v) => v.version === product.workingVersion) : undefined;
    const published =
      product.publishedVersion === null
        ? undefined
        : versions.find((v) => v.version === product.publishedVersion);
    const shown = submitted ?? published ?? versions[0];
    const name = shown ? productName(ctx, shown.details) : product.id;
    const title = t('reviewProductTitle', { name });
    const target = { organisationIds: [product.supplierId] };
    const errors = state.errors ?? {};
    const csrf = reply.generateCsrf();
    const rows = submitted ? compare(ctx.locale, ts, submitted.details, published?.details) : [];
    const changes = rows.filter((r) => r.published !== undefined && r.published !== r.submitted).length;
    const mayWithdraw = commands.includes('withdraw') && can(actor, 'product.withdraw', target);
    return sendPage(
      reply,
      <CatalogAdminPage
        ctx={ctx}
        title={title}
        crumbs={[{ text: t('reviewTitle'), href: '/admin/catalog/review' }, { text: name }]}
        errors={errors}
        done={state.done}
      >
        <h1 class="fj-heading-l" id="review">
          {title}
        </h1>
        <p class="fj-body">
          {ts('productLead', { supplier: supplierName(ctx, product) })} ·{' '}
          <StatusTag t={ts} status={product.status} />
        </p>
        <p class="fj-body">
          <a href={`/supplier/products/${product.id}`}>{t('supplierPageLink')}</a>
        </p>
        {submitted ? (
          <>
            <h2 class="fj-heading-m">{t('compareTitle')}</h2>
            {published && <p class="fj-body">{t('changedCount', { count: changes })}</p>}
            <Table
              id="comparison"
              caption={
                published
                  ? t('compareCaption', { version: submitted.version, published: published.version })
                  : t('compareCaptionFirst', { version: submitted.version })
              }
              captionSize="s"
              firstCellIsHeader
              columns={[
                { header: t('colField') },
                { header: t('colSubmittedVersion', { version: submitted.version }) },
                ...(published
                  ? [
                      { header: t('colPublishedVersion', { version: published.version }) },
                      { header: t('colChange') },
                    ]
                  : []),
              ]}
              rows={rows.map((r): TableCell[] => [
                r.label,
                { content: <span lang={r.lang}>{r.submitted}</span> },
                ...(published
                  ? [
                      { content: <span lang={r.lang}>{r.published}</span> },
                      {
                        content:
                          r.published !== r.submitted ? (
                            <Tag text={t('changed')} colour="yellow" />
                          ) : (
                            t('unchanged')
                          ),
                      },
                    ]
                  : []),
              ])}
            />
          </>
        ) : (
          <>
            <p class="fj-body">{t('noSubmission')}</p>
            {shown && (
              <p class="fj-body">
                {ts('versionNumber', { version: shown.version })} <StateTag t={ts} state={shown.state} />
              </p>
            )}
          </>
        )}
        {submitted && commands.includes('approve') && can(actor, 'product.review', target) && (
          <>
            <h2 class="fj-heading-m">{t('decisionTitle')}</h2>
            <h3 class="fj-heading-s">{t('approveTitle')}</h3>
            <p class="fj-body">{t('approveText')}</p>
            <form method="post" action={`/admin/catalog/review/${product.id}/approve`}>
              <CsrfField token={csrf} />
              <Button preventDoubleClick>{t('approve')}</Button>
            </form>
            <h3 class="fj-heading-s">{t('rejectTitle')}</h3>
            <form method="post" action={`/admin/catalog/review/${product.id}/reject`} novalidate>
              <CsrfField token={csrf} />
              <Textarea
                id="rejectReason"
                name="reason"
                label={t('fieldRejectReason')}
                hint={t('fieldRejectReasonHint')}
                value={state.rejectReason}
                error={errors.rejectReason}
                errorPrefix={shell('errorPrefix')}
                rows={4}
              />
              <Button variant="warning" preventDoubleClick>
                {t('reject')}
              </Button>
            </form>
          </>
        )}
        {mayWithdraw && (
          <>
            <h2 class="fj-heading-m">{t('withdrawTitle')}</h2>
            <p class="fj-body">{t('withdrawText')}</p>
            <form method="post" action={`/admin/catalog/review/${product.id}/withdraw`} novalidate>
              <CsrfField token={csrf} />
              <Textarea
                id="withdrawReason"
                name="reason"
                label={t('fieldWithdrawReason')}
                hint={t('fieldWithdrawReasonHint')}
                value={state.withdrawReason}
                error={errors.withdrawReason}
                errorPrefix={shell('errorPrefix')}
                rows={3}
              />
              <Button variant="warning" preventDoubleClick>
                {t('withdraw')}
              </Button>
            </form>
          </>
        )}
        <p class="fj-body">
          <a href="/admin/catalog/review">{t('back')}</a>
        </p>
      </CatalogAdminPage>,
      status,
    );
  };

  app.get(
    '/admin/catalog/review/:id',
    {
      config: { access: 'product.review' },
      schema: { hide: true, params: IdParams, querystring: DoneQuery },
    },
    async (request, reply) => {
      const product = await services.productFor(request, 'product.review');
      const { done } = request.query as { done?: string };
      return reviewPage(request, reply, product, {
        done: doneText(catalogAdminMessages, request.locale, done),
      });
    },
  );

  /** A refused command (decided meanwhile) re-shows the page as it is now, saying so. */
  const refused = async (
    request: FastifyRequest,
    reply: FastifyReply,
    product: ProductRecord,
    error: unknown,
  ) => {
    if (!(error instanceof CatalogCommandError) || error.code !== 'not_allowed_now') throw error;
    const t = catalogAdminMessages.for(request.locale);
    const fresh = (await findProduct(db, product.id)) ?? product;
    return reviewPage(request, reply, fresh, { errors: { review: t('err_notAllowedNow') } }, 409);
  };

  const reasonOf = (request: FastifyRequest) => trimmed((request.body as { reason?: string }).reason);

  app.post(
    '/admin/catalog/review/:id/approve',
    { config: { access: 'product.review' }, schema: { hide: true, params: IdParams, body: StrictBody({}) } },
    async (request, reply) => {
      const product = await services.productFor(request, 'product.review');
      try {
        await approveProduct(db, commandContext(request), product.id);
      } catch (error) {
        return refused(request, reply, product, error);
      }
      services.search.invalidate();
      return reply.redirect('/admin/catalog/review?done=approved', 303);
    },
  );

  app.post(
    '/admin/catalog/review/:id/reject',
    {
      config: { access: 'product.review' },
      schema: {
        hide: true,
        params: IdParams,
        body: StrictBody({ reason: Type.String({ maxLength: 10_000 }) }),
      },
    },
    async (request, reply) => {
      const product = await services.productFor(request, 'product.review');
      const t = catalogAdminMessages.for(request.locale);
      const reason = reasonOf(request);
      const error =
        reason === ''
          ? t('err_rejectReasonRequired')
          : reason.length > maxReason
            ? t('err_reasonTooLong')
            : undefined;
      if (error !== undefined)
        return reviewPage(
          request,
          reply,
          product,
          { rejectReason: reason, errors: { rejectReason: error } },
          400,
        );
      try {
        await rejectProduct(db, commandContext(request), product.id, reason);
      } catch (failure) {
        return refused(request, reply, product, failure);
      }
      return reply.redirect('/admin/catalog/review?done=rejected', 303);
    },
  );

  app.post(
    '/admin/catalog/review/:id/withdraw',
    {
      config: { access: 'product.withdraw' },
      schema: {
        hide: true,
        params: IdParams,
        body: StrictBody({ reason: Type.String({ maxLength: 10_000 }) }),
      },
    },
    async (request, reply) => {
      const product = await services.productFor(request, 'product.withdraw');
      const t = catalogAdminMessages.for(request.locale);
      const reason = reasonOf(request);
      const error =
        reason === ''
          ? t('err_withdrawReasonRequired')
          : reason.length > maxReason
            ? t('err_reasonTooLong')
            : undefined;
      if (error !== undefined)
        return reviewPage(
          request,
          reply,
          product,
          { withdrawReason: reason, errors: { withdrawReason: error } },
          400,
        );
      try {
        await withdrawProduct(db, commandContext(request), product.id, reason);
      } catch (failure) {
        return refused(request, reply, product, failure);
      }
      services.search.invalidate();
      return reply.redirect(`/admin/catalog/review/${product.id}?done=withdrawn`, 303);
    },
  );
}
