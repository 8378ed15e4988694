import type { FastifyInstance } from 'fastify';
import { PageQuery, pageContext, sendPage } from '../../../../platform/http/index.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import type { ModuleDeps } from '../../../../platform/module.ts';
import { FormPage, type PageContext, Table, type TableCell } from '../../../../platform/ui/index.ts';
import { type CatalogVersion, listCatalogs, readSettings } from '../../catalogsRepo.ts';
import type { CatalogKind } from '../../domain/items.ts';
import { policyYearBounds, type YearStart } from '../../domain/policyYear.ts';
import { kindPath, kindText, policyLabels } from '../labels.ts';
import { CatalogStatusTag, dayText } from '../shared.tsx';
import { CompareForm } from './diffPage.tsx';
import { type PublicT, publicPolicyMessages } from './messages.ts';
import { catalogTitle, versionHref } from './shared.tsx';

const otherKind: Readonly<Record<CatalogKind, CatalogKind>> = { subsidy: 'rehab', rehab: 'subsidy' };

const monthDayFormats = new Map<Locale, Intl.DateTimeFormat>(
  (['zh-CN', 'en'] as const).map((locale) => [
    locale,
    new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', timeZone: 'UTC' }),
  ]),
);
const monthDay = (day: string, locale: Locale) =>
  (monthDayFormats.get(locale) as Intl.DateTimeFormat).format(new Date(`${day}T00:00:00Z`));

/** The policy year in words, from the city's setting (1 Oct … 30 Sep) and the newest version as an example. */
function PolicyYearText({
  t,
  locale,
  start,
  example,
}: {
  t: PublicT;
  locale: Locale;
  start: YearStart;
  example?: CatalogVersion;
}) {
  const bounds = policyYearBounds(2001, start);
  const sample = example ?? { year: 2001, ...bounds };
  return (
    <p class="fj-body">
      {t('policyYearExplained', {
        start: monthDay(bounds.startsOn, locale),
        end: monthDay(bounds.endsOn, locale),
        year: sample.year,
        from: dayText(sample.startsOn, locale),
        to: dayText(sample.endsOn, locale),
      })}
    </p>
  );
}

function VersionsTable({
  ctx,
  t,
  versions,
}: {
  ctx: PageContext;
  t: PublicT;
  versions: readonly CatalogVersion[];
}) {
  return (
    <Table
      id="versions"
      caption={t('versionsCaption')}
      captionVisuallyHidden
      firstCellIsHeader
      columns={[
        { header: t('colYear') },
        { header: t('colTitle') },
        { header: t('colStatus') },
        { header: t('colPeriod') },
        { header: t('colItems'), numeric: true },
      ]}
      rows={versions.map((v): TableCell[] => [
        t('yearN', { year: v.year }),
        { content: <a href={versionHref(v.kind, v.year)}>{catalogTitle(ctx.locale, v)}</a> },
        { content: <CatalogStatusTag locale={ctx.locale} status={v.status} /> },
        t('period', { from: dayText(v.startsOn, ctx.locale), to: dayText(v.endsOn, ctx.locale) }),
        v.itemCount,
      ])}
    />
  );
}

export function CatalogListPage(props: {
  ctx: PageContext;
  kind: CatalogKind;
  versions: readonly CatalogVersion[];
  yearStart: YearStart;
}) {
  const { ctx, kind, versions } = props;
  const t = publicPolicyMessages.for(ctx.locale);
  const l = policyLabels.for(ctx.locale);
  const title = kindText(l, kind);
  return (
    <FormPage ctx={ctx} title={title} crumbs={[{ text: title }]}>
      <h1 class="fj-heading-l">{title}</h1>
      <p class="fj-lead">{t(`listLead_${kind}`)}</p>
      <PolicyYearText t={t} locale={ctx.locale} start={props.yearStart} example={versions[0]} />
      <h2 class="fj-heading-m">{t('versionsTitle')}</h2>
      {versions.length === 0 ? (
        <p class="fj-body">{t('noVersions')}</p>
      ) : (
        <VersionsTable ctx={ctx} t={t} versions={versions} />
      )}
      {versions.length >= 2 && (
        <>
          <h2 class="fj-heading-m">{t('compareTitle')}</h2>
          <p class="fj-body">{t('compareLead')}</p>
          <CompareForm
            ctx={ctx}
            kind={kind}
            years={versions.map((v) => v.year)}
            from={String(versions[1]?.year ?? '')}
            to={String(versions[0]?.year ?? '')}
          />
        </>
      )}
      <h2 class="fj-heading-m">{t('noticesLinkTitle')}</h2>
      <p class="fj-body">
        {t('noticesLinkText')} <a href="/notices">{t('noticesLink')}</a>
      </p>
      <h2 class="fj-heading-m">{t('otherKindTitle')}</h2>
      <p class="fj-body">
        <a href={kindPath[otherKind[kind]]}>{kindText(l, otherKind[kind])}</a>
      </p>
    </FormPage>
  );
}

/** GET /subsidy-catalogs and /rehab-service-catalogs: the public versions of each kind, newest first. */
export function catalogListPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { config, assets, db } = deps;
  for (const kind of ['subsidy', 'rehab'] as const) {
    app.get(
      kindPath[kind],
      { config: { access: 'public' }, schema: { hide: true, querystring: PageQuery } },
      async (request, reply) => {
        const [versions, settings] = await Promise.all([
          listCatalogs(db, kind, { includeDrafts: false }),
          readSettings(db),
        ]);
        const ctx = pageContext(config, assets, request, reply);
        return sendPage(
          reply,
          <CatalogListPage ctx={ctx} kind={kind} versions={versions} yearStart={settings.yearStart} />,
        );
      },
    );
  }
}
