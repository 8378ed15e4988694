import type { ComponentChildren } from 'preact';
import type { Params } from '../../../../platform/i18n/index.ts';
import {
  type BreadcrumbItem,
  Breadcrumbs,
  ErrorSummary,
  Layout,
  NotificationBanner,
  type PageContext,
  shellMessages,
} from '../../../../platform/ui/index.ts';
import type { FieldErrors } from '../supplier/shared.tsx';
import { type AdminT, catalogAdminMessages, isAdminKey } from './messages.ts';

/** The success message named by `?done=` (with its numbers, if any); anything else shows nothing. */
export function doneText(t: AdminT, done: string | undefined, params?: Params): string | undefined {
  const key = `done_${done ?? ''}`;
  return done !== undefined && isAdminKey(key) ? t(key, params) : undefined;
}

/** Every catalog administration page: breadcrumbs, the error summary, the success banner, then the page. */
export function CatalogAdminPage(props: {
  ctx: PageContext;
  title: string;
  /** After "首页 › 产品目录管理"; the last one is this page (no link). Empty on the landing page. */
  crumbs: readonly BreadcrumbItem[];
  errors?: FieldErrors | undefined;
  done?: string | undefined;
  children: ComponentChildren;
}) {
  const t = catalogAdminMessages.for(props.ctx.locale);
  const shell = shellMessages.for(props.ctx.locale);
  const errors = Object.entries(props.errors ?? {});
  const area: BreadcrumbItem =
    props.crumbs.length === 0 ? { text: t('indexTitle') } : { text: t('indexTitle'), href: '/admin/catalog' };
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
