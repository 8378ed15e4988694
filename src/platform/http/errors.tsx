import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { Layout } from '../ui/layout.tsx';
import { shellMessages } from '../ui/messages.ts';
import type { Assets } from './assets.ts';
import { pageContext, sendPage } from './context.ts';

/** An error whose status, code and message are safe to show to the client. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Every API error body has this one shape. */
interface ApiErrorBody {
  error: { code: string; message: string };
}

const codeByFastifyCode: Record<string, [number, string]> = {
  FST_CSRF_MISSING_SECRET: [403, 'csrf_invalid'],
  FST_CSRF_INVALID_TOKEN: [403, 'csrf_invalid'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_body'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_body'],
};

const codeByStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  429: 'rate_limited',
};

/** Everything under /api is JSON, except the human-readable reference at /api/docs. */
const isApiRequest = (request: FastifyRequest): boolean => {
  const path = request.url.split('?')[0] ?? '';
  return (path === '/api' || path.startsWith('/api/')) && path !== '/api/docs';
};

/** Turns any thrown error into a status, a stable code and a message safe to show. */
function classify(error: FastifyError | HttpError): { status: number; code: string; message: string } {
  if (error instanceof HttpError)
    return { status: error.statusCode, code: error.code, message: error.message };
  if ('validation' in error && error.validation) {
    return { status: 400, code: 'validation_failed', message: error.message };
  }
  const known = error.code ? codeByFastifyCode[error.code] : undefined;
  if (known) return { status: known[0], code: known[1], message: error.message };
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) return { status, code: 'internal_error', message: 'internal error' };
  return { status, code: codeByStatus[status] ?? 'bad_request', message: error.message };
}

function sendApiError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  const body: ApiErrorBody = { error: { code, message } };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** Accessible error pages for people and the one JSON error shape for the API. */
export function errorHandling(
  app: FastifyInstance,
  { config, assets }: { config: Config; assets: Assets },
): void {
  const page = (request: FastifyRequest, reply: FastifyReply, status: number, code: string) => {
    const ctx = pageContext(config, assets, request, reply);
    const t = shellMessages.for(ctx.locale);
    const [title, body] =
      status === 404
        ? [t('notFoundTitle'), t('notFoundBody')]
        : status === 403 && code === 'forbidden'
          ? [t('notAllowedTitle'), t('notAllowedBody')]
          : status === 403
            ? [t('forbiddenTitle'), t('forbiddenBody')]
            : status === 429
              ? [t('tooManyTitle'), t('tooManyBody')]
              : status >= 500
                ? [t('serverErrorTitle'), t('serverErrorBody')]
                : [t('badRequestTitle'), t('badRequestBody')];
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1 class="fj-heading-l">{title}</h1>
        <p class="fj-body">{body}</p>
        {status >= 500 && (
          <p class="fj-body">{t('serverErrorReference', { reference: String(request.id) })}</p>
        )}
        <p class="fj-body">
          <a href="/">{t('notFoundHome')}</a>
        </p>
      </Layout>,
      status,
    );
  };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, code, message } = classify(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code, status }, 'request refused');
    if (status === 429) reply.header('retry-after', '60');
    if (isApiRequest(request)) return sendApiError(reply, status, code, message);
    return page(request, reply, status, code);
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApiRequest(request)) return sendApiError(reply, 404, 'not_found', 'no such endpoint');
    return page(request, reply, 404, 'not_found');
  });
}
