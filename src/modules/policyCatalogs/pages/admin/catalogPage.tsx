import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  checkSpreadsheetUpload,
  DoneQuery,
  discardUpload,
  HttpError,
  IdParams,
  megabytes,
  PageQuery,
  pageContext,
  StrictBody,
  sendPage,
  takeUpload,
} from '../../../../platform/http/index.ts';
import { formatDateTime, type Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  ButtonGroup,
  CsrfField,
  doneText,
  type FieldErrors,
  FileUpload,
  SummaryList,
  shellMessages,
  Table,
  type TableCell,
} from '../../../../platform/ui/index.ts';
import { productSummaries } from '../../../catalog/index.ts';
import {
  type CatalogVersion,
  catalogInForce,
  findCatalogById,
  rehabItems,
  type StoredSubsidyItem,
  subsidyItems,
} from '../../catalogsRepo.ts';
import { changeCatalogStatus, ItemHasAdmissions, replaceItems } from '../../catalogsService.ts';
import { catalogAllows } from '../../domain/catalogWorkflow.ts';
import type { RehabItem } from '../../domain/items.ts';
import {
  readRehabItemsXlsx,
  readSubsidyItemsXlsx,
  type SheetProblem,
  sheetProblemMessage,
  writeRehabItemsXlsx,
  writeSubsidyItemsXlsx,
} from '../../spreadsheet/index.ts';
import { categoriesText, kindPath, kindText, money, policyLabels } from '../labels.ts';
import { CatalogStatusTag, commandContext, dayText, inLocale, notFound } from '../shared.tsx';
import { type AdminT, policyAdminMessages } from './messages.ts';
import { PolicyAdminPage } from './shared.tsx';

/** The largest item spreadsheet accepted: a catalog is a few hundred rows, far below this. */
export const maxItemsFileBytes = 5 * 1024 * 1024;

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The status commands offered on the page, in the order of the workflow. */
const statusCommands = ['startNotice', 'reopen', 'putInForce'] as const;
type StatusCommand = (typeof statusCommands)[number];

const StatusBody = StrictBody({
  command: Type.Union(statusCommands.map((c) => Type.Literal(c))),
});

interface PageState {
  errors?: FieldErrors;
  problems?: readonly SheetProblem[];
  done?: string | undefined;
}

/**
 * One version's page: its summary, items, the spreadsheet download, and in a
 * draft the import; the status buttons the workflow allows. Shared by the
 * plain routes and the upload route, which lives in a multipart scope.
 */
