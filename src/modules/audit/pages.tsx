import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { recordAudit, searchAudit, verifyAuditChain } from '../../platform/audit/index.ts';
import { auditActor } from '../../platform/auth/index.ts';
import { PageQuery, pageContext, sendPage } from '../../platform/http/index.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../platform/module.ts';
import {
  Breadcrumbs,
  Button,
  ErrorSummary,
  Layout,
  NotificationBanner,
  Pagination,
  Table,
  Tag,
  TextInput,
} from '../../platform/ui/index.ts';
import { auditMessages } from './messages.ts';

const pageSize = 50;

const SearchQuery = Type.Object({
  ...PageQuery.properties,
  actor: Type.Optional(Type.String({ maxLength: 100 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  objectType: Type.Optional(Type.String({ maxLength: 50 })),
  objectId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ maxLength: 20 })),
  to: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

type Search = {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
  page?: number;
};

const filled = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/** A calendar day in the city's time zone (UTC+8, no daylight saving) as the moment it starts. */
function dayStart(value: string): Date | null {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day)
    return null;
  // Asia/Shanghai is UTC+8 all year round.
  return new Date(utc.getTime() - 8 * 3_600_000);
}

const oneDay = 86_400_000;

/** The auditor's view of the trail: search by who, what, which object and when, and check the chain. */
export function auditPages(app: FastifyInstance, { config, db, assets }: ModuleDeps): void {
  app.get(
    '/audit',
    { config: { access: 'audit.read' }, schema: { hide: true, querystring: SearchQuery } },
    async (request, reply) => {
      const query = request.query as Search;
      const ctx = pageContext(config, assets, request, reply);
      const t = auditMessages.for(ctx.locale);
      const errors: { field: string; text: string }[] = [];
      const fromText = filled(query.from);
      const toText = filled(query.to);
      const from = fromText === undefined ? undefined : dayStart(fromText);
      const toDay = toText === undefined ? undefined : dayStart(toText);
      if (from === null) errors.push({ field: 'from', text: t('dateInvalid') });
      if (toDay === null) errors.push({ field: 'to', text: t('dateInvalid') });
      if (from && toDay && toDay < from) errors.push({ field: 'to', text: t('dateOrder') });
      const page = query.page ?? 1;
      const filter = {
        actorLabel: filled(query.actor),
        action: filled(query.action),
        objectType: filled(query.objectType),
        objectId: filled(query.objectId),
        from: from ?? undefined,
        to: toDay ? new Date(toDay.getTime() + oneDay) : undefined,
        page,
        pageSize,
      };
      const result = errors.length > 0 ? { items: [], total: 0 } : await searchAudit(db, filter);
      // Reading the trail is itself recorded: who looked, and with which filters.
      await recordAudit(db, {
        actor: auditActor(request.actor),
        action: 'audit.search',
        outcome: 'success',
        sourceAddress: request.ip,
        detail: {
          actor: filter.actorLabel ?? null,
          action: filter.action ?? null,
          objectType: filter.objectType ?? null,
          page,
        },
      });
      const totalPages = Math.max(1, Math.ceil(result.total / pageSize));
      const params = (p: number) => {
        const search = new URLSearchParams();
        for (const [key, value] of Object.entries({ ...query, page: p })) {
          if (key !== 'lang' && value !== undefined && value !== '') search.set(key, String(value));
        }
        return `/audit?${search}`;
      };
      const errorFor = (field: string) => errors.find((e) => e.field === field)?.text;
      const outcome = {
        success: t('outcomeSuccess'),
        failure: t('outcomeFailure'),
        denied: t('outcomeDenied'),
      };
      return sendPage(
        reply,
        <Layout ctx={ctx} title={t('title')} hasErrors={errors.length > 0}>
          {errors.length > 0 && (
            <ErrorSummary
              title={t('errorSummary')}
              errors={errors.map((e) => ({ href: `#${e.field}`, text: e.text }))}
            />
          )}
          <h1 class="fj-heading-l">{t('title')}</h1>
          <p class="fj-body">{t('lead')}</p>
          <p class="fj-body">
            <a href="/audit/verify">{t('verifyLink')}</a>
          </p>
          <form method="get" action="/audit" class="fj-filters" novalidate>
            <h2 class="fj-heading-m">{t('filters')}</h2>
            <div class="fj-filters__grid">
              <TextInput
                id="actor"
                name="actor"
                label={t('actor')}
                hint={t('actorHint')}
                value={query.actor}
                spellcheck={false}
              />
              <TextInput
                id="action"
                name="action"
                label={t('action')}
                hint={t('actionHint')}
                value={query.action}
                spellcheck={false}
              />
              <TextInput
                id="objectType"
                name="objectType"
                label={t('objectType')}
                hint={t('objectTypeHint')}
                value={query.objectType}
                spellcheck={false}
              />
              <TextInput
                id="objectId"
                name="objectId"
                label={t('objectId')}
                value={query.objectId}
                spellcheck={false}
              />
              <TextInput
                id="from"
                name="from"
                label={t('from')}
                hint={t('dateHint')}
                value={query.from}
                width="10"
                error={errorFor('from')}
              />
              <TextInput
                id="to"
                name="to"
                label={t('to')}
                hint={t('dateHint')}
                value={query.to}
                width="10"
                error={errorFor('to')}
              />
            </div>
            <div class="fj-filters__actions">
              <Button>{t('search')}</Button>
              <a href="/audit" class="fj-body">
                {t('clear')}
              </a>
            </div>
          </form>
          <p class="fj-body" role="status">
            {t('results', { total: String(result.total) })}
          </p>
          {result.items.length === 0 ? (
            <p class="fj-body">{t('noResults')}</p>
          ) : (
            <Table
              id="audit-records"
              caption={t('resultsCaption')}
              columns={[
                { header: t('colSeq'), numeric: true },
                { header: t('colTime') },
                { header: t('colActor') },
                { header: t('colAction') },
                { header: t('colObject') },
                { header: t('colOutcome') },
                { header: t('colAddress') },
                { header: t('colDetail') },
              ]}
              rows={result.items.map((item) => [
                item.seq,
                formatDateTime(item.occurredAt, ctx.locale),
                item.actor.label,
                item.action,
                item.object ? `${item.object.type} ${item.object.id}` : '',
                {
                  content: (
                    <Tag
                      text={outcome[item.outcome]}
                      colour={
                        item.outcome === 'success' ? 'green' : item.outcome === 'denied' ? 'red' : 'yellow'
                      }
                    />
                  ),
                },
                item.sourceAddress ?? '',
                Object.entries(item.detail)
                  .map(([key, value]) => `${key}: ${String(value)}`)
                  .join('; '),
              ])}
            />
          )}
          {totalPages > 1 && (
            <Pagination
              label={t('pagination')}
              currentPage={Math.min(page, totalPages)}
              totalPages={totalPages}
              hrefForPage={params}
              previousText={t('previous')}
              nextText={t('next')}
              pageLabel={(p) => t('page', { page: String(p) })}
            />
          )}
        </Layout>,
      );
    },
  );

  app.get(
    '/audit/verify',
    { config: { access: 'audit.read' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const ctx = pageContext(config, assets, request, reply);
      const t = auditMessages.for(ctx.locale);
      const report = await verifyAuditChain(db);
      await recordAudit(db, {
        actor: auditActor(request.actor),
        action: 'audit.verify',
        outcome: 'success',
        sourceAddress: request.ip,
        detail: { intact: report.ok },
      });
      return sendPage(
        reply,
        <Layout ctx={ctx} title={t('verifyTitle')}>
          <Breadcrumbs label={t('title')} items={[{ text: t('title'), href: '/audit' }]} />
          <h1 class="fj-heading-l">{t('verifyTitle')}</h1>
          <p class="fj-body">{t('verifyLead')}</p>
          {report.ok ? (
            <NotificationBanner type="success" title={t('verifyOk')} titleId="verify-result">
              <p class="fj-body">
                {report.head === null
                  ? t('verifyEmpty')
                  : t('verifyIntact', { rows: String(report.rows), seq: String(report.head.seq) })}
              </p>
              {report.head && (
                <>
                  <p class="fj-body">{t('verifyHead')}</p>
                  <p class="fj-body">
                    <code class="fj-code fj-code--break">{`${report.head.seq} ${report.head.hash}`}</code>
                  </p>
                </>
              )}
            </NotificationBanner>
          ) : (
            <div class="fj-error-summary" role="alert" tabindex={-1}>
              <h2 class="fj-error-summary__title">{t('verifyFailed')}</h2>
              <p class="fj-body">{t('verifyBroken', { seq: String(report.firstBadSeq) })}</p>
              <p class="fj-body" lang="en">
                {report.reason}
              </p>
            </div>
          )}
          <p class="fj-body">
            <a href="/audit">{t('back')}</a>
          </p>
        </Layout>,
      );
    },
  );
}
