import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { appendAudit } from '../../../../platform/audit/index.ts';
import type { Db } from '../../../../platform/db/index.ts';
import { pageContext, sendPage } from '../../../../platform/http/index.ts';
import { formatDateTime } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import {
  Button,
  ButtonGroup,
  doneText,
  shellMessages,
  Table,
  type TableCell,
  TextInput,
} from '../../../../platform/ui/index.ts';
import { commandContext } from '../../api.ts';
import type { CatalogServices } from '../../catalogServices.ts';
import type { CommandContext } from '../../productsService.ts';
import {
  deleteSynonymGroup,
  findSynonymGroup,
  insertSynonymGroup,
  listSynonymGroups,
  type SynonymGroup,
  updateSynonymGroup,
} from '../../synonymsRepo.ts';
import {
  CsrfField,
  DoneQuery,
  type FieldErrors,
  IdParams,
  notFound,
  StrictBody,
} from '../supplier/shared.tsx';
import { type AdminT, catalogAdminMessages } from './messages.ts';
import { CatalogAdminPage } from './shared.tsx';

export const maxTermLength = 20;
export const maxTerms = 20;

export type TermsProblem =
  | { problem: 'termsMissing' }
  | { problem: 'termsTooFew' }
  | { problem: 'termTooLong'; term: string }
  | { problem: 'termsTooMany' };

/**
 * A group as typed: words separated by commas (either width), 、, semicolons
 * or spaces; repeats dropped (letters compared without case). At least two
 * different words, each at most 20 characters.
 */
export function parseTerms(raw: string): { terms: string[] } | TermsProblem {
  const terms: string[] = [];
  const seen = new Set<string>();
  for (const part of raw.split(/[,，、;；\s\u3000]+/)) {
    const term = part.trim();
    if (term === '' || seen.has(term.toLowerCase())) continue;
    seen.add(term.toLowerCase());
    terms.push(term);
  }
  if (terms.length === 0) return { problem: 'termsMissing' };
  const long = terms.find((term) => [...term].length > maxTermLength);
  if (long !== undefined) return { problem: 'termTooLong', term: long };
  if (terms.length < 2) return { problem: 'termsTooFew' };
  if (terms.length > maxTerms) return { problem: 'termsTooMany' };
  return { terms };
}

const problemText = (t: AdminT, p: TermsProblem): string => {
  switch (p.problem) {
    case 'termsMissing':
      return t('err_termsMissing');
    case 'termsTooFew':
      return t('err_termsTooFew');
    case 'termTooLong':
      return t('err_termTooLong', { term: p.term });
    case 'termsTooMany':
      return t('err_termsTooMany', { max: maxTerms });
  }
};

/** A change to the synonyms and its audit row, in one transaction; the row says how, not which words. */
async function changeSynonyms(
  db: Db,
  context: CommandContext,
  change: { operation: 'add' } | { operation: 'edit' | 'delete'; id: string },
  terms: readonly string[],
): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const userId = context.actor.userId;
    let id: string | undefined;
    if (change.operation === 'add') id = await insertSynonymGroup(tx, terms, userId);
    else if (change.operation === 'edit')
      id = (await updateSynonymGroup(tx, change.id, terms, userId)) ? change.id : undefined;
    else id = (await deleteSynonymGroup(tx, change.id)) ? change.id : undefined;
    if (id === undefined) return undefined;
    await appendAudit(tx, {
      actor: context.actor,
      action: 'synonym.update',
      object: { type: 'search_synonym', id },
      outcome: 'success',
      sourceAddress: context.sourceAddress,
      detail: { operation: change.operation, terms: terms.length },
    });
    return id;
  });
}

const TermsBody = StrictBody({ terms: Type.String({ maxLength: 2000 }) });