export function catalogPageRenderer(deps: ModuleDeps) {
  const { db, config, assets } = deps;
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
    catalog: CatalogVersion,
    state: PageState,
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = policyAdminMessages.for(ctx.locale);
    const l = policyLabels.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const problems = state.problems ?? [];
    const errors: FieldErrors = problems.length > 0 ? { problems: t('importRefused') } : (state.errors ?? {});
    const title = inLocale(ctx.locale, catalog.titleZh, catalog.titleEn);
    const inForce = catalog.status === 'notice' ? await catalogInForce(db, catalog.kind) : undefined;
    const csrf = reply.generateCsrf();
    const downloadHref =
      catalog.status === 'draft'
        ? `/admin/policy-catalogs/${catalog.id}/export.xlsx`
        : `${kindPath[catalog.kind]}/${catalog.year}/export.xlsx`;
    // Items change one by one only in a draft: its table links to each item's form.
    const itemsHref = catalogAllows(catalog.status, 'editItems')
      ? `/admin/policy-catalogs/${catalog.id}/items`
      : undefined;
    const commandForm = (
      command: StatusCommand,
      variant: 'primary' | 'secondary' | 'warning' = 'primary',
    ) => (
      <form method="post" action={`/admin/policy-catalogs/${catalog.id}/status`}>
        <CsrfField token={csrf} />
        <input type="hidden" name="command" value={command} />
        <Button variant={variant} preventDoubleClick>
          {t(`command_${command}`)}
        </Button>
      </form>
    );
    return sendPage(
      reply,
      <PolicyAdminPage
        ctx={ctx}
        area="catalogs"
        title={title}
        crumbs={[{ text: title }]}
        errors={errors}
        done={state.done}
      >
        <h1 class="fj-heading-l" id="status">
          {title}
        </h1>
        <SummaryList
          rows={[
            { key: t('rowKind'), value: kindText(l, catalog.kind) },
            { key: t('rowYear'), value: String(catalog.year) },
            { key: t('rowStatus'), value: <CatalogStatusTag locale={ctx.locale} status={catalog.status} /> },
            {
              key: t('rowPolicyYear'),
              value: t('dateRange', {
                from: dayText(catalog.startsOn, ctx.locale),
                to: dayText(catalog.endsOn, ctx.locale),
              }),
            },
            {
              key: t('rowNoticeStarted'),
              value: catalog.noticeStartedAt
                ? formatDateTime(catalog.noticeStartedAt, ctx.locale)
                : t('notYet'),
            },
            {
              key: t('rowInForce'),
              value: catalog.inForceAt ? formatDateTime(catalog.inForceAt, ctx.locale) : t('notYet'),
            },
            ...(ctx.locale === 'zh-CN'
              ? []
              : [{ key: t('rowTitleZh'), value: <span lang="zh-CN">{catalog.titleZh}</span> }]),
          ]}
        />
        {catalogAllows(catalog.status, 'startNotice') && (
          <>
            <h2 class="fj-heading-m">{t('startNoticeTitle')}</h2>
            <p class="fj-body">{t('startNoticeText')}</p>
            {commandForm('startNotice')}
          </>
        )}
        {catalogAllows(catalog.status, 'putInForce') && (
          <>
            <h2 class="fj-heading-m">{t('putInForceTitle')}</h2>
            <p class="fj-body">
              {inForce
                ? t('putInForceSupersedes', {
                    title: inLocale(ctx.locale, inForce.titleZh, inForce.titleEn),
                    year: inForce.year,
                  })
                : t('putInForceFirst')}
            </p>
            {commandForm('putInForce')}
            <h2 class="fj-heading-m">{t('reopenTitle')}</h2>
            <p class="fj-body">{t('reopenText')}</p>
            {commandForm('reopen', 'secondary')}
          </>
        )}
        <h2 class="fj-heading-m">{t('itemsTitle')}</h2>
        {itemsHref !== undefined && (
          <>
            <p class="fj-body">{t('itemsEditLead')}</p>
            <p class="fj-body">
              <a href={`${itemsHref}/new`}>{t('addItemLink')}</a>
            </p>
          </>
        )}
        <p class="fj-body">
          <a href={downloadHref} download>
            {t('downloadItems', { count: catalog.itemCount })}
          </a>
        </p>
        {catalog.kind === 'subsidy' ? (
          <SubsidyItemsTable
            t={t}
            locale={ctx.locale}
            items={await subsidyItems(db, catalog.id)}
            itemsHref={itemsHref}
          />
        ) : (
          <RehabItemsTable
            t={t}
            locale={ctx.locale}
            items={await rehabItems(db, catalog.id)}
            itemsHref={itemsHref}
          />
        )}
        {catalogAllows(catalog.status, 'editItems') && (
          <>
            <h2 class="fj-heading-m">{t('importTitle')}</h2>
            {problems.length > 0 && (
              <>
                <p class="fj-body" id="problems">
                  {t('importRefusedNext')}
                </p>
                <Table
                  id="import-problems"
                  caption={t('problemsCaption', { count: problems.length })}
                  captionSize="s"
                  columns={[
                    { header: t('colRow'), numeric: true },
                    { header: t('colColumn') },
                    { header: t('colMessage') },
                  ]}
                  rows={problems.map((p): TableCell[] => [
                    p.row === 0 ? { content: t('wholeFile'), numeric: false } : p.row,
                    p.column,
                    sheetProblemMessage(p, ctx.locale),
                  ])}
                />
              </>
            )}
            <p class="fj-body">{t('importLead')}</p>
            <form
              method="post"
              action={`/admin/policy-catalogs/${catalog.id}/items`}
              enctype="multipart/form-data"
              novalidate
            >
              <CsrfField token={csrf} />
              <FileUpload
                id="file"
                name="file"
                label={t('fieldFile')}
                hint={t('fieldFileHint', { max: megabytes(maxItemsFileBytes) })}
                error={state.errors?.file}
                errorPrefix={shell('errorPrefix')}
                accept={`.xlsx,${xlsxType}`}
              />
              <ButtonGroup>
                <Button preventDoubleClick>{t('startImport')}</Button>
              </ButtonGroup>
            </form>
          </>
        )}
        <p class="fj-body">
          <a href="/admin/policy-catalogs">{t('backToCatalogs')}</a>
        </p>
      </PolicyAdminPage>,
      status,
    );
  };
}

