import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../../../platform/audit/index.ts';
import { auditActor, authorise, reach } from '../../../platform/auth/index.ts';
import { HttpError, PageQuery, pageContext, sendPage } from '../../../platform/http/index.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { parsePhone, parseResidentId } from '../../../platform/ids/index.ts';
import {
  Breadcrumbs,
  Button,
  CountedTable,
  NotificationBanner,
  Pagination,
  Radios,
  SummaryList,
  Textarea,
  TextInput,
} from '../../../platform/ui/index.ts';
import { recordResidentRead } from '../residentReads.ts';
import { findResident, listResidents, type ResidentView } from '../residentsRepo.ts';
import { CsrfField, signedIn, UncrumbedPage } from './common.tsx';
import { residentsMessages } from './residentsMessages.ts';
import type { SignInPageDeps } from './signIn/index.ts';

const pageSize = 50;
const revealReasons = ['case', 'request', 'verify', 'other'] as const;
type RevealReason = (typeof revealReasons)[number];
const reasonKey = {
  case: 'reasonCase',
  request: 'reasonRequest',
  verify: 'reasonVerify',
  other: 'reasonOther',
} as const;

/** A long run of digits in a note is most likely an ID or phone number: the trail must never hold one. */
const looksPersonal = (text: string) => /\d{7,}/.test(text.replace(/[\s-]/g, ''));

const residentTarget = (resident: ResidentView) => ({
  districtCodes: resident.districtCode === null ? [] : [resident.districtCode],
  ownerUserId: resident.id,
});

