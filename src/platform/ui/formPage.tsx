import type { ComponentChildren } from 'preact';
import type { Locale, Messages, Params } from '../i18n/index.ts';
import type { BreadcrumbItem } from './components/breadcrumbs.tsx';
import { type FieldErrors, PageTop } from './components/pageTop.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { shellMessages } from './messages.ts';

export interface FormPageProps {
  ctx: PageContext;
  title: string;
  /**
   * The work area the page belongs to, after "首页": a link, except on the
   * area's own page (no crumbs). None: the crumbs follow "首页" directly.
   */
  area?: { readonly text: string; readonly href: string } | undefined;
  /** After "首页" (and the area); the last one is this page (no link). */
  crumbs: readonly BreadcrumbItem[];
  /** Field id → message: the error summary, and "错误：" before the title. */
  errors?: FieldErrors | undefined;
  /** What the last command did, in a success banner. */
  done?: string | undefined;
  children: ComponentChildren;
}

/** A page of the platform: the layout, breadcrumbs from the home page, the error summary, the success banner, then the page. */
export function FormPage({ ctx, title, area, crumbs, errors, done, children }: FormPageProps) {
  const shell = shellMessages.for(ctx.locale);
  const areaCrumbs = area === undefined ? [] : [crumbs.length === 0 ? { text: area.text } : area];
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors ?? {}).length > 0}>
      <PageTop
        breadcrumbsLabel={shell('breadcrumbs')}
        crumbs={[{ text: shell('navHome'), href: '/' }, ...areaCrumbs, ...crumbs]}
        errors={errors}
        errorTitle={shell('errorSummaryTitle')}
        done={done}
        doneTitle={shell('doneTitle')}
      />
      {children}
    </Layout>
  );
}

/**
 * The success message `?done=<name>` names: the catalog's `done_<name>` (with
 * its numbers, if any). Any other name in the address shows nothing.
 */
export function doneText<K extends string>(
  messages: Messages<K>,
  locale: Locale,
  done: string | undefined,
  params?: Params,
): string | undefined {
  const key = `done_${done ?? ''}`;
  return done !== undefined && messages.has(key) ? messages.for(locale)(key, params) : undefined;
}