/** GET and POST /admin/catalog/synonyms (list, add), …/:id/edit (change) and …/:id/delete. */
export function synonymPages(app: FastifyInstance, services: CatalogServices, deps: ModuleDeps): void {
  const { db } = services;
  const { config, assets } = deps;

  const joined = (t: AdminT, group: SynonymGroup) => group.terms.join(t('termSeparator'));

  const listPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { terms?: string; errors?: FieldErrors; done?: string | undefined },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = catalogAdminMessages.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const groups = await listSynonymGroups(db);
    const csrf = reply.generateCsrf();
    return sendPage(
      reply,
      <CatalogAdminPage
        ctx={ctx}
        title={t('synonymsTitle')}
        crumbs={[{ text: t('synonymsTitle') }]}
        errors={state.errors}
        done={state.done}
      >
        <h1 class="fj-heading-l">{t('synonymsTitle')}</h1>
        <p class="fj-body">{t('synonymsLead')}</p>
        <h2 class="fj-heading-m">{t('addSynonymTitle')}</h2>
        <form method="post" action="/admin/catalog/synonyms" novalidate>
          <CsrfField token={csrf} />
          <TextInput
            id="terms"
            name="terms"
            label={t('fieldTerms')}
            hint={t('fieldTermsHint')}
            value={state.terms}
            error={state.errors?.terms}
            errorPrefix={shell('errorPrefix')}
            autocomplete="off"
            maxlength={500}
          />
          <Button preventDoubleClick>{t('addSynonym')}</Button>
        </form>
        <p class="fj-body" role="status">
          {t('synonymsCount', { count: groups.length })}
        </p>
        {groups.length === 0 ? (
          <p class="fj-body">{t('noSynonyms')}</p>
        ) : (
          <Table
            id="synonyms"
            caption={t('synonymsCaption')}
            captionSize="m"
            columns={[{ header: t('colTerms') }, { header: t('colUpdated') }, { header: t('colAction') }]}
            rows={groups.map((g): TableCell[] => [
              joined(t, g),
              formatDateTime(g.updatedAt, ctx.locale),
              {
                content: (
                  // Named by aria-label: hidden text in a scrolling table widens the page at 320 px.
                  <a
                    href={`/admin/catalog/synonyms/${g.id}/edit`}
                    aria-label={`${t('edit')} ${t('groupHidden', { terms: joined(t, g) })}`}
                  >
                    {t('edit')}
                  </a>
                ),
              },
            ])}
          />
        )}
      </CatalogAdminPage>,
      status,
    );
  };

  app.get(
    '/admin/catalog/synonyms',
    { config: { access: 'synonym.update' }, schema: { hide: true, querystring: DoneQuery } },
    async (request, reply) => {
      const { done } = request.query as { done?: string };
      return listPage(request, reply, {
        done: doneText(catalogAdminMessages, request.locale, done),
      });
    },
  );

  app.post(
    '/admin/catalog/synonyms',
    { config: { access: 'synonym.update' }, schema: { hide: true, body: TermsBody } },
    async (request, reply) => {
      const { terms: raw } = request.body as { terms: string };
      const parsed = parseTerms(raw);
      if ('problem' in parsed) {
        const t = catalogAdminMessages.for(request.locale);
        return listPage(request, reply, { terms: raw, errors: { terms: problemText(t, parsed) } }, 400);
      }
      await changeSynonyms(db, commandContext(request), { operation: 'add' }, parsed.terms);
      services.search.invalidate();
      return reply.redirect('/admin/catalog/synonyms?done=synonymAdded', 303);
    },
  );

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    group: SynonymGroup,
    state: { terms?: string; errors?: FieldErrors },
    status = 200,
  ) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = catalogAdminMessages.for(ctx.locale);
    const shell = shellMessages.for(ctx.locale);
    const csrf = reply.generateCsrf();
    return sendPage(
      reply,
      <CatalogAdminPage
        ctx={ctx}
        title={t('editSynonymTitle')}
        crumbs={[
          { text: t('synonymsTitle'), href: '/admin/catalog/synonyms' },
          { text: t('editSynonymTitle') },
        ]}
        errors={state.errors}
      >
        <h1 class="fj-heading-l">{t('editSynonymTitle')}</h1>
        <form method="post" action={`/admin/catalog/synonyms/${group.id}/edit`} novalidate>
          <CsrfField token={csrf} />
          <TextInput
            id="terms"
            name="terms"
            label={t('fieldTerms')}
            hint={t('fieldTermsHint')}
            value={state.terms ?? joined(t, group)}
            error={state.errors?.terms}
            errorPrefix={shell('errorPrefix')}
            autocomplete="off"
            maxlength={500}
          />
          <ButtonGroup>
            <Button preventDoubleClick>{t('save')}</Button>
            <a href="/admin/catalog/synonyms" class="fj-body">
              {t('cancel')}
            </a>
          </ButtonGroup>
        </form>
        <h2 class="fj-heading-m">{t('deleteTitle')}</h2>
        <p class="fj-body">{t('deleteText')}</p>
        <form method="post" action={`/admin/catalog/synonyms/${group.id}/delete`}>
          <CsrfField token={csrf} />
          <Button variant="warning" preventDoubleClick>
            {t('deleteSynonym')}
          </Button>
        </form>
      </CatalogAdminPage>,
      status,
    );
  };

  const groupOf = async (request: FastifyRequest) => {
    const group = await findSynonymGroup(db, (request.params as { id: string }).id);
    if (!group) throw notFound();
    return group;
  };

  app.get(
    '/admin/catalog/synonyms/:id/edit',
    {
      config: { access: 'synonym.update' },
      schema: { hide: true, params: IdParams, querystring: DoneQuery },
    },
    async (request, reply) => editPage(request, reply, await groupOf(request), {}),
  );

  app.post(
    '/admin/catalog/synonyms/:id/edit',
    { config: { access: 'synonym.update' }, schema: { hide: true, params: IdParams, body: TermsBody } },
    async (request, reply) => {
      const group = await groupOf(request);
      const { terms: raw } = request.body as { terms: string };
      const parsed = parseTerms(raw);
      if ('problem' in parsed) {
        const t = catalogAdminMessages.for(request.locale);
        return editPage(
          request,
          reply,
          group,
          { terms: raw, errors: { terms: problemText(t, parsed) } },
          400,
        );
      }
      const saved = await changeSynonyms(
        db,
        commandContext(request),
        { operation: 'edit', id: group.id },
        parsed.terms,
      );
      if (saved === undefined) throw notFound();
      services.search.invalidate();
      return reply.redirect('/admin/catalog/synonyms?done=synonymSaved', 303);
    },
  );

  app.post(
    '/admin/catalog/synonyms/:id/delete',
    { config: { access: 'synonym.update' }, schema: { hide: true, params: IdParams, body: StrictBody({}) } },
    async (request, reply) => {
      const group = await groupOf(request);
      const deleted = await changeSynonyms(
        db,
        commandContext(request),
        { operation: 'delete', id: group.id },
        group.terms,
      );
      if (deleted === undefined) throw notFound();
      services.search.invalidate();
      return reply.redirect('/admin/catalog/synonyms?done=synonymDeleted', 303);
    },
  );
}
