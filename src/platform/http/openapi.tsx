import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { Table } from '../ui/components/index.ts';
import { Layout } from '../ui/layout.tsx';
import type { Assets } from './assets.ts';
import { pageContext, sendPage } from './context.ts';
import { apiDocsMessages } from './messages.ts';
import { PageQuery } from './schemas.ts';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: ParameterSchema;
}
interface ParameterSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: ParameterSchema[];
  pattern?: string;
}

/** A parameter's type as a reader wants it: `string`, or the allowed values of an enumeration. */
function describeType(schema: ParameterSchema | undefined): string {
  if (!schema) return '';
  // A union of literals arrives as anyOf, each branch with a one-value enum (or a const).
  const values =
    schema.enum ??
    schema.anyOf?.flatMap((branch) => branch.enum ?? (branch.const !== undefined ? [branch.const] : []));
  if (values && values.length > 0) return values.join(' | ');
  return [schema.type ?? []].flat().join(' | ');
}
/**
 * Route schemas carry an English `summary` (what OpenAPI tools show) and a
 * Chinese `description`; the reference page shows the one in the reader's language.
 */
interface Operation {
  summary?: string;
  security?: unknown[];
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  responses?: Record<string, { description?: string }>;
}
interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Registers OpenAPI generation; only routes under /api/v1 are part of the published API. */
export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `${config.platformName.en} API`,
        description: `${config.platformName['zh-CN']} — JSON API`,
        version: '1',
      },
      components: {
        securitySchemes: {
          token: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token (fuju_…) issued to a user; it acts with that user’s roles and scope.',
          },
        },
      },
    },
    // Routes open to anyone are published as such; every other route needs a token.
    transform: ({ schema, url, route }) => {
      const access = (route?.config as { access?: string } | undefined)?.access;
      const published = url.startsWith('/api/v1/') ? schema : { ...schema, hide: true };
      return {
        schema: access === 'public' ? published : { ...published, security: [{ token: [] }] },
        url,
      };
    },
  });
}

/** The machine-readable document, and a reference page rendered on the server (no script needed). */
export function openApiRoutes(
  app: FastifyInstance,
  { config, assets }: { config: Config; assets: Assets },
): void {
  app.get(
    '/api/v1/openapi.json',
    {
      config: { access: 'public' },
      schema: {
        summary: 'This API described in OpenAPI 3.1',
        description: '本接口的 OpenAPI 3.1 说明',
        tags: ['platform'],
        response: {
          200: { description: 'OpenAPI 3.1 document', type: 'object', additionalProperties: true },
        },
      },
    },
    async () => app.swagger(),
  );

  app.get(
    '/api/docs',
    { config: { access: 'public' }, schema: { hide: true, querystring: PageQuery } },
    async (request, reply) => {
      const ctx = pageContext(config, assets, request, reply);
      const t = apiDocsMessages.for(ctx.locale);
      const doc = app.swagger() as OpenApiDocument;
      const where: Record<string, string> = { path: t('inPath'), query: t('inQuery'), header: t('inHeader') };
      const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
        methods.flatMap((method) => (item[method] ? [{ path, method, op: item[method] }] : [])),
      );
      const slug = (method: string, path: string) => `${method}-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
      return sendPage(
        reply,
        <Layout ctx={ctx} title={t('title')}>
          <h1 class="fj-heading-l">{t('title')}</h1>
          <p class="fj-body">
            {t('intro')} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
          </p>
          <p class="fj-body">{t('errors', { shape: '{"error":{"code":"…","message":"…"}}' })}</p>
          <p class="fj-body">{t('authentication', { header: 'Authorization: Bearer <token>' })}</p>
          <ul class="fj-list">
            {operations.map(({ path, method }) => (
              <li>
                <a href={`#${slug(method, path)}`}>
                  <code>
                    {method.toUpperCase()} {path}
                  </code>
                </a>
              </li>
            ))}
          </ul>
          {operations.map(({ path, method, op }) => (
            <section class="fj-api-operation" aria-labelledby={slug(method, path)}>
              <h2 class="fj-heading-m" id={slug(method, path)}>
                <code>
                  {method.toUpperCase()} {path}
                </code>
              </h2>
              <p class="fj-body">{(ctx.locale === 'zh-CN' ? op.description : op.summary) ?? op.summary}</p>
              {op.security && op.security.length > 0 && (
                <p class="fj-body">
                  <strong class="fj-tag fj-tag--yellow">{t('needsToken')}</strong>
                </p>
              )}
              <h3 class="fj-heading-s">{t('parameters')}</h3>
              {op.parameters?.length ? (
                <Table
                  id={`${slug(method, path)}-parameters`}
                  caption={`${t('parameters')}: ${method.toUpperCase()} ${path}`}
                  captionVisuallyHidden
                  firstCellIsHeader
                  columns={[
                    { header: t('parameterName') },
                    { header: t('parameterIn') },
                    { header: t('parameterRequired') },
                    { header: t('parameterType') },
                    { header: t('parameterDescription') },
                  ]}
                  rows={op.parameters.map((p) => [
                    { content: <code>{p.name}</code> },
                    where[p.in] ?? p.in,
                    p.required ? t('yes') : t('no'),
                    {
                      content: <code>{describeType(p.schema)}</code>,
                    },
                    p.description ?? '',
                  ])}
                />
              ) : (
                <p class="fj-body">{t('none')}</p>
              )}
              <h3 class="fj-heading-s">{t('responses')}</h3>
              <ul class="fj-list">
                {Object.entries(op.responses ?? {}).map(([status, response]) => (
                  <li>
                    <code>{status}</code> {response.description ?? ''}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </Layout>,
      );
    },
  );
}
