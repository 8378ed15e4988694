import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  checkSpreadsheetUpload,
  discardUpload,
  megabytes,
  PageQuery,
  pageContext,
  sendPage,
  takeUpload,
} from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  ButtonGroup,
  Checkboxes,
  doneText,
  FileUpload,
  Select,
  SummaryList,
  shellMessages,
  Table,
  type TableCell,
  Tag,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { classificationSlug, commandContext } from '../../api.ts';
import type { CatalogServices } from '../../catalogServices.ts';
import {
  type ClassificationNode,
  type ClassificationVersion,
  listClassificationNodes,
  listClassificationVersions,
  listCrosswalk,
} from '../../classificationRepo.ts';
import {
  type ClassificationProblem,
  ClassificationRuleError,
  checkNodeFields,
  classificationColumns,
  classificationNode,
  formatNodeCode,
  importClassificationNodes,
  maxClassificationFileBytes,
  type NodeField,
  parseClassificationFile,
  parseNodeCode,
  saveClassificationNode,
} from '../../classificationService.ts';
import { CsrfField, type FieldErrors, inLocale, notFound, StrictBody, trimmed } from '../supplier/shared.tsx';
import { type AdminT, catalogAdminMessages } from './messages.ts';
import { CatalogAdminPage } from './shared.tsx';

const VersionParams = Type.Object({ version: Type.String({ pattern: '^[A-Za-z0-9._-]{1,60}$' }) });
const NodeParams = Type.Object({
  version: Type.String({ pattern: '^[A-Za-z0-9._-]{1,60}$' }),
  code: Type.String({ pattern: '^([0-9]{2}){1,3}$' }),
});

interface NodeForm {
  code?: string;
  titleZh?: string;
  titleEn?: string;
  source?: string;
  flags?: string | string[];
}

const NodeBody = {
  titleZh: Type.String({ maxLength: 2000 }),
  titleEn: Type.String({ maxLength: 2000 }),
  source: Type.String({ maxLength: 5000 }),
  flags: Type.Optional(
    Type.Union([Type.String({ maxLength: 20 }), Type.Array(Type.String({ maxLength: 20 }), { maxItems: 2 })]),
  ),
};

const flagsOf = (form: NodeForm): string[] =>
  form.flags === undefined ? [] : typeof form.flags === 'string' ? [form.flags] : form.flags;

const title = (locale: Locale, n: { titleZh: string; titleEn: string }) =>
  inLocale(locale, n.titleZh, n.titleEn);

/** Editions share a title: the standard's number tells them apart. */
const editionTitle = (locale: Locale, v: ClassificationVersion) =>
  catalogAdminMessages.for(locale)('editionName', { id: v.id, title: title(locale, v) });

const columnHeader = (locale: Locale, key: string): string => {
  const column = classificationColumns.find((c) => c.key === key);
  return column === undefined ? key : inLocale(locale, column.zh, column.en);
};

/** A problem of a classification file in words. */
export function classificationProblemText(t: AdminT, problem: ClassificationProblem): string {
  const key = `cls_${problem.message}`;
  return catalogAdminMessages.has(key) ? t(key, problem.params) : key;
}

/**
 * GET /admin/catalog/classification (an edition's tree), adding and changing
 * one node, the crosswalk, and importing nodes. Registered in a scope that
 * reads multipart bodies (see uploads.ts).
 */
