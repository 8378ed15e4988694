import type { FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { ErrorSummary, Layout, type PageContext } from '../../../platform/ui/index.ts';
import { describeDevice } from '../sessionsRepo.ts';

/** Field → message, in the order the fields appear on the page. */
export type FieldErrors = Readonly<Record<string, string>>;

/** A page with a form: the error summary (linking to each field) comes first, the title says "错误". */
export function FormPage(props: {
  ctx: PageContext;
  title: string;
  errors?: FieldErrors;
  errorTitle: string;
  /** Field name → element id, where they differ. */
  idFor?: (field: string) => string;
  children: ComponentChildren;
}) {
  const errors = Object.entries(props.errors ?? {});
  return (
    <Layout ctx={props.ctx} title={props.title} hasErrors={errors.length > 0}>
      {errors.length > 0 && (
        <ErrorSummary
          title={props.errorTitle}
          errors={errors.map(([field, text]) => ({
            href: `#${props.idFor ? props.idFor(field) : field}`,
            text,
          }))}
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
export { CsrfField } from '../../../platform/ui/index.ts';