async function catalogOf(deps: ModuleDeps, request: FastifyRequest): Promise<CatalogVersion> {
  const catalog = await findCatalogById(deps.db, (request.params as { id: string }).id);
  if (catalog === undefined) throw notFound();
  return catalog;
}

/** GET /admin/policy-catalogs/:id, its spreadsheet, and POST …/status. */
export function catalogPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db } = deps;
  const renderPage = catalogPageRenderer(deps);

  app.get(
    '/admin/policy-catalogs/:id',
    {
      config: { access: 'policy_catalog.manage' },
      schema: { hide: true, params: IdParams, querystring: DoneQuery },
    },
    async (request, reply) => {
      const catalog = await catalogOf(deps, request);
      const { done } = request.query as { done?: string };
      return renderPage(request, reply, catalog, {
        done: doneText(policyAdminMessages, request.locale, done),
      });
    },
  );

  app.get(
    '/admin/policy-catalogs/:id/export.xlsx',
    {
      config: { access: 'policy_catalog.manage' },
      schema: { hide: true, params: IdParams, querystring: PageQuery },
    },
    async (request, reply) => {
      const catalog = await catalogOf(deps, request);
      const data =
        catalog.kind === 'subsidy'
          ? await subsidyWorkbook(deps, catalog)
          : await writeRehabItemsXlsx(await rehabItems(db, catalog.id));
      return reply
        .header(
          'content-disposition',
          `attachment; filename="fuju-${catalog.kind}-catalog-${catalog.year}-${catalog.status}.xlsx"`,
        )
        .header('x-content-type-options', 'nosniff')
        .type(xlsxType)
        .send(data);
    },
  );

  app.post(
    '/admin/policy-catalogs/:id/status',
    {
      config: { access: 'policy_catalog.manage' },
      schema: { hide: true, params: IdParams, body: StatusBody },
    },
    async (request, reply) => {
      const catalog = await catalogOf(deps, request);
      const { command } = request.body as { command: StatusCommand };
      try {
        await changeCatalogStatus(db, commandContext(request), catalog, command);
      } catch (error) {
        if (!(error instanceof HttpError) || error.statusCode !== 409) throw error;
        // Someone moved the version on meanwhile: show it as it is now, saying so.
        const t = policyAdminMessages.for(request.locale);
        const fresh = (await findCatalogById(db, catalog.id)) ?? catalog;
        return renderPage(request, reply, fresh, { errors: { status: t('err_commandNotAllowed') } }, 409);
      }
      return reply.redirect(`/admin/policy-catalogs/${catalog.id}?done=${command}`, 303);
    },
  );
}

async function subsidyWorkbook(deps: ModuleDeps, catalog: CatalogVersion): Promise<Buffer> {
  const items = await subsidyItems(deps.db, catalog.id);
  const summaries = await productSummaries(deps.db, [
    ...new Set(items.flatMap((i) => i.products.map((p) => p.productId))),
  ]);
  const models = new Map([...summaries].map(([id, product]) => [id, product.model]));
  return writeSubsidyItemsXlsx(items, models);
}

/** POST /admin/policy-catalogs/:id/items: a draft's items replaced from a spreadsheet. Registered in a multipart scope. */
export function catalogUploadPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db } = deps;
  const renderPage = catalogPageRenderer(deps);

  app.post(
    '/admin/policy-catalogs/:id/items',
    {
      config: {
        access: 'policy_catalog.manage',
        multipartOptions: { limits: { fileSize: maxItemsFileBytes } },
      },
      schema: { hide: true, params: IdParams, body: StrictBody({}) },
    },
    async (request, reply) => {
      const upload = takeUpload(request);
      try {
        const catalog = await catalogOf(deps, request);
        const t = policyAdminMessages.for(request.locale);
        if (!catalogAllows(catalog.status, 'editItems'))
          return renderPage(request, reply, catalog, { errors: { status: t('err_commandNotAllowed') } }, 409);
        const checked = await checkSpreadsheetUpload(upload, ['xlsx']);
        if (!('format' in checked))
          return renderPage(
            request,
            reply,
            catalog,
            { errors: { file: t(`err_${checked.problem}`, { max: megabytes(maxItemsFileBytes) }) } },
            400,
          );
        const data = await readFile(checked.upload.path);
        const parsed =
          catalog.kind === 'subsidy'
            ? { kind: 'subsidy' as const, ...(await readSubsidyItemsXlsx(data)) }
            : { kind: 'rehab' as const, ...(await readRehabItemsXlsx(data)) };
        if (parsed.problems.length > 0)
          return renderPage(request, reply, catalog, { problems: parsed.problems }, 400);
        try {
          await replaceItems(db, commandContext(request), catalog, parsed);
        } catch (failure) {
          if (failure instanceof ItemHasAdmissions)
            return renderPage(
              request,
              reply,
              catalog,
              { errors: { file: t('err_importDropsApplied', { code: failure.code }) } },
              400,
            );
          if (!(failure instanceof HttpError) || failure.statusCode !== 409) throw failure;
          const fresh = (await findCatalogById(db, catalog.id)) ?? catalog;
          return renderPage(request, reply, fresh, { errors: { status: t('err_commandNotAllowed') } }, 409);
        }
        return reply.redirect(`/admin/policy-catalogs/${catalog.id}?done=itemsImported`, 303);
      } finally {
        if (upload !== undefined) await discardUpload(upload);
      }
    },
  );
}

