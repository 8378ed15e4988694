import type { VNode } from 'preact';
import { type BreadcrumbItem, Breadcrumbs } from './breadcrumbs.tsx';
import { ErrorSummary } from './errorSummary.tsx';
import { NotificationBanner } from './notificationBanner.tsx';

/** Field id → message, in the order the fields appear on the page. */
export type FieldErrors = Readonly<Record<string, string>>;

export interface PageTopProps {
  /** Accessible name of the breadcrumbs, e.g. "页面路径" / "You are here". */
  breadcrumbsLabel: string;
  /** From the home page to this page; the last one is this page (no link). */
  crumbs: readonly BreadcrumbItem[];
  /** The form's problems: the error summary links each message to its field. None: no summary. */
  errors?: FieldErrors | undefined;
  /** Heading of the error summary, e.g. "存在问题" / "There is a problem". */
  errorTitle: string;
  /** What the last command did, e.g. "已保存". None: no banner. */
  done?: string | undefined;
  /** Title of the success banner, e.g. "成功" / "Success". Its id is "done-title". */
  doneTitle: string;
}

/**
 * What stands above a page's heading: where the page is, what went wrong with
 * the form just sent (each message linking to its field), or what the command
 * just sent did. FormPage puts it in the layout.
 */
export function PageTop({
  breadcrumbsLabel,
  crumbs,
  errors,
  errorTitle,
  done,
  doneTitle,
}: PageTopProps): VNode {
  const problems = Object.entries(errors ?? {});
  return (
    <>
      <Breadcrumbs label={breadcrumbsLabel} items={crumbs} />
      {problems.length > 0 && (
        <ErrorSummary title={errorTitle} errors={problems.map(([id, text]) => ({ href: `#${id}`, text }))} />
      )}
      {done !== undefined && (
        <NotificationBanner type="success" title={doneTitle} titleId="done-title" heading={done} />
      )}
    </>
  );
}
