import type { FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import { auditActor, sourceAddress } from '../../../../platform/auth/index.ts';
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
import type { CommandContext } from '../../catalogsService.ts';
import type { AdmissionStatus } from '../../domain/admission.ts';
import type { CatalogStatus } from '../../domain/items.ts';
import { admissionStatusText, catalogStatusText, policyLabels } from '../labels.ts';
import { type AdminT, isPolicyAdminKey, policyAdminMessages } from './messages.ts';

/** Field id → message, in the order the fields appear on the page. */
export type FieldErrors = Readonly<Record<string, string>>;

export const DoneQuery = Type.Object({
  ...PageQuery.properties,
  done: Type.Optional(Type.String({ maxLength: 40 })),
});

export const notFound = () => new HttpError(404, 'not_found', 'not found');

export const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Who acts, as the services record it on the audit trail. */
export const commandContext = (request: FastifyRequest): CommandContext => ({
  actor: auditActor(request.actor),
  sourceAddress: sourceAddress(request),
});

/** The success message named by `?done=`; anything else in the address shows nothing. */
export function doneText(t: AdminT, done: string | undefined): string | undefined {
  const key = `done_${done ?? ''}`;
  return done !== undefined && isPolicyAdminKey(key) ? t(key) : undefined;
}

/** Text in the page's language, from a record that has both. */
export const inLocale = (locale: Locale, zh: string, en: string): string => (locale === 'zh-CN' ? zh : en);

/** A calendar day (YYYY-MM-DD, a day in Xi'an) as people read dates in the page's language; none is ''. */
export const dayText = (day: string | null, locale: Locale): string =>
  day === null ? '' : formatDate(new Date(`${day}T12:00:00+08:00`), locale);

/** Chinese text on an English page is marked, so a screen reader reads it in Chinese. */
export const Zh = ({ text }: { text: string }) => <span lang="zh-CN">{text}</span>;

/** A whole number typed into a form ("12", " 12 ", "１２"), or null. */
export function wholeNumber(raw: string): number | null {
  const text = raw.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return /^\d{1,6}$/.test(text) ? Number(text) : null;
}

const catalogColours: Record<CatalogStatus, TagColour> = {
  draft: 'grey',
  notice: 'yellow',
  in_force: 'green',
  superseded: 'grey',
};

const admissionColours: Record<AdmissionStatus, TagColour> = {
  applied: 'blue',
  under_review: 'blue',
  notice: 'yellow',
  admitted: 'green',
  rejected: 'red',
  objection_upheld: 'red',
  withdrawn: 'grey',
};

/** A status in words; the colour only repeats what the words say. */
export const CatalogStatusTag = ({ locale, status }: { locale: Locale; status: CatalogStatus }) => (
  <Tag text={catalogStatusText(policyLabels.for(locale), status)} colour={catalogColours[status]} />
);

export const AdmissionStatusTag = ({ locale, status }: { locale: Locale; status: AdmissionStatus }) => (
  <Tag text={admissionStatusText(policyLabels.for(locale), status)} colour={admissionColours[status]} />
);

/** The two areas of these pages: the catalogs, and the admission reviews. */
export type AdminArea = 'catalogs' | 'admissions';

const areaHome: Record<AdminArea, string> = {
  catalogs: '/admin/policy-catalogs',
  admissions: '/admin/admissions',
};

/** Every page here: breadcrumbs, the error summary, the success banner, then the page. */
export function PolicyAdminPage(props: {
  ctx: PageContext;
  area: AdminArea;
  title: string;
  /** After "首页 › <area>"; the last one is this page (no link). Empty on the area's own list. */
  crumbs: readonly BreadcrumbItem[];
  errors?: FieldErrors | undefined;
  done?: string | undefined;
  children: ComponentChildren;
}) {
  const t = policyAdminMessages.for(props.ctx.locale);
  const shell = shellMessages.for(props.ctx.locale);
  const errors = Object.entries(props.errors ?? {});
  const areaName = props.area === 'catalogs' ? t('catalogsTitle') : t('admissionsTitle');
  const area: BreadcrumbItem =
    props.crumbs.length === 0 ? { text: areaName } : { text: areaName, href: areaHome[props.area] };
  return (
    <Layout ctx={props.ctx} title={props.title} hasErrors={errors.length > 0}>
      <Breadcrumbs
        label={shell('breadcrumbs')}
        items={[{ text: shell('navHome'), href: '/' }, area, ...props.crumbs]}
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