/** Staff look up residents within their reach (SECURITY.md 7, 19): masked, revealed only with a reason. */
export function residentsPages(app: FastifyInstance, deps: SignInPageDeps): void {
  const { config, db, keyring, assets } = deps;

  app.get(
    '/staff/residents',
    {
      config: { access: 'resident.read' },
      schema: {
        hide: true,
        querystring: Type.Object({
          ...PageQuery.properties,
          q: Type.Optional(Type.String({ maxLength: 40 })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
        }),
      },
    },
    async (request, reply) => {
      const { q = '', page = 1 } = request.query as { q?: string; page?: number };
      const ctx = pageContext(config, assets, request, reply);
      const t = residentsMessages.for(ctx.locale);
      const actor = signedIn(request);
      const typed = q.trim();
      let lookupHash: string | null = null;
      let error: string | undefined;
      if (typed !== '') {
        const phone = parsePhone(typed);
        const residentId = parseResidentId(typed);
        if (phone.ok) lookupHash = keyring.lookupHash('phone', phone.value);
        else if (residentId.ok) lookupHash = keyring.lookupHash('resident-id', residentId.value.number);
        else error = t('searchInvalid');
      }
      const result =
        error === undefined
          ? await listResidents(db, keyring, reach(actor, 'resident.read'), { lookupHash, page, pageSize })
          : { items: [], total: 0 };
      if (result.items.length > 0) {
        await recordResidentRead(db, request, 'resident.list', null, {
          shown: result.items.length,
          page,
          search: lookupHash !== null,
        });
      }
      const totalPages = Math.max(1, Math.ceil(result.total / pageSize));
      return sendPage(
        reply,
        <UncrumbedPage ctx={ctx} title={t('title')} errors={error ? { q: error } : {}}>
          <h1 class="fj-heading-l">{t('title')}</h1>
          <p class="fj-body">{t('lead')}</p>
          <form method="get" action="/staff/residents" class="fj-filters" novalidate>
            {/* The typed number is not echoed back: the page would then hold it in full. */}
            <TextInput
              id="q"
              name="q"
              label={t('search')}
              hint={t('searchHint')}
              autocomplete="off"
              spellcheck={false}
              width="20"
              error={error}
            />
            <Button>{t('find')}</Button>
          </form>
          <CountedTable
            count={t('total', { total: String(result.total) })}
            empty={t('none')}
            id="residents"
            caption={t('caption')}
            firstCellIsHeader
            columns={[
              { header: t('colName') },
              { header: t('colPhone') },
              { header: t('colResidentId') },
              { header: t('colDistrict') },
              { header: t('colSince') },
              { header: t('view') },
            ]}
            rows={result.items.map((r) => [
              r.displayName,
              r.phone ?? '',
              r.residentId ?? t('notBound'),
              (ctx.locale === 'zh-CN' ? r.districtNameZh : r.districtNameEn) ?? '',
              formatDate(r.createdAt, ctx.locale),
              {
                content: (
                  <a
                    href={`/staff/residents/${r.id}`}
                    aria-label={t('viewResident', { name: r.displayName })}
                  >
                    {t('view')}
                  </a>
                ),
              },
            ])}
          />
          {totalPages > 1 && (
            <Pagination
              label={t('pagination')}
              currentPage={Math.min(page, totalPages)}
              totalPages={totalPages}
              hrefForPage={(p) => `/staff/residents?page=${p}`}
              previousText={t('previous')}
              nextText={t('next')}
              pageLabel={(p) => t('page', { page: String(p) })}
            />
          )}
        </UncrumbedPage>,
      );
    },
  );

  const detailPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    resident: ResidentView,
    state: { revealed?: boolean; errors?: Record<string, string>; reason?: string; note?: string },
    status = 200,
  ) => {
    // The reveal answers a POST: the language switch and navigation point at the record's own page.
    const ctx = { ...pageContext(config, assets, request, reply), path: `/staff/residents/${resident.id}` };
    const t = residentsMessages.for(ctx.locale);
    return sendPage(
      reply,
      <UncrumbedPage ctx={ctx} title={t('detailTitle')} errors={state.errors}>
        <Breadcrumbs label={t('title')} items={[{ text: t('title'), href: '/staff/residents' }]} />
        {state.revealed && (
          <NotificationBanner title={t('revealedTitle')} titleId="revealed">
            <p class="fj-body">{t('revealed')}</p>
          </NotificationBanner>
        )}
        <h1 class="fj-heading-l">{t('detailTitle')}</h1>
        <SummaryList
          rows={[
            { key: t('name'), value: resident.displayName },
            { key: t('phone'), value: resident.phone ?? '' },
            { key: t('residentId'), value: resident.residentId ?? t('notBound') },
            {
              key: t('district'),
              value: (ctx.locale === 'zh-CN' ? resident.districtNameZh : resident.districtNameEn) ?? '',
            },
            { key: t('since'), value: formatDate(resident.createdAt, ctx.locale) },
          ]}
        />
        {!state.revealed && (
          <form method="post" action={`/staff/residents/${resident.id}/reveal`} novalidate>
            <h2 class="fj-heading-m">{t('revealHeading')}</h2>
            <p class="fj-body">{t('revealLead')}</p>
            <CsrfField token={reply.generateCsrf()} />
            <Radios
              idPrefix="reason"
              name="reason"
              legend={t('reason')}
              legendSize="s"
              value={state.reason}
              error={state.errors?.reason}
              items={revealReasons.map((value) => ({ value, text: t(reasonKey[value]) }))}
            />
            <Textarea
              id="note"
              name="note"
              label={t('note')}
              hint={t('noteHint')}
              rows={2}
              value={state.note}
              error={state.errors?.note}
            />
            <Button variant="secondary">{t('reveal')}</Button>
          </form>
        )}
        <p class="fj-body">
          <a href="/staff/residents">{t('back')}</a>
        </p>
      </UncrumbedPage>,
      status,
    );
  };

  const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });

  /** Finds the resident and checks the actor may do `action` to them; 404 otherwise (audited). */
  const residentFor = async (
    request: FastifyRequest,
    action: 'resident.read' | 'resident.reveal',
    reveal: boolean,
  ) => {
    const { id } = request.params as { id: string };
    const resident = await findResident(db, keyring, id, reveal);
    if (!resident) throw new HttpError(404, 'not_found', 'not found');
    await authorise(db, request, action, { type: 'resident', id }, residentTarget(resident));
    return resident;
  };

  app.get(
    '/staff/residents/:id',
    { config: { access: 'resident.read' }, schema: { hide: true, params: Params, querystring: PageQuery } },
    async (request, reply) => {
      const resident = await residentFor(request, 'resident.read', false);
      await recordResidentRead(db, request, 'resident.read', resident.id);
      return detailPage(request, reply, resident, {});
    },
  );

  app.post(
    '/staff/residents/:id/reveal',
    {
      config: { access: 'resident.reveal' },
      schema: {
        hide: true,
        params: Params,
        body: Type.Object(
          {
            _csrf: Type.String(),
            reason: Type.Optional(Type.String({ maxLength: 20 })),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { reason, note = '' } = request.body as { reason?: string; note?: string };
      const masked = await residentFor(request, 'resident.reveal', false);
      const t = residentsMessages.for(request.locale);
      const errors: Record<string, string> = {};
      if (!revealReasons.includes(reason as RevealReason)) errors.reason = t('reasonMissing');
      if (looksPersonal(note)) errors.note = t('noteInvalid');
      if (Object.keys(errors).length > 0) {
        return detailPage(
          request,
          reply,
          masked,
          { errors, reason, note: looksPersonal(note) ? '' : note },
          400,
        );
      }
      const actor = signedIn(request);
      await recordAudit(db, {
        actor: auditActor(actor),
        action: 'resident.reveal',
        object: { type: 'resident', id: masked.id },
        outcome: 'success',
        sourceAddress: request.ip,
        detail: { reason: reason as RevealReason, note: note.trim() === '' ? null : note.trim() },
      });
      const full = (await findResident(db, keyring, masked.id, true)) as ResidentView;
      return detailPage(request, reply, full, { revealed: true });
    },
  );
}