export function classificationPages(app: FastifyInstance, services: CatalogServices, deps: ModuleDeps): void {
  const { db } = services;
  const { config, assets } = deps;

  const editions = () => listClassificationVersions(db);
  const editionBySlug = async (slug: string): Promise<ClassificationVersion> => {
    const edition = (await editions()).find((v) => classificationSlug(v.id) === slug);
    if (!edition) throw notFound();
    return edition;
  };
  const listHref = (edition: ClassificationVersion) =>
    `/admin/catalog/classification?version=${encodeURIComponent(classificationSlug(edition.id))}`;

  app.get(
    '/admin/catalog/classification',
    {
      config: { access: 'classification.update' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...PageQuery.properties,
          version: Type.Optional(Type.String({ maxLength: 60 })),
          done: Type.Optional(Type.String({ maxLength: 40 })),
          added: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          updated: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
        }),
      },
    },
    async (request, reply) => {
      const query = request.query as { version?: string; done?: string; added?: number; updated?: number };
      const ctx = pageContext(config, assets, request, reply);
      const t = catalogAdminMessages.for(ctx.locale);
      const all = await editions();
      const edition =
        all.find((v) => classificationSlug(v.id) === query.version) ??
        all.find((v) => v.isCurrent) ??
        all.at(-1);
      const nodes = edition ? await listClassificationNodes(db, edition.id) : [];
      const slug = edition ? classificationSlug(edition.id) : '';
      const editionText = (v: ClassificationVersion) =>
        v.isCurrent
          ? t('editionCurrent', { title: editionTitle(ctx.locale, v) })
          : editionTitle(ctx.locale, v);
      return sendPage(
        reply,
        <CatalogAdminPage
          ctx={ctx}
          title={t('classificationTitle')}
          crumbs={[{ text: t('classificationTitle') }]}
          done={doneText(catalogAdminMessages, ctx.locale, query.done, {
            added: query.added ?? 0,
            updated: query.updated ?? 0,
          })}
        >
          <h1 class="fj-heading-l">{t('classificationTitle')}</h1>
          <p class="fj-body">{t('classificationLead')}</p>
          <form method="get" action="/admin/catalog/classification" class="fj-filters" novalidate>
            <div class="fj-filters__grid">
              <Select
                id="version"
                name="version"
                label={t('editionLabel')}
                value={slug}
                options={all.map((v) => ({ value: classificationSlug(v.id), text: editionText(v) }))}
              />
            </div>
            <Button variant="secondary">{t('showEdition')}</Button>
          </form>
          {edition && (
            <>
              <SummaryList
                rows={[
                  { key: t('editionLabel'), value: editionText(edition) },
                  { key: t('colSource'), value: edition.source },
                  ...(edition.inForceFrom ? [{ key: t('colInForce'), value: edition.inForceFrom }] : []),
                ]}
              />
              <ButtonGroup>
                <Button href={`/admin/catalog/classification/${slug}/new`}>{t('addNode')}</Button>
                <Button href={`/admin/catalog/classification/${slug}/import`} variant="secondary">
                  {t('importNodes')}
                </Button>
                <a href={`/admin/catalog/classification/${slug}/crosswalk`} class="fj-body">
                  {t('viewCrosswalk')}
                </a>
              </ButtonGroup>
              <p class="fj-body" role="status">
                {t('nodesCount', { count: nodes.length })}
              </p>
              {nodes.length === 0 ? (
                <p class="fj-body">{t('noNodes')}</p>
              ) : (
                <NodeTable
                  t={t}
                  locale={ctx.locale}
                  slug={slug}
                  edition={editionTitle(ctx.locale, edition)}
                  nodes={nodes}
                />
              )}
            </>
          )}
        </CatalogAdminPage>,
      );
    },
  );

  const nodePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    edition: ClassificationVersion,
    node: ClassificationNode | undefined,
    state: { values?: NodeForm; errors?: FieldErrors },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = catalogAdminMessages.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const slug = classificationSlug(edition.id);
    const values: NodeForm =
      state.values ??
      (node
        ? {
            titleZh: node.titleZh,
            titleEn: node.titleEn,
            source: node.source,
            flags: [...(node.verified ? ['verified'] : []), ...(node.apl ? ['apl'] : [])],
          }
        : {});
    const errors = state.errors ?? {};
    const heading = node
      ? t('editNodeTitle', { code: formatNodeCode(node.code), title: title(ctx.locale, node) })
      : t('newNodeTitle');
    const action = node
      ? `/admin/catalog/classification/${slug}/${node.code}/edit`
      : `/admin/catalog/classification/${slug}/new`;
    const field = (name: 'code' | NodeField) => ({
      id: name,
      name,
      value: values[name] ?? '',
      error: errors[name],
      errorPrefix: shell('errorPrefix'),
    });
    return sendPage(
      reply,
      <CatalogAdminPage
        ctx={ctx}
        title={heading}
        crumbs={[
          { text: t('classificationTitle'), href: listHref(edition) },
          { text: node ? formatNodeCode(node.code) : t('newNodeTitle') },
        ]}
        errors={errors}
      >
        <h1 class="fj-heading-l">{heading}</h1>
        <p class="fj-body">{t('editionOf', { edition: editionTitle(ctx.locale, edition) })}</p>
        <form method="post" action={action} novalidate>
          <CsrfField token={reply.generateCsrf()} />
          {node ? (
            <SummaryList rows={[{ key: t('fieldCode'), value: formatNodeCode(node.code) }]} />
          ) : (
            <TextInput
              {...field('code')}
              label={t('fieldCode')}
              hint={t('fieldCodeHint')}
              width="10"
              inputmode="numeric"
              autocomplete="off"
              spellcheck={false}
              maxlength={20}
            />
          )}
          <TextInput {...field('titleZh')} label={t('fieldTitleZh')} maxlength={200} autocomplete="off" />
          <TextInput
            {...field('titleEn')}
            label={t('fieldTitleEn')}
            maxlength={200}
            autocomplete="off"
            spellcheck
          />
          <TextInput
            {...field('source')}
            label={t('fieldSource')}
            hint={t('fieldSourceHint')}
            maxlength={500}
            autocomplete="off"
          />
          <Checkboxes
            idPrefix="flags"
            name="flags"
            legend={t('flagsLegend')}
            legendSize="s"
            values={flagsOf(values)}
            items={[
              { value: 'verified', text: t('flagVerified'), hint: t('flagVerifiedHint') },
              { value: 'apl', text: t('flagApl') },
            ]}
          />
          <ButtonGroup>
            <Button preventDoubleClick>{node ? t('save') : t('addNodeButton')}</Button>
            <a href={listHref(edition)} class="fj-body">
              {t('cancel')}
            </a>
          </ButtonGroup>
        </form>
      </CatalogAdminPage>,
      status,
    );
  };

  /** The form's fields, checked; errors keyed by field id, in the order of the page. */
  const checkedNode = (t: AdminT, form: NodeForm, fixedCode: string | undefined) => {
    const errors: Record<string, string> = {};
    let code = fixedCode ?? null;
    if (fixedCode === undefined) {
      const raw = trimmed(form.code);
      if (raw === '') errors.code = t('err_code_required');
      else {
        code = parseNodeCode(raw);
        if (code === null) errors.code = t('err_code_codeFormat');
      }
    }
    const fields = {
      titleZh: trimmed(form.titleZh),
      titleEn: trimmed(form.titleEn),
      source: trimmed(form.source),
    };
    const label: Record<NodeField, string> = {
      titleZh: t('fieldTitleZh'),
      titleEn: t('fieldTitleEn'),
      source: t('fieldSource'),
    };
    for (const p of checkNodeFields(fields))
      errors[p.field] =
        p.message === 'required'
          ? t(`err_${p.field}_required`)
          : t('err_tooLong', { field: label[p.field], max: p.params?.max ?? '' });
    const flags = flagsOf(form);
    const node =
      code === null
        ? undefined
        : classificationNode(code, {
            ...fields,
            verified: flags.includes('verified'),
            apl: flags.includes('apl'),
          });
    return { node, errors };
  };

  const ruleText = (t: AdminT, error: ClassificationRuleError) => {
    const key = `err_code_${error.problem}`;
    return catalogAdminMessages.has(key) ? t(key, error.params) : t('err_code_codeFormat');
  };

  app.get(
    '/admin/catalog/classification/:version/new',
    {
      config: { access: 'classification.update' },
      schema: { hide: true, params: VersionParams, querystring: PageQuery },
    },
    async (request, reply) => {
      const edition = await editionBySlug((request.params as { version: string }).version);
      return nodePage(request, reply, edition, undefined, {});
    },
  );

  app.post(
    '/admin/catalog/classification/:version/new',
    {
      config: { access: 'classification.update' },
      schema: {
        hide: true,
        params: VersionParams,
        body: StrictBody({ code: Type.String({ maxLength: 100 }), ...NodeBody }),
      },
    },
    async (request, reply) => {
      const edition = await editionBySlug((request.params as { version: string }).version);
      const form = request.body as NodeForm;
      const t = catalogAdminMessages.for(request.locale);
      const { node, errors } = checkedNode(t, form, undefined);
      if (node === undefined || Object.keys(errors).length > 0)
        return nodePage(request, reply, edition, undefined, { values: form, errors }, 400);
      try {
        await saveClassificationNode(db, commandContext(request), edition.id, node, 'add');
      } catch (error) {
        if (!(error instanceof ClassificationRuleError)) throw error;
        return nodePage(
          request,
          reply,
          edition,
          undefined,
          { values: form, errors: { code: ruleText(t, error) } },
          400,
        );
      }
      services.search.invalidate({ classification: true });
      return reply.redirect(`${listHref(edition)}&done=nodeAdded`, 303);
    },
  );

  const nodeOf = async (request: FastifyRequest) => {
    const { version, code } = request.params as { version: string; code: string };
    const edition = await editionBySlug(version);
    const node = (await listClassificationNodes(db, edition.id)).find((n) => n.code === code);
    if (!node) throw notFound();
    return { edition, node };
  };

  app.get(
    '/admin/catalog/classification/:version/:code/edit',
    {
      config: { access: 'classification.update' },
      schema: { hide: true, params: NodeParams, querystring: PageQuery },
    },
    async (request, reply) => {
      const { edition, node } = await nodeOf(request);
      return nodePage(request, reply, edition, node, {});
    },
  );

  app.post(
    '/admin/catalog/classification/:version/:code/edit',
    {
      config: { access: 'classification.update' },
      schema: { hide: true, params: NodeParams, body: StrictBody(NodeBody) },
    },
    async (request, reply) => {
      const { edition, node: saved } = await nodeOf(request);
      const form = request.body as NodeForm;
      const t = catalogAdminMessages.for(request.locale);
      const { node, errors } = checkedNode(t, form, saved.code);
      if (node === undefined || Object.keys(errors).length > 0)
        return nodePage(request, reply, edition, saved, { values: form, errors }, 400);
      await saveClassificationNode(db, commandContext(request), edition.id, node, 'edit');
      services.search.invalidate({ classification: true });
      return reply.redirect(`${listHref(edition)}&done=nodeSaved`, 303);
    },
  );

  app.get(
    '/admin/catalog/classification/:version/crosswalk',
    {
      config: { access: 'classification.update' },
      schema: { hide: true, params: VersionParams, querystring: PageQuery },
    },
    async (request, reply) => {
      const edition = await editionBySlug((request.params as { version: string }).version);
      const ctx = pageContext(config, assets, request, reply);
      const t = catalogAdminMessages.for(ctx.locale);
      const all = await editions();
      const entries = await listCrosswalk(db, edition.id);
      const name = editionTitle(ctx.locale, edition);
      const editionName = (id: string) => {
        const v = all.find((e) => e.id === id);
        return v ? editionTitle(ctx.locale, v) : id;
      };
      const others = all.filter((v) => v.id !== edition.id);
      return sendPage(
        reply,
        <CatalogAdminPage
          ctx={ctx}
          title={t('crosswalkTitle', { edition: name })}
          crumbs={[{ text: t('classificationTitle'), href: listHref(edition) }, { text: t('viewCrosswalk') }]}
        >
          <h1 class="fj-heading-l">{t('crosswalkTitle', { edition: name })}</h1>
          <p class="fj-body">{t('crosswalkLead', { edition: name })}</p>
          {entries.length === 0 ? (
            <p class="fj-body">{t('noCrosswalk')}</p>
          ) : (
            <Table
              id="crosswalk"
              caption={t('crosswalkCaption', { edition: name })}
              captionSize="m"
              columns={[
                { header: t('colFromCode') },
                { header: t('colToEdition') },
                { header: t('colToCode') },
                { header: t('colRelation') },
                { header: t('colVerified') },
                { header: t('colNote') },
              ]}
              rows={entries.map((e): TableCell[] => [
                formatNodeCode(e.fromCode),
                editionName(e.toVersion),
                formatNodeCode(e.toCode),
                t(`relation_${e.relation}`),
                {
                  content: (
                    <Tag
                      text={e.verified ? t('verified') : t('unverified')}
                      colour={e.verified ? 'green' : 'grey'}
                    />
                  ),
                },
                e.note,
              ])}
            />
          )}
          {others.length > 0 && (
            <>
              <p class="fj-body">{t('otherEditions')}</p>
              <ul class="fj-list">
                {others.map((v) => (
                  <li key={v.id}>
                    <a href={`/admin/catalog/classification/${classificationSlug(v.id)}/crosswalk`}>
                      {editionTitle(ctx.locale, v)}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </CatalogAdminPage>,
      );
    },
  );

  const importPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    edition: ClassificationVersion,
    state: { errors?: FieldErrors; problems?: readonly ClassificationProblem[] },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = catalogAdminMessages.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const slug = classificationSlug(edition.id);
    const problems = state.problems ?? [];
    const errors: FieldErrors = problems.length > 0 ? { problems: t('importRefused') } : (state.errors ?? {});
    return sendPage(
      reply,
      <CatalogAdminPage
        ctx={ctx}
        title={t('importTitle')}
        crumbs={[{ text: t('classificationTitle'), href: listHref(edition) }, { text: t('importTitle') }]}
        errors={errors}
      >
        <h1 class="fj-heading-l">{t('importTitle')}</h1>
        <p class="fj-body">{t('editionOf', { edition: editionTitle(ctx.locale, edition) })}</p>
        {problems.length > 0 && (
          <>
            <p class="fj-body">{t('importRefusedNext')}</p>
            <Table
              id="problems"
              caption={t('problemsCaption', { count: problems.length })}
              captionSize="m"
              columns={[
                { header: t('colRow'), numeric: true },
                { header: t('colColumn') },
                { header: t('colMessage') },
              ]}
              rows={problems.map((p): TableCell[] => [
                p.row === 0 ? { content: t('wholeFile'), numeric: false } : p.row,
                p.column === '' ? '' : columnHeader(ctx.locale, p.column),
                classificationProblemText(t, p),
              ])}
            />
          </>
        )}
        <p class="fj-body">{t('importLead')}</p>
        <Table
          id="columns"
          caption={t('columnsCaption')}
          captionSize="s"
          columns={[
            { header: t('colKey') },
            { header: t('colHeaderZh') },
            { header: t('colHeaderEn') },
            { header: t('colMeaning') },
            { header: t('colRequired') },
          ]}
          rows={classificationColumns.map((c): TableCell[] => [
            { content: <code class="fj-code">{c.key}</code> },
            { content: <span lang="zh-CN">{c.zh}</span> },
            { content: <span lang="en">{c.en}</span> },
            t(`meaning_${c.key}`),
            c.required ? t('required') : t('optional'),
          ])}
        />
        <form
          method="post"
          action={`/admin/catalog/classification/${slug}/import`}
          enctype="multipart/form-data"
          novalidate
        >
          <CsrfField token={reply.generateCsrf()} />
          <FileUpload
            id="file"
            name="file"
            label={t('fieldFile')}
            hint={t('fieldFileHint', { max: megabytes(maxClassificationFileBytes) })}
            error={state.errors?.file}
            errorPrefix={shell('errorPrefix')}
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          />
          <ButtonGroup>
            <Button preventDoubleClick>{t('startImport')}</Button>
            <a href={listHref(edition)} class="fj-body">
              {t('cancel')}
            </a>
          </ButtonGroup>
        </form>
      </CatalogAdminPage>,
      status,
    );
  };

  app.get(
    '/admin/catalog/classification/:version/import',
    {
      config: { access: 'classification.update' },
      schema: { hide: true, params: VersionParams, querystring: PageQuery },
    },
    async (request, reply) =>
      importPage(request, reply, await editionBySlug((request.params as { version: string }).version), {}),
  );

  app.post(
    '/admin/catalog/classification/:version/import',
    {
      config: {
        access: 'classification.update',
        multipartOptions: { limits: { fileSize: maxClassificationFileBytes } },
      },
      schema: { hide: true, params: VersionParams, body: StrictBody({}) },
    },
    async (request, reply) => {
      const upload = takeUpload(request);
      try {
        const edition = await editionBySlug((request.params as { version: string }).version);
        const t = catalogAdminMessages.for(request.locale);
        const checked = await checkSpreadsheetUpload(upload, ['xlsx', 'csv']);
        if (!('format' in checked))
          return importPage(
            request,
            reply,
            edition,
            { errors: { file: t(`err_${checked.problem}`, { max: megabytes(maxClassificationFileBytes) }) } },
            400,
          );
        const { format } = checked;
        const existing = new Set((await listClassificationNodes(db, edition.id)).map((n) => n.code));
        const parsed = await parseClassificationFile(checked.upload.path, format, existing);
        if (parsed.problems.length > 0)
          return importPage(request, reply, edition, { problems: parsed.problems }, 400);
        const { added, updated } = await importClassificationNodes(
          db,
          commandContext(request),
          edition.id,
          parsed.nodes,
        );
        services.search.invalidate({ classification: true });
        return reply.redirect(`${listHref(edition)}&done=imported&added=${added}&updated=${updated}`, 303);
      } finally {
        if (upload !== undefined) await discardUpload(upload);
      }
    },
  );
}

/** An edition's nodes as a table: code, level, titles, source, verification, APL, and a way to change each. */
function NodeTable(props: {
  t: AdminT;
  locale: Locale;
  slug: string;
  edition: string;
  nodes: readonly ClassificationNode[];
}) {
  const { t, locale, slug } = props;
  return (
    <Table
      id="nodes"
      caption={t('nodesCaption', { edition: props.edition })}
      captionSize="m"
      firstCellIsHeader
      columns={[
        { header: t('colCode') },
        { header: t('colTitle') },
        { header: t('colVerified') },
        { header: t('colApl') },
        { header: t('colAction') },
      ]}
      rows={props.nodes.map((n): TableCell[] => [
        // No-break spaces: a code is read as one, never split over two lines.
        {
          content: (
            <>
              <span id={`node-${n.code}`}>{formatNodeCode(n.code).replace(/ /g, '\u00a0')}</span>
              <br />
              {t(`level_${n.level}`)}
            </>
          ),
        },
        {
          content: (
            <>
              <span lang="zh-CN">{n.titleZh}</span>
              <br />
              <span lang="en">{n.titleEn}</span>
              {/* Sources run to paragraphs: each opens on demand, so the tree stays readable. */}
              <details>
                <summary>{t('showSource')}</summary>
                <p class="fj-body">{n.source}</p>
              </details>
            </>
          ),
        },
        {
          content: (
            <Tag text={n.verified ? t('verified') : t('unverified')} colour={n.verified ? 'green' : 'grey'} />
          ),
        },
        n.apl ? t('onApl') : t('no'),
        {
          content: (
            // Named by aria-label, not hidden text: an absolutely positioned hidden span in a
            // scrolling table widens the page at 320 px.
            <a
              href={`/admin/catalog/classification/${slug}/${n.code}/edit`}
              aria-label={`${t('edit')} ${t('editHidden', { code: formatNodeCode(n.code), title: title(locale, n) })}`}
            >
              {t('edit')}
            </a>
          ),
        },
      ])}
    />
  );
}
