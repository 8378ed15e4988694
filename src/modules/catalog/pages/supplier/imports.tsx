import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorise, reach } from '../../../../platform/auth/index.ts';
import {
  checkSpreadsheetUpload,
  discardUpload,
  maxUploadBytes,
  megabytes,
  PageQuery,
  pageContext,
  sendPage,
  takeUpload,
  type Upload,
} from '../../../../platform/http/index.ts';
import { formatDateTime, type Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  doneText,
  FileUpload,
  NotificationBanner,
  Select,
  shellMessages,
  Table,
  type TableCell,
  Tag,
  type TagColour,
} from '../../../../platform/ui/index.ts';
import { commandContext } from '../../api.ts';
import type { CatalogServices } from '../../catalogServices.ts';
import {
  findImport,
  type ImportProblem,
  type ImportRecord,
  listImports,
  runImport,
  startImport,
} from '../../importService.ts';
import { CatalogCommandError, submitProduct } from '../../productsService.ts';
import { columnHeader, importColumns, requiredColumns } from '../../spreadsheet/columns.ts';
import { type ImportMessageKey, importMessages } from '../../spreadsheet/messages.ts';
import { defaultMaxRows } from '../../spreadsheet/read.ts';
import { type SupplierT, supplierMessages } from './messages.ts';
import { organisationNames, submittable, versionsOfImport } from './queries.ts';
import {
  ActionButton,
  CsrfField,
  DoneQuery,
  type FieldErrors,
  IdParams,
  inLocale,
  notFound,
  StrictBody,
  SupplierPage,
  signedIn,
  trimmed,
} from './shared.tsx';

const isImportKey = (key: string): key is ImportMessageKey =>
  Object.hasOwn(importMessages.catalogs['zh-CN'], key);

/** One problem of a report in the reader's language: the file-reading and row messages, then the import's own. */
export function importProblemText(t: SupplierT, locale: Locale, problem: ImportProblem): string {
  const params = problem.params ?? {};
  if (isImportKey(problem.message)) {
    return importMessages.for(locale)(problem.message, {
      limit: defaultMaxRows,
      ...params,
      column: problem.column === '' ? '' : columnHeader(problem.column, locale),
    });
  }
  const key = `problem_${problem.message}`;
  return supplierMessages.has(key) ? t(key, params) : t('problem_unknown');
}

const statusColours: Record<ImportRecord['status'], TagColour> = {
  running: 'blue',
  imported: 'green',
  refused: 'red',
  failed: 'red',
};

const ImportStatusTag = ({ t, status }: { t: SupplierT; status: ImportRecord['status'] }) => (
  <Tag text={t(`importStatus_${status}`)} colour={statusColours[status]} />
);

const accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/**
 * GET /supplier/imports/new and the form's POST /supplier/imports, the
 * report GET /supplier/imports/:id with its POST …/submit, and the list GET
 * /supplier/imports. Registered in a scope that reads multipart bodies.
 */
