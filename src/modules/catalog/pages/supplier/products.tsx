import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { can, mayEver, reach } from '../../../../platform/auth/index.ts';
import { PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import { formatDateTime } from '../../../../platform/i18n/index.ts';
import { disabilityCategoryText } from '../../../../platform/ids/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  ButtonGroup,
  doneText,
  NotificationBanner,
  type PageContext,
  Pagination,
  Select,
  SummaryList,
  type SummaryListRow,
  shellMessages,
  Table,
  type TableCell,
  Textarea,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { commandContext } from '../../api.ts';
import type { CatalogServices } from '../../catalogServices.ts';
import { attributeDefinition } from '../../domain/attributes.ts';
import { type ProductDetails, type ProductStatus, productStatuses } from '../../domain/product.ts';
import { allowedCommands } from '../../domain/workflow.ts';
import {
  findProduct,
  findVersion,
  listProducts,
  listVersions,
  type ProductRecord,
  type ProductVersion,
  successorsOf,
} from '../../productsRepo.ts';
import { CatalogCommandError, submitProduct, withdrawProduct } from '../../productsService.ts';
import { type SupplierT, supplierMessages } from './messages.ts';
import {
  ActionButton,
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
  SupplierPage,
  signedIn,
  supplierName,
  trimmed,
  workingStateOf,
} from './shared.tsx';

const pageSize = 25;
const maxReason = 1000;

/** A version's details as rows of a summary list, in the page's language. */
export function detailRows(ctx: PageContext, t: SupplierT, d: ProductDetails): SummaryListRow[] {
  const lang = ctx.locale;
  const joined = (items: readonly string[]) =>
    items.length === 0 ? t('none') : items.join(lang === 'zh-CN' ? '、' : ', ');
  const attributes = Object.entries(d.attributes).map(([id, value]) => {
    const definition = attributeDefinition(id);
    const name = definition ? inLocale(lang, definition.zh, definition.en) : id;
    return `${name}${lang === 'zh-CN' ? '：' : ': '}${value}${definition?.unit ? ` ${definition.unit}` : ''}`;
  });
  const image = d.images[0];
  return [
    { key: t('fieldNameZh'), value: <span lang="zh-CN">{d.nameZh}</span> },
    { key: t('fieldNameEn'), value: <span lang="en">{d.nameEn}</span> },
    { key: t('rowModel'), value: d.model },
    { key: t('rowIso'), value: formatCode(d.isoCode) },
    { key: t('rowFunctionAreas'), value: joined(d.functionAreas.map((a) => t(`area_${a}`))) },
    {
      key: t('rowCategories'),
      value: joined(d.disabilityCategories.map((c) => disabilityCategoryText(ctx.locale, c))),
    },
    {
      key: t('rowDescriptionZh'),
      value: d.descriptionZh === '' ? t('none') : <span lang="zh-CN">{d.descriptionZh}</span>,
    },
    {
      key: t('rowDescriptionEn'),
      value: d.descriptionEn === '' ? t('none') : <span lang="en">{d.descriptionEn}</span>,
    },
    { key: t('rowPrice'), value: formatPrice(d.priceFen, lang) },
    { key: t('rowRegistration'), value: d.registrationNumber ?? t('none') },
    { key: t('rowCertifications'), value: joined(d.certifications) },
    {
      key: t('rowAttributes'),
      value:
        attributes.length === 0 ? (
          t('none')
        ) : (
          <ul class="fj-list">
            {attributes.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        ),
    },
    {
      key: t('rowImage'),
      value: image ? (
        <>
          <span class="fj-code fj-code--break">{image.url}</span>
          <br />
          {inLocale(lang, image.altZh, image.altEn)}
        </>
      ) : (
        t('none')
      ),
    },
    {
      key: t('rowDocuments'),
      value: d.documents.length === 0 ? t('none') : t('documentsCount', { count: d.documents.length }),
    },
  ];
}

/** GET /supplier/products, GET /supplier/products/:id, POST …/:id/submit, GET and POST …/:id/withdraw. */
export function productPages(app: FastifyInstance, services: CatalogServices, deps: ModuleDeps): void {
  const { db } = services;
  const { config, assets } = deps;

  app.get(
    '/supplier/products',
    {
      config: { access: 'product.read' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...DoneQuery.properties,
          q: Type.Optional(Type.String({ maxLength: 100 })),
          status: Type.Optional(
            Type.Union([Type.Literal(''), ...productStatuses.map((s) => Type.Literal(s))]),
          ),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const query = request.query as {
        q?: string;
        status?: ProductStatus | '';
        page?: number;
        done?: string;
      };
      const ctx = pageContext(config, assets, request, reply);
      const t = supplierMessages.for(ctx.locale);
      const within = reach(actor, 'product.read');
      // The list holds exactly what this user could open one by one (SECURITY.md 7).
      const several = within.all || within.organisationIds.length > 1;
      const text = trimmed(query.q);
      const filter = { reach: within, status: query.status || undefined, text: text || undefined };
      const pageOf = (page: number) =>
        listProducts(db, { ...filter, offset: (page - 1) * pageSize, limit: pageSize });
      let page = query.page ?? 1;
      let result = await pageOf(page);
      const totalPages = Math.max(1, Math.ceil(result.total / pageSize));
      if (page > totalPages) {
        page = totalPages;
        result = await pageOf(page);
      }
      const href = (p: number) => {
        const search = new URLSearchParams();
        if (text) search.set('q', text);
        if (query.status) search.set('status', query.status);
        if (p > 1) search.set('page', String(p));
        const s = search.toString();
        return s === '' ? '/supplier/products' : `/supplier/products?${s}`;
      };
      const title = within.all ? t('productsTitleAll') : t('productsTitle');
      const mayEdit = mayEver(actor, 'product.edit');
      return sendPage(
        reply,
        <SupplierPage
          ctx={ctx}
          title={title}
          crumbs={[]}
          done={doneText(supplierMessages, ctx.locale, query.done)}
        >
          <h1 class="fj-heading-l">{title}</h1>
          <p class="fj-body">{within.all ? t('productsLeadAll') : t('productsLead')}</p>
          {mayEdit && (
            <ButtonGroup>
              <Button href="/supplier/products/new">{t('newProduct')}</Button>
              <Button href="/supplier/imports/new" variant="secondary">
                {t('importProducts')}
              </Button>
              <a href="/supplier/imports" class="fj-body">
                {t('importsLink')}
              </a>
            </ButtonGroup>
          )}
          <form method="get" action="/supplier/products" class="fj-filters" novalidate>
            <h2 class="fj-heading-m">{t('filters')}</h2>
            <div class="fj-filters__grid">
              <TextInput
                id="q"
                name="q"
                type="search"
                label={t('filterText')}
                hint={t('filterTextHint')}
                value={text}
                autocomplete="off"
                maxlength={100}
              />
              <Select
                id="status"
                name="status"
                label={t('filterStatus')}
                value={query.status ?? ''}
                options={[
                  { value: '', text: t('statusAll') },
                  ...productStatuses.map((s) => ({ value: s, text: t(`status_${s}`) })),
                ]}
              />
            </div>
            <ButtonGroup>
              <Button>{t('applyFilters')}</Button>
              <a href="/supplier/products" class="fj-body">
                {t('clearFilters')}
              </a>
            </ButtonGroup>
          </form>
          <p class="fj-body" role="status">
            {t('productsCount', { total: result.total })}
          </p>
          {result.items.length === 0 ? (
            <p class="fj-body">{t('noProducts')}</p>
          ) : (
            <Table
              id="products"
              caption={t('productsCaption')}
              captionSize="m"
              columns={[
                { header: t('colName') },
                ...(several ? [{ header: t('colSupplier') }] : []),
                { header: t('colModel') },
                { header: t('colIso') },
                { header: t('colPrice'), numeric: true },
                { header: t('colStatus') },
                { header: t('colVersion') },
                { header: t('colUpdated') },
              ]}
              rows={result.items.map((p): TableCell[] => [
                { content: <a href={`/supplier/products/${p.id}`}>{productName(ctx, p)}</a> },
                ...(several ? [supplierName(ctx, p)] : []),
                p.model,
                formatCode(p.isoCode),
                formatPrice(p.priceFen, ctx.locale),
                { content: <StatusTag t={t} status={p.status} /> },
                {
                  content: (
                    <>
                      {t('versionNumber', { version: p.version })} <StateTag t={t} state={p.versionState} />
                    </>
                  ),
                },
                formatDateTime(p.updatedAt, ctx.locale),
              ])}
            />
          )}
          <Pagination
            label={t('pagination')}
            currentPage={page}
            totalPages={totalPages}
            hrefForPage={href}
            previousText={t('previous')}
            nextText={t('next')}
            pageLabel={(p) => t('page', { page: p })}
          />
          <h2 class="fj-heading-m">{t('exportTitle')}</h2>
          <p class="fj-body">{t('exportLead')}</p>
          <ul class="fj-list">
            <li>
              <a href="/supplier/products/export.xlsx" download>
                {t('exportXlsx')}
              </a>
            </li>
            <li>
              <a href="/supplier/products/export.csv" download>
                {t('exportCsv')}
              </a>
            </li>
          </ul>
        </SupplierPage>,
      );
    },
  );

  const productPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    product: ProductRecord,
    state: { done?: string | undefined; errors?: FieldErrors },
    status = 200,
  ) => {
    const actor = signedIn(request);
    const ctx = pageContext(config, assets, request, reply);
    const t = supplierMessages.for(ctx.locale);
    const versions = await listVersions(db, product.id);
    const working = workingStateOf(product, versions);
    const shownVersion = versions.find(
      (v) => v.version === (product.workingVersion ?? product.publishedVersion),
    );
    const details = shownVersion?.details;
    const name = details ? productName(ctx, details) : product.id;
    const target = { organisationIds: [product.supplierId] };
    const commands = allowedCommands(product.status, working);
    const csrf = reply.generateCsrf();
    const replaces =
      product.replacesProductId === null ? undefined : await findProduct(db, product.replacesProductId);
    const replacesVersion =
      replaces &&
      (await findVersion(db, replaces.id, replaces.workingVersion ?? replaces.publishedVersion ?? 0));
    const successors = await successorsOf(db, product.id);
    const rejected =
      working === 'rejected' ? versions.find((v) => v.version === product.workingVersion) : undefined;
    const when = (date: Date | null) => (date === null ? '' : formatDateTime(date, ctx.locale));
    const actionsNow = [
      commands.includes('save') && can(actor, 'product.edit', target) && (
        <Button key="edit" href={`/supplier/products/${product.id}/edit`}>
          {product.publishedVersion !== null && product.workingVersion === null
            ? t('actionEditPublished')
            : t('actionEdit')}
        </Button>
      ),
      commands.includes('submit') && can(actor, 'product.edit', target) && (
        <ActionButton
          key="submit"
          action={`/supplier/products/${product.id}/submit`}
          csrf={csrf}
          text={t('actionSubmit')}
          variant="secondary"
        />
      ),
      commands.includes('approve') && can(actor, 'product.review', target) && (
        <Button key="review" href={`/admin/catalog/review/${product.id}`}>
          {t('actionReview')}
        </Button>
      ),
      commands.includes('withdraw') && can(actor, 'product.withdraw', target) && (
        <Button key="withdraw" href={`/supplier/products/${product.id}/withdraw`} variant="warning">
          {t('actionWithdraw')}
        </Button>
      ),
    ].filter((action) => action !== false);
    const summary: SummaryListRow[] = [
      { key: t('rowStatus'), value: <StatusTag t={t} status={product.status} /> },
      {
        key: t('rowPublishedVersion'),
        value:
          product.publishedVersion === null
            ? t('none')
            : t('versionNumber', { version: product.publishedVersion }),
      },
      {
        key: t('rowWorkingVersion'),
        value:
          product.workingVersion === null ? (
            t('none')
          ) : (
            <>
              {t('versionNumber', { version: product.workingVersion })}{' '}
              {working !== 'none' && <StateTag t={t} state={working} />}
            </>
          ),
      },
      ...(product.status === 'withdrawn' && product.withdrawnReason
        ? [{ key: t('rowWithdrawnReason'), value: product.withdrawnReason }]
        : []),
      {
        key: t('rowReplaces'),
        value:
          replaces && replacesVersion ? (
            can(actor, 'product.read', { organisationIds: [replaces.supplierId] }) ? (
              <a href={`/supplier/products/${replaces.id}`}>{productName(ctx, replacesVersion.details)}</a>
            ) : (
              productName(ctx, replacesVersion.details)
            )
          ) : (
            t('none')
          ),
      },
      {
        key: t('rowReplacedBy'),
        value:
          successors.length === 0 ? (
            t('none')
          ) : (
            <ul class="fj-list">
              {successors.map((s) => (
                <li key={s.id}>
                  <a href={`/supplier/products/${s.id}`}>{inLocale(ctx.locale, s.nameZh, s.nameEn)}</a>
                </li>
              ))}
            </ul>
          ),
      },
    ];
    return sendPage(
      reply,
      <SupplierPage ctx={ctx} title={name} crumbs={[{ text: name }]} done={state.done} errors={state.errors}>
        <h1 class="fj-heading-l" id="product">
          {name}
        </h1>
        <p class="fj-body">{t('productLead', { supplier: supplierName(ctx, product) })}</p>
        {rejected?.reviewReason && (
          <NotificationBanner title={t('rejectedTitle')} titleId="rejected-title">
            <p class="fj-notification-banner__heading">
              {t('rejectedHeading', { version: rejected.version })}
            </p>
            <p class="fj-body">{t('rejectedReason', { reason: rejected.reviewReason })}</p>
          </NotificationBanner>
        )}
        <SummaryList rows={summary} />
        <h2 class="fj-heading-m">{t('actionsTitle')}</h2>
        {actionsNow.length > 0 ? (
          <ButtonGroup>{actionsNow}</ButtonGroup>
        ) : (
          <p class="fj-body">{working === 'submitted' ? t('noActionsUnderReview') : t('noActions')}</p>
        )}
        {shownVersion && (
          <>
            <h2 class="fj-heading-m">{t('detailsTitle', { version: shownVersion.version })}</h2>
            <SummaryList rows={detailRows(ctx, t, shownVersion.details)} />
          </>
        )}
        <Table
          id="versions"
          caption={t('versionsTitle')}
          captionSize="m"
          columns={[
            { header: t('colVersionNo') },
            { header: t('colState') },
            { header: t('colCreated') },
            { header: t('colSubmitted') },
            { header: t('colReviewed') },
            { header: t('colReason') },
          ]}
          rows={versions.map((v: ProductVersion): TableCell[] => [
            t('versionNumber', { version: v.version }),
            { content: <StateTag t={t} state={v.state} /> },
            when(v.createdAt),
            when(v.submittedAt),
            when(v.reviewedAt),
            v.state === 'rejected' ? (v.reviewReason ?? '') : '',
          ])}
        />
        <p class="fj-body">
          <a href="/supplier/products">{t('back')}</a>
        </p>
      </SupplierPage>,
      status,
    );
  };

  app.get(
    '/supplier/products/:id',
    { config: { access: 'product.read' }, schema: { hide: true, params: IdParams, querystring: DoneQuery } },
    async (request, reply) => {
      const product = await services.productFor(request, 'product.read');
      const { done } = request.query as { done?: string };
      return productPage(request, reply, product, {
        done: doneText(supplierMessages, request.locale, done),
      });
    },
  );

  app.post(
    '/supplier/products/:id/submit',
    { config: { access: 'product.edit' }, schema: { hide: true, params: IdParams, body: StrictBody({}) } },
    async (request, reply) => {
      const product = await services.productFor(request, 'product.edit');
      try {
        await submitProduct(db, commandContext(request), product.id);
      } catch (error) {
        if (!(error instanceof CatalogCommandError) || error.code !== 'not_allowed_now') throw error;
        const t = supplierMessages.for(request.locale);
        const fresh = (await findProduct(db, product.id)) ?? product;
        return productPage(request, reply, fresh, { errors: { product: t('err_notAllowedNow') } }, 409);
      }
      return reply.redirect(`/supplier/products/${product.id}?done=submitted`, 303);
    },
  );

  const withdrawPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    product: ProductRecord,
    state: { reason?: string; errors?: FieldErrors },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = supplierMessages.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const version = product.publishedVersion ?? product.workingVersion;
    const details = version === null ? undefined : (await findVersion(db, product.id, version))?.details;
    const name = details ? productName(ctx, details) : product.id;
    const title = t('withdrawTitle', { name });
    return sendPage(
      reply,
      <SupplierPage
        ctx={ctx}
        title={title}
        crumbs={[{ text: name, href: `/supplier/products/${product.id}` }, { text: t('actionWithdraw') }]}
        errors={state.errors}
      >
        <h1 class="fj-heading-l">{title}</h1>
        {product.status !== 'published' ? (
          <p class="fj-body">{t('err_notPublished')}</p>
        ) : (
          <>
            <p class="fj-body">{t('withdrawLead')}</p>
            <form method="post" action={`/supplier/products/${product.id}/withdraw`} novalidate>
              <CsrfField token={reply.generateCsrf()} />
              <Textarea
                id="reason"
                name="reason"
                label={t('fieldWithdrawReason')}
                hint={t('fieldWithdrawReasonHint')}
                value={state.reason}
                error={state.errors?.reason}
                errorPrefix={shell('errorPrefix')}
                rows={4}
              />
              <ButtonGroup>
                <Button variant="warning" preventDoubleClick>
                  {t('confirmWithdraw')}
                </Button>
                <a href={`/supplier/products/${product.id}`} class="fj-body">
                  {t('cancel')}
                </a>
              </ButtonGroup>
            </form>
          </>
        )}
        <p class="fj-body">
          <a href={`/supplier/products/${product.id}`}>{t('back')}</a>
        </p>
      </SupplierPage>,
      status,
    );
  };

  app.get(
    '/supplier/products/:id/withdraw',
    {
      config: { access: 'product.withdraw' },
      schema: { hide: true, params: IdParams, querystring: PageQuery },
    },
    async (request, reply) =>
      withdrawPage(request, reply, await services.productFor(request, 'product.withdraw'), {}),
  );

  app.post(
    '/supplier/products/:id/withdraw',
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
      const t = supplierMessages.for(request.locale);
      const reason = trimmed((request.body as { reason: string }).reason);
      const error =
        reason === ''
          ? t('err_reasonRequired')
          : reason.length > maxReason
            ? t('err_reasonTooLong')
            : undefined;
      if (error !== undefined)
        return withdrawPage(request, reply, product, { reason, errors: { reason: error } }, 400);
      try {
        await withdrawProduct(db, commandContext(request), product.id, reason);
      } catch (failure) {
        if (!(failure instanceof CatalogCommandError) || failure.code !== 'not_allowed_now') throw failure;
        const fresh = (await findProduct(db, product.id)) ?? product;
        // No longer published (withdrawn meanwhile): the page says only a published product can be withdrawn.
        return withdrawPage(request, reply, fresh, { reason }, 409);
      }
      services.search.invalidate();
      return reply.redirect(`/supplier/products/${product.id}?done=withdrawn`, 303);
    },
  );
}
