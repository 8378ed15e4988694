import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import type { Queryable } from '../../../../platform/db/index.ts';
import { HttpError, PageQuery } from '../../../../platform/http/index.ts';
import { formatDate, type Locale } from '../../../../platform/i18n/index.ts';
import {
  type BreadcrumbItem,
  Breadcrumbs,
  ErrorSummary,
  Layout,
  NotificationBanner,
  type PageContext,
  shellMessages,
  Tag,
  type TagColour,
} from '../../../../platform/ui/index.ts';
import { type CatalogVersion, findCatalog } from '../../catalogsRepo.ts';
import { publicStatuses } from '../../domain/catalogWorkflow.ts';
import type { CatalogKind, CatalogStatus } from '../../domain/items.ts';
import { catalogStatusText, kindPath, kindText, policyLabels } from '../labels.ts';
import { isPublicKey, type PublicT, publicPolicyMessages } from './messages.ts';

/** Field → message, in the order the fields appear on the page. */
export type FieldErrors = Readonly<Record<string, string>>;

export const notFound = () => new HttpError(404, 'not_found', 'not found');

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
export const YearParams = Type.Object({ year: Year });
export const ItemParams = Type.Object({ year: Year, code: Type.String({ pattern: '^[0-9]{6,10}$' }) });

export const DoneQuery = Type.Object({
  ...PageQuery.properties,
  done: Type.Optional(Type.String({ maxLength: 40 })),
});

/** Text in the page's language, from a record that has both (the Chinese when the English was left empty). */
export const inLocale = (locale: Locale, zh: string, en: string): string =>
  locale === 'zh-CN' || en.trim() === '' ? zh : en;

const han = /[\u3400-\u9fff\uf900-\ufaff]/;

/** A name kept in both languages, marked as Chinese where an English page has to fall back to it. */
export function Named({ locale, zh, en }: { locale: Locale; zh: string; en: string }) {
  const text = inLocale(locale, zh, en);
  return locale === 'en' && text === zh && han.test(zh) ? <span lang="zh-CN">{zh}</span> : text;
}

/** Text staff typed in one language only (a decision's reasons, a source): marked as Chinese on an English page. */
export function FreeText({ locale, text }: { locale: Locale; text: string }) {
  return locale === 'en' && han.test(text) ? <span lang="zh-CN">{text}</span> : text;
}

export const catalogTitle = (locale: Locale, catalog: CatalogVersion) =>
  inLocale(locale, catalog.titleZh, catalog.titleEn);

/** An ISO day (YYYY-MM-DD) as the reader's language writes dates. Noon in Beijing keeps the day whatever the zone. */
export const dayText = (day: string, locale: Locale): string =>
  formatDate(new Date(`${day}T12:00:00+08:00`), locale);

/** "122203" → "12 22 03", the way the classification prints codes. */
export const formatIsoCode = (code: string): string => code.replace(/(\d{2})(?=\d)/g, '$1 ');

export const versionHref = (kind: CatalogKind, year: number) => `${kindPath[kind]}/${year}`;
export const itemHref = (year: number, code: string) => `${kindPath.subsidy}/${year}/items/${code}`;

/** A version the public may see: a draft is the city's working copy, so it is not found. */
export async function publicCatalog(db: Queryable, kind: CatalogKind, year: number): Promise<CatalogVersion> {
  const catalog = await findCatalog(db, kind, year);
  if (catalog === undefined || !publicStatuses.includes(catalog.status)) throw notFound();
  return catalog;
}

const statusColours: Readonly<Record<CatalogStatus, TagColour>> = {
  draft: 'grey',
  notice: 'yellow',
  in_force: 'green',
  superseded: 'grey',
};

/** A version's status in words; the colour only repeats them. */
export function CatalogStatusTag({ locale, status }: { locale: Locale; status: CatalogStatus }) {
  return <Tag text={catalogStatusText(policyLabels.for(locale), status)} colour={statusColours[status]} />;
}

/** The success message named by `?done=`; anything else in the address shows nothing. */
export function doneText(t: PublicT, done: string | undefined): string | undefined {
  const key = `done_${done ?? ''}`;
  return done !== undefined && isPublicKey(key) ? t(key) : undefined;
}

/** Breadcrumbs from the home page to a kind's list, for pages below it. */
export const kindCrumbs = (ctx: PageContext, kind: CatalogKind): BreadcrumbItem[] => [
  { text: kindText(policyLabels.for(ctx.locale), kind), href: kindPath[kind] },
];

/** Every public policy-catalog page: breadcrumbs, the error summary, the success banner, then the page. */
export function PolicyPage(props: {
  ctx: PageContext;
  title: string;
  /** After "首页"; the last one is this page (no link). */
  crumbs: readonly BreadcrumbItem[];
  errors?: FieldErrors | undefined;
  done?: string | undefined;
  children: ComponentChildren;
}) {
  const t = publicPolicyMessages.for(props.ctx.locale);
  const shell = shellMessages.for(props.ctx.locale);
  const errors = Object.entries(props.errors ?? {});
  return (
    <Layout ctx={props.ctx} title={props.title} hasErrors={errors.length > 0}>
      <Breadcrumbs
        label={shell('breadcrumbs')}
        items={[{ text: shell('navHome'), href: '/' }, ...props.crumbs]}
      />
      {errors.length > 0 && (
        <ErrorSummary
          title={t('errorSummary')}
          errors={errors.map(([id, text]) => ({ href: `#${id}`, text }))}
        />
      )}
      {props.done !== undefined && (
        <NotificationBanner type="success" title={t('doneTitle')} titleId="done-title" heading={props.done} />
      )}
      {props.children}
    </Layout>
  );
}