export function importPages(app: FastifyInstance, services: CatalogServices, deps: ModuleDeps): void {
  const { db } = services;
  const { config, assets } = deps;

  const suppliersOf = async (request: FastifyRequest, locale: Locale) => {
    const ids = reach(signedIn(request), 'product.edit').organisationIds;
    return (await organisationNames(db, ids)).map((o) => ({
      id: o.id,
      name: inLocale(locale, o.nameZh, o.nameEn),
    }));
  };

  const newImportPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { supplierId?: string; errors?: FieldErrors },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = supplierMessages.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const suppliers = await suppliersOf(request, ctx.locale);
    const errors = state.errors ?? {};
    return sendPage(
      reply,
      <SupplierPage ctx={ctx} title={t('importTitle')} crumbs={[{ text: t('importTitle') }]} errors={errors}>
        <h1 class="fj-heading-l">{t('importTitle')}</h1>
        <p class="fj-body">{t('importLead')}</p>
        <p class="fj-body">{t('importDraftsNote')}</p>
        <h2 class="fj-heading-m">{t('templateTitle')}</h2>
        <p class="fj-body">{t('templateLead')}</p>
        <ul class="fj-list">
          <li>
            <a href="/supplier/imports/template.xlsx" download>
              {t('templateXlsx')}
            </a>
          </li>
          <li>
            <a href="/supplier/imports/template.csv" download>
              {t('templateCsv')}
            </a>
          </li>
        </ul>
        <Table
          id="columns"
          caption={t('columnsCaption')}
          captionSize="m"
          columns={[
            { header: t('colHeaderZh') },
            { header: t('colHeaderEn') },
            { header: t('colRequired') },
            { header: t('colHowTo') },
          ]}
          rows={importColumns.map((c): TableCell[] => [
            { content: <span lang="zh-CN">{c.zh}</span> },
            { content: <span lang="en">{c.en}</span> },
            requiredColumns.includes(c.key) ? t('required') : t('optional'),
            t(`howTo_${c.key}`),
          ])}
        />
        <p class="fj-body">{t('columnsNote')}</p>
        <h2 class="fj-heading-m">{t('uploadTitle')}</h2>
        <form method="post" action="/supplier/imports" enctype="multipart/form-data" novalidate>
          <CsrfField token={reply.generateCsrf()} />
          {suppliers.length > 1 && (
            <Select
              id="supplierId"
              name="supplierId"
              label={t('fieldSupplier')}
              hint={t('fieldSupplierHint')}
              value={state.supplierId ?? ''}
              error={errors.supplierId}
              errorPrefix={shell('errorPrefix')}
              options={[
                { value: '', text: t('chooseSupplier') },
                ...suppliers.map((s) => ({ value: s.id, text: s.name })),
              ]}
            />
          )}
          <FileUpload
            id="file"
            name="file"
            label={t('fieldFile')}
            hint={t('fieldFileHint', { max: megabytes(maxUploadBytes) })}
            error={errors.file}
            errorPrefix={shell('errorPrefix')}
            accept={accept}
          />
          <Button preventDoubleClick>{t('startImport')}</Button>
        </form>
      </SupplierPage>,
      status,
    );
  };

  app.get(
    '/supplier/imports/new',
    { config: { access: 'product.edit' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => newImportPage(request, reply, {}),
  );

  // The form's POST: multipart, read by the scope these routes are registered in (see uploads.ts).
  app.post(
    '/supplier/imports',
    {
      config: { access: 'product.edit' },
      schema: { hide: true, body: StrictBody({ supplierId: Type.Optional(Type.String({ maxLength: 40 })) }) },
    },
    async (request, reply) => {
      const upload = takeUpload(request);
      let handedOver = false;
      try {
        const t = supplierMessages.for(request.locale);
        const suppliers = await suppliersOf(request, request.locale);
        const chosen = trimmed((request.body as { supplierId?: string }).supplierId);
        const supplierId =
          suppliers.length === 1 ? suppliers[0]?.id : suppliers.find((s) => s.id === chosen)?.id;
        const errors: Record<string, string> = {};
        if (supplierId === undefined) errors.supplierId = t('err_supplierMissing');
        const format = await checkedFormat(upload, t, errors);
        if (
          supplierId === undefined ||
          format === undefined ||
          upload === undefined ||
          Object.keys(errors).length > 0
        )
          return newImportPage(request, reply, { supplierId: chosen, errors }, 400);
        await authorise(
          db,
          request,
          'product.edit',
          { type: 'organisation', id: supplierId },
          { organisationIds: [supplierId] },
        );
        const context = commandContext(request);
        const importId = await startImport(db, context, {
          supplierId,
          fileName: upload.fileName || 'upload',
          format,
        });
        const knownIsoCodes = await services.knownIsoCodes();
        // The check and the write take as long as the file is big: the report page shows how far it got.
        void runImport(db, context, importId, upload.path, knownIsoCodes)
          .catch((error: unknown) => request.log.error({ err: error, importId }, 'product import failed'))
          .finally(() => discardUpload(upload));
        handedOver = true;
        return reply.redirect(`/supplier/imports/${importId}`, 303);
      } finally {
        if (upload !== undefined && !handedOver) await discardUpload(upload);
      }
    },
  );

  /** The format of an acceptable upload; otherwise the reason goes into `errors`. */
  async function checkedFormat(
    upload: Upload | undefined,
    t: SupplierT,
    errors: Record<string, string>,
  ): Promise<'xlsx' | 'csv' | undefined> {
    const checked = await checkSpreadsheetUpload(upload, ['xlsx', 'csv']);
    if ('format' in checked) return checked.format;
    errors.file = t(`err_${checked.problem}`, { max: megabytes(maxUploadBytes) });
    return undefined;
  }

  /** The import in the address, if the user may read its supplier's products; else 404 (audited). */
  const importFor = async (request: FastifyRequest, action: 'product.read' | 'product.edit') => {
    const { id } = request.params as { id: string };
    const record = await findImport(db, id);
    if (!record) throw notFound();
    await authorise(
      db,
      request,
      action,
      { type: 'product_import', id },
      { organisationIds: [record.supplierId] },
    );
    return record;
  };

  app.get(
    '/supplier/imports/:id',
    { config: { access: 'product.read' }, schema: { hide: true, params: IdParams, querystring: DoneQuery } },
    async (request, reply) => {
      const record = await importFor(request, 'product.read');
      const ctx = pageContext(config, assets, request, reply);
      const t = supplierMessages.for(ctx.locale);
      const { done } = request.query as { done?: string };
      const title = t('importReportTitle', { file: record.fileName });
      const versions = record.status === 'imported' ? await versionsOfImport(db, record.id) : [];
      const waiting = versions.filter(submittable);
      const skipped = versions.length - waiting.length;
      const here = `/supplier/imports/${record.id}`;
      return sendPage(
        reply,
        <SupplierPage
          ctx={ctx}
          title={title}
          crumbs={[{ text: t('importsTitle'), href: '/supplier/imports' }, { text: record.fileName }]}
          done={doneText(supplierMessages, ctx.locale, done)}
        >
          <h1 class="fj-heading-l">{title}</h1>
          <p class="fj-body">
            <ImportStatusTag t={t} status={record.status} />
          </p>
          <p class="fj-body">{t('importStarted', { time: formatDateTime(record.createdAt, ctx.locale) })}</p>
          {record.status === 'running' && (
            <>
              <p class="fj-body">{t('importRunning', { rows: record.totalRows })}</p>
              <p class="fj-body">{t('importRunningHint')}</p>
              <Button href={here} variant="secondary">
                {t('refresh')}
              </Button>
            </>
          )}
          {record.status === 'imported' && (
            <>
              <NotificationBanner title={t('importantTitle')} titleId="imported-title">
                <p class="fj-notification-banner__heading">
                  {t('importImported', { count: record.importedRows })}
                </p>
                <p class="fj-body">{t('importImportedNext')}</p>
                <p class="fj-body">
                  <a href="/supplier/products?status=draft">{t('viewDrafts')}</a>
                </p>
              </NotificationBanner>
              <h2 class="fj-heading-m">{t('submitAllTitle')}</h2>
              {waiting.length > 0 ? (
                <ActionButton
                  action={`${here}/submit`}
                  csrf={reply.generateCsrf()}
                  text={t('submitAll', { count: waiting.length })}
                />
              ) : (
                <p class="fj-body">{t('submitAllNone')}</p>
              )}
              {skipped > 0 && waiting.length > 0 && (
                <p class="fj-body">{t('submitAllSkipped', { count: skipped })}</p>
              )}
            </>
          )}
          {(record.status === 'refused' || record.status === 'failed') && (
            <div class="fj-error-summary" role="alert" tabindex={-1} data-module="error-summary">
              <h2 class="fj-error-summary__title">
                {record.status === 'refused' ? t('importRefused') : t('importFailed')}
              </h2>
              {record.status === 'refused' && (
                <div class="fj-error-summary__body">
                  <p class="fj-body">{t('importRefusedNext')}</p>
                  <p class="fj-body">
                    <a href="#problems">{t('problemsCaption', { count: record.problems.length })}</a>
                  </p>
                </div>
              )}
            </div>
          )}
          {record.problems.length > 0 && (
            <>
              <Table
                id="problems"
                caption={t('problemsCaption', { count: record.problems.length })}
                captionSize="m"
                columns={[
                  { header: t('colRow'), numeric: true },
                  { header: t('colColumn') },
                  { header: t('colMessage') },
                ]}
                rows={record.problems.map((p): TableCell[] => [
                  p.row === 0 ? { content: t('wholeFile'), numeric: false } : p.row,
                  p.column === '' ? '' : columnHeader(p.column, ctx.locale),
                  importProblemText(t, ctx.locale, p),
                ])}
              />
              {record.problems.length >= 1000 && (
                <p class="fj-body">{t('problemsTruncated', { count: 1000 })}</p>
              )}
            </>
          )}
          {record.status !== 'running' && (
            <p class="fj-body">
              <a href="/supplier/imports/new">{t('importAnother')}</a>
            </p>
          )}
        </SupplierPage>,
      );
    },
  );

  app.post(
    '/supplier/imports/:id/submit',
    { config: { access: 'product.edit' }, schema: { hide: true, params: IdParams, body: StrictBody({}) } },
    async (request, reply) => {
      const record = await importFor(request, 'product.edit');
      const context = commandContext(request);
      // One submission per product, each audited by the service, as if submitted one by one.
      for (const version of (await versionsOfImport(db, record.id)).filter(submittable)) {
        try {
          await submitProduct(db, context, version.productId);
        } catch (error) {
          // Changed meanwhile (submitted from its own page): nothing more to do for it.
          if (!(error instanceof CatalogCommandError) || error.code !== 'not_allowed_now') throw error;
        }
      }
      return reply.redirect(`/supplier/imports/${record.id}?done=importSubmitted`, 303);
    },
  );

  app.get(
    '/supplier/imports',
    { config: { access: 'product.read' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const actor = signedIn(request);
      const ctx = pageContext(config, assets, request, reply);
      const t = supplierMessages.for(ctx.locale);
      const within = reach(actor, 'product.read');
      const imports = await listImports(db, within.all ? 'all' : within.organisationIds);
      return sendPage(
        reply,
        <SupplierPage ctx={ctx} title={t('importsTitle')} crumbs={[{ text: t('importsTitle') }]}>
          <h1 class="fj-heading-l">{t('importsTitle')}</h1>
          <p class="fj-body">{t('importsLead')}</p>
          <p class="fj-body">
            <a href="/supplier/imports/new">{t('importProducts')}</a>
          </p>
          {imports.length === 0 ? (
            <p class="fj-body">{t('noImports')}</p>
          ) : (
            <Table
              id="imports"
              caption={t('importsCaption')}
              captionSize="m"
              captionVisuallyHidden
              columns={[
                { header: t('colFile') },
                { header: t('colFormat') },
                { header: t('colStatus') },
                { header: t('colRows'), numeric: true },
                { header: t('colImported'), numeric: true },
                { header: t('colStarted') },
              ]}
              rows={imports.map((i): TableCell[] => [
                { content: <a href={`/supplier/imports/${i.id}`}>{i.fileName}</a> },
                i.format === 'xlsx' ? 'Excel (.xlsx)' : 'CSV',
                { content: <ImportStatusTag t={t} status={i.status} /> },
                i.totalRows,
                i.importedRows,
                formatDateTime(i.createdAt, ctx.locale),
              ])}
            />
          )}
        </SupplierPage>,
      );
    },
  );
}