/** A subsidy catalog's items: what each pays, how long it lasts, for whom, and how many products are admitted. */
/** In a draft, each item's links to its form and to its deletion; the hidden words say which item. */
function ItemActions({ t, itemsHref, code }: { t: AdminT; itemsHref: string; code: string }) {
  const which = <span class="fj-visually-hidden"> {t('itemLinkHidden', { code })}</span>;
  const href = `${itemsHref}/${encodeURIComponent(code)}`;
  return (
    <>
      <a href={`${href}/edit`}>
        {t('editItemLink')}
        {which}
      </a>{' '}
      <a href={`${href}/delete`}>
        {t('deleteItemLink')}
        {which}
      </a>
    </>
  );
}

interface ItemsTableProps<I> {
  t: AdminT;
  locale: Locale;
  items: readonly I[];
  /** The draft's items address; none outside a draft (no actions column). */
  itemsHref: string | undefined;
}

const actionColumn = (t: AdminT, itemsHref: string | undefined) =>
  itemsHref === undefined ? [] : [{ header: t('colActions') }];

const actionCell = (t: AdminT, itemsHref: string | undefined, code: string): TableCell[] =>
  itemsHref === undefined ? [] : [{ content: <ItemActions t={t} itemsHref={itemsHref} code={code} /> }];

function SubsidyItemsTable(props: ItemsTableProps<StoredSubsidyItem>) {
  const { t, locale } = props;
  const l = policyLabels.for(locale);
  if (props.items.length === 0) return <p class="fj-body">{t('noItems')}</p>;
  return (
    <Table
      id="items"
      caption={t('itemsCaption', { count: props.items.length })}
      captionSize="s"
      firstCellIsHeader
      columns={[
        { header: t('colCode') },
        { header: t('colName') },
        { header: t('colMaxSubsidy'), numeric: true },
        { header: t('colParts') },
        { header: t('colServiceLife') },
        { header: t('colCategories') },
        { header: t('colProducts'), numeric: true },
        ...actionColumn(t, props.itemsHref),
      ]}
      rows={props.items.map((item): TableCell[] => [
        item.code,
        inLocale(locale, item.nameZh, item.nameEn),
        money(item.maxSubsidyFen, locale),
        t('partsText', {
          product: money(item.productPartFen, locale),
          service: money(item.servicePartFen, locale),
        }),
        l('years', { years: item.serviceLifeYears }),
        categoriesText(l, locale, item.eligibleCategories),
        item.products.length,
        ...actionCell(t, props.itemsHref, item.code),
      ])}
    />
  );
}

function RehabItemsTable(props: ItemsTableProps<RehabItem>) {
  const { t, locale } = props;
  if (props.items.length === 0) return <p class="fj-body">{t('noItems')}</p>;
  return (
    <Table
      id="items"
      caption={t('itemsCaption', { count: props.items.length })}
      captionSize="s"
      firstCellIsHeader
      columns={[
        { header: t('colCode') },
        { header: t('colName') },
        { header: t('colTargetGroup') },
        { header: t('colPrice'), numeric: true },
        { header: t('colSubsidy'), numeric: true },
        ...actionColumn(t, props.itemsHref),
      ]}
      rows={props.items.map((item): TableCell[] => [
        item.code,
        inLocale(locale, item.nameZh, item.nameEn),
        inLocale(locale, item.targetGroupZh, item.targetGroupEn),
        money(item.standardPriceFen, locale),
        money(item.subsidyFen, locale),
        ...actionCell(t, props.itemsHref, item.code),
      ])}
    />
  );
}
