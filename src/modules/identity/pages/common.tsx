import type { FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import {
  ErrorSummary,
  type FieldErrors,
  Layout,
  NotificationBanner,
  type PageContext,
  shellMessages,
} from '../../../platform/ui/index.ts';
import { describeDevice } from '../sessionsRepo.ts';

/**
 * A sign-in, "my account" or resident-lookup page: the platform's FormPage
 * without breadcrumbs (these pages have never had any). The error summary and
 * the success banner, with the shell's titles, then the page.
 */
export function UncrumbedPage(props: {
  ctx: PageContext;
  title: string;
  errors?: FieldErrors | undefined;
  /** What the last command did, in a success banner. */
  done?: string | undefined;
  children: ComponentChildren;
}) {
  const shell = shellMessages.for(props.ctx.locale);
  const errors = Object.entries(props.errors ?? {});
  return (
    <Layout ctx={props.ctx} title={props.title} hasErrors={errors.length > 0}>
      {errors.length > 0 && (
        <ErrorSummary
          title={shell('errorSummaryTitle')}
          errors={errors.map(([id, text]) => ({ href: `#${id}`, text }))}
        />
      )}
      {props.done !== undefined && (
        <NotificationBanner
          type="success"
          title={shell('doneTitle')}
          titleId="done-title"
          heading={props.done}
        />
      )}
      {props.children}
    </Layout>
  );
}

/** What the request tells us for the trail and the session list: the address and a device summary. */
export const requestOrigin = (request: FastifyRequest) => ({
  address: request.ip,
  device: describeDevice(request.headers['user-agent']),
});

/** Pages ask for JSON (the session script) or HTML (a plain form post). */
export const wantsJson = (request: FastifyRequest): boolean =>
  (request.headers.accept ?? '').includes('application/json');

// One definition for every module, in the platform.
export { signedIn } from '../../../platform/auth/index.ts';
export { CsrfField, type FieldErrors } from '../../../platform/ui/index.ts';
